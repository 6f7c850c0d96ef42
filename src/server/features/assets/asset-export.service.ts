/**
 * Export of the asset register as CSV, XLSX or JSON (A.5.9 inventory; A.5.12: classification travels by its
 * level's name; A.8.15 logging: every export is recorded). Streams in batches, so 100,000 assets never sit in
 * memory as one document.
 *
 * Invariants:
 * - The same columns in all three formats (asset-io.ts); rows in one deterministic order: external_ref
 *   (empty last), then name, then the row's content, compared by code unit (the same on every engine and
 *   locale), so exporting the same register twice, or a copy of it, gives the same bytes.
 * - The `assets.exported` event is written before the first byte leaves.
 */
import { PassThrough, Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { AssetFileFormat, TAssetExportQuery } from '../../../shared/contracts/assets.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import { csvLine } from '../../kernel/csv.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { ASSET_FILE_HEADER, exportValues, toCsvRecord, toJsonRecord, toXlsxRecord, type ExportValue } from './asset-io.js';
import { rowToFields } from './asset.mapper.js';
import * as repo from './asset.repository.js';
import { today } from './asset.service.js';
import { listLevels } from './classification.service.js';

const BATCH = 1000;
const LIST_PAGE = 5000;

export const CONTENT_TYPES: Record<AssetFileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

export interface AssetExport {
  filename: string;
  contentType: string;
  rows: number;
  body: Readable;
}

interface Key {
  id: string;
  external_ref: string | null;
  name: string;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
function compareKeys(a: Key, b: Key): number {
  if (a.external_ref !== b.external_ref) {
    if (a.external_ref === null) return 1;
    if (b.external_ref === null) return -1;
    return compareText(a.external_ref, b.external_ref);
  }
  return compareText(a.name, b.name);
}

type Filters = Omit<TAssetExportQuery, 'format'>;
const hasFilters = (f: Filters) => Object.values(f).some((v) => v !== undefined && v !== '');

/** The ids of the register (or of its filtered part), sorted; the list filters are the list route's own. */
async function sortedKeys(ctx: AppContext, organizationId: string, filters: Filters): Promise<Key[]> {
  const db = repo.assetDb(ctx.database.db);
  let keys: Key[];
  if (!hasFilters(filters)) {
    keys = await db.selectFrom('assets').select(['id', 'external_ref', 'name']).where('organization_id', '=', organizationId).execute();
  } else {
    keys = [];
    for (let page = 1; ; page += 1) {
      const { rows } = await repo.listAssets(db, [organizationId], { ...filters, page, pageSize: LIST_PAGE, sort: 'externalRef', direction: 'asc', includeSites: 'no' }, today(ctx));
      for (const row of rows) keys.push({ id: row.id, external_ref: row.external_ref, name: row.name });
      if (rows.length < LIST_PAGE) break;
    }
  }
  return keys.sort(compareKeys);
}

/** Batches of file values in the final order. A batch never splits assets that share reference and name. */
async function* valueBatches(ctx: AppContext, organizationId: string, keys: Key[], levelNames: Map<string, string>): AsyncGenerator<ExportValue[][]> {
  const db = repo.assetDb(ctx.database.db);
  let start = 0;
  while (start < keys.length) {
    let end = Math.min(start + BATCH, keys.length);
    while (end < keys.length && compareKeys(keys[end - 1]!, keys[end]!) === 0) end += 1;
    const ids = keys.slice(start, end).map((k) => k.id);
    // Scoped to the organization, but written so that neither engine serves it from an organization index:
    // with a list of ids SQLite would otherwise walk the organization's whole index for every batch.
    const rows = await db.selectFrom('assets').selectAll().where('id', 'in', ids).where(sql<string>`organization_id || ''`, '=', organizationId).execute();
    const entries = rows.map((row) => {
      const values = exportValues(rowToFields(row), row.classification_id ? (levelNames.get(row.classification_id) ?? null) : null);
      return { key: { id: row.id, external_ref: row.external_ref, name: row.name }, values, content: null as string | null };
    });
    // Assets that share reference and name are ordered by their content (serialised only for them), then id.
    const content = (e: (typeof entries)[number]) => (e.content ??= JSON.stringify(e.values));
    entries.sort((a, b) => compareKeys(a.key, b.key) || compareText(content(a), content(b)) || compareText(a.key.id, b.key.id));
    yield entries.map((e) => e.values);
    start = end;
    await yieldToEventLoop();
  }
}

async function* csvChunks(batches: AsyncIterable<ExportValue[][]>): AsyncGenerator<string> {
  // The BOM makes spreadsheet programs read the file as UTF-8; the import removes it again.
  yield '\uFEFF' + csvLine(ASSET_FILE_HEADER);
  for await (const batch of batches) yield batch.map((values) => csvLine(toCsvRecord(values))).join('');
}

async function* jsonChunks(batches: AsyncIterable<ExportValue[][]>): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const batch of batches) {
    const text = batch.map((values) => JSON.stringify(toJsonRecord(values))).join(',\n');
    if (text) yield `${first ? '\n' : ',\n'}${text}`;
    first = first && !text;
  }
  yield first ? ']\n' : '\n]\n';
}

function xlsxStream(batches: AsyncIterable<ExportValue[][]>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: false });
  const sheet = workbook.addWorksheet('Assets', { views: [{ state: 'frozen', ySplit: 1 }] });
  void (async () => {
    try {
      sheet.addRow([...ASSET_FILE_HEADER]).commit();
      for await (const batch of batches) for (const values of batch) sheet.addRow(toXlsxRecord(values)).commit();
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

function fileName(access: OrgAccess, day: string, format: AssetFileFormat): string {
  const slug = access.organizationName.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `assets-${slug || 'register'}-${day}.${format}`;
}

/** Records the export, then returns the file as a stream (see the invariants above). */
export async function exportAssets(ctx: AppContext, access: OrgAccess, actor: AuditActor, query: TAssetExportQuery): Promise<AssetExport> {
  const { format, ...filters } = query;
  const keys = await sortedKeys(ctx, access.organizationId, filters);
  const levelNames = new Map((await listLevels(ctx, access)).items.map((level) => [level.id, level.name]));
  await ctx.database.db.transaction().execute((trx) =>
    recordEvent(ctx, trx, actor, { type: 'assets.exported', organizationId: access.organizationId, subjectType: 'organization', subjectId: access.organizationId, changes: { format, filters, rows: keys.length } }),
  );
  const batches = valueBatches(ctx, access.organizationId, keys, levelNames);
  const body = format === 'xlsx' ? xlsxStream(batches) : Readable.from(format === 'csv' ? csvChunks(batches) : jsonChunks(batches));
  return { filename: fileName(access, today(ctx), format), contentType: CONTENT_TYPES[format], rows: keys.length, body };
}
