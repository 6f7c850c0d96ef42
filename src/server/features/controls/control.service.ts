/**
 * The organization's controls (ISO/IEC 27001:2022 6.1.3 b) determine the necessary controls, 8.1
 * operational planning and control, 9.1 monitoring of effectiveness; 45 CFR 164.308(a)(1)(ii)(B) risk
 * management measures). One transaction and one audit event per change; review overdue and inheritance
 * are computed at read time, never stored.
 */
import { sql, type Transaction } from 'kysely';
import { addMonths, ZControlFields, type TControlDetail, type TControlFields, type TControlListQuery, type TControlSummary, type TUpdateControlRequest } from '../../../shared/contracts/controls.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { toNumber } from '../../kernel/db/database.js';
import { AppError, fieldError, isUniqueViolation, notFound } from '../../kernel/errors.js';
import { linkedRisksByControl } from './control-risks.js';
import { controlAbilities } from './control.policy.js';
import * as repo from './control.repository.js';
import type { ControlsTable, ControlTables, EvidenceTable } from './control.tables.js';
import { evidenceStore } from './evidence-store.js';
import { ancestorOrganizationIds } from './requirement-controls.js';

export function today(ctx: AppContext): string {
  return ctx.clock.now().toISOString().slice(0, 10);
}

export function presentEvidence(row: EvidenceTable, todayDate: string) {
  return {
    id: row.id,
    controlId: row.control_id,
    kind: row.kind,
    title: row.title,
    url: row.url,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes === null ? null : toNumber(row.size_bytes),
    sha256: row.sha256,
    expiresOn: row.expires_on,
    expired: row.expires_on !== null && row.expires_on < todayDate,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

function present(row: repo.ControlRow, access: OrgAccess, todayDate: string): TControlSummary {
  return {
    id: row.id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    code: row.code,
    name: row.name,
    description: row.description,
    owner: row.owner,
    category: row.category,
    status: row.status,
    implementedOn: row.implemented_on,
    effectiveness: row.effectiveness,
    lastTestedOn: row.last_tested_on,
    costOneOff: num(row.cost_one_off),
    costYearly: num(row.cost_yearly),
    effortDays: num(row.effort_days),
    reviewCadenceMonths: num(row.review_cadence_months),
    nextReviewOn: row.next_review_on,
    reviewOverdue: row.next_review_on !== null && row.next_review_on < todayDate,
    inheritable: toNumber(row.inheritable) === 1,
    inherited: row.organization_id !== access.organizationId,
    starterKey: row.starter_key,
    requirementCount: toNumber(row.requirement_count),
    assetCount: toNumber(row.asset_count),
    evidenceCount: toNumber(row.evidence_count),
    expiredEvidenceCount: toNumber(row.expired_evidence_count),
    version: toNumber(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: controlAbilities(access, row.organization_id),
  };
}

export async function listControls(ctx: AppContext, access: OrgAccess, query: TControlListQuery) {
  const ancestors = await ancestorOrganizationIds(ctx.database.db, access.organizationId);
  const date = today(ctx);
  const { total, rows } = await repo.listControls(repo.controlDb(ctx.database.db), access.organizationId, ancestors, query, date);
  return { items: rows.map((row) => present(row, access, date)), total, page: query.page, pageSize: query.pageSize };
}

/** A control the organization can see (its own, or inherited from a group above it); not-found otherwise. */
export async function getControl(ctx: AppContext, access: OrgAccess, controlId: string): Promise<TControlDetail> {
  const db = repo.controlDb(ctx.database.db);
  const ancestors = await ancestorOrganizationIds(ctx.database.db, access.organizationId);
  const date = today(ctx);
  const row = await repo.getControl(db, access.organizationId, ancestors, controlId, date);
  if (!row) throw notFound('control');
  const [requirements, assets, evidence, risks] = await Promise.all([
    repo.linkedRequirements(db, controlId, access.organizationId),
    repo.linkedAssets(db, controlId),
    repo.evidenceOf(db, controlId),
    linkedRisksByControl(ctx.database.db, access.organizationId, [controlId]),
  ]);
  return {
    ...present(row, access, date),
    requirements: requirements.map((r) => ({ id: r.id, frameworkId: r.framework_id, frameworkName: r.framework_name, ref: r.ref, title: r.title, kind: r.kind, obligation: r.obligation })),
    assets: assets.map((a) => ({ id: a.id, name: a.name, type: a.type, owner: a.owner })),
    evidence: evidence.map((e) => presentEvidence(e, date)),
    risks: risks.get(controlId) ?? [],
  };
}

/** The control itself, of this organization (inherited controls are read-only here): not-found otherwise. */
export async function loadOwnControl(ctx: AppContext, access: OrgAccess, controlId: string): Promise<ControlsTable> {
  const row = await repo.ownControl(repo.controlDb(ctx.database.db), access.organizationId, controlId);
  if (!row) {
    // Visible but inherited: say why it cannot be changed here, without leaking anything invisible.
    const ancestors = await ancestorOrganizationIds(ctx.database.db, access.organizationId);
    const inherited = ancestors.length ? await repo.getControl(repo.controlDb(ctx.database.db), access.organizationId, ancestors, controlId, today(ctx)) : undefined;
    if (inherited) throw new AppError('conflict', `control: ${inherited.code} is inherited from ${inherited.organization_name} and can only be changed there`);
    throw notFound('control');
  }
  return row;
}

type Fields = TControlFields & { code: string };

function rowToFields(row: ControlsTable): Fields {
  return {
    code: row.code,
    name: row.name,
    description: row.description,
    owner: row.owner,
    category: row.category,
    status: row.status,
    implementedOn: row.implemented_on,
    effectiveness: row.effectiveness,
    lastTestedOn: row.last_tested_on,
    costOneOff: num(row.cost_one_off),
    costYearly: num(row.cost_yearly),
    effortDays: num(row.effort_days),
    reviewCadenceMonths: num(row.review_cadence_months),
    nextReviewOn: row.next_review_on,
    inheritable: toNumber(row.inheritable) === 1,
  };
}

function fieldsToRow(fields: Fields) {
  return {
    code: fields.code,
    name: fields.name,
    name_lower: fields.name.toLowerCase(),
    description: fields.description || null,
    owner: fields.owner || null,
    category: fields.category,
    status: fields.status,
    implemented_on: fields.implementedOn ?? null,
    effectiveness: fields.effectiveness,
    last_tested_on: fields.lastTestedOn ?? null,
    cost_one_off: fields.costOneOff ?? null,
    cost_yearly: fields.costYearly ?? null,
    effort_days: fields.effortDays ?? null,
    review_cadence_months: fields.reviewCadenceMonths ?? null,
    next_review_on: fields.nextReviewOn ?? null,
    inheritable: fields.inheritable ? 1 : 0,
  };
}

/**
 * The rules that need today or the organization: an implemented control has an implementation date, no
 * date lies in the future, an assessed effectiveness has a test date, and only a group shares controls.
 */
async function checkRules(ctx: AppContext, access: OrgAccess, fields: Fields): Promise<void> {
  const date = today(ctx);
  if (fields.status === 'implemented' && !fields.implementedOn) throw fieldError('body.implementedOn', 'is required when the status is implemented');
  if (fields.implementedOn && fields.implementedOn > date) throw fieldError('body.implementedOn', 'must not be in the future');
  if (fields.lastTestedOn && fields.lastTestedOn > date) throw fieldError('body.lastTestedOn', 'must not be in the future');
  if (fields.effectiveness !== 'not_assessed' && !fields.lastTestedOn) throw fieldError('body.lastTestedOn', 'is required once effectiveness has been assessed');
  if (fields.inheritable) {
    const org = await ctx.database.db.selectFrom('organizations').select('kind').where('id', '=', access.organizationId).executeTakeFirst();
    if (org?.kind !== 'group') throw fieldError('body.inheritable', 'only a control of a group-level organization can be inherited by its sites');
  }
}

function diff(before: Fields | null, after: Fields): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as (keyof Fields)[]) {
    const from = before ? (before[key] ?? null) : null;
    const to = after[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

function uniqueCodeError(error: unknown): never {
  if (isUniqueViolation(error)) throw fieldError('body.code', 'is already used by another control of this organization');
  throw error;
}

export async function createControl(ctx: AppContext, access: OrgAccess, actor: AuditActor, input: TControlFields): Promise<TControlDetail> {
  const db = repo.controlDb(ctx.database.db);
  const code = input.code ?? (await repo.nextFreeCode(db, access.organizationId));
  const fields: Fields = { ...input, code };
  if (fields.reviewCadenceMonths && !fields.nextReviewOn) fields.nextReviewOn = addMonths(today(ctx), fields.reviewCadenceMonths);
  await checkRules(ctx, access, fields);
  const id = newId();
  const now = ctx.clock.now().toISOString();
  await db
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('controls').values({ ...fieldsToRow(fields), id, organization_id: access.organizationId, starter_key: null, version: 1, created_at: now, updated_at: now }).execute();
      await recordEvent(ctx, trx, actor, { type: 'control.created', organizationId: access.organizationId, subjectType: 'control', subjectId: id, changes: diff(null, fields) });
    })
    .catch(uniqueCodeError);
  return getControl(ctx, access, id);
}

export async function updateControl(ctx: AppContext, access: OrgAccess, actor: AuditActor, controlId: string, input: TUpdateControlRequest): Promise<TControlDetail> {
  const row = await loadOwnControl(ctx, access, controlId);
  if (toNumber(row.version) !== input.version) throw new AppError('conflict', `control: was changed by someone else meanwhile (version ${toNumber(row.version)}, you had ${input.version}); reload it and apply your change again`);
  const before = rowToFields(row);
  const { version: _version, ...patch } = input;
  const parsed = ZControlFields.safeParse({ ...before, ...patch });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw fieldError(`body.${issue.path.join('.')}`, issue.message);
  }
  const after: Fields = { ...parsed.data, code: parsed.data.code ?? before.code };
  // A new cadence without a date given restarts the review clock from today.
  if (after.reviewCadenceMonths && patch.nextReviewOn === undefined && (after.reviewCadenceMonths !== before.reviewCadenceMonths || !after.nextReviewOn)) {
    after.nextReviewOn = addMonths(today(ctx), after.reviewCadenceMonths);
  }
  await checkRules(ctx, access, after);
  const changes = diff(before, after);
  if (Object.keys(changes).length === 0) return getControl(ctx, access, controlId);
  const db = repo.controlDb(ctx.database.db);
  await db
    .transaction()
    .execute(async (trx) => {
      const result = await trx
        .updateTable('controls')
        .set({ ...fieldsToRow(after), version: input.version + 1, updated_at: ctx.clock.now().toISOString() })
        .where('id', '=', controlId)
        .where('organization_id', '=', access.organizationId)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new AppError('conflict', 'control: was changed by someone else meanwhile; reload it and apply your change again');
      await recordEvent(ctx, trx, actor, { type: 'control.updated', organizationId: access.organizationId, subjectType: 'control', subjectId: controlId, changes });
    })
    .catch(uniqueCodeError);
  return getControl(ctx, access, controlId);
}

/** Remove a control with its links and evidence; the evidence files are deleted after the commit. */
export async function deleteControl(ctx: AppContext, access: OrgAccess, actor: AuditActor, controlId: string): Promise<void> {
  const row = await loadOwnControl(ctx, access, controlId);
  const db = repo.controlDb(ctx.database.db);
  const files = await db.selectFrom('evidence').select(['storage_key', 'store']).where('control_id', '=', controlId).where('kind', '=', 'file').execute();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('controls').where('id', '=', controlId).where('organization_id', '=', access.organizationId).execute();
    await recordEvent(ctx, trx, actor, { type: 'control.deleted', organizationId: access.organizationId, subjectType: 'control', subjectId: controlId, changes: { code: row.code, name: row.name, evidenceRemoved: files.length } });
  });
  for (const file of files) {
    if (!file.storage_key || !file.store) continue;
    await evidenceStore(ctx, file.store).delete(file.storage_key).catch((error: unknown) => ctx.logger.warn({ err: error, key: file.storage_key }, 'evidence file of a deleted control could not be removed'));
  }
}

