/**
 * The incident register (A.6.8 reporting, A.5.24–A.5.28 management of incidents; 45 CFR 164.308(a)(6),
 * 164.530(j)) — HTTP routes: settings, staff reports, the register, one incident and its workflow,
 * timeline, communications, follow-up actions, archiving and disposal. There is no DELETE route: an
 * incident goes only by disposal under the retention rule.
 */
import { z } from 'zod';
import { ZId, ZOrgParams, ZPage } from '../../../shared/contracts/common.js';
import {
  ZCommunication,
  ZCreateCommunicationRequest,
  ZCreateIncidentActionRequest,
  ZCreateIncidentRequest,
  ZCreateTimelineEntryRequest,
  ZDisposalRecord,
  ZDisposeIncidentRequest,
  ZIncident,
  ZIncidentAction,
  ZIncidentExportQuery,
  ZIncidentListItem,
  ZIncidentListQuery,
  ZIncidentSettings,
  ZIncidentTransitionRequest,
  ZMyIncidentReportList,
  ZReportIncidentRequest,
  ZReportIncidentResponse,
  ZTimelineEntry,
  ZUpdateIncidentActionRequest,
  ZUpdateIncidentRequest,
} from '../../../shared/contracts/incidents.js';
import { defineRoute, type AnyRouteDef } from '../../kernel/http/route.js';
import { createAction, listActions, updateAction } from './incident-actions.service.js';
import { exportIncidentRegister } from './incident-export.service.js';
import { listCommunications, recordCommunication } from './incident-communications.service.js';
import { archiveIncident, disposeIncident, listDisposals } from './incident-retention.service.js';
import { getSettings, saveSettings } from './incident-settings.service.js';
import { addTimelineEntry, listTimeline } from './incident-timeline.service.js';
import * as incidents from './incident.service.js';

const tags = ['incidents'];
const base = '/api/v1/orgs/:orgId';
const one = `${base}/incidents/:incidentId`;
const ZIncidentParams = ZOrgParams.extend({ incidentId: ZId });
const ZActionParams = ZIncidentParams.extend({ actionId: ZId });

