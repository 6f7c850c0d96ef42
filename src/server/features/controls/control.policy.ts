/**
 * Per-object rules for controls, deny by default: a control is changed, and evidence added to it, only
 * from its own organization by a holder of `control.write`. An inherited group control is read-only in
 * its sites (it is managed at the group).
 */
import type { OrgAccess } from '../../kernel/authz/membership.js';

export function controlAbilities(access: OrgAccess, controlOrganizationId: string) {
  const canWrite = access.permissions.includes('control.write') && controlOrganizationId === access.organizationId;
  return { update: canWrite, delete: canWrite, addEvidence: canWrite };
}
