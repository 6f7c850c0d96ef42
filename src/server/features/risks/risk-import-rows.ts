/**
 * The rows of a risk register file as the register's inputs (ISO/IEC 27001:2022 6.1.2): cells converted to
 * the contract's fields, stage overlays, the stored risk's fields for updates and comparisons, and the
 * mapping from the contract's paths back to the file's columns. Pure: no database.
 */
import { RISK_STAGES, type RiskStage, type ZCreateRiskRequest } from '../../../shared/contracts/risks.js';
import { IMPACT_DIMENSIONS, type ImpactDimension, type TRiskAssessmentInput } from '../../../shared/contracts/risk-method.js';
import type { z } from 'zod';
import { dimensionColumn, isProblem, likelihoodColumn, listValue, normaliseCell, nullableTextValue, numberValue, textValue, type RiskFileRow } from './risk-io.js';
import type { StoredMethod } from './risk-method.store.js';
import { storedAssessment } from './risk-stage.js';
import type { RisksTable } from './risk.tables.js';

export type RiskInput = z.output<typeof ZCreateRiskRequest>;

/** A stage as the file gives it: only the columns present (undefined when the file has none of them). */
export interface StageOverlay {
  likelihood?: unknown;
  impacts: Partial<Record<ImpactDimension, unknown>>;
}

export interface RowInput {
  row: number;
  /** The ref cell as text, or null when empty or absent. */
  ref: string | null;
  /** Present columns of the scenario and treatment, as the contract's fields (not yet judged). */
  fields: Record<string, unknown>;
  /** undefined: the column is absent (an update keeps the links). */
  assetRefs: unknown[] | undefined;
  /** undefined: absent; null: empty (no owner). */
  ownerEmail: unknown;
  stages: Record<RiskStage, StageOverlay | undefined>;
  problems: { column: string | null; message: string }[];
  /** Columns whose cell could not be read (a formula, an error): their problem is already reported. */
  unreadable: Set<string>;
  isUnreadable: boolean;
}

export interface StoredRisk {
  row: RisksTable;
  assetIds: string[];
  vulnerabilityIds: string[];
}

export interface PlannedRisk {
  row: number;
  refNumber: number | null;
  existing: StoredRisk | null;
  input: RiskInput;
}

const FIELD_COLUMNS: Record<string, { field: string; read: 'text' | 'nullable' | 'list' }> = {
  title: { field: 'title', read: 'text' },
  description: { field: 'description', read: 'text' },
  category: { field: 'category', read: 'nullable' },
  status: { field: 'status', read: 'nullable' },
  threat_id: { field: 'threatId', read: 'nullable' },
  threat_source_ids: { field: 'threatSourceIds', read: 'list' },
  vulnerability_ids: { field: 'vulnerabilityIds', read: 'list' },
  treatment_option: { field: 'treatmentOption', read: 'nullable' },
  treatment_rationale: { field: 'treatmentRationale', read: 'text' },
};
const COLUMN_OF_FIELD = new Map([...Object.entries(FIELD_COLUMNS).map(([column, { field }]) => [field, column] as const), ['assetIds', 'assets'], ['ownerUserId', 'owner_email']]);

/** R-0001 → 1; anything else → null. */
export function parseRef(text: string): number | null {
  const match = /^R-(\d{1,9})$/i.exec(text.trim());
  if (!match) return null;
  const n = Number(match[1]);
  return n >= 1 ? n : null;
}

/** The file's column for a path of the contract (`current.impacts.patient_safety` → current_patient_safety). */
export function columnOf(path: readonly PropertyKey[]): string | null {
  const [first, second, third] = path.map(String);
  if (first === undefined) return null;
  if ((RISK_STAGES as readonly string[]).includes(first)) {
    const stage = first as RiskStage;
    if (second === 'impacts' && third !== undefined && (IMPACT_DIMENSIONS as readonly string[]).includes(third)) return dimensionColumn(stage, third as ImpactDimension);
    return likelihoodColumn(stage);
  }
  return COLUMN_OF_FIELD.get(first) ?? null;
}

