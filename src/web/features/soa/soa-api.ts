/**
 * Statement of Applicability: queries and mutations over the SoA contracts. Every key starts with
 * ['organizations', orgId, 'soa'] so one invalidation after a change refreshes rows, versions and diffs.
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  ZSoaDiff,
  ZSoaList,
  ZSoaRow,
  ZSoaSiteMatrix,
  ZSoaVersion,
  ZSoaVersionList,
  ZSoaVersionSummary,
  type SoaExportFormat,
  type TSoaListQuery,
  type TUpdateSoaEntryRequest,
} from '../../../shared/contracts/soa.js';
import { apiRequest, apiUrl } from '../../kernel/api-client.js';
import { keepPreviousOfSameOrg, queryKeys } from '../../kernel/query.js';

const soaPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/soa`;

export const soaKeys = {
  all: (orgId: string) => ['organizations', orgId, 'soa'] as const,
  list: (orgId: string, query: unknown) => ['organizations', orgId, 'soa', 'list', query] as const,
  versions: (orgId: string) => ['organizations', orgId, 'soa', 'versions'] as const,
  version: (orgId: string, n: number) => ['organizations', orgId, 'soa', 'version', n] as const,
  diff: (orgId: string, from: unknown, to: unknown) => ['organizations', orgId, 'soa', 'diff', from, to] as const,
  sites: (orgId: string) => ['organizations', orgId, 'soa', 'sites'] as const,
};

export async function invalidateSoa(queryClient: QueryClient, orgId: string): Promise<void> {
  await Promise.all([queryClient.invalidateQueries({ queryKey: soaKeys.all(orgId) }), queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents(orgId) })]);
}

export function soaQuery(orgId: string, query: TSoaListQuery) {
  return queryOptions({
    queryKey: soaKeys.list(orgId, query),
    queryFn: ({ signal }) => apiRequest(soaPath(orgId), { schema: ZSoaList, query, signal }),
    placeholderData: keepPreviousOfSameOrg(orgId),
  });
}

export function versionsQuery(orgId: string) {
  return queryOptions({ queryKey: soaKeys.versions(orgId), queryFn: ({ signal }) => apiRequest(`${soaPath(orgId)}/versions`, { schema: ZSoaVersionList, signal }) });
}

export function versionQuery(orgId: string, n: number) {
  return queryOptions({ queryKey: soaKeys.version(orgId, n), queryFn: ({ signal }) => apiRequest(`${soaPath(orgId)}/versions/${n}`, { schema: ZSoaVersion, signal }) });
}

export function diffQuery(orgId: string, from: number | 'current', to: number | 'current') {
  return queryOptions({ queryKey: soaKeys.diff(orgId, from, to), queryFn: ({ signal }) => apiRequest(`${soaPath(orgId)}/diff`, { schema: ZSoaDiff, query: { from, to }, signal }) });
}

export function sitesQuery(orgId: string) {
  return queryOptions({ queryKey: soaKeys.sites(orgId), queryFn: ({ signal }) => apiRequest(`${soaPath(orgId)}/sites`, { schema: ZSoaSiteMatrix, signal }) });
}

export function updateEntry(orgId: string, ref: string, body: TUpdateSoaEntryRequest) {
  return apiRequest(`${soaPath(orgId)}/entries/${encodeURIComponent(ref)}`, { method: 'PATCH', body, schema: ZSoaRow });
}

export function publishVersion(orgId: string, note: string | null) {
  return apiRequest(`${soaPath(orgId)}/versions`, { method: 'POST', body: { note }, schema: ZSoaVersionSummary });
}

export function approveVersion(orgId: string, n: number, note: string | null) {
  return apiRequest(`${soaPath(orgId)}/versions/${n}/approve`, { method: 'POST', body: { note }, schema: ZSoaVersionSummary });
}

export function markApplicable(orgId: string, body: { refs: string[]; inclusionReasons: string[]; inclusionJustification?: string | null }) {
  return apiRequest(`${soaPath(orgId)}/mark-applicable`, { method: 'POST', body, schema: z.object({ updated: z.number().int() }) });
}

/** A plain link: the browser downloads the file with the session cookie (a GET needs no CSRF token). */
export function soaExportUrl(orgId: string, format: SoaExportFormat, version?: number): string {
  return apiUrl(`${soaPath(orgId)}/export`, { format, version });
}
