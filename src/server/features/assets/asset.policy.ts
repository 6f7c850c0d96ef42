/** Per-object rules for assets, deny by default: a record is changed only from its own organization. */
import type { OrgAccess } from '../../kernel/authz/membership.js';

export function assetAbilities(access: OrgAccess, assetOrganizationId: string) {
  const canWrite = access.permissions.includes('asset.write') && assetOrganizationId === access.organizationId;
  return { update: canWrite, delete: canWrite };
}
