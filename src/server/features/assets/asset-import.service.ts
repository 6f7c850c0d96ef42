/**
 * Import of the asset register from CSV, XLSX or JSON (A.5.9 inventory; 45 CFR 164.308(a)(1)(ii)(A)
 * risk analysis; A.8.15 logging: every change it makes is in the audit trail).
 *
 * Invariants:
 * - Every row is judged by the same contract as the API (ZAssetFields), after its cells are converted.
 * - A dry run writes nothing, not even an audit event. A real import in mode `all` writes nothing unless
 *   every row is valid; in mode `valid_only` it writes the valid rows and reports the others.
 * - Upsert by external reference within this organization: an existing asset with the row's external_ref is
 *   updated (columns absent from the file keep their values), otherwise an asset is created. A reference
 *   may appear once per file: later rows with the same reference are rejected.
 * - Every row is validated before anything is written. One transaction: the inserts, the updates, one
 *   `asset.created` event per created asset (name, reference, file SHA-256 and row: its values are the
 *   file's row, ADR 0013), one `asset.updated` event per updated asset (its diff) and one `assets.imported`
 *   summary event (counts, SHA-256 and name of the file). Unchanged rows write nothing.
 *   An asset changed by someone else since it was validated refuses the whole import (nothing is lost).
 */
import crypto from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ZAssetFields, type AssetFileFormat, type TAssetFields, type TAssetImportReport, type TImportProblem } from '../../../shared/contracts/assets.js';
import { appendAuditEvents, type AuditActor, type AuditEventInput } from '../../kernel/audit/chain.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { insertRows } from '../../kernel/db/insert-rows.js';
import { AppError, isUniqueViolation } from '../../kernel/errors.js';
import { ASSET_FILE_COLUMNS, CLASSIFICATION_COLUMN, contractProblems, externalRefOf, fastAssetFields, rowInput, type FileColumn, type FileRow, type RowBatch } from './asset-io.js';
import { readFile, type ProgressFn } from './asset-io-readers.js';
import { fieldsToRow, rowToFields, STORED_COLUMNS, storedValues, type StoredValue } from './asset.mapper.js';
import * as repo from './asset.repository.js';
import { diffFields } from './asset.service.js';
import type { AssetsTable } from './asset.tables.js';
import { listLevels } from './classification.service.js';
import { refreshStoredGaps } from './asset-gaps.js';

export const MAX_REPORTED_PROBLEMS = 1000;
/** New assets per insert batch: their gap columns are refreshed and their events queued per batch. */
const INSERT_BATCH = 500;
const LOOKUP_BATCH = 500;
/** Audit events are appended in chunks (one chain, one transaction), so few of them are held in memory at once. */
const EVENT_BATCH = 500;

export type ImportPhase = 'parse' | 'validate' | 'write';
export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export interface ImportOptions {
  bytes: Buffer;
  format: AssetFileFormat;
  dryRun: boolean;
  mode: 'all' | 'valid_only';
  filename?: string | null;
  onProgress?: (progress: ImportProgress) => void;
}

/** A valid row that changes the register: a new asset, or an existing one whose stored values differ. */
interface Planned {
  row: number;
  fields: TAssetFields;
  classificationId: string | null;
  existing: AssetsTable | null;
}

/** Validates the file and, unless it is a dry run or the file is refused, writes it. See the invariants above. */
export async function importAssets(ctx: AppContext, access: OrgAccess, actor: AuditActor, options: ImportOptions): Promise<TAssetImportReport> {
  const { bytes, format, onProgress } = options;
  const limit = ctx.config.importLimitBytes;
  if (bytes.length > limit) throw new AppError('payload_too_large', `file: is larger than the import limit of ${limit / (1024 * 1024)} MB (CUSTOS_IMPORT_LIMIT_MB)`, [{ path: 'file', message: 'is larger than the import limit' }]);
  if (bytes.length === 0) throw new AppError('validation_failed', 'file: is empty', [{ path: 'file', message: 'is empty' }]);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const parseProgress: ProgressFn = (done, total) => onProgress?.({ phase: 'parse', done, total });
  const plan = await validate(ctx, access, readFile(format, bytes, parseProgress), format !== 'json', onProgress);

  const base = { format, dryRun: options.dryRun, mode: options.mode, rows: plan.rows, rejected: plan.rejected, problems: plan.problems.slice(0, MAX_REPORTED_PROBLEMS), problemCount: plan.problems.length, sha256, filename: options.filename ?? null };
  const counts = {
    created: plan.valid.filter((p) => !p.existing).length,
    updated: plan.valid.filter((p) => p.existing).length,
    unchanged: plan.unchanged,
  };
  if (options.dryRun) return { ...base, ...counts, written: false };
  if (options.mode === 'all' && plan.rejected > 0) return { ...base, created: 0, updated: 0, unchanged: 0, written: false };

  await write(ctx, access.organizationId, actor, plan.valid, onProgress, {
    format, mode: options.mode, filename: options.filename ?? null, sha256, bytes: bytes.length, rows: plan.rows, ...counts, rejected: plan.rejected,
  });
  return { ...base, ...counts, written: true };
}

