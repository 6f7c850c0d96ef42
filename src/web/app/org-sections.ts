/** The organization areas that exist today, the permission each needs, and where they sit in the navigation. */
import type { Permission } from '../../shared/permissions.js';

/** The ISMS cycle's groups, in navigation order; a group appears only when one of its areas exists. */
export const NAV_GROUPS = ['overview', 'plan', 'do', 'check', 'act', 'reports', 'admin'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export const ORG_SECTIONS = [
  { segment: 'overview', to: '/o/$orgId/overview', permission: 'org.read', group: 'overview' },
  { segment: 'assets', to: '/o/$orgId/assets', permission: 'asset.read', group: 'plan' },
  { segment: 'data-flows', to: '/o/$orgId/data-flows', permission: 'asset.read', group: 'plan' },
  { segment: 'gaps', to: '/o/$orgId/gaps', permission: 'asset.read', group: 'plan' },
  { segment: 'risks', to: '/o/$orgId/risks', permission: 'risk.read', group: 'plan' },
  { segment: 'risk-method', to: '/o/$orgId/risk-method', permission: 'risk.read', group: 'plan' },
  { segment: 'soa', to: '/o/$orgId/soa', permission: 'soa.read', group: 'plan' },
  { segment: 'frameworks', to: '/o/$orgId/frameworks', permission: 'framework.read', group: 'plan' },
  { segment: 'controls', to: '/o/$orgId/controls', permission: 'control.read', group: 'do' },
  { segment: 'risk-tasks', to: '/o/$orgId/risk-tasks', permission: 'risk.read', group: 'do' },
  { segment: 'incidents', to: '/o/$orgId/incidents', permission: 'incident.read', group: 'do' },
  { segment: 'report-incident', to: '/o/$orgId/report-incident', permission: 'incident.report', group: 'do' },
  { segment: 'risk-heatmap', to: '/o/$orgId/risk-heatmap', permission: 'risk.read', group: 'check' },
  { segment: 'readiness', to: '/o/$orgId/readiness', permission: 'control.read', group: 'check' },
  { segment: 'hipaa', to: '/o/$orgId/hipaa', permission: 'control.read', group: 'check' },
  { segment: 'hhs-breach-log', to: '/o/$orgId/hhs-breach-log', permission: 'incident.read', group: 'check' },
  { segment: 'breach-clock', to: '/o/$orgId/breach-clock', permission: 'org.read', group: 'check' },
  { segment: 'organization', to: '/o/$orgId/organization', permission: 'org.read', group: 'admin' },
  { segment: 'people', to: '/o/$orgId/people', permission: 'member.read', group: 'admin' },
  { segment: 'audit-log', to: '/o/$orgId/audit-log', permission: 'audit.read', group: 'admin' },
  { segment: 'classification', to: '/o/$orgId/classification', permission: 'asset.read', group: 'admin' },
  { segment: 'incident-settings', to: '/o/$orgId/incident-settings', permission: 'incident.read', group: 'admin' },
] as const satisfies readonly { segment: string; to: string; permission: Permission; group: NavGroup }[];

export type OrgSection = (typeof ORG_SECTIONS)[number];

/** `/o/<id>/people?…` → the people section. */
export function sectionOfPath(pathname: string): OrgSection | undefined {
  const segment = /^\/o\/[^/]+\/([^/?#]+)/.exec(pathname)?.[1];
  return ORG_SECTIONS.find((section) => section.segment === segment);
}

export function orgIdOfPath(pathname: string): string | undefined {
  return /^\/o\/([^/?#]+)/.exec(pathname)?.[1];
}
