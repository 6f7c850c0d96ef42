/** Every query of the asset register; every read is scoped to the organization(s) in SQL. */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { TAssetListQuery } from '../../../shared/contracts/assets.js';
import { CRITICALITIES } from '../../../shared/contracts/assets.js';
import { likePattern, toNumber, type Db } from '../../kernel/db/database.js';
import { engineOf } from '../../kernel/db/migrate.js';
import { gapCountExpression, hasGapsCondition } from './asset-gaps.js';
import type { AssetOnlyTables, AssetTables } from './asset.tables.js';

export type AssetDb = Kysely<AssetTables>;
export const assetDb = (db: Db): AssetDb => db.withTables<AssetOnlyTables>();

const SORT_COLUMNS = {
  name: 'a.name_lower',
  type: 'a.type',
  criticality: 'a.criticality',
  owner: 'a.owner',
  lifecycle: 'a.lifecycle',
  updatedAt: 'a.updated_at',
  externalRef: 'a.external_ref',
} as const;

type Filters = Omit<TAssetListQuery, 'page' | 'pageSize' | 'sort' | 'direction' | 'includeSites'>;

/** Text search: a substring of the name, external reference or description (one LIKE over `search_text`, ADR 0013). */
function textSearch(q: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`a.search_text like ${likePattern(q)} escape '\\'`;
}

/**
 * Owner filter: a substring of the owner, case-insensitive. Owners are few (departments, teams), so the
 * matching owner values are found first among the distinct owners — SQLite reads those by skipping through
 * the (organization, owner) index, about 0.05 ms at 100,000 assets — and the rows are then read by
 * (organization, owner) equality instead of testing every row (count 11 → 0.3 ms, ADR 0013). MATERIALIZED
 * keeps the filter out of the DISTINCT (pushed into it, it would test every index entry again). SQLite's
 * LIKE already ignores ASCII case, as its lower() does; PostgreSQL's LIKE needs lower().
 */
function ownerFilter(db: AssetDb, orgIds: string[], owner: string): RawBuilder<SqlBool> {
  const matches = engineOf(db) === 'postgres' ? sql`lower(owner) like ${likePattern(owner)} escape '\\'` : sql`owner like ${likePattern(owner)} escape '\\'`;
  return sql<SqlBool>`a.owner in (with owners as materialized (select distinct owner from assets where organization_id in (${sql.join(orgIds)})) select owner from owners where ${matches})`;
}

/** The filters as SQL conditions on `assets a` alone (gaps read the stored gap columns). */
function conditions(db: AssetDb, orgIds: string[], query: Filters, today: string): RawBuilder<SqlBool>[] {
  const where: RawBuilder<SqlBool>[] = [sql<SqlBool>`a.organization_id in (${sql.join(orgIds)})`];
  if (query.type) where.push(sql<SqlBool>`a.type = ${query.type}`);
  if (query.classificationId) where.push(sql<SqlBool>`a.classification_id = ${query.classificationId}`);
  if (query.lifecycle) where.push(sql<SqlBool>`a.lifecycle = ${query.lifecycle}`);
  if (query.criticality) where.push(sql<SqlBool>`a.criticality = ${CRITICALITIES.indexOf(query.criticality) + 1}`);
  if (query.ephi) where.push(sql<SqlBool>`a.handles_ephi = ${query.ephi === 'yes' ? 1 : 0}`);
  if (query.owner) where.push(ownerFilter(db, orgIds, query.owner));
  if (query.q) where.push(textSearch(query.q));
  if (query.gaps === 'yes') where.push(sql<SqlBool>`${hasGapsCondition(today)}`);
  if (query.gaps === 'no') where.push(sql<SqlBool>`not ${hasGapsCondition(today)}`);
  return where;
}

/**
 * A sort column, or with a text search the same value as an expression: an index cannot then serve the
 * order, so the planner reads the few matches through the search index and sorts them, instead of walking
 * the whole register in name order testing each row (at 100,000 assets: page statement p50 63 → 24 ms).
 */
function sortKey(column: string, isSearch: boolean) {
  if (!isSearch) return sql.ref(column);
  return column === 'a.criticality' ? sql`${sql.ref(column)} + 0` : sql`${sql.ref(column)} || ''`;
}

/** The sort keys of a list, tie-breakers included (they follow the sort's direction, so one index serves the order). */
function orderKeys(query: TAssetListQuery) {
  const isSearch = Boolean(query.q);
  const keys = [sortKey(SORT_COLUMNS[query.sort], isSearch)];
  if (query.sort === 'criticality' || query.sort === 'type') keys.push(sortKey('a.name_lower', isSearch));
  keys.push(sortKey('a.id', isSearch));
  return keys;
}

