/**
 * Uploading a risk register file (ISO/IEC 27001:2022 6.1.2 e, 8.2): the raw file is the request body (no
 * multipart), with its format, dry-run and name in the query — as risk-io.routes.ts reads it. XMLHttpRequest
 * rather than fetch, because only it reports upload progress. The CSRF token and the error shape are the
 * same as every other API call (kernel/api-client.ts); the asset import (assets/asset-import-api.ts) does the same.
 */
import { ZRiskImportReport, type TRiskImportReport } from '../../../shared/contracts/risks.js';
import { isErrorCode, type ApiErrorBody } from '../../../shared/errors.js';
import { ApiError, apiUrl } from '../../kernel/api-client.js';
import type { RiskExportFormat } from './risks-api.js';

export type RiskFileFormat = RiskExportFormat;

const CONTENT_TYPES: Record<RiskFileFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
};

export function riskFormatOfFile(name: string): RiskFileFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (extension === 'csv' || extension === 'txt') return 'csv';
  if (extension === 'xlsx') return 'xlsx';
  if (extension === 'json') return 'json';
  return null;
}

export interface RiskImportUpload {
  orgId: string;
  file: File;
  format: RiskFileFormat;
  dryRun: boolean;
  csrfToken: string | null;
  /** 0–100 while the file is sent. */
  onProgress?: (percent: number) => void;
}

function errorOf(status: number, body: unknown, requestId: string | null): ApiError {
  const error = body && typeof body === 'object' && 'error' in body ? (body as Partial<ApiErrorBody>).error : undefined;
  if (error && typeof error === 'object' && isErrorCode(error.code)) {
    return new ApiError({ code: error.code, message: String(error.message ?? ''), status, requestId: error.requestId ?? requestId, issues: error.issues ?? [] });
  }
  return new ApiError({ code: 'internal', message: `the server answered ${status}`, status, requestId });
}

export function uploadRiskImport(upload: RiskImportUpload): Promise<TRiskImportReport> {
  const { orgId, file, format, dryRun, csrfToken, onProgress } = upload;
  const url = apiUrl(`/orgs/${encodeURIComponent(orgId)}/risks/import`, { format, dryRun: dryRun ? 'yes' : 'no', filename: file.name.slice(0, 255) });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', CONTENT_TYPES[format]);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError({ code: 'network', message: 'the server could not be reached; check your connection and try again', status: 0, requestId: null }));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : null;
      } catch {
        body = null;
      }
      const requestId = xhr.getResponseHeader('x-request-id');
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(errorOf(xhr.status, body, requestId));
        return;
      }
      const parsed = ZRiskImportReport.safeParse(body);
      if (!parsed.success) {
        reject(new ApiError({ code: 'contract_mismatch', message: 'the server sent an answer this page does not understand; reload the page', status: xhr.status, requestId }));
        return;
      }
      onProgress?.(100);
      resolve(parsed.data);
    };
    xhr.send(file);
  });
}
