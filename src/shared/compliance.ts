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
 * Readiness of one requirement: not applicable when scoped out (SoA exclusion, or every control not
 * applicable); compliant when implemented and no applicable control was tested ineffective; partially
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
