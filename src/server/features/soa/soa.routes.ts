/** Statement of Applicability routes (ISO/IEC 27001:2022 6.1.3 d): rows, versions, approval, comparison, exports, group view. */
import { z } from 'zod';
import { ZOrgParams } from '../../../shared/contracts/common.js';
import {
  ZApproveSoaRequest,
  ZBulkApplicableRequest,
  ZPublishSoaRequest,
  ZSoaDiff,
  ZSoaDiffQuery,
  ZSoaEntryParams,
  ZSoaExportQuery,
  ZSoaList,
  ZSoaListQuery,
  ZSoaRow,
  ZSoaSiteMatrix,
  ZSoaVersion,
  ZSoaVersionList,
  ZSoaVersionParams,
  ZSoaVersionSummary,
  ZUpdateSoaEntryRequest,
} from '../../../shared/contracts/soa.js';
import { defineRoute } from '../../kernel/http/route.js';
import { exportSoa } from './soa-export.service.js';
import { siteMatrix } from './soa-sites.service.js';
import * as versions from './soa-version.service.js';
import * as soa from './soa.service.js';

const tags = ['soa'];
const base = '/api/v1/orgs/:orgId/soa';

export const soaRoutes = [
  defineRoute({
    method: 'GET', url: base, operationId: 'soa.list', summary: 'The Statement of Applicability: one row per Annex A control with its derived status, filtered', access: 'soa.read', tags,
    params: ZOrgParams, query: ZSoaListQuery, response: ZSoaList,
    handler: ({ app, call, query }) => soa.listSoa(app, call.org!, query),
  }),
  defineRoute({
    method: 'GET', url: `${base}/entries/:ref`, operationId: 'soa.get', summary: 'One SoA row by its Annex A reference', access: 'soa.read', tags,
    params: ZSoaEntryParams, response: ZSoaRow,
    handler: ({ app, call, params }) => soa.getRow(app, call.org!, params.ref),
  }),
  defineRoute({
    method: 'PATCH', url: `${base}/entries/:ref`, operationId: 'soa.update', summary: 'Change one SoA row (exclusion needs a justification; an override needs a reason)', access: 'soa.write', tags,
    params: ZSoaEntryParams, body: ZUpdateSoaEntryRequest, response: ZSoaRow,
    handler: ({ app, call, params, body }) => soa.updateEntry(app, call.org!, call.actor, params.ref, body),
  }),
  defineRoute({
    method: 'POST', url: `${base}/mark-applicable`, operationId: 'soa.markApplicable', summary: 'Mark many Annex A controls applicable with the same inclusion reasons', access: 'soa.write', tags,
    params: ZOrgParams, body: ZBulkApplicableRequest, response: z.object({ updated: z.number().int() }),
    handler: ({ app, call, body }) => soa.markApplicable(app, call.org!, call.actor, body),
  }),
  defineRoute({
    method: 'GET', url: `${base}/versions`, operationId: 'soa.listVersions', summary: 'Published SoA versions, newest first', access: 'soa.read', tags,
    params: ZOrgParams, response: ZSoaVersionList,
    handler: ({ app, call }) => versions.listVersions(app, call.org!),
  }),
  defineRoute({
    method: 'POST', url: `${base}/versions`, operationId: 'soa.publish', summary: 'Publish a version: freeze every row as shown, with its SHA-256', access: 'soa.write', tags,
    params: ZOrgParams, body: ZPublishSoaRequest, response: ZSoaVersionSummary, successStatus: 201,
    handler: ({ app, call, body }) => versions.publishVersion(app, call.org!, call.actor, body),
  }),
  defineRoute({
    method: 'GET', url: `${base}/versions/:number`, operationId: 'soa.getVersion', summary: 'One published version with its frozen rows', access: 'soa.read', tags,
    params: ZSoaVersionParams, response: ZSoaVersion,
    handler: ({ app, call, params }) => versions.getVersion(app, call.org!, params.number),
  }),
  defineRoute({
    method: 'POST', url: `${base}/versions/:number/approve`, operationId: 'soa.approve', summary: 'Approve the latest version (top management; not its publisher; once)', access: 'soa.approve', tags,
    params: ZSoaVersionParams, body: ZApproveSoaRequest, response: ZSoaVersionSummary,
    handler: ({ app, call, params, body }) => versions.approveVersion(app, call.org!, call.actor, params.number, body),
  }),
  defineRoute({
    method: 'GET', url: `${base}/diff`, operationId: 'soa.diff', summary: 'Compare two versions, or a version and the current draft (default: last published vs current)', access: 'soa.read', tags,
    params: ZOrgParams, query: ZSoaDiffQuery, response: ZSoaDiff,
    handler: ({ app, call, query }) => versions.diffVersions(app, call.org!, query),
  }),
  defineRoute({
    method: 'GET', url: `${base}/export`, operationId: 'soa.export', summary: 'Download the SoA (draft or a published version) as XLSX or PDF', access: 'soa.read', tags,
    description: 'Without `version`, the current draft; with it, exactly the frozen snapshot of that version. The export is recorded in the audit trail.',
    params: ZOrgParams, query: ZSoaExportQuery, produces: 'application/octet-stream',
    handler: async ({ app, call, query, reply }) => {
      const file = await exportSoa(app, call.org!, call.actor, query);
      return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
    },
  }),
  defineRoute({
    method: 'GET', url: `${base}/sites`, operationId: 'soa.sites', summary: 'Group view: each site\'s effective status per Annex A control (inherited group controls count)', access: 'soa.read', tags,
    params: ZOrgParams, response: ZSoaSiteMatrix,
    handler: ({ app, call }) => siteMatrix(app, call.org!, call.principal),
  }),
];
