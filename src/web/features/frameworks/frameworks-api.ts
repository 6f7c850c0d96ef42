/**
 * The frameworks catalogue over its contracts: frameworks, requirement tree and search, requirement
 * detail, OSCAL upload and removal. Keys start with ['organizations', orgId, 'frameworks'] so an import or
 * removal refreshes every view of the catalogue at once.
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { ZFramework, ZFrameworkDeleted, ZFrameworkList, ZOscalImportResult, ZRequirementDetail, ZRequirementPage, type TRequirementListQuery } from '../../../shared/contracts/frameworks.js';
import { isErrorCode, type ApiErrorBody } from '../../../shared/errors.js';
import { ApiError, apiRequest, apiUrl } from '../../kernel/api-client.js';
import { queryKeys } from '../../kernel/query.js';

const orgPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;

const frameworkKeys = {
  all: (orgId: string) => ['organizations', orgId, 'frameworks'] as const,
  list: (orgId: string) => ['organizations', orgId, 'frameworks', 'list'] as const,
  detail: (orgId: string, frameworkId: string) => ['organizations', orgId, 'frameworks', 'detail', frameworkId] as const,
  requirements: (orgId: string, frameworkId: string, query: unknown) => ['organizations', orgId, 'frameworks', 'requirements', frameworkId, query] as const,
  requirement: (orgId: string, requirementId: string) => ['organizations', orgId, 'frameworks', 'requirement', requirementId] as const,
};

export async function invalidateFrameworks(queryClient: QueryClient, orgId: string): Promise<void> {
  await Promise.all([queryClient.invalidateQueries({ queryKey: frameworkKeys.all(orgId) }), queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents(orgId) })]);
}

// The catalogue changes only with a release or an import: no need to refetch it on every focus.
const STALE = 5 * 60_000;

export function frameworksQuery(orgId: string) {
  return queryOptions({
    queryKey: frameworkKeys.list(orgId),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/frameworks`, { schema: ZFrameworkList, signal }),
    staleTime: STALE,
  });
}

export function frameworkQuery(orgId: string, frameworkId: string) {
  return queryOptions({
    queryKey: frameworkKeys.detail(orgId, frameworkId),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/frameworks/${encodeURIComponent(frameworkId)}`, { schema: ZFramework, signal }),
    staleTime: STALE,
  });
}

export function requirementsQuery(orgId: string, frameworkId: string, query: Partial<TRequirementListQuery>) {
  return queryOptions({
    queryKey: frameworkKeys.requirements(orgId, frameworkId, query),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/frameworks/${encodeURIComponent(frameworkId)}/requirements`, { schema: ZRequirementPage, query, signal }),
    staleTime: STALE,
  });
}

export function requirementQuery(orgId: string, requirementId: string) {
  return queryOptions({
    queryKey: frameworkKeys.requirement(orgId, requirementId),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/requirements/${encodeURIComponent(requirementId)}`, { schema: ZRequirementDetail, signal }),
    staleTime: STALE,
  });
}

/** A plain link (cookie-authenticated GET): the browser downloads the CSV itself. */
export function crosswalkCsvUrl(orgId: string, frameworkId: string): string {
  return apiUrl(`${orgPath(orgId)}/frameworks/${encodeURIComponent(frameworkId)}/crosswalk`);
}

export function deleteFramework(orgId: string, frameworkId: string) {
  return apiRequest(`${orgPath(orgId)}/frameworks/${encodeURIComponent(frameworkId)}`, { method: 'DELETE', schema: ZFrameworkDeleted });
}

/** Sends the catalog file itself as the request body (no multipart), like the asset import. */
export async function uploadOscalCatalog(options: { orgId: string; file: File; key?: string; csrfToken: string | null }) {
  const url = apiUrl(`${orgPath(options.orgId)}/frameworks/import-oscal`, { key: options.key, filename: options.file.name.slice(0, 255) });
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(options.csrfToken ? { 'x-csrf-token': options.csrfToken } : {}) },
      body: options.file,
    });
  } catch {
    throw new ApiError({ code: 'network', message: 'the server could not be reached; check your connection and try again', status: 0, requestId: null });
  }
  let body: unknown = null;
  try {
    body = JSON.parse(await response.text()) as unknown;
  } catch {
    body = null;
  }
  const requestId = response.headers.get('x-request-id');
  if (!response.ok) {
    const error = body && typeof body === 'object' && 'error' in body ? (body as Partial<ApiErrorBody>).error : undefined;
    if (error && isErrorCode(error.code)) throw new ApiError({ code: error.code, message: String(error.message ?? ''), status: response.status, requestId: error.requestId ?? requestId, issues: error.issues ?? [] });
    if (response.status === 413) throw new ApiError({ code: 'payload_too_large', message: 'file: is larger than the import limit', status: 413, requestId });
    throw new ApiError({ code: 'internal', message: `the server answered ${response.status}`, status: response.status, requestId });
  }
  const parsed = ZOscalImportResult.safeParse(body);
  if (!parsed.success) throw new ApiError({ code: 'contract_mismatch', message: 'the server sent an answer this page does not understand; reload the page', status: response.status, requestId });
  return parsed.data;
}
