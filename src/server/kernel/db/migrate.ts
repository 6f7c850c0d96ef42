/**
 * Migrations: one set for both engines, timestamped verb phrases, applied at start and by
 * `custos migrate`. The set is handed in by the composition root, so the kernel imports no feature.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator, SqliteAdapter, sql } from 'kysely';
import type { Engine } from './database.js';

export type MigrationSet = Record<string, Migration>;

export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly migrations: MigrationSet) {}
  async getMigrations(): Promise<MigrationSet> {
    return this.migrations;
  }
}

export interface MigrateResult {
  applied: string[];
}

/**
 * The names already applied, read from our own schema only; null when the migration table does not
 * exist yet. Kysely's migrator introspects the tables of every schema, so a database that is already
 * up to date (every start after the first, every CLI command) skips it and needs no lock.
 */
async function appliedNames(db: Kysely<any>, schema: string | undefined): Promise<Set<string> | null> {
  const exists = schema
    ? (await sql<{ t: string | null }>`select to_regclass(${`${schema}.custos_migrations`}) as t`.execute(db)).rows[0]?.t
    : (await sql<{ t: string }>`select name as t from sqlite_master where type = 'table' and name = 'custos_migrations'`.execute(db)).rows[0]?.t;
  if (!exists) return null;
  const table = schema ? sql`${sql.id(schema)}.custos_migrations` : sql`custos_migrations`;
  const rows = await sql<{ name: string }>`select name from ${table}`.execute(db);
  return new Set(rows.rows.map((r) => r.name));
}

export async function migrateToLatest(db: Kysely<any>, migrations: MigrationSet): Promise<MigrateResult> {
  // On PostgreSQL, name the schema: Kysely otherwise finds a migration table in any schema on the path.
  const schema = engineOf(db) === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const applied = await appliedNames(db, schema);
  if (applied && Object.keys(migrations).every((name) => applied.has(name))) return { applied: [] };
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(migrations),
    migrationTableName: 'custos_migrations',
    migrationLockTableName: 'custos_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const name = failed?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`migrate: ${name} failed: ${reason}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
