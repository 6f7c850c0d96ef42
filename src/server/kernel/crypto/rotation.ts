/**
 * Master-key rotation (A.8.24 cryptographic key management): a new master key becomes active and every
 * stored data key is re-wrapped under it, in one transaction; payloads are not re-encrypted. Features
 * register the columns that hold envelopes.
 */
import type { Kysely } from 'kysely';
import { generateMasterKey, keyIdOf, writeKeyFile, type Keyring } from './keyring.js';
import { isEnvelope, keyIdOfEnvelope, rewrap } from './envelope.js';

export interface EncryptedColumn {
  table: string;
  column: string;
  idColumn: string;
}

const COLUMNS: EncryptedColumn[] = [
  { table: 'users', column: 'totp_secret', idColumn: 'id' },
  { table: 'users', column: 'totp_pending_secret', idColumn: 'id' },
];

export function registerEncryptedColumn(column: EncryptedColumn): void {
  if (!COLUMNS.some((c) => c.table === column.table && c.column === column.column)) COLUMNS.push(column);
}

export function encryptedColumns(): readonly EncryptedColumn[] {
  return COLUMNS;
}

/** Re-wrap every envelope under the ring's active key; returns how many were re-wrapped. */
export async function rewrapAll(db: Kysely<any>, ring: Keyring): Promise<number> {
  let count = 0;
  await db.transaction().execute(async (trx) => {
    for (const { table, column, idColumn } of COLUMNS) {
      const rows = (await trx.selectFrom(table).select([`${idColumn} as id`, `${column} as value`]).where(column, 'is not', null).execute()) as { id: string; value: string }[];
      for (const row of rows) {
        if (!isEnvelope(row.value) || keyIdOfEnvelope(row.value) === ring.activeKeyId) continue;
        await trx.updateTable(table).set({ [column]: rewrap(ring, row.value) }).where(idColumn, '=', row.id).execute();
        count += 1;
      }
    }
  });
  return count;
}

/** Adds a new active key to the ring (persisted first, so a crash never loses a key in use). */
export function addNewActiveKey(ring: Keyring, newKey: Buffer = generateMasterKey(), file: string | null): Keyring {
  const next: Keyring = { activeKeyId: keyIdOf(newKey), keys: new Map(ring.keys), source: ring.source };
  next.keys.set(next.activeKeyId, newKey);
  if (file) writeKeyFile(file, next);
  return next;
}

/** After a successful re-wrap, drop the retired keys from the ring file. */
export function retireOldKeys(ring: Keyring, file: string | null): Keyring {
  const active = ring.keys.get(ring.activeKeyId)!;
  const next: Keyring = { activeKeyId: ring.activeKeyId, keys: new Map([[ring.activeKeyId, active]]), source: ring.source };
  if (file) writeKeyFile(file, next);
  return next;
}
