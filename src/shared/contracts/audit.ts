/** The audit trail (A.8.15 logging; 45 CFR 164.312(b) audit controls). */
import { z } from 'zod';
import { AUDIT_EVENT_TYPE_LIST } from '../audit-events.js';
import { ZId, ZIsoInstant, ZPageQuery, ZSortDirection } from './common.js';

export const ZAuditEvent = z.object({
  id: ZId,
  seq: z.number().int(),
  occurredAt: z.string(),
  type: z.string(),
  actorUserId: z.string().nullable(),
  actorLabel: z.string(),
  authMethod: z.string(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()).nullable(),
  hash: z.string(),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

export const ZAuditListQuery = ZPageQuery.extend({
  actor: z.string().trim().max(254).optional(),
  type: z.enum(AUDIT_EVENT_TYPE_LIST as [string, ...string[]]).optional(),
  subjectType: z.string().trim().max(64).optional(),
  subjectId: z.string().trim().max(64).optional(),
  from: ZIsoInstant.optional(),
  to: ZIsoInstant.optional(),
  direction: ZSortDirection.default('desc'),
});
export type TAuditListQuery = z.infer<typeof ZAuditListQuery>;

export const ZAuditVerifyResult = z.object({
  ok: z.boolean(),
  chainId: z.string(),
  checked: z.number().int(),
  headSeq: z.number().int(),
  headHash: z.string().nullable(),
  broken: z
    .object({ seq: z.number().int(), eventId: z.string().nullable(), reason: z.string() })
    .nullable(),
});
export type TAuditVerifyResult = z.infer<typeof ZAuditVerifyResult>;

export const ZAuditAnchor = z.object({
  format: z.literal('custos-audit-anchor/1'),
  organizationId: ZId,
  organizationName: z.string(),
  chainId: z.string(),
  seq: z.number().int(),
  hash: z.string().nullable(),
  exportedAt: z.string(),
  exportedBy: z.string(),
});
export type TAuditAnchor = z.infer<typeof ZAuditAnchor>;
