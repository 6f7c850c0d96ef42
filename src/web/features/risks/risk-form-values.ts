/**
 * The risk form's values and the requests they become (ZCreateRiskRequest / ZUpdateRiskRequest). An
 * edit sends only what changed, with the version read, so a change made meanwhile is refused (409),
 * never overwritten. Assessments are sent on create; afterwards they are edited on the Assessment tab.
 */
import type { TRiskMethod } from '../../../shared/contracts/risk-method.js';
import type { RiskCategory, RiskStatus, TCreateRiskRequest, TRiskDetail, TRiskDraft, TUpdateRiskRequest, TreatmentOption } from '../../../shared/contracts/risks.js';
import { emptyStage, stageRequest, type StageValues } from './assessment-values.js';

export interface RiskFormValues extends Record<string, unknown> {
  title: string;
  description: string;
  category: RiskCategory;
  status: RiskStatus;
  /** '' = none. */
  threatId: string;
  threatSourceIds: string[];
  vulnerabilityIds: string[];
  assetIds: string[];
  /** '' = nobody. */
  ownerUserId: string;
  /** '' = not decided. */
  treatmentOption: TreatmentOption | '';
  treatmentRationale: string;
  inherent: StageValues;
  current: StageValues;
  residual: StageValues;
}

export function emptyRiskValues(): RiskFormValues {
  return {
    title: '',
    description: '',
    category: 'cyber',
    status: 'open',
    threatId: '',
    threatSourceIds: [],
    vulnerabilityIds: [],
    assetIds: [],
    ownerUserId: '',
    treatmentOption: '',
    treatmentRationale: '',
    inherent: emptyStage(),
    current: emptyStage(),
    residual: emptyStage(),
  };
}

/** A new risk pre-filled from a gap on the asset register ("create risk from gap"). */
export function valuesOfDraft(draft: TRiskDraft): RiskFormValues {
  return { ...emptyRiskValues(), title: draft.title, description: draft.description, category: draft.category, threatId: draft.threatId ?? '', vulnerabilityIds: [...draft.vulnerabilityIds], assetIds: [...draft.assetIds] };
}

/** The scenario fields of a stored risk (its assessments are edited on their own tab). */
export function valuesOfRisk(risk: TRiskDetail): RiskFormValues {
  return {
    ...emptyRiskValues(),
    title: risk.title,
    description: risk.description,
    category: risk.category,
    status: risk.status,
    threatId: risk.threatId ?? '',
    threatSourceIds: [...risk.threatSourceIds],
    vulnerabilityIds: risk.vulnerabilities.map((v) => v.id),
    assetIds: risk.assets.map((a) => a.id),
    ownerUserId: risk.owner?.id ?? '',
    treatmentOption: risk.treatmentOption ?? '',
    treatmentRationale: risk.treatmentRationale,
  };
}

const orNull = (text: string) => (text === '' ? null : text);

function scenarioOf(values: RiskFormValues) {
  return {
    title: values.title,
    description: values.description,
    category: values.category,
    status: values.status,
    threatId: orNull(values.threatId),
    threatSourceIds: values.threatSourceIds,
    vulnerabilityIds: values.vulnerabilityIds,
    assetIds: values.assetIds,
    ownerUserId: orNull(values.ownerUserId),
    treatmentOption: values.treatmentOption === '' ? null : values.treatmentOption,
    treatmentRationale: values.treatmentRationale,
  };
}

export function createRequestOf(values: RiskFormValues, options: { method: TRiskMethod | null; fromGap: { assetId: string; rule: string } | null }): TCreateRiskRequest {
  const { method } = options;
  return {
    ...scenarioOf(values),
    inherent: method ? stageRequest(method, values.inherent) : null,
    current: method ? stageRequest(method, values.current) : null,
    residual: method ? stageRequest(method, values.residual) : null,
    fromGap: options.fromGap,
  };
}

/** Only the scenario fields that changed, with the version read. */
export function updateRequestOf(values: RiskFormValues, initial: RiskFormValues, version: number): TUpdateRiskRequest {
  const next = scenarioOf(values) as Record<string, unknown>;
  const before = scenarioOf(initial) as Record<string, unknown>;
  const patch: Record<string, unknown> = { version };
  for (const key of Object.keys(next)) if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) patch[key] = next[key];
  return patch as TUpdateRiskRequest;
}
