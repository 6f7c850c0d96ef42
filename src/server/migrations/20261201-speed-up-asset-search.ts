/**
 * Text search over the asset register at hospital-group scale (A.5.9 inventory; ADR 0013).
 *
 * SQLite: the search index also carries the name sort key and the id, so a search counts its matches and
 * picks the page's ids from the index alone (no row read per match). PostgreSQL: the B-tree over
 * `search_text` goes: a long description made its entry larger than a B-tree entry may be (2,704 bytes),
 * refusing the asset; the `pg_trgm` GIN index (where the extension exists) serves the search, as before.
 */
import type { Kysely } from 'kysely';
import { engineOf } from '../kernel/db/migrate.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('assets_org_search_idx').execute();
  if (engineOf(db) === 'sqlite') {
    await db.schema.createIndex('assets_org_search_name_idx').on('assets').columns(['organization_id', 'search_text', 'name_lower', 'id']).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('assets_org_search_name_idx').ifExists().execute();
  await db.schema.createIndex('assets_org_search_idx').on('assets').columns(['organization_id', 'search_text']).execute();
}