/** A link change is a change of the control: its version moves on (optimistic concurrency of the form). */
async function touch(trx: Transaction<ControlTables>, controlId: string, now: string): Promise<void> {
  await trx.updateTable('controls').set({ version: sql<number>`version + 1`, updated_at: now }).where('id', '=', controlId).execute();
}

export async function linkRequirements(ctx: AppContext, access: OrgAccess, actor: AuditActor, controlId: string, requirementIds: string[]): Promise<TControlDetail> {
  await loadOwnControl(ctx, access, controlId);
  const db = repo.controlDb(ctx.database.db);
  const ids = [...new Set(requirementIds)];
  const found = await repo.visibleRequirements(db, access.organizationId).select(['r.id', 'r.ref', 'r.framework_id']).where('r.id', 'in', ids).execute();
  if (found.length !== ids.length) {
    const known = new Set(found.map((r) => r.id));
    throw fieldError('body.requirementIds', `unknown requirement: ${ids.filter((id) => !known.has(id)).slice(0, 5).join(', ')}`);
  }
  const existing = new Set((await db.selectFrom('control_requirements').select('requirement_id').where('control_id', '=', controlId).execute()).map((r) => r.requirement_id));
  const added = found.filter((r) => !existing.has(r.id));
  if (added.length === 0) return getControl(ctx, access, controlId);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('control_requirements').values(added.map((r) => ({ control_id: controlId, requirement_id: r.id, organization_id: access.organizationId }))).execute();
    await touch(trx, controlId, ctx.clock.now().toISOString());
    await recordEvent(ctx, trx, actor, { type: 'control.updated', organizationId: access.organizationId, subjectType: 'control', subjectId: controlId, changes: { requirementsLinked: added.map((r) => r.id) } });
  });
  return getControl(ctx, access, controlId);
}

