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
  const newline = sql.raw(engineOf(db) === 'postgres' ? 'chr(10)' : 'char(10)');
  await sql`update assets set search_text = lower(name) || ${newline} || lower(coalesce(external_ref, '')) || ${newline} || lower(coalesce(description, ''))`.execute(db);
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

  // Backfill the stored gap columns of existing assets (same SQL as refreshStoredGaps in the assets feature).
  const organizations = await db.selectFrom('assets').select('organization_id').distinct().execute();
  if (organizations.length > 0) {
    for (const { organization_id } of organizations) await refreshStoredGaps(db, organization_id as string, { all: true });
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('assets_org_search_idx').execute();
  await db.schema.dropIndex('assets_org_owner_idx').execute();
  await db.schema.dropIndex('assets_org_gaps_idx').execute();
}
