/** The control register, its links, evidence and the starter library: the HTTP routes. */
import { ZOk, ZOrgParams, ZPage } from '../../../shared/contracts/common.js';
import {
  EVIDENCE_CONTENT_TYPES,
  ZAddEvidenceLinkRequest,
  ZAdoptStarterResult,
  ZAssetLinkParams,
  ZControlDetail,
  ZControlListQuery,
  ZControlParams,
  ZControlSummary,
  ZCreateControlRequest,
  ZEvidence,
  ZEvidenceParams,
  ZEvidenceVerifyReport,
  ZLinkAssetsRequest,
  ZLinkRequirementsRequest,
  ZRequirementLinkParams,
  ZRequirementOptions,
  ZRequirementOptionsQuery,
  ZStarterLibrary,
  ZUpdateControlRequest,
  ZUploadEvidenceQuery,
} from '../../../shared/contracts/controls.js';
import { fieldError } from '../../kernel/errors.js';
import { defineRoute } from '../../kernel/http/route.js';
import * as controls from './control.service.js';
import { contentDisposition, TEXT_DECLARED_TYPES } from './evidence-sniff.js';
import { evidenceSettings } from './evidence-store.js';
import * as evidence from './evidence.service.js';
import { adoptStarterLibrary, describeStarterLibrary } from './starter-library.js';

const tags = ['controls'];
const base = '/api/v1/orgs/:orgId/controls';

/**
 * Content types an evidence upload reaches the service with: the accepted ones, octet-stream, and the
 * refused kinds browsers commonly send, so those get a 415 naming what was detected.
 */
export const EVIDENCE_UPLOAD_TYPES = [...new Set([
  ...Object.keys(EVIDENCE_CONTENT_TYPES),
  ...Object.keys(TEXT_DECLARED_TYPES),
  'application/octet-stream',
  'text/html',
  'image/svg+xml',
  'application/xml',
  'text/xml',
  'application/javascript',
  'text/javascript',
  'application/x-msdownload',
  'application/x-executable',
  'application/x-sh',
  'application/zip',
  'application/x-zip-compressed',
  'application/msword',
  'application/vnd.ms-excel',
])];

