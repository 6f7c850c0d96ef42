/**
 * The risk register as a file (ISO/IEC 27001:2022 6.1.2 e, 8.2: risk assessment results retained as
 * documented information; 45 CFR 164.316(b)(1): the risk analysis kept in written form). Columns, cell
 * conversions and the readers of CSV, XLSX and JSON; no database.
 *
 * Invariants:
 * - One column list for the three formats, derived from the method in force: the scenario and treatment
 *   columns, then per stage (inherent, current, residual) its likelihood and one column per method
 *   dimension (`current_patient_safety`), then the stage's derived impact and level (read-only), then the
 *   derived `handles_ephi` and `patient_safety`. No ids (refs instead), no timestamps.
 * - People travel by e-mail, assets by their external reference or, without one, as `name [type]`, and
 *   catalogue entries by id, so a file moves between organizations; list cells join items with `;`
 *   (`\;` and `\\` inside an item) and keep the stored order, or sort it where the store has none.
 * - A cell is data, never a formula: text starting with = + - @ tab or CR gets one apostrophe on export
 *   and loses it on import (kernel/csv.ts), so export → import → export is exact.
 * - Derived columns are written for people and ignored on import.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { RISK_STAGES, type RiskStage } from '../../../shared/contracts/risks.js';
import { IMPACT_DIMENSIONS, type ImpactDimension, type TRiskMethod } from '../../../shared/contracts/risk-method.js';
import { csvRecords, csvSafe, csvUnescape, decodeUtf8File, fileError, joinList, splitList } from '../../kernel/csv.js';
import { AppError } from '../../kernel/errors.js';
import { assertSafeZip } from '../../kernel/zip-guard.js';

export const RISK_FILE_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type RiskFileFormat = (typeof RISK_FILE_FORMATS)[number];

export type ColumnKind = 'text' | 'list' | 'int' | 'bool';
export interface RiskColumn {
  column: string;
  kind: ColumnKind;
  /** Written on export for people, ignored on import. */
  isDerived: boolean;
}

const col = (column: string, kind: ColumnKind = 'text', isDerived = false): RiskColumn => ({ column, kind, isDerived });

export const BASE_COLUMNS: readonly RiskColumn[] = [
  col('ref'),
  col('title'),
  col('description'),
  col('category'),
  col('status'),
  col('threat_id'),
  col('threat_source_ids', 'list'),
  col('vulnerability_ids', 'list'),
  col('assets', 'list'),
  col('owner_email'),
  col('treatment_option'),
  col('treatment_rationale'),
];
const TAIL_COLUMNS: readonly RiskColumn[] = [col('handles_ephi', 'bool', true), col('patient_safety', 'bool', true)];
export const REQUIRED_COLUMNS = ['title', 'category'] as const;

export const likelihoodColumn = (stage: RiskStage) => `${stage}_likelihood`;
export const dimensionColumn = (stage: RiskStage, dimension: ImpactDimension) => `${stage}_${dimension}`;

/** The columns of an export under `method`, in order. */
export function riskFileColumns(method: Pick<TRiskMethod, 'dimensions'>): RiskColumn[] {
  const stages = RISK_STAGES.flatMap((stage) => [
    col(likelihoodColumn(stage), 'int'),
    ...method.dimensions.map((d) => col(dimensionColumn(stage, d), 'int')),
    col(`${stage}_impact`, 'int', true),
    col(`${stage}_level`, 'text', true),
  ]);
  return [...BASE_COLUMNS, ...stages, ...TAIL_COLUMNS];
}

/**
 * Every column an import understands: an export's columns under any method (a dimension column the method
 * lacks is read, and refused per row only when it holds a value).
 */
export function importableColumns(): Map<string, RiskColumn> {
  const all = riskFileColumns({ dimensions: [...IMPACT_DIMENSIONS] });
  return new Map(all.map((c) => [c.column, c]));
}

// ---- Values ----

export type CellValue = string | number | boolean | null | string[];
/** One risk as file values, by column name. */
export type RiskRecord = Record<string, CellValue>;

/** An asset as a risk file names it: its external reference, else `name [type]`. */
export function assetReference(asset: { external_ref: string | null; name: string; type: string }): string {
  return asset.external_ref ?? `${asset.name} [${asset.type}]`;
}

/** `name [type]` → its parts; null when the text is not of that form. */
export function parseNameAndType(reference: string): { name: string; type: string } | null {
  const match = /^(.*\S)\s*\[([a-z_]+)\]$/su.exec(reference);
  return match ? { name: match[1]!, type: match[2]! } : null;
}