async function existingByRef(ctx: AppContext, organizationId: string, batch: RowBatch, isSheet: boolean): Promise<Map<string, AssetsTable>> {
  const refs = [...new Set(batch.rows.map((row) => externalRefOf(batch.columns, row, isSheet)).filter((ref): ref is string => ref !== null))];
  const found = new Map<string, AssetsTable>();
  const db = repo.assetDb(ctx.database.db);
  for (let i = 0; i < refs.length; i += LOOKUP_BATCH) {
    for (const row of await repo.findByExternalRefs(db, organizationId, refs.slice(i, i + LOOKUP_BATCH))) found.set(row.external_ref!, row);
  }
  return found;
}

/** Every row against the contract, the organization's classification levels and the file's other rows. */
async function validate(ctx: AppContext, access: OrgAccess, batches: AsyncIterable<RowBatch>, isSheet: boolean, onProgress: ImportOptions['onProgress']) {
  const levels = (await listLevels(ctx, access)).items;
  const context = {
    isSheet,
    existing: new Map<string, AssetsTable>(),
    levelIds: new Map(levels.map((level) => [level.name.trim().toLowerCase(), level.id])),
    levelNames: levels.map((level) => level.name).join(', '),
    firstRowOfRef: new Map<string, number>(),
  };
  const problems: TImportProblem[] = [];
  const valid: Planned[] = [];
  let rows = 0;
  let rejected = 0;
  let unchanged = 0;
  for await (const batch of batches) {
    context.existing = await existingByRef(ctx, access.organizationId, batch, isSheet);
    for (const row of batch.rows) {
      const outcome = validateRow(batch.columns, row, context);
      if (outcome === 'unchanged') unchanged += 1;
      else if ('problems' in outcome) {
        rejected += 1;
        for (const p of outcome.problems) problems.push({ row: row.row, column: p.column, message: p.message });
      } else valid.push(outcome);
    }
    rows += batch.rows.length;
    // The total is known only at the end of the file: report what has been read so far.
    onProgress?.({ phase: 'validate', done: rows, total: rows });
    await yieldToEventLoop();
  }
  return { rows, valid, unchanged, problems, rejected };
}

interface RowContext {
  isSheet: boolean;
  existing: Map<string, AssetsTable>;
  levelIds: Map<string, string>;
  levelNames: string;
  firstRowOfRef: Map<string, number>;
}

function validateRow(columns: readonly FileColumn[], row: FileRow, c: RowContext): Planned | 'unchanged' | { problems: { column: string | null; message: string }[] } {
  if (row.isUnreadable) return { problems: row.problems };
  const ref = externalRefOf(columns, row, c.isSheet);
  const existing = ref !== null ? (c.existing.get(ref) ?? null) : null;
  // The existing values fill the columns the file lacks; a file with every column (an export) needs none.
  const isPartial = columns.length < ASSET_FILE_COLUMNS.length || row.values.includes(undefined);
  const before = existing && isPartial ? rowToFields(existing) : null;
  const { input, classification, externalRef, problems } = rowInput(columns, row, { base: before, isSheet: c.isSheet });
  if (classification !== undefined) {
    const id = classification === null ? null : c.levelIds.get(classification.trim().toLowerCase());
    if (id === undefined) problems.push({ column: CLASSIFICATION_COLUMN, message: `"${classification!.slice(0, 80)}" is not a classification level of this organization (its levels: ${c.levelNames})` });
    input.classificationId = id ?? null;
  } else input.classificationId = existing ? existing.classification_id : null;
  if (externalRef !== null) {
    const first = c.firstRowOfRef.get(externalRef);
    if (first !== undefined) problems.push({ column: 'external_ref', message: `repeats the external reference of row ${first}; a reference may appear once per file` });
    else c.firstRowOfRef.set(externalRef, row.row);
  }
  // The common case skips zod (same result, fastAssetFields); a row with any doubt gets the contract's own words.
  const fast = problems.length === 0 ? fastAssetFields(input) : null;
  let data: TAssetFields;
  if (fast) data = fast;
  else {
    const parsed = ZAssetFields.safeParse(input);
    if (!parsed.success) problems.push(...contractProblems(parsed.error, input));
    if (problems.length > 0 || !parsed.success) return { problems };
    data = parsed.data;
  }
  const classificationId = data.classificationId ?? null;
  const fields = { ...data, classificationId };
  if (existing && storesTheSame(existing, fieldsToRow(fields, classificationId))) return 'unchanged';
  return { row: row.row, fields, classificationId, existing };
}

