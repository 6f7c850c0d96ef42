/**
 * The breach side of an incident — HTTP routes: the breach assessment (45 CFR 164.402; GDPR Art. 4(12),
 * 33, 34), the obligations and their clocks (164.404–164.412), the open-clocks tile, the annual HHS log
 * (164.408(c)) and notification drafts (164.404(c), 164.406, 164.408; GDPR Art. 33(3)).
 */
import { z } from 'zod';
import { ZOrgParams } from '../../../shared/contracts/common.js';
import { ZDraftParams, ZIncidentNoticeParams } from '../../../shared/contracts/incident-notices.js';
import {
  ZBreachAssessment,
  ZBreachAssessmentRequest,
  ZCreateDraftRequest,
  ZHhsLog,
  ZHhsLogExportQuery,
  ZHhsLogQuery,
  ZIncidentObligations,
  ZNotificationDraft,
  ZOpenClockList,
  ZSendDraftRequest,
  ZUpdateDraftRequest,
} from '../../../shared/contracts/incidents.js';
import { defineRoute, type AnyRouteDef } from '../../kernel/http/route.js';
import { getAssessment, saveAssessment } from './breach-assessment.service.js';
import { exportHhsLog, getHhsLog } from './hhs-log.service.js';
import { getIncidentObligations, listOpenClocks } from './incident-clocks.service.js';
import * as drafts from './notification-drafts.service.js';

const tags = ['incidents'];
const base = '/api/v1/orgs/:orgId';
const incident = `${base}/incidents/:incidentId`;

export const breachRoutes: AnyRouteDef[] = [
  defineRoute({
    method: 'GET', url: `${incident}/assessment`, operationId: 'incidents.getAssessment', summary: 'The breach assessment of an incident and its HIPAA and GDPR conclusions (not_assessed when none)', access: 'incident.read', tags,
    params: ZIncidentNoticeParams, response: ZBreachAssessment,
    handler: ({ app, call, params }) => getAssessment(app, call.org!, params.incidentId),
  }),
  defineRoute({
    method: 'PUT', url: `${incident}/assessment`, operationId: 'incidents.assess', summary: 'Record the breach assessment (exclusions, safe harbor, four factors; GDPR risk): derives the conclusions and restarts the clocks', access: 'incident.assess', tags,
    description: 'The whole assessment is replaced. The HIPAA conclusion follows 164.402: no PHI, an exclusion, the safe harbor, a demonstrated low probability of compromise, else a breach (the presumption). Findings are encrypted; the audit trail holds only the conclusions. An archived incident is read-only (409).',
    params: ZIncidentNoticeParams, body: ZBreachAssessmentRequest, response: ZBreachAssessment,
    handler: ({ app, call, params, body }) => saveAssessment(app, call.org!, call.actor, params.incidentId, body),
  }),
  defineRoute({
    method: 'GET', url: `${incident}/obligations`, operationId: 'incidents.obligations', summary: 'The notification obligations of an incident with their status, due instants and what the engine was given', access: 'incident.read', tags,
    params: ZIncidentNoticeParams, response: ZIncidentObligations,
    handler: ({ app, call, params }) => getIncidentObligations(app, call.org!, params.incidentId),
  }),
  defineRoute({
    method: 'GET', url: `${base}/incident-clocks`, operationId: 'incidents.openClocks', summary: 'Every open notification clock of the organization and of its sites you may read, soonest first', access: 'incident.read', tags,
    params: ZOrgParams, response: ZOpenClockList,
    handler: ({ app, call }) => listOpenClocks(app, call.org!, call.principal),
  }),
  defineRoute({
    method: 'GET', url: `${base}/hhs-breach-log`, operationId: 'incidents.hhsLog', summary: 'The annual HHS log of breaches affecting fewer than 500 individuals, for a calendar year of discovery (164.408(c))', access: 'incident.read', tags,
    params: ZOrgParams, query: ZHhsLogQuery, response: ZHhsLog,
    handler: ({ app, call, query }) => getHhsLog(app, call.org!, query.year),
  }),
  defineRoute({
    method: 'GET', url: `${base}/hhs-breach-log/export`, operationId: 'incidents.exportHhsLog', summary: 'Export the annual HHS breach log as CSV, XLSX or JSON with the fields the HHS breach portal asks for', access: 'incident.read', tags,
    params: ZOrgParams, query: ZHhsLogExportQuery, produces: 'application/octet-stream',
    handler: async ({ app, call, query, reply }) => {
      const file = await exportHhsLog(app, call.org!, call.actor, query);
      return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
    },
  }),
  defineRoute({
    method: 'GET', url: `${incident}/drafts`, operationId: 'incidents.listDrafts', summary: 'The notification drafts of an incident', access: 'incident.read', tags,
    params: ZIncidentNoticeParams, response: z.array(ZNotificationDraft),
    handler: ({ app, call, params }) => drafts.listDrafts(app, call.org!, params.incidentId),
  }),
  defineRoute({
    method: 'POST', url: `${incident}/drafts`, operationId: 'incidents.createDraft', summary: 'Draft a notice (individuals, HHS, media for one State, GDPR Art. 33(3) checklist) filled from the incident', access: 'incident.assess', tags,
    params: ZIncidentNoticeParams, body: ZCreateDraftRequest, response: ZNotificationDraft, successStatus: 201,
    handler: ({ app, call, params, body }) => drafts.createDraft(app, call.org!, call.actor, params.incidentId, body),
  }),
  defineRoute({
    method: 'PATCH', url: `${incident}/drafts/:draftId`, operationId: 'incidents.updateDraft', summary: 'Edit a notification draft (only before it is reviewed; 409 afterwards)', access: 'incident.assess', tags,
    params: ZDraftParams, body: ZUpdateDraftRequest, response: ZNotificationDraft,
    handler: ({ app, call, params, body }) => drafts.updateDraft(app, call.org!, call.actor, params.incidentId, params.draftId, body),
  }),
  defineRoute({
    method: 'POST', url: `${incident}/drafts/:draftId/review`, operationId: 'incidents.reviewDraft', summary: 'Mark a notification draft reviewed (draft → reviewed)', access: 'incident.assess', tags,
    params: ZDraftParams, response: ZNotificationDraft,
    handler: ({ app, call, params }) => drafts.reviewDraft(app, call.org!, call.actor, params.incidentId, params.draftId),
  }),
  defineRoute({
    method: 'POST', url: `${incident}/drafts/:draftId/send`, operationId: 'incidents.sendDraft', summary: 'Mark a reviewed draft sent: logs the communication and fulfils the matching obligation (reviewed → sent)', access: 'incident.assess', tags,
    params: ZDraftParams, body: ZSendDraftRequest, response: ZNotificationDraft,
    handler: ({ app, call, params, body }) => drafts.sendDraft(app, call.org!, call.actor, params.incidentId, params.draftId, body),
  }),
];
