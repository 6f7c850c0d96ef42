import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-db.js';
import { insertRows, sqliteHandleOf } from './insert-rows.js';

describe('insertRows (against the test engine)', () => {
  let t: TestDatabase;
  const columns = ['id', 'label', 'amount', 'note'];

  beforeAll(async () => {
    t = await createTestDatabase();
    await sql`create table bulk_items (id text primary key, label text not null, amount real, note text default 'kept')`.execute(t.database.db);
  });
  afterAll(() => t.drop());

  const rows = async () => (await sql<{ id: string; label: string; amount: number | null; note: string | null }>`select id, label, amount, note from bulk_items order by id`.execute(t.database.db)).rows;

  it('inserts every row with every value, across statement boundaries, inside the caller\'s transaction', async () => {
    // 2,501 rows: more than one statement on either engine, and a remainder.
    const values = Array.from({ length: 2501 }, (_, i) => [`r${String(i).padStart(5, '0')}`, `it's "row" ${i}`, i % 3 === 0 ? null : i / 4, i % 2 ? null : 'n']);
    await t.database.db.transaction().execute((trx) => insertRows(trx, 'bulk_items', columns, values));
    const stored = await rows();
    expect(stored).toHaveLength(2501);
    expect(stored[0]).toEqual({ id: 'r00000', label: 'it\'s "row" 0', amount: null, note: 'n' });
    expect(stored[2500]).toEqual({ id: 'r02500', label: 'it\'s "row" 2500', amount: 625, note: 'n' });
    expect(stored[7]).toEqual({ id: 'r00007', label: 'it\'s "row" 7', amount: 1.75, note: null });
  });

  it('writes nothing when the transaction fails, and does nothing for no rows', async () => {
    const before = (await rows()).length;
    await expect(t.database.db.transaction().execute(async (trx) => {
      await insertRows(trx, 'bulk_items', columns, [['x1', 'a', 1, null], ['x2', 'b', 2, null]]);
      await insertRows(trx, 'bulk_items', columns, [['x1', 'duplicate key', 3, null]]);
    })).rejects.toThrow();
    await insertRows(t.database.db, 'bulk_items', columns, []);
    expect((await rows()).length).toBe(before);
  });

  it('keeps every value exactly: quotes, backslashes, braces, commas, new lines, empty text, NULL, bytes, large integers', async () => {
    const blob = t.database.engine === 'postgres' ? 'bytea' : 'blob';
    await sql.raw(`create table bulk_values (id text primary key, label text, amount bigint, data ${blob}, flag integer)`).execute(t.database.db);
    const cols = ['id', 'label', 'amount', 'data', 'flag'];
    const tricky = ['{a,b}', 'say "hi", \\ then \\"', 'NULL', '', 'line\nnext\r\n\ttab', 'ünïcødé 医院 🏥', ' spaced ', '=cmd|\' /C calc\'!A0'];
    const values = tricky.map((label, i) => [`v${i}`, label, i === 0 ? 9_007_199_254_740_991 : -i, i % 2 ? null : Buffer.from([0, 1, 92, 34, 255, i]), i % 3 === 0 ? null : i % 2]);
    values.push(['v-null', null, null, null, null]);
    await t.database.db.transaction().execute((trx) => insertRows(trx, 'bulk_values', cols, values));
    const stored = (await sql<{ id: string; label: string | null; amount: string | number | null; data: Buffer | null; flag: number | null }>`select id, label, amount, data, flag from bulk_values order by id`.execute(t.database.db)).rows;
    const byId = new Map(stored.map((row) => [row.id, row]));
    expect(stored).toHaveLength(values.length);
    for (const [id, label, amount, data, flag] of values) {
      const row = byId.get(id as string)!;
      expect(row.label).toBe(label);
      expect(row.amount === null ? null : Number(row.amount)).toBe(amount);
      expect(row.data === null ? null : Buffer.from(row.data).toString('hex')).toBe(data === null ? null : (data as Buffer).toString('hex'));
      expect(row.flag).toBe(flag);
    }
    // SQLite rows go straight to the database's handle (no driver round trip per row).
    if (t.database.engine === 'sqlite') expect(sqliteHandleOf(t.database.db)).toBeDefined();
  });

  it('refuses a row of the wrong width and a name that is not a plain identifier', async () => {
    await expect(insertRows(t.database.db, 'bulk_items', columns, [['y1', 'short']])).rejects.toThrow(/row 0 has 2 values for 4 columns/);
    await expect(insertRows(t.database.db, 'bulk_items', ['id', 'label"; drop table bulk_items; --'], [['y2', 'z']])).rejects.toThrow(/not a plain identifier/);
    await expect(insertRows(t.database.db, 'Bulk Items', columns, [['y3', 'z', null, null]])).rejects.toThrow(/not a plain identifier/);
  });
});
