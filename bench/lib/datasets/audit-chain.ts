/**
 * The group's audit chain, topped up to `spec.auditEvents` events with a realistic mix: sign-ins and
 * sign-outs dominate, then failed sign-ins, access changes, exports, and the rare key rotation. Actors
 * are the generated users (from their site's network, a VPN or the internet), anonymous callers for
 * failed sign-ins, and the CLI for operator actions.
 */
import crypto from 'node:crypto';
import type { AuditActor } from '../../../src/server/kernel/audit/chain.js';
import type { AuditEventType } from '../../../src/shared/audit-events.js';
import { ROLES, type Role } from '../../../src/shared/permissions.js';
import { AuditChainWriter, type BulkAuditEvent } from '../audit-bulk.js';
import type { Dataset, DatasetContext, FixtureUser, OrgFixture } from '../data.js';
import type { Rng, WeightedTable } from '../rng.js';

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
] as const;

const EVENT_MIX: WeightedTable<AuditEventType> = [
  ['auth.login_succeeded', 28],
  ['auth.logged_out', 14],
  ['auth.login_failed', 8],
  ['auth.account_locked', 0.5],
  ['auth.session_revoked', 2],
  ['auth.password_changed', 1],
  ['auth.password_reset', 0.3],
  ['auth.mfa_enabled', 0.8],
  ['auth.mfa_disabled', 0.2],
  ['auth.recovery_code_used', 0.2],
  ['auth.recovery_codes_regenerated', 0.3],
  ['auth.api_token_created', 0.8],
  ['auth.api_token_revoked', 0.4],
  ['org.created', 0.05],
  ['org.updated', 1.5],
  ['user.created', 2.5],
  ['user.disabled', 0.4],
  ['user.enabled', 0.2],
  ['membership.created', 3],
  ['membership.updated', 3],
  ['membership.removed', 1.2],
  ['audit.exported', 3],
  ['audit.anchor_exported', 0.5],
  ['system.keys_rotated', 0.01],
];

const LOGOUT_REASONS: WeightedTable<string> = [['user', 6], ['idle_timeout', 3], ['absolute_timeout', 1]];
const FAILED_REASONS: WeightedTable<string> = [['wrong_password', 7], ['unknown_email', 2], ['wrong_code', 2], ['account_locked', 0.5], ['account_disabled', 0.3]];
const TIME_ZONES = ['Europe/London', 'Europe/Dublin', 'Europe/Berlin', 'UTC'] as const;
const TOKEN_SCOPES = ['org.read', 'audit.read', 'audit.export', 'members.read'] as const;

interface Generator {
  event(occurredAt: string): BulkAuditEvent;
}

