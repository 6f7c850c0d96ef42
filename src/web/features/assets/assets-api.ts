/**
 * Assets, dependencies, data flows, classification and gaps: queries and mutations over the asset
 * contracts. Every key starts with ['organizations', orgId, 'assets'] so one invalidation after a change
 * refreshes everything derived from the register (criticality, gap counts, the diagram).
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  ZAsset,
  ZClassificationList,
  ZDataFlow,
  ZDataFlowList,
  ZDependencies,
  ZGap,
  ZGapSummary,
  type TAssetExportQuery,
  type TAssetListQuery,
  type TBulkUpdateAssetsRequest,
  type TClassificationFields,
  type TCreateAssetRequest,
  type TDataFlowFields,
  type TUpdateAssetRequest,
} from '../../../shared/contracts/assets.js';
import { ZOk, ZPage, type TPageQuery } from '../../../shared/contracts/common.js';
import { apiRequest, apiUrl } from '../../kernel/api-client.js';
import { keepPreviousOfSameOrg, queryKeys } from '../../kernel/query.js';

const orgPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;
const assetPath = (orgId: string, assetId: string) => `${orgPath(orgId)}/assets/${encodeURIComponent(assetId)}`;

export const assetKeys = {
  all: (orgId: string) => ['organizations', orgId, 'assets'] as const,
  list: (orgId: string, query: unknown) => ['organizations', orgId, 'assets', 'list', query] as const,
  detail: (orgId: string, assetId: string) => ['organizations', orgId, 'assets', 'detail', assetId] as const,
  dependencies: (orgId: string, assetId: string) => ['organizations', orgId, 'assets', 'dependencies', assetId] as const,
  flows: (orgId: string, query: unknown) => ['organizations', orgId, 'assets', 'flows', query] as const,
  gaps: (orgId: string, query: unknown) => ['organizations', orgId, 'assets', 'gaps', query] as const,
  gapSummary: (orgId: string) => ['organizations', orgId, 'assets', 'gap-summary'] as const,
  classification: (orgId: string) => ['organizations', orgId, 'assets', 'classification'] as const,
  diagramAssets: (orgId: string) => ['organizations', orgId, 'assets', 'diagram-assets'] as const,
};

/** After any change to the register: everything derived from it, and the audit trail that recorded it. */
export async function invalidateAssets(queryClient: QueryClient, orgId: string): Promise<void> {
  await Promise.all([queryClient.invalidateQueries({ queryKey: assetKeys.all(orgId) }), queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents(orgId) })]);
}

const ZAssetPage = ZPage(ZAsset);
const ZGapPage = ZPage(ZGap);

