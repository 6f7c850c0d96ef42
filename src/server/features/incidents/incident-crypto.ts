/**
 * Sensitive incident text is encrypted at rest (A.8.24; 45 CFR 164.312(a)(2)(iv)): descriptions, PHI
 * details, root cause, lessons learned, timeline texts, communication summaries, assessment findings and
 * notification drafts may hold PHI. Every such column always holds an envelope, also for an empty text,
 * bound to its row by the context `<table>.<column>:<rowId>` so a ciphertext moved to another row or
 * column fails to decrypt.
 */
import type { AppContext } from '../../kernel/context.js';
import { decryptString, encryptString } from '../../kernel/crypto/envelope.js';

/** The envelope columns of the feature (registered for master-key rotation in index.ts). */
export const INCIDENT_ENVELOPE_COLUMNS = [
  { table: 'incidents', column: 'description', idColumn: 'id' },
  { table: 'incidents', column: 'phi_details', idColumn: 'id' },
  { table: 'incidents', column: 'root_cause_analysis', idColumn: 'id' },
  { table: 'incidents', column: 'lessons_learned', idColumn: 'id' },
  { table: 'incident_timeline', column: 'text', idColumn: 'id' },
  { table: 'incident_communications', column: 'summary', idColumn: 'id' },
  { table: 'incident_assessments', column: 'input', idColumn: 'incident_id' },
  { table: 'incident_drafts', column: 'body', idColumn: 'id' },
] as const;

type EnvelopeColumn = (typeof INCIDENT_ENVELOPE_COLUMNS)[number];

export function sealText<C extends EnvelopeColumn>(ctx: Pick<AppContext, 'keyring'>, table: C['table'], column: C['column'], rowId: string, text: string): string {
  return encryptString(ctx.keyring, text, `${table}.${column}:${rowId}`);
}

export function openText<C extends EnvelopeColumn>(ctx: Pick<AppContext, 'keyring'>, table: C['table'], column: C['column'], rowId: string, envelope: string): string {
  return decryptString(ctx.keyring, envelope, `${table}.${column}:${rowId}`);
}
