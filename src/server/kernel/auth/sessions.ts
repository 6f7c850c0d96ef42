/** Browser sessions: a random token in an HttpOnly, SameSite=Strict cookie; only its SHA-256 is stored. */
import type { FastifyReply } from 'fastify';
import type { AuthMethod } from '../../../shared/audit-events.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import { newId, randomToken, sha256Hex } from '../crypto/tokens.js';
import { SESSION_COOKIE } from './principal.js';

export interface NewSession {
  id: string;
  token: string;
  csrfToken: string;
  expiresAt: string;
}

export async function createSession(ctx: AppContext, db: Db, input: { userId: string; authMethod: AuthMethod; ip: string | null; userAgent: string | null }): Promise<NewSession> {
  const now = ctx.clock.now();
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3_600_000).toISOString();
  const id = newId();
  await db
    .insertInto('sessions')
    .values({
      id,
      token_hash: sha256Hex(token),
      user_id: input.userId,
      csrf_token: csrfToken,
      auth_method: input.authMethod,
      ip: input.ip,
      user_agent: input.userAgent,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
    })
    .execute();
  return { id, token, csrfToken, expiresAt };
}

export function setSessionCookie(ctx: AppContext, reply: FastifyReply, session: NewSession): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: Boolean(ctx.config.tlsCert),
    path: '/',
    maxAge: ctx.config.sessionAbsoluteHours * 3600,
  });
}

export function clearSessionCookie(ctx: AppContext, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: Boolean(ctx.config.tlsCert), path: '/' });
}
