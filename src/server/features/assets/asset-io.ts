/**
 * The asset register as a file (A.5.9 inventory of information and other associated assets; 45 CFR
 * 164.308(a)(1)(ii)(A): the inventory a risk analysis starts from often arrives as a spreadsheet).
 * Conversions between stored fields and file cells, and the readers of the three formats; no database.
 *
 * Invariants:
 * - One column list for CSV, XLSX and JSON: the field catalogue's order (ASSET_FIELD_COLUMNS) in
 *   snake_case, plus `classification` (the level's NAME, so a file moves between organizations) after
 *   `lifecycle`. No ids, timestamps or derived values (criticality, ePHI role): they are derived on import.
 * - A cell is data, never a formula: formula-like text is exported with one leading apostrophe and
 *   imported without it (kernel/csv.ts), so export → import → export is exact.
 * - Import never decides validity itself: cells are converted, then the one contract (ZAssetFields) judges.
 */
import type { z } from 'zod';
import { ZAssetFields, type TAssetFields } from '../../../shared/contracts/assets.js';
import { csvSafe, csvUnescape } from '../../kernel/csv.js';
import { ASSET_FIELD_COLUMNS } from './asset.mapper.js';

type FieldKind = (typeof ASSET_FIELD_COLUMNS)[number]['kind'];
type FieldKey = keyof TAssetFields;

export interface FileColumn {
  column: string;
  field: FieldKey | null;
  kind: FieldKind | 'classification';
}

export const CLASSIFICATION_COLUMN = 'classification';
export const ASSET_FILE_COLUMNS: readonly FileColumn[] = ASSET_FIELD_COLUMNS.flatMap(({ column, field, kind }): FileColumn[] =>
  field === 'lifecycle' ? [{ column, field, kind }, { column: CLASSIFICATION_COLUMN, field: null, kind: 'classification' }] : [{ column, field, kind }],
);
export const ASSET_FILE_HEADER: readonly string[] = ASSET_FILE_COLUMNS.map((c) => c.column);
const COLUMN_BY_NAME = new Map(ASSET_FILE_COLUMNS.map((c) => [c.column, c]));
export const REQUIRED_COLUMNS = ['name', 'type'] as const;

/** What an empty cell means for a field: null where the contract allows it, else absent (its default applies). */
const EMPTY_VALUE = new Map<FieldKey, null | undefined>(
  ASSET_FIELD_COLUMNS.map(({ field }) => [field, ZAssetFields.shape[field].safeParse(null).success ? null : undefined]),
);
/** Fields that a spreadsheet may hold as a date cell, and how they are written as text. */
const DATE_FIELDS: Partial<Record<FieldKey, 'date' | 'instant'>> = { endOfSupport: 'date', lastCheckIn: 'instant' };

// ---- Export ----

export type ExportValue = string | number | boolean | null | string[];

/** The file values of one asset, in column order. */
export function exportValues(fields: TAssetFields, classificationName: string | null): ExportValue[] {
  return ASSET_FILE_COLUMNS.map(({ field }) => {
    if (field === null) return classificationName;
    const value = fields[field];
    return value === undefined ? null : (value as ExportValue);
  });
}

/** `;` separates list items; a `;` or `\` inside an item is escaped with `\` so every list round-trips. */
export function joinList(items: readonly string[]): string {
  return items.map((item) => item.replace(/[\\;]/g, (ch) => `\\${ch}`)).join(';');
}

export function splitList(text: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === '\\' && (next === ';' || next === '\\')) {
      current += next;
      i += 1;
    } else if (ch === ';') {
      items.push(current);
      current = '';
    } else current += ch;
  }
  items.push(current);
  return items.map((item) => item.trim()).filter((item) => item.length > 0);
}

/** A spreadsheet cell (CSV, XLSX): lists joined, booleans yes/no/empty, text formula-safe, numbers as numbers. */
export function toSheetCell(value: ExportValue, kind: FileColumn['kind']): string | number | null {
  if (value === null) return null;
  if (Array.isArray(value)) return csvSafe(joinList(value));
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return kind === 'number' ? value : csvSafe(String(value));
  return csvSafe(value);
}

