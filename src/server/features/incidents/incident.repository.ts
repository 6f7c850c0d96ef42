/**
 * Every query of the incident register core (ISO/IEC 27001:2022 A.5.24–A.5.28; 45 CFR 164.308(a)(6)).
 * Reads are scoped in SQL to the organization; the register is filtered, sorted and paged in SQL, and a
 * row's open and overdue obligation counts and its next due instant come from correlated sub-queries on
 * incident_obligations (index: organization, required, done_at, due_at), so a page costs one statement
 * and its count another (no N+1). Obligation state is computed against `now`, never stored.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import { INCIDENT_STATUSES, type TIncidentListQuery } from '../../../shared/contracts/incidents.js';
import type { Trx } from '../../kernel/audit/record.js';
import { likePattern, toNumber, type Db } from '../../kernel/db/database.js';
import type { IncidentTables } from './incident.tables.js';

export type IncidentExecutor = Db | Kysely<IncidentTables> | Transaction<IncidentTables> | Trx;
export type IncidentTrx = Transaction<IncidentTables>;
export const incidentDb = (db: IncidentExecutor): Kysely<IncidentTables> => db as unknown as Kysely<IncidentTables>;

/** `INC-0007` (at least four digits; more once an organization passes 9,999). */
export function incidentRef(refNumber: number): string {
  return `INC-${String(refNumber).padStart(4, '0')}`;
}

/** `INC-0007`, `inc7`, `7`: a reference typed into the search box. */
export function refNumberOf(q: string): number | null {
  const match = /^(?:inc-?)?0*(\d{1,9})$/iu.exec(q.trim());
  return match ? Number(match[1]) : null;
}

/** The next free reference number of the organization (max + 1 in the caller's transaction; the unique index guards a race). */
export async function nextRefNumber(db: IncidentExecutor, organizationId: string): Promise<number> {
  const row = await incidentDb(db).selectFrom('incidents').select((eb) => eb.fn.max('ref_number').as('n')).where('organization_id', '=', organizationId).executeTakeFirst();
  return toNumber(row?.n) + 1;
}

/** The bare stored row of an incident of the organization, or undefined (also for another organization's). */
export function ownIncident(db: IncidentExecutor, organizationId: string, incidentId: string) {
  return incidentDb(db).selectFrom('incidents').selectAll().where('organization_id', '=', organizationId).where('id', '=', incidentId).executeTakeFirst();
}
export type IncidentRow = NonNullable<Awaited<ReturnType<typeof ownIncident>>>;

/** Which of the asset ids are assets of the organization. */
export async function assetsOf(db: IncidentExecutor, organizationId: string, assetIds: readonly string[]): Promise<Set<string>> {
  if (assetIds.length === 0) return new Set();
  const rows = await incidentDb(db).selectFrom('assets').select('id').where('organization_id', '=', organizationId).where('id', 'in', [...new Set(assetIds)]).execute();
  return new Set(rows.map((r) => r.id));
}

export function linkedAssets(db: IncidentExecutor, incidentId: string) {
  return incidentDb(db)
    .selectFrom('incident_assets as ia')
    .innerJoin('assets as a', 'a.id', 'ia.asset_id')
    .select(['a.id', 'a.name', 'a.type', 'a.handles_ephi'])
    .where('ia.incident_id', '=', incidentId)
    .orderBy('a.name_lower')
    .orderBy('a.id')
    .execute();
}

export async function linkedAssetIds(db: IncidentExecutor, incidentId: string): Promise<string[]> {
  const rows = await incidentDb(db).selectFrom('incident_assets').select('asset_id').where('incident_id', '=', incidentId).orderBy('asset_id').execute();
  return rows.map((r) => r.asset_id);
}

export async function replaceAssets(trx: IncidentExecutor, incidentId: string, assetIds: readonly string[]): Promise<void> {
  const db = incidentDb(trx);
  await db.deleteFrom('incident_assets').where('incident_id', '=', incidentId).execute();
  const rows = [...new Set(assetIds)].map((asset_id) => ({ incident_id: incidentId, asset_id }));
  if (rows.length > 0) await db.insertInto('incident_assets').values(rows).execute();
}

