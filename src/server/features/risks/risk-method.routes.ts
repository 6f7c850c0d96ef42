/** The organization's risk method (6.1.2 a–b) and its threat/vulnerability catalogue: the HTTP routes. */
import { z } from 'zod';
import { ZOk, ZOrgParams } from '../../../shared/contracts/common.js';
import {
  ZCatalogueEntry,
  ZCreateCatalogueEntryRequest,
  ZRemapPreviewRequest,
  ZRemapPreviewResponse,
  ZRiskCatalogue,
  ZRiskMethodVersion,
  ZRiskMethodVersionList,
  ZSaveRiskMethodRequest,
  ZSaveRiskMethodResult,
} from '../../../shared/contracts/risks.js';
import { ZId } from '../../../shared/contracts/common.js';
import { defineRoute, type AnyRouteDef } from '../../kernel/http/route.js';
import * as catalogue from './risk-catalogue.service.js';
import * as methods from './risk-method.service.js';

const tags = ['risks'];
const base = '/api/v1/orgs/:orgId';

export const riskMethodRoutes: AnyRouteDef[] = [
  defineRoute({
    method: 'GET', url: `${base}/risk-method`, operationId: 'riskMethod.get', summary: 'The risk method in force (scales, dimensions, aggregation, matrix, acceptance criteria, review cadence)', access: 'risk.read', tags,
    params: ZOrgParams, response: ZRiskMethodVersion,
    handler: ({ app, call }) => methods.getMethod(app, call.org!),
  }),
  defineRoute({
    method: 'GET', url: `${base}/risk-method/versions`, operationId: 'riskMethod.versions', summary: 'Every version of the risk method, newest first', access: 'risk.read', tags,
    params: ZOrgParams, response: ZRiskMethodVersionList,
    handler: ({ app, call }) => methods.listMethodVersions(app, call.org!),
  }),
  defineRoute({
    method: 'POST', url: `${base}/risk-method/preview`, operationId: 'riskMethod.preview', summary: 'Preview a method change: every stored assessment re-mapped, old and new values (paged)', access: 'risk.method', tags,
    description: 'Nothing is written. 409 when `baseVersion` is no longer the version in force. Rows whose `needsInput` is true must get an adjustment before the change can be saved.',
    params: ZOrgParams, body: ZRemapPreviewRequest, response: ZRemapPreviewResponse,
    handler: ({ app, call, body }) => methods.previewMethodChange(app, call.org!, body),
  }),
  defineRoute({
    method: 'POST', url: `${base}/risk-method/versions`, operationId: 'riskMethod.save', summary: 'Save a new method version and re-map every stored assessment (none is cleared)', access: 'risk.method', tags,
    description: 'One transaction: the new version, every assessment re-mapped proportionally or as adjusted, and the audit events. 400 naming each risk and stage that needs a value and has no adjustment; 409 when `baseVersion` is stale.',
    params: ZOrgParams, body: ZSaveRiskMethodRequest, response: ZSaveRiskMethodResult, successStatus: 201,
    handler: ({ app, call, body }) => methods.saveMethodVersion(app, call.org!, call.actor, body),
  }),
  defineRoute({
    method: 'GET', url: `${base}/risk-catalogue`, operationId: 'riskCatalogue.get', summary: 'Threats (HICP 2023), threat sources (NIST SP 800-30) and vulnerabilities, built-in and your own, with risk counts', access: 'risk.read', tags,
    params: ZOrgParams, response: ZRiskCatalogue,
    handler: ({ app, call }) => catalogue.getCatalogue(app, call.org!),
  }),
  defineRoute({
    method: 'POST', url: `${base}/risk-catalogue/entries`, operationId: 'riskCatalogue.addEntry', summary: "Add a threat, threat source or vulnerability to the organization's catalogue", access: 'risk.write', tags,
    params: ZOrgParams, body: ZCreateCatalogueEntryRequest, response: ZCatalogueEntry, successStatus: 201,
    handler: ({ app, call, body }) => catalogue.addCatalogueEntry(app, call.org!, call.actor, body),
  }),
  defineRoute({
    method: 'DELETE', url: `${base}/risk-catalogue/entries/:entryId`, operationId: 'riskCatalogue.removeEntry', summary: "Remove one of the organization's own catalogue entries (409 while a risk uses it)", access: 'risk.write', tags,
    params: z.object({ orgId: ZId, entryId: z.string().trim().min(1).max(120) }), response: ZOk,
    handler: async ({ app, call, params }) => { await catalogue.removeCatalogueEntry(app, call.org!, call.actor, params.entryId); return { ok: true as const }; },
  }),
];