/** A spreadsheet cell: lists joined, booleans yes/no, text formula-safe, whole numbers as numbers. */
export function sheetCell(value: CellValue, kind: ColumnKind): string | number | null {
  if (value === null) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : csvSafe(joinList(value));
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return kind === 'int' ? value : csvSafe(String(value));
  return value === '' ? null : csvSafe(value);
}

export function csvCells(record: RiskRecord, columns: readonly RiskColumn[]): string[] {
  return columns.map((c) => {
    const cell = sheetCell(record[c.column] ?? null, c.kind);
    return cell === null ? '' : String(cell);
  });
}

export function xlsxCells(record: RiskRecord, columns: readonly RiskColumn[]): (string | number | null)[] {
  return columns.map((c) => sheetCell(record[c.column] ?? null, c.kind));
}

export function jsonRecord(record: RiskRecord, columns: readonly RiskColumn[]): RiskRecord {
  const out: RiskRecord = {};
  for (const c of columns) out[c.column] = record[c.column] ?? (c.kind === 'list' ? [] : null);
  return out;
}

// ---- Reading ----

/** One data row: the raw cell of each file column (absent key: the column is not in the file). */
export interface RiskFileRow {
  /** The row a person sees: spreadsheet row (header = 1), or the position in the JSON array (from 1). */
  row: number;
  cells: Map<string, unknown>;
  problems: { column: string | null; message: string }[];
  /** Not a record at all (a JSON element that is not an object): only its problems count. */
  isUnreadable?: boolean;
}

export interface RiskFile {
  columns: string[];
  rows: RiskFileRow[];
  isSheet: boolean;
}

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE2_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (typeof cell === 'object' && 'richText' in cell && Array.isArray(cell.richText)) return cell.richText.map((part: { text?: unknown }) => String(part.text ?? '')).join('');
  if (typeof cell === 'object' && 'text' in cell && typeof cell.text === 'string') return cell.text;
  return '';
}

const isBlank = (cell: unknown) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

function resolveHeader(cells: readonly unknown[]): (string | null)[] {
  const known = importableColumns();
  const problems: string[] = [];
  const seen = new Set<string>();
  const names = cells.map((cell) => {
    const name = cellText(cell).trim().toLowerCase();
    if (name === '') return null;
    if (!known.has(name)) problems.push(`has an unknown column "${name.slice(0, 60)}" (the columns are those of an export: ${riskFileColumns({ dimensions: ['confidentiality', 'integrity', 'availability', 'patient_safety'] }).map((c) => c.column).join(', ')}, and <stage>_<dimension> for the method's other dimensions)`);
    else if (seen.has(name)) problems.push(`has the column "${name}" twice`);
    seen.add(name);
    return known.has(name) ? name : null;
  });
  for (const required of REQUIRED_COLUMNS) if (!seen.has(required)) problems.push(`is missing the required column "${required}"`);
  if (problems.length > 0) throw new AppError('validation_failed', problems.map((p) => `file: ${p}`).join('; '), problems.map((message) => ({ path: 'file', message })));
  return names;
}

function sheetRows(records: Iterable<[number, unknown[]]>): RiskFile {
  let header: (string | null)[] | null = null;
  const rows: RiskFileRow[] = [];
  for (const [row, cells] of records) {
    if (cells.every(isBlank)) continue;
    if (!header) {
      header = resolveHeader(cells);
      continue;
    }
    const map = new Map<string, unknown>();
    const problems: RiskFileRow['problems'] = [];
    header.forEach((name, i) => {
      if (name !== null) map.set(name, cells[i] ?? null);
    });
    const stray = cells.findIndex((cell, i) => (i >= header!.length || header![i] === null) && !isBlank(cell));
    if (stray >= 0) problems.push({ column: null, message: `has a value in column ${stray + 1}, which has no header` });
    rows.push({ row, cells: map, problems });
  }
  if (!header) throw fileError('has no header row (expected the columns of an export, starting with ref, title, description, category)');
  return { columns: header.filter((h): h is string => h !== null), rows, isSheet: true };
}

function* numbered(records: Iterable<string[]>): Generator<[number, unknown[]]> {
  let n = 0;
  for (const record of records) yield [++n, record];
}

