/** Sign-in routes. */
import { z } from 'zod';
import { ZLoginRequest, ZLoginResponse, ZMfaRequest, ZSessionResponse } from '../../../shared/contracts/auth.js';
import { defineRoute } from '../../kernel/http/route.js';
import * as service from './auth.service.js';

const tags = ['auth'];
const SIGN_IN_LIMIT = { max: 30, timeWindowMs: 60_000 };

export const authRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/login',
    operationId: 'auth.login',
    summary: 'Sign in with e-mail and password',
    description: 'Answers `{status: "ok"}` with the session cookie, or `{status: "mfa_required", challengeId}` to be completed by `auth.mfa`.',
    access: 'public',
    tags,
    body: ZLoginRequest,
    response: ZLoginResponse,
    rateLimit: SIGN_IN_LIMIT,
    handler: ({ app, reply, call, body }) => service.login(app, reply, call, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/mfa',
    operationId: 'auth.mfa',
    summary: 'Complete sign-in with a TOTP code or a recovery code',
    access: 'public',
    tags,
    body: ZMfaRequest,
    response: ZLoginResponse,
    rateLimit: SIGN_IN_LIMIT,
    handler: ({ app, reply, call, body }) => service.completeMfa(app, reply, call, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/logout',
    operationId: 'auth.logout',
    summary: 'Sign out and revoke this session',
    access: 'authenticated',
    tags,
    response: z.object({ ok: z.literal(true) }),
    handler: async ({ app, reply, call }) => {
      await service.logout(app, reply, call.principal!, call.actor);
      return { ok: true as const };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/auth/session',
    operationId: 'auth.session',
    summary: 'The signed-in user, their organizations and permissions, and the CSRF token',
    access: 'authenticated',
    tags,
    response: ZSessionResponse,
    handler: ({ app, call }) => service.sessionInfo(app, call.principal!),
  }),
];
