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
import { ASSET_TYPES, DATA_CATEGORIES, HOSTING, LIFECYCLE_STATUSES, ZAssetFields, type TAssetFields } from '../../../shared/contracts/assets.js';
import { ZId, ZIsoDate, ZIsoInstant } from '../../../shared/contracts/common.js';
import { csvSafe, csvUnescape, joinList, splitList } from '../../kernel/csv.js';
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

// ---- The contract's common case, without zod ----

/**
 * `ZAssetFields.parse(input)` for input the contract certainly accepts, about ten times faster than zod:
 * the same trimming, limits, enums, defaults and key presence (a key present with `undefined` stays, an
 * absent optional key stays absent). Returns null whenever a value is not plainly valid — zod then judges
 * the row and words its problems. A test compares both over generated and hostile rows (asset-io-fast.test.ts).
 */
export function fastAssetFields(input: Record<string, unknown>): TAssetFields | null {
  const out: Record<string, unknown> = {};
  for (const [key, check, fallback] of FAST_FIELDS) {
    const value = input[key];
    if (value === undefined) {
      if (fallback === REQUIRED) return null;
      if (fallback !== NO_DEFAULT) out[key] = typeof fallback === 'function' ? fallback() : fallback;
      else if (key in input) out[key] = undefined;
      continue;
    }
    const checked = check(value);
    if (checked === INVALID) return null;
    out[key] = checked;
  }
  return out as TAssetFields;
}

const INVALID = Symbol('invalid');
const NO_DEFAULT = Symbol('no default');
const REQUIRED = Symbol('required');
type FastCheck = (value: unknown) => unknown;
// The contract's control-character rules: none at all in a name (\p{Cc} is exactly U+0000–U+001F and
// U+007F–U+009F); tab and line breaks allowed in other text. Without the `u` flag: same matches, faster.
// eslint-disable-next-line no-control-regex
const TEXT_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
// eslint-disable-next-line no-control-regex
const NAME_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

const fastText = (max: number, nullable = true): FastCheck => (value) => {
  if (value === null) return nullable ? null : INVALID;
  if (typeof value !== 'string') return INVALID;
  const text = value.trim();
  return text.length <= max && !TEXT_CONTROL.test(text) ? text : INVALID;
};
const fastName: FastCheck = (value) => {
  if (typeof value !== 'string') return INVALID;
  const text = value.trim();
  return text.length >= 1 && text.length <= 200 && !NAME_CONTROL.test(text) ? text : INVALID;
};
const fastEnum = (values: readonly string[], nullable: boolean): FastCheck => {
  const set = new Set(values);
  return (value) => (value === null ? (nullable ? null : INVALID) : typeof value === 'string' && set.has(value) ? value : INVALID);
};
const fastLevel = (min: number, max: number): FastCheck => (value) => (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : INVALID);
const fastHours: FastCheck = (value) => (value === null ? null : typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100000 ? value : INVALID);
const fastBool: FastCheck = (value) => (typeof value === 'boolean' ? value : INVALID);
const fastFlag: FastCheck = (value) => (value === null || typeof value === 'boolean' ? value : INVALID);
/** Strings judged by a zod schema of the contract itself, remembered (ids, dates and instants repeat). */
const fastBySchema = (schema: { safeParse(value: unknown): { success: boolean } }): FastCheck => {
  const valid = new Set<string>();
  return (value) => {
    if (value === null) return null;
    if (typeof value !== 'string') return INVALID;
    if (valid.has(value)) return value;
    if (!schema.safeParse(value).success) return INVALID;
    if (valid.size >= 50_000) valid.clear();
    valid.add(value);
    return value;
  };
};
const fastCategories: FastCheck = (value) => {
  if (!Array.isArray(value) || value.length > DATA_CATEGORIES.length) return INVALID;
  for (const item of value) if (typeof item !== 'string' || !(DATA_CATEGORIES as readonly string[]).includes(item)) return INVALID;
  return [...(value as string[])];
};
const tagText = fastText(50, false);
const fastTags: FastCheck = (value) => {
  if (!Array.isArray(value) || value.length > 30) return INVALID;
  const out: string[] = [];
  for (const item of value) {
    const text = tagText(item);
    if (text === INVALID || text === '') return INVALID;
    out.push(text as string);
  }
  return out;
};

/** Every field of ZAssetFields in its order: the check, and the default applied to an absent or undefined value. */
const FAST_FIELDS: readonly (readonly [keyof TAssetFields, FastCheck, unknown])[] = (() => {
  const t = fastText(200);
  const fields: Record<keyof TAssetFields, readonly [FastCheck, unknown]> = {
    name: [fastName, REQUIRED],
    description: [fastText(4000), NO_DEFAULT],
    type: [fastEnum(ASSET_TYPES, false), REQUIRED],
    owner: [t, NO_DEFAULT],
    custodian: [t, NO_DEFAULT],
    location: [t, NO_DEFAULT],
    lifecycle: [fastEnum(LIFECYCLE_STATUSES, false), 'in_use'],
    classificationId: [fastBySchema(ZId), NO_DEFAULT],
    dataCategories: [fastCategories, () => []],
    confidentiality: [fastLevel(1, 4), 2],
    integrity: [fastLevel(1, 4), 2],
    availability: [fastLevel(1, 4), 2],
    patientSafetyImpact: [fastLevel(0, 4), 0],
    rtoHours: [fastHours, NO_DEFAULT],
    rpoHours: [fastHours, NO_DEFAULT],
    tags: [fastTags, () => []],
    externalRef: [fastText(120), NO_DEFAULT],
    ephiCreates: [fastBool, false],
    ephiReceives: [fastBool, false],
    ephiMaintains: [fastBool, false],
    ephiTransmits: [fastBool, false],
    encryptedAtRest: [fastFlag, NO_DEFAULT],
    encryptedInTransit: [fastFlag, NO_DEFAULT],
    mfaEnabled: [fastFlag, NO_DEFAULT],
    ssoEnabled: [fastFlag, NO_DEFAULT],
    vendor: [t, NO_DEFAULT],
    hosting: [fastEnum(HOSTING, true), NO_DEFAULT],
    manufacturer: [t, NO_DEFAULT],
    model: [t, NO_DEFAULT],
    serialNumber: [fastText(120), NO_DEFAULT],
    mds2OnFile: [fastFlag, NO_DEFAULT],
    endOfSupport: [fastBySchema(ZIsoDate), NO_DEFAULT],
    patchable: [fastFlag, NO_DEFAULT],
    networkSegment: [fastText(120), NO_DEFAULT],
    connectsToEhr: [fastFlag, NO_DEFAULT],
    platform: [fastText(120), NO_DEFAULT],
    mdmEnrolled: [fastFlag, NO_DEFAULT],
    passcodeEnforced: [fastFlag, NO_DEFAULT],
    byod: [fastFlag, NO_DEFAULT],
    assignedPerson: [t, NO_DEFAULT],
    lastCheckIn: [fastBySchema(ZIsoInstant), NO_DEFAULT],
  };
  const shapeKeys = Object.keys(ZAssetFields.shape) as (keyof TAssetFields)[];
  if (shapeKeys.length !== Object.keys(fields).length || shapeKeys.some((key) => !(key in fields))) throw new Error('asset-io: the fast field checks do not cover ZAssetFields');
  return shapeKeys.map((key) => [key, fields[key][0], fields[key][1]] as const);
})();
