/**
 * The vocabulary and the pure rules shared by controls, the Statement of Applicability, the HIPAA view
 * and readiness (server, web and CLI use the same functions, so a preview in the UI matches the server).
 *
 * ISO/IEC 27001:2022 6.1.3 d) (SoA: necessary controls, justification for inclusion, whether implemented,
 * justification for exclusion); 45 CFR 164.306(d) (required and addressable implementation specifications).
 */

export const CONTROL_CATEGORIES = ['organizational', 'people', 'physical', 'technological'] as const;
export type ControlCategory = (typeof CONTROL_CATEGORIES)[number];

export const CONTROL_STATUSES = ['planned', 'in_progress', 'implemented', 'not_applicable'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];
export const CONTROL_STATUS_LABELS: Record<ControlStatus, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  implemented: 'Implemented',
  not_applicable: 'Not applicable',
};

export const EFFECTIVENESS = ['not_assessed', 'ineffective', 'partially_effective', 'effective'] as const;
export type Effectiveness = (typeof EFFECTIVENESS)[number];
export const EFFECTIVENESS_LABELS: Record<Effectiveness, string> = {
  not_assessed: 'Not assessed',
  ineffective: 'Ineffective',
  partially_effective: 'Partially effective',
  effective: 'Effective',
};

/** How far a requirement (an SoA row, a HIPAA specification, a GDPR article) is implemented, derived from its controls. */
export const IMPLEMENTATION_STATUSES = ['none', 'planned', 'partial', 'implemented', 'not_applicable'] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];
export const IMPLEMENTATION_STATUS_LABELS: Record<ImplementationStatus, string> = {
  none: 'No control',
  planned: 'Planned',
  partial: 'Partially implemented',
  implemented: 'Implemented',
  not_applicable: 'Not applicable',
};

export const COMPLIANCE_STATUSES = ['compliant', 'partially_compliant', 'non_compliant', 'not_applicable'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];
export const COMPLIANCE_STATUS_LABELS: Record<ComplianceStatus, string> = {
  compliant: 'Compliant',
  partially_compliant: 'Partially compliant',
  non_compliant: 'Non-compliant',
  not_applicable: 'Not applicable',
};

/** SoA inclusion justification categories. */
export const INCLUSION_REASONS = ['risk_treatment', 'legal_regulatory', 'contractual', 'business_best_practice'] as const;
export type InclusionReason = (typeof INCLUSION_REASONS)[number];
export const INCLUSION_REASON_LABELS: Record<InclusionReason, string> = {
  risk_treatment: 'Risk treatment',
  legal_regulatory: 'Legal or regulatory',
  contractual: 'Contractual',
  business_best_practice: 'Business need or best practice',
};

/** 164.306(d)(3): implement; or document why not and implement an equivalent alternative; or document why neither. */
export const HIPAA_DECISIONS = ['implement', 'alternative', 'not_implemented'] as const;
export type HipaaDecision = (typeof HIPAA_DECISIONS)[number];
export const HIPAA_DECISION_LABELS: Record<HipaaDecision, string> = {
  implement: 'Reasonable and appropriate: implemented',
  alternative: 'Not reasonable and appropriate: equivalent alternative measure',
  not_implemented: 'Not reasonable and appropriate: no alternative (reason documented)',
};

/** The part of a control the derivations need. */
export interface LinkedControlState {
  status: ControlStatus;
  effectiveness: Effectiveness;
}

/**
 * A requirement's implementation status from the controls linked to it:
 * no control → none; every linked control not applicable → not_applicable; every applicable one
 * implemented → implemented; at least one implemented or in progress → partial; otherwise planned.
 * `not_applicable` here only describes the controls: for a requirement in scope (an applicable SoA row, a
 * HIPAA specification) pass it through `inScopeStatus`.
 */
export function deriveImplementationStatus(controls: readonly LinkedControlState[]): ImplementationStatus {
  if (controls.length === 0) return 'none';
  const relevant = controls.filter((c) => c.status !== 'not_applicable');
  if (relevant.length === 0) return 'not_applicable';
  if (relevant.every((c) => c.status === 'implemented')) return 'implemented';
  if (relevant.some((c) => c.status === 'implemented' || c.status === 'in_progress')) return 'partial';
  return 'planned';
}

/**
 * The statuses an SoA status override may take: never `not_applicable`. ISO/IEC 27001:2022 6.1.3 d) puts
 * a control out of scope only by excluding it with a justification; an override that said "not
 * applicable" would drop a row from readiness while it still reads "Applicable: Yes".
 */
export const OVERRIDE_STATUSES = ['none', 'planned', 'partial', 'implemented'] as const satisfies readonly ImplementationStatus[];
export type OverrideStatus = (typeof OVERRIDE_STATUSES)[number];
export const NOT_APPLICABLE_OVERRIDE_MESSAGE = 'must not be not_applicable: mark the control not applicable with an exclusion justification instead';

/**
 * The status of a requirement that is in scope (an applicable SoA row; a HIPAA specification or standard):
 * never `not_applicable`. When every linked control is marked not applicable, nothing implements the
 * requirement, so it is shown and counted as `none` (non-compliant). Scoping out needs an explicit,
 * justified decision (SoA exclusion, 6.1.3 d); a required HIPAA specification must be implemented
 * (45 CFR 164.306(d)(2)).
 */
export function inScopeStatus(status: ImplementationStatus): ImplementationStatus {
  return status === 'not_applicable' ? 'none' : status;
}

/**
 * The effective status of an SoA row (Annex A control), the one the SoA shows and ISO readiness counts:
 * `not_applicable` exactly when the row is excluded; otherwise the override when one is recorded, else
 * the status derived from the controls — either one through `inScopeStatus`, so never `not_applicable`.
 */
export function soaEffectiveStatus(entry: { applicable: boolean; statusOverride: ImplementationStatus | null }, derived: ImplementationStatus): ImplementationStatus {
  if (!entry.applicable) return 'not_applicable';
  return inScopeStatus(entry.statusOverride ?? derived);
}

/**
 * Readiness of one requirement: not applicable when scoped out (an SoA exclusion; for frameworks
 * without such a rule, every control not applicable — callers map it away with `inScopeStatus` where it must not be); compliant when implemented and no applicable control was tested ineffective; partially
 * compliant when partly implemented or implemented with an ineffective control; otherwise non-compliant.
 */
export function deriveComplianceStatus(status: ImplementationStatus, controls: readonly LinkedControlState[], applicable = true): ComplianceStatus {
  if (!applicable || status === 'not_applicable') return 'not_applicable';
  if (status === 'implemented') {
    const ineffective = controls.some((c) => c.status === 'implemented' && c.effectiveness === 'ineffective');
    return ineffective ? 'partially_compliant' : 'compliant';
  }
  if (status === 'partial') return 'partially_compliant';
  return 'non_compliant';
}
