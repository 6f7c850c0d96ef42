/** Row types of the asset feature's tables (dialect-neutral: 0/1 flags, JSON arrays as text, ISO text dates). */
import type { KernelTables } from '../../kernel/db/schema.js';

export interface ClassificationLevelsTable {
  id: string;
  organization_id: string;
  name: string;
  rank: number;
  colour: string;
  description: string | null;
  encryption_at_rest_required: number;
  encryption_in_transit_required: number;
  mfa_required: number;
  byod_allowed: number;
  leave_only_under_agreement: number;
  retention: string | null;
  created_at: string;
  updated_at: string;
}

export interface AssetsTable {
  id: string;
  organization_id: string;
  name: string;
  name_lower: string;
  /** Derived: name, external reference and description, lower-cased, newline-separated (text search). */
  search_text: string;
  /** Derived by `refreshStoredGaps`: gaps that do not depend on the date. */
  gap_count_stored?: number;
  /** Derived by `refreshStoredGaps`: meets the dated rule's conditions except the date. */
  unsupported_flat_candidate?: number;
  description: string | null;
  type: string;
  owner: string | null;
  custodian: string | null;
  location: string | null;
  lifecycle: string;
  classification_id: string | null;
  data_categories: string;
  confidentiality: number;
  integrity: number;
  availability: number;
  patient_safety_impact: number;
  criticality: number;
  handles_ephi: number;
  rto_hours: number | null;
  rpo_hours: number | null;
  tags: string;
  external_ref: string | null;
  ephi_creates: number;
  ephi_receives: number;
  ephi_maintains: number;
  ephi_transmits: number;
  encrypted_at_rest: number | null;
  encrypted_in_transit: number | null;
  mfa_enabled: number | null;
  sso_enabled: number | null;
  vendor: string | null;
  hosting: string | null;
  manufacturer: string | null;
  model: string | null;
  serial_number: string | null;
  mds2_on_file: number | null;
  end_of_support: string | null;
  patchable: number | null;
  network_segment: string | null;
  connects_to_ehr: number | null;
  platform: string | null;
  mdm_enrolled: number | null;
  passcode_enforced: number | null;
  byod: number | null;
  assigned_person: string | null;
  last_check_in: string | null;
  created_at: string;
  updated_at: string;
}

export interface AssetDependenciesTable {
  id: string;
  organization_id: string;
  asset_id: string;
  depends_on_id: string;
  created_at: string;
}

export interface DataFlowsTable {
  id: string;
  organization_id: string;
  source_asset_id: string;
  target_asset_id: string | null;
  external_party: string | null;
  purpose: string;
  data_categories: string;
  has_ephi: number;
  transport_encrypted: number;
  agreement_reference: string | null;
  created_at: string;
  updated_at: string;
}

export type AssetOnlyTables = {
  classification_levels: ClassificationLevelsTable;
  assets: AssetsTable;
  asset_dependencies: AssetDependenciesTable;
  data_flows: DataFlowsTable;
};

export type AssetTables = KernelTables & AssetOnlyTables;
