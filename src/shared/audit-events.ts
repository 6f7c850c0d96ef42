/**
 * The closed catalogue of audit event types (ISO/IEC 27001:2022 A.8.15 logging; 45 CFR 164.312(b)
 * audit controls; 164.308(a)(1)(ii)(D) information system activity review).
 *
 * Every mutation writes exactly one of these in the same transaction as the change. Events are
 * named for what happened in the domain, never inferred from HTTP verbs. Later features extend it.
 */
export const AUDIT_EVENT_TYPES = {
  // Authentication (A.8.5 secure authentication; 164.312(d) person or entity authentication)
  'auth.login_succeeded': 'Signed in',
  'auth.login_failed': 'Sign-in failed (wrong password or code)',
  'auth.account_locked': 'Account locked after repeated failed sign-ins',
  'auth.logged_out': 'Signed out',
  'auth.session_revoked': 'A session was revoked by its user',
  'auth.password_changed': 'Password changed by its user',
  'auth.password_reset': 'Password reset by an administrator (CLI)',
  'auth.mfa_enrolment_started': 'Two-factor enrolment started (a new secret was issued)',
  'auth.mfa_enabled': 'Two-factor authentication enrolled',
  'auth.mfa_disabled': 'Two-factor authentication removed',
  'auth.recovery_code_used': 'A one-time recovery code was used to sign in',
  'auth.recovery_codes_regenerated': 'Recovery codes regenerated',
  'auth.api_token_created': 'API token created (shown once, stored hashed)',
  'auth.api_token_revoked': 'API token revoked',
  // Organizations and access (5.3 roles; A.5.18 access rights)
  'org.created': 'Organization or site created',
  'org.updated': 'Organization settings changed',
  'user.created': 'User account created',
  'user.disabled': 'User account disabled',
  'user.enabled': 'User account enabled',
  'membership.created': 'Access granted to the organization',
  'membership.updated': 'Role or access end date changed',
  'membership.removed': 'Access to the organization removed',
  // Assets, classification and data flows (A.5.9 inventory, A.5.12 classification, A.5.14 transfer)
  'asset.created': 'Asset added to the register',
  'asset.updated': 'Asset changed',
  'asset.deleted': 'Asset removed from the register',
  'assets.imported': 'Asset register imported from a file',
  'assets.created_by_import': 'Assets created by an import, as a batch (imports before ADR 0013; an import now writes asset.created per asset)',
  'assets.exported': 'Asset register exported',
  'asset.dependency_added': 'Dependency between assets recorded',
  'asset.dependency_removed': 'Dependency between assets removed',
  'data_flow.created': 'Data flow recorded',
  'data_flow.updated': 'Data flow changed',
  'data_flow.deleted': 'Data flow removed',
  'classification.created': 'Classification level added',
  'classification.updated': 'Classification level or its handling rules changed',
  'classification.deleted': 'Classification level removed',
  // The audit trail itself (9.2 internal audit; 7.5.3 control of documented information)
  'framework.imported': 'OSCAL catalog imported as a framework',
  'framework.deleted': 'Imported framework removed',
  'control.created': 'Control created',
  'control.updated': 'Control changed (status, effectiveness, links …)',
  'control.deleted': 'Control removed',
  'controls.adopted': 'Starter control library adopted',
  'evidence.added': 'Evidence file uploaded or link added to a control',
  'evidence.removed': 'Evidence removed from a control',
  'soa.entry_updated': 'Statement of Applicability row changed',
  'soa.published': 'Statement of Applicability version published',
  'soa.approved': 'Statement of Applicability version approved by top management',
  'soa.exported': 'Statement of Applicability exported (XLSX or PDF)',
  'hipaa.decision_recorded': 'Decision on an addressable HIPAA implementation specification recorded',
  // Risks (6.1.2 assessment, 6.1.3 treatment and acceptance, 8.2, 8.3; 164.308(a)(1)(ii)(A)–(B))
  'risk_method.changed': 'Risk method changed: a new version saved and every assessment re-mapped',
  'risk_catalogue.entry_added': 'Threat, threat source or vulnerability added to the organization\'s catalogue',
  'risk_catalogue.entry_removed': 'Threat, threat source or vulnerability removed from the organization\'s catalogue',
  'risk.created': 'Risk added to the register',
  'risk.updated': 'Risk changed (scenario, assessment, treatment …)',
  'risk.deleted': 'Risk removed from the register',
  'risk.controls_linked': 'Controls linked to a risk\'s treatment',
  'risk.control_unlinked': 'Control unlinked from a risk\'s treatment',
  'risk.task_created': 'Risk treatment task created',
  'risk.task_updated': 'Risk treatment task changed',
  'risk.task_deleted': 'Risk treatment task removed',
  'risk.accepted': 'Risk accepted (append-only acceptance record)',
  'risk.signed_off': 'Patient-safety risk signed off by the clinical safety officer',
  'risk.reviewed': 'Risk reviewed',
  'risks.imported': 'Risk register imported from a file',
  'risks.exported': 'Risk register or treatment plan exported',
  // Incidents and breach notification (A.5.24–A.5.28; 164.308(a)(6); 164.400–414; GDPR Arts. 33, 34)
  'incident.reported': 'Incident reported by a staff member (A.6.8 event reporting; 164.308(a)(6)(ii))',
  'incident.created': 'Incident recorded in the register by a handler (A.5.25)',
  'incident.updated': 'Incident changed: names of the fields changed, never their encrypted contents (A.5.26)',
  'incident.status_changed': 'Incident moved through the handling workflow or reopened (A.5.26)',
  'incident.timeline_added': 'Entry added to an incident\'s timeline (A.5.28 collection of evidence)',
  'incident.communication_recorded': 'Communication about an incident recorded (164.404–410 notices; GDPR Arts. 33, 34)',
  'incident.action_created': 'Follow-up action of an incident created (A.5.27 learning from incidents)',
  'incident.action_updated': 'Follow-up action of an incident changed (A.5.27)',
  'incident.settings_changed': 'Incident settings changed: severities, roles, retention (A.5.24; 164.530(j))',
  'incident.archived': 'Closed incident archived, read-only from then on (A.5.33 protection of records)',
  'incident.hhs_log_exported': 'Annual HHS breach log exported (164.408(c))',
  'incident.register_exported': 'Incident register exported (A.5.28; the register\'s fields, never encrypted contents)',
  'incident.disposed': 'Incident disposed of after its retention period (164.530(j)(2); GDPR Art. 5(1)(e))',
  'incident.assessed': 'Breach assessment recorded: the conclusions, not the findings (164.402; GDPR Art. 33(5))',
  'incident.draft_created': 'Notification draft created from the templates (164.404(c), 164.406, 164.408; GDPR Art. 33(3))',
  'incident.draft_updated': 'Notification draft edited (164.404(c))',
  'incident.draft_reviewed': 'Notification draft reviewed (164.530(i) policies and procedures)',
  'incident.draft_sent': 'Notification draft marked sent and logged as a communication (164.404–408; GDPR Art. 33)',
  'audit.anchor_exported': 'Chain anchor exported for safekeeping outside Custos',
  'audit.exported': 'Audit trail exported',
  // Operations
  'system.keys_rotated': 'Encryption master key rotated (data keys re-wrapped)',
  'system.demo_loaded': 'Demo data loaded',
  'system.restored': 'Database restored from a backup',
} as const;

export type AuditEventType = keyof typeof AUDIT_EVENT_TYPES;
export const AUDIT_EVENT_TYPE_LIST = Object.keys(AUDIT_EVENT_TYPES) as AuditEventType[];

/** How the actor of an event proved who they were. */
/** `none`: not (yet) authenticated, e.g. a failed sign-in; `system`: Custos itself (migrations, demo, jobs). */
export const AUTH_METHODS = ['password', 'password_mfa', 'recovery_code', 'api_token', 'cli', 'system', 'none'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];
