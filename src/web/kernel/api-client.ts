/**
 * The one way the web UI talks to the API: same-origin fetch with the session cookie, the CSRF token on
 * every mutation (A.8.26; the server refuses cookie-authenticated mutations without it), responses
 * checked against the shared zod contracts, and one error type carrying the API's stable code,
 * safe message, request id and field issues.
 */
import type { z } from 'zod';
import { isErrorCode, type ApiErrorBody, type ApiIssue, type ErrorCode } from '../../shared/errors.js';

/** Codes the client itself produces when no API error body is available. */
export type ClientErrorCode = ErrorCode | 'network' | 'contract_mismatch';

export class ApiError extends Error {
  readonly code: ClientErrorCode;
  readonly status: number;
  readonly requestId: string | null;
  readonly issues: ApiIssue[];

  constructor(options: { code: ClientErrorCode; message: string; status: number; requestId: string | null; issues?: ApiIssue[] }) {
    super(options.message);
    this.name = 'ApiError';
    this.code = options.code;
    this.status = options.status;
    this.requestId = options.requestId;
    this.issues = options.issues ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

let csrfToken: string | null = null;

/** Set from the sign-in response and from every /auth/session answer. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions<S extends z.ZodType> {
  method?: Method;
  /** Serialised as JSON; omitted entirely when undefined (an empty JSON body is refused). */
  body?: unknown;
  query?: Record<string, QueryValue>;
  /** The response contract; the parsed value is returned. */
  schema: S;
  signal?: AbortSignal;
}

/** Builds `/api/v1/...?a=1` leaving out empty values, so URLs stay short and shareable. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (!value || typeof value !== 'object' || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return Boolean(error && typeof error === 'object' && 'code' in error && isErrorCode((error as { code: unknown }).code));
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export async function apiRequest<S extends z.ZodType>(path: string, options: RequestOptions<S>): Promise<z.infer<S>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ code: 'network', message: 'the server could not be reached; check your connection and try again', status: 0, requestId: null });
  }

  const payload = await readJson(response);
  if (!response.ok) {
    if (isErrorBody(payload)) {
      const { code, message, requestId, issues } = payload.error;
      throw new ApiError({ code, message, status: response.status, requestId, issues });
    }
    throw new ApiError({ code: 'internal', message: `the server answered ${response.status}`, status: response.status, requestId: response.headers.get('x-request-id') });
  }
  const parsed = options.schema.safeParse(payload);
  if (!parsed.success) {
    throw new ApiError({ code: 'contract_mismatch', message: 'the server sent an answer this page does not understand; reload the page', status: response.status, requestId: null });
  }
  return parsed.data;
}
