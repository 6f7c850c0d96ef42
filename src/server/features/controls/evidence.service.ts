/**
 * Evidence that a control operates (ISO/IEC 27001:2022 7.5.3 control of documented information, 9.1, A.5.28;
 * 45 CFR 164.316(b)(1) documentation, 164.312(c)(1) integrity, 164.312(a)(2)(iv) encryption).
 * A file is sniffed, hashed (SHA-256), encrypted with its own data key (AAD = organization and evidence
 * id) and written durably to the evidence store before its row and audit event are committed in one
 * transaction; if the transaction fails the file is removed. On download the bytes are decrypted and
 * their hash verified before anything is sent: a mismatch is an integrity error, never corrupted content.
 */
import crypto from 'node:crypto';
import type { TAddEvidenceLinkRequest, TEvidence } from '../../../shared/contracts/controls.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { decryptBytes, encryptBytes } from '../../kernel/crypto/envelope.js';
import type { Keyring } from '../../kernel/crypto/keyring.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { toNumber } from '../../kernel/db/database.js';
import { AppError, fieldError, notFound } from '../../kernel/errors.js';
import { loadOwnControl, presentEvidence, today } from './control.service.js';
import * as repo from './control.repository.js';
import type { EvidenceTable } from './control.tables.js';
import { checkEvidenceType, safeFileName } from './evidence-sniff.js';
import { evidenceStore, storageKey } from './evidence-store.js';
import { ancestorOrganizationIds } from './requirement-controls.js';

/** Additional authenticated data: the ciphertext only opens as this organization's evidence record. */
export function evidenceContext(organizationId: string, evidenceId: string): string {
  return `evidence:${organizationId}:${evidenceId}`;
}

/**
 * Encrypt with the kernel envelope and split it: the wrapped data key (`cx1.<keyId>.<wrapped>.`, an
 * envelope with an empty payload, so key rotation re-wraps it like any registered column) goes to the
 * database; the sealed payload (nonce ‖ ciphertext ‖ tag) goes to the store.
 */
export function sealEvidence(ring: Keyring, plaintext: Buffer, context: string): { dataKey: string; payload: Buffer } {
  const envelope = encryptBytes(ring, plaintext, context);
  const cut = envelope.lastIndexOf('.') + 1;
  return { dataKey: envelope.slice(0, cut), payload: Buffer.from(envelope.slice(cut), 'base64url') };
}

export function openEvidence(ring: Keyring, dataKey: string, payload: Buffer, context: string): Buffer {
  return decryptBytes(ring, `${dataKey}${payload.toString('base64url')}`, context);
}

export interface UploadInput {
  bytes: Buffer;
  declaredType: string | undefined;
  fileName: string;
  title?: string | undefined;
  expiresOn?: string | undefined;
}

function checkExpiry(ctx: AppContext, expiresOn: string | null | undefined, path: string): void {
  if (expiresOn && expiresOn < today(ctx)) throw fieldError(path, 'must not be in the past');
}

