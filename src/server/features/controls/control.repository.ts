/**
 * Every query of the control register. Reads are scoped in SQL to the organization, plus the inheritable
 * controls of the groups above it (read-only there); counts come from correlated sub-queries on indexed
 * link tables, so a page costs the same whatever the register's size (no N+1).
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { TControlListQuery } from '../../../shared/contracts/controls.js';
import { likePattern, toNumber, type Db } from '../../kernel/db/database.js';
import type { ControlOnlyTables, ControlTables } from './control.tables.js';

export type ControlDb = Kysely<ControlTables>;
export const controlDb = (db: Db): ControlDb => db.withTables<ControlOnlyTables>();

const SORT_COLUMNS = {
  code: 'c.code',
  name: 'c.name_lower',
  category: 'c.category',
  status: 'c.status',
  effectiveness: 'c.effectiveness',
  owner: 'c.owner',
  nextReviewOn: 'c.next_review_on',
  updatedAt: 'c.updated_at',
} as const;

/** The organization's own controls, or an inheritable control of one of its ancestors. */
export function visibleTo(organizationId: string, ancestors: string[]): RawBuilder<SqlBool> {
  if (ancestors.length === 0) return sql<SqlBool>`c.organization_id = ${organizationId}`;
  return sql<SqlBool>`(c.organization_id = ${organizationId} or (c.organization_id in (${sql.join(ancestors)}) and c.inheritable = 1))`;
}

function conditions(organizationId: string, ancestors: string[], query: TControlListQuery, today: string): RawBuilder<SqlBool>[] {
  const where: RawBuilder<SqlBool>[] = [visibleTo(organizationId, ancestors)];
  if (query.status) where.push(sql<SqlBool>`c.status = ${query.status}`);
  if (query.category) where.push(sql<SqlBool>`c.category = ${query.category}`);
  if (query.effectiveness) where.push(sql<SqlBool>`c.effectiveness = ${query.effectiveness}`);
  if (query.owner) where.push(sql<SqlBool>`lower(c.owner) like ${likePattern(query.owner)} escape '\\'`);
  if (query.q) {
    const pattern = likePattern(query.q);
    where.push(sql<SqlBool>`(c.name_lower like ${pattern} escape '\\' or lower(c.code) like ${pattern} escape '\\' or lower(c.description) like ${pattern} escape '\\')`);
  }
  if (query.requirementId) where.push(sql<SqlBool>`exists (select 1 from control_requirements cr where cr.control_id = c.id and cr.requirement_id = ${query.requirementId})`);
  if (query.frameworkId) {
    where.push(sql<SqlBool>`exists (select 1 from control_requirements cr join requirements r on r.id = cr.requirement_id where cr.control_id = c.id and r.framework_id = ${query.frameworkId})`);
  }
  if (query.expiredEvidence) {
    where.push(sql<SqlBool>`${sql.raw(query.expiredEvidence === 'yes' ? '' : 'not ')}exists (select 1 from evidence e where e.control_id = c.id and e.expires_on < ${today})`);
  }
  if (query.inherited) where.push(query.inherited === 'yes' ? sql<SqlBool>`c.organization_id <> ${organizationId}` : sql<SqlBool>`c.organization_id = ${organizationId}`);
  return where;
}

/**
 * A link is shown to the organization only when it may open the requirement: the built-in catalogue or its
 * own imported frameworks. A group's inherited control may also point at the group's own imports.
 */