export function toCsvRecord(values: readonly ExportValue[]): string[] {
  return values.map((value, i) => {
    const cell = toSheetCell(value, ASSET_FILE_COLUMNS[i]!.kind);
    return cell === null ? '' : String(cell);
  });
}

export function toXlsxRecord(values: readonly ExportValue[]): (string | number | null)[] {
  return values.map((value, i) => toSheetCell(value, ASSET_FILE_COLUMNS[i]!.kind));
}

export function toJsonRecord(values: readonly ExportValue[]): Record<string, ExportValue> {
  const out: Record<string, ExportValue> = {};
  ASSET_FILE_COLUMNS.forEach(({ column }, i) => {
    out[column] = values[i] ?? null;
  });
  return out;
}

// ---- Import ----

/** A data row of a file: `values[i]` belongs to `columns[i]`; undefined = the column is absent. */
export interface FileRow {
  row: number;
  values: unknown[];
  /** Problems found while reading the row (e.g. a value under a column without a header). */
  problems: RowProblem[];
  /** The row is not a record at all (a JSON element that is not an object): only its problems count. */
  isUnreadable?: boolean;
}

/** Rows of a file as they are read, with the file's columns (the same for every batch of one file). */
export interface RowBatch {
  columns: readonly FileColumn[];
  rows: FileRow[];
}

export interface RowProblem {
  column: string | null;
  message: string;
}

/** Header cells → columns; unknown, duplicate or missing required columns make the file unusable. */
export function resolveHeader(cells: readonly unknown[]): { columns: (FileColumn | null)[]; problems: string[] } {
  const problems: string[] = [];
  const seen = new Set<string>();
  const columns = cells.map((cell) => {
    const name = cellText(cell).trim().toLowerCase();
    if (name === '') return null;
    const column = COLUMN_BY_NAME.get(name);
    if (!column) problems.push(`has an unknown column "${name.slice(0, 60)}" (the columns are those of an export: ${ASSET_FILE_HEADER.join(', ')})`);
    else if (seen.has(name)) problems.push(`has the column "${name}" twice`);
    seen.add(name);
    return column ?? null;
  });
  for (const required of REQUIRED_COLUMNS) if (!seen.has(required)) problems.push(`is missing the required column "${required}"`);
  return { columns, problems };
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (typeof cell === 'object' && 'richText' in cell && Array.isArray(cell.richText)) return cell.richText.map((part: { text?: unknown }) => String(part.text ?? '')).join('');
  if (typeof cell === 'object' && 'text' in cell && typeof cell.text === 'string') return cell.text;
  return '';
}

const EMPTY = Symbol('empty');
type Normalised = string | number | boolean | Date | unknown[] | typeof EMPTY | { problem: string } | { other: unknown };

/** One raw cell → a plain value. Spreadsheet text loses the apostrophe that neutralised a formula. */
function normalise(raw: unknown, isSheet: boolean): Normalised {
  if (raw === null || raw === undefined) return EMPTY;
  if (typeof raw === 'string') {
    const text = raw.trim();
    return text === '' ? EMPTY : isSheet ? csvUnescape(text) : text;
  }
  if (typeof raw === 'number' || typeof raw === 'boolean' || raw instanceof Date || Array.isArray(raw)) return raw;
  if (typeof raw === 'object') {
    if ('formula' in raw || 'sharedFormula' in raw) return { problem: 'is a formula; enter the value itself (values are imported as data, never evaluated)' };
    if ('error' in raw) return { problem: `is a spreadsheet error (${String((raw as { error: unknown }).error)})` };
    if ('richText' in raw || ('text' in raw && 'hyperlink' in raw)) return normalise(cellText(raw), isSheet);
  }
  return { other: raw };
}

function parseNumber(text: string): number | string {
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : text;
}

function parseBoolean(text: string): boolean | string {
  const lower = text.toLowerCase();
  if (lower === 'yes' || lower === 'true') return true;
  if (lower === 'no' || lower === 'false') return false;
  return text;
}

function dateText(date: Date, field: FieldKey): string {
  return DATE_FIELDS[field] === 'date' ? date.toISOString().slice(0, 10) : date.toISOString();
}

