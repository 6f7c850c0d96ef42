/**
 * `build<Entity>()` factories: realistic records written through the same services the app uses, with
 * overridable fields. Sessions and tokens are created directly (fast) and returned ready to send.
 */
import { hash } from '@node-rs/argon2';
import type { Role } from '../../shared/permissions.js';
// The feature list registers the features' hooks (e.g. the default classification scheme of a new organization).
import '../features/index.js';
import { addMembershipIn, createOrganizationIn } from '../features/organizations/index.js';
import type { AuditActor } from '../kernel/audit/chain.js';
import { API_TOKEN_PREFIX, SESSION_COOKIE } from '../kernel/auth/principal.js';
import { createSession } from '../kernel/auth/sessions.js';
import type { AppContext } from '../kernel/context.js';
import { newId, randomToken, sha256Hex } from '../kernel/crypto/tokens.js';

export const TEST_PASSWORD = 'correct horse battery staple 42';
let cachedHash: Promise<string> | null = null;
/** Hashing at production cost for every test user would dominate the suite: hash once, reuse. */
function testPasswordHash(): Promise<string> {
  cachedHash ??= hash(TEST_PASSWORD, { algorithm: 2, memoryCost: 47104, timeCost: 1, parallelism: 1 });
  return cachedHash;
}

export const TEST_ACTOR: AuditActor = { userId: null, label: 'test', authMethod: 'system', ip: null, requestId: null };
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomToken(3).toLowerCase().replace(/[^a-z0-9]/g, '')}`;

export interface BuiltOrganization {
  id: string;
  slug: string;
  name: string;
}

export async function buildOrganization(ctx: AppContext, overrides: Partial<{ name: string; slug: string; kind: 'group' | 'hospital' | 'clinic' | 'site'; parentId: string | null; mfaRequired: boolean }> = {}): Promise<BuiltOrganization> {
  const slug = overrides.slug ?? `org-${unique()}`;
  const name = overrides.name ?? `Test Hospital ${slug}`;
  const id = await ctx.database.db.transaction().execute((trx) =>
    createOrganizationIn(ctx, trx, TEST_ACTOR, { name, slug, kind: overrides.kind ?? 'hospital', parentId: overrides.parentId ?? null, adminUserId: null }),
  );
  if (overrides.mfaRequired) await ctx.database.db.updateTable('organizations').set({ mfa_required: 1 }).where('id', '=', id).execute();
  return { id, slug, name };
}

export interface BuiltUser {
  id: string;
  email: string;
  password: string;
}

export async function buildUser(ctx: AppContext, overrides: Partial<{ email: string; displayName: string; disabled: boolean }> = {}): Promise<BuiltUser> {
  const id = newId();
  const email = (overrides.email ?? `user-${unique()}@example.org`).toLowerCase();
  const now = ctx.clock.now().toISOString();
  await ctx.database.db
    .insertInto('users')
    .values({ id, email, display_name: overrides.displayName ?? 'Test User', password_hash: await testPasswordHash(), is_disabled: overrides.disabled ? 1 : 0, mfa_enabled: 0, totp_secret: null, totp_pending_secret: null, totp_last_step: null, last_login_at: null, password_changed_at: now, created_at: now, updated_at: now })
    .execute();
  return { id, email, password: TEST_PASSWORD };
}

export async function buildMembership(ctx: AppContext, input: { organizationId: string; userId: string; role: Role; expiresAt?: string | null }): Promise<string> {
  return ctx.database.db.transaction().execute((trx) => addMembershipIn(ctx, trx, TEST_ACTOR, { organizationId: input.organizationId, userId: input.userId, role: input.role, expiresAt: input.expiresAt ?? null }));
}

/** A user with a role in an organization. */
export async function buildMember(ctx: AppContext, organizationId: string, role: Role, overrides: Parameters<typeof buildUser>[1] = {}): Promise<BuiltUser & { membershipId: string }> {
  const user = await buildUser(ctx, overrides);
  const membershipId = await buildMembership(ctx, { organizationId, userId: user.id, role });
  return { ...user, membershipId };
}

export interface Credentials {
  headers: Record<string, string>;
  /** Headers for a mutation: the cookie plus X-CSRF-Token. */
  mutationHeaders: Record<string, string>;
  sessionId: string | null;
}

export async function buildSession(ctx: AppContext, userId: string): Promise<Credentials> {
  const session = await createSession(ctx, ctx.database.db, { userId, authMethod: 'password', ip: '127.0.0.1', userAgent: 'vitest' });
  const headers = { cookie: `${SESSION_COOKIE}=${session.token}` };
  return { headers, mutationHeaders: { ...headers, 'x-csrf-token': session.csrfToken }, sessionId: session.id };
}

export async function buildApiToken(ctx: AppContext, input: { userId: string; organizationId: string; permissions: string[]; expiresAt?: string }): Promise<Credentials & { token: string; tokenId: string }> {
  const token = `${API_TOKEN_PREFIX}${randomToken(32)}`;
  const id = newId();
  const now = ctx.clock.now();
  await ctx.database.db
    .insertInto('api_tokens')
    .values({ id, user_id: input.userId, organization_id: input.organizationId, name: 'test token', prefix: token.slice(0, 10), token_hash: sha256Hex(token), permissions: JSON.stringify(input.permissions), created_at: now.toISOString(), expires_at: input.expiresAt ?? new Date(now.getTime() + 86_400_000).toISOString(), last_used_at: null, revoked_at: null })
    .execute();
  const headers = { authorization: `Bearer ${token}` };
  return { token, tokenId: id, headers, mutationHeaders: headers, sessionId: null };
}
