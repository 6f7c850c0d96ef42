/** Row types of the incident register (see migration 20261202-create-incident-tables). */
import type { Kysely } from 'kysely';
import type { KernelTables } from '../../kernel/db/schema.js';
import type { AssetOnlyTables } from '../assets/asset.tables.js';

export interface IncidentSettingsTable {
  organization_id: string;
  /** JSON: ZSeverityLevel[]. */
  severities: string;
  hipaa_role: string;
  gdpr_role: string;
  retention_years: number;
  updated_at: string;
  updated_by: string | null;
}

export interface IncidentsTable {
  id: string;
  organization_id: string;
  ref_number: number;
  title: string;
  title_lower: string;
  /** Envelope. */
  description: string;
  category: string;
  severity: string | null;
  status: string;
  occurred_at: string | null;
  detected_at: string | null;
  discovered_at: string | null;
  aware_at: string | null;
  reported_at: string;
  reported_by: string | null;
  handler_user_id: string | null;
  /** JSON array. */
  data_categories: string;
  /** Envelope. */
  phi_details: string;
  phi_may_be_involved: number;
  individuals_total: number;
  /** JSON { "NY": 510 }. */
  individuals_by_state: string;
  /** JSON { "DE": 12 }. */
  individuals_by_country: string;
  root_cause_category: string | null;
  /** Envelope. */
  root_cause_analysis: string;
  /** Envelope. */
  lessons_learned: string;
  breach_start_date: string | null;
  breach_end_date: string | null;
  hhs_breach_type: string | null;
  /** JSON array. */
  hhs_locations: string;
  /** JSON array. */
  phi_kinds: string;
  safeguards_in_place: string;
  actions_taken: string;
  le_statement: string;
  le_statement_at: string | null;
  le_written_until: string | null;
  le_official: string;
  /** Derived from the assessment (HIPAA_CONCLUSIONS). */
  hipaa_conclusion: string;
  /** Derived from the assessment (GDPR_CONCLUSIONS). */
  gdpr_conclusion: string;
  closed_at: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface IncidentAssetsTable {
  incident_id: string;
  asset_id: string;
}

export interface IncidentTimelineTable {
  id: string;
  incident_id: string;
  at: string;
  kind: string;
  /** Envelope. */
  text: string;
  by_user_id: string | null;
  recorded_at: string;
}

export interface IncidentCommunicationsTable {
  id: string;
  incident_id: string;
  recipient: string;
  recipient_name: string;
  channel: string;
  sent_at: string;
  /** Envelope. */
  summary: string;
  obligation_id: string | null;
  draft_id: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

export interface IncidentActionsTable {
  id: string;
  incident_id: string;
  organization_id: string;
  title: string;
  owner_user_id: string | null;
  due_on: string | null;
  status: string;
  completed_at: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface IncidentAssessmentsTable {
  incident_id: string;
  /** Envelope of the JSON of ZBreachAssessmentRequest's output. */
  input: string;
  hipaa_role: string;
  gdpr_role: string;
  hipaa_conclusion: string;
  gdpr_conclusion: string;
  ba_notice_days: number | null;
  assessed_by: string | null;
  assessed_at: string;
}

/** What the deadline engine derived, rewritten by the one writer whenever an input changes. */
export interface IncidentObligationsTable {
  incident_id: string;
  organization_id: string;
  obligation_id: string;
  position: number;
  rule: string;
  cite: string;
  required: number;
  due_at: string | null;
  due_date: string | null;
  held_until: string | null;
  reason: string;
  communication_id: string | null;
  done_at: string | null;
}

export interface IncidentDraftsTable {
  id: string;
  incident_id: string;
  kind: string;
  state_code: string | null;
  state: string;
  /** Envelope. */
  body: string;
  created_by: string | null;
  created_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  communication_id: string | null;
  updated_at: string;
}

export interface IncidentDisposalsTable {
  id: string;
  organization_id: string;
  ref: string;
  category: string;
  closed_at: string;
  retain_until: string;
  retention_years: number;
  disposed_at: string;
  disposed_by: string | null;
  reason: string;
}

export type IncidentOnlyTables = {
  incident_settings: IncidentSettingsTable;
  incidents: IncidentsTable;
  incident_assets: IncidentAssetsTable;
  incident_timeline: IncidentTimelineTable;
  incident_communications: IncidentCommunicationsTable;
  incident_actions: IncidentActionsTable;
  incident_assessments: IncidentAssessmentsTable;
  incident_obligations: IncidentObligationsTable;
  incident_drafts: IncidentDraftsTable;
  incident_disposals: IncidentDisposalsTable;
};

export type IncidentTables = KernelTables & AssetOnlyTables & IncidentOnlyTables;
export type IncidentDb = Kysely<IncidentTables>;
