/**
 * The asset register (ISO/IEC 27001:2022 A.5.9 inventory of information and other associated assets;
 * 45 CFR 164.308(a)(1)(ii)(A) "accurate and thorough assessment" starts from it; 164.310(d)(1) device and
 * media controls). One transaction and one audit event per change; criticality and ePHI are derived.
 */
import type { z } from 'zod';
import type { TAssetFields, TAssetListQuery, TBulkUpdateAssetsRequest, TUpdateAssetRequest } from '../../../shared/contracts/assets.js';
import { ZAssetFields, type ZAsset } from '../../../shared/contracts/assets.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { appendAuditEvents } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import { sitesWithPermission, type OrgAccess } from '../../kernel/authz/membership.js';
import type { Principal } from '../../kernel/auth/principal.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { fieldError, isUniqueViolation, notFound } from '../../kernel/errors.js';
import { criticalityLabel } from './asset-derived.js';
import { refreshStoredGaps } from './asset-gaps.js';
import { fieldsToRow, rowToFields } from './asset.mapper.js';
import { assetAbilities } from './asset.policy.js';
import * as repo from './asset.repository.js';
import type { AssetsTable } from './asset.tables.js';

type Asset = z.input<typeof ZAsset>;

export function today(ctx: AppContext): string {
  return ctx.clock.now().toISOString().slice(0, 10);
}

function present(row: repo.AssetListRow, access: OrgAccess, supporting: Set<string>): Asset {
  return {
    ...rowToFields(row),
    id: row.id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    classificationName: row.classification_name ?? null,
    classificationColour: row.classification_colour ?? null,
    criticality: criticalityLabel(row.criticality),
    handlesEphi: row.handles_ephi === 1,
    gapCount: Number(row.gap_count),
    supportsCriticalService: supporting.has(row.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: assetAbilities(access, row.organization_id),
  } as Asset;
}

export async function listAssets(ctx: AppContext, access: OrgAccess, principal: Principal, query: TAssetListQuery) {
  const db = repo.assetDb(ctx.database.db);
  const orgIds = [access.organizationId];
  if (query.includeSites === 'yes') orgIds.push(...(await sitesWithPermission(ctx.database.db, principal, access.organizationId, 'asset.read', ctx.clock.now())).map((s) => s.id));
  const { total, rows } = await repo.listAssets(db, orgIds, query, today(ctx));
  const supporting = await repo.supportingCritical(db, access.organizationId, rows.map((r) => r.id));
  return { items: rows.map((row) => present(row, access, supporting)), total, page: query.page, pageSize: query.pageSize };
}

export async function getAsset(ctx: AppContext, access: OrgAccess, assetId: string): Promise<Asset> {
  const db = repo.assetDb(ctx.database.db);
  const row = await repo.getAsset(db, access.organizationId, assetId, today(ctx));
  if (!row) throw notFound('asset');
  return present(row, access, await repo.supportingCritical(db, access.organizationId, [row.id]));
}

/** The classification must be one of this organization's levels (never another organization's). */
async function checkClassification(ctx: AppContext, access: OrgAccess, classificationId: string | null | undefined, path = 'body.classificationId'): Promise<string | null> {
  if (!classificationId) return null;
  const level = await repo.classificationOf(repo.assetDb(ctx.database.db), access.organizationId, classificationId);
  if (!level) throw fieldError(path, 'is not a classification level of this organization');
  return level.id;
}

function uniqueRefError(error: unknown): never {
  if (isUniqueViolation(error)) throw fieldError('body.externalRef', 'is already used by another asset of this organization');
  throw error;
}

/** What changed between two field sets, for the audit event. */
export function diffFields(before: TAssetFields | null, after: TAssetFields): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as (keyof TAssetFields)[]) {
    const from = before ? (before[key] ?? null) : null;
    const to = after[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

export async function createAsset(ctx: AppContext, access: OrgAccess, actor: AuditActor, input: TAssetFields): Promise<Asset> {
  const classificationId = await checkClassification(ctx, access, input.classificationId);
  const id = newId();
  const now = ctx.clock.now().toISOString();
  const db = repo.assetDb(ctx.database.db);
  await db
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('assets').values({ ...fieldsToRow(input, classificationId), id, organization_id: access.organizationId, created_at: now, updated_at: now }).execute();
      await refreshStoredGaps(trx, access.organizationId, { assetIds: [id] });
      await recordEvent(ctx, trx, actor, { type: 'asset.created', organizationId: access.organizationId, subjectType: 'asset', subjectId: id, changes: diffFields(null, { ...input, classificationId }) });
    })
    .catch(uniqueRefError);
  return getAsset(ctx, access, id);
}

