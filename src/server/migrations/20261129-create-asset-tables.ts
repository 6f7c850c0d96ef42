/** Asset register, classification scheme, dependencies and data flows (A.5.9, A.5.12, A.5.14). */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('classification_levels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('colour', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('encryption_at_rest_required', 'integer', (c) => c.notNull())
    .addColumn('encryption_in_transit_required', 'integer', (c) => c.notNull())
    .addColumn('mfa_required', 'integer', (c) => c.notNull())
    .addColumn('byod_allowed', 'integer', (c) => c.notNull())
    .addColumn('leave_only_under_agreement', 'integer', (c) => c.notNull())
    .addColumn('retention', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('classification_levels_org_name_uq', ['organization_id', 'name'])
    .execute();

  await db.schema
    .createTable('assets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_lower', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('custodian', 'text')
    .addColumn('location', 'text')
    .addColumn('lifecycle', 'text', (c) => c.notNull())
    .addColumn('classification_id', 'text', (c) => c.references('classification_levels.id').onDelete('restrict'))
    .addColumn('data_categories', 'text', (c) => c.notNull())
    .addColumn('confidentiality', 'integer', (c) => c.notNull())
    .addColumn('integrity', 'integer', (c) => c.notNull())
    .addColumn('availability', 'integer', (c) => c.notNull())
    .addColumn('patient_safety_impact', 'integer', (c) => c.notNull())
    // Derived on every write from C, I, A and patient safety (never typed in): 1 low … 4 critical.
    .addColumn('criticality', 'integer', (c) => c.notNull())
    // Derived on every write: ePHI among the data categories, or any of the four ePHI roles.
    .addColumn('handles_ephi', 'integer', (c) => c.notNull())
    .addColumn('rto_hours', 'real')
    .addColumn('rpo_hours', 'real')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('external_ref', 'text')
    .addColumn('ephi_creates', 'integer', (c) => c.notNull())
    .addColumn('ephi_receives', 'integer', (c) => c.notNull())
    .addColumn('ephi_maintains', 'integer', (c) => c.notNull())
    .addColumn('ephi_transmits', 'integer', (c) => c.notNull())
    .addColumn('encrypted_at_rest', 'integer')
    .addColumn('encrypted_in_transit', 'integer')
    .addColumn('mfa_enabled', 'integer')
    .addColumn('sso_enabled', 'integer')
    .addColumn('vendor', 'text')
    .addColumn('hosting', 'text')
    .addColumn('manufacturer', 'text')
    .addColumn('model', 'text')
    .addColumn('serial_number', 'text')
    .addColumn('mds2_on_file', 'integer')
    .addColumn('end_of_support', 'text')
    .addColumn('patchable', 'integer')
    .addColumn('network_segment', 'text')
    .addColumn('connects_to_ehr', 'integer')
    .addColumn('platform', 'text')
    .addColumn('mdm_enrolled', 'integer')
    .addColumn('passcode_enforced', 'integer')
    .addColumn('byod', 'integer')
    .addColumn('assigned_person', 'text')
    .addColumn('last_check_in', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assets_org_external_ref_uq', ['organization_id', 'external_ref'])
    .execute();
  // Lists are filtered by organization and sorted in SQL: one index per common filter and sort, each
  // ending in the tie-breaker `id` so a page is read in index order without a temporary sort.
  await db.schema.createIndex('assets_org_name_idx').on('assets').columns(['organization_id', 'name_lower', 'id']).execute();
  await db.schema.createIndex('assets_org_type_name_idx').on('assets').columns(['organization_id', 'type', 'name_lower', 'id']).execute();
  await db.schema.createIndex('assets_org_criticality_idx').on('assets').columns(['organization_id', 'criticality', 'name_lower', 'id']).execute();
  await db.schema.createIndex('assets_org_updated_idx').on('assets').columns(['organization_id', 'updated_at', 'id']).execute();
  await db.schema.createIndex('assets_org_ephi_updated_idx').on('assets').columns(['organization_id', 'handles_ephi', 'updated_at', 'id']).execute();
  await db.schema.createIndex('assets_classification_idx').on('assets').column('classification_id').execute();

  await db.schema
    .createTable('asset_dependencies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addColumn('depends_on_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('asset_dependencies_pair_uq', ['asset_id', 'depends_on_id'])
    .execute();
  await db.schema.createIndex('asset_dependencies_depends_on_idx').on('asset_dependencies').column('depends_on_id').execute();

  await db.schema
    .createTable('data_flows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addColumn('source_asset_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addColumn('target_asset_id', 'text', (c) => c.references('assets.id').onDelete('cascade'))
    .addColumn('external_party', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('data_categories', 'text', (c) => c.notNull())
    // Derived on every write: ePHI among the flow's data categories.
    .addColumn('has_ephi', 'integer', (c) => c.notNull())
    .addColumn('transport_encrypted', 'integer', (c) => c.notNull())
    .addColumn('agreement_reference', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('data_flows_source_idx').on('data_flows').column('source_asset_id').execute();
  await db.schema.createIndex('data_flows_target_idx').on('data_flows').column('target_asset_id').execute();
  await db.schema.createIndex('data_flows_org_idx').on('data_flows').column('organization_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['data_flows', 'asset_dependencies', 'assets', 'classification_levels']) await db.schema.dropTable(table).execute();
}
