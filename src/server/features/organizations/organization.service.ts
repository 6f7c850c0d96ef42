/**
 * Organizations (a group and its sites) and who may act in them (ISO/IEC 27001:2022 4.3 scope, 5.3 roles,
 * A.5.18 access rights; 45 CFR 164.308(a)(3)(ii)(B)–(C) workforce clearance and termination,
 * 164.308(a)(4)(ii)(C) access establishment and modification). One transaction and one audit event per change.
 */
import { z } from 'zod';
import type { TAddMemberRequest, TCreateSiteRequest, TMemberListQuery, TUpdateMemberRequest, TUpdateOrganizationRequest } from '../../../shared/contracts/organizations.js';
import { ZMember, ZOrganization } from '../../../shared/contracts/organizations.js';
import { ROLES_REQUIRING_END_DATE, type Role } from '../../../shared/permissions.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent, type Trx } from '../../kernel/audit/record.js';
import { hashPassword, passwordProblem } from '../../kernel/auth/passwords.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId, randomPassword } from '../../kernel/crypto/tokens.js';
import { AppError, fieldError, isUniqueViolation, notFound } from '../../kernel/errors.js';
import { runOrganizationCreatedHooks } from '../../kernel/hooks.js';
import { memberAbilities, organizationAbilities } from './organization.policy.js';
import * as repo from './organization.repository.js';

type Member = z.input<typeof ZMember>;

export async function getOrganization(ctx: AppContext, access: OrgAccess): Promise<z.input<typeof ZOrganization>> {
  const db = ctx.database.db;
  const org = await repo.getOrganization(db, access.organizationId);
  if (!org) throw notFound('organization');
  const sites = await repo.listSites(db, org.id);
  return {
    id: org.id,
    slug: org.slug,
    name: org.name,
    kind: org.kind as 'group',
    parentId: org.parent_id,
    parentName: org.parent_name ?? null,
    timeZone: org.time_zone,
    mfaRequired: org.mfa_required === 1,
    isDemo: org.is_demo === 1,
    createdAt: org.created_at,
    sites: sites.map((s) => ({ ...s, kind: s.kind as 'site' })),
    abilities: organizationAbilities(access),
  };
}

export async function listMyOrganizations(ctx: AppContext, userId: string) {
  const rows = await repo.listOrganizationsOf(ctx.database.db, userId, ctx.clock.now());
  return { items: rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, kind: r.kind as 'group', parentId: r.parent_id })) };
}

export async function updateOrganization(ctx: AppContext, access: OrgAccess, actor: AuditActor, input: TUpdateOrganizationRequest) {
  const db = ctx.database.db;
  const before = await repo.getOrganization(db, access.organizationId);
  if (!before) throw notFound('organization');
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const patch: Record<string, unknown> = {};
  if (input.name !== undefined && input.name !== before.name) { patch.name = input.name; changes.name = { from: before.name, to: input.name }; }
  if (input.timeZone !== undefined && input.timeZone !== before.time_zone) { patch.time_zone = input.timeZone; changes.timeZone = { from: before.time_zone, to: input.timeZone }; }
  if (input.mfaRequired !== undefined && (input.mfaRequired ? 1 : 0) !== before.mfa_required) { patch.mfa_required = input.mfaRequired ? 1 : 0; changes.mfaRequired = { from: before.mfa_required === 1, to: input.mfaRequired }; }
  if (Object.keys(patch).length > 0) {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('organizations').set({ ...patch, updated_at: ctx.clock.now().toISOString() }).where('id', '=', access.organizationId).execute();
      await recordEvent(ctx, trx, actor, { type: 'org.updated', organizationId: access.organizationId, subjectType: 'organization', subjectId: access.organizationId, changes });
    });
  }
  return getOrganization(ctx, access);
}

export interface CreateOrganizationInput {
  name: string;
  slug: string;
  kind: 'group' | 'hospital' | 'clinic' | 'site';
  parentId: string | null;
  timeZone?: string;
  isDemo?: boolean;
  /** Who becomes its first administrator. */
  adminUserId: string | null;
}

