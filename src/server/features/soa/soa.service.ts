/**
 * The Statement of Applicability of one organization (ISO/IEC 27001:2022 6.1.3 d): one row per Annex A
 * control, in catalogue order. Implementation status is derived from the linked controls (own, and the
 * inheritable controls of the groups above) through `linkedControlsByRequirement`, the same path the
 * HIPAA view and readiness read, so they agree. Every change runs in one transaction with its audit event.
 *
 * Rules (checked on the merged row, so a partial update cannot leave an invalid one):
 * - not applicable ⇒ an exclusion justification is required; inclusion reasons, their text and any
 *   status override are cleared (they mean nothing for an excluded control);
 * - applicable ⇒ no exclusion justification is kept;
 * - a status override and its reason are given together or not at all; an override is never
 *   `not_applicable` (only an exclusion with its justification puts a control out of scope).
 *
 * Concurrent edits: the row is read locked (PostgreSQL FOR UPDATE) and the patch merged onto what is
 * there, so two editors never overwrite each other's fields; two first edits of one row at once both
 * land (the second re-reads the row the first created). The bulk action answers 409 in that case.
 */
import { ZSoaRow, type TBulkApplicableRequest, type TSoaList, type TSoaListQuery, type TSoaRow, type TUpdateSoaEntryRequest } from '../../../shared/contracts/soa.js';
import { SOA_FRAMEWORK_ID } from '../../../shared/contracts/soa.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { appendAuditEvents } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { NOT_APPLICABLE_OVERRIDE_MESSAGE } from '../../../shared/compliance.js';
import { AppError, fieldError, notFound } from '../../kernel/errors.js';
import { linkedControlsByRequirement, linkedRisksByControl } from '../controls/index.js';
import { buildRow, changedFields, entryFields, filterRows, isJustified, statusCounts, type EntryFields } from './soa-rows.js';
import * as repo from './soa.repository.js';
import { summaryOf } from './soa-version-summary.js';

export function today(ctx: AppContext): string {
  return ctx.clock.now().toISOString().slice(0, 10);
}

/** Every row of the organization's SoA as it is now (the draft): seven queries, whatever the row count. */
export async function currentRows(ctx: AppContext, organizationId: string): Promise<TSoaRow[]> {
  const db = repo.soaDb(ctx.database.db);
  const [requirements, entries, linked] = await Promise.all([
    repo.annexRequirements(db),
    repo.entriesOf(db, [organizationId]),
    linkedControlsByRequirement(ctx.database.db, organizationId, { frameworkId: SOA_FRAMEWORK_ID }),
  ]);
  const entryByRequirement = new Map(entries.map((e) => [e.requirement_id, e]));
  const controls = [...linked.values()].flat();
  const controlIds = [...new Set(controls.map((c) => c.id))];
  const [names, evidence, risks] = await Promise.all([
    repo.organizationNames(db, controls.map((c) => c.organizationId)),
    repo.evidenceCounts(db, controlIds, today(ctx)),
    linkedRisksByControl(ctx.database.db, organizationId, controlIds),
  ]);
  return requirements.map((requirement) =>
    buildRow({ requirement, entry: entryFields(entryByRequirement.get(requirement.id)), linked: linked.get(requirement.id) ?? [], organizationNames: names, evidence, risks }),
  );
}

export async function listSoa(ctx: AppContext, access: OrgAccess, query: TSoaListQuery): Promise<TSoaList> {
  const db = repo.soaDb(ctx.database.db);
  const [rows, latest] = await Promise.all([currentRows(ctx, access.organizationId), repo.latestVersion(db, access.organizationId)]);
  const lastPublished = latest ? await summaryOf(db, latest) : null;
  let hasUnpublishedChanges = true;
  if (latest) {
    const published = (JSON.parse(latest.snapshot) as { rows: TSoaRow[] }).rows;
    const byRef = new Map(published.map((r) => [r.ref, r]));
    hasUnpublishedChanges = rows.length !== published.length || rows.some((row) => !byRef.has(row.ref) || changedFields(byRef.get(row.ref)!, row).length > 0);
  }
  const items = filterRows(rows, query);
  return {
    organizationId: access.organizationId,
    organizationName: access.organizationName,
    risksAvailable: true,
    total: items.length,
    items,
    counts: { rows: rows.length, applicable: rows.filter((r) => r.applicable).length, unjustified: rows.filter((r) => !r.isJustified).length, byStatus: statusCounts(rows) },
    lastPublished,
    hasUnpublishedChanges,
    abilities: { write: access.permissions.includes('soa.write'), approve: access.permissions.includes('soa.approve') },
  };
}

export async function getRow(ctx: AppContext, access: OrgAccess, ref: string): Promise<TSoaRow> {
  const row = (await currentRows(ctx, access.organizationId)).find((r) => r.ref === ref);
  if (!row) throw notFound('Annex A control');
  return row;
}

