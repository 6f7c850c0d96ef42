/**
 * Organization access (A.5.15 access control, A.5.18 access rights; 45 CFR 164.308(a)(4)). A user acts in
 * an organization only through an active membership; its role gives the permissions; an API token
 * narrows them further to its own scope and organization. Deny by default.
 */
import { ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '../../../shared/permissions.js';
import type { Db } from '../db/database.js';
import type { Principal } from '../auth/principal.js';

export interface OrgAccess {
  organizationId: string;
  organizationName: string;
  mfaRequired: boolean;
  isDemo: boolean;
  timeZone: string;
  role: Role;
  permissions: Permission[];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function effectivePermissions(role: Role, principal: Pick<Principal, 'tokenPermissions'>): Permission[] {
  const granted = ROLE_PERMISSIONS[role];
  if (!principal.tokenPermissions) return [...granted];
  return granted.filter((p) => principal.tokenPermissions!.includes(p));
}

/** The caller's access to an organization, or null (no membership, expired, or a token for another org). */
export async function resolveOrgAccess(db: Db, principal: Principal, organizationId: string, now: Date): Promise<OrgAccess | null> {
  if (principal.tokenOrganizationId && principal.tokenOrganizationId !== organizationId) return null;
  const row = await db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
    .select(['memberships.role', 'memberships.expires_at', 'organizations.name', 'organizations.mfa_required', 'organizations.is_demo', 'organizations.time_zone'])
    .where('memberships.organization_id', '=', organizationId)
    .where('memberships.user_id', '=', principal.userId)
    .executeTakeFirst();
  if (!row || !isRole(row.role)) return null;
  if (row.expires_at && new Date(row.expires_at).getTime() <= now.getTime()) return null;
  return {
    organizationId,
    organizationName: row.name,
    mfaRequired: row.mfa_required === 1,
    isDemo: row.is_demo === 1,
    timeZone: row.time_zone,
    role: row.role,
    permissions: effectivePermissions(row.role, principal),
  };
}

/**
 * The direct sites of an organization in which the caller holds `permission` today: a group-level list
 * shows their records only where the caller could also open them at the site (deny by default).
 */
export async function sitesWithPermission(db: Db, principal: Principal, organizationId: string, permission: Permission, now: Date): Promise<{ id: string; name: string }[]> {
  if (principal.tokenOrganizationId) return [];
  const rows = await db
    .selectFrom('organizations')
    .innerJoin('memberships', 'memberships.organization_id', 'organizations.id')
    .select(['organizations.id', 'organizations.name', 'memberships.role'])
    .where('organizations.parent_id', '=', organizationId)
    .where('memberships.user_id', '=', principal.userId)
    .where((eb) => eb.or([eb('memberships.expires_at', 'is', null), eb('memberships.expires_at', '>', now.toISOString())]))
    .execute();
  return rows.filter((r) => isRole(r.role) && effectivePermissions(r.role, principal).includes(permission)).map((r) => ({ id: r.id, name: r.name }));
}
