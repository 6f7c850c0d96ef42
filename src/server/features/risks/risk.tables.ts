/** Row types of the risk register (see migration 20261201-create-risk-tables). */
import type { KernelTables } from '../../kernel/db/schema.js';
import type { AssetOnlyTables } from '../assets/asset.tables.js';
import type { ControlOnlyTables } from '../controls/control.tables.js';

export interface RiskMethodsTable {
  id: string;
  organization_id: string;
  version: number;
  /** JSON: ZRiskMethod. */
  method: string;
  note: string;
  created_at: string;
  created_by: string | null;
}

export interface RiskCatalogueEntriesTable {
  id: string;
  organization_id: string;
  kind: 'threat' | 'threat_source' | 'vulnerability';
  title: string;
  description: string;
  category: string | null;
  created_at: string;
  created_by: string | null;
}

/** Per stage (inherent, current, residual): what was assessed, and the derived aggregated impact and level (kept in step by the service and the method re-map). */
export interface RisksTable {
  id: string;
  organization_id: string;
  ref_number: number;
  title: string;
  title_lower: string;
  description: string;
  category: string;
  status: string;
  threat_id: string | null;
  /** JSON array of threat-source ids. */
  threat_source_ids: string;
  owner_user_id: string | null;
  treatment_option: string | null;
  treatment_rationale: string;
  handles_ephi: number;
  patient_safety: number;
  from_gap_asset_id: string | null;
  from_gap_rule: string | null;
  next_review_on: string | null;
  last_reviewed_on: string | null;
  inherent_likelihood: number | null;
  inherent_impacts: string | null;
  inherent_method_version: number | null;
  inherent_assessed_at: string | null;
  inherent_assessed_by: string | null;
  inherent_impact: number | null;
  inherent_level_rank: number | null;
  inherent_level_key: string | null;
  current_likelihood: number | null;
  current_impacts: string | null;
  current_method_version: number | null;
  current_assessed_at: string | null;
  current_assessed_by: string | null;
  current_impact: number | null;
  current_level_rank: number | null;
  current_level_key: string | null;
  residual_likelihood: number | null;
  residual_impacts: string | null;
  residual_method_version: number | null;
  residual_assessed_at: string | null;
  residual_assessed_by: string | null;
  residual_impact: number | null;
  residual_level_rank: number | null;
  residual_level_key: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface RiskAssetsTable {
  risk_id: string;
  asset_id: string;
  organization_id: string;
}

export interface RiskControlsTable {
  risk_id: string;
  control_id: string;
  organization_id: string;
}

export interface RiskVulnerabilitiesTable {
  risk_id: string;
  vulnerability_id: string;
  organization_id: string;
}

export interface RiskTasksTable {
  id: string;
  organization_id: string;
  risk_id: string;
  title: string;
  description: string;
  owner_user_id: string | null;
  due_on: string | null;
  cost_one_off: number | null;
  cost_yearly: number | null;
  status: string;
  completed_on: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Append-only. */
export interface RiskAcceptancesTable {
  id: string;
  organization_id: string;
  risk_id: string;
  kind: string;
  accepted_by: string;
  accepted_by_name: string;
  role: string;
  accepted_at: string;
  stage: string;
  level_key: string;
  level_label: string;
  level_rank: number;
  method_version: number;
  rationale: string;
  expires_on: string | null;
}

export interface RiskReviewsTable {
  id: string;
  organization_id: string;
  risk_id: string;
  reviewer_id: string;
  reviewer_name: string;
  reviewed_on: string;
  outcome: string;
  comment: string;
  level_key: string | null;
  next_review_on: string | null;
  created_at: string;
}

export interface RiskLevelSnapshotsTable {
  organization_id: string;
  month: string;
  stage: string;
  level_key: string;
  level_rank: number;
  count: number;
  taken_at: string;
}

export type RiskOnlyTables = {
  risk_methods: RiskMethodsTable;
  risk_catalogue_entries: RiskCatalogueEntriesTable;
  risks: RisksTable;
  risk_assets: RiskAssetsTable;
  risk_controls: RiskControlsTable;
  risk_vulnerabilities: RiskVulnerabilitiesTable;
  risk_tasks: RiskTasksTable;
  risk_acceptances: RiskAcceptancesTable;
  risk_reviews: RiskReviewsTable;
  risk_level_snapshots: RiskLevelSnapshotsTable;
};

export type RiskTables = KernelTables & AssetOnlyTables & ControlOnlyTables & RiskOnlyTables;
