/**
 * The conclusions of a breach assessment (45 CFR 164.402; GDPR Art. 4(12), 33(1), 34(1)), derived from
 * what the assessor recorded, never typed in. Pure: no I/O.
 *
 * HIPAA, in the order the definition of "breach" reads: no PHI → no_phi; an exclusion of 164.402(1)
 * → excluded; PHI secured per the HHS guidance (not "unsecured") → safe_harbor; a low probability of
 * compromise demonstrated on the four factors of 164.402(2) → low_probability; otherwise the
 * presumption of 164.402(2): breach.
 * GDPR: not a personal data breach → no_breach; else the assessed risk (none / risk / high).
 */
import type { GdprConclusion, HipaaConclusion, TBreachAssessmentInput } from '../../../shared/contracts/incidents.js';
import { HIPAA_CONCLUSION_LABELS } from '../../../shared/contracts/incidents.js';

export function hipaaConclusionOf(input: Pick<TBreachAssessmentInput, 'phiInvolved' | 'exclusion' | 'safeHarbor' | 'lowProbabilityOfCompromise'>): Exclude<HipaaConclusion, 'not_assessed'> {
  if (!input.phiInvolved) return 'no_phi';
  if (input.exclusion !== 'none') return 'excluded';
  if (input.safeHarbor !== 'none') return 'safe_harbor';
  if (input.lowProbabilityOfCompromise) return 'low_probability';
  return 'breach';
}

export function gdprConclusionOf(input: Pick<TBreachAssessmentInput, 'personalDataBreach' | 'gdprRisk'>): Exclude<GdprConclusion, 'not_assessed'> {
  if (!input.personalDataBreach) return 'no_breach';
  // The contract requires a risk for a personal data breach; the engine's safest reading if it is absent is a risk.
  return input.gdprRisk ?? 'risk';
}

export interface AssessmentConclusions {
  hipaaConclusion: Exclude<HipaaConclusion, 'not_assessed'>;
  gdprConclusion: Exclude<GdprConclusion, 'not_assessed'>;
}

export function assessmentConclusions(input: TBreachAssessmentInput): AssessmentConclusions {
  return { hipaaConclusion: hipaaConclusionOf(input), gdprConclusion: gdprConclusionOf(input) };
}

const GDPR_SHORT: Record<GdprConclusion, string> = {
  not_assessed: 'not assessed',
  no_breach: 'not a personal data breach',
  none: 'unlikely to result in a risk',
  risk: 'risk',
  high: 'high risk',
};

/** The timeline line of an assessment, e.g. "HIPAA: Breach of unsecured PHI; GDPR: high risk" (no findings). */
export function assessmentSummary(conclusions: { hipaaConclusion: HipaaConclusion; gdprConclusion: GdprConclusion }): string {
  return `HIPAA: ${HIPAA_CONCLUSION_LABELS[conclusions.hipaaConclusion]}; GDPR: ${GDPR_SHORT[conclusions.gdprConclusion]}`;
}

