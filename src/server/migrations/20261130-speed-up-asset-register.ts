/**
 * Asset register at hospital-group scale (100,000 assets, ADR 0013): the gap count's date-independent
 * part is stored on the asset (recomputed from the same rule SQL on every write that can change it), an
 * index covers the owner filter, and text search reads one `search_text` column through a covering index
 * (and a `pg_trgm` GIN index on PostgreSQL when the extension is available or can be created).
 */
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../kernel/db/migrate.js';
import { refreshStoredGaps } from '../features/assets/asset-gaps.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assets').addColumn('gap_count_stored', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('assets').addColumn('unsupported_flat_candidate', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('assets_org_gaps_idx').on('assets').columns(['organization_id', 'gap_count_stored', 'unsupported_flat_candidate', 'end_of_support']).execute();
  await db.schema.createIndex('assets_org_owner_idx').on('assets').columns(['organization_id', 'owner']).execute();
  // Name, reference and description, lower-cased and newline-separated (written by the assets mapper): one
  // LIKE over one column, covered by an index that is far smaller than the rows.
  await db.schema.alterTable('assets').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
  // Backfilled in JavaScript, as the mapper writes it: SQLite's lower() folds ASCII only, and queries are
  // lower-cased in JavaScript, so "Überwachung" must be stored as "überwachung".
  for (let after = ''; ; ) {
    const rows = await db.selectFrom('assets').select(['id', 'name', 'external_ref', 'description']).where('id', '>', after).orderBy('id').limit(2000).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const text = [row.name, row.external_ref ?? '', row.description ?? ''].join('\n').toLowerCase();
      await db.updateTable('assets').set({ search_text: text }).where('id', '=', row.id).execute();
    }
    after = rows[rows.length - 1]!.id as string;
  }
  await db.schema.createIndex('assets_org_search_idx').on('assets').columns(['organization_id', 'search_text']).execute();

  if (engineOf(db) === 'postgres') {
    const available = await sql<{ ok: boolean }>`
      select exists (select 1 from pg_extension where extname = 'pg_trgm')
          or (exists (select 1 from pg_available_extensions where name = 'pg_trgm')
              and exists (select 1 from pg_namespace where nspname = 'public')
              and exists (select 1 from pg_roles where rolname = current_user and rolsuper)) as ok`.execute(db);
    if (available.rows[0]?.ok) {
      // One database-wide extension, created in `public` (so dropping one schema never drops it), under a
      // lock so concurrent migrations of several schemas do not race.
      await sql`select pg_advisory_xact_lock(727273)`.execute(db);
      await sql`create extension if not exists pg_trgm schema public`.execute(db);
      const where = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
      const ops = sql.raw(`"${where.rows[0]!.schema.replace(/"/g, '""')}".gin_trgm_ops`);
      await sql`create index assets_search_trgm_idx on assets using gin (search_text ${ops})`.execute(db);
    }
  }

  // Backfill the stored gap columns of existing assets with the assets feature's own refresh (the rules'
  // SQL). An exception to "migrations are frozen", recorded in ADR 0013: if a later rule reads a column that
  // a later migration adds, this call must be replaced by a frozen copy of today's SQL.
  const organizations = await db.selectFrom('assets').select('organization_id').distinct().execute();
  if (organizations.length > 0) {
    for (const { organization_id } of organizations) await refreshStoredGaps(db, organization_id as string, { all: true });
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists assets_search_trgm_idx`.execute(db);
  await db.schema.dropIndex('assets_org_search_idx').execute();
  await db.schema.dropIndex('assets_org_owner_idx').execute();
  await db.schema.dropIndex('assets_org_gaps_idx').execute();
  for (const column of ['search_text', 'unsupported_flat_candidate', 'gap_count_stored']) await db.schema.alterTable('assets').dropColumn(column).execute();
}
