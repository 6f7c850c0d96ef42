/**
 * a. Audit-chain verification: the wall time of the kernel's `verifyChain` over the whole chain, and
 * where it goes: reading the rows (through Kysely, as verifyChain does, and raw better-sqlite3),
 * canonicalising them (`canonicalEvent`), and SHA-256 alone over the same bytes precomputed in memory.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type SQLite from 'better-sqlite3';
import { canonicalEvent, verifyChain } from '../../src/server/kernel/audit/chain.js';
import type { Db } from '../../src/server/kernel/db/database.js';
import type { AuditEventsTable } from '../../src/server/kernel/db/schema.js';

export interface AuditBenchResult {
  chainId: string;
  events: number;
  verifyOk: boolean;
  verifySeconds: number;
  eventsPerSecond: number;
  hashOnlySeconds: number;
  /** verifySeconds / hashOnlySeconds */
  ratioToHashOnly: number;
  bytesHashed: number;
  breakdown: {
    readKyselySeconds: number;
    readRawSeconds: number;
    canonicalizeSeconds: number;
    hashOnlySeconds: number;
  };
}

const BATCH = 10_000; // verifyChain's default batch size

function elapsed(start: number): number {
  return (performance.now() - start) / 1000;
}

/** Read the file once so every measurement starts with the same (warm) page cache. */
function warmPageCache(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(8 * 1024 * 1024);
    while (fs.readSync(fd, chunk, 0, chunk.length, null) > 0) {
      /* read to the end */
    }
  } finally {
    fs.closeSync(fd);
  }
}

export async function benchAuditVerify(input: { db: Db; sqlite: SQLite.Database; sqliteFile: string; chainId: string; expectedEvents: number; log: (line: string) => void }): Promise<AuditBenchResult> {
  const { db, sqlite, chainId, log } = input;
  warmPageCache(input.sqliteFile);

  log('  verifyChain …');
  let t = performance.now();
  const verified = await verifyChain(db, chainId);
  const verifySeconds = elapsed(t);
  if (!verified.ok) throw new Error(`verifyChain reports a broken chain: ${JSON.stringify(verified.broken)}`);
  if (verified.checked !== input.expectedEvents) throw new Error(`verifyChain checked ${verified.checked} events, expected ${input.expectedEvents}`);

  // One pass, batch by batch: read through Kysely exactly as verifyChain does (timed), canonicalise (timed
  // apart), lay out prev_hash ‖ canonical bytes in memory (not timed), then SHA-256 alone over them (timed).
  // Batches are dropped after use, so the hashed bytes never pile up on the heap.
  log('  reading rows, canonicalising, hashing alone …');
  let readKyselySeconds = 0;
  let canonicalizeSeconds = 0;
  let hashOnlySeconds = 0;
  let bytesHashed = 0;
  let hashed = 0;
  let mismatches = 0;
  let lastSeq = 0;
  for (let guard = 0; guard < input.expectedEvents / BATCH + 2; guard += 1) {
    t = performance.now();
    const rows: AuditEventsTable[] = await db.selectFrom('audit_events').selectAll().where('chain_id', '=', chainId).where('seq', '>', lastSeq).orderBy('seq', 'asc').limit(BATCH).execute();
    readKyselySeconds += elapsed(t);
    if (rows.length === 0) break;

    // Timed as verifyChain does it: each canonical string dies at once (keeping 10k of them alive makes
    // the young-generation GC copy them, which would be charged to canonicalisation).
    let sink = 0;
    t = performance.now();
    for (let i = 0; i < rows.length; i += 1) {
      const { hash: _hash, prev_hash: _prev, ...content } = rows[i]!;
      sink += canonicalEvent(content).length;
    }
    canonicalizeSeconds += elapsed(t);
    if (sink === 0) throw new Error('canonicalEvent returned nothing');

    // Not timed: the bytes to hash, laid out in memory.
    const canonical = new Array<string>(rows.length);
    for (let i = 0; i < rows.length; i += 1) {
      const { hash: _hash, prev_hash: _prev, ...content } = rows[i]!;
      canonical[i] = canonicalEvent(content);
    }
    let total = 0;
    for (let i = 0; i < rows.length; i += 1) total += Buffer.byteLength(rows[i]!.prev_hash) + Buffer.byteLength(canonical[i]!);
    const buffer = Buffer.allocUnsafe(total);
    const offsets = new Uint32Array(rows.length + 1);
    let at = 0;
    for (let i = 0; i < rows.length; i += 1) {
      offsets[i] = at;
      at += buffer.write(rows[i]!.prev_hash, at, 'utf8');
      at += buffer.write(canonical[i]!, at, 'utf8');
    }
    offsets[rows.length] = at;
    bytesHashed += at;

    // SHA-256 alone: the floor for any verifier of this chain format in Node.
    const digests = new Array<string>(rows.length);
    t = performance.now();
    for (let i = 0; i < rows.length; i += 1) {
      digests[i] = crypto.createHash('sha256').update(buffer.subarray(offsets[i], offsets[i + 1])).digest('hex');
    }
    hashOnlySeconds += elapsed(t);
    // Proof that these are the verified bytes: every digest equals the stored hash.
    for (let i = 0; i < rows.length; i += 1) if (digests[i] !== rows[i]!.hash) mismatches += 1;
    hashed += rows.length;
    lastSeq = Number(rows[rows.length - 1]!.seq);
    if (rows.length < BATCH) break;
  }
  if (mismatches > 0) throw new Error(`hash-only pass: ${mismatches} digests differ from the stored hashes (the bytes are not the verified ones)`);
  if (hashed !== input.expectedEvents) throw new Error(`hash-only pass hashed ${hashed} rows, expected ${input.expectedEvents}`);

  // The same reads through better-sqlite3 directly (the SQL Kysely compiles), to show Kysely's share.
  log('  reading rows (raw better-sqlite3) …');
  const statement = sqlite.prepare<[string, number, number], AuditEventsTable>('select * from "audit_events" where "chain_id" = ? and "seq" > ? order by "seq" asc limit ?');
  let readRawSeconds = 0;
  lastSeq = 0;
  for (let guard = 0; guard < input.expectedEvents / BATCH + 2; guard += 1) {
    t = performance.now();
    const rows = statement.all(chainId, lastSeq, BATCH);
    readRawSeconds += elapsed(t);
    if (rows.length === 0) break;
    lastSeq = Number(rows[rows.length - 1]!.seq);
    if (rows.length < BATCH) break;
  }

  return {
    chainId,
    events: verified.checked,
    verifyOk: verified.ok,
    verifySeconds,
    eventsPerSecond: verified.checked / verifySeconds,
    hashOnlySeconds,
    ratioToHashOnly: verifySeconds / hashOnlySeconds,
    bytesHashed,
    breakdown: { readKyselySeconds, readRawSeconds, canonicalizeSeconds, hashOnlySeconds },
  };
}
