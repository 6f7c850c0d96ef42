/**
 * Controls, their links, evidence and the starter library: queries and mutations over the controls
 * contracts. Keys start with ['organizations', orgId, 'controls'], so one invalidation after a change
 * refreshes the register, the detail and whatever counts controls.
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { ZOk, ZPage } from '../../../shared/contracts/common.js';
import {
  ZAdoptStarterResult,
  ZControlDetail,
  ZControlSummary,
  ZEvidence,
  ZRequirementOptions,
  ZStarterLibrary,
  type TAddEvidenceLinkRequest,
  type TControlListQuery,
  type TCreateControlRequest,
  type TEvidence,
  type TUpdateControlRequest,
} from '../../../shared/contracts/controls.js';
import { ApiError, apiRequest, apiUrl } from '../../kernel/api-client.js';
import { keepPreviousOfSameOrg, queryKeys } from '../../kernel/query.js';
import { isErrorCode } from '../../../shared/errors.js';

const orgPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;
const controlPath = (orgId: string, controlId: string) => `${orgPath(orgId)}/controls/${encodeURIComponent(controlId)}`;

export const controlKeys = {
  all: (orgId: string) => ['organizations', orgId, 'controls'] as const,
  list: (orgId: string, query: unknown) => ['organizations', orgId, 'controls', 'list', query] as const,
  detail: (orgId: string, controlId: string) => ['organizations', orgId, 'controls', 'detail', controlId] as const,
  starter: (orgId: string) => ['organizations', orgId, 'controls', 'starter'] as const,
  requirementOptions: (orgId: string, query: unknown) => ['organizations', orgId, 'controls', 'requirement-options', query] as const,
};

/** After any change: the controls, the audit trail, and pages derived from controls (SoA, HIPAA, readiness). */
export async function invalidateControls(queryClient: QueryClient, orgId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: controlKeys.all(orgId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents(orgId) }),
    queryClient.invalidateQueries({ queryKey: ['organizations', orgId, 'soa'] }),
    queryClient.invalidateQueries({ queryKey: ['organizations', orgId, 'readiness'] }),
    queryClient.invalidateQueries({ queryKey: ['organizations', orgId, 'hipaa'] }),
  ]);
}

const ZControlPage = ZPage(ZControlSummary);

export function controlsQuery(orgId: string, query: Partial<TControlListQuery>) {
  return queryOptions({
    queryKey: controlKeys.list(orgId, query),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/controls`, { schema: ZControlPage, query, signal }),
    placeholderData: keepPreviousOfSameOrg(orgId),
  });
}

export function controlQuery(orgId: string, controlId: string) {
  return queryOptions({
    queryKey: controlKeys.detail(orgId, controlId),
    queryFn: ({ signal }) => apiRequest(controlPath(orgId, controlId), { schema: ZControlDetail, signal }),
  });
}

export function starterLibraryQuery(orgId: string) {
  return queryOptions({
    queryKey: controlKeys.starter(orgId),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/controls/starter-library`, { schema: ZStarterLibrary, signal }),
  });
}

export function requirementOptionsQuery(orgId: string, query: { q?: string; frameworkId?: string; limit?: number }) {
  return queryOptions({
    queryKey: controlKeys.requirementOptions(orgId, query),
    queryFn: ({ signal }) => apiRequest(`${orgPath(orgId)}/controls/requirement-options`, { schema: ZRequirementOptions, query, signal }),
    placeholderData: (previous) => previous,
  });
}

export const createControl = (orgId: string, body: TCreateControlRequest) => apiRequest(`${orgPath(orgId)}/controls`, { method: 'POST', body, schema: ZControlDetail });
export const updateControl = (orgId: string, controlId: string, body: TUpdateControlRequest) => apiRequest(controlPath(orgId, controlId), { method: 'PATCH', body, schema: ZControlDetail });
export const deleteControl = (orgId: string, controlId: string) => apiRequest(controlPath(orgId, controlId), { method: 'DELETE', schema: ZOk });
export const adoptStarter = (orgId: string) => apiRequest(`${orgPath(orgId)}/controls/adopt-starter`, { method: 'POST', schema: ZAdoptStarterResult });
export const linkRequirements = (orgId: string, controlId: string, requirementIds: string[]) => apiRequest(`${controlPath(orgId, controlId)}/requirements`, { method: 'POST', body: { requirementIds }, schema: ZControlDetail });
export const unlinkRequirement = (orgId: string, controlId: string, requirementId: string) => apiRequest(`${controlPath(orgId, controlId)}/requirements/${encodeURIComponent(requirementId)}`, { method: 'DELETE', schema: ZControlDetail });
export const linkAssets = (orgId: string, controlId: string, assetIds: string[]) => apiRequest(`${controlPath(orgId, controlId)}/assets`, { method: 'POST', body: { assetIds }, schema: ZControlDetail });
export const unlinkAsset = (orgId: string, controlId: string, assetId: string) => apiRequest(`${controlPath(orgId, controlId)}/assets/${encodeURIComponent(assetId)}`, { method: 'DELETE', schema: ZControlDetail });
export const addEvidenceLink = (orgId: string, controlId: string, body: TAddEvidenceLinkRequest) => apiRequest(`${controlPath(orgId, controlId)}/evidence/link`, { method: 'POST', body, schema: ZEvidence });
export const removeEvidence = (orgId: string, controlId: string, evidenceId: string) => apiRequest(`${controlPath(orgId, controlId)}/evidence/${encodeURIComponent(evidenceId)}`, { method: 'DELETE', schema: ZOk });

/** A plain link: the browser downloads with the session cookie (a GET needs no CSRF token). */
export const evidenceDownloadUrl = (orgId: string, controlId: string, evidenceId: string) => apiUrl(`${controlPath(orgId, controlId)}/evidence/${encodeURIComponent(evidenceId)}/download`);

export interface UploadOptions {
  orgId: string;
  controlId: string;
  file: File;
  title?: string;
  expiresOn?: string;
  csrfToken: string;
  onProgress: (percent: number) => void;
  signal?: AbortSignal;
}

/**
 * Upload with progress (fetch cannot report upload progress; XMLHttpRequest can). The body is the file
 * itself with its own content type; the server sniffs it and refuses what it does not accept.
 */
export function uploadEvidence(options: UploadOptions): Promise<TEvidence> {
  const url = apiUrl(`${controlPath(options.orgId, options.controlId)}/evidence/file`, { fileName: options.file.name, title: options.title || undefined, expiresOn: options.expiresOn || undefined });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', options.file.type || 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-csrf-token', options.csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError({ code: 'network', message: 'the server could not be reached; check your connection and try again', status: 0, requestId: null }));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.onload = () => {
      let payload: unknown = null;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        payload = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        const parsed = ZEvidence.safeParse(payload);
        if (parsed.success) resolve(parsed.data);
        else reject(new ApiError({ code: 'contract_mismatch', message: 'the server sent an answer this page does not understand; reload the page', status: xhr.status, requestId: null }));
        return;
      }
      const error = (payload as { error?: { code?: unknown; message?: string; requestId?: string; issues?: { path: string; message: string }[] } } | null)?.error;
      if (error && isErrorCode(error.code)) reject(new ApiError({ code: error.code, message: error.message ?? 'upload refused', status: xhr.status, requestId: error.requestId ?? null, issues: error.issues }));
      else reject(new ApiError({ code: xhr.status === 413 ? 'payload_too_large' : 'internal', message: xhr.status === 413 ? 'file: is larger than the upload limit' : `the server answered ${xhr.status}`, status: xhr.status, requestId: null }));
    };
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(options.file);
  });
}
