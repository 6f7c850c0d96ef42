/**
 * The incident edit form's values (what the inputs hold: strings, local date-times in the organization's
 * zone, rows of counts) and the ZUpdateIncidentRequest they become. An edit sends only the fields that
 * changed, so nothing a colleague changed meanwhile in another field is overwritten. Unreadable input
 * is passed through unchanged so the contract names the field in its own words.
 */
import { instantOfLocalDateTime, localDateTimeOf } from '../../../shared/breach-clock.js';
import type { DATA_CATEGORIES } from '../../../shared/contracts/assets.js';
import type { HHS_BREACH_TYPES, HHS_LOCATIONS, IncidentCategory, LAW_ENFORCEMENT_STATEMENTS, PHI_KINDS, ROOT_CAUSE_CATEGORIES, TIncident, TUpdateIncidentRequest } from '../../../shared/contracts/incidents.js';

/** A local date-time ("2026-03-29T14:30") in `timeZone` → ISO instant; '' → null; malformed → as typed. */
export function instantOfLocal(local: string, timeZone: string): string | null {
  const trimmed = local.trim();
  if (trimmed === '') return null;
  try {
    const ms = instantOfLocalDateTime(trimmed, timeZone);
    return ms === null ? trimmed : new Date(ms).toISOString();
  } catch {
    return trimmed;
  }
}

/** An ISO instant → the zone's wall clock for `<input type="datetime-local">`; null → ''. */
export function localOfInstant(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : localDateTimeOf(ms, timeZone);
}

/** "" → 0 where a count is required, "12" → 12, anything else as typed (refused by the contract). */
export function countOf(value: string): number | string {
  const trimmed = value.trim();
  if (trimmed === '') return 0;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export interface CountRow {
  key: number;
  code: string;
  count: string;
}

/** Rows of the per-State / per-country editors → a record; empty codes are left out, later rows win. */
export function recordOfRows(rows: readonly CountRow[]): Record<string, number | string> {
  const record: Record<string, number | string> = {};
  for (const row of rows) {
    const code = row.code.trim().toUpperCase();
    if (code) record[code] = countOf(row.count);
  }
  return record;
}

export function rowsOfRecord(record: Record<string, number>): CountRow[] {
  return Object.entries(record)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, count], index) => ({ key: index + 1, code, count: String(count) }));
}

export interface IncidentFormValues extends Record<string, unknown> {
  title: string;
  description: string;
  category: IncidentCategory;
  /** '' = not rated. */
  severity: string;
  occurredAt: string;
  detectedAt: string;
  discoveredAt: string;
  awareAt: string;
  assetIds: string[];
  dataCategories: (typeof DATA_CATEGORIES)[number][];
  phiDetails: string;
  individualsTotal: string;
  individualsByState: CountRow[];
  individualsByCountry: CountRow[];
  /** '' = nobody. */
  handlerUserId: string;
  rootCauseCategory: (typeof ROOT_CAUSE_CATEGORIES)[number] | '';
  rootCauseAnalysis: string;
  lessonsLearned: string;
  breachStartDate: string;
  breachEndDate: string;
  hhsBreachType: (typeof HHS_BREACH_TYPES)[number] | '';
  hhsLocations: (typeof HHS_LOCATIONS)[number][];
  phiKinds: (typeof PHI_KINDS)[number][];
  safeguardsInPlace: string;
  actionsTaken: string;
  lawEnforcementStatement: (typeof LAW_ENFORCEMENT_STATEMENTS)[number];
  lawEnforcementStatementAt: string;
  lawEnforcementWrittenUntil: string;
  lawEnforcementOfficial: string;
}

