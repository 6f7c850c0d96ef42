/** Row types of the catalogue: frameworks, their requirements and crosswalk links (see migration 20261130). */
import type { KernelTables } from '../../kernel/db/schema.js';

export interface FrameworksTable {
  id: string;
  organization_id: string | null;
  key: string;
  name: string;
  short_name: string;
  version: string;
  origin: 'builtin' | 'oscal';
  publisher: string | null;
  description: string | null;
  source: string | null;
  catalog_version: string;
  source_sha256: string | null;
  requirement_count: number;
  created_at: string;
  created_by: string | null;
}

export interface RequirementsTable {
  id: string;
  framework_id: string;
  parent_id: string | null;
  ref: string;
  kind: string;
  title: string;
  text: string | null;
  guidance: string | null;
  obligation: 'required' | 'addressable' | null;
  theme: string | null;
  assessable: number;
  depth: number;
  sort_order: number;
  search_text: string;
  data: string | null;
}

export interface RequirementLinksTable {
  id: string;
  from_id: string;
  to_id: string;
  source: 'nist_sp800_66r2' | 'nist_olir' | 'custos';
  strength: 'strong' | 'moderate' | 'weak';
  note: string | null;
}

export type FrameworkOnlyTables = {
  frameworks: FrameworksTable;
  requirements: RequirementsTable;
  requirement_links: RequirementLinksTable;
};
type FrameworkTables = KernelTables & FrameworkOnlyTables;

/** The organization tables that point at requirements (only the columns this feature reads). */
export type RequirementReferenceTables = {
  control_requirements: { control_id: string; requirement_id: string; organization_id: string };
  soa_entries: { organization_id: string; requirement_id: string };
  hipaa_decisions: { organization_id: string; requirement_id: string };
};
/** What the frameworks feature queries: its own tables plus the references into them. */
export type CatalogueTables = FrameworkTables & RequirementReferenceTables;
