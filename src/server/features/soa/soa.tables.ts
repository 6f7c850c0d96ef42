/** Row types of the Statement of Applicability and HIPAA addressable decisions (see migration 20261130). */
import type { KernelTables } from '../../kernel/db/schema.js';
import type { ControlOnlyTables } from '../controls/control.tables.js';

export interface SoaEntriesTable {
  organization_id: string;
  requirement_id: string;
  applicable: number;
  inclusion_reasons: string; // JSON array
  inclusion_justification: string | null;
  exclusion_justification: string | null;
  status_override: string | null;
  override_reason: string | null;
  updated_at: string;
  updated_by: string | null;
}

export interface SoaVersionsTable {
  id: string;
  organization_id: string;
  number: number;
  snapshot: string; // JSON
  sha256: string;
  note: string | null;
  published_at: string;
  published_by: string;
  approved_at: string | null;
  approved_by: string | null;
  approval_note: string | null;
}

export interface HipaaDecisionsTable {
  organization_id: string;
  requirement_id: string;
  decision: 'implement' | 'alternative' | 'not_implemented';
  rationale: string;
  alternative_measure: string | null;
  risk_analysis_ref: string;
  decided_by: string;
  decided_at: string;
}

export interface HipaaDecisionControlsTable {
  organization_id: string;
  requirement_id: string;
  control_id: string;
}

export type ComplianceOnlyTables = ControlOnlyTables & {
  soa_entries: SoaEntriesTable;
  soa_versions: SoaVersionsTable;
  hipaa_decisions: HipaaDecisionsTable;
  hipaa_decision_controls: HipaaDecisionControlsTable;
};
export type ComplianceTables = KernelTables & ComplianceOnlyTables;
