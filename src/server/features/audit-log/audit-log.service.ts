/**
 * The audit log viewer, export, verification and anchors (A.8.15 logging; A.5.33 protection of records;
 * 9.2 internal audit; 45 CFR 164.312(b) audit controls, 164.316(b)(2)(i) six-year retention).
 * Nothing here writes to `audit_events` except through the chain's append.
 */
import { stringify } from 'csv-stringify';
import type { z } from 'zod';
import type { TAuditAnchor, TAuditListQuery } from '../../../shared/contracts/audit.js';
import type { ZAuditEvent } from '../../../shared/contracts/audit.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { verifyChain } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { csvSafe } from '../../kernel/csv.js';
import type { AuditEventsTable } from '../../kernel/db/schema.js';
import * as repo from './audit-log.repository.js';

function present(row: AuditEventsTable): z.input<typeof ZAuditEvent> {
  return {
    id: row.id,
    seq: Number(row.seq),
    occurredAt: row.occurred_at,
    type: row.type,
    actorUserId: row.actor_user_id,
    actorLabel: row.actor_label,
    authMethod: row.auth_method,
    ip: row.ip,
    requestId: row.request_id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    changes: row.changes === null ? null : (JSON.parse(row.changes) as Record<string, unknown>),
    hash: row.hash,
  };
}

export async function listEvents(ctx: AppContext, access: OrgAccess, query: TAuditListQuery) {
  const { total, items } = await repo.listEvents(ctx.database.db, access.organizationId, query);
  return { items: items.map(present), total, page: query.page, pageSize: query.pageSize };
}

export const CSV_COLUMNS = ['seq', 'occurred_at', 'type', 'actor_label', 'actor_user_id', 'auth_method', 'ip', 'request_id', 'subject_type', 'subject_id', 'changes', 'prev_hash', 'hash'] as const;

/** Streams the filtered events as CSV; the export itself is recorded first. */
export async function exportCsv(ctx: AppContext, access: OrgAccess, actor: AuditActor, query: Omit<TAuditListQuery, 'page' | 'pageSize' | 'direction'>) {
  await ctx.database.db.transaction().execute((trx) =>
    recordEvent(ctx, trx, actor, { type: 'audit.exported', organizationId: access.organizationId, subjectType: 'organization', subjectId: access.organizationId, changes: { filters: query, format: 'csv' } }),
  );
  const stringifier = stringify({ header: true, columns: [...CSV_COLUMNS] });
  void (async () => {
    try {
      for await (const row of repo.iterateEvents(ctx.database.db, access.organizationId, query)) {
        const record = row as unknown as Record<string, unknown>;
        if (!stringifier.write(CSV_COLUMNS.map((c) => csvSafe(record[c])))) await new Promise((resolve) => stringifier.once('drain', resolve));
      }
      stringifier.end();
    } catch (error) {
      stringifier.destroy(error as Error);
    }
  })();
  return stringifier;
}

export async function verify(ctx: AppContext, access: OrgAccess) {
  return verifyChain(ctx.database.db, access.organizationId);
}

/** The chain head, to be kept outside Custos; a later verify with it catches a rewritten chain. */
export async function exportAnchor(ctx: AppContext, access: OrgAccess, actor: AuditActor): Promise<TAuditAnchor> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const event = await recordEvent(ctx, trx, actor, { type: 'audit.anchor_exported', organizationId: access.organizationId, subjectType: 'organization', subjectId: access.organizationId });
    return {
      format: 'custos-audit-anchor/1' as const,
      organizationId: access.organizationId,
      organizationName: access.organizationName,
      chainId: access.organizationId,
      seq: Number(event.seq),
      hash: event.hash,
      exportedAt: event.occurred_at,
      exportedBy: actor.label,
    };
  });
}
