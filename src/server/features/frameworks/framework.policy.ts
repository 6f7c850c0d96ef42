/**
 * Per-object rules for frameworks, deny by default: the catalogue (built in) is read-only to everyone;
 * an imported framework can be removed only by its own organization with `framework.import`.
 */
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { FrameworksTable } from './framework.tables.js';

export function canDeleteFramework(access: OrgAccess | null, framework: Pick<FrameworksTable, 'origin' | 'organization_id'>): boolean {
  if (!access || framework.origin === 'builtin' || framework.organization_id === null) return false;
  return framework.organization_id === access.organizationId && access.permissions.includes('framework.import');
}

export function frameworkAbilities(access: OrgAccess | null, framework: Pick<FrameworksTable, 'origin' | 'organization_id'>): { delete: boolean } {
  return { delete: canDeleteFramework(access, framework) };
}
