/**
 * Every query of the risk register (ISO/IEC 27001:2022 6.1.2 e, 8.2: the register of assessed risks).
 * Reads are scoped in SQL to the organization (and, at a group, the sites the caller may read); filters,
 * sorting and paging run in SQL over the stored derived columns (level rank/key, aggregated impact), and a
 * page's counts and acceptance state come from correlated sub-queries on indexed tables (no N+1).
 *
 * Derived at read time, never from a stored flag: whether a risk involves ePHI (any linked asset handles
 * ePHI, so a later change of the asset shows at once), open and overdue task counts, review overdue and
 * the acceptance state (the latest acceptance and clinical sign-off against today and the level now).
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { AcceptanceState, RiskStage, TRiskListQuery } from '../../../shared/contracts/risks.js';
import type { Trx } from '../../kernel/audit/record.js';
import { likePattern, toNumber, type Db } from '../../kernel/db/database.js';
import { engineOf } from '../../kernel/db/migrate.js';
import type { RiskTables } from './risk.tables.js';

export type RiskRepoDb = Kysely<RiskTables>;
export const repoDb = (db: Db | Trx): RiskRepoDb => db as unknown as RiskRepoDb;

/** The acceptance stage's level rank now: residual when assessed, else current, else inherent. */
const NOW_RANK = sql`coalesce(r.residual_level_rank, r.current_level_rank, r.inherent_level_rank)`;

/** The latest record of a kind for risk `r` (index risk_acceptances_risk_idx: risk_id, kind, accepted_at). */
function latestRecordId(kind: 'acceptance' | 'clinical_sign_off'): RawBuilder<string> {
  return sql<string>`(select a.id from risk_acceptances a where a.risk_id = r.id and a.kind = ${kind} order by a.accepted_at desc, a.id desc limit 1)`;
}

/**
 * SQL: the acceptance state of risk `r` with its latest acceptance `la` and sign-off `ls` joined, by the
 * rules of ACCEPTANCE_STATES and `acceptanceState` (risk-acceptance.policy.ts): stale when the acceptance
 * expired (expires_on is its last valid day) or the level rose above the accepted one; awaiting_sign_off
 * when a patient-safety risk lacks a sign-off that holds by the same rules.
 */
function acceptanceStateSql(today: string): RawBuilder<AcceptanceState> {
  const stale = (t: string) => sql`((${sql.ref(`${t}.expires_on`)} is not null and ${sql.ref(`${t}.expires_on`)} < ${today}) or ${sql.ref(`${t}.level_rank`)} < ${NOW_RANK})`;
  return sql<AcceptanceState>`(case when la.id is null then 'none' when ${stale('la')} then 'stale' when r.patient_safety = 1 and (ls.id is null or ${stale('ls')}) then 'awaiting_sign_off' else 'accepted' end)`;
}

/** SQL: some linked asset of risk `r` handles ePHI. */
const HANDLES_EPHI = sql<SqlBool>`exists (select 1 from risk_assets ra join assets a on a.id = ra.asset_id where ra.risk_id = r.id and a.handles_ephi = 1)`;

