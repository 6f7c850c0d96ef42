/**
 * Row types of the kernel's tables. Dialect-neutral by design (docs/decisions/0001-database-layer.md):
 * text UUID keys, ISO-8601 UTC text instants, 0/1 integer flags, JSON as text. Features declare their
 * own tables and reach them with `db.withTables<...>()`.
 */
export interface OrganizationsTable {
  id: string;
  slug: string;
  name: string;
  kind: string;
  parent_id: string | null;
  time_zone: string;
  mfa_required: number;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  is_disabled: number;
  mfa_enabled: number;
  /** Envelope-encrypted TOTP secret (never plain text). */
  totp_secret: string | null;
  /** Envelope-encrypted secret of an enrolment not yet confirmed. */
  totp_pending_secret: string | null;
  /** Last accepted TOTP time step, so a code cannot be replayed. */
  totp_last_step: number | null;
  last_login_at: string | null;
  password_changed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  id: string;
  organization_id: string;
  user_id: string;
  role: string;
  expires_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  auth_method: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface MfaChallengesTable {
  id: string;
  token_hash: string;
  user_id: string;
  ip: string | null;
  attempts: number;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  organization_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  permissions: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuthThrottleTable {
  key: string;
  window_start: string;
  attempts: number;
}

export interface AuditEventsTable {
  id: string;
  chain_id: string;
  seq: number;
  occurred_at: string;
  organization_id: string | null;
  actor_user_id: string | null;
  actor_label: string;
  auth_method: string;
  ip: string | null;
  request_id: string | null;
  type: string;
  subject_type: string | null;
  subject_id: string | null;
  changes: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadsTable {
  chain_id: string;
  seq: number;
  hash: string;
  updated_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface KernelTables {
  organizations: OrganizationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  mfa_challenges: MfaChallengesTable;
  recovery_codes: RecoveryCodesTable;
  api_tokens: ApiTokensTable;
  auth_throttle: AuthThrottleTable;
  audit_events: AuditEventsTable;
  audit_chain_heads: AuditChainHeadsTable;
  settings: SettingsTable;
}
