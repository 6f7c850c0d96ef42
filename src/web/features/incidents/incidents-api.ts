/**
 * The incident register, workflow, timeline, communications, follow-up actions, settings and retention:
 * queries and mutations over the incident contracts (ISO/IEC 27001:2022 A.5.24–A.5.28; 45 CFR
 * 164.308(a)(6), 164.530(j)). Every key starts with ['organizations', orgId, 'incidents'] so one
 * invalidation after a change refreshes the register, the detail and its tabs, the clocks and the HHS log.
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ZPage } from '../../../shared/contracts/common.js';
import {
  ZCommunication,
  ZDisposalRecord,
  ZIncident,
  ZIncidentAction,
  ZIncidentListItem,
  ZIncidentObligations,
  ZIncidentSettings,
  ZMyIncidentReportList,
  ZReportIncidentResponse,
  ZTimelineEntry,
  type TCreateCommunicationRequest,
  type TCreateIncidentActionRequest,
  type TCreateTimelineEntryRequest,
  type ZIncidentListQuery,
  type TIncidentSettings,
  type TIncidentTransitionRequest,
  type TReportIncidentRequest,
  type TUpdateIncidentActionRequest,
  type TUpdateIncidentRequest,
} from '../../../shared/contracts/incidents.js';
import { apiRequest, apiUrl } from '../../kernel/api-client.js';
import { keepPreviousOfSameOrg, queryKeys } from '../../kernel/query.js';

const orgPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;
const incidentPath = (orgId: string, incidentId: string) => `${orgPath(orgId)}/incidents/${encodeURIComponent(incidentId)}`;

export const incidentKeys = {
  all: (orgId: string) => ['organizations', orgId, 'incidents'] as const,
  list: (orgId: string, query: unknown) => ['organizations', orgId, 'incidents', 'list', query] as const,
  myReports: (orgId: string) => ['organizations', orgId, 'incidents', 'my-reports'] as const,
  detail: (orgId: string, incidentId: string) => ['organizations', orgId, 'incidents', 'detail', incidentId] as const,
  /** Children of one incident (timeline, communications, actions, obligations, assessment, drafts). */
  child: (orgId: string, incidentId: string, part: string) => ['organizations', orgId, 'incidents', 'detail', incidentId, part] as const,
  settings: (orgId: string) => ['organizations', orgId, 'incidents', 'settings'] as const,
  disposals: (orgId: string) => ['organizations', orgId, 'incidents', 'disposals'] as const,
};

/** After any change to an incident: everything under 'incidents' (register, detail, tabs, clocks, HHS log, the breach keys) and the audit trail. */
export async function invalidateIncidents(queryClient: QueryClient, orgId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: incidentKeys.all(orgId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents(orgId) }),
  ]);
}

const ZIncidentPage = ZPage(ZIncidentListItem);
/** The register's query as sent (paging and sort already resolved). */
export type IncidentListRequest = z.output<typeof ZIncidentListQuery>;

export function incidentsQuery(orgId: string, query: Partial<IncidentListRequest>) {
  return queryOptions({
    queryKey: incidentKeys.list(orgId, query),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/incidents`, { schema: ZIncidentPage, query, signal }),
    placeholderData: keepPreviousOfSameOrg(orgId),
  });
}

// ---- Export (plain links: the browser downloads with the session cookie; a GET needs no CSRF token) ----
export const INCIDENT_EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type IncidentExportFormat = (typeof INCIDENT_EXPORT_FORMATS)[number];
/** The register's file with the filters and sort the page shows (never its paging). */
export function incidentExportUrl(orgId: string, query: Partial<IncidentListRequest>, format: IncidentExportFormat): string {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  return apiUrl(`${orgPath(orgId)}/incidents/export`, { ...filters, format });
}

export function incidentQuery(orgId: string, incidentId: string) {
  return queryOptions({
    queryKey: incidentKeys.detail(orgId, incidentId),
    queryFn: ({ signal }) => apiRequest(incidentPath(orgId, incidentId), { schema: ZIncident, signal }),
  });
}

export function myReportsQuery(orgId: string) {
  return queryOptions({
    queryKey: incidentKeys.myReports(orgId),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/incidents/my-reports`, { schema: ZMyIncidentReportList, signal }),
  });
}