export async function uploadEvidenceFile(ctx: AppContext, access: OrgAccess, actor: AuditActor, controlId: string, input: UploadInput): Promise<TEvidence> {
  const control = await loadOwnControl(ctx, access, controlId);
  if (input.bytes.length === 0) throw fieldError('file', 'is empty');
  checkExpiry(ctx, input.expiresOn, 'query.expiresOn');
  const type = checkEvidenceType(input.bytes, input.declaredType);
  if (!type.ok) throw new AppError('unsupported_media_type', type.message, [{ path: 'file', message: type.message.replace(/^file: /, '') }]);
  const id = newId();
  const fileName = safeFileName(input.fileName);
  const sha256 = crypto.createHash('sha256').update(input.bytes).digest('hex');
  const { dataKey, payload } = sealEvidence(ctx.keyring, input.bytes, evidenceContext(access.organizationId, id));
  const store = evidenceStore(ctx);
  const key = storageKey(access.organizationId, id);
  await store.put(key, payload);
  const now = ctx.clock.now().toISOString();
  const row: EvidenceTable = {
    id,
    organization_id: access.organizationId,
    control_id: controlId,
    kind: 'file',
    title: input.title?.trim() || fileName,
    url: null,
    file_name: fileName,
    content_type: type.contentType,
    size_bytes: input.bytes.length,
    sha256,
    store: store.kind,
    storage_key: key,
    data_key: dataKey,
    expires_on: input.expiresOn ?? null,
    created_by: actor.label,
    created_at: now,
  };
  try {
    await repo.controlDb(ctx.database.db).transaction().execute(async (trx) => {
      await trx.insertInto('evidence').values(row).execute();
      await recordEvent(ctx, trx, actor, {
        type: 'evidence.added',
        organizationId: access.organizationId,
        subjectType: 'control',
        subjectId: controlId,
        changes: { evidenceId: id, control: control.code, kind: 'file', title: row.title, fileName, contentType: type.contentType, sizeBytes: row.size_bytes, sha256, store: store.kind, expiresOn: row.expires_on },
      });
    });
  } catch (error) {
    // Nothing was recorded: the stored ciphertext must not outlive the failed transaction.
    await store.delete(key).catch((cleanup: unknown) => ctx.logger.error({ err: cleanup, key }, 'orphaned evidence file could not be removed'));
    throw error;
  }
  return presentEvidence(row, today(ctx));
}

export async function addEvidenceLink(ctx: AppContext, access: OrgAccess, actor: AuditActor, controlId: string, input: TAddEvidenceLinkRequest): Promise<TEvidence> {
  const control = await loadOwnControl(ctx, access, controlId);
  checkExpiry(ctx, input.expiresOn, 'body.expiresOn');
  const row: EvidenceTable = {
    id: newId(),
    organization_id: access.organizationId,
    control_id: controlId,
    kind: 'link',
    title: input.title,
    url: input.url,
    file_name: null,
    content_type: null,
    size_bytes: null,
    sha256: null,
    store: null,
    storage_key: null,
    data_key: null,
    expires_on: input.expiresOn ?? null,
    created_by: actor.label,
    created_at: ctx.clock.now().toISOString(),
  };
  await repo.controlDb(ctx.database.db).transaction().execute(async (trx) => {
    await trx.insertInto('evidence').values(row).execute();
    await recordEvent(ctx, trx, actor, { type: 'evidence.added', organizationId: access.organizationId, subjectType: 'control', subjectId: controlId, changes: { evidenceId: row.id, control: control.code, kind: 'link', title: row.title, url: row.url, expiresOn: row.expires_on } });
  });
  return presentEvidence(row, today(ctx));
}

/** Evidence of a control the organization can see (own or inherited), or not-found. */
async function visibleEvidence(ctx: AppContext, access: OrgAccess, controlId: string, evidenceId: string): Promise<EvidenceTable> {
  const db = repo.controlDb(ctx.database.db);
  const ancestors = await ancestorOrganizationIds(ctx.database.db, access.organizationId);
  if (!(await repo.isControlVisible(db, access.organizationId, ancestors, controlId))) throw notFound('control');
  const row = await db.selectFrom('evidence').selectAll().where('id', '=', evidenceId).where('control_id', '=', controlId).executeTakeFirst();
  if (!row) throw notFound('evidence');
  return row;
}

export class EvidenceIntegrityError extends AppError {
  constructor(readonly evidenceId: string, readonly problem: string) {
    super('internal', `evidence: the stored file failed its integrity check (${problem}); nothing was sent. Restore it from a backup or upload it again, and quote the request id to support`);
  }
}

