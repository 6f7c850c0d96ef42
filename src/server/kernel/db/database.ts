/**
 * The database: Kysely over better-sqlite3 (embedded, one small machine) or over PostgreSQL (a hospital
 * group, several app nodes). One query layer and one migration set for both (ADR 0001).
 * Durability settings are asserted at open (A.8.13 information backup; 164.308(a)(7) contingency plan).
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { registerSqliteHandle } from './insert-rows.js';
import type { KernelTables } from './schema.js';

export type Engine = 'sqlite' | 'postgres';
export type Db = Kysely<KernelTables>;

export interface Database {
  db: Db;
  engine: Engine;
  /** For SQLite, the file path; for PostgreSQL, the URL without password. */
  location: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; when null, SQLite at `sqliteFile`. */
  databaseUrl: string | null;
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests use a fresh schema per run). */
  pgSchema?: string;
  /** SQLite: run `PRAGMA quick_check` on open (the server does; one-shot commands need not). */
  integrityCheck?: boolean;
  poolSize?: number;
}

// PostgreSQL returns int8/numeric as strings; counts and sequence numbers fit in a JS number.
pg.types.setTypeParser(20, (value: string) => Number(value));
pg.types.setTypeParser(1700, (value: string) => Number(value));

/**
 * Kysely's SQLite driver prepares every statement on every query; preparing is ~15% of an API request's
 * CPU. Keep the most recent statements (a busy one — still iterating — is never handed out twice).
 */
function cachePreparedStatements(handle: SQLite.Database, size = 500): void {
  const prepare = handle.prepare.bind(handle);
  const cache = new Map<string, SQLite.Statement>();
  handle.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) {
      cache.delete(source);
      cache.set(source, cached);
      return cached;
    }
    const statement = prepare(source);
    cache.set(source, statement);
    if (cache.size > size) cache.delete(cache.keys().next().value!);
    return statement;
  }) as typeof handle.prepare;
}

export function openSqlite(file: string, options: { integrityCheck?: boolean } = {}): SQLite.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const handle = new SQLite(file);
  // The database holds security weaknesses and possibly PHI: owner-only.
  for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.chmodSync(file + suffix, 0o600);
  // WAL + synchronous=FULL: no acknowledged commit is lost in a power cut (STACK.md, measured).
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  // 64 MiB of page cache (the default is 2 MiB): the indexes of a 100,000-asset register stay in memory,
  // so a bulk import or a list does not re-read the same pages from the file system.
  handle.pragma('cache_size = -65536');
  // Deleted rows (which may hold PHI) are overwritten, not left readable in free pages.
  handle.pragma('secure_delete = ON');
  // Temporary b-trees and statement journals in memory, not in temp files outside the data directory: a
  // statement journal (kept by a statement that writes several rows) holds copies of the pages it changes,
  // PHI included, and spilled to a file past 64 KiB it doubled the CPU of multi-row inserts (ADR 0013).
  handle.pragma('temp_store = MEMORY');
  // quick_check reads the whole file (~1 s per GB): the server runs it at start, one-shot commands skip it.
  if (options.integrityCheck) {
    const check = handle.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      handle.close();
      throw new Error(`database: SQLite quick_check failed (${String(check)}); restore from a backup`);
    }
  }
  cachePreparedStatements(handle);
  return handle;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (!options.databaseUrl) {
    const file = options.sqliteFile;
    if (!file) throw new Error('database: no SQLite file and no DATABASE_URL');
    const handle = openSqlite(file, { integrityCheck: options.integrityCheck });
    const db = new Kysely<KernelTables>({ dialect: new SqliteDialect({ database: handle }) });
    registerSqliteHandle(db, handle);
    return { db, engine: 'sqlite', location: file, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
    ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
  });
  const db = new Kysely<KernelTables>({ dialect: new PostgresDialect({ pool }) });
  await assertPostgresDurability(db);
  return { db, engine: 'postgres', location: redactUrl(options.databaseUrl), close: () => db.destroy() };
}

/** Refuse to run on a PostgreSQL that can lose acknowledged commits. */
async function assertPostgresDurability(db: Db): Promise<void> {
  for (const setting of ['fsync', 'synchronous_commit', 'full_page_writes']) {
    const result = await sql<{ value: string }>`select current_setting(${setting}) as value`.execute(db);
    const value = result.rows[0]?.value;
    if (value !== 'on' && !(setting === 'synchronous_commit' && ['remote_apply', 'remote_write', 'local'].includes(String(value)))) {
      throw new Error(`database: PostgreSQL setting ${setting} is '${String(value)}'; Custos requires it on`);
    }
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** A count or sum read back from either engine, as a number. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return Number(value);
  return 0;
}

export function toBool(value: unknown): boolean {
  return value === 1 || value === true || value === '1';
}

/** Escape LIKE wildcards in user input; used with `escape '\'`. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * Keeps SQLite's query-planner statistics current (PostgreSQL's autovacuum does this on its own). Without
 * statistics SQLite can pick a narrow index for a count over most of a large table (measured: the asset
 * register's text-search count went from 162 to 332 ms). Bounded work: `analysis_limit` samples each index.
 */
export async function refreshPlannerStatistics(database: Database): Promise<void> {
  if (database.engine !== 'sqlite') return;
  await sql`pragma analysis_limit = 1000`.execute(database.db);
  await sql`pragma optimize = 0x10002`.execute(database.db);
}