/** The merged row after a change, checked against the rules above; errors name the request field. */
export function mergeEntry(before: EntryFields, patch: TUpdateSoaEntryRequest): EntryFields {
  // 6.1.3 d): out of scope only by exclusion with a justification (the contract refuses it too; services called directly are held to it here).
  if ((patch.statusOverride as string | null | undefined) === 'not_applicable') throw fieldError('body.statusOverride', NOT_APPLICABLE_OVERRIDE_MESSAGE);
  const merged: EntryFields = {
    applicable: patch.applicable ?? before.applicable,
    inclusionReasons: patch.inclusionReasons ?? before.inclusionReasons,
    inclusionJustification: patch.inclusionJustification !== undefined ? patch.inclusionJustification || null : before.inclusionJustification,
    exclusionJustification: patch.exclusionJustification !== undefined ? patch.exclusionJustification || null : before.exclusionJustification,
    statusOverride: patch.statusOverride !== undefined ? patch.statusOverride : before.statusOverride,
    overrideReason: patch.overrideReason !== undefined ? patch.overrideReason || null : before.overrideReason,
  };
  if (!merged.applicable) {
    if (!merged.exclusionJustification) throw fieldError('body.exclusionJustification', 'is required when the control is not applicable');
    return { ...merged, inclusionReasons: [], inclusionJustification: null, statusOverride: null, overrideReason: null };
  }
  if (merged.statusOverride && !merged.overrideReason) throw fieldError('body.overrideReason', 'is required to override the derived status');
  if (!merged.statusOverride && merged.overrideReason) throw fieldError('body.statusOverride', 'is required with an override reason (or remove the reason)');
  return { ...merged, exclusionJustification: null };
}

function diffEntry(before: EntryFields, after: EntryFields): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as (keyof EntryFields)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}

function entryRow(organizationId: string, requirementId: string, fields: EntryFields, now: string, actor: AuditActor) {
  return {
    organization_id: organizationId,
    requirement_id: requirementId,
    applicable: fields.applicable ? 1 : 0,
    inclusion_reasons: JSON.stringify(fields.inclusionReasons),
    inclusion_justification: fields.inclusionJustification,
    exclusion_justification: fields.exclusionJustification,
    status_override: fields.statusOverride,
    override_reason: fields.overrideReason,
    updated_at: now,
    updated_by: actor.userId ?? actor.label,
  };
}

export async function updateEntry(ctx: AppContext, access: OrgAccess, actor: AuditActor, ref: string, patch: TUpdateSoaEntryRequest): Promise<TSoaRow> {
  const db = repo.soaDb(ctx.database.db);
  const requirement = await repo.annexRequirementByRef(db, ref);
  if (!requirement) throw notFound('Annex A control');
  await db.transaction().execute(async (trx) => {
    // Read locked inside the transaction and merge onto what is there: two editors of one row never lose each other's fields.
    for (let attempt = 1; ; attempt++) {
      const existing = await repo.entryOf(trx, access.organizationId, requirement.id, { lock: true });
      const before = entryFields(existing);
      const after = mergeEntry(before, patch);
      const changes = diffEntry(before, after);
      if (Object.keys(changes).length === 0) return;
      const row = entryRow(access.organizationId, requirement.id, after, ctx.clock.now().toISOString(), actor);
      if (existing) await repo.updateEntryRow(trx, row);
      else if (!(await repo.insertEntryIfAbsent(trx, row))) {
        // Another first edit of this row committed meanwhile: merge onto it (once; then say so rather than loop).
        if (attempt < 2) continue;
        throw concurrentEdit();
      }
      await recordEvent(ctx, trx, actor, { type: 'soa.entry_updated', organizationId: access.organizationId, subjectType: 'soa_entry', subjectId: requirement.id, changes: { ref, ...changes, justified: isJustified(after) } });
      return;
    }
  });
  return ZSoaRow.parse(await getRow(ctx, access, ref));
}

function concurrentEdit(): AppError {
  return new AppError('conflict', 'The SoA row was changed by someone else at the same moment; reload it and try again');
}

/** Mark many rows applicable with the given reasons (added to the reasons already there); one event per changed row. */
export async function markApplicable(ctx: AppContext, access: OrgAccess, actor: AuditActor, input: TBulkApplicableRequest): Promise<{ updated: number }> {
  const db = repo.soaDb(ctx.database.db);
  const requirements = await repo.annexRequirements(db);
  const byRef = new Map(requirements.map((r) => [r.ref, r]));
  const unknown = input.refs.filter((ref) => !byRef.has(ref));
  if (unknown.length > 0) throw fieldError('body.refs', `are not Annex A controls of the catalogue: ${unknown.slice(0, 5).join(', ')}`);
  return db.transaction().execute(async (trx) => {
    const entries = new Map((await repo.entriesOf(trx, [access.organizationId], { lock: true })).map((e) => [e.requirement_id, e]));
    const items: { requirementId: string; fields: EntryFields; exists: boolean }[] = [];
    const events: { type: 'soa.entry_updated'; subjectType: string; subjectId: string; changes: Record<string, unknown> }[] = [];
    for (const ref of new Set(input.refs)) {
      const requirement = byRef.get(ref)!;
      const existing = entries.get(requirement.id);
      const before = entryFields(existing);
      const reasons = [...new Set([...(before.applicable ? before.inclusionReasons : []), ...input.inclusionReasons])];
      const after = mergeEntry(before, { applicable: true, inclusionReasons: reasons, ...(input.inclusionJustification ? { inclusionJustification: input.inclusionJustification } : {}) });
      const changes = diffEntry(before, after);
      if (Object.keys(changes).length === 0) continue;
      items.push({ requirementId: requirement.id, fields: after, exists: Boolean(existing) });
      events.push({ type: 'soa.entry_updated', subjectType: 'soa_entry', subjectId: requirement.id, changes: { ref, ...changes, justified: isJustified(after), bulk: true } });
    }
    if (items.length === 0) return { updated: 0 };
    const now = ctx.clock.now().toISOString();
    for (const item of items) {
      const row = entryRow(access.organizationId, item.requirementId, item.fields, now, actor);
      if (item.exists) await repo.updateEntryRow(trx, row);
      // A row first edited by someone else meanwhile: the reasons were merged onto a stale row, so refuse the whole batch.
      else if (!(await repo.insertEntryIfAbsent(trx, row))) throw concurrentEdit();
    }
    await appendAuditEvents(trx, actor, access.organizationId, events, { clock: ctx.clock });
    return { updated: items.length };
  });
}
