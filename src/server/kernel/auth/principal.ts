/**
 * Who is calling: a browser session (cookie) or an API token (Bearer). Sessions have an idle and an
 * absolute timeout (A.8.5; 45 CFR 164.312(a)(2)(iii) automatic logoff); tokens have an expiry and a
 * permission scope bound to one organization. Both live in the database so any app node can serve them.
 */
import type { AuthMethod } from '../../../shared/audit-events.js';
import type { Permission } from '../../../shared/permissions.js';
import type { AppContext } from '../context.js';
import { sha256Hex } from '../crypto/tokens.js';

export const SESSION_COOKIE = 'custos_session';
export const API_TOKEN_PREFIX = 'cst_';
const TOUCH_INTERVAL_MS = 60_000;

export interface Principal {
  kind: 'session' | 'token';
  userId: string;
  email: string;
  displayName: string;
  mfaEnabled: boolean;
  authMethod: AuthMethod;
  sessionId: string | null;
  csrfToken: string | null;
  sessionExpiresAt: string | null;
  tokenId: string | null;
  tokenOrganizationId: string | null;
  tokenPermissions: Permission[] | null;
}

export async function principalFromSession(ctx: AppContext, token: string): Promise<Principal | null> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.csrf_token',
      'sessions.auth_method',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.revoked_at',
      'users.id as user_id',
      'users.email',
      'users.display_name',
      'users.mfa_enabled',
      'users.is_disabled',
    ])
    .where('sessions.token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.is_disabled) return null;
  const idleDeadline = new Date(row.last_seen_at).getTime() + ctx.config.sessionIdleMinutes * 60_000;
  if (now.getTime() >= new Date(row.expires_at).getTime() || now.getTime() >= idleDeadline) return null;
  if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', row.session_id).execute();
  }
  return {
    kind: 'session',
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    mfaEnabled: row.mfa_enabled === 1,
    authMethod: row.auth_method as AuthMethod,
    sessionId: row.session_id,
    csrfToken: row.csrf_token,
    sessionExpiresAt: row.expires_at,
    tokenId: null,
    tokenOrganizationId: null,
    tokenPermissions: null,
  };
}

export async function principalFromApiToken(ctx: AppContext, token: string): Promise<Principal | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.organization_id',
      'api_tokens.permissions',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'users.id as user_id',
      'users.email',
      'users.display_name',
      'users.mfa_enabled',
      'users.is_disabled',
    ])
    .where('api_tokens.token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.is_disabled) return null;
  if (now.getTime() >= new Date(row.expires_at).getTime()) return null;
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > TOUCH_INTERVAL_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.token_id).execute();
  }
  return {
    kind: 'token',
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    mfaEnabled: row.mfa_enabled === 1,
    authMethod: 'api_token',
    sessionId: null,
    csrfToken: null,
    sessionExpiresAt: null,
    tokenId: row.token_id,
    tokenOrganizationId: row.organization_id,
    tokenPermissions: JSON.parse(row.permissions) as Permission[],
  };
}
