/** Row types of the organization's controls, their links and evidence (see migration 20261130). */
import type { KernelTables } from '../../kernel/db/schema.js';
import type { FrameworkOnlyTables } from '../frameworks/framework.tables.js';

export interface ControlsTable {
  id: string;
  organization_id: string;
  code: string;
  name: string;
  name_lower: string;
  description: string | null;
  owner: string | null;
  category: 'organizational' | 'people' | 'physical' | 'technological';
  status: 'planned' | 'in_progress' | 'implemented' | 'not_applicable';
  implemented_on: string | null;
  effectiveness: 'not_assessed' | 'ineffective' | 'partially_effective' | 'effective';
  last_tested_on: string | null;
  cost_one_off: number | null;
  cost_yearly: number | null;
  effort_days: number | null;
  review_cadence_months: number | null;
  next_review_on: string | null;
  inheritable: number;
  starter_key: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ControlRequirementsTable {
  control_id: string;
  requirement_id: string;
  organization_id: string;
}

export interface ControlAssetsTable {
  control_id: string;
  asset_id: string;
  organization_id: string;
}

export interface EvidenceTable {
  id: string;
  organization_id: string;
  control_id: string;
  kind: 'file' | 'link';
  title: string;
  url: string | null;
  file_name: string | null;
  content_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  store: 'disk' | 'database' | null;
  storage_key: string | null;
  /** The file's data key wrapped by the master key, as `cx1.<keyId>.<wrapped>.` (migration 20261130-store-evidence-data-keys). */
  data_key: string | null;
  expires_on: string | null;
  created_by: string | null;
  created_at: string;
}

export interface EvidenceBlobsTable {
  storage_key: string;
  organization_id: string;
  content: string;
  created_at: string;
}

/** The columns of the asset register that controls read (the assets feature owns the table). */
export interface AssetView {
  id: string;
  organization_id: string;
  name: string;
  type: string;
  owner: string | null;
}

export type ControlOnlyTables = FrameworkOnlyTables & {
  assets: AssetView;
  controls: ControlsTable;
  control_requirements: ControlRequirementsTable;
  control_assets: ControlAssetsTable;
  evidence: EvidenceTable;
  evidence_blobs: EvidenceBlobsTable;
};
export type ControlTables = KernelTables & ControlOnlyTables;