/** The cells of one row → the register's inputs (see `RowInput`). */
export function fileRowInput(fileRow: RiskFileRow, isSheet: boolean): RowInput {
  const out: RowInput = { row: fileRow.row, ref: null, fields: {}, assetRefs: undefined, ownerEmail: undefined, stages: { inherent: undefined, current: undefined, residual: undefined }, problems: [...fileRow.problems], unreadable: new Set(), isUnreadable: fileRow.isUnreadable === true };
  for (const [column, raw] of fileRow.cells) {
    const cell = normaliseCell(raw, isSheet);
    if (isProblem(cell)) {
      out.problems.push({ column, message: cell.problem });
      out.unreadable.add(column);
      continue;
    }
    if (column === 'ref') {
      const value = nullableTextValue(cell);
      if (value !== null) out.ref = typeof value === 'string' ? value : String(value);
      continue;
    }
    const known = FIELD_COLUMNS[column];
    if (known) {
      out.fields[known.field] = known.read === 'text' ? textValue(cell) : known.read === 'list' ? listValue(cell) : nullableTextValue(cell);
      continue;
    }
    if (column === 'assets') {
      const value = listValue(cell);
      out.assetRefs = Array.isArray(value) ? value : [value];
      continue;
    }
    if (column === 'owner_email') {
      out.ownerEmail = nullableTextValue(cell);
      continue;
    }
    for (const stage of RISK_STAGES) {
      if (!column.startsWith(`${stage}_`)) continue;
      const rest = column.slice(stage.length + 1);
      const overlay = (out.stages[stage] ??= { impacts: {} });
      if (rest === 'likelihood') overlay.likelihood = numberValue(cell);
      else if ((IMPACT_DIMENSIONS as readonly string[]).includes(rest)) overlay.impacts[rest as ImpactDimension] = numberValue(cell);
      // `<stage>_impact` and `<stage>_level` are derived: read, never used.
    }
  }
  return out;
}

/**
 * The stage the row asks for: the stored assessment (on update) overlaid with the file's columns; null
 * when nothing is rated or the likelihood cell is empty. A rated impact without a likelihood is a problem
 * named on the likelihood column.
 */
export function mergeStage(stage: RiskStage, overlay: StageOverlay | undefined, stored: TRiskAssessmentInput | null): { value: unknown; problem: string | null } {
  if (overlay === undefined) return { value: stored, problem: null };
  // An empty likelihood cell clears the stage, unless the row itself rates an impact of it.
  if ('likelihood' in overlay && (overlay.likelihood === null || overlay.likelihood === undefined)) {
    const rated = Object.values(overlay.impacts).some((v) => v !== null && v !== undefined);
    return { value: null, problem: rated ? `is required when the ${stage} stage rates an impact` : null };
  }
  const likelihood = 'likelihood' in overlay ? overlay.likelihood : (stored?.likelihood ?? null);
  const impacts: Record<string, unknown> = { ...(stored?.impacts ?? {}), ...overlay.impacts };
  for (const key of Object.keys(impacts)) if (impacts[key] === null || impacts[key] === undefined) delete impacts[key];
  if (likelihood === null || likelihood === undefined) {
    return Object.keys(impacts).length === 0 ? { value: null, problem: null } : { value: null, problem: `is required when the ${stage} stage rates an impact` };
  }
  return { value: { likelihood, impacts }, problem: null };
}

/** The fields of a stored risk that a file can change (assessments apart). */
export function storedFields(existing: StoredRisk) {
  const { row } = existing;
  return {
    title: row.title,
    description: row.description,
    category: row.category,
    status: row.status,
    threatId: row.threat_id,
    threatSourceIds: JSON.parse(row.threat_source_ids) as string[],
    vulnerabilityIds: [...existing.vulnerabilityIds].sort(),
    assetIds: [...existing.assetIds].sort(),
    ownerUserId: row.owner_user_id,
    treatmentOption: row.treatment_option,
    treatmentRationale: row.treatment_rationale,
  };
}

/** Whether the input would leave the stored risk exactly as it is (fields, links in any order, assessments under the method in force). */
export function sameFields(existing: StoredRisk, input: RiskInput, method: StoredMethod): boolean {
  const before = storedFields(existing);
  const norm = (v: unknown) => JSON.stringify(Array.isArray(v) ? [...new Set(v as string[])].sort() : v);
  for (const key of Object.keys(before) as (keyof typeof before)[]) {
    const sortable = key === 'assetIds' || key === 'vulnerabilityIds';
    const a = sortable ? norm(before[key]) : JSON.stringify(before[key]);
    const b = sortable ? norm(input[key]) : JSON.stringify(key === 'threatSourceIds' ? [...new Set(input.threatSourceIds)] : input[key]);
    if (a !== b) return false;
  }
  return RISK_STAGES.every((stage) => {
    const stored = storedAssessment(existing.row, stage);
    const given = input[stage];
    if (stored === null || given === null) return stored === given;
    const impacts = (x: Record<string, number | null | undefined>) => JSON.stringify(Object.entries(x).filter(([, v]) => v !== null && v !== undefined).sort());
    return stored.likelihood === given.likelihood && impacts(stored.impacts) === impacts(given.impacts) && Number(existing.row[`${stage}_method_version`]) === method.version;
  });
}