async function readXlsx(bytes: Buffer): Promise<RiskFile> {
  await assertSafeZip(bytes);
  const source = Readable.from([bytes]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  const records: [number, unknown[]][] = [];
  let isFirst = true;
  try {
    for await (const worksheet of reader) {
      // Only the first worksheet is the register; later ones (notes, lookups) are passed over.
      if (!isFirst) continue;
      isFirst = false;
      for await (const row of worksheet) {
        const values = Array.isArray(row.values) ? row.values : [];
        records.push([row.number, Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => values[i + 1] ?? null)]);
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw fileError('is not a readable XLSX workbook');
  } finally {
    source.destroy();
  }
  return sheetRows(records);
}

function readJson(bytes: Buffer): RiskFile {
  let data: unknown;
  try {
    data = JSON.parse(decodeUtf8File(bytes));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw fileError('is not valid JSON');
  }
  if (!Array.isArray(data)) throw fileError('must be a JSON array of risks, as exported');
  const known = importableColumns();
  const columns = new Set<string>();
  const rows = data.map((item: unknown, i): RiskFileRow => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return { row: i + 1, cells: new Map(), problems: [{ column: null, message: 'must be an object with the columns as keys' }], isUnreadable: true };
    const cells = new Map<string, unknown>();
    const problems: RiskFileRow['problems'] = [];
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      if (!known.has(key)) problems.push({ column: key.slice(0, 60), message: 'is not a column of the risk register' });
      else {
        cells.set(key, value);
        columns.add(key);
      }
    }
    return { row: i + 1, cells, problems };
  });
  return { columns: [...columns], rows, isSheet: false };
}

/** The whole file, checked as a file (encoding, kind, header); rows are judged by the import service. */
export async function readRiskFile(format: RiskFileFormat, bytes: Buffer): Promise<RiskFile> {
  if (bytes.subarray(0, 8).equals(OLE2_SIGNATURE)) throw fileError('is an old Excel workbook (.xls); save it as .xlsx or as CSV UTF-8');
  if (format !== 'xlsx' && bytes.subarray(0, 4).equals(ZIP_SIGNATURE)) throw fileError(`is an XLSX workbook (a ZIP archive), not ${format.toUpperCase()} text; import it as xlsx`);
  if (format === 'csv') return sheetRows(numbered(csvRecords(decodeUtf8File(bytes))));
  if (format === 'xlsx') return readXlsx(bytes);
  return readJson(bytes);
}

// ---- Cells → values ----

export const EMPTY = Symbol('empty');
export type Cell = string | number | boolean | unknown[] | typeof EMPTY | { problem: string } | { other: unknown };

/** One raw cell → a plain value. Spreadsheet text loses the apostrophe that neutralised a formula. */
export function normaliseCell(raw: unknown, isSheet: boolean): Cell {
  if (raw === null || raw === undefined) return EMPTY;
  if (typeof raw === 'string') {
    const text = raw.trim();
    return text === '' ? EMPTY : isSheet ? csvUnescape(text) : text;
  }
  if (typeof raw === 'number' || typeof raw === 'boolean' || Array.isArray(raw)) return raw;
  if (raw instanceof Date) return raw.toISOString();
  if (typeof raw === 'object') {
    if ('formula' in raw || 'sharedFormula' in raw) return { problem: 'is a formula; enter the value itself (values are imported as data, never evaluated)' };
    if ('error' in raw) return { problem: `is a spreadsheet error (${String((raw as { error: unknown }).error)})` };
    if ('richText' in raw || ('text' in raw && 'hyperlink' in raw)) return normaliseCell(cellText(raw), isSheet);
  }
  return { other: raw };
}

export const isProblem = (cell: Cell): cell is { problem: string } => typeof cell === 'object' && cell !== null && !Array.isArray(cell) && 'problem' in cell;

/** A text field: empty → '' ; numbers and booleans as text; anything else as is (the contract refuses it). */
export function textValue(cell: Cell): unknown {
  if (cell === EMPTY) return '';
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (typeof cell === 'object' && cell !== null && 'other' in cell) return cell.other;
  return cell;
}

/** A nullable text field (an id or an enum): empty → null. */
export function nullableTextValue(cell: Cell): unknown {
  return cell === EMPTY ? null : textValue(cell);
}

/** A list field: `a;b` in a sheet, an array in JSON. */
export function listValue(cell: Cell): unknown {
  if (cell === EMPTY) return [];
  if (typeof cell === 'string') return splitList(cell);
  if (Array.isArray(cell)) return cell.map((item) => (typeof item === 'string' ? item.trim() : item));
  return textValue(cell);
}

/** A whole number: text that reads as a number becomes one; anything else is left for the contract to refuse. */
export function numberValue(cell: Cell): unknown {
  if (cell === EMPTY) return null;
  if (typeof cell === 'string') return /^[+-]?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
  if (typeof cell === 'object' && cell !== null && 'other' in cell) return cell.other;
  return cell;
}
