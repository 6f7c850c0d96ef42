/**
 * Pure SoA rules (ISO/IEC 27001:2022 6.1.3 d), no I/O: building a row from its entry and linked controls,
 * the effective status, the justification check, filters and the comparison of two sets of rows.
 * Derived state (status, "justified") is computed here, never stored.
 */
import { deriveImplementationStatus, INCLUSION_REASONS, soaEffectiveStatus, type ImplementationStatus, type InclusionReason } from '../../../shared/compliance.js';
import { ANNEX_A_THEMES, SOA_DIFF_FIELDS, type AnnexATheme, type TSoaListQuery, type TSoaRow } from '../../../shared/contracts/soa.js';
import type { TLinkedRisk } from '../../../shared/contracts/controls.js';
import { mergeLinkedRisks, type LinkedControl } from '../controls/index.js';
import type { AnnexRequirement } from './soa.repository.js';
import type { SoaEntriesTable } from './soa.tables.js';

/** The editable part of a row; an absent entry is applicable with no justification yet. */
export interface EntryFields {
  applicable: boolean;
  inclusionReasons: InclusionReason[];
  inclusionJustification: string | null;
  exclusionJustification: string | null;
  statusOverride: ImplementationStatus | null;
  overrideReason: string | null;
}

export const DEFAULT_ENTRY: EntryFields = { applicable: true, inclusionReasons: [], inclusionJustification: null, exclusionJustification: null, statusOverride: null, overrideReason: null };

function parseReasons(json: string): InclusionReason[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((r): r is InclusionReason => (INCLUSION_REASONS as readonly string[]).includes(r as string)) : [];
  } catch {
    return [];
  }
}

export function entryFields(row: SoaEntriesTable | undefined): EntryFields {
  if (!row) return { ...DEFAULT_ENTRY };
  return {
    applicable: Number(row.applicable) === 1,
    inclusionReasons: parseReasons(row.inclusion_reasons),
    inclusionJustification: row.inclusion_justification,
    exclusionJustification: row.exclusion_justification,
    statusOverride: (row.status_override as ImplementationStatus | null) ?? null,
    overrideReason: row.override_reason,
  };
}

/**
 * not_applicable exactly when the control is excluded (with its justification, 6.1.3 d); else the override
 * when one is recorded, else the derived status — never not_applicable for an applicable row (every linked
 * control not applicable → none). The same rule ISO readiness counts (`soaEffectiveStatus`).
 */
export function effectiveStatus(fields: Pick<EntryFields, 'applicable' | 'statusOverride'>, derived: ImplementationStatus): ImplementationStatus {
  return soaEffectiveStatus(fields, derived);
}

/** Justified: an applicable control names at least one inclusion reason; an excluded one always has its justification. */
export function isJustified(fields: EntryFields): boolean {
  return fields.applicable ? fields.inclusionReasons.length > 0 : Boolean(fields.exclusionJustification);
}

const asTheme = (theme: string | null): AnnexATheme | null => ((ANNEX_A_THEMES as readonly string[]).includes(theme ?? '') ? (theme as AnnexATheme) : null);

export interface RowInput {
  requirement: AnnexRequirement;
  entry: EntryFields;
  linked: readonly LinkedControl[];
  organizationNames: Map<string, string>;
  evidence: Map<string, { current: number; expired: number }>;
  /** Open risks linked to each control (by control id). */
  risks?: Map<string, TLinkedRisk[]>;
}

export function buildRow({ requirement, entry, linked, organizationNames, evidence, risks }: RowInput): TSoaRow {
  const derived = deriveImplementationStatus(linked);
  let current = 0;
  let expired = 0;
  for (const control of linked) {
    const counts = evidence.get(control.id);
    current += counts?.current ?? 0;
    expired += counts?.expired ?? 0;
  }
  return {
    requirementId: requirement.id,
    ref: requirement.ref,
    title: requirement.title,
    theme: asTheme(requirement.theme),
    ...entry,
    derivedStatus: derived,
    effectiveStatus: effectiveStatus(entry, derived),
    isJustified: isJustified(entry),
    controls: linked.map((c) => ({ id: c.id, code: c.code, name: c.name, status: c.status, inherited: c.inherited, organizationId: c.organizationId, organizationName: organizationNames.get(c.organizationId) ?? '' })),
    // The risks whose treatment selected any of the row's controls, each once.
    risks: mergeLinkedRisks(linked.map((c) => risks?.get(c.id))),
    evidence: { current, expired },
  };
}

/** The list filters, in one pass over the (at most 93) rows. */
export function filterRows(rows: readonly TSoaRow[], query: TSoaListQuery): TSoaRow[] {
  const q = query.q?.toLowerCase();
  return rows.filter((row) => {
    if (query.theme && row.theme !== query.theme) return false;
    if (query.applicable && row.applicable !== (query.applicable === 'yes')) return false;
    if (query.status && row.effectiveStatus !== query.status) return false;
    if (query.justified && row.isJustified !== (query.justified === 'yes')) return false;
    if (q) {
      const haystack = [row.ref, row.title, row.inclusionJustification, row.exclusionJustification, ...row.controls.map((c) => `${c.code} ${c.name}`)].join(' ').toLowerCase();
      if (!haystack.includes(q)) return false;
    }
    return true;
  });
}

export function countStatuses(statuses: readonly ImplementationStatus[]): Record<ImplementationStatus, number> {
  const counts: Record<ImplementationStatus, number> = { none: 0, planned: 0, partial: 0, implemented: 0, not_applicable: 0 };
  for (const status of statuses) counts[status] += 1;
  return counts;
}

export function statusCounts(rows: readonly TSoaRow[]): Record<ImplementationStatus, number> {
  return countStatuses(rows.map((row) => row.effectiveStatus));
}

type DiffField = (typeof SOA_DIFF_FIELDS)[number];

function fieldValue(row: TSoaRow, field: DiffField): unknown {
  if (field === 'controls') return row.controls.map((c) => `${c.code}|${c.status}|${c.inherited ? 'inherited' : 'own'}`).sort();
  if (field === 'inclusionReasons') return [...row.inclusionReasons].sort();
  return row[field] ?? null;
}

/** The fields in which two versions of a row differ. */
export function changedFields(before: TSoaRow, after: TSoaRow): DiffField[] {
  return SOA_DIFF_FIELDS.filter((field) => JSON.stringify(fieldValue(before, field)) !== JSON.stringify(fieldValue(after, field)));
}

/** Rows whose applicability, justification, status or controls changed; rows only on one side are listed too. */
export function diffRows(before: readonly TSoaRow[], after: readonly TSoaRow[]) {
  const beforeByRef = new Map(before.map((r) => [r.ref, r]));
  const afterRefs = new Set(after.map((r) => r.ref));
  const changes: { ref: string; title: string; fields: DiffField[]; before: TSoaRow | null; after: TSoaRow | null }[] = [];
  for (const row of after) {
    const old = beforeByRef.get(row.ref);
    if (!old) {
      changes.push({ ref: row.ref, title: row.title, fields: [...SOA_DIFF_FIELDS], before: null, after: row });
      continue;
    }
    const fields = changedFields(old, row);
    if (fields.length > 0) changes.push({ ref: row.ref, title: row.title, fields, before: old, after: row });
  }
  for (const row of before) if (!afterRefs.has(row.ref)) changes.push({ ref: row.ref, title: row.title, fields: [...SOA_DIFF_FIELDS], before: row, after: null });
  return changes;
}
