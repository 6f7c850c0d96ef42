/**
 * Per-object rules for organizations and memberships, deny by default (A.5.15, A.5.18).
 * Abilities travel to the UI with each object so it never re-implements role logic.
 */
import type { OrgAccess } from '../../kernel/authz/membership.js';

export function organizationAbilities(access: OrgAccess) {
  return {
    update: access.permissions.includes('org.update'),
    createSite: access.permissions.includes('org.create_site'),
    manageMembers: access.permissions.includes('member.manage'),
  };
}

/**
 * A manager may change or remove any membership except their own (no one raises or ends their own
 * access), and the organization's last administrator can neither be demoted nor removed.
 */
export function memberAbilities(access: OrgAccess, callerUserId: string, member: { userId: string; role: string }, adminCount: number) {
  const canManage = access.permissions.includes('member.manage') && member.userId !== callerUserId;
  const isLastAdmin = member.role === 'admin' && adminCount <= 1;
  return { update: canManage && !isLastAdmin, remove: canManage && !isLastAdmin };
}