/** Display names of users, for the ids given. */
export async function peopleNames(db: IncidentExecutor, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  if (wanted.length === 0) return new Map();
  const rows = await incidentDb(db).selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Whether the user holds a current membership in one of the organizations. */
export async function isMemberOfAny(db: IncidentExecutor, userId: string, organizationIds: readonly string[], now: string): Promise<boolean> {
  const row = await incidentDb(db)
    .selectFrom('memberships')
    .select('id')
    .where('user_id', '=', userId)
    .where('organization_id', 'in', [...organizationIds])
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  return row !== undefined;
}

// ---- The register ----

/** SQL: obligation `o` is open (required, not done). */
const OPEN = sql`o.required = 1 and o.done_at is null`;
const openCount = sql<number>`(select count(*) from incident_obligations o where o.incident_id = i.id and ${OPEN})`;
const overdueCount = (now: string) => sql<number>`(select count(*) from incident_obligations o where o.incident_id = i.id and ${OPEN} and o.due_at is not null and o.due_at < ${now})`;
const nextDue = sql<string | null>`(select min(o.due_at) from incident_obligations o where o.incident_id = i.id and ${OPEN})`;

export type ListFilters = Omit<TIncidentListQuery, 'page' | 'pageSize' | 'sort' | 'dir'>;

function conditions(organizationId: string, query: ListFilters, now: string): RawBuilder<SqlBool>[] {
  const where: RawBuilder<SqlBool>[] = [sql<SqlBool>`i.organization_id = ${organizationId}`];
  if (query.archived === 'exclude' || query.archived === undefined) where.push(sql<SqlBool>`i.archived_at is null`);
  if (query.archived === 'only') where.push(sql<SqlBool>`i.archived_at is not null`);
  if (query.status === 'open') where.push(sql<SqlBool>`i.status <> 'closed'`);
  else if (query.status) where.push(sql<SqlBool>`i.status = ${query.status}`);
  if (query.category) where.push(sql<SqlBool>`i.category = ${query.category}`);
  if (query.severity) where.push(sql<SqlBool>`i.severity = ${query.severity}`);
  if (query.handler === 'none') where.push(sql<SqlBool>`i.handler_user_id is null`);
  else if (query.handler) where.push(sql<SqlBool>`i.handler_user_id = ${query.handler}`);
  const hipaa = sql`i.hipaa_conclusion = 'breach'`;
  const gdpr = sql`i.gdpr_conclusion in ('risk', 'high')`;
  const notAssessed = sql`(i.hipaa_conclusion = 'not_assessed' and i.gdpr_conclusion = 'not_assessed')`;
  switch (query.breach) {
    case 'hipaa':
      where.push(sql<SqlBool>`${hipaa}`);
      break;
    case 'gdpr':
      where.push(sql<SqlBool>`${gdpr}`);
      break;
    case 'any':
      where.push(sql<SqlBool>`(${hipaa} or ${gdpr})`);
      break;
    case 'none':
      where.push(sql<SqlBool>`not (${hipaa} or ${gdpr}) and not ${notAssessed}`);
      break;
    case 'not_assessed':
      where.push(sql<SqlBool>`${notAssessed}`);
      break;
    default:
      break;
  }
  if (query.clocks === 'open') where.push(sql<SqlBool>`exists (select 1 from incident_obligations o where o.incident_id = i.id and ${OPEN})`);
  if (query.clocks === 'overdue') where.push(sql<SqlBool>`exists (select 1 from incident_obligations o where o.incident_id = i.id and ${OPEN} and o.due_at is not null and o.due_at < ${now})`);
  if (query.q) {
    const ref = refNumberOf(query.q);
    const title = sql`i.title_lower like ${likePattern(query.q)} escape '\\'`;
    where.push(ref === null ? sql<SqlBool>`${title}` : sql<SqlBool>`(${title} or i.ref_number = ${ref})`);
  }
  return where;
}

/** `case` over an ordered vocabulary: its position, so a sort follows the vocabulary's order, not the alphabet. */
function rankOf(column: RawBuilder<unknown>, keys: readonly string[]): RawBuilder<number> {
  if (keys.length === 0) return sql<number>`null`;
  return sql<number>`(case ${column} ${sql.join(keys.map((k, i) => sql`when ${k} then ${sql.lit(i)}`), sql` `)} else null end)`;
}

/** Nulls (no severity, no date, no open clock) sort last in both directions. */
function sortTerms(sort: TIncidentListQuery['sort'] & string, dir: 'asc' | 'desc', severityKeys: readonly string[]): RawBuilder<unknown>[] {
  const d = sql.raw(dir);
  const lastIfNull = (expr: RawBuilder<unknown>) => sql`(case when ${expr} is null then 1 else 0 end) asc`;
  const nullable = (expr: RawBuilder<unknown>) => [lastIfNull(expr), sql`${expr} ${d}`];
  switch (sort) {
    case 'ref':
      return [];
    case 'title':
      return [sql`i.title_lower ${d}`];
    case 'severity':
      return nullable(rankOf(sql`i.severity`, severityKeys));
    case 'status':
      return [sql`${rankOf(sql`i.status`, INCIDENT_STATUSES)} ${d}`];
    case 'category':
      return [sql`i.category ${d}`];
    case 'reportedAt':
      return [sql`i.reported_at ${d}`];
    case 'discoveredAt':
      return nullable(sql`i.discovered_at`);
    case 'updatedAt':
      return [sql`i.updated_at ${d}`];
    case 'nextDueAt':
      return nullable(nextDue);
    default:
      return [];
  }
}

export interface ListRow {
  id: string;
  ref_number: unknown;
  title: string;
  category: string;
  severity: string | null;
  status: string;
  reported_at: string;
  discovered_at: string | null;
  handler_user_id: string | null;
  handler_name: string | null;
  individuals_total: unknown;
  hipaa_conclusion: string;
  gdpr_conclusion: string;
  open_obligations: unknown;
  overdue_obligations: unknown;
  next_due_at: string | null;
  archived_at: string | null;
  updated_at: string;
}

/** One page of the register and the total, filtered, sorted and paged in SQL. */
export async function listIncidents(db: IncidentExecutor, input: { organizationId: string; query: TIncidentListQuery & { page: number; pageSize: number }; now: string; severityKeys: readonly string[] }): Promise<{ rows: ListRow[]; total: number }> {
  const { query } = input;
  const where = sql<SqlBool>`${sql.join(conditions(input.organizationId, query, input.now), sql` and `)}`;
  // Only these two words ever reach sql.raw, whatever a caller passes.
  const dir = query.dir === 'asc' ? 'asc' : 'desc';
  const order = [...sortTerms(query.sort ?? 'reportedAt', dir, input.severityKeys), sql`i.ref_number ${sql.raw(dir)}`, sql`i.id ${sql.raw(dir)}`];
  const offset = (query.page - 1) * query.pageSize;
  const k = incidentDb(db);
  const [count, page] = await Promise.all([
    sql<{ n: unknown }>`select count(*) as n from incidents i where ${where}`.execute(k),
    sql<ListRow>`select i.id, i.ref_number, i.title, i.category, i.severity, i.status, i.reported_at, i.discovered_at, i.handler_user_id, h.display_name as handler_name,
        i.individuals_total, i.hipaa_conclusion, i.gdpr_conclusion, ${openCount} as open_obligations, ${overdueCount(input.now)} as overdue_obligations, ${nextDue} as next_due_at,
        i.archived_at, i.updated_at
      from incidents i left join users h on h.id = i.handler_user_id
      where ${where} order by ${sql.join(order)} limit ${query.pageSize} offset ${offset}`.execute(k),
  ]);
  return { rows: page.rows, total: toNumber(count.rows[0]?.n) };
}

/** The obligation counts of one incident (the detail view shows the same figures as its register row). */
export async function obligationCounts(db: IncidentExecutor, incidentId: string, now: string): Promise<{ open: number; overdue: number; nextDueAt: string | null }> {
  const result = await sql<{ open_obligations: unknown; overdue_obligations: unknown; next_due_at: string | null }>`select ${openCount} as open_obligations, ${overdueCount(now)} as overdue_obligations, ${nextDue} as next_due_at from incidents i where i.id = ${incidentId}`.execute(incidentDb(db));
  const row = result.rows[0];
  return { open: toNumber(row?.open_obligations), overdue: toNumber(row?.overdue_obligations), nextDueAt: row?.next_due_at ?? null };
}

/** The caller's own reports, newest first (at most 200). */
export function reportsBy(db: IncidentExecutor, organizationId: string, userId: string) {
  return incidentDb(db)
    .selectFrom('incidents')
    .select(['id', 'ref_number', 'title', 'category', 'status', 'reported_at'])
    .where('organization_id', '=', organizationId)
    .where('reported_by', '=', userId)
    .orderBy('reported_at', 'desc')
    .orderBy('ref_number', 'desc')
    .limit(200)
    .execute();
}
