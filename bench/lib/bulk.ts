/**
 * Bulk loading for benchmark data on SQLite: multi-row INSERT statements, prepared once per shape and
 * reused. Every row carries every column (a multi-row insert on SQLite writes NULL, not the default,
 * into an omitted column). The caller wraps calls in a transaction (`sqlite.transaction(fn)`).
 */
import type SQLite from 'better-sqlite3';

export type SqlValue = string | number | bigint | Buffer | null;

/** SQLite's default SQLITE_MAX_VARIABLE_NUMBER (better-sqlite3 12 keeps the default). */
export const SQLITE_MAX_VARIABLES = 32_766;

const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement<unknown[]>>>();

function statementFor(sqlite: SQLite.Database, table: string, columns: readonly string[], rowCount: number): SQLite.Statement<unknown[]> {
  let cache = statements.get(sqlite);
  if (!cache) {
    cache = new Map();
    statements.set(sqlite, cache);
  }
  const key = `${table}|${columns.join(',')}|${rowCount}`;
  let statement = cache.get(key);
  if (!statement) {
    const tuple = `(${columns.map(() => '?').join(',')})`;
    const sql = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${new Array<string>(rowCount).fill(tuple).join(',')}`;
    statement = sqlite.prepare<unknown[]>(sql);
    cache.set(key, statement);
  }
  return statement;
}

/** How many rows fit in one statement (bounded by SQLite's variable limit). */
export function rowsPerStatement(columnCount: number, wanted = 5_000): number {
  return Math.max(1, Math.min(wanted, Math.floor(SQLITE_MAX_VARIABLES / columnCount)));
}

/** Insert `rows` (each an array in `columns` order) with as few statements as the variable limit allows. */
export function bulkInsert(sqlite: SQLite.Database, table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], wantedRowsPerStatement = 5_000): void {
  const perStatement = rowsPerStatement(columns.length, wantedRowsPerStatement);
  const params: SqlValue[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const end = Math.min(rows.length, start + perStatement);
    params.length = 0;
    for (let i = start; i < end; i += 1) {
      const row = rows[i]!;
      if (row.length !== columns.length) throw new Error(`bulkInsert ${table}: row ${i} has ${row.length} values for ${columns.length} columns`);
      for (const value of row) params.push(value);
    }
    statementFor(sqlite, table, columns, end - start).run(params);
  }
}