function createGenerator(rng: Rng, fixture: OrgFixture): Generator {
  const sitesById = new Map(fixture.sites.map((s) => [s.id, s]));
  const ip = (user: FixtureUser | null): string => {
    const where = rng.next();
    if (where < 0.8) {
      const subnet = user?.siteId ? sitesById.get(user.siteId)!.subnet : fixture.groupSubnet;
      return `${subnet}.${rng.int(1, 254)}.${rng.int(2, 254)}`;
    }
    if (where < 0.95) return `172.16.${rng.int(0, 31)}.${rng.int(2, 254)}`; // VPN
    return rng.chance(0.5) ? `203.0.113.${rng.int(1, 254)}` : `2001:db8:${rng.int(0, 0xffff).toString(16)}::${rng.int(1, 0xffff).toString(16)}`;
  };
  const person = (user: FixtureUser, method?: AuditActor['authMethod']): AuditActor => ({
    userId: user.id,
    label: user.email,
    authMethod: method ?? (user.mfa ? 'password_mfa' : 'password'),
    ip: ip(user),
    requestId: crypto.randomUUID(),
  });
  const anonymous = (): AuditActor => ({ userId: null, label: 'anonymous', authMethod: 'system', ip: ip(null), requestId: crypto.randomUUID() });
  const cli: AuditActor = { userId: null, label: 'cli:custos@isms-app-01', authMethod: 'cli', ip: null, requestId: null };
  const admins = fixture.users.filter((u) => u.role === 'admin' || u.role === 'isms_manager');
  const auditors = fixture.users.filter((u) => ['auditor', 'external_auditor', 'isms_manager', 'privacy_officer'].includes(u.role));
  const site = () => rng.pick(fixture.sites);
  const userAgent = () => rng.pick(USER_AGENTS);
  const isoBefore = (iso: string, maxDays: number) => new Date(new Date(iso).getTime() - rng.int(1, maxDays * 86_400) * 1000).toISOString();
  const isoAfter = (iso: string, maxDays: number) => new Date(new Date(iso).getTime() + rng.int(1, maxDays * 86_400) * 1000).toISOString();
  const role = (): Role => rng.pick(ROLES);

  return {
    event(occurredAt: string): BulkAuditEvent {
      const type = rng.weighted(EVENT_MIX);
      const user = rng.pick(fixture.users);
      const other = rng.pick(fixture.users);
      const admin = rng.pick(admins.length > 0 ? admins : fixture.users);
      const base = { occurredAt, type };
      switch (type) {
        case 'auth.login_succeeded':
          return { ...base, actor: person(user), subjectType: 'session', subjectId: crypto.randomUUID(), changes: { method: user.mfa ? 'password_mfa' : 'password', userAgent: userAgent(), site: user.siteId ? sitesById.get(user.siteId)!.name : fixture.groupName } };
        case 'auth.logged_out':
          return { ...base, actor: person(user), subjectType: 'session', subjectId: crypto.randomUUID(), changes: { reason: rng.weighted(LOGOUT_REASONS), sessionMinutes: rng.int(1, 720), userAgent: userAgent() } };
        case 'auth.login_failed': {
          const reason = rng.weighted(FAILED_REASONS);
          const known = reason !== 'unknown_email';
          const email = known ? user.email : `${rng.pick(['admin', 'j.smith', 'test', 'nurse.station', 'root'])}@${rng.pick(['bench-health.example.org', 'gmail.example.com'])}`;
          return { ...base, actor: anonymous(), subjectType: 'user', subjectId: known ? user.id : null, changes: { email, reason, userAgent: userAgent(), attempt: rng.int(1, 5) } };
        }
        case 'auth.account_locked':
          return { ...base, actor: anonymous(), subjectType: 'user', subjectId: user.id, changes: { email: user.email, minutes: 15, failedAttempts: 10, lastIp: ip(null), window: 'PT15M' } };
        case 'auth.session_revoked':
          return { ...base, actor: person(user), subjectType: 'session', subjectId: crypto.randomUUID(), changes: { revokedBy: 'owner', sessionCreatedAt: isoBefore(occurredAt, 1), userAgent: userAgent() } };
        case 'auth.password_changed':
          return { ...base, actor: person(user), subjectType: 'user', subjectId: user.id, changes: { via: 'account', otherSessionsEnded: rng.int(0, 3), email: user.email, policy: 'min-length-12+blocklist' } };
        case 'auth.password_reset':
          return { ...base, actor: cli, subjectType: 'user', subjectId: user.id, changes: { email: user.email, sessionsEnded: rng.int(0, 4), apiTokensKept: rng.int(0, 2), mustChange: true } };
        case 'auth.mfa_enabled':
        case 'auth.mfa_disabled':
          return { ...base, actor: person(user), subjectType: 'user', subjectId: user.id, changes: { method: 'totp', issuer: 'Custos', email: user.email, codesIssued: type === 'auth.mfa_enabled' ? 10 : 0 } };
        case 'auth.recovery_code_used':
        case 'auth.recovery_codes_regenerated':
          return { ...base, actor: person(user, type === 'auth.recovery_code_used' ? 'recovery_code' : undefined), subjectType: 'user', subjectId: user.id, changes: { email: user.email, codesLeft: rng.int(0, 10), userAgent: userAgent() } };
        case 'auth.api_token_created':
          return { ...base, actor: person(user), subjectType: 'api_token', subjectId: crypto.randomUUID(), changes: { name: `${rng.pick(['SIEM export', 'Backup check', 'Power BI', 'Nightly audit pull'])} ${rng.int(1, 9)}`, organizationId: fixture.groupId, scopes: TOKEN_SCOPES.slice(0, rng.int(1, TOKEN_SCOPES.length)), expiresInDays: rng.pick([30, 90, 180, 365]) } };
        case 'auth.api_token_revoked':
          return { ...base, actor: person(user), subjectType: 'api_token', subjectId: crypto.randomUUID(), changes: { name: `SIEM export ${rng.int(1, 9)}`, reason: rng.pick(['rotated', 'no longer needed', 'owner left']), organizationId: fixture.groupId } };
        case 'org.created': {
          const name = `${rng.pick(['Northfield', 'Harbour', 'Millbrook', 'Ashby'])} ${rng.pick(['Clinic', 'Day Surgery', 'Imaging Centre'])}`;
          return { ...base, actor: person(admin), subjectType: 'organization', subjectId: crypto.randomUUID(), changes: { name, slug: name.toLowerCase().replace(/\W+/g, '-'), kind: 'clinic', parentId: fixture.groupId } };
        }
        case 'org.updated':
          return rng.chance(0.5)
            ? { ...base, actor: person(admin), subjectType: 'organization', subjectId: fixture.groupId, changes: { timeZone: { from: rng.pick(TIME_ZONES), to: rng.pick(TIME_ZONES) }, mfaRequired: { from: false, to: true } } }
            : { ...base, actor: person(admin), subjectType: 'organization', subjectId: fixture.groupId, changes: { name: { from: fixture.groupName, to: `${fixture.groupName} NHS Trust` } } };
        case 'user.created':
          return { ...base, actor: rng.chance(0.8) ? person(admin) : cli, subjectType: 'user', subjectId: crypto.randomUUID(), changes: { email: `new.starter.${rng.int(1, 99_999)}@bench-health.example.org`, displayName: `New Starter ${rng.int(1, 99_999)}`, createdVia: 'members' } };
        case 'user.disabled':
        case 'user.enabled':
          return { ...base, actor: cli, subjectType: 'user', subjectId: other.id, changes: { email: other.email, sessionsRevoked: rng.int(0, 3), apiTokensRevoked: rng.int(0, 2), ticket: `HR-${rng.int(1000, 99_999)}` } };
        case 'membership.created':
          return { ...base, actor: person(admin), subjectType: 'membership', subjectId: crypto.randomUUID(), changes: { userId: other.id, role: role(), expiresAt: rng.chance(0.2) ? isoAfter(occurredAt, 180) : null, site: site().name } };
        case 'membership.updated':
          return { ...base, actor: person(admin), subjectType: 'membership', subjectId: crypto.randomUUID(), changes: { userId: other.id, role: { from: role(), to: role() }, expiresAt: { from: null, to: rng.chance(0.3) ? isoAfter(occurredAt, 90) : null } } };
        case 'membership.removed':
          return { ...base, actor: person(admin), subjectType: 'membership', subjectId: crypto.randomUUID(), changes: { userId: other.id, email: other.email, role: role(), reason: rng.pick(['left the organization', 'role change', 'contract ended']) } };
        case 'audit.exported': {
          const from = isoBefore(occurredAt, 90);
          return { ...base, actor: person(rng.pick(auditors.length > 0 ? auditors : fixture.users), rng.chance(0.3) ? 'api_token' : undefined), subjectType: 'organization', subjectId: fixture.groupId, changes: { filters: { from, to: occurredAt, type: rng.chance(0.5) ? 'auth.login_failed' : null, page: 1, pageSize: 500 }, format: 'csv', rows: rng.int(10, 50_000) } };
        }
        case 'audit.anchor_exported':
          return { ...base, actor: person(rng.pick(auditors.length > 0 ? auditors : fixture.users)), subjectType: 'organization', subjectId: fixture.groupId, changes: { anchorSeq: rng.int(1, 1_000_000), anchorHash: crypto.randomBytes(32).toString('hex'), destination: 'offline register' } };
        case 'system.keys_rotated':
          return { ...base, actor: cli, subjectType: null, subjectId: null, changes: { from: crypto.randomBytes(6).toString('hex'), to: crypto.randomBytes(6).toString('hex'), rewrapped: rng.int(100, 100_000) } };
        default:
          return { ...base, actor: person(user), subjectType: 'user', subjectId: user.id, changes: { note: 'generated by the benchmark', userAgent: userAgent() } };
      }
    },
  };
}

