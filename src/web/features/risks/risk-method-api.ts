/**
 * The organization's risk method (ISO/IEC 27001:2022 6.1.2 risk criteria), its versions and the re-map
 * preview of a change, the threat and vulnerability catalogue, heat maps and trends: queries and
 * mutations over the contracts in shared/contracts/risks.ts. Method keys start with
 * ['organizations', orgId, 'risk-method']; catalogue, heat map and trend keys live under
 * ['organizations', orgId, 'risks'] so any change to a risk refreshes them too.
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ZOk } from '../../../shared/contracts/common.js';
import {
  ZCatalogueEntry,
  ZRemapPreviewResponse,
  ZRiskCatalogue,
  ZRiskHeatmap,
  ZRiskMethodVersion,
  ZRiskMethodVersionList,
  ZRiskTrend,
  ZSaveRiskMethodResult,
  type RiskStage,
  type TCreateCatalogueEntryRequest,
  type TRemapPreviewRequest,
  type TRiskHeatmapQuery,
  type TSaveRiskMethodRequest,
} from '../../../shared/contracts/risks.js';
import { apiRequest } from '../../kernel/api-client.js';
import { keepPreviousOfSameOrg, queryKeys } from '../../kernel/query.js';

const orgPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;

export const riskMethodKeys = {
  all: (orgId: string) => ['organizations', orgId, 'risk-method'] as const,
  current: (orgId: string) => ['organizations', orgId, 'risk-method', 'current'] as const,
  versions: (orgId: string) => ['organizations', orgId, 'risk-method', 'versions'] as const,
  risks: (orgId: string) => ['organizations', orgId, 'risks'] as const,
  catalogue: (orgId: string) => ['organizations', orgId, 'risks', 'catalogue'] as const,
  heatmap: (orgId: string, query: unknown) => ['organizations', orgId, 'risks', 'heatmap', query] as const,
  trends: (orgId: string, query: unknown) => ['organizations', orgId, 'risks', 'trends', query] as const,
};

export function riskMethodQuery(orgId: string) {
  return queryOptions({
    queryKey: riskMethodKeys.current(orgId),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/risk-method`, { schema: ZRiskMethodVersion, signal }),
  });
}

export function riskMethodVersionsQuery(orgId: string) {
  return queryOptions({
    queryKey: riskMethodKeys.versions(orgId),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/risk-method/versions`, { schema: ZRiskMethodVersionList, signal }),
  });
}

export function riskCatalogueQuery(orgId: string) {
  return queryOptions({
    queryKey: riskMethodKeys.catalogue(orgId),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/risk-catalogue`, { schema: ZRiskCatalogue, signal }),
    staleTime: 5 * 60_000,
  });
}

export function riskHeatmapQuery(orgId: string, query: Partial<TRiskHeatmapQuery>) {
  return queryOptions({
    queryKey: riskMethodKeys.heatmap(orgId, query),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/risks/heatmap`, { schema: ZRiskHeatmap, query, signal }),
    placeholderData: keepPreviousOfSameOrg(orgId),
  });
}

export function riskTrendsQuery(orgId: string, query: { stage?: RiskStage; months?: number }) {
  return queryOptions({
    queryKey: riskMethodKeys.trends(orgId, query),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/risks/trends`, { schema: ZRiskTrend, query, signal }),
    placeholderData: keepPreviousOfSameOrg(orgId),
  });
}

/** The method in force (the highest version). */
export const useRiskMethod = (orgId: string) => useQuery(riskMethodQuery(orgId));
/** Every saved version, newest first. */
export const useRiskMethodVersions = (orgId: string) => useQuery(riskMethodVersionsQuery(orgId));
/** Built-in HICP 2023 threats, NIST SP 800-30 threat sources, vulnerabilities, and the organization's own entries. */
export const useRiskCatalogue = (orgId: string) => useQuery(riskCatalogueQuery(orgId));
export const useRiskHeatmap = (orgId: string, query: Partial<TRiskHeatmapQuery>) => useQuery(riskHeatmapQuery(orgId, query));
export const useRiskTrends = (orgId: string, query: { stage?: RiskStage; months?: number }) => useQuery(riskTrendsQuery(orgId, query));

export const previewRemap = (orgId: string, body: TRemapPreviewRequest) => apiRequest(`${orgPath(orgId)}/risk-method/preview`, { method: 'POST', body, schema: ZRemapPreviewResponse });
export const saveRiskMethod = (orgId: string, body: TSaveRiskMethodRequest) => apiRequest(`${orgPath(orgId)}/risk-method/versions`, { method: 'POST', body, schema: ZSaveRiskMethodResult });
export const createCatalogueEntry = (orgId: string, body: TCreateCatalogueEntryRequest) => apiRequest(`${orgPath(orgId)}/risk-catalogue/entries`, { method: 'POST', body, schema: ZCatalogueEntry });
export const deleteCatalogueEntry = (orgId: string, entryId: string) => apiRequest(`${orgPath(orgId)}/risk-catalogue/entries/${encodeURIComponent(entryId)}`, { method: 'DELETE', schema: ZOk });

/**
 * One page of the re-map preview of a draft method (a POST: the draft travels in the body). Runs only
 * while `request` is set; the previous page stays on screen while the next one loads.
 */
export function useRemapPreview(orgId: string, request: TRemapPreviewRequest | null) {
  return useQuery({
    queryKey: [...riskMethodKeys.all(orgId), 'preview', request] as const,
    queryFn: () => previewRemap(orgId, request!),
    enabled: request !== null,
    placeholderData: keepPreviousOfSameOrg(orgId),
    staleTime: 0,
    gcTime: 60_000,
  });
}

/** After a new method version: every risk's derived levels changed, so everything about risks is refetched. */
export async function invalidateRiskMethod(queryClient: QueryClient, orgId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: riskMethodKeys.all(orgId) }),
    queryClient.invalidateQueries({ queryKey: riskMethodKeys.risks(orgId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents(orgId) }),
  ]);
}

export function useSaveRiskMethod(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TSaveRiskMethodRequest) => saveRiskMethod(orgId, body),
    onSuccess: () => invalidateRiskMethod(queryClient, orgId),
  });
}

export function useCreateCatalogueEntry(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateCatalogueEntryRequest) => createCatalogueEntry(orgId, body),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: riskMethodKeys.catalogue(orgId) }), queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents(orgId) })]),
  });
}

export function useDeleteCatalogueEntry(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (entryId: string) => deleteCatalogueEntry(orgId, entryId),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: riskMethodKeys.catalogue(orgId) }), queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents(orgId) })]),
  });
}
