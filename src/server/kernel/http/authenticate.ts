/**
 * Per-route access enforcement, run when the request arrives (before its body is parsed):
 * who is calling (session cookie or API token), CSRF for cookie-authenticated mutations, organization
 * membership (not-found wording, so existence does not leak), the route's permission, and mandatory MFA.
 * (A.5.15 access control; A.8.5 secure authentication; 45 CFR 164.312(a)(1) access control.)
 */
import type { FastifyRequest } from 'fastify';
import { principalFromApiToken, principalFromSession, SESSION_COOKIE, type Principal } from '../auth/principal.js';
import { resolveOrgAccess } from '../authz/membership.js';
import type { AppContext } from '../context.js';
import { safeEqual } from '../crypto/tokens.js';
import { AppError } from '../errors.js';
import { isMutation, isOrgRoute, type AnyRouteDef } from './route.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function identify(ctx: AppContext, request: FastifyRequest): Promise<Principal | null> {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && authorization.length > 0) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new AppError('unauthenticated', 'authorization: must be "Bearer <API token>"');
    const principal = await principalFromApiToken(ctx, match[1]!);
    if (!principal) throw new AppError('unauthenticated', 'authorization: the API token is invalid, expired or revoked');
    return principal;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  return principalFromSession(ctx, cookie);
}

export function authenticateRoute(ctx: AppContext, def: AnyRouteDef) {
  const orgRoute = isOrgRoute(def);
  return async (request: FastifyRequest): Promise<void> => {
    const userAgent = typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'].slice(0, 512) : null;
    const base = { requestId: String(request.id), ip: request.ip, userAgent };
    const anonymousActor = { userId: null, label: 'anonymous', authMethod: 'none' as const, ip: request.ip, requestId: String(request.id) };
    request.call = { ...base, principal: null, org: null, actor: anonymousActor };

    const principal = def.access === 'public' ? await identify(ctx, request).catch(() => null) : await identify(ctx, request);
    if (principal) {
      request.call = {
        ...base,
        principal,
        org: null,
        actor: { userId: principal.userId, label: principal.email, authMethod: principal.authMethod, ip: request.ip, requestId: String(request.id) },
      };
    }
    if (def.access === 'public') return;
    if (!principal) {
      const hadSession = Boolean(request.cookies[SESSION_COOKIE]);
      throw new AppError('unauthenticated', hadSession ? 'your session has ended (signed out, timed out or revoked); sign in again' : 'sign in first');
    }

    if (principal.kind === 'session' && isMutation(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !principal.csrfToken || !safeEqual(header, principal.csrfToken)) {
        throw new AppError('csrf_failed', 'x-csrf-token: header is missing or does not match the session');
      }
    }
    if (def.access === 'authenticated') {
      // API tokens act only inside their organization and scope; account routes need a person's session.
      if (principal.kind === 'token') throw new AppError('permission_denied', 'API tokens cannot use account routes');
      return;
    }
    if (!orgRoute) throw new AppError('permission_denied', 'permission denied');
    const orgId = (request.params as { orgId?: string }).orgId ?? '';
    if (!UUID.test(orgId)) throw new AppError('not_found', 'organization not found');
    const access = await resolveOrgAccess(ctx.database.db, principal, orgId.toLowerCase(), ctx.clock.now());
    if (!access) throw new AppError('not_found', 'organization not found');
    if (!access.permissions.includes(def.access)) {
      throw new AppError('permission_denied', `permission denied: your role (${access.role}) does not include ${def.access}`);
    }
    if (access.mfaRequired && !principal.mfaEnabled && principal.kind === 'session') {
      throw new AppError('mfa_enrolment_required', 'this organization requires two-factor authentication: enrol under My account first');
    }
    request.call = { ...request.call, org: access };
  };
}
