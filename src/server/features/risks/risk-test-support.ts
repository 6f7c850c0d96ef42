/**
 * Test support for the risk register (tests only): members with a role and a ready session, an
 * organization access for calling services directly, assets, risks built through the real service (so
 * every derived column and audit event is right), and a method shrunk from the seeded 5 × 5.
 */
import { ZAssetFields } from '../../../shared/contracts/assets.js';
import { ROLE_PERMISSIONS, type Role } from '../../../shared/permissions.js';
import type { TRiskAssessmentInput, TRiskMethod } from '../../../shared/contracts/risk-method.js';
import { ZCreateRiskRequest, type TCreateRiskRequest, type TRiskDetail } from '../../../shared/contracts/risks.js';
import { proportionalRemap } from '../../../shared/risk-method.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { buildMember, buildSession, TEST_ACTOR, type Credentials } from '../../testing/factories.js';
import { createAsset } from '../assets/index.js';
import { createRisk } from './risk.service.js';

export interface TestMember extends Credentials {
  id: string;
  email: string;
  role: Role;
}

/** A user with `role` in the organization, signed in. */
export async function buildRiskMember(ctx: AppContext, organizationId: string, role: Role, displayName?: string): Promise<TestMember> {
  const user = await buildMember(ctx, organizationId, role, displayName ? { displayName } : {});
  return { id: user.id, email: user.email, role, ...(await buildSession(ctx, user.id)) };
}

/** The access a member with `role` has in the organization, for calling services without HTTP. */
export async function orgAccessFor(ctx: AppContext, organizationId: string, role: Role = 'admin'): Promise<OrgAccess> {
  const org = await ctx.database.db.selectFrom('organizations').select(['name', 'time_zone', 'is_demo', 'mfa_required']).where('id', '=', organizationId).executeTakeFirstOrThrow();
  return { organizationId, organizationName: org.name, mfaRequired: org.mfa_required === 1, isDemo: org.is_demo === 1, timeZone: org.time_zone, role, permissions: [...ROLE_PERMISSIONS[role]] };
}

/** An assessment: likelihood and the rated dimensions (others not assessed). */
export function rated(likelihood: number, impacts: TRiskAssessmentInput['impacts']): TRiskAssessmentInput {
  return { likelihood, impacts };
}

/** An asset of the organization, through the asset service. */
export async function buildRiskAsset(ctx: AppContext, organizationId: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const access = await orgAccessFor(ctx, organizationId);
  const asset = await createAsset(ctx, access, TEST_ACTOR, ZAssetFields.parse({ name: `Asset ${Math.random().toString(36).slice(2, 8)}`, type: 'application', ...overrides }));
  return { id: asset.id as string, name: asset.name as string };
}

/** A risk created through the service (validation, derived columns, audit event), as an admin of the organization by default. */
export async function buildRisk(ctx: AppContext, organizationId: string, overrides: Partial<TCreateRiskRequest> = {}, options: { access?: OrgAccess; userId?: string | null } = {}): Promise<TRiskDetail> {
  const access = options.access ?? (await orgAccessFor(ctx, organizationId));
  const input = ZCreateRiskRequest.parse({ title: `Risk ${Math.random().toString(36).slice(2, 8)}`, category: 'cyber', ...overrides });
  return createRisk(ctx, access, { ...TEST_ACTOR, userId: options.userId ?? null }, input);
}

/**
 * `method` with smaller (or larger) scales: scale labels kept from the start, each new matrix cell taken
 * from the old cell its values map to proportionally (monotone, so the result is a valid method).
 */
export function resizedMethod(method: TRiskMethod, size: { likelihood: number; impact: number }): TRiskMethod {
  const scale = (levels: TRiskMethod['likelihood'], n: number) => Array.from({ length: n }, (_, i) => ({ value: i + 1, label: levels[i]?.label ?? `Level ${i + 1}`, description: levels[i]?.description ?? '' }));
  const oldL = method.likelihood.length;
  const oldI = method.impact.length;
  const matrix = Array.from({ length: size.likelihood }, (_, l) => Array.from({ length: size.impact }, (_, i) => method.matrix[proportionalRemap(size.likelihood, oldL, l + 1) - 1]![proportionalRemap(size.impact, oldI, i + 1) - 1]!));
  return { ...structuredClone(method), name: `${method.name} (${size.likelihood} × ${size.impact})`, likelihood: scale(method.likelihood, size.likelihood), impact: scale(method.impact, size.impact), matrix };
}