export function incidentSettingsQuery(orgId: string) {
  return queryOptions({
    queryKey: incidentKeys.settings(orgId),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/incident-settings`, { schema: ZIncidentSettings, signal }),
    staleTime: 5 * 60_000,
  });
}

export function disposalsQuery(orgId: string) {
  return queryOptions({
    queryKey: incidentKeys.disposals(orgId),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/incident-disposals`, { schema: z.array(ZDisposalRecord), signal }),
  });
}

export function timelineQuery(orgId: string, incidentId: string) {
  return queryOptions({
    queryKey: incidentKeys.child(orgId, incidentId, 'timeline'),
    queryFn: ({ signal }) => apiRequest(`${incidentPath(orgId, incidentId)}/timeline`, { schema: z.array(ZTimelineEntry), signal }),
  });
}

export function communicationsQuery(orgId: string, incidentId: string) {
  return queryOptions({
    queryKey: incidentKeys.child(orgId, incidentId, 'communications'),
    queryFn: ({ signal }) => apiRequest(`${incidentPath(orgId, incidentId)}/communications`, { schema: z.array(ZCommunication), signal }),
  });
}

export function actionsQuery(orgId: string, incidentId: string) {
  return queryOptions({
    queryKey: incidentKeys.child(orgId, incidentId, 'actions'),
    queryFn: ({ signal }) => apiRequest(`${incidentPath(orgId, incidentId)}/actions`, { schema: z.array(ZIncidentAction), signal }),
  });
}

/** The obligations the engine derived (pending/done/overdue/not required), for the communications form. */
export function obligationsQuery(orgId: string, incidentId: string) {
  return queryOptions({
    // The same key as the breach tabs' (breach-api.ts), so both share one cached answer.
    queryKey: ['organizations', orgId, 'incidents', 'obligations', incidentId] as const,
    queryFn: ({ signal }) => apiRequest(`${incidentPath(orgId, incidentId)}/obligations`, { schema: ZIncidentObligations, signal }),
  });
}

export const reportIncident = (orgId: string, body: TReportIncidentRequest) => apiRequest(`${orgPath(orgId)}/incidents/report`, { method: 'POST', body, schema: ZReportIncidentResponse });
export const updateIncident = (orgId: string, incidentId: string, body: TUpdateIncidentRequest) => apiRequest(incidentPath(orgId, incidentId), { method: 'PATCH', body, schema: ZIncident });
export const transitionIncident = (orgId: string, incidentId: string, body: TIncidentTransitionRequest) => apiRequest(`${incidentPath(orgId, incidentId)}/transition`, { method: 'POST', body, schema: ZIncident });
export const archiveIncident = (orgId: string, incidentId: string) => apiRequest(`${incidentPath(orgId, incidentId)}/archive`, { method: 'POST', schema: ZIncident });
export const disposeIncident = (orgId: string, incidentId: string, body: { confirmRef: string; reason: string }) => apiRequest(`${incidentPath(orgId, incidentId)}/dispose`, { method: 'POST', body, schema: ZDisposalRecord });
export const addTimelineEntry = (orgId: string, incidentId: string, body: TCreateTimelineEntryRequest) => apiRequest(`${incidentPath(orgId, incidentId)}/timeline`, { method: 'POST', body, schema: ZTimelineEntry });
export const recordCommunication = (orgId: string, incidentId: string, body: TCreateCommunicationRequest) => apiRequest(`${incidentPath(orgId, incidentId)}/communications`, { method: 'POST', body, schema: ZCommunication });
export const createAction = (orgId: string, incidentId: string, body: TCreateIncidentActionRequest) => apiRequest(`${incidentPath(orgId, incidentId)}/actions`, { method: 'POST', body, schema: ZIncidentAction });
export const updateAction = (orgId: string, incidentId: string, actionId: string, body: TUpdateIncidentActionRequest) => apiRequest(`${incidentPath(orgId, incidentId)}/actions/${encodeURIComponent(actionId)}`, { method: 'PATCH', body, schema: ZIncidentAction });
export const saveIncidentSettings = (orgId: string, body: TIncidentSettings) => apiRequest(`${orgPath(orgId)}/incident-settings`, { method: 'PUT', body, schema: ZIncidentSettings });