export function assetsQuery(orgId: string, query: Partial<TAssetListQuery>) {
  return queryOptions({
    queryKey: assetKeys.list(orgId, query),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/assets`, { schema: ZAssetPage, query, signal }),
    placeholderData: keepPreviousOfSameOrg(orgId),
  });
}

export function assetQuery(orgId: string, assetId: string) {
  return queryOptions({
    queryKey: assetKeys.detail(orgId, assetId),
    queryFn: ({ signal }) => apiRequest(assetPath(orgId, assetId), { schema: ZAsset, signal }),
  });
}

/** Every asset of the organization (for the diagram), fetched page by page up to `max`. */
export function allAssetsQuery(orgId: string, max = 5000) {
  return queryOptions({
    queryKey: assetKeys.diagramAssets(orgId),
    queryFn: async ({ signal }) => {
      const pageSize = 200;
      const first = await apiRequest(`${orgPath(orgId)}/assets`, { schema: ZAssetPage, query: { page: 1, pageSize }, signal });
      const pages = Math.min(Math.ceil(first.total / pageSize), Math.ceil(max / pageSize));
      const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, index) => apiRequest(`${orgPath(orgId)}/assets`, { schema: ZAssetPage, query: { page: index + 2, pageSize }, signal })));
      return { items: [first, ...rest].flatMap((page) => page.items), total: first.total };
    },
  });
}

export function createAsset(orgId: string, body: TCreateAssetRequest) {
  return apiRequest(`${orgPath(orgId)}/assets`, { method: 'POST', body, schema: ZAsset });
}

export function updateAsset(orgId: string, assetId: string, body: TUpdateAssetRequest) {
  return apiRequest(assetPath(orgId, assetId), { method: 'PATCH', body, schema: ZAsset });
}

export function deleteAsset(orgId: string, assetId: string) {
  return apiRequest(assetPath(orgId, assetId), { method: 'DELETE', schema: ZOk });
}

export function bulkUpdateAssets(orgId: string, body: TBulkUpdateAssetsRequest) {
  return apiRequest(`${orgPath(orgId)}/assets/bulk-update`, { method: 'POST', body, schema: z.object({ updated: z.number().int() }) });
}

/** A plain link: the browser downloads the file with the session cookie (a GET needs no CSRF token). */
export function assetExportUrl(orgId: string, query: Partial<TAssetExportQuery>): string {
  return apiUrl(`${orgPath(orgId)}/assets/export`, query);
}

// ---- Dependencies ----
export function dependenciesQuery(orgId: string, assetId: string) {
  return queryOptions({
    queryKey: assetKeys.dependencies(orgId, assetId),
    queryFn: ({ signal }) => apiRequest(`${assetPath(orgId, assetId)}/dependencies`, { schema: ZDependencies, signal }),
  });
}

export function addDependency(orgId: string, assetId: string, dependsOnId: string) {
  return apiRequest(`${assetPath(orgId, assetId)}/dependencies`, { method: 'POST', body: { dependsOnId }, schema: ZDependencies });
}

export function removeDependency(orgId: string, assetId: string, dependencyId: string) {
  return apiRequest(`${assetPath(orgId, assetId)}/dependencies/${encodeURIComponent(dependencyId)}`, { method: 'DELETE', schema: ZDependencies });
}

// ---- Data flows ----
export function flowsQuery(orgId: string, query: { assetId?: string; ephiOnly?: 'yes' | 'no'; limit?: number }) {
  return queryOptions({
    queryKey: assetKeys.flows(orgId, query),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/data-flows`, { schema: ZDataFlowList, query, signal }),
    placeholderData: keepPreviousOfSameOrg(orgId),
  });
}

export function createFlow(orgId: string, body: TDataFlowFields) {
  return apiRequest(`${orgPath(orgId)}/data-flows`, { method: 'POST', body, schema: ZDataFlow });
}

export function updateFlow(orgId: string, flowId: string, body: TDataFlowFields) {
  return apiRequest(`${orgPath(orgId)}/data-flows/${encodeURIComponent(flowId)}`, { method: 'PUT', body, schema: ZDataFlow });
}

export function deleteFlow(orgId: string, flowId: string) {
  return apiRequest(`${orgPath(orgId)}/data-flows/${encodeURIComponent(flowId)}`, { method: 'DELETE', schema: ZOk });
}

// ---- Classification ----
export function classificationQuery(orgId: string) {
  return queryOptions({
    queryKey: assetKeys.classification(orgId),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/classification-levels`, { schema: ZClassificationList, signal }),
  });
}

export function createLevel(orgId: string, body: TClassificationFields) {
  return apiRequest(`${orgPath(orgId)}/classification-levels`, { method: 'POST', body, schema: ZClassificationList });
}

export function updateLevel(orgId: string, levelId: string, body: TClassificationFields) {
  return apiRequest(`${orgPath(orgId)}/classification-levels/${encodeURIComponent(levelId)}`, { method: 'PUT', body, schema: ZClassificationList });
}

export function deleteLevel(orgId: string, levelId: string) {
  return apiRequest(`${orgPath(orgId)}/classification-levels/${encodeURIComponent(levelId)}`, { method: 'DELETE', schema: ZClassificationList });
}

// ---- Gaps ----
export function gapSummaryQuery(orgId: string) {
  return queryOptions({
    queryKey: assetKeys.gapSummary(orgId),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/gaps/summary`, { schema: ZGapSummary, signal }),
  });
}

export function gapsQuery(orgId: string, query: Partial<TPageQuery> & { rule?: string; assetId?: string }) {
  return queryOptions({
    queryKey: assetKeys.gaps(orgId, query),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/gaps`, { schema: ZGapPage, query, signal }),
    placeholderData: keepPreviousOfSameOrg(orgId),
  });
}
