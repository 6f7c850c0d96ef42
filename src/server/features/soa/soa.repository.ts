/**
 * Every query of the Statement of Applicability (ISO/IEC 27001:2022 6.1.3 d). Every read is scoped to the
 * organization(s) in SQL; a whole SoA is a fixed number of queries whatever the number of rows or sites.
 */
import { sql, type Kysely } from 'kysely';
import { SOA_FRAMEWORK_ID } from '../../../shared/contracts/soa.js';
import { toNumber, type Db } from '../../kernel/db/database.js';
import { engineOf } from '../../kernel/db/migrate.js';
import type { ComplianceOnlyTables, ComplianceTables, SoaEntriesTable, SoaVersionsTable } from './soa.tables.js';

export type SoaDb = Kysely<ComplianceTables>;
export const soaDb = (db: Db): SoaDb => db.withTables<ComplianceOnlyTables>();

export interface AnnexRequirement {
  id: string;
  ref: string;
  title: string;
  theme: string | null;
}

/** The 93 Annex A controls of the built-in catalogue, in catalogue order. */
export function annexRequirements(db: SoaDb): Promise<AnnexRequirement[]> {
  return db
    .selectFrom('requirements')
    .select(['id', 'ref', 'title', 'theme'])
    .where('framework_id', '=', SOA_FRAMEWORK_ID)
    .where('kind', '=', 'control')
    .orderBy('sort_order')
    .orderBy('ref')
    .execute();
}

export function annexRequirementByRef(db: SoaDb, ref: string): Promise<AnnexRequirement | undefined> {
  return db.selectFrom('requirements').select(['id', 'ref', 'title', 'theme']).where('framework_id', '=', SOA_FRAMEWORK_ID).where('kind', '=', 'control').where('ref', '=', ref).executeTakeFirst();
}

/**
 * `lock` (inside a transaction that will write them): PostgreSQL locks the rows read (FOR UPDATE), so a
 * concurrent edit of the same row waits and then merges onto this one instead of overwriting it; SQLite
 * serialises writers itself.
 */
export function entriesOf(db: SoaDb, organizationIds: readonly string[], options: { lock?: boolean } = {}): Promise<SoaEntriesTable[]> {
  if (organizationIds.length === 0) return Promise.resolve([]);
  let query = db.selectFrom('soa_entries').selectAll().where('organization_id', 'in', [...organizationIds]);
  if (options.lock && engineOf(db) === 'postgres') query = query.forUpdate();
  return query.execute();
}

export function entryOf(db: SoaDb, organizationId: string, requirementId: string, options: { lock?: boolean } = {}): Promise<SoaEntriesTable | undefined> {
  let query = db.selectFrom('soa_entries').selectAll().where('organization_id', '=', organizationId).where('requirement_id', '=', requirementId);
  if (options.lock && engineOf(db) === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

/**
 * The first write of a row. False when another transaction created the same row meanwhile (the primary key
 * organization_id + requirement_id): the caller re-reads and merges, or answers 409 — never a 500.
 */
export async function insertEntryIfAbsent(db: SoaDb, row: SoaEntriesTable): Promise<boolean> {
  const result = await db
    .insertInto('soa_entries')
    .values(row)
    .onConflict((oc) => oc.columns(['organization_id', 'requirement_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function updateEntryRow(db: SoaDb, row: SoaEntriesTable): Promise<void> {
  const { organization_id: organizationId, requirement_id: requirementId, ...patch } = row;
  await db.updateTable('soa_entries').set(patch).where('organization_id', '=', organizationId).where('requirement_id', '=', requirementId).execute();
}

/** Evidence per control: current, and expired before `today` (YYYY-MM-DD). */
export async function evidenceCounts(db: SoaDb, controlIds: readonly string[], today: string): Promise<Map<string, { current: number; expired: number }>> {
  const result = new Map<string, { current: number; expired: number }>();
  if (controlIds.length === 0) return result;
  const rows = await db
    .selectFrom('evidence')
    .select(['control_id'])
    .select((eb) => [eb.fn.countAll().as('total'), sql<number>`sum(case when expires_on is not null and expires_on < ${today} then 1 else 0 end)`.as('expired')])
    .where('control_id', 'in', [...controlIds])
    .groupBy('control_id')
    .execute();
  for (const row of rows) {
    const expired = toNumber(row.expired);
    result.set(row.control_id, { current: toNumber(row.total) - expired, expired });
  }
  return result;
}

export async function organizationNames(db: SoaDb, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Display names of users by id; an id that is no user (a CLI actor's label) is its own name. */
export async function personNames(db: SoaDb, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter(Boolean))];
  const uuids = unique.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const rows = uuids.length ? await db.selectFrom('users').select(['id', 'display_name', 'email']).where('id', 'in', uuids).execute() : [];
  const names = new Map(rows.map((r) => [r.id, r.display_name || r.email]));
  for (const id of unique) if (!names.has(id)) names.set(id, id);
  return names;
}

export function listVersions(db: SoaDb, organizationId: string): Promise<SoaVersionsTable[]> {
  return db
    .selectFrom('soa_versions')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('number', 'desc')
    .execute();
}

export function versionByNumber(db: SoaDb, organizationId: string, number: number): Promise<SoaVersionsTable | undefined> {
  return db.selectFrom('soa_versions').selectAll().where('organization_id', '=', organizationId).where('number', '=', number).executeTakeFirst();
}

export function latestVersion(db: SoaDb, organizationId: string): Promise<SoaVersionsTable | undefined> {
  return db.selectFrom('soa_versions').selectAll().where('organization_id', '=', organizationId).orderBy('number', 'desc').limit(1).executeTakeFirst();
}

/** The direct sites of a group (organizations whose parent it is). */
export function sitesOf(db: SoaDb, organizationId: string): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('organizations').select(['id', 'name']).where('parent_id', '=', organizationId).orderBy('name').execute();
}

export interface ControlLinkRow {
  requirement_id: string;
  organization_id: string;
  status: 'planned' | 'in_progress' | 'implemented' | 'not_applicable';
  effectiveness: 'not_assessed' | 'ineffective' | 'partially_effective' | 'effective';
  inheritable: number;
}

/**
 * For the group view: the Annex A links of the given sites' own controls and of the inheritable controls of
 * the given ancestors, in one query.
 */
export function annexLinksOf(db: SoaDb, siteIds: readonly string[], ancestorIds: readonly string[]): Promise<ControlLinkRow[]> {
  if (siteIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('control_requirements as cr')
    .innerJoin('controls as c', 'c.id', 'cr.control_id')
    .innerJoin('requirements as r', 'r.id', 'cr.requirement_id')
    .select(['cr.requirement_id', 'c.organization_id', 'c.status', 'c.effectiveness', 'c.inheritable'])
    .where('r.framework_id', '=', SOA_FRAMEWORK_ID)
    .where((eb) =>
      ancestorIds.length === 0
        ? eb('c.organization_id', 'in', [...siteIds])
        : eb.or([eb('c.organization_id', 'in', [...siteIds]), eb.and([eb('c.organization_id', 'in', [...ancestorIds]), eb('c.inheritable', '=', 1)])]),
    )
    .execute();
}