/** The plaintext of a file, decrypted and checked against its recorded SHA-256 and size. */
export async function readEvidenceBytes(ctx: AppContext, row: EvidenceTable): Promise<Buffer> {
  if (row.kind !== 'file' || !row.storage_key || !row.store || !row.data_key || !row.sha256) throw new AppError('bad_request', 'evidence: is a link, not a file');
  const payload = await evidenceStore(ctx, row.store).get(row.storage_key);
  if (!payload) throw new EvidenceIntegrityError(row.id, 'the file is missing from the evidence store');
  let plaintext: Buffer;
  try {
    plaintext = openEvidence(ctx.keyring, row.data_key, payload, evidenceContext(row.organization_id, row.id));
  } catch {
    throw new EvidenceIntegrityError(row.id, 'the encrypted file does not decrypt: it was altered or belongs elsewhere');
  }
  const actual = crypto.createHash('sha256').update(plaintext).digest('hex');
  if (actual !== row.sha256 || (row.size_bytes !== null && plaintext.length !== toNumber(row.size_bytes))) {
    throw new EvidenceIntegrityError(row.id, `SHA-256 mismatch: expected ${row.sha256}, got ${actual}`);
  }
  return plaintext;
}

export async function downloadEvidence(ctx: AppContext, access: OrgAccess, controlId: string, evidenceId: string): Promise<{ bytes: Buffer; fileName: string; contentType: string; sha256: string }> {
  const row = await visibleEvidence(ctx, access, controlId, evidenceId);
  try {
    const bytes = await readEvidenceBytes(ctx, row);
    return { bytes, fileName: row.file_name ?? 'evidence', contentType: row.content_type ?? 'application/octet-stream', sha256: row.sha256! };
  } catch (error) {
    if (error instanceof EvidenceIntegrityError) ctx.logger.error({ evidenceId, organizationId: row.organization_id, problem: error.problem }, 'evidence integrity check failed on download');
    throw error;
  }
}

export async function removeEvidence(ctx: AppContext, access: OrgAccess, actor: AuditActor, controlId: string, evidenceId: string): Promise<void> {
  const control = await loadOwnControl(ctx, access, controlId);
  const db = repo.controlDb(ctx.database.db);
  const row = await db.selectFrom('evidence').selectAll().where('id', '=', evidenceId).where('control_id', '=', controlId).where('organization_id', '=', access.organizationId).executeTakeFirst();
  if (!row) throw notFound('evidence');
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('evidence').where('id', '=', evidenceId).execute();
    await recordEvent(ctx, trx, actor, { type: 'evidence.removed', organizationId: access.organizationId, subjectType: 'control', subjectId: controlId, changes: { evidenceId, control: control.code, kind: row.kind, title: row.title, fileName: row.file_name, url: row.url, sha256: row.sha256 } });
  });
  // After the commit: a failure here leaves an unreachable ciphertext, never a row without its file.
  if (row.storage_key && row.store) {
    await evidenceStore(ctx, row.store).delete(row.storage_key).catch((error: unknown) => ctx.logger.warn({ err: error, key: row.storage_key }, 'removed evidence file could not be deleted from the store'));
  }
}

export interface EvidenceProblem {
  evidenceId: string;
  controlCode: string;
  fileName: string | null;
  problem: string;
}

/** Re-hash every evidence file of an organization (an auditor's integrity check; `custos evidence verify`). */
export async function verifyOrganizationEvidence(ctx: AppContext, organizationId: string): Promise<{ checked: number; problems: EvidenceProblem[] }> {
  const db = repo.controlDb(ctx.database.db);
  const rows = await db
    .selectFrom('evidence as e')
    .innerJoin('controls as c', 'c.id', 'e.control_id')
    .selectAll('e')
    .select('c.code as control_code')
    .where('e.organization_id', '=', organizationId)
    .where('e.kind', '=', 'file')
    .orderBy('c.code')
    .orderBy('e.created_at')
    .execute();
  const problems: EvidenceProblem[] = [];
  for (const row of rows) {
    try {
      await readEvidenceBytes(ctx, row);
    } catch (error) {
      problems.push({ evidenceId: row.id, controlCode: row.control_code, fileName: row.file_name, problem: error instanceof EvidenceIntegrityError ? error.problem : error instanceof Error ? error.message : String(error) });
    }
  }
  return { checked: rows.length, problems };
}
