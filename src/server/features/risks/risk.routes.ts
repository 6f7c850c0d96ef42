/** The risk register (6.1.2, 8.2): list, create, read, change, remove, "create from gap", heat map and trends — the HTTP routes. */
import { ZOk, ZOrgParams, ZPage } from '../../../shared/contracts/common.js';
import {
  ZCreateRiskRequest,
  ZRiskDetail,
  ZRiskDraft,
  ZRiskFromGapQuery,
  ZRiskHeatmap,
  ZRiskHeatmapQuery,
  ZRiskListQuery,
  ZRiskParams,
  ZRiskSummary,
  ZRiskTrend,
  ZRiskTrendQuery,
  ZUpdateRiskRequest,
} from '../../../shared/contracts/risks.js';
import { defineRoute, type AnyRouteDef } from '../../kernel/http/route.js';
import { riskDraftFromGap } from './risk-from-gap.service.js';
import { getHeatmap } from './risk-heatmap.service.js';
import { getTrends } from './risk-snapshots.js';
import * as risks from './risk.service.js';

const tags = ['risks'];
const base = '/api/v1/orgs/:orgId/risks';

export const riskRoutes: AnyRouteDef[] = [
  defineRoute({
    method: 'GET', url: base, operationId: 'risks.list', summary: 'The risk register, paged, filtered and sorted (at a group, optionally with its sites)', access: 'risk.read', tags,
    params: ZOrgParams, query: ZRiskListQuery, response: ZPage(ZRiskSummary),
    handler: ({ app, call, query }) => risks.listRisks(app, call.org!, call.principal, query),
  }),
  defineRoute({
    method: 'POST', url: base, operationId: 'risks.create', summary: 'Add a risk scenario with its assessments under the method in force', access: 'risk.write', tags,
    params: ZOrgParams, body: ZCreateRiskRequest, response: ZRiskDetail, successStatus: 201,
    handler: ({ app, call, body }) => risks.createRisk(app, call.org!, call.actor, body),
  }),
  defineRoute({
    method: 'GET', url: `${base}/from-gap`, operationId: 'risks.draftFromGap', summary: 'A risk scenario pre-filled from a gap of the asset register (nothing is saved)', access: 'risk.write', tags,
    params: ZOrgParams, query: ZRiskFromGapQuery, response: ZRiskDraft,
    handler: ({ app, call, query }) => riskDraftFromGap(app, call.org!, query),
  }),
  defineRoute({
    method: 'GET', url: `${base}/heatmap`, operationId: 'risks.heatmap', summary: 'Risks per likelihood × impact cell and per level at a stage, filtered', access: 'risk.read', tags,
    params: ZOrgParams, query: ZRiskHeatmapQuery, response: ZRiskHeatmap,
    handler: ({ app, call, query }) => getHeatmap(app, call.org!, call.principal, query),
  }),
  defineRoute({
    method: 'GET', url: `${base}/trends`, operationId: 'risks.trends', summary: 'Open risks per level at each monthly snapshot, and now', access: 'risk.read', tags,
    params: ZOrgParams, query: ZRiskTrendQuery, response: ZRiskTrend,
    handler: ({ app, call, query }) => getTrends(app, call.org!, query),
  }),
  defineRoute({
    method: 'GET', url: `${base}/:riskId`, operationId: 'risks.get', summary: 'One risk with its assessments, assets, controls, acceptance state and abilities', access: 'risk.read', tags,
    params: ZRiskParams, response: ZRiskDetail,
    handler: ({ app, call, params }) => risks.getRisk(app, call.org!, call.actor.userId, params.riskId),
  }),
  defineRoute({
    method: 'PATCH', url: `${base}/:riskId`, operationId: 'risks.update', summary: 'Change a risk (send the version you read; 409 if it changed meanwhile)', access: 'risk.write', tags,
    params: ZRiskParams, body: ZUpdateRiskRequest, response: ZRiskDetail,
    handler: ({ app, call, params, body }) => risks.updateRisk(app, call.org!, call.actor, params.riskId, body),
  }),
  defineRoute({
    method: 'DELETE', url: `${base}/:riskId`, operationId: 'risks.delete', summary: 'Remove a risk (refused once it has an acceptance on record: close it instead)', access: 'risk.write', tags,
    params: ZRiskParams, response: ZOk,
    handler: async ({ app, call, params }) => { await risks.deleteRisk(app, call.org!, call.actor, params.riskId); return { ok: true as const }; },
  }),
];
