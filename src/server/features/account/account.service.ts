/**
 * My account (A.5.17 authentication information; A.8.5 secure authentication): change password,
 * enrol or remove TOTP, recovery codes, my sessions, my API tokens. Each change is one transaction with
 * its audit event. TOTP secrets are stored only envelope-encrypted.
 */
import { z } from 'zod';
import type { TChangePasswordRequest, TCreateApiTokenRequest } from '../../../shared/contracts/account.js';
import { ZApiTokenItem, ZSessionItem } from '../../../shared/contracts/account.js';
import type { Permission } from '../../../shared/permissions.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordUserEvent } from '../../kernel/audit/record.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../kernel/auth/passwords.js';
import { API_TOKEN_PREFIX, type Principal } from '../../kernel/auth/principal.js';
import { replaceRecoveryCodes } from '../../kernel/auth/recovery-codes.js';
import { checkTotp, newTotpSecret, totpQrSvg, totpUri } from '../../kernel/auth/totp.js';
import { resolveOrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { decryptString, encryptString } from '../../kernel/crypto/envelope.js';
import { newId, randomToken, sha256Hex } from '../../kernel/crypto/tokens.js';
import { AppError, fieldError, notFound } from '../../kernel/errors.js';
import * as repo from './account.repository.js';

const totpContext = (userId: string) => `users.totp_secret:${userId}`;
const pendingContext = (userId: string) => `users.totp_pending_secret:${userId}`;

export async function changePassword(ctx: AppContext, principal: Principal, actor: AuditActor, input: TChangePasswordRequest): Promise<void> {
  const db = ctx.database.db;
  const user = await repo.getUser(db, principal.userId);
  if (!user.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) throw fieldError('body.currentPassword', 'is not your current password');
  const problem = passwordProblem(input.newPassword, { email: user.email });
  if (problem) throw fieldError('body.newPassword', problem);
  if (await verifyPassword(user.password_hash, input.newPassword)) throw fieldError('body.newPassword', 'must differ from the current password');
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: now.toISOString(), updated_at: now.toISOString() }).where('id', '=', user.id).execute();
    // A changed password ends every other session (someone else may know the old one).
    await repo.revokeOtherSessions(trx, user.id, principal.sessionId, now);
    await recordUserEvent(ctx, trx, actor, user.id, { type: 'auth.password_changed', subjectType: 'user', subjectId: user.id });
  });
}

export async function startMfaEnrolment(ctx: AppContext, principal: Principal, actor: AuditActor) {
  const user = await repo.getUser(ctx.database.db, principal.userId);
  if (user.mfa_enabled) throw new AppError('conflict', 'two-factor authentication is already enabled; remove it first to enrol a new device');
  const secret = newTotpSecret();
  await ctx.database.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ totp_pending_secret: encryptString(ctx.keyring, secret, pendingContext(user.id)), updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', user.id)
      .execute();
    await recordUserEvent(ctx, trx, actor, user.id, { type: 'auth.mfa_enrolment_started', subjectType: 'user', subjectId: user.id });
  });
  const otpauthUri = totpUri(secret, user.email);
  return { secret, otpauthUri, qrCodeSvg: await totpQrSvg(otpauthUri) };
}

export async function confirmMfaEnrolment(ctx: AppContext, principal: Principal, actor: AuditActor, code: string) {
  const db = ctx.database.db;
  const user = await repo.getUser(db, principal.userId);
  if (user.mfa_enabled) throw new AppError('conflict', 'two-factor authentication is already enabled');
  if (!user.totp_pending_secret) throw new AppError('bad_request', 'start the enrolment first');
  const secret = decryptString(ctx.keyring, user.totp_pending_secret, pendingContext(user.id));
  const now = ctx.clock.now();
  const step = await checkTotp(secret, code, { now, afterStep: null });
  if (step === null) throw fieldError('body.code', 'does not match; check the time on your phone and try the next code');
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ mfa_enabled: 1, totp_secret: encryptString(ctx.keyring, secret, totpContext(user.id)), totp_pending_secret: null, totp_last_step: step, updated_at: now.toISOString() })
      .where('id', '=', user.id)
      .execute();
    const recoveryCodes = await replaceRecoveryCodes(trx, user.id, now);
    await recordUserEvent(ctx, trx, actor, user.id, { type: 'auth.mfa_enabled', subjectType: 'user', subjectId: user.id });
    return { recoveryCodes };
  });
}

async function requireCurrentTotp(ctx: AppContext, user: { id: string; totp_secret: string | null; totp_last_step: number | null }, code: string): Promise<number> {
  if (!user.totp_secret) throw new AppError('bad_request', 'two-factor authentication is not enabled');
  const secret = decryptString(ctx.keyring, user.totp_secret, totpContext(user.id));
  const step = await checkTotp(secret, code, { now: ctx.clock.now(), afterStep: user.totp_last_step ?? null });
  if (step === null) throw fieldError('body.code', 'does not match the authenticator app');
  return step;
}