/** SQL: risk `r` is open and its next review date has passed. */
function reviewOverdueSql(today: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(r.status = 'open' and r.next_review_on is not null and r.next_review_on < ${today})`;
}

export type ListFilters = Omit<TRiskListQuery, 'page' | 'pageSize' | 'sort' | 'direction' | 'includeSites' | 'siteId'>;

/** `R-0012`, `r12`, `12`: a reference typed into the search box. */
function refNumberOf(q: string): number | null {
  const match = /^(?:r-?)?0*(\d{1,9})$/iu.exec(q.trim());
  return match ? Number(match[1]) : null;
}

/**
 * The filters as SQL on `risks r`. Filters over linked rows are written as `r.id in (…)` sets built from
 * their own indexes (ePHI assets of the organization → their risks; acceptances of the organization), so
 * the register is not probed row by row (measured at 20,000 risks: the ePHI filter 112 → 14 ms).
 */
function conditions(orgIds: readonly string[], query: ListFilters, today: string, engine: 'sqlite' | 'postgres'): RawBuilder<SqlBool>[] {
  const inOrgs = (column: string) => (orgIds.length === 1 ? sql<SqlBool>`${sql.ref(column)} = ${orgIds[0]}` : sql<SqlBool>`${sql.ref(column)} in (${sql.join(orgIds)})`);
  const where: RawBuilder<SqlBool>[] = [inOrgs('r.organization_id')];
  if (query.status) where.push(sql<SqlBool>`r.status = ${query.status}`);
  if (query.category) where.push(sql<SqlBool>`r.category = ${query.category}`);
  if (query.ownerUserId) where.push(sql<SqlBool>`r.owner_user_id = ${query.ownerUserId}`);
  if (query.treatmentOption) where.push(sql<SqlBool>`r.treatment_option = ${query.treatmentOption}`);
  if (query.level) where.push(sql<SqlBool>`${sql.ref(`r.${query.levelStage}_level_key`)} = ${query.level}`);
  if (query.likelihood) where.push(sql<SqlBool>`${sql.ref(`r.${query.levelStage}_likelihood`)} = ${query.likelihood}`);
  if (query.impact) where.push(sql<SqlBool>`${sql.ref(`r.${query.levelStage}_impact`)} = ${query.impact}`);
  if (query.q) {
    const pattern = likePattern(query.q);
    const ref = refNumberOf(query.q);
    // SQLite's LIKE ignores ASCII case exactly as its lower() does, so SQLite tests the stored description
    // as it is, read from the search index (organization, title_lower, description): `title_lower >= ''`
    // (true of every title) makes the planner read the matches through that covering index rather than
    // another organization index and the table (at 20,000 risks: count + page 52 → 12 ms).
    const description = engine === 'sqlite' ? sql`r.description` : sql`lower(r.description)`;
    const text = sql`r.title_lower like ${pattern} escape '\\' or ${description} like ${pattern} escape '\\'`;
    where.push(ref === null ? sql<SqlBool>`(${text})` : sql<SqlBool>`(${text} or r.ref_number = ${ref})`);
    if (engine === 'sqlite') where.push(sql<SqlBool>`r.title_lower >= ''`);
  }
  if (query.ephi) {
    const ephiRisks = sql`select ra.risk_id from assets a join risk_assets ra on ra.asset_id = a.id where ${inOrgs('a.organization_id')} and a.handles_ephi = 1`;
    where.push(query.ephi === 'yes' ? sql<SqlBool>`r.id in (${ephiRisks})` : sql<SqlBool>`r.id not in (${ephiRisks})`);
  }
  if (query.reviewOverdue === 'yes') where.push(reviewOverdueSql(today));
  if (query.reviewOverdue === 'no') where.push(sql<SqlBool>`not ${reviewOverdueSql(today)}`);
  if (query.assetId) where.push(sql<SqlBool>`r.id in (select ra.risk_id from risk_assets ra where ra.asset_id = ${query.assetId})`);
  if (query.controlId) where.push(sql<SqlBool>`r.id in (select rc.risk_id from risk_controls rc where rc.control_id = ${query.controlId})`);
  if (query.acceptance) {
    // Only a risk with an acceptance on record can be anything but `none`: test that set first.
    const accepted = sql`select a.risk_id from risk_acceptances a where ${inOrgs('a.organization_id')} and a.kind = 'acceptance'`;
    if (query.acceptance === 'none') where.push(sql<SqlBool>`r.id not in (${accepted})`);
    else where.push(sql<SqlBool>`r.id in (${accepted})`, sql<SqlBool>`${acceptanceStateSql(today)} = ${query.acceptance}`);
  }
  return where;
}

/** Nulls (not assessed, no owner, no date) sort last in both directions. */
function sortTerms(sort: TRiskListQuery['sort'], direction: 'asc' | 'desc', filters: ListFilters): RawBuilder<unknown>[] {
  const dir = sql.raw(direction);
  const lastIfNull = (expr: RawBuilder<unknown>) => sql`(case when ${expr} is null then 1 else 0 end) asc`;
  const stage = (s: RiskStage) => {
    const rank = sql.ref(`r.${s}_level_rank`);
    return [lastIfNull(sql`${rank}`), sql`${rank} ${dir}`, sql`${sql.ref(`r.${s}_likelihood`)} * ${sql.ref(`r.${s}_impact`)} ${dir}`, sql`${sql.ref(`r.${s}_impact`)} ${dir}`];
  };
  switch (sort) {
    case 'ref':
      return [];
    case 'title':
      return [sql`r.title_lower ${dir}`];
    case 'category':
      return [sql`r.category ${dir}`];
    case 'owner':
      return [lastIfNull(sql`u.display_name`), sql`lower(u.display_name) ${dir}`];
    case 'inherent':
    case 'current':
    case 'residual':
      return stage(sort);
    case 'nextReviewOn':
      // Overdue risks all have a date: without the null term the index (organization, next_review_on) gives the order.
      return filters.reviewOverdue === 'yes' ? [sql`r.next_review_on ${dir}`] : [lastIfNull(sql`r.next_review_on`), sql`r.next_review_on ${dir}`];
    case 'updatedAt':
      return [sql`r.updated_at ${dir}`];
  }
}

/**
 * The ids of one page, in order, and the total. Only what the filters and the order need is read: the
 * page's columns, counts and acceptance state are then read for those ids alone (`summaryRows`), so the
 * correlated sub-queries run for one page, not for every row the sort has to consider.
 *
 * A text search or an acceptance-state filter tests every candidate row anyway (no index serves a substring
 * or the computed state): one statement then counts the matches and picks the page's ids in the same pass
 * (`count(*) over ()`) instead of testing every row twice; a page past the last match falls back to a count.
 * Other filters are served by indexes, and their count reads an index alone.
 */
export async function listRiskIds(db: Db, orgIds: readonly string[], query: TRiskListQuery, today: string): Promise<{ ids: string[]; total: number }> {
  const where = sql<SqlBool>`${sql.join(conditions(orgIds, query, today, engineOf(db)), sql` and `)}`;
  // `none` is a set test alone; the other states need the latest acceptance and sign-off of each candidate.
  const needsAcceptance = query.acceptance !== undefined && query.acceptance !== 'none';
  const joins = sql`${query.sort === 'owner' ? sql`left join users u on u.id = r.owner_user_id` : sql``} ${
    needsAcceptance ? sql`left join risk_acceptances la on la.id = ${latestRecordId('acceptance')} left join risk_acceptances ls on ls.id = ${latestRecordId('clinical_sign_off')}` : sql``
  }`;
  const dir = sql.raw(query.direction);
  const order = [...sortTerms(query.sort, query.direction, query), sql`r.ref_number ${dir}`, sql`r.organization_id ${dir}`, sql`r.id ${dir}`];
  const countAll = () => sql<{ n: unknown }>`select count(*) as n from risks r ${needsAcceptance ? joins : sql``} where ${where}`.execute(db);
  const offset = (query.page - 1) * query.pageSize;
  if (query.q || needsAcceptance) {
    const page = await sql<{ id: string; n: unknown }>`select r.id, count(*) over () as n from risks r ${joins} where ${where} order by ${sql.join(order)} limit ${query.pageSize} offset ${offset}`.execute(db);
    const total = page.rows.length > 0 ? toNumber(page.rows[0]!.n) : toNumber((await countAll()).rows[0]?.n);
    return { ids: page.rows.map((r) => r.id), total };
  }
  const [count, page] = await Promise.all([countAll(), sql<{ id: string }>`select r.id from risks r ${joins} where ${where} order by ${sql.join(order)} limit ${query.pageSize} offset ${offset}`.execute(db)]);
  return { ids: page.rows.map((r) => r.id), total: toNumber(count.rows[0]?.n) };
}

/** A risk row with what lists and details show beside it. */
function summarySelect(db: Db | Trx, today: string) {
  return repoDb(db)
    .selectFrom('risks as r')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .leftJoin('users as u', 'u.id', 'r.owner_user_id')
    .leftJoin('risk_acceptances as la', (join) => join.on(sql<SqlBool>`la.id = ${latestRecordId('acceptance')}`))
    .leftJoin('risk_acceptances as ls', (join) => join.on(sql<SqlBool>`ls.id = ${latestRecordId('clinical_sign_off')}`))
    .selectAll('r')
    .select(['o.name as organization_name', 'u.display_name as owner_name'])
    .select(['la.level_rank as acceptance_level_rank', 'la.expires_on as acceptance_expires_on', 'ls.level_rank as sign_off_level_rank', 'ls.expires_on as sign_off_expires_on'])
    .select(sql<number>`(case when ${HANDLES_EPHI} then 1 else 0 end)`.as('ephi'))
    .select(sql<number>`(select count(*) from risk_assets ra where ra.risk_id = r.id)`.as('asset_count'))
    .select(sql<number>`(select count(*) from risk_tasks t where t.risk_id = r.id and t.status in ('todo', 'in_progress'))`.as('open_task_count'))
    .select(sql<number>`(select count(*) from risk_tasks t where t.risk_id = r.id and t.status in ('todo', 'in_progress') and t.due_on is not null and t.due_on < ${today})`.as('overdue_task_count'))
    .select(acceptanceStateSql(today).as('acceptance_state'));
}

export async function summaryRows(db: Db | Trx, ids: readonly string[], today: string) {
  if (ids.length === 0) return [];
  return summarySelect(db, today).where('r.id', 'in', [...ids]).execute();
}

export type RiskSummaryRow = Awaited<ReturnType<typeof summaryRows>>[number];

/** One risk of the organization with its summary columns, or undefined (also for another organization's risk). */
export function riskRow(db: Db | Trx, organizationId: string, riskId: string, today: string): Promise<RiskSummaryRow | undefined> {
  return summarySelect(db, today).where('r.organization_id', '=', organizationId).where('r.id', '=', riskId).executeTakeFirst();
}

/** The bare stored row of a risk of the organization (for writes). */
export function ownRisk(db: Db | Trx, organizationId: string, riskId: string) {
  return repoDb(db).selectFrom('risks').selectAll().where('organization_id', '=', organizationId).where('id', '=', riskId).executeTakeFirst();
}

export function linkedAssets(db: Db | Trx, riskId: string) {
  return repoDb(db)
    .selectFrom('risk_assets as ra')
    .innerJoin('assets as a', 'a.id', 'ra.asset_id')
    .select(['a.id', 'a.name', 'a.type', 'a.handles_ephi', 'a.criticality'])
    .where('ra.risk_id', '=', riskId)
    .orderBy('a.name_lower')
    .orderBy('a.id')
    .execute();
}

export function linkedControls(db: Db | Trx, riskId: string) {
  return repoDb(db)
    .selectFrom('risk_controls as rc')
    .innerJoin('controls as c', 'c.id', 'rc.control_id')
    .select(['c.id', 'c.code', 'c.name', 'c.status', 'c.effectiveness', 'c.organization_id'])
    .where('rc.risk_id', '=', riskId)
    .orderBy('c.code')
    .orderBy('c.id')
    .execute();
}

export async function linkedVulnerabilityIds(db: Db | Trx, riskId: string): Promise<string[]> {
  const rows = await repoDb(db).selectFrom('risk_vulnerabilities').select('vulnerability_id').where('risk_id', '=', riskId).orderBy('vulnerability_id').execute();
  return rows.map((r) => r.vulnerability_id);
}

export async function linkedAssetIds(db: Db | Trx, riskId: string): Promise<string[]> {
  const rows = await repoDb(db).selectFrom('risk_assets').select('asset_id').where('risk_id', '=', riskId).orderBy('asset_id').execute();
  return rows.map((r) => r.asset_id);
}

/** Display names of users (assessors, owners), for the ids given. */
export async function peopleNames(db: Db | Trx, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  if (wanted.length === 0) return new Map();
  const rows = await repoDb(db).selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Which of the asset ids are assets of the organization. */
export async function assetsOf(db: Db | Trx, organizationId: string, assetIds: readonly string[]) {
  if (assetIds.length === 0) return [];
  return repoDb(db).selectFrom('assets').select(['id', 'name', 'handles_ephi']).where('organization_id', '=', organizationId).where('id', 'in', [...new Set(assetIds)]).execute();
}

/** Whether the user holds a current membership in one of the organizations (the risk's own, or a group above it). */
export async function isMemberOfAny(db: Db | Trx, userId: string, organizationIds: readonly string[], now: string): Promise<boolean> {
  const row = await repoDb(db)
    .selectFrom('memberships')
    .select('id')
    .where('user_id', '=', userId)
    .where('organization_id', 'in', [...organizationIds])
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  return row !== undefined;
}

/** The next free reference number of the organization (max + 1; the unique index guards a race). */
export async function nextRefNumber(db: Db | Trx, organizationId: string): Promise<number> {
  const row = await repoDb(db).selectFrom('risks').select((eb) => eb.fn.max('ref_number').as('n')).where('organization_id', '=', organizationId).executeTakeFirst();
  return toNumber(row?.n) + 1;
}

/** Replace a risk's links to assets and vulnerabilities with the given sets. */
export async function replaceLinks(trx: Trx, input: { organizationId: string; riskId: string; assetIds?: readonly string[]; vulnerabilityIds?: readonly string[] }): Promise<void> {
  const db = repoDb(trx);
  if (input.assetIds) {
    await db.deleteFrom('risk_assets').where('risk_id', '=', input.riskId).execute();
    const rows = [...new Set(input.assetIds)].map((asset_id) => ({ risk_id: input.riskId, asset_id, organization_id: input.organizationId }));
    if (rows.length > 0) await db.insertInto('risk_assets').values(rows).execute();
  }
  if (input.vulnerabilityIds) {
    await db.deleteFrom('risk_vulnerabilities').where('risk_id', '=', input.riskId).execute();
    const rows = [...new Set(input.vulnerabilityIds)].map((vulnerability_id) => ({ risk_id: input.riskId, vulnerability_id, organization_id: input.organizationId }));
    if (rows.length > 0) await db.insertInto('risk_vulnerabilities').values(rows).execute();
  }
}

/** The latest risk of the organization raised from a gap (asset + rule), if any. */
export async function riskFromGap(db: Db | Trx, organizationId: string, assetId: string, rule: string): Promise<string | null> {
  const row = await repoDb(db)
    .selectFrom('risks')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('from_gap_asset_id', '=', assetId)
    .where('from_gap_rule', '=', rule)
    .orderBy('ref_number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