export async function unlinkRequirement(ctx: AppContext, access: OrgAccess, actor: AuditActor, controlId: string, requirementId: string): Promise<TControlDetail> {
  await loadOwnControl(ctx, access, controlId);
  const db = repo.controlDb(ctx.database.db);
  await db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('control_requirements').where('control_id', '=', controlId).where('requirement_id', '=', requirementId).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('requirement link');
    await touch(trx, controlId, ctx.clock.now().toISOString());
    await recordEvent(ctx, trx, actor, { type: 'control.updated', organizationId: access.organizationId, subjectType: 'control', subjectId: controlId, changes: { requirementsUnlinked: [requirementId] } });
  });
  return getControl(ctx, access, controlId);
}

export async function linkAssets(ctx: AppContext, access: OrgAccess, actor: AuditActor, controlId: string, assetIds: string[]): Promise<TControlDetail> {
  await loadOwnControl(ctx, access, controlId);
  const db = repo.controlDb(ctx.database.db);
  const ids = [...new Set(assetIds)];
  const found = await db.selectFrom('assets').select(['id', 'name']).where('organization_id', '=', access.organizationId).where('id', 'in', ids).execute();
  if (found.length !== ids.length) throw fieldError('body.assetIds', 'contains assets that are not in this organization');
  const existing = new Set((await db.selectFrom('control_assets').select('asset_id').where('control_id', '=', controlId).execute()).map((r) => r.asset_id));
  const added = found.filter((a) => !existing.has(a.id));
  if (added.length === 0) return getControl(ctx, access, controlId);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('control_assets').values(added.map((a) => ({ control_id: controlId, asset_id: a.id, organization_id: access.organizationId }))).execute();
    await touch(trx, controlId, ctx.clock.now().toISOString());
    await recordEvent(ctx, trx, actor, { type: 'control.updated', organizationId: access.organizationId, subjectType: 'control', subjectId: controlId, changes: { assetsLinked: added.map((a) => ({ id: a.id, name: a.name })) } });
  });
  return getControl(ctx, access, controlId);
}

