/** Asset register, dependencies, data flows, classification scheme and gaps routes. */
import { z } from 'zod';
import {
  ZAddDependencyRequest,
  ZAsset,
  ZAssetListQuery,
  ZAssetParams,
  ZBulkUpdateAssetsRequest,
  ZClassificationFields,
  ZClassificationList,
  ZClassificationParams,
  ZCreateAssetRequest,
  ZDataFlow,
  ZDataFlowFields,
  ZDataFlowList,
  ZDataFlowListQuery,
  ZDataFlowParams,
  ZDependencies,
  ZDependencyParams,
  ZGap,
  ZGapListQuery,
  ZGapSummary,
  ZUpdateAssetRequest,
} from '../../../shared/contracts/assets.js';
import { ZOk, ZOrgParams, ZPage } from '../../../shared/contracts/common.js';
import { defineRoute } from '../../kernel/http/route.js';
import * as assets from './asset.service.js';
import * as classification from './classification.service.js';
import * as flows from './data-flow.service.js';
import * as dependencies from './dependency.service.js';
import * as gaps from './gap.service.js';

const tags = ['assets'];
const base = '/api/v1/orgs/:orgId';

export const assetRoutes = [
  defineRoute({
    method: 'GET', url: `${base}/assets`, operationId: 'assets.list', summary: 'The asset register, paged, filtered and sorted', access: 'asset.read', tags,
    params: ZOrgParams, query: ZAssetListQuery, response: ZPage(ZAsset),
    handler: ({ app, call, query }) => assets.listAssets(app, call.org!, call.principal!, query),
  }),
  defineRoute({
    method: 'POST', url: `${base}/assets`, operationId: 'assets.create', summary: 'Add an asset', access: 'asset.write', tags,
    params: ZOrgParams, body: ZCreateAssetRequest, response: ZAsset, successStatus: 201,
    handler: ({ app, call, body }) => assets.createAsset(app, call.org!, call.actor, body),
  }),
  defineRoute({
    method: 'POST', url: `${base}/assets/bulk-update`, operationId: 'assets.bulkUpdate', summary: 'Change the owner or classification of many assets', access: 'asset.write', tags,
    params: ZOrgParams, body: ZBulkUpdateAssetsRequest, response: z.object({ updated: z.number().int() }),
    handler: ({ app, call, body }) => assets.bulkUpdate(app, call.org!, call.actor, body),
  }),
  defineRoute({
    method: 'GET', url: `${base}/assets/:assetId`, operationId: 'assets.get', summary: 'One asset with its derived criticality, ePHI role and gap count', access: 'asset.read', tags,
    params: ZAssetParams, response: ZAsset,
    handler: ({ app, call, params }) => assets.getAsset(app, call.org!, params.assetId),
  }),
  defineRoute({
    method: 'PATCH', url: `${base}/assets/:assetId`, operationId: 'assets.update', summary: 'Change an asset', access: 'asset.write', tags,
    params: ZAssetParams, body: ZUpdateAssetRequest, response: ZAsset,
    handler: ({ app, call, params, body }) => assets.updateAsset(app, call.org!, call.actor, params.assetId, body),
  }),
  defineRoute({
    method: 'DELETE', url: `${base}/assets/:assetId`, operationId: 'assets.delete', summary: 'Remove an asset (its history stays in the audit trail)', access: 'asset.write', tags,
    params: ZAssetParams, response: ZOk,
    handler: async ({ app, call, params }) => { await assets.deleteAsset(app, call.org!, call.actor, params.assetId); return { ok: true as const }; },
  }),
  defineRoute({
    method: 'GET', url: `${base}/assets/:assetId/dependencies`, operationId: 'assets.listDependencies', summary: 'What the asset depends on, and what depends on it', access: 'asset.read', tags,
    params: ZAssetParams, response: ZDependencies,
    handler: ({ app, call, params }) => dependencies.listDependencies(app, call.org!, params.assetId),
  }),
  defineRoute({
    method: 'POST', url: `${base}/assets/:assetId/dependencies`, operationId: 'assets.addDependency', summary: 'Record that the asset depends on another (cycles are refused)', access: 'asset.write', tags,
    params: ZAssetParams, body: ZAddDependencyRequest, response: ZDependencies, successStatus: 201,
    handler: ({ app, call, params, body }) => dependencies.addDependency(app, call.org!, call.actor, params.assetId, body.dependsOnId),
  }),
  defineRoute({
    method: 'DELETE', url: `${base}/assets/:assetId/dependencies/:dependencyId`, operationId: 'assets.removeDependency', summary: 'Remove a dependency', access: 'asset.write', tags,
    params: ZDependencyParams, response: ZDependencies,
    handler: ({ app, call, params }) => dependencies.removeDependency(app, call.org!, call.actor, params.assetId, params.dependencyId),
  }),
  defineRoute({
    method: 'GET', url: `${base}/data-flows`, operationId: 'dataFlows.list', summary: 'Data flows between assets and to external parties', access: 'asset.read', tags,
    params: ZOrgParams, query: ZDataFlowListQuery, response: ZDataFlowList,
    handler: ({ app, call, query }) => flows.listFlows(app, call.org!, query),
  }),
  defineRoute({
    method: 'POST', url: `${base}/data-flows`, operationId: 'dataFlows.create', summary: 'Record a data flow', access: 'asset.write', tags,
    params: ZOrgParams, body: ZDataFlowFields, response: ZDataFlow, successStatus: 201,
    handler: ({ app, call, body }) => flows.createFlow(app, call.org!, call.actor, body),
  }),
  defineRoute({
    method: 'PUT', url: `${base}/data-flows/:flowId`, operationId: 'dataFlows.update', summary: 'Change a data flow', access: 'asset.write', tags,
    params: ZDataFlowParams, body: ZDataFlowFields, response: ZDataFlow,
    handler: ({ app, call, params, body }) => flows.updateFlow(app, call.org!, call.actor, params.flowId, body),
  }),
  defineRoute({
    method: 'DELETE', url: `${base}/data-flows/:flowId`, operationId: 'dataFlows.delete', summary: 'Remove a data flow', access: 'asset.write', tags,
    params: ZDataFlowParams, response: ZOk,
    handler: async ({ app, call, params }) => { await flows.deleteFlow(app, call.org!, call.actor, params.flowId); return { ok: true as const }; },
  }),
  defineRoute({
    method: 'GET', url: `${base}/classification-levels`, operationId: 'classification.list', summary: 'The classification scheme and its handling rules', access: 'asset.read', tags,
    params: ZOrgParams, response: ZClassificationList,
    handler: ({ app, call }) => classification.listLevels(app, call.org!),
  }),
  defineRoute({
    method: 'POST', url: `${base}/classification-levels`, operationId: 'classification.create', summary: 'Add a classification level', access: 'classification.manage', tags,
    params: ZOrgParams, body: ZClassificationFields, response: ZClassificationList, successStatus: 201,
    handler: ({ app, call, body }) => classification.createLevel(app, call.org!, call.actor, body),
  }),
  defineRoute({
    method: 'PUT', url: `${base}/classification-levels/:levelId`, operationId: 'classification.update', summary: 'Change a level or its handling rules', access: 'classification.manage', tags,
    params: ZClassificationParams, body: ZClassificationFields, response: ZClassificationList,
    handler: ({ app, call, params, body }) => classification.updateLevel(app, call.org!, call.actor, params.levelId, body),
  }),
  defineRoute({
    method: 'DELETE', url: `${base}/classification-levels/:levelId`, operationId: 'classification.delete', summary: 'Remove a level that no asset uses', access: 'classification.manage', tags,
    params: ZClassificationParams, response: ZClassificationList,
    handler: ({ app, call, params }) => classification.deleteLevel(app, call.org!, call.actor, params.levelId),
  }),
  defineRoute({
    method: 'GET', url: `${base}/gaps/summary`, operationId: 'gaps.summary', summary: 'Gap counts per rule', access: 'asset.read', tags,
    params: ZOrgParams, response: ZGapSummary,
    handler: ({ app, call }) => gaps.gapSummary(app, call.org!),
  }),
  defineRoute({
    method: 'GET', url: `${base}/gaps`, operationId: 'gaps.list', summary: 'Gaps computed from the handling rules, by rule or asset', access: 'asset.read', tags,
    params: ZOrgParams, query: ZGapListQuery, response: ZPage(ZGap),
    handler: ({ app, call, query }) => gaps.listGaps(app, call.org!, query),
  }),
];
