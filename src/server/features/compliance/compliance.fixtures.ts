/**
 * Test data for the compliance tests, over the real built-in catalogue: an imported framework built by
 * hand, and controls, links, evidence, SoA rows and crosswalk rows written directly.
 */
import type { ControlStatus, Effectiveness } from '../../../shared/compliance.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { complianceDb } from './compliance.repository.js';

interface FixtureRequirement {
  ref: string;
  parent: string | null;
  kind: string;
  title: string;
  obligation?: 'required' | 'addressable' | null;
  theme?: string | null;
  assessable: boolean;
  text?: string;
}

async function insertFramework(ctx: AppContext, input: { id: string; organizationId: string | null; name: string; shortName: string; origin: 'builtin' | 'oscal'; requirements: FixtureRequirement[] }): Promise<void> {
  const db = complianceDb(ctx.database.db);
  const exists = await db.selectFrom('frameworks').select('id').where('id', '=', input.id).executeTakeFirst();
  if (exists) return;
  await db
    .insertInto('frameworks')
    .values({ id: input.id, organization_id: input.organizationId, key: input.id, name: input.name, short_name: input.shortName, version: 'test', origin: input.origin, publisher: null, description: null, source: null, catalog_version: 'test', source_sha256: null, requirement_count: input.requirements.length, created_at: new Date().toISOString(), created_by: null })
    .execute();
  const depth = (r: FixtureRequirement): number => (r.parent ? 1 + depth(input.requirements.find((p) => p.ref === r.parent)!) : 0);
  await db
    .insertInto('requirements')
    .values(
      input.requirements.map((r, index) => ({
        id: `${input.id}:${r.ref}`,
        framework_id: input.id,
        parent_id: r.parent ? `${input.id}:${r.parent}` : null,
        ref: r.ref,
        kind: r.kind,
        title: r.title,
        text: r.text ?? null,
        guidance: null,
        obligation: r.obligation ?? null,
        theme: r.theme ?? null,
        assessable: r.assessable ? 1 : 0,
        depth: depth(r),
        sort_order: index + 1,
        search_text: `${r.ref} ${r.title}`.toLowerCase(),
        data: null,
      })),
    )
    .execute();
}

/** The built-in catalogue (loaded by migration 20261130-load-catalogue) must hold the frameworks the tests use. */
export async function ensureCatalogue(ctx: AppContext): Promise<void> {
  const rows = await complianceDb(ctx.database.db).selectFrom('frameworks').select('id').where('id', 'in', ['hipaa-security-rule', 'iso27001-2022']).execute();
  if (rows.length !== 2) throw new Error('the built-in catalogue is not loaded (catalog/ and migration 20261130-load-catalogue)');
}

/** A small imported framework, built by hand: two families, five assessable controls. */
export async function buildImportedFramework(ctx: AppContext, organizationId: string, id = `test-fw-${newId().slice(-12)}`): Promise<string> {
  await insertFramework(ctx, {
    id,
    organizationId,
    name: 'Test catalog',
    shortName: 'TEST',
    origin: 'oscal',
    requirements: [
      { ref: 'AA', parent: null, kind: 'group', title: 'Alpha family', assessable: false },
      { ref: 'AA-1', parent: 'AA', kind: 'control', title: 'Alpha one', assessable: true },
      { ref: 'AA-2', parent: 'AA', kind: 'control', title: 'Alpha two', assessable: true },
      { ref: 'AA-2(1)', parent: 'AA-2', kind: 'enhancement', title: 'Alpha two enhanced', assessable: true },
      { ref: 'BB', parent: null, kind: 'group', title: 'Beta family', assessable: false },
      { ref: 'BB-1', parent: 'BB', kind: 'control', title: 'Beta one', assessable: true },
      { ref: 'BB-2', parent: 'BB', kind: 'control', title: 'Beta two', assessable: true },
    ],
  });
  return id;
}

export async function buildControl(ctx: AppContext, organizationId: string, input: { code: string; status?: ControlStatus; effectiveness?: Effectiveness; inheritable?: boolean; requirements?: string[] }): Promise<string> {
  const db = complianceDb(ctx.database.db);
  const id = newId();
  const now = new Date().toISOString();
  await db
    .insertInto('controls')
    .values({ id, organization_id: organizationId, code: input.code, name: `Control ${input.code}`, name_lower: `control ${input.code}`.toLowerCase(), description: null, owner: null, category: 'organizational', status: input.status ?? 'implemented', implemented_on: null, effectiveness: input.effectiveness ?? 'not_assessed', last_tested_on: null, cost_one_off: null, cost_yearly: null, effort_days: null, review_cadence_months: null, next_review_on: null, inheritable: input.inheritable ? 1 : 0, starter_key: null, version: 1, created_at: now, updated_at: now })
    .execute();
  for (const requirementId of input.requirements ?? []) await db.insertInto('control_requirements').values({ control_id: id, requirement_id: requirementId, organization_id: organizationId }).execute();
  return id;
}

export async function buildEvidence(ctx: AppContext, organizationId: string, controlId: string, input: { title: string; expiresOn?: string | null }): Promise<string> {
  const id = newId();
  await complianceDb(ctx.database.db)
    .insertInto('evidence')
    .values({ id, organization_id: organizationId, control_id: controlId, kind: 'link', title: input.title, url: 'https://intranet.example.org/evidence', file_name: null, content_type: null, size_bytes: null, sha256: null, store: null, storage_key: null, expires_on: input.expiresOn ?? null, created_by: null, created_at: new Date().toISOString() })
    .execute();
  return id;
}

export async function buildSoaEntry(ctx: AppContext, organizationId: string, requirementId: string, input: { applicable: boolean; statusOverride?: string | null }): Promise<void> {
  await complianceDb(ctx.database.db)
    .insertInto('soa_entries')
    .values({ organization_id: organizationId, requirement_id: requirementId, applicable: input.applicable ? 1 : 0, inclusion_reasons: '[]', inclusion_justification: null, exclusion_justification: input.applicable ? null : 'No cloud services are used', status_override: input.statusOverride ?? null, override_reason: input.statusOverride ? 'test' : null, updated_at: new Date().toISOString(), updated_by: null })
    .execute();
}

export async function buildCrosswalk(ctx: AppContext, input: { from: string; to: string; source: 'nist_sp800_66r2' | 'nist_olir' | 'custos'; strength: 'strong' | 'moderate' | 'weak' }): Promise<void> {
  const db = complianceDb(ctx.database.db);
  const exists = await db.selectFrom('requirement_links').select('id').where('from_id', '=', input.from).where('to_id', '=', input.to).where('source', '=', input.source).executeTakeFirst();
  if (exists) return;
  await db.insertInto('requirement_links').values({ id: newId(), from_id: input.from, to_id: input.to, source: input.source, strength: input.strength, note: null }).execute();
}
