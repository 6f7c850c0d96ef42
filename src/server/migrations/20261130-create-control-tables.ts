/**
 * Frameworks and their requirements (the read-only catalogue and imported OSCAL catalogs), crosswalk
 * links, the organization's controls with their evidence, the Statement of Applicability and its
 * published versions, and HIPAA addressable-specification decisions (164.306(d)(3)).
 * Booleans are integers 0/1, JSON is text, instants are ISO-8601 UTC text, dates are YYYY-MM-DD text.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A framework: built-in (organization_id NULL, loaded from catalog/ by migration) or imported.
  await db.schema
    .createTable('frameworks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.references('organizations.id').onDelete('restrict'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull()) // builtin | oscal
    .addColumn('publisher', 'text')
    .addColumn('description', 'text')
    .addColumn('source', 'text') // where the content comes from, and its licence
    .addColumn('catalog_version', 'text', (c) => c.notNull()) // version of our catalogue data, or the OSCAL metadata version
    .addColumn('source_sha256', 'text')
    .addColumn('requirement_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  // A key + version is imported once per organization, and once globally (NULLs are distinct in a unique index).
  await db.schema.createIndex('frameworks_org_key_version_uq').on('frameworks').columns(['organization_id', 'key', 'version']).unique().execute();
  await db.schema.createIndex('frameworks_global_key_version_uq').on('frameworks').columns(['key', 'version']).unique().where(sql.ref('organization_id'), 'is', null).execute();

  // A clause, control, standard, implementation specification, article or group within a framework.
  await db.schema
    .createTable('requirements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('framework_id', 'text', (c) => c.notNull().references('frameworks.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.references('requirements.id').onDelete('cascade'))
    .addColumn('ref', 'text', (c) => c.notNull()) // A.5.1, 164.308(a)(1)(ii)(A), Art. 32, AC-2(1)
    .addColumn('kind', 'text', (c) => c.notNull()) // clause | control | group | standard | implementation_specification | article | section | enhancement
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text') // public-domain text (CFR, NIST) or our own summary; never ISO's text
    .addColumn('guidance', 'text') // our own one-line guidance
    .addColumn('obligation', 'text') // HIPAA: required | addressable; else NULL
    .addColumn('theme', 'text') // ISO Annex A theme, HIPAA safeguard, NIST family
    .addColumn('assessable', 'integer', (c) => c.notNull()) // counts in readiness (a leaf a control can satisfy)
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull()) // lower-case ref + title for search
    .addColumn('data', 'text') // JSON: anything else the source carries (notes, new_in_2022, OSCAL props)
    .addUniqueConstraint('requirements_framework_ref_uq', ['framework_id', 'ref'])
    .execute();
  await db.schema.createIndex('requirements_framework_order_idx').on('requirements').columns(['framework_id', 'sort_order']).execute();
  await db.schema.createIndex('requirements_parent_idx').on('requirements').column('parent_id').execute();

  // Crosswalk: requirement A relates to requirement B. source: nist_sp800_66r2 (official NIST mapping),
  // nist_olir (derived by us from two NIST mappings via 800-53), custos (our editorial judgement).
  await db.schema
    .createTable('requirement_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('from_id', 'text', (c) => c.notNull().references('requirements.id').onDelete('cascade'))
    .addColumn('to_id', 'text', (c) => c.notNull().references('requirements.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('strength', 'text', (c) => c.notNull()) // strong | moderate | weak
    .addColumn('note', 'text')
    .addUniqueConstraint('requirement_links_uq', ['from_id', 'to_id', 'source'])
    .execute();
  await db.schema.createIndex('requirement_links_to_idx').on('requirement_links').column('to_id').execute();

  // The organization's controls.
  await db.schema
    .createTable('controls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addColumn('code', 'text', (c) => c.notNull()) // HC-01, or the organization's own code
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_lower', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('owner', 'text')
    .addColumn('category', 'text', (c) => c.notNull()) // organizational | people | physical | technological
    .addColumn('status', 'text', (c) => c.notNull()) // planned | in_progress | implemented | not_applicable
    .addColumn('implemented_on', 'text')
    .addColumn('effectiveness', 'text', (c) => c.notNull()) // not_assessed | ineffective | partially_effective | effective
    .addColumn('last_tested_on', 'text')
    .addColumn('cost_one_off', 'real')
    .addColumn('cost_yearly', 'real')
    .addColumn('effort_days', 'real')
    .addColumn('review_cadence_months', 'integer')
    .addColumn('next_review_on', 'text')
    .addColumn('inheritable', 'integer', (c) => c.notNull()) // a group-level control its sites inherit
    .addColumn('starter_key', 'text') // the starter-library control it was adopted from
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('controls_org_code_uq', ['organization_id', 'code'])
    .execute();
  await db.schema.createIndex('controls_org_status_idx').on('controls').columns(['organization_id', 'status']).execute();

  await db.schema
    .createTable('control_requirements')
    .addColumn('control_id', 'text', (c) => c.notNull().references('controls.id').onDelete('cascade'))
    .addColumn('requirement_id', 'text', (c) => c.notNull().references('requirements.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addPrimaryKeyConstraint('control_requirements_pk', ['control_id', 'requirement_id'])
    .execute();
  await db.schema.createIndex('control_requirements_req_idx').on('control_requirements').columns(['requirement_id', 'organization_id']).execute();
  await db.schema.createIndex('control_requirements_org_idx').on('control_requirements').column('organization_id').execute();

  await db.schema
    .createTable('control_assets')
    .addColumn('control_id', 'text', (c) => c.notNull().references('controls.id').onDelete('cascade'))
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addPrimaryKeyConstraint('control_assets_pk', ['control_id', 'asset_id'])
    .execute();
  await db.schema.createIndex('control_assets_asset_idx').on('control_assets').column('asset_id').execute();

  // Evidence: an uploaded file (encrypted at rest in an evidence store) or a link.
  await db.schema
    .createTable('evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addColumn('control_id', 'text', (c) => c.notNull().references('controls.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // file | link
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('file_name', 'text')
    .addColumn('content_type', 'text')
    .addColumn('size_bytes', 'integer')
    .addColumn('sha256', 'text')
    .addColumn('store', 'text') // disk | database
    .addColumn('storage_key', 'text')
    .addColumn('expires_on', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_control_idx').on('evidence').columns(['control_id', 'created_at']).execute();
  await db.schema.createIndex('evidence_org_idx').on('evidence').column('organization_id').execute();

  // The database-backed evidence store: one encrypted envelope per file (shared by several app nodes).
  await db.schema
    .createTable('evidence_blobs')
    .addColumn('storage_key', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // The SoA row for an Annex A control; absent = applicable with no justification yet.
  await db.schema
    .createTable('soa_entries')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addColumn('requirement_id', 'text', (c) => c.notNull().references('requirements.id').onDelete('cascade'))
    .addColumn('applicable', 'integer', (c) => c.notNull())
    .addColumn('inclusion_reasons', 'text', (c) => c.notNull()) // JSON array: risk_treatment | legal_regulatory | contractual | business_best_practice
    .addColumn('inclusion_justification', 'text')
    .addColumn('exclusion_justification', 'text')
    .addColumn('status_override', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('soa_entries_pk', ['organization_id', 'requirement_id'])
    .execute();

  await db.schema
    .createTable('soa_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull()) // JSON: every row as published
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approval_note', 'text')
    .addUniqueConstraint('soa_versions_org_number_uq', ['organization_id', 'number'])
    .execute();

  // HIPAA 164.306(d)(3) decision for an addressable implementation specification.
  await db.schema
    .createTable('hipaa_decisions')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addColumn('requirement_id', 'text', (c) => c.notNull().references('requirements.id').onDelete('cascade'))
    .addColumn('decision', 'text', (c) => c.notNull()) // implement | alternative | not_implemented
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('alternative_measure', 'text')
    .addColumn('risk_analysis_ref', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('hipaa_decisions_pk', ['organization_id', 'requirement_id'])
    .execute();

  await db.schema
    .createTable('hipaa_decision_controls')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addColumn('requirement_id', 'text', (c) => c.notNull().references('requirements.id').onDelete('cascade'))
    .addColumn('control_id', 'text', (c) => c.notNull().references('controls.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('hipaa_decision_controls_pk', ['organization_id', 'requirement_id', 'control_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['hipaa_decision_controls', 'hipaa_decisions', 'soa_versions', 'soa_entries', 'evidence_blobs', 'evidence', 'control_assets', 'control_requirements', 'controls', 'requirement_links', 'requirements', 'frameworks']) {
    await db.schema.dropTable(table).execute();
  }
}