/** Creates an organization with its first administrator, inside the caller's transaction. */
export async function createOrganizationIn(ctx: AppContext, trx: Trx, actor: AuditActor, input: CreateOrganizationInput): Promise<string> {
  const id = newId();
  const now = ctx.clock.now().toISOString();
  try {
    await trx
      .insertInto('organizations')
      .values({ id, slug: input.slug, name: input.name, kind: input.kind, parent_id: input.parentId, time_zone: input.timeZone ?? 'UTC', mfa_required: 0, is_demo: input.isDemo ? 1 : 0, created_at: now, updated_at: now })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldError('body.slug', 'is already used by another organization');
    throw error;
  }
  await recordEvent(ctx, trx, actor, { type: 'org.created', organizationId: id, subjectType: 'organization', subjectId: id, changes: { name: input.name, slug: input.slug, kind: input.kind, parentId: input.parentId } });
  if (input.parentId) {
    await recordEvent(ctx, trx, actor, { type: 'org.created', organizationId: input.parentId, subjectType: 'organization', subjectId: id, changes: { name: input.name, slug: input.slug, kind: input.kind, parentId: input.parentId } });
  }
  if (input.adminUserId) await addMembershipIn(ctx, trx, actor, { organizationId: id, userId: input.adminUserId, role: 'admin', expiresAt: null });
  await runOrganizationCreatedHooks(ctx, trx, actor, id);
  return id;
}

export async function createSite(ctx: AppContext, access: OrgAccess, actor: AuditActor, input: TCreateSiteRequest) {
  if (await repo.slugExists(ctx.database.db, input.slug)) throw fieldError('body.slug', 'is already used by another organization');
  const id = await ctx.database.db.transaction().execute((trx) =>
    createOrganizationIn(ctx, trx, actor, { name: input.name, slug: input.slug, kind: input.kind, parentId: access.organizationId, timeZone: input.timeZone ?? access.timeZone, isDemo: access.isDemo, adminUserId: actor.userId }),
  );
  return { id };
}

export interface CreateUserInput {
  email: string;
  displayName: string;
  password: string;
}

/** Creates a user account inside the caller's transaction; the password must meet the policy. */
export async function createUserIn(ctx: AppContext, trx: Trx, actor: AuditActor, input: CreateUserInput, auditOrgId: string | null): Promise<string> {
  const problem = passwordProblem(input.password, { email: input.email });
  if (problem) throw fieldError('password', problem);
  const id = newId();
  const now = ctx.clock.now().toISOString();
  const passwordHash = await hashPassword(input.password);
  try {
    await trx
      .insertInto('users')
      .values({ id, email: input.email.toLowerCase(), display_name: input.displayName, password_hash: passwordHash, is_disabled: 0, mfa_enabled: 0, totp_secret: null, totp_pending_secret: null, totp_last_step: null, last_login_at: null, password_changed_at: now, created_at: now, updated_at: now })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldError('email', 'already has an account');
    throw error;
  }
  await recordEvent(ctx, trx, actor, { type: 'user.created', organizationId: auditOrgId, subjectType: 'user', subjectId: id, changes: { email: input.email.toLowerCase(), displayName: input.displayName } });
  return id;
}

export async function addMembershipIn(ctx: AppContext, trx: Trx, actor: AuditActor, input: { organizationId: string; userId: string; role: Role; expiresAt: string | null }): Promise<string> {
  const id = newId();
  const now = ctx.clock.now().toISOString();
  try {
    await trx.insertInto('memberships').values({ id, organization_id: input.organizationId, user_id: input.userId, role: input.role, expires_at: input.expiresAt, created_at: now, updated_at: now }).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldError('body.email', 'already has access to this organization');
    throw error;
  }
  await recordEvent(ctx, trx, actor, { type: 'membership.created', organizationId: input.organizationId, subjectType: 'membership', subjectId: id, changes: { userId: input.userId, role: input.role, expiresAt: input.expiresAt } });
  return id;
}

/** Checks an access end date and returns it as UTC ISO-8601 (instants are compared as text in SQL). */
function checkEndDate(ctx: AppContext, role: Role, expiresAt: string | null | undefined): string | null {
  if (ROLES_REQUIRING_END_DATE.includes(role) && !expiresAt) throw fieldError('body.expiresAt', `is required for the role ${role} (time-boxed access)`);
  if (!expiresAt) return null;
  const instant = new Date(expiresAt);
  if (instant.getTime() <= ctx.clock.now().getTime()) throw fieldError('body.expiresAt', 'must be in the future');
  return instant.toISOString();
}

function presentMember(row: repo.MemberRow, access: OrgAccess, callerUserId: string, adminCount: number, now: Date): Member {
  return {
    id: row.id,
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as Role,
    expiresAt: row.expires_at,
    isExpired: row.expires_at !== null && new Date(row.expires_at).getTime() <= now.getTime(),
    isDisabled: row.is_disabled === 1,
    mfaEnabled: row.mfa_enabled === 1,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    abilities: memberAbilities(access, callerUserId, { userId: row.user_id, role: row.role }, adminCount),
  };
}

