/**
 * The risk register (issue 5): the organization's versioned risk method, its own threat/vulnerability
 * entries beside the built-in catalogue, risk scenarios with three assessments (inherent, current,
 * residual), their links to assets, vulnerabilities and controls, treatment tasks, append-only
 * acceptances, reviews and monthly level snapshots.
 *
 * Booleans are integers 0/1, JSON is text, instants are ISO-8601 UTC text, dates are YYYY-MM-DD text.
 * Per stage a risk stores what was assessed (likelihood, per-dimension impacts as JSON, the method
 * version used, when and by whom) and, as derived columns kept in step by the service and by the method
 * re-map, the aggregated impact and the level's rank and key, so lists, filters and heat maps run in SQL.
 * Every existing organization gets method version 1 (catalog/risk/default-method.json) here; new ones
 * get it from the risks feature's organization-created hook.
 */
import type { Kysely } from 'kysely';
import { newId } from '../kernel/crypto/tokens.js';
import { engineOf } from '../kernel/db/migrate.js';
import defaultMethodFile from '../../../catalog/risk/default-method.json' with { type: 'json' };

const STAGES = ['inherent', 'current', 'residual'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('risk_methods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull()) // JSON: ZRiskMethod
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('risk_methods_org_version_uq', ['organization_id', 'version'])
    .execute();

  // The organization's own threats, threat sources and vulnerabilities (ids `org.<uuid>` in risks).
  await db.schema
    .createTable('risk_catalogue_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // threat | threat_source | vulnerability
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('risk_catalogue_entries_org_idx').on('risk_catalogue_entries').columns(['organization_id', 'kind']).execute();

  let risks = db.schema
    .createTable('risks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('restrict'))
    .addColumn('ref_number', 'integer', (c) => c.notNull()) // R-0001 … per organization
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_lower', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | closed
    .addColumn('threat_id', 'text') // hicp.… or org.…
    .addColumn('threat_source_ids', 'text', (c) => c.notNull()) // JSON array
    .addColumn('owner_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('treatment_option', 'text') // mitigate | accept | transfer | avoid
    .addColumn('treatment_rationale', 'text', (c) => c.notNull())
    .addColumn('handles_ephi', 'integer', (c) => c.notNull()) // derived from the linked assets
    .addColumn('patient_safety', 'integer', (c) => c.notNull()) // derived: patient safety > 1 at any stage
    .addColumn('from_gap_asset_id', 'text', (c) => c.references('assets.id').onDelete('set null'))
    .addColumn('from_gap_rule', 'text')
    .addColumn('next_review_on', 'text') // derived from the level's cadence and the last review or assessment
    .addColumn('last_reviewed_on', 'text');
  for (const stage of STAGES) {
    risks = risks
      .addColumn(`${stage}_likelihood`, 'integer')
      .addColumn(`${stage}_impacts`, 'text') // JSON: { dimension: value }
      .addColumn(`${stage}_method_version`, 'integer')
      .addColumn(`${stage}_assessed_at`, 'text')
      .addColumn(`${stage}_assessed_by`, 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn(`${stage}_impact`, 'integer') // derived: aggregated impact
      .addColumn(`${stage}_level_rank`, 'integer') // derived: rank of the level
      .addColumn(`${stage}_level_key`, 'text'); // derived: key of the level
  }
  await risks
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('risks_org_ref_uq', ['organization_id', 'ref_number'])
    .execute();
  // Title order and text search. On SQLite the index also holds the description, so a search (title or
  // description, LIKE '%…%') reads the index alone and only the matches from the table. PostgreSQL keeps
  // the title alone: a B-tree entry there is limited to about 2.7 KB and a description may hold 5,000 characters.
  await db.schema.createIndex('risks_org_title_idx').on('risks').columns(engineOf(db) === 'sqlite' ? ['organization_id', 'title_lower', 'description'] : ['organization_id', 'title_lower']).execute();
  await db.schema.createIndex('risks_org_owner_idx').on('risks').columns(['organization_id', 'owner_user_id']).execute();
  await db.schema.createIndex('risks_org_category_idx').on('risks').columns(['organization_id', 'category']).execute();
  // Review order; with the status the "review overdue" count reads the index alone.
  await db.schema.createIndex('risks_org_review_idx').on('risks').columns(['organization_id', 'next_review_on', 'status']).execute();
  for (const stage of STAGES) {
    await db.schema.createIndex(`risks_org_${stage}_idx`).on('risks').columns(['organization_id', 'status', `${stage}_level_rank`]).execute();
    await db.schema.createIndex(`risks_org_${stage}_cell_idx`).on('risks').columns(['organization_id', 'status', `${stage}_likelihood`, `${stage}_impact`]).execute();
    // The level filter (by key, any status): its count reads this index alone.
    await db.schema.createIndex(`risks_org_${stage}_key_idx`).on('risks').columns(['organization_id', `${stage}_level_key`]).execute();
  }

  for (const [table, column, references] of [
    ['risk_assets', 'asset_id', 'assets.id'],
    ['risk_controls', 'control_id', 'controls.id'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('risk_id', 'text', (c) => c.notNull().references('risks.id').onDelete('cascade'))
      .addColumn(column, 'text', (c) => c.notNull().references(references).onDelete('cascade'))
      .addColumn('organization_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['risk_id', column])
      .execute();
    await db.schema.createIndex(`${table}_${column}_idx`).on(table).columns([column, 'risk_id']).execute();
  }
  await db.schema
    .createTable('risk_vulnerabilities')
    .addColumn('risk_id', 'text', (c) => c.notNull().references('risks.id').onDelete('cascade'))
    .addColumn('vulnerability_id', 'text', (c) => c.notNull()) // vuln.… or org.…
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('risk_vulnerabilities_pk', ['risk_id', 'vulnerability_id'])
    .execute();
  await db.schema.createIndex('risk_vulnerabilities_vuln_idx').on('risk_vulnerabilities').columns(['organization_id', 'vulnerability_id']).execute();

  await db.schema
    .createTable('risk_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('risk_id', 'text', (c) => c.notNull().references('risks.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('due_on', 'text')
    .addColumn('cost_one_off', 'double precision')
    .addColumn('cost_yearly', 'double precision')
    .addColumn('status', 'text', (c) => c.notNull()) // todo | in_progress | done | cancelled
    .addColumn('completed_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_tasks_risk_idx').on('risk_tasks').columns(['risk_id', 'status']).execute();
  await db.schema.createIndex('risk_tasks_org_due_idx').on('risk_tasks').columns(['organization_id', 'status', 'due_on']).execute();

  // Append-only: no route changes or deletes a row (a new acceptance supersedes the previous one).
  await db.schema
    .createTable('risk_acceptances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('risk_id', 'text', (c) => c.notNull().references('risks.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // acceptance | clinical_sign_off
    .addColumn('accepted_by', 'text', (c) => c.notNull().references('users.id').onDelete('restrict'))
    .addColumn('accepted_by_name', 'text', (c) => c.notNull()) // as it was when accepting
    .addColumn('role', 'text', (c) => c.notNull()) // risk_owner | isms_manager | top_management | clinical_safety_officer
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('level_key', 'text', (c) => c.notNull())
    .addColumn('level_label', 'text', (c) => c.notNull())
    .addColumn('level_rank', 'integer', (c) => c.notNull())
    .addColumn('method_version', 'integer', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .execute();
  // The latest record of a kind (accepted_at desc, id desc) without a sort per risk.
  await db.schema.createIndex('risk_acceptances_risk_idx').on('risk_acceptances').columns(['risk_id', 'kind', 'accepted_at', 'id']).execute();
  // The organization's accepted risks (the acceptance-state filter's candidate set).
  await db.schema.createIndex('risk_acceptances_org_idx').on('risk_acceptances').columns(['organization_id', 'kind', 'risk_id']).execute();

  await db.schema
    .createTable('risk_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('risk_id', 'text', (c) => c.notNull().references('risks.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'text', (c) => c.notNull().references('users.id').onDelete('restrict'))
    .addColumn('reviewer_name', 'text', (c) => c.notNull())
    .addColumn('reviewed_on', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('level_key', 'text')
    .addColumn('next_review_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_reviews_risk_idx').on('risk_reviews').columns(['risk_id', 'reviewed_on']).execute();

  // Counts per level at the start of each month (trend charts); one row per org × month × stage × level.
  await db.schema
    .createTable('risk_level_snapshots')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('month', 'text', (c) => c.notNull()) // YYYY-MM
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('level_key', 'text', (c) => c.notNull())
    .addColumn('level_rank', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('risk_level_snapshots_pk', ['organization_id', 'month', 'stage', 'level_key'])
    .execute();

  // Method version 1 for every organization that exists already.
  const organizations = await db.selectFrom('organizations').select(['id']).execute();
  const now = new Date().toISOString();
  const method = JSON.stringify(defaultMethodFile.method);
  const note = `Seeded: ${defaultMethodFile.title} (catalogue ${defaultMethodFile.version})`;
  for (const org of organizations as { id: string }[]) {
    await db
      .insertInto('risk_methods')
      .values({ id: newId(), organization_id: org.id, version: 1, method, note, created_at: now, created_by: null })
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['risk_level_snapshots', 'risk_reviews', 'risk_acceptances', 'risk_tasks', 'risk_vulnerabilities', 'risk_controls', 'risk_assets', 'risks', 'risk_catalogue_entries', 'risk_methods']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
