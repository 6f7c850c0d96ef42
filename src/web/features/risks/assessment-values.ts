/**
 * The assessment form's values and what the method derives from them, computed in the browser with the
 * shared engine (ISO/IEC 27001:2022 6.1.2 d: levels from the organization's own criteria, so repeated
 * assessments give comparable results). The server derives the same with the same engine on save; this
 * module only makes the result visible as values change, without a round trip.
 */
import type { ImpactDimension, TRiskAssessment, TRiskAssessmentInput, TRiskMethod } from '../../../shared/contracts/risk-method.js';
import { RISK_STAGES, type RiskStage, type TRiskAssessmentView } from '../../../shared/contracts/risks.js';
import { assess, assessmentIssues } from '../../../shared/risk-method.js';

/** One stage as the form holds it: null = not chosen ("not assessed"). */
export interface StageValues {
  likelihood: number | null;
  impacts: Partial<Record<ImpactDimension, number | null>>;
}
export type AssessmentValues = Record<RiskStage, StageValues>;

export type LiveStage =
  | { state: 'not_assessed' }
  | { state: 'incomplete'; issues: Record<string, string> }
  | { state: 'assessed'; input: TRiskAssessmentInput; result: TRiskAssessment };

export function emptyStage(): StageValues {
  return { likelihood: null, impacts: {} };
}

export function emptyAssessment(): AssessmentValues {
  return { inherent: emptyStage(), current: emptyStage(), residual: emptyStage() };
}

/** The form's values of a stored assessment: only the method's dimensions (a stored view always fits the method in force). */
export function stageValuesOf(view: Pick<TRiskAssessmentView, 'likelihood' | 'impacts'> | null, method: Pick<TRiskMethod, 'dimensions'>): StageValues {
  if (!view) return emptyStage();
  const impacts: StageValues['impacts'] = {};
  for (const dimension of method.dimensions) {
    const value = view.impacts[dimension];
    if (value !== undefined) impacts[dimension] = value;
  }
  return { likelihood: view.likelihood, impacts };
}

export function assessmentValuesOf(assessments: Record<RiskStage, Pick<TRiskAssessmentView, 'likelihood' | 'impacts'> | null>, method: Pick<TRiskMethod, 'dimensions'>): AssessmentValues {
  return { inherent: stageValuesOf(assessments.inherent, method), current: stageValuesOf(assessments.current, method), residual: stageValuesOf(assessments.residual, method) };
}

function isEmpty(values: StageValues): boolean {
  return values.likelihood === null && Object.values(values.impacts).every((value) => value === null || value === undefined);
}

/** The rated dimensions only, in the method's order (a dimension left out is "not assessed"). */
function ratedImpacts(method: TRiskMethod, values: StageValues): Partial<Record<ImpactDimension, number>> {
  const impacts: Partial<Record<ImpactDimension, number>> = {};
  for (const dimension of method.dimensions) {
    const value = values.impacts[dimension];
    if (value !== null && value !== undefined) impacts[dimension] = value;
  }
  return impacts;
}

/**
 * What a stage's values amount to under the method: not assessed (nothing chosen), incomplete (with
 * the problems keyed `likelihood`, `impacts` or `impacts.<dimension>`, worded like the API's), or
 * assessed with the derived impact and level.
 */
export function liveStage(method: TRiskMethod, values: StageValues): LiveStage {
  if (isEmpty(values)) return { state: 'not_assessed' };
  const impacts = ratedImpacts(method, values);
  const input: TRiskAssessmentInput = { likelihood: values.likelihood ?? 0, impacts };
  const issues: Record<string, string> = {};
  for (const issue of assessmentIssues(method, input)) {
    if (issue.path === 'likelihood' && values.likelihood === null) issues.likelihood = 'choose a likelihood';
    else issues[issue.path] ??= issue.message;
  }
  if (Object.keys(issues).length > 0) return { state: 'incomplete', issues };
  return { state: 'assessed', input, result: assess(method, input) };
}

/** The request value of a stage: its assessment, or null when nothing is chosen. Incomplete stages are refused before sending. */
export function stageRequest(method: TRiskMethod, values: StageValues): TRiskAssessmentInput | null {
  const live = liveStage(method, values);
  return live.state === 'assessed' ? live.input : null;
}

/** Every problem of the three stages, keyed `<stage>.<path>` (e.g. `current.impacts`), for the form to show before sending. */
export function assessmentProblems(method: TRiskMethod, values: AssessmentValues): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const stage of RISK_STAGES) {
    const live = liveStage(method, values[stage]);
    if (live.state !== 'incomplete') continue;
    for (const [path, message] of Object.entries(live.issues)) problems[`${stage}.${path}`] = message;
  }
  return problems;
}

/** The stages whose values differ from what was loaded (only those are sent). */
export function changedStages(method: TRiskMethod, initial: AssessmentValues, current: AssessmentValues): RiskStage[] {
  return RISK_STAGES.filter((stage) => JSON.stringify(stageRequest(method, initial[stage])) !== JSON.stringify(stageRequest(method, current[stage])) || liveStage(method, current[stage]).state === 'incomplete');
}

/**
 * The form key an API issue names: `body.current.impacts.patient_safety` or `current.likelihood` →
 * `current.impacts.patient_safety` / `current.likelihood`; a stage alone (`residual`) → `residual`.
 * Null when the path names no stage.
 */
export function assessmentIssueKey(path: string): string | null {
  const segments = path.split('.').filter((segment) => segment !== '' && segment !== 'body');
  const index = segments.findIndex((segment) => (RISK_STAGES as readonly string[]).includes(segment));
  if (index < 0) return null;
  return segments.slice(index, index + 3).join('.');
}

/** True when patient safety is rated above its lowest value at some stage: acceptance will also need a clinical sign-off. */
export function ratesPatientSafety(method: TRiskMethod, values: AssessmentValues): boolean {
  return RISK_STAGES.some((stage) => {
    const live = liveStage(method, values[stage]);
    return live.state === 'assessed' && (live.result.impacts.patient_safety ?? 0) > 1;
  });
}
