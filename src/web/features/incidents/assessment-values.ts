/**
 * The breach assessment form's values and their conversion to `ZBreachAssessmentRequest` (45 CFR
 * 164.402; GDPR Arts. 4(12), 33). Answers that the other answers make irrelevant (the exclusions, safe
 * harbor and conclusion without PHI; the risk without a personal data breach; agreed days for a covered
 * entity) are kept on screen but not sent, so the contract's "applies only when…" rules never fire for a
 * hidden field. Problems, from the contract here or from the API, are keyed by their path
 * (`factors.mitigation.finding`) so each lands on its own input.
 */
import type { GDPR_RISKS, GDPR_ROLES, HIPAA_ROLES } from '../../../shared/contracts/breach-clock.js';
import {
  FOUR_FACTORS,
  ZBreachAssessmentRequest,
  type FACTOR_INDICATIONS,
  type FourFactor,
  type HIPAA_EXCLUSIONS,
  type SAFE_HARBORS,
  type TBreachAssessment,
  type TBreachAssessmentRequest,
  type TIncident,
  type TIncidentSettings,
} from '../../../shared/contracts/incidents.js';

export interface FactorValues {
  finding: string;
  indicates: (typeof FACTOR_INDICATIONS)[number] | null;
}

export interface AssessmentValues {
  hipaaRole: (typeof HIPAA_ROLES)[number];
  gdprRole: (typeof GDPR_ROLES)[number];
  baNoticeDays: string;
  phiInvolved: boolean;
  exclusion: (typeof HIPAA_EXCLUSIONS)[number];
  exclusionRationale: string;
  safeHarbor: (typeof SAFE_HARBORS)[number];
  safeHarborEvidence: string;
  factors: Record<FourFactor, FactorValues>;
  lowProbabilityOfCompromise: boolean;
  personalDataBreach: boolean;
  gdprRisk: (typeof GDPR_RISKS)[number] | null;
  gdprRationale: string;
}

const emptyFactors = (): Record<FourFactor, FactorValues> => Object.fromEntries(FOUR_FACTORS.map((f) => [f, { finding: '', indicates: null }])) as Record<FourFactor, FactorValues>;

/** What is stored, or (never assessed) the organization's usual roles and the reporter's PHI hint. */
export function assessmentValuesOf(assessment: TBreachAssessment, incident: Pick<TIncident, 'phiMayBeInvolved'>, settings: Pick<TIncidentSettings, 'hipaaRole' | 'gdprRole'> | undefined): AssessmentValues {
  const input = assessment.input;
  if (!input) {
    const hipaaRole = settings?.hipaaRole ?? 'covered_entity';
    return {
      hipaaRole,
      gdprRole: settings?.gdprRole ?? 'none',
      baNoticeDays: '',
      phiInvolved: incident.phiMayBeInvolved && hipaaRole !== 'none',
      exclusion: 'none',
      exclusionRationale: '',
      safeHarbor: 'none',
      safeHarborEvidence: '',
      factors: emptyFactors(),
      lowProbabilityOfCompromise: false,
      personalDataBreach: false,
      gdprRisk: null,
      gdprRationale: '',
    };
  }
  const factors = emptyFactors();
  for (const f of FOUR_FACTORS) {
    const stored = input.factors?.[f];
    if (stored) factors[f] = { finding: stored.finding ?? '', indicates: stored.indicates ?? null };
  }
  return {
    hipaaRole: input.hipaaRole,
    gdprRole: input.gdprRole,
    baNoticeDays: input.baNoticeDays === null || input.baNoticeDays === undefined ? '' : String(input.baNoticeDays),
    phiInvolved: input.phiInvolved,
    exclusion: input.exclusion ?? 'none',
    exclusionRationale: input.exclusionRationale ?? '',
    safeHarbor: input.safeHarbor ?? 'none',
    safeHarborEvidence: input.safeHarborEvidence ?? '',
    factors,
    lowProbabilityOfCompromise: input.lowProbabilityOfCompromise ?? false,
    personalDataBreach: input.personalDataBreach,
    gdprRisk: input.gdprRisk ?? null,
    gdprRationale: input.gdprRationale ?? '',
  };
}

/** "" → null, "14" → 14, anything else passed through for the contract to name. */
function days(value: string): number | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : (trimmed as unknown as number);
}

export function assessmentRequest(values: AssessmentValues): TBreachAssessmentRequest {
  const isPhi = values.phiInvolved;
  const isBreach = values.personalDataBreach;
  return {
    hipaaRole: values.hipaaRole,
    gdprRole: values.gdprRole,
    baNoticeDays: values.hipaaRole === 'business_associate' ? days(values.baNoticeDays) : null,
    phiInvolved: isPhi,
    exclusion: isPhi ? values.exclusion : 'none',
    exclusionRationale: isPhi && values.exclusion !== 'none' ? values.exclusionRationale : '',
    safeHarbor: isPhi ? values.safeHarbor : 'none',
    safeHarborEvidence: isPhi && values.safeHarbor !== 'none' ? values.safeHarborEvidence : '',
    ...(isPhi ? { factors: values.factors } : {}),
    lowProbabilityOfCompromise: isPhi && values.lowProbabilityOfCompromise,
    personalDataBreach: isBreach,
    gdprRisk: isBreach ? values.gdprRisk : null,
    gdprRationale: isBreach ? values.gdprRationale : '',
  };
}

/** An issue path from the API (`body.factors.mitigation.finding`) or zod (['factors', 'mitigation', 'finding']) → the form's key. */
export function assessmentIssueKey(path: string | readonly PropertyKey[]): string {
  const segments = typeof path === 'string' ? path.split('.') : path.map(String);
  return (segments[0] === 'body' ? segments.slice(1) : segments).join('.');
}

/** The contract's problems with these values, keyed by path; empty when the request may be sent. */
export function assessmentProblems(values: AssessmentValues): Record<string, string> {
  const parsed = ZBreachAssessmentRequest.safeParse(assessmentRequest(values));
  if (parsed.success) return {};
  const problems: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = assessmentIssueKey(issue.path);
    problems[key] ??= issue.message;
  }
  return problems;
}
