/**
 * ePHI and other data flows (A.5.14 information transfer; GDPR Art. 30(1)(d)–(e) recipients and
 * transfers; 45 CFR 164.308(b)(1) business associate contracts, 164.312(e)(1) transmission security).
 * A flow goes from an asset to another asset or to an external party; "leaves the organization" is derived.
 */
import type { z } from 'zod';
import type { TDataFlowFields, ZDataFlow } from '../../../shared/contracts/assets.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { fieldError, notFound } from '../../kernel/errors.js';
import { criticalityLabel } from './asset-derived.js';
import { assetDb } from './asset.repository.js';
import type { DataFlowsTable } from './asset.tables.js';
import { refreshStoredGaps } from './asset-gaps.js';

type Flow = z.input<typeof ZDataFlow>;

function flowQuery(ctx: AppContext, orgId: string) {
  return assetDb(ctx.database.db)
    .selectFrom('data_flows as f')
    .innerJoin('assets as s', 's.id', 'f.source_asset_id')
    .leftJoin('assets as t', 't.id', 'f.target_asset_id')
    .selectAll('f')
    .select(['s.name as source_name', 't.name as target_name', 's.criticality as source_criticality', 's.handles_ephi as source_ephi', 't.criticality as target_criticality', 't.handles_ephi as target_ephi'])
    .where('f.organization_id', '=', orgId);
}

type FlowRow = DataFlowsTable & { source_name: string; target_name: string | null; source_criticality: number; source_ephi: number; target_criticality: number | null; target_ephi: number | null };

function present(row: FlowRow): Flow {
  return {
    id: row.id,
    sourceAssetId: row.source_asset_id,
    sourceName: row.source_name,
    targetAssetId: row.target_asset_id,
    targetName: row.target_name,
    externalParty: row.external_party,
    purpose: row.purpose,
    dataCategories: JSON.parse(row.data_categories) as Flow['dataCategories'],
    transportEncrypted: row.transport_encrypted === 1,
    agreementReference: row.agreement_reference,
    leavesOrganization: row.target_asset_id === null,
    sourceCriticality: criticalityLabel(row.source_criticality),
    sourceHandlesEphi: row.source_ephi === 1,
    targetCriticality: row.target_criticality === null ? null : criticalityLabel(row.target_criticality),
    targetHandlesEphi: row.target_ephi === null ? null : row.target_ephi === 1,
    createdAt: row.created_at,
  };
}

export async function listFlows(ctx: AppContext, access: OrgAccess, query: { assetId?: string; ephiOnly: 'yes' | 'no'; limit: number }) {
  let q = flowQuery(ctx, access.organizationId);
  if (query.assetId) q = q.where((eb) => eb.or([eb('f.source_asset_id', '=', query.assetId!), eb('f.target_asset_id', '=', query.assetId!)]));
  if (query.ephiOnly === 'yes') q = q.where('f.has_ephi', '=', 1);
  const rows = await q.orderBy('s.name_lower').orderBy('f.id').limit(query.limit).execute();
  return { items: rows.map(present), total: rows.length };
}

async function checkEnds(ctx: AppContext, access: OrgAccess, input: TDataFlowFields): Promise<void> {
  const ids = [input.sourceAssetId, ...(input.targetAssetId ? [input.targetAssetId] : [])];
  const found = await assetDb(ctx.database.db).selectFrom('assets').select('id').where('organization_id', '=', access.organizationId).where('id', 'in', ids).execute();
  if (!found.some((a) => a.id === input.sourceAssetId)) throw fieldError('body.sourceAssetId', 'is not an asset of this organization');
  if (input.targetAssetId && !found.some((a) => a.id === input.targetAssetId)) throw fieldError('body.targetAssetId', 'is not an asset of this organization');
  if (input.targetAssetId === input.sourceAssetId) throw fieldError('body.targetAssetId', 'must differ from the source');
}

function toRow(input: TDataFlowFields) {
  return {
    source_asset_id: input.sourceAssetId,
    target_asset_id: input.targetAssetId ?? null,
    external_party: input.targetAssetId ? null : (input.externalParty ?? null),
    purpose: input.purpose,
    data_categories: JSON.stringify([...new Set(input.dataCategories)]),
    has_ephi: input.dataCategories.includes('ephi') ? 1 : 0,
    transport_encrypted: input.transportEncrypted ? 1 : 0,
    agreement_reference: input.agreementReference || null,
  };
}

async function getFlow(ctx: AppContext, access: OrgAccess, flowId: string): Promise<Flow> {
  const row = await flowQuery(ctx, access.organizationId).where('f.id', '=', flowId).executeTakeFirst();
  if (!row) throw notFound('data flow');
  return present(row);
}

export async function createFlow(ctx: AppContext, access: OrgAccess, actor: AuditActor, input: TDataFlowFields): Promise<Flow> {
  await checkEnds(ctx, access, input);
  const id = newId();
  const now = ctx.clock.now().toISOString();
  await assetDb(ctx.database.db).transaction().execute(async (trx) => {
    await trx.insertInto('data_flows').values({ ...toRow(input), id, organization_id: access.organizationId, created_at: now, updated_at: now }).execute();
    await refreshStoredGaps(trx, access.organizationId, { assetIds: [input.sourceAssetId] });
    await recordEvent(ctx, trx, actor, { type: 'data_flow.created', organizationId: access.organizationId, subjectType: 'data_flow', subjectId: id, changes: { ...input } });
  });
  return getFlow(ctx, access, id);
}

export async function updateFlow(ctx: AppContext, access: OrgAccess, actor: AuditActor, flowId: string, input: TDataFlowFields): Promise<Flow> {
  const before = await getFlow(ctx, access, flowId);
  await checkEnds(ctx, access, input);
  await assetDb(ctx.database.db).transaction().execute(async (trx) => {
    await trx.updateTable('data_flows').set({ ...toRow(input), updated_at: ctx.clock.now().toISOString() }).where('id', '=', flowId).where('organization_id', '=', access.organizationId).execute();
    await refreshStoredGaps(trx, access.organizationId, { assetIds: [before.sourceAssetId, input.sourceAssetId] });
    await recordEvent(ctx, trx, actor, { type: 'data_flow.updated', organizationId: access.organizationId, subjectType: 'data_flow', subjectId: flowId, changes: { before, after: input } });
  });
  return getFlow(ctx, access, flowId);
}

export async function deleteFlow(ctx: AppContext, access: OrgAccess, actor: AuditActor, flowId: string): Promise<void> {
  const before = await getFlow(ctx, access, flowId);
  await assetDb(ctx.database.db).transaction().execute(async (trx) => {
    await trx.deleteFrom('data_flows').where('id', '=', flowId).where('organization_id', '=', access.organizationId).execute();
    await refreshStoredGaps(trx, access.organizationId, { assetIds: [before.sourceAssetId] });
    await recordEvent(ctx, trx, actor, { type: 'data_flow.deleted', organizationId: access.organizationId, subjectType: 'data_flow', subjectId: flowId, changes: { before } });
  });
}