/** The stored columns, compared as stored: cheaper than the field diff, which only changed assets need. */
function storesTheSame(existing: AssetsTable, next: Record<string, unknown>): boolean {
  const stored = existing as unknown as Record<string, unknown>;
  return Object.keys(next).every((column) => stored[column] === next[column]);
}

/** The columns of an imported asset's INSERT: the stored values, then identity, times and the gap columns. */
const INSERT_COLUMNS = [...STORED_COLUMNS, 'id', 'organization_id', 'created_at', 'updated_at', 'gap_count_stored', 'unsupported_flat_candidate'];

/**
 * One transaction: the new assets (bulk inserts, their stored gap columns refreshed per batch), one update
 * per changed asset, and every event: `asset.created` per new asset (compact: name, reference, file row;
 * the values are the file's, ADR 0013), `asset.updated` per changed asset (its diff) and the summary.
 */
async function write(ctx: AppContext, organizationId: string, actor: AuditActor, valid: Planned[], onProgress: ImportOptions['onProgress'], summary: Record<string, unknown> & { sha256: string }): Promise<void> {
  const creates = valid.filter((p) => !p.existing);
  const updates = valid.filter((p) => p.existing);
  const total = creates.length + updates.length;
  const now = ctx.clock.now().toISOString();
  let events: Omit<AuditEventInput, 'organizationId'>[] = [];
  const updatedIds: string[] = [];
  onProgress?.({ phase: 'write', done: 0, total });
  await repo
    .assetDb(ctx.database.db)
    .transaction()
    .execute(async (trx) => {
      const flush = async (isLast: boolean) => {
        if (!isLast && events.length < EVENT_BATCH) return;
        await appendAuditEvents(trx, actor, organizationId, events, { clock: ctx.clock });
        events = [];
      };
      for (let i = 0; i < creates.length; i += INSERT_BATCH) {
        const batch = creates.slice(i, i + INSERT_BATCH);
        const ids = batch.map(() => newId());
        const rows = batch.map((p, j) => {
          const values = storedValues(p.fields, p.classificationId, new Array<StoredValue>(INSERT_COLUMNS.length));
          values[STORED_COLUMNS.length] = ids[j]!;
          values[STORED_COLUMNS.length + 1] = organizationId;
          values[STORED_COLUMNS.length + 2] = now;
          values[STORED_COLUMNS.length + 3] = now;
          values[STORED_COLUMNS.length + 4] = 0;
          values[STORED_COLUMNS.length + 5] = 0;
          return values;
        });
        await insertRows(trx, 'assets', INSERT_COLUMNS, rows);
        await refreshStoredGaps(trx, organizationId, { assetIds: ids });
        batch.forEach((p, j) => {
          const changes: Record<string, unknown> = { name: { from: null, to: p.fields.name }, imported: true, fileSha256: summary.sha256, row: p.row };
          if (p.fields.externalRef) changes.externalRef = { from: null, to: p.fields.externalRef };
          events.push({ type: 'asset.created', subjectType: 'asset', subjectId: ids[j]!, changes });
        });
        await flush(false);
        onProgress?.({ phase: 'write', done: Math.min(i + INSERT_BATCH, creates.length), total });
      }
      for (const [i, p] of updates.entries()) {
        // Optimistic: the asset must still be as validated (the file's absent columns were taken from it).
        const result = await trx
          .updateTable('assets')
          .set({ ...fieldsToRow(p.fields, p.classificationId), updated_at: now })
          .where('id', '=', p.existing!.id)
          .where('organization_id', '=', organizationId)
          .where('updated_at', '=', p.existing!.updated_at)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw new AppError('conflict', `row ${p.row}: its asset was changed or removed by someone else during the import; nothing was written, run it again`);
        updatedIds.push(p.existing!.id);
        events.push({ type: 'asset.updated', subjectType: 'asset', subjectId: p.existing!.id, changes: { ...diffFields(rowToFields(p.existing!), p.fields), imported: true } });
        await flush(false);
        if (i % INSERT_BATCH === INSERT_BATCH - 1) onProgress?.({ phase: 'write', done: creates.length + i + 1, total });
      }
      await refreshStoredGaps(trx, organizationId, { assetIds: updatedIds });
      events.push({ type: 'assets.imported', subjectType: 'organization', subjectId: organizationId, changes: summary });
      await flush(true);
    })
    .catch((error: unknown) => {
      // Another writer took an external reference between validation and this transaction.
      if (isUniqueViolation(error)) throw new AppError('conflict', 'external_ref: another asset took one of the file\'s references during the import; nothing was written, run it again');
      throw error;
    });
  onProgress?.({ phase: 'write', done: total, total });
}