export const incidentRoutes: AnyRouteDef[] = [
  defineRoute({
    method: 'GET', url: `${base}/incident-settings`, operationId: 'incidents.getSettings', summary: 'Incident settings: severity levels, the usual HIPAA/GDPR roles and the retention period (defaults when never saved)', access: 'incident.read', tags,
    params: ZOrgParams, response: ZIncidentSettings,
    handler: ({ app, call }) => getSettings(app, call.org!),
  }),
  defineRoute({
    method: 'PUT', url: `${base}/incident-settings`, operationId: 'incidents.saveSettings', summary: 'Replace the incident settings (a severity still given to an incident cannot be removed: 409)', access: 'incident.configure', tags,
    params: ZOrgParams, body: ZIncidentSettings, response: ZIncidentSettings,
    handler: ({ app, call, body }) => saveSettings(app, call.org!, call.actor, body),
  }),
  defineRoute({
    method: 'POST', url: `${base}/incidents/report`, operationId: 'incidents.report', summary: 'Report an incident (the short form every member of the workforce may send)', access: 'incident.report', tags,
    params: ZOrgParams, body: ZReportIncidentRequest, response: ZReportIncidentResponse, successStatus: 201,
    handler: ({ app, call, body }) => incidents.reportIncident(app, call.org!, call.actor, body),
  }),
  defineRoute({
    method: 'GET', url: `${base}/incidents/my-reports`, operationId: 'incidents.myReports', summary: 'The incidents the caller reported, newest first (at most 200)', access: 'incident.report', tags,
    params: ZOrgParams, response: ZMyIncidentReportList,
    handler: ({ app, call }) => incidents.myReports(app, call.org!, call.actor),
  }),
  defineRoute({
    method: 'GET', url: `${base}/incidents`, operationId: 'incidents.list', summary: 'The incident register, paged, filtered and sorted, with open and overdue notification obligations', access: 'incident.read', tags,
    params: ZOrgParams, query: ZIncidentListQuery, response: ZPage(ZIncidentListItem),
    handler: ({ app, call, query }) => incidents.listIncidents(app, call.org!, query),
  }),
  defineRoute({
    method: 'POST', url: `${base}/incidents`, operationId: 'incidents.create', summary: 'Record an incident in the register (handlers)', access: 'incident.handle', tags,
    params: ZOrgParams, body: ZCreateIncidentRequest, response: ZIncident, successStatus: 201,
    handler: ({ app, call, body }) => incidents.createIncident(app, call.org!, call.actor, body),
  }),
  defineRoute({
    method: 'GET', url: `${base}/incidents/export`, operationId: 'incidents.exportRegister', summary: 'Export the incident register (filtered and sorted like the list) as CSV, XLSX or JSON, without encrypted contents', access: 'incident.read', tags,
    params: ZOrgParams, query: ZIncidentExportQuery, produces: 'application/octet-stream',
    handler: async ({ app, call, query, reply }) => {
      const file = await exportIncidentRegister(app, call.org!, call.actor, query);
      return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
    },
  }),
  defineRoute({
    method: 'GET', url: one, operationId: 'incidents.get', summary: 'One incident with its decrypted description and PHI details, assets, next statuses and derived dates', access: 'incident.read', tags,
    params: ZIncidentParams, response: ZIncident,
    handler: ({ app, call, params }) => incidents.getIncident(app, call.org!, params.incidentId),
  }),
  defineRoute({
    method: 'PATCH', url: one, operationId: 'incidents.update', summary: 'Change an incident (only the fields sent; archived incidents are read-only)', access: 'incident.handle', tags,
    params: ZIncidentParams, body: ZUpdateIncidentRequest, response: ZIncident,
    handler: ({ app, call, params, body }) => incidents.updateIncident(app, call.org!, call.actor, params.incidentId, body),
  }),
  defineRoute({
    method: 'POST', url: `${one}/transition`, operationId: 'incidents.transition', summary: 'Move an incident forward in the workflow, close it with lessons learned, or reopen it to triage', access: 'incident.handle', tags,
    params: ZIncidentParams, body: ZIncidentTransitionRequest, response: ZIncident,
    handler: ({ app, call, params, body }) => incidents.transitionIncident(app, call.org!, call.actor, params.incidentId, body),
  }),
  defineRoute({
    method: 'GET', url: `${one}/timeline`, operationId: 'incidents.timeline', summary: 'The timeline of an incident, by instant', access: 'incident.read', tags,
    params: ZIncidentParams, response: z.array(ZTimelineEntry),
    handler: ({ app, call, params }) => listTimeline(app, call.org!, params.incidentId),
  }),
  defineRoute({
    method: 'POST', url: `${one}/timeline`, operationId: 'incidents.addTimelineEntry', summary: 'Add a timeline entry (append-only: a correction is a new entry)', access: 'incident.handle', tags,
    params: ZIncidentParams, body: ZCreateTimelineEntryRequest, response: ZTimelineEntry, successStatus: 201,
    handler: ({ app, call, params, body }) => addTimelineEntry(app, call.org!, call.actor, params.incidentId, body),
  }),
  defineRoute({
    method: 'GET', url: `${one}/communications`, operationId: 'incidents.communications', summary: 'The communications log of an incident, by sending instant', access: 'incident.read', tags,
    params: ZIncidentParams, response: z.array(ZCommunication),
    handler: ({ app, call, params }) => listCommunications(app, call.org!, params.incidentId),
  }),
  defineRoute({
    method: 'POST', url: `${one}/communications`, operationId: 'incidents.recordCommunication', summary: 'Record a communication (append-only); with an obligation id it fulfils that notification obligation', access: 'incident.handle', tags,
    params: ZIncidentParams, body: ZCreateCommunicationRequest, response: ZCommunication, successStatus: 201,
    handler: ({ app, call, params, body }) => recordCommunication(app, call.org!, call.actor, params.incidentId, body),
  }),
  defineRoute({
    method: 'GET', url: `${one}/actions`, operationId: 'incidents.actions', summary: 'The follow-up actions of an incident', access: 'incident.read', tags,
    params: ZIncidentParams, response: z.array(ZIncidentAction),
    handler: ({ app, call, params }) => listActions(app, call.org!, params.incidentId),
  }),
  defineRoute({
    method: 'POST', url: `${one}/actions`, operationId: 'incidents.createAction', summary: 'Add a follow-up action (its owner must be a member of the organization)', access: 'incident.handle', tags,
    params: ZIncidentParams, body: ZCreateIncidentActionRequest, response: ZIncidentAction, successStatus: 201,
    handler: ({ app, call, params, body }) => createAction(app, call.org!, call.actor, params.incidentId, body),
  }),
  defineRoute({
    method: 'PATCH', url: `${one}/actions/:actionId`, operationId: 'incidents.updateAction', summary: 'Change a follow-up action (title, owner, due date, status)', access: 'incident.handle', tags,
    params: ZActionParams, body: ZUpdateIncidentActionRequest, response: ZIncidentAction,
    handler: ({ app, call, params, body }) => updateAction(app, call.org!, call.actor, params.incidentId, params.actionId, body),
  }),
  defineRoute({
    method: 'POST', url: `${one}/archive`, operationId: 'incidents.archive', summary: 'Archive a closed incident: kept read-only for its retention period', access: 'incident.configure', tags,
    params: ZIncidentParams, response: ZIncident,
    handler: ({ app, call, params }) => archiveIncident(app, call.org!, call.actor, params.incidentId),
  }),
  defineRoute({
    method: 'POST', url: `${one}/dispose`, operationId: 'incidents.dispose', summary: 'Dispose of an archived incident past its retention date (confirm with its ref); a disposal record remains', access: 'incident.configure', tags,
    params: ZIncidentParams, body: ZDisposeIncidentRequest, response: ZDisposalRecord,
    handler: ({ app, call, params, body }) => disposeIncident(app, call.org!, call.actor, params.incidentId, body),
  }),
  defineRoute({
    method: 'GET', url: `${base}/incident-disposals`, operationId: 'incidents.disposals', summary: 'The log of disposed incidents (ref, dates, reason; no content)', access: 'incident.configure', tags,
    params: ZOrgParams, response: z.array(ZDisposalRecord),
    handler: ({ app, call }) => listDisposals(app, call.org!),
  }),
];
