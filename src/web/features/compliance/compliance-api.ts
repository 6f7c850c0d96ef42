/**
 * The HIPAA view, readiness and "comply once": queries and the decision mutation. Keys start with
 * ['organizations', orgId, 'compliance'] so one invalidation after a decision refreshes every figure.
 * The figures derive from controls, evidence and the SoA, which other pages change: they are refetched
 * whenever a page mounts (the cached figures stay on screen meanwhile).
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import {
  ZComplyOnce,
  ZHipaaDecisionHistory,
  ZHipaaSpecification,
  ZHipaaView,
  ZReadiness,
  ZReadinessDrill,
  type TRecordHipaaDecisionRequest,
  type TReadinessDrillQuery,
} from '../../../shared/contracts/compliance.js';
import { apiRequest } from '../../kernel/api-client.js';
import { queryKeys } from '../../kernel/query.js';

const orgPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;
const specPath = (orgId: string, ref: string) => `${orgPath(orgId)}/hipaa/specifications/${encodeURIComponent(ref)}`;

export const complianceKeys = {
  all: (orgId: string) => ['organizations', orgId, 'compliance'] as const,
  hipaa: (orgId: string) => ['organizations', orgId, 'compliance', 'hipaa'] as const,
  history: (orgId: string, ref: string) => ['organizations', orgId, 'compliance', 'history', ref] as const,
  readiness: (orgId: string, framework?: string) => ['organizations', orgId, 'compliance', 'readiness', framework ?? 'all'] as const,
  drill: (orgId: string, frameworkId: string, query: TReadinessDrillQuery) => ['organizations', orgId, 'compliance', 'drill', frameworkId, query] as const,
  complyOnce: (orgId: string, controlId: string) => ['organizations', orgId, 'compliance', 'comply-once', controlId] as const,
};

export async function invalidateCompliance(queryClient: QueryClient, orgId: string): Promise<void> {
  await Promise.all([queryClient.invalidateQueries({ queryKey: complianceKeys.all(orgId) }), queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents(orgId) })]);
}

export function hipaaQuery(orgId: string) {
  return queryOptions({ queryKey: complianceKeys.hipaa(orgId), staleTime: 0, queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/hipaa`, { schema: ZHipaaView, signal }) });
}

export function hipaaHistoryQuery(orgId: string, ref: string) {
  return queryOptions({ queryKey: complianceKeys.history(orgId, ref), queryFn: ({ signal }) => apiRequest(`${specPath(orgId, ref)}/history`, { schema: ZHipaaDecisionHistory, signal }) });
}

export function readinessQuery(orgId: string, framework?: string) {
  return queryOptions({ queryKey: complianceKeys.readiness(orgId, framework), staleTime: 0, queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/readiness`, { schema: ZReadiness, query: { framework }, signal }) });
}

export function readinessDrillQuery(orgId: string, frameworkId: string, query: TReadinessDrillQuery) {
  return queryOptions({
    queryKey: complianceKeys.drill(orgId, frameworkId, query),
    staleTime: 0,
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/readiness/frameworks/${encodeURIComponent(frameworkId)}/requirements`, { schema: ZReadinessDrill, query: { ...query }, signal }),
  });
}

export function complyOnceQuery(orgId: string, controlId: string) {
  return queryOptions({ queryKey: complianceKeys.complyOnce(orgId, controlId), staleTime: 0, queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/readiness/controls/${encodeURIComponent(controlId)}`, { schema: ZComplyOnce, signal }) });
}

export const recordDecision = (orgId: string, ref: string, body: TRecordHipaaDecisionRequest) => apiRequest(`${specPath(orgId, ref)}/decision`, { method: 'PUT', body, schema: ZHipaaSpecification });
