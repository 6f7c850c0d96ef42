/**
 * The permission matrix: every registered route × no session × every built-in role × a member of a
 * foreign organization × a narrowly scoped API token, checked against the permission catalogue.
 * Also fails on any /api/v1 route that was registered without declaring its access.
 * Returns the list of failures (empty = pass), so the meta-test can prove it catches broken routes.
 */
import type { FastifyInstance } from 'fastify';
import { ROLES, roleHasPermission, type Role } from '../../shared/permissions.js';
import type { AppContext } from '../kernel/context.js';
import { isMutation, isOrgRoute, type AnyRouteDef } from '../kernel/http/route.js';
import { buildApiToken, buildMember, buildOrganization, buildSession, type Credentials } from './factories.js';

const DUMMY_ID = '00000000-0000-4000-8000-000000000000';

export function concretePath(url: string, orgId: string): string {
  return url.replace(':orgId', orgId).replace(/:([A-Za-z]+)/g, DUMMY_ID);
}

interface Outcome {
  status: number;
  code: string | null;
}

async function call(app: FastifyInstance, route: { method: string; url: string }, orgId: string, headers: Record<string, string>): Promise<Outcome> {
  const mutation = isMutation(route.method);
  const response = await app.inject({
    method: route.method as 'GET',
    url: concretePath(route.url, orgId),
    headers: mutation ? { ...headers, 'content-type': 'application/json' } : headers,
    ...(mutation ? { payload: '{}' } : {}),
  });
  let code: string | null = null;
  try {
    code = (JSON.parse(response.body) as { error?: { code?: string } }).error?.code ?? null;
  } catch {
    code = null;
  }
  return { status: response.statusCode, code };
}

export interface MatrixOptions {
  /** Restrict to some routes (the meta-test uses it to stay fast). */
  filter?: (route: { method: string; url: string }) => boolean;
}

export async function runPermissionMatrix(app: FastifyInstance, ctx: AppContext, options: MatrixOptions = {}): Promise<string[]> {
  const failures: string[] = [];
  const keep = options.filter ?? (() => true);
  const registered = app.custos.routes.filter(keep);
  const registeredKeys = new Set(app.custos.routes.map((r) => `${r.method} ${r.url}`));

  // 1. Every API route must come from defineRoute (and so declare its access).
  for (const raw of app.custos.rawRoutes.filter(keep)) {
    if (raw.url.startsWith('/api/v1') && !registeredKeys.has(`${raw.method} ${raw.url}`)) {
      failures.push(`${raw.method} ${raw.url}: registered without a declared permission (use defineRoute)`);
      const anonymous = await call(app, raw, DUMMY_ID, {});
      if (anonymous.status < 400) failures.push(`${raw.method} ${raw.url}: answers ${anonymous.status} without a session`);
    }
  }

  const home = await buildOrganization(ctx, { name: 'Matrix Home Hospital' });
  const foreign = await buildOrganization(ctx, { name: 'Matrix Foreign Clinic' });
  const members = new Map<Role, string>();
  for (const role of ROLES) members.set(role, (await buildMember(ctx, home.id, role)).id);
  const foreignAdmin = await buildMember(ctx, foreign.id, 'admin');
  const tokenOwner = await buildMember(ctx, home.id, 'admin');
  const fresh = (userId: string): Promise<Credentials> => buildSession(ctx, userId);

  for (const route of registered) {
    const label = `${route.method} ${route.url} [${route.access}]`;
    const withCsrf = (c: Credentials) => (isMutation(route.method) ? c.mutationHeaders : c.headers);

    // No session.
    const anonymous = await call(app, route, home.id, {});
    if (route.access === 'public') {
      if (anonymous.status === 401 || anonymous.status === 403) failures.push(`${label}: public route refused an anonymous caller (${anonymous.status})`);
    } else if (anonymous.status !== 401) {
      failures.push(`${label}: expected 401 without a session, got ${anonymous.status}`);
    }
    if (route.access === 'public') continue;

    // Every role, in its own organization.
    for (const role of ROLES) {
      const outcome = await call(app, route, home.id, withCsrf(await fresh(members.get(role)!)));
      const allowed = route.access === 'authenticated' || roleHasPermission(role, route.access);
      if (allowed && (outcome.status === 401 || outcome.status === 403)) failures.push(`${label}: ${role} should be allowed, got ${outcome.status} ${outcome.code ?? ''}`);
      if (!allowed && (outcome.status !== 403 || outcome.code !== 'permission_denied')) failures.push(`${label}: ${role} should get 403 permission_denied, got ${outcome.status} ${outcome.code ?? ''}`);
    }

    // A member (even an admin) of another organization sees nothing: not-found wording.
    if (isOrgRoute(route as AnyRouteDef)) {
      const outcome = await call(app, route, home.id, withCsrf(await fresh(foreignAdmin.id)));
      if (outcome.status !== 404 || outcome.code !== 'not_found') failures.push(`${label}: foreign organization's admin should get 404 not_found, got ${outcome.status} ${outcome.code ?? ''}`);
    }

    // An API token scoped to org.read only: nothing else, and never account routes.
    const token = await buildApiToken(ctx, { userId: tokenOwner.id, organizationId: home.id, permissions: ['org.read'] });
    const viaToken = await call(app, route, home.id, token.headers);
    const tokenAllowed = route.access === 'org.read';
    if (tokenAllowed && (viaToken.status === 401 || viaToken.status === 403)) failures.push(`${label}: token scoped to org.read should be allowed, got ${viaToken.status}`);
    if (!tokenAllowed && viaToken.status !== 403) failures.push(`${label}: token scoped to org.read should get 403, got ${viaToken.status} ${viaToken.code ?? ''}`);

    // A token for the home organization is worthless in another one.
    if (isOrgRoute(route as AnyRouteDef)) {
      const outcome = await call(app, route, foreign.id, (await buildApiToken(ctx, { userId: tokenOwner.id, organizationId: home.id, permissions: [route.access as string] })).headers);
      if (outcome.status !== 404) failures.push(`${label}: a token of another organization should get 404, got ${outcome.status}`);
    }
  }
  return failures;
}
