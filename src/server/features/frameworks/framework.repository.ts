/**
 * Every query of the frameworks feature. A framework is visible to an organization when it is built in
 * (organization_id NULL) or imported by that organization; every read here is scoped that way.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { likePattern, type Db } from '../../kernel/db/database.js';
import type { TRequirementListQuery } from '../../../shared/contracts/frameworks.js';
import type { CatalogueTables, FrameworkOnlyTables, FrameworksTable, RequirementReferenceTables, RequirementsTable } from './framework.tables.js';

type FrameworkDb = Kysely<CatalogueTables>;
export const frameworkDb = (db: Db): FrameworkDb => db.withTables<FrameworkOnlyTables & RequirementReferenceTables>();

export interface FrameworkRow extends FrameworksTable {
  assessable_count: number;
  link_count: number;
}

/** Built-in frameworks, plus the organization's own when `organizationId` is given, with counts. */
export async function listFrameworks(db: FrameworkDb, organizationId: string | null): Promise<FrameworkRow[]> {
  const frameworks = await db
    .selectFrom('frameworks as f')
    .selectAll('f')
    .where((eb) => (organizationId ? eb.or([eb('f.organization_id', 'is', null), eb('f.organization_id', '=', organizationId)]) : eb('f.organization_id', 'is', null)))
    .orderBy('f.origin')
    .orderBy('f.name')
    .execute();
  if (frameworks.length === 0) return [];
  const ids = frameworks.map((f) => f.id);
  const assessable = await db
    .selectFrom('requirements')
    .select(['framework_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('framework_id', 'in', ids)
    .where('assessable', '=', 1)
    .groupBy('framework_id')
    .execute();
  const links = await db
    .selectFrom('requirement_links as l')
    .innerJoin('requirements as r', 'r.id', 'l.from_id')
    .select(['r.framework_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.framework_id', 'in', ids)
    .groupBy('r.framework_id')
    .execute();
  const incoming = await db
    .selectFrom('requirement_links as l')
    .innerJoin('requirements as r', 'r.id', 'l.to_id')
    .select(['r.framework_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.framework_id', 'in', ids)
    .groupBy('r.framework_id')
    .execute();
  const count = (rows: { framework_id: string; n: number }[], id: string) => Number(rows.find((r) => r.framework_id === id)?.n ?? 0);
  return frameworks.map((f) => ({ ...f, assessable_count: count(assessable, f.id), link_count: count(links, f.id) + count(incoming, f.id) }));
}

/** One framework if the organization may see it (built-in or its own); else undefined. */
export async function getVisibleFramework(db: FrameworkDb, organizationId: string | null, frameworkId: string): Promise<FrameworksTable | undefined> {
  return db
    .selectFrom('frameworks')
    .selectAll()
    .where('id', '=', frameworkId)
    .where((eb) => (organizationId ? eb.or([eb('organization_id', 'is', null), eb('organization_id', '=', organizationId)]) : eb('organization_id', 'is', null)))
    .executeTakeFirst();
}

export type RequirementRow = RequirementsTable & { child_count: number };

const childCount = sql<number>`(select count(*) from requirements c where c.parent_id = r.id)`;

export async function listRequirements(db: FrameworkDb, frameworkId: string, query: TRequirementListQuery): Promise<{ total: number; rows: RequirementRow[] }> {
  const where: Expression<SqlBool>[] = [sql<SqlBool>`r.framework_id = ${frameworkId}`];
  if (query.q) {
    const pattern = likePattern(query.q);
    where.push(sql<SqlBool>`r.search_text like ${pattern} escape '\\'`);
  }
  if (query.kind) where.push(sql<SqlBool>`r.kind = ${query.kind}`);
  if (query.theme) where.push(sql<SqlBool>`r.theme = ${query.theme}`);
  if (query.assessable) where.push(sql<SqlBool>`r.assessable = ${query.assessable === 'true' ? 1 : 0}`);
  if (query.parentId === 'root') where.push(sql<SqlBool>`r.parent_id is null`);
  else if (query.parentId) where.push(sql<SqlBool>`r.parent_id = ${query.parentId}`);
  const condition = sql<SqlBool>`${sql.join(where, sql` and `)}`;
  const total = await db
    .selectFrom('requirements as r')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(condition)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('requirements as r')
    .selectAll('r')
    .select(childCount.as('child_count'))
    .where(condition)
    .orderBy('r.sort_order')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { total: Number(total.n), rows };
}

export async function themesOf(db: FrameworkDb, frameworkId: string): Promise<string[]> {
  const rows = await db.selectFrom('requirements').select('theme').distinct().where('framework_id', '=', frameworkId).where('theme', 'is not', null).orderBy('theme').execute();
  return rows.map((r) => r.theme!);
}

export async function getRequirement(db: FrameworkDb, requirementId: string): Promise<RequirementRow | undefined> {
  return db.selectFrom('requirements as r').selectAll('r').select(childCount.as('child_count')).where('r.id', '=', requirementId).executeTakeFirst();
}

export async function requirementsById(db: FrameworkDb, ids: string[]): Promise<RequirementRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('requirements as r').selectAll('r').select(childCount.as('child_count')).where('r.id', 'in', ids).execute();
}

export async function childrenOf(db: FrameworkDb, requirementId: string): Promise<RequirementRow[]> {
  return db.selectFrom('requirements as r').selectAll('r').select(childCount.as('child_count')).where('r.parent_id', '=', requirementId).orderBy('r.sort_order').execute();
}

interface LinkRow {
  direction: 'outgoing' | 'incoming';
  source: 'nist_sp800_66r2' | 'nist_olir' | 'custos';
  strength: 'strong' | 'moderate' | 'weak';
  note: string | null;
  other: RequirementRow & { framework_short_name: string };
}

/** Links in both directions, to requirements of frameworks the organization can see. */
export async function linksOf(db: FrameworkDb, organizationId: string, requirementId: string): Promise<LinkRow[]> {
  const select = (direction: 'outgoing' | 'incoming') =>
    db
      .selectFrom('requirement_links as l')
      .innerJoin('requirements as r', 'r.id', direction === 'outgoing' ? 'l.to_id' : 'l.from_id')
      .innerJoin('frameworks as f', 'f.id', 'r.framework_id')
      .select(['l.source', 'l.strength', 'l.note', 'f.short_name as framework_short_name'])
      .selectAll('r')
      .select(childCount.as('child_count'))
      .where(direction === 'outgoing' ? 'l.from_id' : 'l.to_id', '=', requirementId)
      .where((eb) => eb.or([eb('f.organization_id', 'is', null), eb('f.organization_id', '=', organizationId)]))
      .orderBy('f.short_name')
      .orderBy('r.sort_order')
      .execute();
  const [outgoing, incoming] = await Promise.all([select('outgoing'), select('incoming')]);
  const toLink = (direction: 'outgoing' | 'incoming') => (row: (typeof outgoing)[number]): LinkRow => {
    const { source, strength, note, ...other } = row;
    return { direction, source, strength, note, other };
  };
  return [...outgoing.map(toLink('outgoing')), ...incoming.map(toLink('incoming'))];
}

export async function frameworkWithKeyVersion(db: FrameworkDb, organizationId: string | null, key: string, version: string): Promise<FrameworksTable | undefined> {
  return db
    .selectFrom('frameworks')
    .selectAll()
    .where((eb) => (organizationId ? eb('organization_id', '=', organizationId) : eb('organization_id', 'is', null)))
    .where('key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** How many control links (of any organization) point into a framework: it cannot be removed then. */
export async function controlLinkCount(db: FrameworkDb, frameworkId: string): Promise<number> {
  const row = await db
    .selectFrom('control_requirements as cr')
    .innerJoin('requirements as r', 'r.id', 'cr.requirement_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.framework_id', '=', frameworkId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

interface CrosswalkExportRow {
  from_framework: string;
  from_ref: string;
  from_title: string;
  to_framework: string;
  to_ref: string;
  to_title: string;
  source: 'nist_sp800_66r2' | 'nist_olir' | 'custos';
  strength: 'strong' | 'moderate' | 'weak';
  note: string | null;
}

/** Every link from or to a framework's requirements, to frameworks the organization sees, in tree order. */
export async function crosswalkOf(db: FrameworkDb, organizationId: string, frameworkId: string): Promise<CrosswalkExportRow[]> {
  return db
    .selectFrom('requirement_links as l')
    .innerJoin('requirements as a', 'a.id', 'l.from_id')
    .innerJoin('requirements as b', 'b.id', 'l.to_id')
    .innerJoin('frameworks as fa', 'fa.id', 'a.framework_id')
    .innerJoin('frameworks as fb', 'fb.id', 'b.framework_id')
    .select(['fa.short_name as from_framework', 'a.ref as from_ref', 'a.title as from_title', 'fb.short_name as to_framework', 'b.ref as to_ref', 'b.title as to_title', 'l.source', 'l.strength', 'l.note'])
    .where((eb) => eb.or([eb('a.framework_id', '=', frameworkId), eb('b.framework_id', '=', frameworkId)]))
    .where((eb) => eb.or([eb('fa.organization_id', 'is', null), eb('fa.organization_id', '=', organizationId)]))
    .where((eb) => eb.or([eb('fb.organization_id', 'is', null), eb('fb.organization_id', '=', organizationId)]))
    .orderBy('fa.short_name')
    .orderBy('a.sort_order')
    .orderBy('fb.short_name')
    .orderBy('b.sort_order')
    .orderBy('l.source')
    .execute();
}
