/**
 * The permission catalogue (ISO/IEC 27001:2022 5.3 roles, responsibilities and authorities;
 * A.5.15 access control; A.5.18 access rights; 45 CFR 164.308(a)(4) information access management).
 *
 * A permission is a `resource.action` string. Roles are named sets of permissions. Every route declares
 * one permission (or `public` / `authenticated`); per-object rules in each feature's policy further
 * restrict what a permission allows. Later features add their permissions here.
 */
export const PERMISSIONS = {
  'org.read': 'See the organization, its sites and settings',
  'org.update': 'Change the organization name, time zone and security settings (e.g. mandatory MFA)',
  'org.create_site': 'Create a site (child organization) under this organization',
  'member.read': 'See the people who have access to the organization and their roles',
  'member.manage': 'Add people, change their roles and end their access',
  'audit.read': 'Read the audit trail',
  'audit.export': 'Export the audit trail and its chain anchor',
  'audit.verify': 'Verify the integrity of the audit trail hash chain',
  'asset.read': 'See the asset register, dependencies, ePHI data flows and gaps',
  'asset.write': 'Create, change, import and delete assets, dependencies and data flows',
  'classification.manage': 'Change the classification scheme and its handling rules',
  'framework.read': 'Browse the frameworks catalogue (ISO 27001, HIPAA, GDPR, NIST SP 800-53) and its crosswalk',
  'framework.import': 'Import an OSCAL catalog as a framework for the organization',
  'control.read': 'See the controls, their evidence, readiness and the HIPAA Security Rule view',
  'control.write': 'Create, change and adopt controls, link them and upload or remove evidence',
  'soa.read': 'See the Statement of Applicability and its published versions',
  'soa.write': 'Edit the Statement of Applicability and publish a version',
  'soa.approve': 'Approve a published Statement of Applicability version (top management)',
  'hipaa.decide': 'Record the 164.306(d)(3) decision for an addressable HIPAA implementation specification',
  'risk.read': 'See the risk register, the risk method, heat maps, trends, treatment plans, acceptances and reviews',
  'risk.write': 'Create, assess, treat, review, import and delete risks and their treatment tasks; add threats and vulnerabilities',
  'risk.method': 'Change the risk method (scales, dimensions, matrix, acceptance criteria, review cadence) and re-map assessments',
  'risk.accept': "Accept a risk within the method's acceptance criteria, or sign off a risk with a patient-safety impact",
  'incident.report': 'Report an incident (the short form) and see the incidents one has reported',
  'incident.read': 'See the incident register, incidents with their description and PHI details, breach assessments, clocks and the HHS breach log',
  'incident.handle': 'Triage and handle incidents: workflow, timeline, communications, root cause and follow-up actions',
  'incident.assess': 'Record the breach assessment (HIPAA 164.402, GDPR Arts. 33/34) and prepare, review and send notifications',
  'incident.configure': 'Change incident severity levels, the HIPAA/GDPR roles and the retention period; archive and dispose of incidents under the retention rule',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export const ROLES = [
  'admin',
  'top_management',
  'isms_manager',
  'risk_owner',
  'control_owner',
  'privacy_officer',
  'clinical_safety_officer',
  'auditor',
  'staff',
  'external_auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  top_management: 'Top management',
  isms_manager: 'ISMS manager',
  risk_owner: 'Risk owner',
  control_owner: 'Control owner',
  privacy_officer: 'Privacy officer',
  clinical_safety_officer: 'Clinical safety officer',
  auditor: 'Internal auditor',
  staff: 'Staff',
  external_auditor: 'External auditor',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Administers the organization: people, roles and settings.',
  top_management: 'Approves the policy, the SoA and high risks; chairs management review (5.1, 9.3).',
  isms_manager: 'Runs the ISMS cycle: scope, risks, SoA, audits and management review.',
  risk_owner: 'Assesses and accepts the risks of their area (6.1.2 c) 2)).',
  control_owner: 'Implements controls and attaches their evidence.',
  privacy_officer: 'Records of processing, DPIAs, breach assessment and notification.',
  clinical_safety_officer: 'Signs off risks with a patient-safety impact.',
  auditor: 'Internal auditor: reads everything, writes audit findings (9.2).',
  staff: 'Acknowledges policies, completes training and reports incidents.',
  external_auditor: 'Time-boxed read-only access for a certification or HIPAA audit.',
};

const READ_ORG: Permission[] = ['org.read'];
const COMPLIANCE_READ: Permission[] = ['framework.read', 'control.read', 'soa.read'];
const READ_ALL: Permission[] = ['org.read', 'member.read', 'audit.read', 'audit.verify', 'asset.read', ...COMPLIANCE_READ, 'risk.read', 'incident.read'];
/** Anyone in the workforce may report an incident (A.6.8; 164.308(a)(6)(ii)). */
const REPORT: Permission[] = ['incident.report'];

/** Role → permissions. Deny by default: a permission not listed here is refused. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ALL_PERMISSIONS,
  top_management: [...READ_ALL, ...REPORT, 'soa.approve', 'risk.accept'],
  isms_manager: [...READ_ALL, ...REPORT, 'audit.export', 'asset.write', 'classification.manage', 'framework.import', 'control.write', 'soa.write', 'hipaa.decide', 'risk.write', 'risk.method', 'risk.accept', 'incident.handle'],
  // Acceptance is further limited per risk: a risk owner accepts only the risks they own, within the criteria.
  risk_owner: [...READ_ORG, ...REPORT, 'asset.read', ...COMPLIANCE_READ, 'risk.read', 'risk.write', 'risk.accept'],
  control_owner: [...READ_ORG, ...REPORT, 'asset.read', 'asset.write', ...COMPLIANCE_READ, 'control.write', 'risk.read'],
  // The privacy officer handles incidents, assesses breaches, notifies, and keeps or disposes of the records.
  // member.read: they assign incident handlers and action owners, and answer for workforce training and
  // sanctions (45 CFR 164.530(b), (e)), so they see who has access and in which role.
  privacy_officer: [...READ_ORG, ...REPORT, 'member.read', 'audit.read', 'asset.read', 'asset.write', ...COMPLIANCE_READ, 'hipaa.decide', 'risk.read', 'risk.write', 'incident.read', 'incident.handle', 'incident.assess', 'incident.configure'],
  clinical_safety_officer: [...READ_ORG, ...REPORT, 'asset.read', ...COMPLIANCE_READ, 'risk.read', 'risk.accept'],
  auditor: [...READ_ALL, ...REPORT, 'audit.export'],
  // Staff report incidents and acknowledge policies; the register of weaknesses is not theirs to browse.
  staff: [...READ_ORG, ...REPORT],
  external_auditor: ['org.read', 'audit.read', 'audit.verify', 'asset.read', ...COMPLIANCE_READ, 'risk.read'],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Roles whose membership must carry an end date (time-boxed access). */
export const ROLES_REQUIRING_END_DATE: readonly Role[] = ['external_auditor'];

/** What a route requires: nothing, a signed-in user, or a permission in the organization of the path. */
export type RouteAccess = 'public' | 'authenticated' | Permission;
