/**
 * The healthcare starter library (catalog/starter-controls.json): about 60 controls written by us for a
 * hospital or clinic group which together cover every ISO/IEC 27001:2022 Annex A control and every HIPAA
 * Security Rule standard and implementation specification (a test checks both). Adopting it creates the
 * missing ones (planned, not assessed) with their requirement links, in one transaction with one
 * `controls.adopted` event; adopting again adds only what is missing (6.1.3 b) determine the controls):
 * the controls not adopted yet, and the library's requirement links that controls adopted earlier lack
 * (a requirement the catalogue gained since, or one that was not in it then). Name, status and every other
 * field the organization edited are left alone, and so is a link it removed itself (recorded in the audit
 * trail as unlinked).
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import { CONTROL_CATEGORIES } from '../../../shared/compliance.js';
import { addMonths, type TAdoptStarterResult, type TStarterLibrary } from '../../../shared/contracts/controls.js';
import { appendAuditEvents, type AuditActor, type AuditEventInput } from '../../kernel/audit/chain.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import * as repo from './control.repository.js';
import type { ControlTables } from './control.tables.js';
import { today } from './control.service.js';

export const STARTER_LIBRARY_FILE = fileURLToPath(new URL('../../../../catalog/starter-controls.json', import.meta.url));

const ZStarterFile = z.object({
  format: z.literal('custos-starter-controls/1'),
  version: z.string(),
  title: z.string(),
  controls: z
    .array(
      z.object({
        code: z.string().regex(/^HC-\d{2,3}$/),
        name: z.string().min(1).max(200),
        description: z.string().max(4000),
        category: z.enum(CONTROL_CATEGORIES),
        reviewCadenceMonths: z.number().int().min(1).max(60),
        requirements: z.array(z.string().regex(/^[a-z0-9-]+:.+$/)).min(1),
      }),
    )
    .min(1),
});
export type StarterLibraryFile = z.infer<typeof ZStarterFile>;

let cached: StarterLibraryFile | null = null;

export function loadStarterLibrary(file = STARTER_LIBRARY_FILE): StarterLibraryFile {
  if (file === STARTER_LIBRARY_FILE && cached) return cached;
  const parsed = ZStarterFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const codes = new Set<string>();
  for (const control of parsed.controls) {
    if (codes.has(control.code)) throw new Error(`starter library: duplicate code ${control.code}`);
    codes.add(control.code);
  }
  if (file === STARTER_LIBRARY_FILE) cached = parsed;
  return parsed;
}

/** The starter key of a library control: stable across library versions. */
const starterKey = (code: string) => `healthcare:${code}`;

export async function describeStarterLibrary(ctx: AppContext, access: OrgAccess): Promise<TStarterLibrary> {
  const library = loadStarterLibrary();
  const adopted = new Set(
    (await repo.controlDb(ctx.database.db).selectFrom('controls').select('starter_key').where('organization_id', '=', access.organizationId).where('starter_key', 'is not', null).execute()).map((r) => r.starter_key),
  );
  const controls = library.controls.map((c) => ({ code: c.code, name: c.name, category: c.category, reviewCadenceMonths: c.reviewCadenceMonths, requirementCount: c.requirements.length, adopted: adopted.has(starterKey(c.code)) }));
  return { title: library.title, version: library.version, controls, adoptedCount: controls.filter((c) => c.adopted).length };
}

