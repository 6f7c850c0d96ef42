/** Thin helpers over Fastify's inject for API tests. */
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../kernel/auth/principal.js';

export interface Reply<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Record<string, unknown>;
  /** The session cookie value set by this response, if any. */
  sessionCookie: string | null;
}

export async function request<T = any>(app: FastifyInstance, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, options: { headers?: Record<string, string>; body?: unknown } = {}): Promise<Reply<T>> {
  const hasBody = options.body !== undefined;
  const response = await app.inject({
    method,
    url,
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...(options.headers ?? {}) },
    ...(hasBody ? { payload: JSON.stringify(options.body) } : {}),
  });
  let body: unknown = null;
  try {
    body = JSON.parse(response.body);
  } catch {
    body = null;
  }
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  return { status: response.statusCode, body: body as T, text: response.body, headers: response.headers, sessionCookie: cookie && cookie.value ? cookie.value : null };
}

/** Headers of a browser that signed in: the cookie, plus the CSRF token for mutations. */
export function browser(cookie: string, csrfToken: string) {
  const headers = { cookie: `${SESSION_COOKIE}=${cookie}` };
  return { headers, mutationHeaders: { ...headers, 'x-csrf-token': csrfToken } };
}
