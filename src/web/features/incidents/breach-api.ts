/**
 * The breach side of an incident over the API: the assessment (164.402; GDPR Arts. 4(12), 33, 34), the
 * obligations the deadline engine derived, the notification drafts, the open clocks of the organization
 * and the annual HHS small-breach log (164.408(c)). Every key starts with ['organizations', orgId,
 * 'incidents'] so one invalidation after a change refreshes the incident, its clocks, the register and
 * the dashboard tile.
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  ZBreachAssessment,
  ZHhsLog,
  ZIncidentObligations,
  ZIncidentSettings,
  ZNotificationDraft,
  ZOpenClockList,
  type TBreachAssessmentRequest,
  type TCreateDraftRequest,
  type TSendDraftRequest,
} from '../../../shared/contracts/incidents.js';
import { apiRequest, apiUrl } from '../../kernel/api-client.js';
import { queryKeys } from '../../kernel/query.js';

const orgPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;
const incidentPath = (orgId: string, incidentId: string) => `${orgPath(orgId)}/incidents/${encodeURIComponent(incidentId)}`;
const draftPath = (orgId: string, incidentId: string, draftId: string) => `${incidentPath(orgId, incidentId)}/drafts/${encodeURIComponent(draftId)}`;

export const breachKeys = {
  all: (orgId: string) => ['organizations', orgId, 'incidents'] as const,
  settings: (orgId: string) => ['organizations', orgId, 'incidents', 'settings'] as const,
  assessment: (orgId: string, incidentId: string) => ['organizations', orgId, 'incidents', 'assessment', incidentId] as const,
  obligations: (orgId: string, incidentId: string) => ['organizations', orgId, 'incidents', 'obligations', incidentId] as const,
  drafts: (orgId: string, incidentId: string) => ['organizations', orgId, 'incidents', 'drafts', incidentId] as const,
  clocks: (orgId: string) => ['organizations', orgId, 'incidents', 'clocks'] as const,
  hhsLog: (orgId: string, year: number) => ['organizations', orgId, 'incidents', 'hhs-log', year] as const,
};

/** After any breach change: everything under 'incidents' (the incident, clocks, register, tile, log) and the audit trail. */
export async function invalidateBreach(queryClient: QueryClient, orgId: string): Promise<void> {
  await Promise.all([queryClient.invalidateQueries({ queryKey: breachKeys.all(orgId) }), queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents(orgId) })]);
}

export function incidentSettingsQuery(orgId: string) {
  return queryOptions({
    queryKey: breachKeys.settings(orgId),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/incident-settings`, { schema: ZIncidentSettings, signal }),
    staleTime: 5 * 60_000,
  });
}

export function assessmentQuery(orgId: string, incidentId: string) {
  return queryOptions({
    queryKey: breachKeys.assessment(orgId, incidentId),
    queryFn: ({ signal }) => apiRequest(`${incidentPath(orgId, incidentId)}/assessment`, { schema: ZBreachAssessment, signal }),
  });
}

export function obligationsQuery(orgId: string, incidentId: string) {
  return queryOptions({
    queryKey: breachKeys.obligations(orgId, incidentId),
    queryFn: ({ signal }) => apiRequest(`${incidentPath(orgId, incidentId)}/obligations`, { schema: ZIncidentObligations, signal }),
    // Status (pending → overdue) is computed at read: re-read now and then while the page is open.
    refetchInterval: 60_000,
  });
}

export function draftsQuery(orgId: string, incidentId: string) {
  return queryOptions({
    queryKey: breachKeys.drafts(orgId, incidentId),
    queryFn: ({ signal }) => apiRequest(`${incidentPath(orgId, incidentId)}/drafts`, { schema: z.array(ZNotificationDraft), signal }),
  });
}

export function openClocksQuery(orgId: string) {
  return queryOptions({
    queryKey: breachKeys.clocks(orgId),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/incident-clocks`, { schema: ZOpenClockList, signal }),
    refetchInterval: 60_000,
  });
}

export function hhsLogQuery(orgId: string, year: number) {
  return queryOptions({
    queryKey: breachKeys.hhsLog(orgId, year),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/hhs-breach-log`, { schema: ZHhsLog, query: { year }, signal }),
  });
}

export const saveAssessment = (orgId: string, incidentId: string, body: TBreachAssessmentRequest) => apiRequest(`${incidentPath(orgId, incidentId)}/assessment`, { method: 'PUT', body, schema: ZBreachAssessment });
export const createDraft = (orgId: string, incidentId: string, body: TCreateDraftRequest) => apiRequest(`${incidentPath(orgId, incidentId)}/drafts`, { method: 'POST', body, schema: ZNotificationDraft });
export const updateDraft = (orgId: string, incidentId: string, draftId: string, body: { body: string }) => apiRequest(draftPath(orgId, incidentId, draftId), { method: 'PATCH', body, schema: ZNotificationDraft });
export const reviewDraft = (orgId: string, incidentId: string, draftId: string) => apiRequest(`${draftPath(orgId, incidentId, draftId)}/review`, { method: 'POST', schema: ZNotificationDraft });
export const sendDraft = (orgId: string, incidentId: string, draftId: string, body: TSendDraftRequest) => apiRequest(`${draftPath(orgId, incidentId, draftId)}/send`, { method: 'POST', body, schema: ZNotificationDraft });

// ---- Export (plain links: the browser downloads with the session cookie; a GET needs no CSRF token) ----
export const HHS_LOG_EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export const hhsLogExportUrl = (orgId: string, year: number, format: (typeof HHS_LOG_EXPORT_FORMATS)[number]) => apiUrl(`${orgPath(orgId)}/hhs-breach-log/export`, { year, format });
