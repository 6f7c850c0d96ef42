/**
 * Per-object rules for risks (ISO/IEC 27001:2022 6.1.2 c 2 risk owners; A.5.15 access control), deny by
 * default: a risk is changed or removed only from its own organization, by a holder of `risk.write`. A
 * site's risk listed at its group is read-only there (it is managed at the site). Who may accept, sign off
 * or review a risk is `risk-acceptance.policy.ts`; both travel to the UI as abilities.
 */
import type { TRiskMethod } from '../../../shared/contracts/risk-method.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import { acceptanceAbility } from './risk-acceptance.policy.js';

export interface RiskAbilityInput {
  access: OrgAccess;
  /** The signed-in person, or null (a system actor). */
  userId: string | null;
  risk: { organizationId: string; ownerUserId: string | null; levelKey: string | null; needsSignOff: boolean };
  /** The method in force in the risk's organization. */
  method: TRiskMethod;
}

export function canWriteRisk(access: OrgAccess, riskOrganizationId: string): boolean {
  return access.permissions.includes('risk.write') && riskOrganizationId === access.organizationId;
}

/** What the caller may do with a risk, with the reason when acceptance is refused. */
export function riskAbilities(input: RiskAbilityInput) {
  const canWrite = canWriteRisk(input.access, input.risk.organizationId);
  const isOwnOrganization = input.risk.organizationId === input.access.organizationId;
  const acceptance = acceptanceAbility({
    method: input.method,
    levelKey: input.risk.levelKey,
    role: input.access.role,
    userId: input.userId,
    ownerUserId: input.risk.ownerUserId,
    permissions: input.access.permissions,
    needsSignOff: input.risk.needsSignOff,
  });
  if (!isOwnOrganization) {
    return { update: false, delete: false, accept: false, acceptReason: `This risk belongs to a site: accept it there`, signOff: false, review: false };
  }
  return { update: canWrite, delete: canWrite, ...acceptance };
}
