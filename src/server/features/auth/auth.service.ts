/**
 * Sign-in (ISO/IEC 27001:2022 A.8.5 secure authentication; 45 CFR 164.312(d) person or entity
 * authentication). Password, then TOTP or a one-time recovery code when the account has MFA.
 * Failures never say whether the address exists; repeated failures lock the address and the IP for a
 * while; every outcome is in the audit trail.
 */
import type { FastifyReply } from 'fastify';
import type { TLoginRequest, TLoginResponse, TMfaRequest, TSessionResponse } from '../../../shared/contracts/auth.js';
import { ALL_PERMISSIONS, type Permission } from '../../../shared/permissions.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent, recordUserEvent } from '../../kernel/audit/record.js';
import { dummyPasswordHash, verifyPassword } from '../../kernel/auth/passwords.js';
import type { Principal } from '../../kernel/auth/principal.js';
import { hashRecoveryCode } from '../../kernel/auth/recovery-codes.js';
import { clearSessionCookie, createSession, setSessionCookie } from '../../kernel/auth/sessions.js';
import { LOGIN_EMAIL_RULE, LOGIN_IP_RULE, throttleClear, throttleFail, throttleWait } from '../../kernel/auth/throttle.js';
import { checkTotp } from '../../kernel/auth/totp.js';
import { effectivePermissions, isRole } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { decryptString } from '../../kernel/crypto/envelope.js';
import { randomToken } from '../../kernel/crypto/tokens.js';
import { AppError } from '../../kernel/errors.js';
import * as repo from './auth.repository.js';

const CHALLENGE_TTL_MS = 5 * 60_000;
const CHALLENGE_MAX_ATTEMPTS = 5;

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

function anonymous(meta: RequestMeta, label: string): AuditActor {
  return { userId: null, label, authMethod: 'none', ip: meta.ip, requestId: meta.requestId };
}

async function refuse(ctx: AppContext, meta: RequestMeta, email: string, reason: string, userId: string | null, message = 'e-mail or password is wrong'): Promise<never> {
  const now = ctx.clock.now();
  const db = ctx.database.db;
  await throttleFail(db, `ip:${meta.ip}`, LOGIN_IP_RULE, now);
  const attempts = await throttleFail(db, `email:${email}`, LOGIN_EMAIL_RULE, now);
  // Log-in monitoring (164.308(a)(5)(ii)(C)): a known account's failures go to its organizations' chains,
  // so their auditors see them; attempts on unknown addresses go to the system chain.
  await db.transaction().execute(async (trx) => {
    const actor = { ...anonymous(meta, email), userId };
    const write = (input: { type: 'auth.login_failed' | 'auth.account_locked'; changes: Record<string, unknown> }) =>
      userId
        ? recordUserEvent(ctx, trx, actor, userId, { ...input, subjectType: 'user', subjectId: userId })
        : recordEvent(ctx, trx, actor, { ...input, organizationId: null, subjectType: 'user', subjectId: null });
    await write({ type: 'auth.login_failed', changes: { email, reason } });
    if (attempts === LOGIN_EMAIL_RULE.max) await write({ type: 'auth.account_locked', changes: { email, minutes: LOGIN_EMAIL_RULE.windowMs / 60_000 } });
  });
  throw new AppError('invalid_credentials', message);
}

async function assertNotThrottled(ctx: AppContext, meta: RequestMeta, email: string): Promise<void> {
  const now = ctx.clock.now();
  const ipWait = await throttleWait(ctx.database.db, `ip:${meta.ip}`, LOGIN_IP_RULE, now);
  if (ipWait > 0) throw new AppError('rate_limited', `too many sign-in attempts from this address; try again in ${Math.ceil(ipWait / 60)} minutes`);
  const emailWait = await throttleWait(ctx.database.db, `email:${email}`, LOGIN_EMAIL_RULE, now);
  if (emailWait > 0) throw new AppError('locked', `too many failed sign-ins for this account; try again in ${Math.ceil(emailWait / 60)} minutes`);
}

async function startSession(ctx: AppContext, reply: FastifyReply, meta: RequestMeta, user: { id: string; email: string; display_name: string; mfa_enabled: number }, method: 'password' | 'password_mfa' | 'recovery_code') {
  const now = ctx.clock.now();
  const session = await ctx.database.db.transaction().execute(async (trx) => {
    const created = await createSession(ctx, trx, { userId: user.id, authMethod: method, ip: meta.ip, userAgent: meta.userAgent });
    await repo.markLogin(trx, user.id, now);
    const actor: AuditActor = { userId: user.id, label: user.email, authMethod: method, ip: meta.ip, requestId: meta.requestId };
    if (method === 'recovery_code') await recordUserEvent(ctx, trx, actor, user.id, { type: 'auth.recovery_code_used', subjectType: 'user', subjectId: user.id });
    await recordUserEvent(ctx, trx, actor, user.id, { type: 'auth.login_succeeded', subjectType: 'session', subjectId: created.id, changes: { method, userAgent: meta.userAgent } });
    return created;
  });
  await throttleClear(ctx.database.db, `email:${user.email}`);
  setSessionCookie(ctx, reply, session);
  return { status: 'ok' as const, user: { id: user.id, email: user.email, displayName: user.display_name, mfaEnabled: user.mfa_enabled === 1 }, csrfToken: session.csrfToken };
}

