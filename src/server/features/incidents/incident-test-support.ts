/**
 * Test support for the incident register (tests only): members with a role and a ready session, assets,
 * and a recorded breach assessment written straight to the tables (the assessment service is tested on
 * its own), followed by the one obligations writer, so the register's counts have clocks to count.
 */
import { ZAssetFields } from '../../../shared/contracts/assets.js';
import { ROLE_PERMISSIONS, type Role } from '../../../shared/permissions.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { buildMember, buildSession, TEST_ACTOR, type Credentials } from '../../testing/factories.js';
import { createAsset } from '../assets/index.js';
import { sealText } from './incident-crypto.js';
import { refreshObligations } from './incident-obligations.js';
import { incidentDb } from './incident.repository.js';

export interface TestMember extends Credentials {
  id: string;
  role: Role;
}

/** A user with `role` in the organization, signed in. */
export async function buildIncidentMember(ctx: AppContext, organizationId: string, role: Role, displayName?: string): Promise<TestMember> {
  const user = await buildMember(ctx, organizationId, role, displayName ? { displayName } : {});
  return { id: user.id, role, ...(await buildSession(ctx, user.id)) };
}

/** Signs the members in again (moving the clock by days ends sessions). */
export async function resession(ctx: AppContext, ...members: TestMember[]): Promise<void> {
  for (const m of members) Object.assign(m, await buildSession(ctx, m.id));
}

export async function orgAccessFor(ctx: AppContext, organizationId: string, role: Role = 'admin'): Promise<OrgAccess> {
  const org = await ctx.database.db.selectFrom('organizations').select(['name', 'time_zone', 'is_demo', 'mfa_required']).where('id', '=', organizationId).executeTakeFirstOrThrow();
  return { organizationId, organizationName: org.name, mfaRequired: org.mfa_required === 1, isDemo: org.is_demo === 1, timeZone: org.time_zone, role, permissions: [...ROLE_PERMISSIONS[role]] };
}

export async function buildIncidentAsset(ctx: AppContext, organizationId: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const access = await orgAccessFor(ctx, organizationId);
  const asset = await createAsset(ctx, access, TEST_ACTOR, ZAssetFields.parse({ name: `Asset ${Math.random().toString(36).slice(2, 8)}`, type: 'application', ...overrides }));
  return { id: asset.id as string, name: asset.name as string };
}

/**
 * A breach assessment as the assessment service would store it (conclusions on the incident and in
 * incident_assessments), then the obligations recomputed.
 */
export async function recordAssessment(ctx: AppContext, incidentId: string, facts: { hipaaConclusion: 'breach' | 'no_phi' | 'low_probability'; gdprConclusion: 'no_breach' | 'none' | 'risk' | 'high'; hipaaRole?: string; gdprRole?: string }): Promise<void> {
  await incidentDb(ctx.database.db)
    .transaction()
    .execute(async (trx) => {
      await trx.deleteFrom('incident_assessments').where('incident_id', '=', incidentId).execute();
      await trx
        .insertInto('incident_assessments')
        .values({
          incident_id: incidentId,
          input: sealText(ctx, 'incident_assessments', 'input', incidentId, '{}'),
          hipaa_role: facts.hipaaRole ?? 'covered_entity',
          gdpr_role: facts.gdprRole ?? (facts.gdprConclusion === 'no_breach' ? 'none' : 'controller'),
          hipaa_conclusion: facts.hipaaConclusion,
          gdpr_conclusion: facts.gdprConclusion,
          ba_notice_days: null,
          assessed_by: null,
          assessed_at: ctx.clock.now().toISOString(),
        })
        .execute();
      await trx.updateTable('incidents').set({ hipaa_conclusion: facts.hipaaConclusion, gdpr_conclusion: facts.gdprConclusion }).where('id', '=', incidentId).execute();
      await refreshObligations(trx, ctx, incidentId);
    });
}

/** The stored obligation rows of an incident, in the engine's order. */
export function obligationRows(ctx: AppContext, incidentId: string) {
  return incidentDb(ctx.database.db).selectFrom('incident_obligations').selectAll().where('incident_id', '=', incidentId).orderBy('position').execute();
}