export const auditChainDataset: Dataset = {
  name: 'audit-chain',
  async generate(dc: DatasetContext) {
    const { fixture, spec, timeline, rng, log } = dc;
    const writer = new AuditChainWriter(dc.sqlite, fixture.groupId, { rowsPerTransaction: 100_000, rowsPerStatement: 5_000 });
    const already = writer.headSeq;
    const toWrite = Math.max(0, spec.auditEvents - already);
    const generator = createGenerator(rng, fixture);
    // Spread evenly over the timeline with jitter; occurred_at only ever moves forward.
    const startMs = timeline.start.getTime();
    const spanMs = timeline.end.getTime() - startMs;
    let at = startMs;
    const started = performance.now();
    const progressEvery = toWrite >= 500_000 ? 100_000 : 10_000;
    for (let i = 1; i <= toWrite; i += 1) {
      at = Math.max(at + 1, Math.round(startMs + (spanMs * (i - rng.next())) / toWrite));
      writer.push(generator.event(new Date(at).toISOString()));
      if (i % progressEvery === 0 || (i === toWrite && i % progressEvery !== 0)) {
        const seconds = (performance.now() - started) / 1000;
        log(`  audit-chain: ${i.toLocaleString('en-US')} / ${toWrite.toLocaleString('en-US')} events (${Math.round(i / seconds).toLocaleString('en-US')} events/s, ${seconds.toFixed(1)} s)`);
      }
    }
    const result = writer.finish();
    log(`  audit-chain: chain ${fixture.groupId} head seq ${result.headSeq}; ${result.chainSeconds.toFixed(1)} s building+hashing, ${result.insertSeconds.toFixed(1)} s inserting; changes avg ${Math.round(result.changesBytes / Math.max(1, result.events))} bytes`);
    return {
      chainId: fixture.groupId,
      setupEvents: already,
      bulkEvents: result.events,
      headSeq: result.headSeq,
      headHash: result.headHash,
      chainSeconds: Math.round(result.chainSeconds * 100) / 100,
      insertSeconds: Math.round(result.insertSeconds * 100) / 100,
      avgChangesBytes: Math.round(result.changesBytes / Math.max(1, result.events)),
    };
  },
};
