/** Frameworks catalogue, requirement browser, crosswalk and OSCAL import routes. */
import { ZOrgParams } from '../../../shared/contracts/common.js';
import {
  ZFramework,
  ZFrameworkDeleted,
  ZFrameworkList,
  ZFrameworkParams,
  ZOscalImportQuery,
  ZOscalImportResult,
  ZRequirementDetail,
  ZRequirementListQuery,
  ZRequirementPage,
  ZRequirementParams,
} from '../../../shared/contracts/frameworks.js';
import { AppError } from '../../kernel/errors.js';
import { defineRoute } from '../../kernel/http/route.js';
import * as frameworks from './framework.service.js';
import { deleteImportedFramework, importOscalCatalog } from './oscal-import.service.js';

const tags = ['frameworks'];
const base = '/api/v1/orgs/:orgId';

/** An OSCAL catalog is JSON; browsers may label a .json upload as octet-stream or plain text. */
const OSCAL_CONTENT_TYPES = ['application/json', 'application/octet-stream', 'text/plain'];

export const frameworkRoutes = [
  defineRoute({
    method: 'GET', url: `${base}/frameworks`, operationId: 'frameworks.list', summary: 'Frameworks visible to the organization (the built-in catalogue and its own imported catalogs), with counts', access: 'framework.read', tags,
    params: ZOrgParams, response: ZFrameworkList,
    handler: ({ app, call }) => frameworks.listFrameworks(app, call.org!),
  }),
  defineRoute({
    method: 'POST', url: `${base}/frameworks/import-oscal`, operationId: 'frameworks.importOscal', summary: 'Import an OSCAL catalog (JSON) as a framework of the organization', access: 'framework.import', tags,
    description:
      'The request body is the OSCAL catalog JSON file itself (application/json, application/octet-stream or text/plain), at most CUSTOS_IMPORT_LIMIT_MB (32 MB by default). ' +
      'It is validated against the OSCAL 1.2.1 catalog schema; a file that is not JSON or not a valid catalog is refused with 400 and `file: …` naming the instance path and schema path of the first errors, and nothing is written. ' +
      'Groups become `group` requirements, controls `control`, nested controls `enhancement`; withdrawn controls are skipped. The same key and version imported twice answers 409.',
    params: ZOrgParams, query: ZOscalImportQuery, response: ZOscalImportResult, successStatus: 201,
    fileUpload: { contentTypes: OSCAL_CONTENT_TYPES, limitBytes: (config) => config.importLimitBytes },
    handler: ({ app, call, query, request }) => {
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('validation_failed', 'file: is required as the request body', [{ path: 'file', message: 'is required as the request body' }]);
      return importOscalCatalog(app, call.org!, call.actor, { bytes: body, organizationId: call.org!.organizationId, key: query.key, filename: query.filename ?? null });
    },
  }),
  defineRoute({
    method: 'GET', url: `${base}/frameworks/:frameworkId`, operationId: 'frameworks.get', summary: 'One framework with its counts', access: 'framework.read', tags,
    params: ZFrameworkParams, response: ZFramework,
    handler: ({ app, call, params }) => frameworks.getFramework(app, call.org!, params.frameworkId),
  }),
  defineRoute({
    method: 'DELETE', url: `${base}/frameworks/:frameworkId`, operationId: 'frameworks.delete', summary: 'Remove an imported framework (refused while a control links to it)', access: 'framework.import', tags,
    params: ZFrameworkParams, response: ZFrameworkDeleted,
    handler: ({ app, call, params }) => deleteImportedFramework(app, call.org!, call.actor, params.frameworkId),
  }),
  defineRoute({
    method: 'GET', url: `${base}/frameworks/:frameworkId/requirements`, operationId: 'frameworks.requirements', summary: "A framework's requirements in tree order, paged, searchable (q on ref and title) and filtered by kind, theme or parent", access: 'framework.read', tags,
    params: ZFrameworkParams, query: ZRequirementListQuery, response: ZRequirementPage,
    handler: ({ app, call, params, query }) => frameworks.listRequirements(app, call.org!, params.frameworkId, query),
  }),
  defineRoute({
    method: 'GET', url: `${base}/frameworks/:frameworkId/crosswalk`, operationId: 'frameworks.exportCrosswalk', summary: "Download a framework's crosswalk as CSV (every link from or to it, with source and whether it is an official NIST mapping)", access: 'framework.read', tags,
    params: ZFrameworkParams, produces: 'text/csv',
    handler: async ({ app, call, params, reply }) => {
      const file = await frameworks.exportCrosswalk(app, call.org!, params.frameworkId);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
    },
  }),
  defineRoute({
    method: 'GET', url: `${base}/requirements/:requirementId`, operationId: 'frameworks.requirement', summary: 'One requirement with its text, parent path, children and crosswalk links in both directions', access: 'framework.read', tags,
    params: ZRequirementParams, response: ZRequirementDetail,
    handler: ({ app, call, params }) => frameworks.getRequirement(app, call.org!, params.requirementId),
  }),
];
