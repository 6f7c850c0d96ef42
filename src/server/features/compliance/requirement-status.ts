/**
 * The status of one requirement for one organization, and the figures of a set of them: pure rules, no
 * I/O, computed on every read (never stored). ISO/IEC 27001:2022 9.1 (monitoring, measurement, analysis
 * and evaluation) and 6.1.3 d) (an Annex A control excluded in the SoA is not applicable);
 * 45 CFR 164.306(d)(3) for addressable HIPAA implementation specifications:
 *   - required specification or standard → from its mapped controls;
 *   - addressable, no decision → non-compliant, "decision missing";
 *   - decision `implement` (164.306(d)(3)(ii)(A)) → from its mapped controls;
 *   - decision `alternative` (ii)(B)(1)–(2) → from the controls that implement the alternative measure;
 *   - decision `not_implemented` (ii)(B)(1), with why an alternative is not reasonable and appropriate
 *     either → compliant by documentation (the rule asks for the documented reason, not a control).
 * Not applicable is reached only by a justified decision, never because the linked controls are all
 * marked not applicable (that derived status counts as `none`, non-compliant, through `inScopeStatus`):
 *   - ISO/IEC 27001 (`scope: 'soa'`): only an Annex A control excluded in the SoA (6.1.3 d), the same
 *     rule the SoA shows (`soaEffectiveStatus`);
 *   - HIPAA Security Rule (`scope: 'hipaa'`): never — required specifications must be implemented
 *     (164.306(d)(2)) and an addressable one is decided, not scoped out;
 *   - other frameworks (`scope: 'controls'`): still when every linked control is not applicable.
 */
import {
  COMPLIANCE_STATUSES,
  deriveComplianceStatus,
  deriveImplementationStatus,
  IMPLEMENTATION_STATUSES,
  inScopeStatus,
  soaEffectiveStatus,
  type ComplianceStatus,
  type HipaaDecision,
  type ImplementationStatus,
  type LinkedControlState,
} from '../../../shared/compliance.js';
import type { TReadinessFigures, TStatusBasis, TStatusCounts } from '../../../shared/contracts/compliance.js';

export interface RequirementAssessment {
  implementationStatus: ImplementationStatus;
  status: ComplianceStatus;
  basis: TStatusBasis;
}

/** How a requirement of the framework may become not applicable (see the module comment). */
export type ApplicabilityScope = 'soa' | 'hipaa' | 'controls';

export interface AssessInput {
  /** Absent = 'controls'. */
  scope?: ApplicabilityScope;
  obligation: 'required' | 'addressable' | null;
  /** Controls mapped to the requirement (own and inherited). */
  controls: readonly LinkedControlState[];
  /** The 164.306(d)(3) decision of an addressable specification, with the alternative measure's controls. */
  decision?: { decision: HipaaDecision; controls: readonly LinkedControlState[] } | null;
  /** The SoA row of an Annex A control, when there is one (absent = applicable, no override). */
  soa?: { applicable: boolean; statusOverride: string | null } | null;
}

const isImplementationStatus = (value: string | null): value is ImplementationStatus => value !== null && (IMPLEMENTATION_STATUSES as readonly string[]).includes(value);

export function assessRequirement(input: AssessInput): RequirementAssessment {
  const scope = input.scope ?? 'controls';
  const implementationOf = (controls: readonly LinkedControlState[]): ImplementationStatus => {
    const derived = deriveImplementationStatus(controls);
    return scope === 'controls' ? derived : inScopeStatus(derived);
  };
  const fromControls = (controls: readonly LinkedControlState[], basis: TStatusBasis): RequirementAssessment => {
    const implementationStatus = implementationOf(controls);
    return { implementationStatus, status: deriveComplianceStatus(implementationStatus, controls), basis };
  };
  if (input.soa && !input.soa.applicable) return { implementationStatus: 'not_applicable', status: 'not_applicable', basis: 'soa_excluded' };
  if (input.soa && isImplementationStatus(input.soa.statusOverride)) {
    // Never not_applicable for an applicable row (an override of not_applicable recorded before that rule counts as none).
    const implementationStatus = soaEffectiveStatus({ applicable: true, statusOverride: input.soa.statusOverride }, input.soa.statusOverride);
    return { implementationStatus, status: deriveComplianceStatus(implementationStatus, input.controls), basis: 'soa_override' };
  }
  if (input.obligation !== 'addressable') return fromControls(input.controls, 'controls');
  const decision = input.decision;
  if (!decision) return { implementationStatus: implementationOf(input.controls), status: 'non_compliant', basis: 'decision_missing' };
  if (decision.decision === 'implement') return fromControls(input.controls, 'controls');
  if (decision.decision === 'alternative') return fromControls(decision.controls, 'alternative_controls');
  return { implementationStatus: implementationOf(input.controls), status: 'compliant', basis: 'documented_not_implemented' };
}

/**
 * A HIPAA standard's status from its specifications: not-applicable ones are left out; all the rest
 * compliant → compliant; all non-compliant → non-compliant; none left → not applicable; otherwise partial.
 */
export function rollUpStatus(statuses: readonly ComplianceStatus[]): ComplianceStatus {
  const relevant = statuses.filter((s) => s !== 'not_applicable');
  if (relevant.length === 0) return 'not_applicable';
  if (relevant.every((s) => s === 'compliant')) return 'compliant';
  if (relevant.every((s) => s === 'non_compliant')) return 'non_compliant';
  return 'partially_compliant';
}

/** The implementation status matching a rolled-up compliance status (for display only). */
export function rollUpImplementation(statuses: readonly ImplementationStatus[]): ImplementationStatus {
  const relevant = statuses.filter((s) => s !== 'not_applicable');
  if (relevant.length === 0) return statuses.length ? 'not_applicable' : 'none';
  if (relevant.every((s) => s === 'implemented')) return 'implemented';
  if (relevant.every((s) => s === 'none')) return 'none';
  if (relevant.some((s) => s === 'implemented' || s === 'partial')) return 'partial';
  return 'planned';
}

export function emptyCounts(): TStatusCounts {
  return { compliant: 0, partially_compliant: 0, non_compliant: 0, not_applicable: 0 };
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/** Counts and percentages of the four statuses; readiness = compliant ÷ applicable. */
export function figuresOf(statuses: Iterable<ComplianceStatus> | TStatusCounts): TReadinessFigures {
  let counts: TStatusCounts;
  if (Symbol.iterator in Object(statuses)) {
    counts = emptyCounts();
    for (const status of statuses as Iterable<ComplianceStatus>) counts[status] += 1;
  } else {
    counts = { ...(statuses as TStatusCounts) };
  }
  const total = COMPLIANCE_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const applicable = total - counts.not_applicable;
  return {
    counts,
    total,
    applicable,
    percentages: {
      compliant: percent(counts.compliant, total),
      partially_compliant: percent(counts.partially_compliant, total),
      non_compliant: percent(counts.non_compliant, total),
      not_applicable: percent(counts.not_applicable, total),
    },
    readinessPercent: applicable === 0 ? null : percent(counts.compliant, applicable),
  };
}
