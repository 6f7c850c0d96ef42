/**
 * Incident fields ↔ stored columns (A.5.24–A.5.28). Encrypted columns (description, PHI details, root
 * cause analysis, lessons learned) are sealed here on the way in and opened on the way out, each bound
 * to its row; JSON columns are text on both engines.
 */
import type { TCreateIncident } from '../../../shared/contracts/incidents.js';
import type { AppContext } from '../../kernel/context.js';
import { openText, sealText } from './incident-crypto.js';
import type { IncidentRow } from './incident.repository.js';
import type { IncidentsTable } from './incident.tables.js';

/** The editable fields of an incident (the create request without its defaults, assets apart). */
export type IncidentFields = Omit<TCreateIncident, 'assetIds'>;
export type IncidentFieldName = keyof IncidentFields;

export const ENCRYPTED_FIELDS = ['description', 'phiDetails', 'rootCauseAnalysis', 'lessonsLearned'] as const;
type EncryptedField = (typeof ENCRYPTED_FIELDS)[number];
const ENCRYPTED_COLUMN: Record<EncryptedField, 'description' | 'phi_details' | 'root_cause_analysis' | 'lessons_learned'> = {
  description: 'description',
  phiDetails: 'phi_details',
  rootCauseAnalysis: 'root_cause_analysis',
  lessonsLearned: 'lessons_learned',
};

/** Fields that feed the deadline engine (instants, counts, the 164.412 hold) or the grading. */
export const OBLIGATION_INPUT_FIELDS: readonly IncidentFieldName[] = ['severity', 'occurredAt', 'detectedAt', 'discoveredAt', 'awareAt', 'individualsTotal', 'individualsByState', 'individualsByCountry', 'lawEnforcementStatement', 'lawEnforcementStatementAt', 'lawEnforcementWrittenUntil'];

/** Fields whose values (not only names) an audit event may carry: none of them is free text or PHI. */
export const AUDITABLE_VALUES: readonly IncidentFieldName[] = ['title', 'category', 'severity', 'occurredAt', 'detectedAt', 'discoveredAt', 'awareAt', 'individualsTotal', 'handlerUserId', 'rootCauseCategory', 'breachStartDate', 'breachEndDate', 'hhsBreachType', 'lawEnforcementStatement', 'lawEnforcementStatementAt', 'lawEnforcementWrittenUntil'];

const json = <T>(text: string): T => JSON.parse(text) as T;

export function decrypted(ctx: AppContext, row: IncidentRow, field: EncryptedField): string {
  return openText(ctx, 'incidents', ENCRYPTED_COLUMN[field], row.id, row[ENCRYPTED_COLUMN[field]]);
}

/** The stored incident as fields, encrypted ones opened. */
export function fieldsOf(ctx: AppContext, row: IncidentRow): IncidentFields {
  return {
    title: row.title,
    description: decrypted(ctx, row, 'description'),
    category: row.category as IncidentFields['category'],
    severity: row.severity,
    occurredAt: row.occurred_at,
    detectedAt: row.detected_at,
    discoveredAt: row.discovered_at,
    awareAt: row.aware_at,
    dataCategories: json(row.data_categories),
    phiDetails: decrypted(ctx, row, 'phiDetails'),
    individualsTotal: Number(row.individuals_total),
    individualsByState: json(row.individuals_by_state),
    individualsByCountry: json(row.individuals_by_country),
    handlerUserId: row.handler_user_id,
    rootCauseCategory: row.root_cause_category as IncidentFields['rootCauseCategory'],
    rootCauseAnalysis: decrypted(ctx, row, 'rootCauseAnalysis'),
    lessonsLearned: decrypted(ctx, row, 'lessonsLearned'),
    breachStartDate: row.breach_start_date,
    breachEndDate: row.breach_end_date,
    hhsBreachType: row.hhs_breach_type as IncidentFields['hhsBreachType'],
    hhsLocations: json(row.hhs_locations),
    phiKinds: json(row.phi_kinds),
    safeguardsInPlace: row.safeguards_in_place,
    actionsTaken: row.actions_taken,
    lawEnforcementStatement: row.le_statement as IncidentFields['lawEnforcementStatement'],
    lawEnforcementStatementAt: row.le_statement_at,
    lawEnforcementWrittenUntil: row.le_written_until,
    lawEnforcementOfficial: row.le_official,
  };
}

type FieldColumns = Omit<IncidentsTable, 'id' | 'organization_id' | 'ref_number' | 'status' | 'reported_at' | 'reported_by' | 'phi_may_be_involved' | 'hipaa_conclusion' | 'gdpr_conclusion' | 'closed_at' | 'archived_at' | 'created_at' | 'updated_at'>;

/** The columns of the given fields (only those given), encrypted ones sealed for row `id`. */
export function columnsOf(ctx: AppContext, id: string, fields: Partial<IncidentFields>): Partial<FieldColumns> {
  const out: Partial<FieldColumns> = {};
  const set = <K extends keyof FieldColumns>(key: K, value: FieldColumns[K]) => {
    out[key] = value;
  };
  for (const [name, value] of Object.entries(fields) as [IncidentFieldName, unknown][]) {
    if (value === undefined) continue;
    if ((ENCRYPTED_FIELDS as readonly string[]).includes(name)) {
      const column = ENCRYPTED_COLUMN[name as EncryptedField];
      set(column, sealText(ctx, 'incidents', column, id, value as string));
      continue;
    }
    switch (name) {
      case 'title':
        set('title', value as string);
        set('title_lower', (value as string).toLowerCase());
        break;
      case 'category': set('category', value as string); break;
      case 'severity': set('severity', value as string | null); break;
      case 'occurredAt': set('occurred_at', value as string | null); break;
      case 'detectedAt': set('detected_at', value as string | null); break;
      case 'discoveredAt': set('discovered_at', value as string | null); break;
      case 'awareAt': set('aware_at', value as string | null); break;
      case 'dataCategories': set('data_categories', JSON.stringify(value)); break;
      case 'individualsTotal': set('individuals_total', value as number); break;
      case 'individualsByState': set('individuals_by_state', JSON.stringify(value)); break;
      case 'individualsByCountry': set('individuals_by_country', JSON.stringify(value)); break;
      case 'handlerUserId': set('handler_user_id', value as string | null); break;
      case 'rootCauseCategory': set('root_cause_category', value as string | null); break;
      case 'breachStartDate': set('breach_start_date', value as string | null); break;
      case 'breachEndDate': set('breach_end_date', value as string | null); break;
      case 'hhsBreachType': set('hhs_breach_type', value as string | null); break;
      case 'hhsLocations': set('hhs_locations', JSON.stringify(value)); break;
      case 'phiKinds': set('phi_kinds', JSON.stringify(value)); break;
      case 'safeguardsInPlace': set('safeguards_in_place', value as string); break;
      case 'actionsTaken': set('actions_taken', value as string); break;
      case 'lawEnforcementStatement': set('le_statement', value as string); break;
      case 'lawEnforcementStatementAt': set('le_statement_at', value as string | null); break;
      case 'lawEnforcementWrittenUntil': set('le_written_until', value as string | null); break;
      case 'lawEnforcementOfficial': set('le_official', value as string); break;
      default: break;
    }
  }
  return out;
}

/** Comparable form of a field value (sets and maps sorted, so an order change is no change). */
export function comparable(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify([...(value as string[])].sort());
  if (value && typeof value === 'object') return JSON.stringify(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify(value ?? null);
}