export async function listMembers(ctx: AppContext, access: OrgAccess, callerUserId: string, query: TMemberListQuery) {
  const db = ctx.database.db;
  const [{ total, items }, adminCount] = await Promise.all([repo.listMembers(db, access.organizationId, query), repo.countAdmins(db, access.organizationId)]);
  const now = ctx.clock.now();
  return { items: items.map((row) => presentMember(row, access, callerUserId, adminCount, now)), total, page: query.page, pageSize: query.pageSize };
}

async function loadMember(ctx: AppContext, access: OrgAccess, callerUserId: string, membershipId: string): Promise<Member> {
  const db = ctx.database.db;
  const row = await repo.getMember(db, access.organizationId, membershipId);
  if (!row) throw notFound('member');
  return presentMember(row, access, callerUserId, await repo.countAdmins(db, access.organizationId), ctx.clock.now());
}

export async function addMember(ctx: AppContext, access: OrgAccess, actor: AuditActor, input: TAddMemberRequest) {
  const expiresAt = checkEndDate(ctx, input.role, input.expiresAt);
  const db = ctx.database.db;
  const existing = await db.selectFrom('users').select(['id']).where('email', '=', input.email).executeTakeFirst();
  const temporaryPassword = existing ? null : randomPassword();
  const membershipId = await db.transaction().execute(async (trx) => {
    const userId = existing?.id ?? (await createUserIn(ctx, trx, actor, { email: input.email, displayName: input.displayName ?? input.email.split('@')[0]!, password: temporaryPassword! }, access.organizationId));
    return addMembershipIn(ctx, trx, actor, { organizationId: access.organizationId, userId, role: input.role, expiresAt });
  });
  return { member: await loadMember(ctx, access, actor.userId ?? '', membershipId), temporaryPassword };
}

export async function updateMember(ctx: AppContext, access: OrgAccess, actor: AuditActor, membershipId: string, input: TUpdateMemberRequest) {
  const current = await loadMember(ctx, access, actor.userId ?? '', membershipId);
  if (!current.abilities.update) {
    throw new AppError('permission_denied', current.userId === actor.userId ? 'you cannot change your own access' : 'the last administrator cannot be changed; appoint another first');
  }
  const role = input.role ?? current.role;
  const expiresAt = input.expiresAt === undefined ? current.expiresAt : checkEndDate(ctx, role, input.expiresAt);
  if (!expiresAt && ROLES_REQUIRING_END_DATE.includes(role)) throw fieldError('body.expiresAt', `is required for the role ${role} (time-boxed access)`);
  await ctx.database.db.transaction().execute(async (trx) => {
    await trx.updateTable('memberships').set({ role, expires_at: expiresAt, updated_at: ctx.clock.now().toISOString() }).where('id', '=', membershipId).where('organization_id', '=', access.organizationId).execute();
    await recordEvent(ctx, trx, actor, { type: 'membership.updated', organizationId: access.organizationId, subjectType: 'membership', subjectId: membershipId, changes: { userId: current.userId, role: { from: current.role, to: role }, expiresAt: { from: current.expiresAt, to: expiresAt } } });
  });
  return loadMember(ctx, access, actor.userId ?? '', membershipId);
}

export async function removeMember(ctx: AppContext, access: OrgAccess, actor: AuditActor, membershipId: string): Promise<void> {
  const current = await loadMember(ctx, access, actor.userId ?? '', membershipId);
  if (!current.abilities.remove) {
    throw new AppError('permission_denied', current.userId === actor.userId ? 'you cannot remove your own access' : 'the last administrator cannot be removed; appoint another first');
  }
  await ctx.database.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('memberships').where('id', '=', membershipId).where('organization_id', '=', access.organizationId).execute();
    // Tokens the person held for this organization end with the access (A.5.18 removal of access rights).
    await trx.updateTable('api_tokens').set({ revoked_at: ctx.clock.now().toISOString() }).where('user_id', '=', current.userId).where('organization_id', '=', access.organizationId).where('revoked_at', 'is', null).execute();
    await recordEvent(ctx, trx, actor, { type: 'membership.removed', organizationId: access.organizationId, subjectType: 'membership', subjectId: membershipId, changes: { userId: current.userId, email: current.email, role: current.role } });
  });
}
