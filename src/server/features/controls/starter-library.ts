/**
 * The healthcare starter library (catalog/starter-controls.json): about 60 controls written by us for a
 * hospital or clinic group which together cover every ISO/IEC 27001:2022 Annex A control and every HIPAA
 * Security Rule standard and implementation specification (a test checks both). Adopting it creates the
 * missing ones (planned, not assessed) with their requirement links, in one transaction with one
 * `controls.adopted` event; adopting again adds only what is missing (6.1.3 b) determine the controls).
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CONTROL_CATEGORIES } from '../../../shared/compliance.js';
import { addMonths, type TAdoptStarterResult, type TStarterLibrary } from '../../../shared/contracts/controls.js';
import { appendAuditEvents, type AuditActor } from '../../kernel/audit/chain.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import * as repo from './control.repository.js';
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
    let linked = 0;
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
      // One summary event, and one `control.created` per control so each control's history starts at its adoption.
      await appendAuditEvents(trx, actor, access.organizationId, [
        {
          type: 'controls.adopted',
          subjectType: 'organization',
          subjectId: access.organizationId,
          changes: { library: library.title, version: library.version, created: created.map((c) => c.code), alreadyAdopted, codeConflicts, linkedRequirements: linked, missingRequirements: missingRequirements.length },
        },
        ...rows.map((row) => ({ type: 'control.created' as const, subjectType: 'control', subjectId: row.id, changes: { code: row.code, name: row.name, starterKey: row.starter_key, status: row.status, category: row.category, requirementsLinked: links.filter((l) => l.control_id === row.id).length } })),
      ], { clock: ctx.clock });
    }
    const parts = [created.length > 0 ? `${created.length} control(s) adopted with ${linked} requirement link(s)` : 'No control was added'];
    if (alreadyAdopted > 0) parts.push(`${alreadyAdopted} were already adopted`);
    if (codeConflicts.length > 0) parts.push(`${codeConflicts.length} skipped because the code is already used by your own control (${codeConflicts.slice(0, 5).join(', ')})`);
    if (missingRequirements.length > 0) parts.push(`${missingRequirements.length} requirement reference(s) are not in the catalogue yet and were not linked`);
    return { created: created.length, alreadyAdopted, codeConflicts, linkedRequirements: linked, missingRequirements, message: `${parts.join('; ')}.` };
  });
}
