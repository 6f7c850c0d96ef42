/**
 * Readers of the asset register's file formats (A.5.9; A.8.28 secure coding: an uploaded file is hostile
 * until read). Each returns the same `ParsedFile`; none writes to the database.
 *
 * Invariants:
 * - Text files must be UTF-8 (an optional BOM is removed); anything else is refused as a whole.
 * - An XLSX is inspected for ZIP bombs (kernel/zip-guard.ts) before exceljs inflates any of it, and is read
 *   as a stream (its first worksheet only), so memory follows the rows, not the XML.
 * - Rows come in batches as they are read, so a large file is judged while it is read, never held twice.
 * - Row numbers are those a person sees: the spreadsheet row (header = row 1), or the JSON array position.
 * - The header must name only known columns, each once, including the required ones; otherwise the file
 *   is refused before any row is judged.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AssetFileFormat } from '../../../shared/contracts/assets.js';
import { csvRecords, decodeUtf8File, fileError } from '../../kernel/csv.js';
import { AppError } from '../../kernel/errors.js';
import { assertSafeZip } from '../../kernel/zip-guard.js';
import { ASSET_FILE_COLUMNS, ASSET_FILE_HEADER, resolveHeader, type FileColumn, type FileRow, type RowBatch } from './asset-io.js';

export type ProgressFn = (done: number, total: number) => void;
const CHUNK_BYTES = 1024 * 1024;
export const ROW_BATCH = 2000;

function fileErrors(problems: string[]): AppError {
  return new AppError('validation_failed', problems.map((p) => `file: ${p}`).join('; '), problems.map((message) => ({ path: 'file', message })));
}

function isBlank(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** Collects a sheet's rows: the first non-empty row is the header; empty rows are skipped (not counted). */
class SheetRows {
  private positions: number[] | null = null;
  private known = new Set<number>();
  private columns: FileColumn[] = [];
  private headerWidth = 0;
  private pending: FileRow[] = [];

  add(rowNumber: number, cells: readonly unknown[]): void {
    if (cells.every(isBlank)) return;
    if (!this.positions) {
      const header = resolveHeader(cells);
      if (header.problems.length > 0) throw fileErrors(header.problems);
      this.positions = [];
      header.columns.forEach((column, position) => {
        if (!column) return;
        this.columns.push(column);
        this.positions!.push(position);
      });
      this.known = new Set(this.positions);
      this.headerWidth = header.columns.length;
      return;
    }
    const stray = cells.findIndex((cell, position) => !this.known.has(position) && !isBlank(cell));
    const problems = stray < 0 ? [] : [{ column: null, message: `has a value in column ${stray + 1}, which has no header${stray >= this.headerWidth ? ' (more cells than the header)' : ''}` }];
    // A cell missing at the end of a short row is empty, never absent: the column is in the file.
    this.pending.push({ row: rowNumber, values: this.positions.map((position) => cells[position] ?? null), problems });
  }

  get isFull(): boolean {
    return this.pending.length >= ROW_BATCH;
  }

  take(): RowBatch {
    const rows = this.pending;
    this.pending = [];
    return { columns: this.columns, rows };
  }

  /** The last rows; a file without a header row is refused. */
  finish(): RowBatch {
    if (!this.positions) throw fileError(`has no header row (expected the columns of an export: ${ASSET_FILE_HEADER.join(', ')})`);
    return this.take();
  }
}

async function* readCsv(bytes: Buffer, onProgress?: ProgressFn): AsyncGenerator<RowBatch> {
  const text = decodeUtf8File(bytes);
  const sheet = new SheetRows();
  const cursor = { position: 0 };
  let rowNumber = 0;
  for (const record of csvRecords(text, cursor)) {
    rowNumber += 1;
    sheet.add(rowNumber, record);
    if (sheet.isFull) {
      onProgress?.(cursor.position, text.length);
      yield sheet.take();
    }
  }
  onProgress?.(text.length, text.length);
  yield sheet.finish();
}

/** Spreadsheet values of an exceljs row, from column A (exceljs arrays start at index 1). */
function rowCells(values: unknown): unknown[] {
  if (!Array.isArray(values)) return [];
  return Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => values[i + 1] ?? null);
}

async function* readXlsx(bytes: Buffer, onProgress?: ProgressFn): AsyncGenerator<RowBatch> {
  await assertSafeZip(bytes);
  const chunks = function* () {
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
      onProgress?.(Math.min(at + CHUNK_BYTES, bytes.length), bytes.length);
      yield bytes.subarray(at, at + CHUNK_BYTES);
    }
  };
  const source = Readable.from(chunks());
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  const sheet = new SheetRows();
  let isFirst = true;
  try {
    for await (const worksheet of reader) {
      // Only the first worksheet is the register; later ones (notes, lookups) are passed over unread.
      if (!isFirst) continue;
      isFirst = false;
      for await (const row of worksheet) {
        sheet.add(row.number, rowCells(row.values));
        if (sheet.isFull) yield sheet.take();
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw fileError('is not a readable XLSX workbook');
  } finally {
    source.destroy();
  }
  yield sheet.finish();
}

function jsonRow(item: unknown, row: number, known: Set<string>): FileRow {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return { row, values: ASSET_FILE_COLUMNS.map(() => undefined), problems: [{ column: null, message: 'must be an object with the columns as keys' }], isUnreadable: true };
  }
  const record = item as Record<string, unknown>;
  const problems = Object.keys(record)
    .filter((key) => !known.has(key))
    .map((key) => ({ column: key.slice(0, 60), message: 'is not a column of the asset register' }));
  // An absent key leaves the field as it is (update) or at its default (create); null empties it.
  return { row, values: ASSET_FILE_COLUMNS.map(({ column }) => (Object.hasOwn(record, column) ? (record[column] ?? null) : undefined)), problems };
}

async function* readJson(bytes: Buffer, onProgress?: ProgressFn): AsyncGenerator<RowBatch> {
  let data: unknown;
  try {
    data = JSON.parse(decodeUtf8File(bytes));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw fileError('is not valid JSON');
  }
  if (!Array.isArray(data)) throw fileError('must be a JSON array of assets, as exported');
  onProgress?.(bytes.length, bytes.length);
  const known = new Set(ASSET_FILE_HEADER);
  for (let start = 0; start < data.length; start += ROW_BATCH) {
    yield { columns: ASSET_FILE_COLUMNS, rows: data.slice(start, start + ROW_BATCH).map((item: unknown, i) => jsonRow(item, start + i + 1, known)) };
  }
}

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE2_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** A workbook sent as text (or an old .xls as anything) gets a message that says what it is. */
function refuseWrongKind(format: AssetFileFormat, bytes: Buffer): void {
  if (bytes.subarray(0, 8).equals(OLE2_SIGNATURE)) throw fileError('is an old Excel workbook (.xls); save it as .xlsx or as CSV UTF-8');
  if (format !== 'xlsx' && bytes.subarray(0, 4).equals(ZIP_SIGNATURE)) throw fileError(`is an XLSX workbook (a ZIP archive), not ${format.toUpperCase()} text; import it as xlsx`);
}

/** The file's rows in batches; throws a `file: …` error as soon as the file as a whole proves unusable. */
export function readFile(format: AssetFileFormat, bytes: Buffer, onProgress?: ProgressFn): AsyncGenerator<RowBatch> {
  refuseWrongKind(format, bytes);
  if (format === 'csv') return readCsv(bytes, onProgress);
  if (format === 'xlsx') return readXlsx(bytes, onProgress);
  return readJson(bytes, onProgress);
}
