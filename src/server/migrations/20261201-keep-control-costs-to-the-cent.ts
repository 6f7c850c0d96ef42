/**
 * Control costs to the cent on PostgreSQL: `real` there is a 4-byte float (about 7 significant digits),
 * so 1,234,567.89 came back as 1,234,567.9. `double precision` keeps every amount the contract allows
 * (up to 1,000,000,000 with two decimals). SQLite's REAL is already an 8-byte float: nothing to do there.
 */
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../kernel/db/migrate.js';

export async function up(db: Kysely<any>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await sql`ALTER TABLE controls ALTER COLUMN cost_one_off TYPE double precision, ALTER COLUMN cost_yearly TYPE double precision`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await sql`ALTER TABLE controls ALTER COLUMN cost_one_off TYPE real, ALTER COLUMN cost_yearly TYPE real`.execute(db);
}
