/**
 * The demo group "Northbridge Health": a group with a hospital and two clinics, and one demo user per
 * role with a random password printed once. Loaded only by the quick start on an empty SQLite database,
 * never with DATABASE_URL, never by `custos serve`, never with CUSTOS_DEMO=0 (a production first start
 * has no known credentials). Later features add their demo records here.
 */
import { ROLES, type Role } from '../../../shared/permissions.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { AppContext } from '../../kernel/context.js';
import { randomPassword } from '../../kernel/crypto/tokens.js';
import { toNumber } from '../../kernel/db/database.js';
import { addMembershipIn, createOrganizationIn, createUserIn } from '../organizations/index.js';
import { loadDemoAssets } from './demo-assets.js';
import { loadDemoCompliance } from './demo-compliance.js';
import { loadDemoIncidents } from './demo-incidents.js';
import { loadDemoRisks } from './demo-risks.js';

export interface DemoCredential {
  email: string;
  role: Role;
  password: string;
}

export const DEMO_DOMAIN = 'northbridge.example';

const DEMO_NAMES: Record<Role, string> = {
  admin: 'Alex Admin',
  top_management: 'Dr. Morgan Chief (CEO)',
  isms_manager: 'Sam Security (CISO)',
  risk_owner: 'Dr. Riley Radiology',
  control_owner: 'Casey Biomed',
  privacy_officer: 'Pat Privacy (DPO)',
  clinical_safety_officer: 'Dr. Quinn Safety',
  auditor: 'Avery Audit',
  staff: 'Jordan Nurse',
  external_auditor: 'Eli External',
};

export async function isDatabaseEmpty(ctx: AppContext): Promise<boolean> {
  const row = await ctx.database.db.selectFrom('organizations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return toNumber(row?.n) === 0;
}

export async function loadDemo(ctx: AppContext, actor: AuditActor): Promise<{ groupId: string; credentials: DemoCredential[] }> {
  const credentials: DemoCredential[] = ROLES.map((role) => ({ role, email: `${role.replace(/_/g, '.')}@${DEMO_DOMAIN}`, password: randomPassword() }));
  const userIds = new Map<Role, string>();
  const created = await ctx.database.db.transaction().execute(async (trx) => {
    const group = await createOrganizationIn(ctx, trx, actor, { name: 'Northbridge Health', slug: 'northbridge', kind: 'group', parentId: null, timeZone: 'America/New_York', isDemo: true, adminUserId: null });
    const hospital = await createOrganizationIn(ctx, trx, actor, { name: 'Northbridge General Hospital', slug: 'northbridge-general', kind: 'hospital', parentId: group, timeZone: 'America/New_York', isDemo: true, adminUserId: null });
    const eastClinic = await createOrganizationIn(ctx, trx, actor, { name: 'Northbridge East Clinic', slug: 'northbridge-east', kind: 'clinic', parentId: group, timeZone: 'America/New_York', isDemo: true, adminUserId: null });
    const riverClinic = await createOrganizationIn(ctx, trx, actor, { name: 'Riverside Family Clinic', slug: 'northbridge-riverside', kind: 'clinic', parentId: group, timeZone: 'America/New_York', isDemo: true, adminUserId: null });
    const expires = new Date(ctx.clock.now().getTime() + 30 * 86_400_000).toISOString();
    for (const credential of credentials) {
      const userId = await createUserIn(ctx, trx, actor, { email: credential.email, displayName: DEMO_NAMES[credential.role], password: credential.password }, group);
      userIds.set(credential.role, userId);
      const expiresAt = credential.role === 'external_auditor' ? expires : null;
      // Everyone works at the hospital; group-wide roles also hold the group and the clinics.
      await addMembershipIn(ctx, trx, actor, { organizationId: hospital, userId, role: credential.role, expiresAt });
      if (['admin', 'top_management', 'isms_manager', 'auditor', 'privacy_officer'].includes(credential.role)) {
        for (const org of [group, eastClinic, riverClinic]) await addMembershipIn(ctx, trx, actor, { organizationId: org, userId, role: credential.role, expiresAt });
      }
    }
    await recordEvent(ctx, trx, actor, { type: 'system.demo_loaded', organizationId: group, subjectType: 'organization', subjectId: group, changes: { users: credentials.length } });
    return { group, hospital };
  });
  const assetIds = await loadDemoAssets(ctx, actor, { id: created.hospital, name: 'Northbridge General Hospital' });
  // Compliance records carry the people who would make them: the CISO publishes, the CEO approves.
  const person = (role: Role): AuditActor => ({ ...actor, userId: userIds.get(role)!, label: `${DEMO_NAMES[role]} (demo data)` });
  await loadDemoCompliance(ctx, { ismsManager: person('isms_manager'), topManagement: person('top_management'), privacyOfficer: person('privacy_officer') }, { id: created.group, name: 'Northbridge Health' }, { id: created.hospital, name: 'Northbridge General Hospital' }, assetIds);
  // The risk register after the controls it links to (the ISMS manager records it; owners and approvers act as themselves).
  await loadDemoRisks(ctx, { actor: person, userId: (role) => userIds.get(role)! }, { id: created.hospital, name: 'Northbridge General Hospital' }, assetIds);
  // Three incidents whose clocks run from the moment the demo is loaded (a nurse reports the ransomware).
  await loadDemoIncidents(ctx, { actor: person, userId: (role) => userIds.get(role)! }, { id: created.hospital, name: 'Northbridge General Hospital' }, assetIds);
  return { groupId: created.group, credentials };
}