export async function login(ctx: AppContext, reply: FastifyReply, meta: RequestMeta, input: TLoginRequest): Promise<TLoginResponse> {
  const email = input.email.trim().toLowerCase();
  await assertNotThrottled(ctx, meta, email);
  const user = await repo.findUserByEmail(ctx.database.db, email);
  if (!user || !user.password_hash) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    return refuse(ctx, meta, email, 'unknown account', null);
  }
  if (!(await verifyPassword(user.password_hash, input.password))) return refuse(ctx, meta, email, 'wrong password', user.id);
  if (user.is_disabled) return refuse(ctx, meta, email, 'account disabled', user.id);
  if (user.mfa_enabled && user.totp_secret) {
    const token = randomToken(32);
    await repo.createChallenge(ctx.database.db, { token, userId: user.id, ip: meta.ip, now: ctx.clock.now(), ttlMs: CHALLENGE_TTL_MS });
    return { status: 'mfa_required', challengeId: token };
  }
  return startSession(ctx, reply, meta, user, 'password');
}

export async function completeMfa(ctx: AppContext, reply: FastifyReply, meta: RequestMeta, input: TMfaRequest): Promise<TLoginResponse> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const challenge = await repo.findChallenge(db, input.challengeId);
  if (!challenge || challenge.consumed_at || new Date(challenge.expires_at) <= now || challenge.attempts >= CHALLENGE_MAX_ATTEMPTS) {
    throw new AppError('invalid_credentials', 'the sign-in has expired; start again with your password');
  }
  const user = await repo.findUserById(db, challenge.user_id);
  if (!user || user.is_disabled || !user.totp_secret) throw new AppError('invalid_credentials', 'the sign-in has expired; start again with your password');
  await repo.countChallengeAttempt(db, challenge.id);

  const code = input.code.replace(/\s+/g, '');
  let method: 'password_mfa' | 'recovery_code' | null = null;
  if (/^\d{6}$/.test(code)) {
    const secret = decryptString(ctx.keyring, user.totp_secret, `users.totp_secret:${user.id}`);
    const step = await checkTotp(secret, code, { now, afterStep: user.totp_last_step ?? null });
    if (step !== null) {
      await repo.setTotpLastStep(db, user.id, step);
      method = 'password_mfa';
    }
  } else if (await repo.useRecoveryCode(db, user.id, hashRecoveryCode(code), now)) {
    method = 'recovery_code';
  }
  if (!method) return refuse(ctx, meta, user.email, 'wrong second-factor code', user.id, 'code: is wrong or already used; enter the current code from your authenticator app or a recovery code');
  if (!(await repo.consumeChallenge(db, challenge.id, now))) throw new AppError('invalid_credentials', 'the sign-in has expired; start again with your password');
  return startSession(ctx, reply, meta, user, method);
}

export async function logout(ctx: AppContext, reply: FastifyReply, principal: Principal, actor: AuditActor): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    if (principal.sessionId) await repo.revokeSession(trx, principal.sessionId, ctx.clock.now());
    await recordUserEvent(ctx, trx, actor, principal.userId, { type: 'auth.logged_out', subjectType: 'session', subjectId: principal.sessionId });
  });
  clearSessionCookie(ctx, reply);
}

export async function sessionInfo(ctx: AppContext, principal: Principal): Promise<TSessionResponse> {
  const now = ctx.clock.now();
  const rows = await repo.listActiveMemberships(ctx.database.db, principal.userId, now);
  const memberships = rows
    .filter((row) => isRole(row.role))
    .map((row) => {
      const role = row.role as Parameters<typeof effectivePermissions>[0];
      return {
        organizationId: row.id,
        organizationName: row.name,
        organizationSlug: row.slug,
        parentId: row.parent_id,
        role,
        expiresAt: row.expires_at,
        mfaRequired: row.mfa_required === 1,
        timeZone: row.time_zone,
        permissions: effectivePermissions(role, principal).filter((p): p is Permission => ALL_PERMISSIONS.includes(p)),
      };
    });
  return {
    user: { id: principal.userId, email: principal.email, displayName: principal.displayName, mfaEnabled: principal.mfaEnabled },
    csrfToken: principal.csrfToken ?? '',
    memberships,
    mustEnrolMfa: !principal.mfaEnabled && memberships.some((m) => m.mfaRequired),
    isDemo: rows.some((row) => row.is_demo === 1),
    session: { idleTimeoutSeconds: ctx.config.sessionIdleMinutes * 60, expiresAt: principal.sessionExpiresAt ?? '' },
  };
}