export async function unlinkAsset(ctx: AppContext, access: OrgAccess, actor: AuditActor, controlId: string, assetId: string): Promise<TControlDetail> {
  await loadOwnControl(ctx, access, controlId);
  const db = repo.controlDb(ctx.database.db);
  await db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('control_assets').where('control_id', '=', controlId).where('asset_id', '=', assetId).where('organization_id', '=', access.organizationId).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('asset link');
    await touch(trx, controlId, ctx.clock.now().toISOString());
    await recordEvent(ctx, trx, actor, { type: 'control.updated', organizationId: access.organizationId, subjectType: 'control', subjectId: controlId, changes: { assetsUnlinked: [assetId] } });
  });
  return getControl(ctx, access, controlId);
}

export async function requirementOptions(ctx: AppContext, access: OrgAccess, query: { q?: string; frameworkId?: string; limit: number }) {
  const db = repo.controlDb(ctx.database.db);
  const [items, frameworks] = await Promise.all([repo.requirementOptions(db, access.organizationId, query), repo.visibleFrameworks(db, access.organizationId)]);
  return {
    items: items.map((r) => ({ id: r.id, frameworkId: r.framework_id, frameworkName: r.framework_name, ref: r.ref, title: r.title, kind: r.kind, obligation: r.obligation })),
    frameworks: frameworks.map((f) => ({ id: f.id, name: f.short_name })),
  };
}
