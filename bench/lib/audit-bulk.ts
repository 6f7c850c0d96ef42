/**
 * Valid hash-chained audit rows written in bulk. Appending through `appendAuditEvent` costs one
 * transaction per event; here rows are chained in memory with the kernel's own `canonicalEvent` and
 * `chainHash` (so `verifyChain` and `custos audit verify` see a correct chain) and inserted with
 * multi-row statements, one transaction per `rowsPerTransaction` rows. The chain head is moved in the
 * same transaction as the rows, so the database is valid after every commit.
 */
import crypto from 'node:crypto';
import type SQLite from 'better-sqlite3';
import type { AuditEventType } from '../../src/shared/audit-events.js';
import { canonicalEvent, chainHash, GENESIS_HASH, redact, type AuditActor } from '../../src/server/kernel/audit/chain.js';
import type { AuditEventsTable } from '../../src/server/kernel/db/schema.js';
import { bulkInsert, type SqlValue } from './bulk.js';

export interface BulkAuditEvent {
  occurredAt: string;
  actor: AuditActor;
  type: AuditEventType;
  subjectType: string | null;
  subjectId: string | null;
  changes: Record<string, unknown> | null;
}

/** Column order of `audit_events`: every row gives every column. */
export const AUDIT_COLUMNS = ['id', 'chain_id', 'seq', 'occurred_at', 'organization_id', 'actor_user_id', 'actor_label', 'auth_method', 'ip', 'request_id', 'type', 'subject_type', 'subject_id', 'changes', 'prev_hash', 'hash'] as const satisfies readonly (keyof AuditEventsTable)[];

export interface ChainWriterStats {
  events: number;
  /** Building rows, canonicalising and hashing. */
  chainSeconds: number;
  /** Inserting and committing. */
  insertSeconds: number;
  changesBytes: number;
}

export class AuditChainWriter {
  private seq: number;
  private prevHash: string;
  private lastOccurredAt: string | null = null;
  private rows: SqlValue[][] = [];
  private readonly stats: ChainWriterStats = { events: 0, chainSeconds: 0, insertSeconds: 0, changesBytes: 0 };

  /** Continue the chain of `organizationId` from its current head. */
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly organizationId: string,
    private readonly options: { rowsPerTransaction?: number; rowsPerStatement?: number } = {},
  ) {
    const head = sqlite.prepare<[string], { seq: number; hash: string }>('select seq, hash from audit_chain_heads where chain_id = ?').get(organizationId);
    this.seq = head ? Number(head.seq) : 0;
    this.prevHash = head?.hash ?? GENESIS_HASH;
  }

  get headSeq(): number {
    return this.seq;
  }

  get headHash(): string {
    return this.prevHash;
  }

  push(event: BulkAuditEvent): void {
    const started = performance.now();
    const changes = event.changes === null ? null : JSON.stringify(redact(event.changes));
    const partial: Omit<AuditEventsTable, 'hash' | 'prev_hash'> = {
      id: crypto.randomUUID(),
      chain_id: this.organizationId,
      seq: this.seq + 1,
      occurred_at: event.occurredAt,
      organization_id: this.organizationId,
      actor_user_id: event.actor.userId,
      actor_label: event.actor.label,
      auth_method: event.actor.authMethod,
      ip: event.actor.ip,
      request_id: event.actor.requestId,
      type: event.type,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      changes,
    };
    const hash = chainHash(this.prevHash, canonicalEvent(partial));
    this.rows.push([
      partial.id, partial.chain_id, partial.seq, partial.occurred_at, partial.organization_id, partial.actor_user_id, partial.actor_label, partial.auth_method,
      partial.ip, partial.request_id, partial.type, partial.subject_type, partial.subject_id, partial.changes, this.prevHash, hash,
    ]);
    this.seq = partial.seq;
    this.prevHash = hash;
    this.lastOccurredAt = event.occurredAt;
    this.stats.events += 1;
    this.stats.changesBytes += changes === null ? 0 : Buffer.byteLength(changes);
    this.stats.chainSeconds += (performance.now() - started) / 1000;
    if (this.rows.length >= (this.options.rowsPerTransaction ?? 100_000)) this.flush();
  }

  /** Insert the buffered rows and move the head, in one transaction. */
  flush(): void {
    if (this.rows.length === 0) return;
    const started = performance.now();
    const rows = this.rows;
    this.rows = [];
    const chainId = this.organizationId;
    const head = { seq: this.seq, hash: this.prevHash, updatedAt: this.lastOccurredAt ?? new Date().toISOString() };
    this.sqlite.transaction(() => {
      bulkInsert(this.sqlite, 'audit_events', AUDIT_COLUMNS, rows, this.options.rowsPerStatement ?? 5_000);
      this.sqlite
        .prepare('insert into audit_chain_heads (chain_id, seq, hash, updated_at) values (?, ?, ?, ?) on conflict (chain_id) do update set seq = excluded.seq, hash = excluded.hash, updated_at = excluded.updated_at')
        .run(chainId, head.seq, head.hash, head.updatedAt);
    })();
    this.stats.insertSeconds += (performance.now() - started) / 1000;
  }

  finish(): ChainWriterStats & { headSeq: number; headHash: string } {
    this.flush();
    return { ...this.stats, headSeq: this.seq, headHash: this.prevHash };
  }
}
