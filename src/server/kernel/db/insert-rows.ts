/**
 * Bulk inserts for imports (A.5.9 inventory at hospital-group scale, ADR 0013): many rows of one table,
 * through the caller's transaction, without Kysely's query builder.
 *
 * - SQLite: one row per statement, run on the database's own handle (registered by `openDatabase`), so a
 *   row costs one `run` of one prepared statement and no promise. A statement that writes several rows keeps
 *   a statement journal (to undo itself alone on a constraint failure): 500-row statements took 1.3–2× the
 *   CPU of one-row statements; going through Kysely's driver cost about 1.3 s per 100,000 assets and their
 *   events (ADR 0013, fourth round).
 * - PostgreSQL: one statement per call, `insert … select * from unnest($1::type[], …)`: one array parameter
 *   per column, whatever the number of rows, so the server parses and plans a statement of a few dozen
 *   parameters instead of a VALUES list of tens of thousands (a 500-row VALUES insert of assets spent about
 *   10 ms planning alone). The column types are read once per table from the catalogue.
 */
import { CompiledQuery, SqliteAdapter, type QueryExecutor, type QueryResult } from 'kysely';
import type SQLite from 'better-sqlite3';

export type SqlValue = string | number | bigint | Buffer | null;

/** What a bulk insert needs of a Kysely instance or transaction, whatever its table types. */
export interface InsertExecutor {
  getExecutor(): QueryExecutor;
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/**
 * The SQLite handle behind a Kysely instance, by its adapter (shared by the instance, its transactions and
 * its `withTables` views). A Kysely transaction on SQLite holds the one connection, so a statement run on the
 * handle inside it is part of that transaction.
 */
const sqliteHandles = new WeakMap<object, SQLite.Database>();

export function registerSqliteHandle(db: { getExecutor(): QueryExecutor }, handle: SQLite.Database): void {
  sqliteHandles.set(db.getExecutor().adapter, handle);
}

/** PostgreSQL column types (`format_type`) by adapter and table: the same for every schema of one database. */
const postgresTypes = new WeakMap<object, Map<string, Promise<Map<string, string>>>>();

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
/** Statement texts by column list (the callers' constant arrays), then by engine and table. */
const statements = new WeakMap<readonly string[], Map<string, string>>();

function checkNames(table: string, columns: readonly string[]): void {
  if (!IDENTIFIER.test(table)) throw new Error(`insertRows: "${table}" is not a plain identifier`);
  for (const name of columns) if (!IDENTIFIER.test(name)) throw new Error(`insertRows: "${name}" is not a plain identifier`);
}

function cachedText(table: string, columns: readonly string[], engine: string, build: () => string): string {
  let byShape = statements.get(columns);
  if (!byShape) {
    byShape = new Map();
    statements.set(columns, byShape);
  }
  const key = `${engine}|${table}`;
  let text = byShape.get(key);
  if (!text) {
    text = build();
    byShape.set(key, text);
  }
  return text;
}

async function columnTypes(db: InsertExecutor, table: string): Promise<Map<string, string>> {
  const adapter = db.getExecutor().adapter;
  let byTable = postgresTypes.get(adapter);
  if (!byTable) {
    byTable = new Map();
    postgresTypes.set(adapter, byTable);
  }
  let types = byTable.get(table);
  if (!types) {
    types = db
      .executeQuery<{ name: string; type: string }>(CompiledQuery.raw('select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = to_regclass($1) and attnum > 0 and not attisdropped', [table]))
      .then((result) => new Map(result.rows.map((row) => [row.name, row.type])));
    byTable.set(table, types);
    types.catch(() => byTable.delete(table));
  }
  return types;
}

function checkWidth(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): void {
  for (let i = 0; i < rows.length; i += 1) {
    if (rows[i]!.length !== columns.length) throw new Error(`insertRows ${table}: row ${i} has ${rows[i]!.length} values for ${columns.length} columns`);
  }
}

/**
 * Insert `rows` (each an array of values in `columns` order) into `table`, in the caller's transaction.
 * Every row gives every column (an omitted column would get NULL, not its default). Table and column names
 * are code constants, never input: they must be plain lower-case identifiers. Pass the same `columns` array
 * on every call (its statement texts are kept with it).
 */
export async function insertRows(db: InsertExecutor, table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
  if (rows.length === 0) return;
  checkNames(table, columns);
  checkWidth(table, columns, rows);
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) {
    const text = cachedText(table, columns, 'sqlite', () => `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values (${columns.map(() => '?').join(',')})`);
    const handle = sqliteHandles.get(adapter);
    if (handle) {
      const statement = handle.prepare(text);
      for (const row of rows) statement.run(row as unknown[]);
      return;
    }
    // A Kysely instance this module was not told about (none in the app): through the driver.
    for (const row of rows) await db.executeQuery(CompiledQuery.raw(text, row as SqlValue[]));
    return;
  }
  const types = await columnTypes(db, table);
  const text = cachedText(table, columns, 'postgres', () => {
    const arrays = columns.map((column, i) => {
      const type = types.get(column);
      if (!type) throw new Error(`insertRows: ${table} has no column "${column}"`);
      return `$${i + 1}::${type}[]`;
    });
    return `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) select * from unnest(${arrays.join(',')})`;
  });
  const parameters = columns.map((_, c) => rows.map((row) => row[c]));
  await db.executeQuery(CompiledQuery.raw(text, parameters));
}

/** The SQLite handle behind a Kysely instance, if `openDatabase` registered one (tests and benchmarks). */
export function sqliteHandleOf(db: { getExecutor(): QueryExecutor }): SQLite.Database | undefined {
  return sqliteHandles.get(db.getExecutor().adapter);
}