/** A normalised cell → the value the contract expects for this kind of field (or the raw value, for zod to refuse). */
function convert(value: Exclude<Normalised, { problem: string }>, column: FileColumn & { field: FieldKey }): unknown {
  const { field, kind } = column;
  if (value === EMPTY) return kind === 'list' ? [] : EMPTY_VALUE.get(field);
  if (typeof value === 'object' && value !== null && 'other' in value) return value.other;
  if (value instanceof Date) return DATE_FIELDS[field] ? dateText(value, field) : value.toISOString();
  switch (kind) {
    case 'number':
      return typeof value === 'string' ? parseNumber(value) : value;
    case 'bool':
    case 'nullableBool':
      return typeof value === 'string' ? parseBoolean(value) : value;
    case 'list':
      if (typeof value === 'string') return splitList(value);
      return Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value;
    default:
      return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
  }
}

export interface RowInput {
  /** The candidate for ZAssetFields: the base asset (on update) overlaid with the file's present columns. */
  input: Record<string, unknown>;
  /** The classification level's name from the file: undefined when the column is absent, null when empty. */
  classification: string | null | undefined;
  /** The external reference as written in the file (trimmed), for upserts and duplicate detection. */
  externalRef: string | null;
  problems: RowProblem[];
}

/** Only the external reference of a row, read before its asset is looked up. */
export function externalRefOf(columns: readonly FileColumn[], row: FileRow, isSheet: boolean): string | null {
  const index = columns.findIndex((c) => c.field === 'externalRef');
  if (index < 0) return null;
  const value = normalise(row.values[index], isSheet);
  if (value === EMPTY || typeof value === 'boolean' || (typeof value === 'object' && !(value instanceof Date))) return null;
  return String(value);
}

/** The file's cells of one row → the contract's input, on top of `base` (the existing asset, for an update). */
export function rowInput(columns: readonly FileColumn[], row: FileRow, options: { base: TAssetFields | null; isSheet: boolean }): RowInput {
  const input: Record<string, unknown> = options.base ? { ...options.base } : {};
  const problems: RowProblem[] = [...row.problems];
  let classification: string | null | undefined;
  columns.forEach((column, i) => {
    const raw = row.values[i];
    if (raw === undefined) return;
    const value = normalise(raw, options.isSheet);
    if (typeof value === 'object' && value !== null && 'problem' in value) {
      problems.push({ column: column.column, message: value.problem });
      return;
    }
    if (column.field === null) {
      classification = value === EMPTY ? null : cellText(value instanceof Date ? value.toISOString() : value);
      return;
    }
    input[column.field] = convert(value, column as FileColumn & { field: FieldKey });
  });
  const ref = input.externalRef;
  return { input, classification, externalRef: typeof ref === 'string' && ref.trim() !== '' ? ref.trim() : null, problems };
}

const FIELD_TO_COLUMN = new Map(ASSET_FIELD_COLUMNS.map((c) => [c.field as string, c.column]));

/** The contract's issues, worded for a person reading the file: the column, and what is wrong. */
export function contractProblems(error: z.ZodError, input: Record<string, unknown>): RowProblem[] {
  return error.issues.map((issue) => {
    const [field, index] = issue.path;
    const column = FIELD_TO_COLUMN.get(String(field)) ?? (field === 'classificationId' ? CLASSIFICATION_COLUMN : null);
    const prefix = typeof index === 'number' ? `item ${index + 1}: ` : '';
    let message = issue.message;
    if (issue.code === 'invalid_type' && typeof index !== 'number' && input[String(field)] === undefined) message = 'is required';
    else if (issue.code === 'invalid_type' && issue.expected === 'number') message = 'must be a number';
    else if (issue.code === 'invalid_type' && issue.expected === 'int') message = 'must be a whole number';
    else if (issue.code === 'invalid_type' && issue.expected === 'boolean') message = 'must be yes or no';
    else if (issue.code === 'invalid_value') message = `must be one of: ${issue.values.map(String).join(', ')}`;
    return { column, message: prefix + message };
  });
}