/** The page's rows, with what the list shows beside them (classification, organization, today's gap count). */
function pageRows(db: AssetDb, today: string) {
  return db
    .selectFrom('assets as a')
    .leftJoin('classification_levels as c', 'c.id', 'a.classification_id')
    .innerJoin('organizations as o', 'o.id', 'a.organization_id')
    .selectAll('a')
    .select(['c.name as classification_name', 'c.colour as classification_colour', 'o.name as organization_name'])
    .select(gapCountExpression(today).as('gap_count'));
}

export async function listAssets(db: AssetDb, orgIds: string[], query: TAssetListQuery, today: string) {
  const where = sql<SqlBool>`${sql.join(conditions(db, orgIds, query, today), sql` and `)}`;
  const offset = (query.page - 1) * query.pageSize;
  if (query.q) return searchPage(db, orgIds, where, query, today, offset);
  // The count reads `assets` alone: an index on the filtered columns covers it.
  const countRow = await db.selectFrom('assets as a').where(where).select((eb) => eb.fn.countAll().as('total')).executeTakeFirst();
  let page = pageRows(db, today).where(where);
  for (const key of orderKeys(query)) page = page.orderBy(key, query.direction);
  const rows = await page.limit(query.pageSize).offset(offset).execute();
  return { total: toNumber(countRow?.total), rows };
}

/**
 * A text search reads every match anyway (no index serves a substring in sort order): one statement counts
 * the matches and picks the page's ids in the same pass (`count(*) over ()`, the sort holding ids, not
 * whole rows), then the page's rows are read by id — one pass over the search index (which carries the sort
 * key and id on SQLite) instead of two, and no sort of whole rows (at 100,000 assets: count 11 + page 16 ms
 * → 13.5 ms, ADR 0013).
 */
async function searchPage(db: AssetDb, orgIds: string[], where: RawBuilder<SqlBool>, query: TAssetListQuery, today: string, offset: number) {
  let ids = db.selectFrom('assets as a').where(where).select(['a.id', sql<number>`count(*) over ()`.as('total')]);
  for (const key of orderKeys(query)) ids = ids.orderBy(key, query.direction);
  const picked = await ids.limit(query.pageSize).offset(offset).execute();
  // A page past the last match has no row to carry the count.
  const total = picked.length > 0 ? toNumber(picked[0]!.total) : toNumber((await db.selectFrom('assets as a').where(where).select((eb) => eb.fn.countAll().as('total')).executeTakeFirst())?.total);
  if (picked.length === 0) return { total, rows: [] };
  const position = new Map(picked.map((row, i) => [row.id, i]));
  // Scoped again; `|| ''` keeps the planner on the primary key (an organization index would walk the register).
  const rows = await pageRows(db, today).where('a.id', 'in', [...position.keys()]).where(sql<string>`a.organization_id || ''`, 'in', orgIds).execute();
  return { total, rows: rows.sort((x, y) => position.get(x.id)! - position.get(y.id)!) };
}

export type AssetListRow = Awaited<ReturnType<typeof listAssets>>['rows'][number];

export function getAsset(db: AssetDb, orgId: string, assetId: string, today: string) {
  return db
    .selectFrom('assets as a')
    .leftJoin('classification_levels as c', 'c.id', 'a.classification_id')
    .innerJoin('organizations as o', 'o.id', 'a.organization_id')
    .selectAll('a')
    .select(['c.name as classification_name', 'c.colour as classification_colour', 'o.name as organization_name'])
    .select(gapCountExpression(today).as('gap_count'))
    .where('a.organization_id', '=', orgId)
    .where('a.id', '=', assetId)
    .executeTakeFirst();
}

export function findByExternalRefs(db: AssetDb, orgId: string, refs: string[]) {
  if (refs.length === 0) return Promise.resolve([]);
  return db.selectFrom('assets').selectAll().where('organization_id', '=', orgId).where('external_ref', 'in', refs).execute();
}

export function classificationOf(db: AssetDb, orgId: string, levelId: string) {
  return db.selectFrom('classification_levels').selectAll().where('organization_id', '=', orgId).where('id', '=', levelId).executeTakeFirst();
}

/**
 * Ids of the given assets that support a critical service: some asset of criticality 4 depends on them,
 * directly or through other assets (recursive, so cycle-free graphs of any depth are followed).
 */
export async function supportingCritical(db: AssetDb, orgId: string, assetIds: string[]): Promise<Set<string>> {
  if (assetIds.length === 0) return new Set();
  // Walk upward from the page's assets (dependents of dependents …) and keep those some critical asset
  // reaches: cost follows the page, not the whole graph.
  const result = await sql<{ id: string }>`
    with recursive up(id, root) as (
      select d.asset_id, d.depends_on_id from asset_dependencies d
       where d.organization_id = ${orgId} and d.depends_on_id in (${sql.join(assetIds)})
      union
      select d.asset_id, up.root from up join asset_dependencies d on d.depends_on_id = up.id
       where d.organization_id = ${orgId}
    )
    select distinct up.root as id from up where exists (select 1 from assets a where a.id = up.id and a.criticality = 4)`.execute(db);
  return new Set(result.rows.map((r) => r.id));
}