async function loadRow(ctx: AppContext, access: OrgAccess, assetId: string): Promise<AssetsTable> {
  const row = await repo.assetDb(ctx.database.db).selectFrom('assets').selectAll().where('organization_id', '=', access.organizationId).where('id', '=', assetId).executeTakeFirst();
  if (!row) throw notFound('asset');
  return row;
}

export async function updateAsset(ctx: AppContext, access: OrgAccess, actor: AuditActor, assetId: string, input: TUpdateAssetRequest): Promise<Asset> {
  const row = await loadRow(ctx, access, assetId);
  const before = rowToFields(row);
  // The merged record must satisfy the whole contract again (e.g. a type change with its fields).
  const parsed = ZAssetFields.safeParse({ ...before, ...input });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw fieldError(`body.${issue.path.join('.')}`, issue.message);
  }
  const after = parsed.data;
  const classificationId = input.classificationId !== undefined ? await checkClassification(ctx, access, input.classificationId) : row.classification_id;
  const changes = diffFields(before, { ...after, classificationId });
  if (Object.keys(changes).length === 0) return getAsset(ctx, access, assetId);
  const db = repo.assetDb(ctx.database.db);
  await db
    .transaction()
    .execute(async (trx) => {
      await trx.updateTable('assets').set({ ...fieldsToRow(after, classificationId), updated_at: ctx.clock.now().toISOString() }).where('id', '=', assetId).where('organization_id', '=', access.organizationId).execute();
      await refreshStoredGaps(trx, access.organizationId, { assetIds: [assetId] });
      await recordEvent(ctx, trx, actor, { type: 'asset.updated', organizationId: access.organizationId, subjectType: 'asset', subjectId: assetId, changes });
    })
    .catch(uniqueRefError);
  return getAsset(ctx, access, assetId);
}

export async function deleteAsset(ctx: AppContext, access: OrgAccess, actor: AuditActor, assetId: string): Promise<void> {
  const row = await loadRow(ctx, access, assetId);
  await repo.assetDb(ctx.database.db).transaction().execute(async (trx) => {
    // Flows into the asset go with it, which can change their sources' gaps.
    const sources = await trx.selectFrom('data_flows').select('source_asset_id').where('organization_id', '=', access.organizationId).where('target_asset_id', '=', assetId).execute();
    // Dependencies and flows of the asset go with it (their own history stays in the audit trail).
    await trx.deleteFrom('assets').where('id', '=', assetId).where('organization_id', '=', access.organizationId).execute();
    await refreshStoredGaps(trx, access.organizationId, { assetIds: sources.map((f) => f.source_asset_id).filter((id) => id !== assetId) });
    await recordEvent(ctx, trx, actor, { type: 'asset.deleted', organizationId: access.organizationId, subjectType: 'asset', subjectId: assetId, changes: { name: row.name, type: row.type, externalRef: row.external_ref } });
  });
}

/** Change the owner and/or classification of many assets at once; one audit event per changed asset. */
export async function bulkUpdate(ctx: AppContext, access: OrgAccess, actor: AuditActor, input: TBulkUpdateAssetsRequest): Promise<{ updated: number }> {
  const classificationId = input.classificationId !== undefined ? await checkClassification(ctx, access, input.classificationId) : undefined;
  const db = repo.assetDb(ctx.database.db);
  const ids = [...new Set(input.assetIds)];
  const rows = await db.selectFrom('assets').select(['id', 'owner', 'classification_id']).where('organization_id', '=', access.organizationId).where('id', 'in', ids).execute();
  if (rows.length !== ids.length) throw fieldError('body.assetIds', 'contains assets that are not in this organization');
  const now = ctx.clock.now().toISOString();
  const events = rows.flatMap((row) => {
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (input.owner !== undefined && (input.owner || null) !== row.owner) changes.owner = { from: row.owner, to: input.owner || null };
    if (classificationId !== undefined && classificationId !== row.classification_id) changes.classificationId = { from: row.classification_id, to: classificationId };
    return Object.keys(changes).length ? [{ type: 'asset.updated' as const, subjectType: 'asset', subjectId: row.id, changes: { ...changes, bulk: true } }] : [];
  });
  if (events.length === 0) return { updated: 0 };
  await db.transaction().execute(async (trx) => {
    const patch: Partial<AssetsTable> = { updated_at: now };
    if (input.owner !== undefined) patch.owner = input.owner || null;
    if (classificationId !== undefined) patch.classification_id = classificationId;
    await trx.updateTable('assets').set(patch).where('organization_id', '=', access.organizationId).where('id', 'in', events.map((e) => e.subjectId)).execute();
    await refreshStoredGaps(trx, access.organizationId, { assetIds: events.map((e) => e.subjectId) });
    await appendAuditEvents(trx, actor, access.organizationId, events, { clock: ctx.clock });
  });
  return { updated: events.length };
}