export async function adoptStarterLibrary(ctx: AppContext, access: OrgAccess, actor: AuditActor): Promise<TAdoptStarterResult> {
  const library = loadStarterLibrary();
  const db = repo.controlDb(ctx.database.db);
  const allRefs = [...new Set(library.controls.flatMap((c) => c.requirements))];
  const known = new Set<string>();
  for (let i = 0; i < allRefs.length; i += 400) {
    const chunk = allRefs.slice(i, i + 400);
    for (const row of await repo.visibleRequirements(db, access.organizationId).select('r.id').where('r.id', 'in', chunk).execute()) known.add(row.id);
  }
  const missingRequirements = allRefs.filter((ref) => !known.has(ref));
  const date = today(ctx);
  const now = ctx.clock.now().toISOString();

  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('controls').select(['id', 'code', 'starter_key']).where('organization_id', '=', access.organizationId).execute();
    const byKey = new Set(existing.map((c) => c.starter_key).filter(Boolean));
    const usedCodes = new Set(existing.map((c) => c.code.toLowerCase()));
    const toCreate = library.controls.filter((c) => !byKey.has(starterKey(c.code)));
    const codeConflicts = toCreate.filter((c) => usedCodes.has(c.code.toLowerCase())).map((c) => c.code);
    const created = toCreate.filter((c) => !usedCodes.has(c.code.toLowerCase()));
    const alreadyAdopted = library.controls.length - toCreate.length;
    const completed = await missingLinksOfAdopted(trx, access.organizationId, library, existing, known);
    const linksAdded = completed.reduce((n, c) => n + c.requirementIds.length, 0);
    let linked = 0;
    const events: Omit<AuditEventInput, 'organizationId'>[] = [];
    if (created.length > 0) {
      const rows = created.map((c) => ({
        id: newId(),
        organization_id: access.organizationId,
        code: c.code,
        name: c.name,
        name_lower: c.name.toLowerCase(),
        description: c.description,
        owner: null,
        category: c.category,
        status: 'planned' as const,
        implemented_on: null,
        effectiveness: 'not_assessed' as const,
        last_tested_on: null,
        cost_one_off: null,
        cost_yearly: null,
        effort_days: null,
        review_cadence_months: c.reviewCadenceMonths,
        next_review_on: addMonths(date, c.reviewCadenceMonths),
        inheritable: 0,
        starter_key: starterKey(c.code),
        version: 1,
        created_at: now,
        updated_at: now,
      }));
      await trx.insertInto('controls').values(rows).execute();
      const links = rows.flatMap((row, i) => [...new Set(created[i]!.requirements)].filter((ref) => known.has(ref)).map((ref) => ({ control_id: row.id, requirement_id: ref, organization_id: access.organizationId })));
      for (let i = 0; i < links.length; i += 300) await trx.insertInto('control_requirements').values(links.slice(i, i + 300)).execute();
      linked = links.length;
      // One `control.created` per control so each control's history starts at its adoption.
      events.push(...rows.map((row) => ({ type: 'control.created' as const, subjectType: 'control', subjectId: row.id, changes: { code: row.code, name: row.name, starterKey: row.starter_key, status: row.status, category: row.category, requirementsLinked: links.filter((l) => l.control_id === row.id).length } })));
    }
    if (linksAdded > 0) {
      const links = completed.flatMap((c) => c.requirementIds.map((ref) => ({ control_id: c.id, requirement_id: ref, organization_id: access.organizationId })));
      for (let i = 0; i < links.length; i += 300) await trx.insertInto('control_requirements').values(links.slice(i, i + 300)).execute();
      // A link changes the control as linking by hand does: its version moves on and its history shows the link.
      await trx.updateTable('controls').set({ version: sql<number>`version + 1`, updated_at: now }).where('id', 'in', completed.map((c) => c.id)).execute();
      events.push(...completed.map((c) => ({ type: 'control.updated' as const, subjectType: 'control', subjectId: c.id, changes: { requirementsLinked: c.requirementIds } })));
    }
    if (events.length > 0) {
      // One summary event first, then one event per control changed.
      await appendAuditEvents(trx, actor, access.organizationId, [
        {
          type: 'controls.adopted',
          subjectType: 'organization',
          subjectId: access.organizationId,
          changes: { library: library.title, version: library.version, created: created.map((c) => c.code), alreadyAdopted, codeConflicts, linkedRequirements: linked, linksAdded, completed: completed.map((c) => c.code), missingRequirements: missingRequirements.length },
        },
        ...events,
      ], { clock: ctx.clock });
    }
    const parts = [created.length > 0 ? `${created.length} control(s) adopted with ${linked} requirement link(s)` : 'No control was added'];
    if (alreadyAdopted > 0) parts.push(`${alreadyAdopted} were already adopted`);
    if (linksAdded > 0) parts.push(`${linksAdded} missing requirement link(s) added to ${completed.length} of them`);
    if (codeConflicts.length > 0) parts.push(`${codeConflicts.length} skipped because the code is already used by your own control (${codeConflicts.slice(0, 5).join(', ')})`);
    if (missingRequirements.length > 0) parts.push(`${missingRequirements.length} requirement reference(s) are not in the catalogue yet and were not linked`);
    return { created: created.length, alreadyAdopted, codeConflicts, linkedRequirements: linked, linksAdded, missingRequirements, message: `${parts.join('; ')}.` };
  });
}

/**
 * For each control adopted earlier, the library's requirements (known to the catalogue) it is not linked
 * to, except those the organization unlinked itself: the last link or unlink of that requirement in the
 * control's history (its `control.updated` events, in chain order) was an unlink.
 */
async function missingLinksOfAdopted(
  trx: Transaction<ControlTables>,
  organizationId: string,
  library: StarterLibraryFile,
  existing: { id: string; code: string; starter_key: string | null }[],
  known: ReadonlySet<string>,
): Promise<{ id: string; code: string; requirementIds: string[] }[]> {
  const wanted = new Map(library.controls.map((c) => [starterKey(c.code), [...new Set(c.requirements)].filter((ref) => known.has(ref))]));
  const adopted = existing.filter((c) => c.starter_key !== null && wanted.has(c.starter_key));
  if (adopted.length === 0) return [];
  const ids = adopted.map((c) => c.id);
  const linked = new Set<string>();
  const unlinkedByOrg = new Set<string>();
  for (let i = 0; i < ids.length; i += 400) {
    const chunk = ids.slice(i, i + 400);
    for (const row of await trx.selectFrom('control_requirements').select(['control_id', 'requirement_id']).where('control_id', 'in', chunk).execute()) linked.add(`${row.control_id} ${row.requirement_id}`);
    const history = await trx
      .selectFrom('audit_events')
      .select(['subject_id', 'changes'])
      .where('subject_type', '=', 'control')
      .where('subject_id', 'in', chunk)
      .where('organization_id', '=', organizationId)
      .where('type', '=', 'control.updated')
      .orderBy('seq')
      .execute();
    for (const event of history) {
      const changes = event.changes ? (JSON.parse(event.changes) as { requirementsLinked?: unknown; requirementsUnlinked?: unknown }) : {};
      for (const ref of Array.isArray(changes.requirementsLinked) ? changes.requirementsLinked : []) unlinkedByOrg.delete(`${event.subject_id} ${String(ref)}`);
      for (const ref of Array.isArray(changes.requirementsUnlinked) ? changes.requirementsUnlinked : []) unlinkedByOrg.add(`${event.subject_id} ${String(ref)}`);
    }
  }
  return adopted
    .map((c) => ({ id: c.id, code: c.code, requirementIds: wanted.get(c.starter_key!)!.filter((ref) => !linked.has(`${c.id} ${ref}`) && !unlinkedByOrg.has(`${c.id} ${ref}`)) }))
    .filter((c) => c.requirementIds.length > 0)
    .sort((a, b) => a.code.localeCompare(b.code));
}