export function valuesOfIncident(incident: TIncident, timeZone: string): IncidentFormValues {
  const local = (iso: string | null) => localOfInstant(iso, timeZone);
  return {
    title: incident.title,
    description: incident.description,
    category: incident.category,
    severity: incident.severity ?? '',
    occurredAt: local(incident.occurredAt),
    detectedAt: local(incident.detectedAt),
    discoveredAt: local(incident.discoveredAt),
    awareAt: local(incident.awareAt),
    assetIds: incident.assets.map((asset) => asset.id),
    dataCategories: [...incident.dataCategories],
    phiDetails: incident.phiDetails,
    individualsTotal: String(incident.individualsTotal),
    individualsByState: rowsOfRecord(incident.individualsByState),
    individualsByCountry: rowsOfRecord(incident.individualsByCountry),
    handlerUserId: incident.handler?.id ?? '',
    rootCauseCategory: incident.rootCauseCategory ?? '',
    rootCauseAnalysis: incident.rootCauseAnalysis,
    lessonsLearned: incident.lessonsLearned,
    breachStartDate: incident.breachStartDate ?? '',
    breachEndDate: incident.breachEndDate ?? '',
    hhsBreachType: incident.hhsBreachType ?? '',
    hhsLocations: [...incident.hhsLocations],
    phiKinds: [...incident.phiKinds],
    safeguardsInPlace: incident.safeguardsInPlace,
    actionsTaken: incident.actionsTaken,
    lawEnforcementStatement: incident.lawEnforcementStatement,
    lawEnforcementStatementAt: local(incident.lawEnforcementStatementAt),
    lawEnforcementWrittenUntil: local(incident.lawEnforcementWrittenUntil),
    lawEnforcementOfficial: incident.lawEnforcementOfficial,
  };
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** Every field as the request would carry it. */
export function requestFieldsOf(values: IncidentFormValues, timeZone: string): Record<string, unknown> {
  const instant = (local: string) => instantOfLocal(local, timeZone);
  return {
    title: values.title,
    description: values.description,
    category: values.category,
    severity: orNull(values.severity),
    occurredAt: instant(values.occurredAt),
    detectedAt: instant(values.detectedAt),
    discoveredAt: instant(values.discoveredAt),
    awareAt: instant(values.awareAt),
    assetIds: values.assetIds,
    dataCategories: values.dataCategories,
    phiDetails: values.phiDetails,
    individualsTotal: countOf(values.individualsTotal),
    individualsByState: recordOfRows(values.individualsByState),
    individualsByCountry: recordOfRows(values.individualsByCountry),
    handlerUserId: orNull(values.handlerUserId),
    rootCauseCategory: values.rootCauseCategory === '' ? null : values.rootCauseCategory,
    rootCauseAnalysis: values.rootCauseAnalysis,
    lessonsLearned: values.lessonsLearned,
    breachStartDate: orNull(values.breachStartDate),
    breachEndDate: orNull(values.breachEndDate),
    hhsBreachType: values.hhsBreachType === '' ? null : values.hhsBreachType,
    hhsLocations: values.hhsLocations,
    phiKinds: values.phiKinds,
    safeguardsInPlace: values.safeguardsInPlace,
    actionsTaken: values.actionsTaken,
    lawEnforcementStatement: values.lawEnforcementStatement,
    lawEnforcementStatementAt: instant(values.lawEnforcementStatementAt),
    lawEnforcementWrittenUntil: instant(values.lawEnforcementWrittenUntil),
    lawEnforcementOfficial: values.lawEnforcementOfficial,
  };
}

/** Only the fields that changed (compared as the request carries them, so a re-typed equal value is no change). */
export function updateRequestOf(values: IncidentFormValues, initial: IncidentFormValues, timeZone: string): TUpdateIncidentRequest {
  const next = requestFieldsOf(values, timeZone);
  const before = requestFieldsOf(initial, timeZone);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next)) {
    const a = next[key];
    const b = before[key];
    const same = typeof a === 'string' && typeof b === 'string' ? a.trim() === b.trim() : JSON.stringify(a) === JSON.stringify(b);
    if (!same) patch[key] = a;
  }
  return patch as TUpdateIncidentRequest;
}