export async function disableMfa(ctx: AppContext, principal: Principal, actor: AuditActor, input: { password: string; code: string }): Promise<void> {
  const db = ctx.database.db;
  const user = await repo.getUser(db, principal.userId);
  if (!user.mfa_enabled) throw new AppError('bad_request', 'two-factor authentication is not enabled');
  if (!user.password_hash || !(await verifyPassword(user.password_hash, input.password))) throw fieldError('body.password', 'is not your current password');
  await requireCurrentTotp(ctx, user, input.code);
  const requiring = await db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
    .select('organizations.name')
    .where('memberships.user_id', '=', user.id)
    .where('organizations.mfa_required', '=', 1)
    .executeTakeFirst();
  if (requiring) throw new AppError('conflict', `${requiring.name} requires two-factor authentication; it cannot be removed`);
  const now = ctx.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ mfa_enabled: 0, totp_secret: null, totp_pending_secret: null, totp_last_step: null, updated_at: now }).where('id', '=', user.id).execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', user.id).execute();
    await recordUserEvent(ctx, trx, actor, user.id, { type: 'auth.mfa_disabled', subjectType: 'user', subjectId: user.id });
  });
}

export async function regenerateRecoveryCodes(ctx: AppContext, principal: Principal, actor: AuditActor, code: string) {
  const db = ctx.database.db;
  const user = await repo.getUser(db, principal.userId);
  const step = await requireCurrentTotp(ctx, user, code);
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ totp_last_step: step }).where('id', '=', user.id).execute();
    const recoveryCodes = await replaceRecoveryCodes(trx, user.id, ctx.clock.now());
    await recordUserEvent(ctx, trx, actor, user.id, { type: 'auth.recovery_codes_regenerated', subjectType: 'user', subjectId: user.id });
    return { recoveryCodes };
  });
}

export async function listMySessions(ctx: AppContext, principal: Principal): Promise<{ items: z.input<typeof ZSessionItem>[] }> {
  const rows = await repo.listSessions(ctx.database.db, principal.userId, ctx.clock.now());
  return {
    items: rows.map((r) => ({ id: r.id, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at, ip: r.ip, userAgent: r.user_agent, authMethod: r.auth_method, isCurrent: r.id === principal.sessionId })),
  };
}

export async function revokeMySession(ctx: AppContext, principal: Principal, actor: AuditActor, sessionId: string): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await repo.revokeSessionOf(trx, principal.userId, sessionId, ctx.clock.now()))) throw notFound('session');
    await recordUserEvent(ctx, trx, actor, principal.userId, { type: 'auth.session_revoked', subjectType: 'session', subjectId: sessionId });
  });
}

type TokenRow = Awaited<ReturnType<typeof repo.listTokens>>[number];
function presentToken(row: TokenRow): z.input<typeof ZApiTokenItem> {
  return {
    id: row.id,
    name: row.name,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    prefix: row.prefix,
    permissions: JSON.parse(row.permissions) as string[],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function listMyTokens(ctx: AppContext, principal: Principal) {
  return { items: (await repo.listTokens(ctx.database.db, principal.userId)).map(presentToken) };
}

/** A token may carry only permissions its owner holds in that organization today (deny by default). */
export async function createMyToken(ctx: AppContext, principal: Principal, actor: AuditActor, input: TCreateApiTokenRequest) {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const access = await resolveOrgAccess(db, principal, input.organizationId, now);
  if (!access) throw fieldError('body.organizationId', 'is not an organization you belong to');
  const missing = input.permissions.filter((p) => !access.permissions.includes(p as Permission));
  if (missing.length) throw fieldError('body.permissions', `your role does not include ${missing.join(', ')}`);
  const secret = `${API_TOKEN_PREFIX}${randomToken(32)}`;
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('api_tokens')
      .values({
        id,
        user_id: principal.userId,
        organization_id: input.organizationId,
        name: input.name,
        prefix: secret.slice(0, 10),
        token_hash: sha256Hex(secret),
        permissions: JSON.stringify([...new Set(input.permissions)].sort()),
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString(),
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    await recordUserEvent(ctx, trx, actor, principal.userId, { type: 'auth.api_token_created', subjectType: 'api_token', subjectId: id, changes: { name: input.name, organizationId: input.organizationId, scopes: input.permissions, expiresInDays: input.expiresInDays } });
  });
  const row = (await repo.listTokens(db, principal.userId)).find((r) => r.id === id)!;
  return { token: secret, item: presentToken(row) };
}

export async function revokeMyToken(ctx: AppContext, principal: Principal, actor: AuditActor, tokenId: string): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await repo.revokeToken(trx, principal.userId, tokenId, ctx.clock.now()))) throw notFound('API token');
    await recordUserEvent(ctx, trx, actor, principal.userId, { type: 'auth.api_token_revoked', subjectType: 'api_token', subjectId: tokenId });
  });
}
