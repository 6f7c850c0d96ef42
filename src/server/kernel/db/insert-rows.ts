/**
 * Bulk inserts for imports (A.5.9 inventory at hospital-group scale, ADR 0013): many rows of one table,
 * through the caller's transaction, without Kysely's query builder. The statement text depends only on the
 * table, the columns and the rows per statement, so SQLite reuses one prepared statement (the statement
 * cache in database.ts) and PostgreSQL receives a handful of distinct statements.
 *
 * Rows per statement differ by engine, both measured at 100,000 assets: PostgreSQL gains from many rows per
 * round trip; SQLite is fastest with one row per statement: a statement that writes several rows keeps a
 * statement journal (to undo itself alone on a constraint failure), and 500-row statements took about
 * 1.3–2× the CPU of one-row statements (with the journal in memory; far more with it in a temp file).
 */
import { CompiledQuery, SqliteAdapter, type QueryExecutor, type QueryResult } from 'kysely';

export type SqlValue = string | number | bigint | Buffer | null;

/** What a bulk insert needs of a Kysely instance or transaction, whatever its table types. */
export interface InsertExecutor {
  getExecutor(): QueryExecutor;
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/** Rows per INSERT on SQLite: a one-row INSERT needs no statement journal; one prepared statement is reused. */
export const SQLITE_ROWS_PER_INSERT = 1;
/** PostgreSQL binds at most 65,535 parameters per statement; 1,000 rows is past the gain. */
const POSTGRES_MAX_PARAMETERS = 65_535;
const POSTGRES_ROWS_PER_INSERT = 1_000;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
/** Statement texts by column list (the callers' constant arrays), then by engine, table and row count. */
const statements = new WeakMap<readonly string[], Map<string, string>>();

function statementText(engine: 'sqlite' | 'postgres', table: string, columns: readonly string[], rowCount: number): string {
  let byShape = statements.get(columns);
  if (!byShape) {
    for (const name of columns) if (!IDENTIFIER.test(name)) throw new Error(`insertRows: "${name}" is not a plain identifier`);
    byShape = new Map();
    statements.set(columns, byShape);
  }
  const key = `${engine}|${table}|${rowCount}`;
  let text = byShape.get(key);
  if (text) return text;
  if (!IDENTIFIER.test(table)) throw new Error(`insertRows: "${table}" is not a plain identifier`);
  const tuples: string[] = [];
  let n = 0;
  for (let r = 0; r < rowCount; r += 1) {
    tuples.push(`(${columns.map(() => (engine === 'postgres' ? `$${(n += 1)}` : '?')).join(',')})`);
  }
  text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${tuples.join(',')}`;
  byShape.set(key, text);
  return text;
}

/**
 * Insert `rows` (each an array of values in `columns` order) into `table`, in the caller's transaction.
 * Every row gives every column (a multi-row insert writes NULL into an omitted column, not its default).
 * Table and column names are code constants, never input: they must be plain lower-case identifiers. Pass
 * the same `columns` array on every call (its statement texts are kept with it).
 */
export async function insertRows(db: InsertExecutor, table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
  if (rows.length === 0) return;
  const engine = db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
  const perStatement = engine === 'sqlite' ? SQLITE_ROWS_PER_INSERT : Math.max(1, Math.min(POSTGRES_ROWS_PER_INSERT, Math.floor(POSTGRES_MAX_PARAMETERS / columns.length)));
  for (let start = 0; start < rows.length; start += perStatement) {
    const end = Math.min(rows.length, start + perStatement);
    const parameters: SqlValue[] = new Array<SqlValue>((end - start) * columns.length);
    let p = 0;
    for (let i = start; i < end; i += 1) {
      const row = rows[i]!;
      if (row.length !== columns.length) throw new Error(`insertRows ${table}: row ${i} has ${row.length} values for ${columns.length} columns`);
      for (let c = 0; c < row.length; c += 1) parameters[p++] = row[c] as SqlValue;
    }
    await db.executeQuery(CompiledQuery.raw(statementText(engine, table, columns, end - start), parameters));
  }
}