function frameworkVisibleTo(organizationId: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(f.organization_id is null or f.organization_id = ${organizationId})`;
}

function withCounts(db: ControlDb, organizationId: string, where: RawBuilder<SqlBool>, today: string) {
  return db
    .selectFrom('controls as c')
    .innerJoin('organizations as o', 'o.id', 'c.organization_id')
    .where(where)
    .selectAll('c')
    .select('o.name as organization_name')
    .select(
      sql<number>`(select count(*) from control_requirements cr join requirements r on r.id = cr.requirement_id join frameworks f on f.id = r.framework_id where cr.control_id = c.id and ${frameworkVisibleTo(organizationId)})`.as(
        'requirement_count',
      ),
    )
    .select(sql<number>`(select count(*) from control_assets ca where ca.control_id = c.id)`.as('asset_count'))
    .select(sql<number>`(select count(*) from evidence e where e.control_id = c.id)`.as('evidence_count'))
    .select(sql<number>`(select count(*) from evidence e where e.control_id = c.id and e.expires_on < ${today})`.as('expired_evidence_count'));
}

export async function listControls(db: ControlDb, organizationId: string, ancestors: string[], query: TControlListQuery, today: string) {
  const where = sql<SqlBool>`${sql.join(conditions(organizationId, ancestors, query, today), sql` and `)}`;
  const countRow = await db.selectFrom('controls as c').where(where).select((eb) => eb.fn.countAll().as('total')).executeTakeFirst();
  const rows = await withCounts(db, organizationId, where, today)
    .orderBy(SORT_COLUMNS[query.sort], query.direction)
    .orderBy('c.code', query.direction)
    .orderBy('c.id', query.direction)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { total: toNumber(countRow?.total), rows };
}

export type ControlRow = Awaited<ReturnType<typeof listControls>>['rows'][number];

export function getControl(db: ControlDb, organizationId: string, ancestors: string[], controlId: string, today: string): Promise<ControlRow | undefined> {
  return withCounts(db, organizationId, sql<SqlBool>`${visibleTo(organizationId, ancestors)} and c.id = ${controlId}`, today).executeTakeFirst();
}

/** Whether the organization can see the control (own, or inherited): one lookup by key, no counts. */
export async function isControlVisible(db: ControlDb, organizationId: string, ancestors: string[], controlId: string): Promise<boolean> {
  const row = await db.selectFrom('controls as c').select('c.id').where(visibleTo(organizationId, ancestors)).where('c.id', '=', controlId).executeTakeFirst();
  return row !== undefined;
}

/** A control of the organization itself (the only kind that may be changed from it). */
export function ownControl(db: ControlDb, organizationId: string, controlId: string) {
  return db.selectFrom('controls').selectAll().where('organization_id', '=', organizationId).where('id', '=', controlId).executeTakeFirst();
}

/** The control's requirement links the viewing organization may open (see `frameworkVisibleTo`). */
export function linkedRequirements(db: ControlDb, controlId: string, viewerOrganizationId: string) {
  return db
    .selectFrom('control_requirements as cr')
    .innerJoin('requirements as r', 'r.id', 'cr.requirement_id')
    .innerJoin('frameworks as f', 'f.id', 'r.framework_id')
    .select(['r.id', 'r.framework_id', 'f.short_name as framework_name', 'r.ref', 'r.title', 'r.kind', 'r.obligation'])
    .where('cr.control_id', '=', controlId)
    .where(frameworkVisibleTo(viewerOrganizationId))
    .orderBy('f.short_name')
    .orderBy('r.sort_order')
    .orderBy('r.ref')
    .execute();
}

export function linkedAssets(db: ControlDb, controlId: string) {
  return db
    .selectFrom('control_assets as ca')
    .innerJoin('assets as a', 'a.id', 'ca.asset_id')
    .select(['a.id', 'a.name', 'a.type', 'a.owner'])
    .where('ca.control_id', '=', controlId)
    .orderBy('a.name')
    .execute();
}

export function evidenceOf(db: ControlDb, controlId: string) {
  return db.selectFrom('evidence').selectAll().where('control_id', '=', controlId).orderBy('created_at', 'desc').orderBy('id').execute();
}

/** Requirements the organization may link: the built-in catalogue and its own imported frameworks. */
export function visibleRequirements(db: ControlDb, organizationId: string) {
  return db
    .selectFrom('requirements as r')
    .innerJoin('frameworks as f', 'f.id', 'r.framework_id')
    .where((eb) => eb.or([eb('f.organization_id', 'is', null), eb('f.organization_id', '=', organizationId)]));
}

export function requirementOptions(db: ControlDb, organizationId: string, input: { q?: string; frameworkId?: string; limit: number }) {
  let query = visibleRequirements(db, organizationId).select(['r.id', 'r.framework_id', 'f.short_name as framework_name', 'r.ref', 'r.title', 'r.kind', 'r.obligation']);
  if (input.frameworkId) query = query.where('r.framework_id', '=', input.frameworkId);
  if (input.q) query = query.where(sql<SqlBool>`r.search_text like ${likePattern(input.q)} escape '\\'`);
  return query.orderBy('f.short_name').orderBy('r.sort_order').orderBy('r.ref').limit(input.limit).execute();
}

export function visibleFrameworks(db: ControlDb, organizationId: string) {
  return db
    .selectFrom('frameworks')
    .select(['id', 'short_name'])
    .where((eb) => eb.or([eb('organization_id', 'is', null), eb('organization_id', '=', organizationId)]))
    .orderBy('short_name')
    .execute();
}

export async function nextFreeCode(db: ControlDb, organizationId: string): Promise<string> {
  const row = await db.selectFrom('controls').select((eb) => eb.fn.countAll().as('n')).where('organization_id', '=', organizationId).executeTakeFirst();
  let n = toNumber(row?.n) + 1;
  for (;;) {
    const code = `CTL-${String(n).padStart(3, '0')}`;
    const taken = await db.selectFrom('controls').select('id').where('organization_id', '=', organizationId).where('code', '=', code).executeTakeFirst();
    if (!taken) return code;
    n += 1;
  }
}