export const controlRoutes = [
  defineRoute({
    method: 'GET', url: base, operationId: 'controls.list', summary: 'The control register, paged, filtered and sorted (with inherited group controls)', access: 'control.read', tags,
    params: ZOrgParams, query: ZControlListQuery, response: ZPage(ZControlSummary),
    handler: ({ app, call, query }) => controls.listControls(app, call.org!, query),
  }),
  defineRoute({
    method: 'POST', url: base, operationId: 'controls.create', summary: 'Add a control', access: 'control.write', tags,
    params: ZOrgParams, body: ZCreateControlRequest, response: ZControlDetail, successStatus: 201,
    handler: ({ app, call, body }) => controls.createControl(app, call.org!, call.actor, body),
  }),
  defineRoute({
    method: 'GET', url: `${base}/requirement-options`, operationId: 'controls.requirementOptions', summary: 'Requirements a control can be linked to (built-in and imported frameworks), searchable', access: 'control.read', tags,
    params: ZOrgParams, query: ZRequirementOptionsQuery, response: ZRequirementOptions,
    handler: ({ app, call, query }) => controls.requirementOptions(app, call.org!, query),
  }),
  defineRoute({
    method: 'GET', url: `${base}/starter-library`, operationId: 'controls.starterLibrary', summary: 'The healthcare starter library and which of its controls are adopted', access: 'control.read', tags,
    params: ZOrgParams, response: ZStarterLibrary,
    handler: ({ app, call }) => describeStarterLibrary(app, call.org!),
  }),
  defineRoute({
    method: 'POST', url: `${base}/adopt-starter`, operationId: 'controls.adoptStarter', summary: 'Adopt the healthcare starter library (adds only the controls not adopted yet)', access: 'control.write', tags,
    params: ZOrgParams, response: ZAdoptStarterResult,
    handler: ({ app, call }) => adoptStarterLibrary(app, call.org!, call.actor),
  }),
  defineRoute({
    method: 'GET', url: `${base}/evidence-integrity`, operationId: 'controls.verifyEvidence', summary: 'Re-hash every evidence file of the organization and report missing or altered files', access: 'audit.verify', tags,
    description: 'The same check as `custos evidence verify`: each file is read from its store, decrypted and its SHA-256 compared with the one recorded at upload.',
    params: ZOrgParams, response: ZEvidenceVerifyReport,
    handler: ({ app, call }) => evidence.verifyOrganizationEvidence(app, call.org!.organizationId),
  }),
  defineRoute({
    method: 'GET', url: `${base}/:controlId`, operationId: 'controls.get', summary: 'One control with its requirements, assets and evidence', access: 'control.read', tags,
    params: ZControlParams, response: ZControlDetail,
    handler: ({ app, call, params }) => controls.getControl(app, call.org!, params.controlId),
  }),
  defineRoute({
    method: 'PATCH', url: `${base}/:controlId`, operationId: 'controls.update', summary: 'Change a control (send the version you read; 409 if it changed meanwhile)', access: 'control.write', tags,
    params: ZControlParams, body: ZUpdateControlRequest, response: ZControlDetail,
    handler: ({ app, call, params, body }) => controls.updateControl(app, call.org!, call.actor, params.controlId, body),
  }),
  defineRoute({
    method: 'DELETE', url: `${base}/:controlId`, operationId: 'controls.delete', summary: 'Remove a control with its links and evidence (its history stays in the audit trail)', access: 'control.write', tags,
    params: ZControlParams, response: ZOk,
    handler: async ({ app, call, params }) => { await controls.deleteControl(app, call.org!, call.actor, params.controlId); return { ok: true as const }; },
  }),
  defineRoute({
    method: 'POST', url: `${base}/:controlId/requirements`, operationId: 'controls.linkRequirements', summary: 'Link the control to requirements of any framework', access: 'control.write', tags,
    params: ZControlParams, body: ZLinkRequirementsRequest, response: ZControlDetail,
    handler: ({ app, call, params, body }) => controls.linkRequirements(app, call.org!, call.actor, params.controlId, body.requirementIds),
  }),
  defineRoute({
    method: 'DELETE', url: `${base}/:controlId/requirements/:requirementId`, operationId: 'controls.unlinkRequirement', summary: 'Unlink a requirement from the control', access: 'control.write', tags,
    params: ZRequirementLinkParams, response: ZControlDetail,
    handler: ({ app, call, params }) => controls.unlinkRequirement(app, call.org!, call.actor, params.controlId, params.requirementId),
  }),
  defineRoute({
    method: 'POST', url: `${base}/:controlId/assets`, operationId: 'controls.linkAssets', summary: 'Link the control to assets of the organization', access: 'control.write', tags,
    params: ZControlParams, body: ZLinkAssetsRequest, response: ZControlDetail,
    handler: ({ app, call, params, body }) => controls.linkAssets(app, call.org!, call.actor, params.controlId, body.assetIds),
  }),
  defineRoute({
    method: 'DELETE', url: `${base}/:controlId/assets/:assetId`, operationId: 'controls.unlinkAsset', summary: 'Unlink an asset from the control', access: 'control.write', tags,
    params: ZAssetLinkParams, response: ZControlDetail,
    handler: ({ app, call, params }) => controls.unlinkAsset(app, call.org!, call.actor, params.controlId, params.assetId),
  }),
  defineRoute({
    method: 'POST', url: `${base}/:controlId/evidence/file`, operationId: 'controls.uploadEvidence', summary: 'Upload an evidence file (encrypted at rest, SHA-256 recorded)', access: 'control.write', tags,
    description:
      'The request body is the file itself, with its real content type (or application/octet-stream), at most CUSTOS_EVIDENCE_LIMIT_MB (25 MB by default; larger: 413). ' +
      'The content is sniffed from its first bytes: PDF, PNG, JPEG, GIF, WebP, DOCX, XLSX, PPTX and UTF-8 text, CSV or JSON are accepted; executables, HTML, SVG, XML, ' +
      'archives and macro-enabled or legacy Office files are refused with 415 naming the detected type, as is a declared type that disagrees with the content.',
    params: ZControlParams, query: ZUploadEvidenceQuery, response: ZEvidence, successStatus: 201,
    fileUpload: { contentTypes: EVIDENCE_UPLOAD_TYPES, limitBytes: (config) => evidenceSettings(config).limitBytes },
    handler: ({ app, call, params, query, request }) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw fieldError('file', 'is required as the request body');
      return evidence.uploadEvidenceFile(app, call.org!, call.actor, params.controlId, { bytes: body, declaredType: request.headers['content-type'], fileName: query.fileName, title: query.title, expiresOn: query.expiresOn });
    },
  }),
  defineRoute({
    method: 'POST', url: `${base}/:controlId/evidence/link`, operationId: 'controls.addEvidenceLink', summary: 'Add a link (https) as evidence', access: 'control.write', tags,
    params: ZControlParams, body: ZAddEvidenceLinkRequest, response: ZEvidence, successStatus: 201,
    handler: ({ app, call, params, body }) => evidence.addEvidenceLink(app, call.org!, call.actor, params.controlId, body),
  }),
  defineRoute({
    method: 'GET', url: `${base}/:controlId/evidence/:evidenceId/download`, operationId: 'controls.downloadEvidence', summary: 'Download an evidence file (decrypted and its SHA-256 verified first)', access: 'control.read', tags,
    description: 'Sent as an attachment with X-Content-Type-Options: nosniff and the verified hash in X-Content-SHA256. A file that fails its integrity check is never sent (500 with an explanation).',
    params: ZEvidenceParams, produces: 'application/octet-stream',
    handler: async ({ app, call, params, reply }) => {
      const file = await evidence.downloadEvidence(app, call.org!, params.controlId, params.evidenceId);
      return reply
        .type(file.contentType)
        .header('content-disposition', contentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('x-content-sha256', file.sha256)
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(file.bytes);
    },
  }),
  defineRoute({
    method: 'DELETE', url: `${base}/:controlId/evidence/:evidenceId`, operationId: 'controls.removeEvidence', summary: 'Remove evidence (the file is deleted from the store)', access: 'control.write', tags,
    params: ZEvidenceParams, response: ZOk,
    handler: async ({ app, call, params }) => { await evidence.removeEvidence(app, call.org!, call.actor, params.controlId, params.evidenceId); return { ok: true as const }; },
  }),
];

