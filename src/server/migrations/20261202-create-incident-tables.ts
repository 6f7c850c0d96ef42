/**
 * Incidents and the breach clock (issue 6): the incident register with its workflow, affected assets,
 * timeline, communications log, follow-up actions, the breach assessment, the obligations the deadline
 * engine derives (kept in step by one writer so lists, counts and the clocks tile run in SQL),
 * notification drafts, per-organization incident settings and the disposal log.
 *
 * Booleans are integers 0/1, JSON is text, instants are ISO-8601 UTC text, dates are YYYY-MM-DD text.
 * Columns marked "envelope" hold AES-256-GCM envelopes (kernel/crypto/envelope.ts), never plaintext.
 * An incident is never deleted with its organization (restrict); its children go with it, and it is
 * deleted only by disposal under the retention rule, which leaves a row in incident_disposals.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('incident_settings')
    .addColumn('organization_id', 'text', (c) => c.primaryKey().references('organizations.id').onDelete('cascade'))
    .addColumn('severities', 'text', (c) => c.notNull()) // JSON: ZSeverityLevel[]
    .addColumn('hipaa_role', 'text', (c) => c.notNull())
    .addColumn('gdpr_role', 'text', (c) => c.notNull())
    .addColumn('retention_years', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addColumn('ref_number', 'integer', (c) => c.notNull()) // INC-0001 … per organization
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_lower', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull()) // envelope
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text')
    .addColumn('detected_at', 'text')
    .addColumn('discovered_at', 'text')
    .addColumn('aware_at', 'text')
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('handler_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('data_categories', 'text', (c) => c.notNull()) // JSON array
    .addColumn('phi_details', 'text', (c) => c.notNull()) // envelope
    .addColumn('phi_may_be_involved', 'integer', (c) => c.notNull())
    .addColumn('individuals_total', 'integer', (c) => c.notNull())
    .addColumn('individuals_by_state', 'text', (c) => c.notNull()) // JSON { "NY": 510 }
    .addColumn('individuals_by_country', 'text', (c) => c.notNull()) // JSON { "DE": 12 }
    .addColumn('root_cause_category', 'text')
    .addColumn('root_cause_analysis', 'text', (c) => c.notNull()) // envelope
    .addColumn('lessons_learned', 'text', (c) => c.notNull()) // envelope
    .addColumn('breach_start_date', 'text')
    .addColumn('breach_end_date', 'text')
    .addColumn('hhs_breach_type', 'text')
    .addColumn('hhs_locations', 'text', (c) => c.notNull()) // JSON array
    .addColumn('phi_kinds', 'text', (c) => c.notNull()) // JSON array
    .addColumn('safeguards_in_place', 'text', (c) => c.notNull())
    .addColumn('actions_taken', 'text', (c) => c.notNull())
    .addColumn('le_statement', 'text', (c) => c.notNull()) // none | written | oral (164.412)
    .addColumn('le_statement_at', 'text')
    .addColumn('le_written_until', 'text')
    .addColumn('le_official', 'text', (c) => c.notNull())
    .addColumn('hipaa_conclusion', 'text', (c) => c.notNull()) // derived from the assessment
    .addColumn('gdpr_conclusion', 'text', (c) => c.notNull()) // derived from the assessment
    .addColumn('closed_at', 'text')
    .addColumn('archived_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('incidents_org_ref_uq', ['organization_id', 'ref_number'])
    .execute();
  await db.schema.createIndex('incidents_org_reported_idx').on('incidents').columns(['organization_id', 'archived_at', 'reported_at']).execute();
  await db.schema.createIndex('incidents_org_status_idx').on('incidents').columns(['organization_id', 'status']).execute();
  await db.schema.createIndex('incidents_org_title_idx').on('incidents').columns(['organization_id', 'title_lower']).execute();
  await db.schema.createIndex('incidents_reporter_idx').on('incidents').columns(['reported_by', 'organization_id']).execute();

  await db.schema
    .createTable('incident_assets')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('incident_assets_pk', ['incident_id', 'asset_id'])
    .execute();
  await db.schema.createIndex('incident_assets_asset_idx').on('incident_assets').columns(['asset_id']).execute();

  await db.schema
    .createTable('incident_timeline')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull()) // envelope
    .addColumn('by_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_timeline_incident_idx').on('incident_timeline').columns(['incident_id', 'at']).execute();

  await db.schema
    .createTable('incident_communications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull()) // envelope
    .addColumn('obligation_id', 'text')
    .addColumn('draft_id', 'text')
    .addColumn('recorded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_communications_incident_idx').on('incident_communications').columns(['incident_id', 'sent_at']).execute();

  await db.schema
    .createTable('incident_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('due_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_actions_incident_idx').on('incident_actions').columns(['incident_id', 'status']).execute();

  await db.schema
    .createTable('incident_assessments')
    .addColumn('incident_id', 'text', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'))
    .addColumn('input', 'text', (c) => c.notNull()) // envelope of JSON: ZBreachAssessmentRequest output
    .addColumn('hipaa_role', 'text', (c) => c.notNull())
    .addColumn('gdpr_role', 'text', (c) => c.notNull())
    .addColumn('hipaa_conclusion', 'text', (c) => c.notNull())
    .addColumn('gdpr_conclusion', 'text', (c) => c.notNull())
    .addColumn('ba_notice_days', 'integer')
    .addColumn('assessed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('assessed_at', 'text', (c) => c.notNull())
    .execute();

  // What the deadline engine derived for each incident, rewritten whenever an input changes.
  await db.schema
    .createTable('incident_obligations')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('obligation_id', 'text', (c) => c.notNull()) // hipaa.individuals, hipaa.media.NY, gdpr.…
    .addColumn('position', 'integer', (c) => c.notNull()) // the engine's order
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('cite', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('due_date', 'text')
    .addColumn('held_until', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('communication_id', 'text') // the communication that fulfilled it
    .addColumn('done_at', 'text')
    .addPrimaryKeyConstraint('incident_obligations_pk', ['incident_id', 'obligation_id'])
    .execute();
  // Open clocks of an organization by due instant (the dashboard tile and the register's counts).
  await db.schema.createIndex('incident_obligations_open_idx').on('incident_obligations').columns(['organization_id', 'required', 'done_at', 'due_at']).execute();

  await db.schema
    .createTable('incident_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state_code', 'text')
    .addColumn('state', 'text', (c) => c.notNull()) // draft | reviewed | sent
    .addColumn('body', 'text', (c) => c.notNull()) // envelope
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_at', 'text')
    .addColumn('communication_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_drafts_incident_idx').on('incident_drafts').columns(['incident_id']).execute();

  // What is left of a disposed incident: no description, no PHI; the audit trail holds the event too.
  await db.schema
    .createTable('incident_disposals')
    .addColumn('id', 'text', (c) => c.primaryKey()) // the disposed incident's id
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('retain_until', 'text', (c) => c.notNull())
    .addColumn('retention_years', 'integer', (c) => c.notNull())
    .addColumn('disposed_at', 'text', (c) => c.notNull())
    .addColumn('disposed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_disposals_org_idx').on('incident_disposals').columns(['organization_id', 'disposed_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['incident_disposals', 'incident_drafts', 'incident_obligations', 'incident_assessments', 'incident_actions', 'incident_communications', 'incident_timeline', 'incident_assets', 'incidents', 'incident_settings']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
