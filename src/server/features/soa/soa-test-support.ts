/**
 * Test data for the SoA: the Annex A requirements (when the built-in catalogue is not loaded yet, the
 * same id scheme is inserted), controls linked to requirements, and evidence rows, written directly.
 */
import { sql } from 'kysely';
import { SOA_FRAMEWORK_ID } from '../../../shared/contracts/soa.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { soaDb } from './soa.repository.js';

const THEMES: [number, string, number][] = [
  [5, 'organizational', 37],
  [6, 'people', 8],
  [7, 'physical', 14],
  [8, 'technological', 34],
];

export const ANNEX_REFS: string[] = THEMES.flatMap(([clause, , count]) => Array.from({ length: count }, (_, i) => `A.${clause}.${i + 1}`));

/** The 93 Annex A controls, from the catalogue when it is loaded, else inserted here. */
export async function ensureAnnexA(ctx: AppContext): Promise<void> {
  const db = soaDb(ctx.database.db);
  const row = await db.selectFrom('requirements').select((eb) => eb.fn.countAll().as('n')).where('framework_id', '=', SOA_FRAMEWORK_ID).where('kind', '=', 'control').executeTakeFirst();
  if (Number(row?.n ?? 0) >= 93) return;
  const now = new Date().toISOString();
  const framework = await db.selectFrom('frameworks').select('id').where('id', '=', SOA_FRAMEWORK_ID).executeTakeFirst();
  if (!framework) {
    await db
      .insertInto('frameworks')
      .values({ id: SOA_FRAMEWORK_ID, organization_id: null, key: SOA_FRAMEWORK_ID, name: 'ISO/IEC 27001:2022', short_name: 'ISO 27001', version: '2022', origin: 'builtin', publisher: 'ISO/IEC', description: null, source: 'test', catalog_version: 'test', source_sha256: null, requirement_count: 93, created_at: now, created_by: null })
      .execute();
  }
  let order = 1000;
  for (const [clause, theme, count] of THEMES) {
    for (let i = 1; i <= count; i += 1) {
      const ref = `A.${clause}.${i}`;
      order += 1;
      await db
        .insertInto('requirements')
        .values({ id: `${SOA_FRAMEWORK_ID}:${ref}`, framework_id: SOA_FRAMEWORK_ID, parent_id: null, ref, kind: 'control', title: `Test control ${ref}`, text: null, guidance: null, obligation: null, theme, assessable: 1, depth: 1, sort_order: order, search_text: ref.toLowerCase(), data: null })
        .execute();
    }
  }
}

export async function buildControl(ctx: AppContext, input: { organizationId: string; code: string; name?: string; status: 'planned' | 'in_progress' | 'implemented' | 'not_applicable'; inheritable?: boolean; refs: string[] }): Promise<string> {
  const db = soaDb(ctx.database.db);
  const id = newId();
  const now = new Date().toISOString();
  const name = input.name ?? `Control ${input.code}`;
  await db
    .insertInto('controls')
    .values({ id, organization_id: input.organizationId, code: input.code, name, name_lower: name.toLowerCase(), description: null, owner: null, category: 'organizational', status: input.status, implemented_on: null, effectiveness: 'not_assessed', last_tested_on: null, cost_one_off: null, cost_yearly: null, effort_days: null, review_cadence_months: null, next_review_on: null, inheritable: input.inheritable ? 1 : 0, starter_key: null, version: 1, created_at: now, updated_at: now })
    .execute();
  for (const ref of input.refs) await db.insertInto('control_requirements').values({ control_id: id, requirement_id: `${SOA_FRAMEWORK_ID}:${ref}`, organization_id: input.organizationId }).execute();
  return id;
}

export async function setControlStatus(ctx: AppContext, controlId: string, status: 'planned' | 'in_progress' | 'implemented' | 'not_applicable'): Promise<void> {
  await soaDb(ctx.database.db).updateTable('controls').set({ status }).where('id', '=', controlId).execute();
}

export async function buildEvidence(ctx: AppContext, input: { organizationId: string; controlId: string; expiresOn?: string | null }): Promise<void> {
  await soaDb(ctx.database.db)
    .insertInto('evidence')
    .values({ id: newId(), organization_id: input.organizationId, control_id: input.controlId, kind: 'link', title: 'Policy document', url: 'https://intranet.example.org/policy', file_name: null, content_type: null, size_bytes: null, sha256: null, store: null, storage_key: null, expires_on: input.expiresOn ?? null, created_by: null, created_at: new Date().toISOString() })
    .execute();
}

export async function countEvents(ctx: AppContext, organizationId: string, type: string): Promise<number> {
  const result = await sql<{ n: number }>`select count(*) as n from audit_events where organization_id = ${organizationId} and type = ${type}`.execute(ctx.database.db);
  return Number(result.rows[0]?.n ?? 0);
}
