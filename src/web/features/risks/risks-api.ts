/**
 * The risk register, treatment, tasks, acceptances and reviews: queries and mutations over the risk
 * contracts (ISO/IEC 27001:2022 6.1.2, 6.1.3, 8.2, 8.3). Every key starts with ['organizations', orgId,
 * 'risks'] so one invalidation after a change refreshes the register, the detail, the task board and
 * the heat maps; the SoA and the controls show linked risks, so they are refreshed too.
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { ZOk, ZPage } from '../../../shared/contracts/common.js';
import {
  ZRiskAcceptance,
  ZRiskDetail,
  ZRiskDraft,
  ZRiskReview,
  ZRiskSummary,
  ZRiskTask,
  ZRiskTreatment,
  type RISK_EXPORT_FORMATS,
  type TCreateAcceptanceRequest,
  type TCreateRiskRequest,
  type TCreateRiskReviewRequest,
  type TCreateRiskTaskRequest,
  type TRiskListQuery,
  type TRiskTaskListQuery,
  type TUpdateRiskRequest,
  type TUpdateRiskTaskRequest,
} from '../../../shared/contracts/risks.js';
import { apiRequest, apiUrl } from '../../kernel/api-client.js';
import { keepPreviousOfSameOrg, queryKeys } from '../../kernel/query.js';

const orgPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;
const riskPath = (orgId: string, riskId: string) => `${orgPath(orgId)}/risks/${encodeURIComponent(riskId)}`;

export const riskKeys = {
  all: (orgId: string) => ['organizations', orgId, 'risks'] as const,
  list: (orgId: string, query: unknown) => ['organizations', orgId, 'risks', 'list', query] as const,
  detail: (orgId: string, riskId: string) => ['organizations', orgId, 'risks', 'detail', riskId] as const,
  treatment: (orgId: string, riskId: string) => ['organizations', orgId, 'risks', 'treatment', riskId] as const,
  draft: (orgId: string, assetId: string, rule: string) => ['organizations', orgId, 'risks', 'draft', assetId, rule] as const,
  tasks: (orgId: string, query: unknown) => ['organizations', orgId, 'risks', 'tasks', query] as const,
};

/**
 * After any change to a risk: everything under 'risks' (register, detail, treatment, board, heat maps,
 * trends, the catalogue's risk counts), the SoA and controls (linked risks), and the audit trail.
 */
export async function invalidateRisks(queryClient: QueryClient, orgId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: riskKeys.all(orgId) }),
    queryClient.invalidateQueries({ queryKey: ['organizations', orgId, 'soa'] }),
    queryClient.invalidateQueries({ queryKey: ['organizations', orgId, 'controls'] }),
    queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents(orgId) }),
  ]);
}

const ZRiskPage = ZPage(ZRiskSummary);
const ZRiskTaskPage = ZPage(ZRiskTask);

export function risksQuery(orgId: string, query: Partial<TRiskListQuery>) {
  return queryOptions({
    queryKey: riskKeys.list(orgId, query),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/risks`, { schema: ZRiskPage, query, signal }),
    placeholderData: keepPreviousOfSameOrg(orgId),
  });
}

export function riskQuery(orgId: string, riskId: string) {
  return queryOptions({
    queryKey: riskKeys.detail(orgId, riskId),
    queryFn: ({ signal }) => apiRequest(riskPath(orgId, riskId), { schema: ZRiskDetail, signal }),
  });
}

export function riskTreatmentQuery(orgId: string, riskId: string) {
  return queryOptions({
    queryKey: riskKeys.treatment(orgId, riskId),
    queryFn: ({ signal }) => apiRequest(`${riskPath(orgId, riskId)}/treatment`, { schema: ZRiskTreatment, signal }),
  });
}

/** "Create risk from gap": the scenario the server pre-fills from an asset and a gap rule. */
export function riskDraftQuery(orgId: string, assetId: string, rule: string) {
  return queryOptions({
    queryKey: riskKeys.draft(orgId, assetId, rule),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/risks/from-gap`, { schema: ZRiskDraft, query: { assetId, rule }, signal }),
    staleTime: 0,
  });
}

export function riskTasksQuery(orgId: string, query: Partial<TRiskTaskListQuery>) {
  return queryOptions({
    queryKey: riskKeys.tasks(orgId, query),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/risk-tasks`, { schema: ZRiskTaskPage, query, signal }),
    placeholderData: keepPreviousOfSameOrg(orgId),
  });
}

export const createRisk = (orgId: string, body: TCreateRiskRequest) => apiRequest(`${orgPath(orgId)}/risks`, { method: 'POST', body, schema: ZRiskDetail });
export const updateRisk = (orgId: string, riskId: string, body: TUpdateRiskRequest) => apiRequest(riskPath(orgId, riskId), { method: 'PATCH', body, schema: ZRiskDetail });
export const deleteRisk = (orgId: string, riskId: string) => apiRequest(riskPath(orgId, riskId), { method: 'DELETE', schema: ZOk });

// ---- Treatment: linked controls and tasks ----
export const linkControls = (orgId: string, riskId: string, controlIds: string[]) => apiRequest(`${riskPath(orgId, riskId)}/controls`, { method: 'POST', body: { controlIds }, schema: ZRiskTreatment });
export const unlinkControl = (orgId: string, riskId: string, controlId: string) => apiRequest(`${riskPath(orgId, riskId)}/controls/${encodeURIComponent(controlId)}`, { method: 'DELETE', schema: ZRiskTreatment });
export const createTask = (orgId: string, riskId: string, body: TCreateRiskTaskRequest) => apiRequest(`${riskPath(orgId, riskId)}/tasks`, { method: 'POST', body, schema: ZRiskTask });
export const updateTask = (orgId: string, riskId: string, taskId: string, body: TUpdateRiskTaskRequest) => apiRequest(`${riskPath(orgId, riskId)}/tasks/${encodeURIComponent(taskId)}`, { method: 'PATCH', body, schema: ZRiskTask });
export const deleteTask = (orgId: string, riskId: string, taskId: string) => apiRequest(`${riskPath(orgId, riskId)}/tasks/${encodeURIComponent(taskId)}`, { method: 'DELETE', schema: ZOk });

// ---- Acceptance (append-only) and reviews ----
export const createAcceptance = (orgId: string, riskId: string, body: TCreateAcceptanceRequest) => apiRequest(`${riskPath(orgId, riskId)}/acceptances`, { method: 'POST', body, schema: ZRiskAcceptance });
export const createReview = (orgId: string, riskId: string, body: TCreateRiskReviewRequest) => apiRequest(`${riskPath(orgId, riskId)}/reviews`, { method: 'POST', body, schema: ZRiskReview });

// ---- Export (plain links: the browser downloads with the session cookie; a GET needs no CSRF token) ----
export type RiskExportFormat = (typeof RISK_EXPORT_FORMATS)[number];
export const riskExportUrl = (orgId: string, format: RiskExportFormat) => apiUrl(`${orgPath(orgId)}/risks/export`, { format });
export const treatmentPlanUrl = (orgId: string, format: 'xlsx' | 'pdf') => apiUrl(`${orgPath(orgId)}/risks/treatment-plan`, { format });
