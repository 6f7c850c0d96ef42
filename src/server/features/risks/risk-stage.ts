/**
 * A risk's three assessments as stored (per stage: likelihood, per-dimension impacts as JSON, the method
 * version used, when and by whom) and the derived columns kept beside them (aggregated impact, level
 * rank and key) so lists, filters and heat maps run in SQL. Shared by the register, the method re-map,
 * import and the demo, so every writer derives the same values with the same engine.
 */
import { RISK_STAGES, type RiskStage, type TRiskAssessmentView, type TRiskLevelRef } from '../../../shared/contracts/risks.js';
import type { TRiskAssessmentInput, TRiskMethod } from '../../../shared/contracts/risk-method.js';
import { assess, levelByKey, needsClinicalSignOff } from '../../../shared/risk-method.js';
import type { RisksTable } from './risk.tables.js';

export { RISK_STAGES };

/** The stored columns of one stage: all null when the stage is not assessed. */
export type StageColumns = Pick<
  RisksTable,
  | `${RiskStage}_likelihood`
  | `${RiskStage}_impacts`
  | `${RiskStage}_method_version`
  | `${RiskStage}_assessed_at`
  | `${RiskStage}_assessed_by`
  | `${RiskStage}_impact`
  | `${RiskStage}_level_rank`
  | `${RiskStage}_level_key`
>;

/**
 * The columns for `stage` from an assessment under `method` (version `methodVersion`), or all null for
 * "not assessed". Throws `RiskMethodError` (issues `likelihood`, `impacts.<dimension>`) when the values
 * do not fit the method; callers prefix the stage to the path (`current.impacts.patient_safety`).
 */
export function stageColumns(stage: RiskStage, method: TRiskMethod, methodVersion: number, input: TRiskAssessmentInput | null, assessedAt: string, assessedBy: string | null): Partial<StageColumns> {
  if (input === null) {
    return {
      [`${stage}_likelihood`]: null,
      [`${stage}_impacts`]: null,
      [`${stage}_method_version`]: null,
      [`${stage}_assessed_at`]: null,
      [`${stage}_assessed_by`]: null,
      [`${stage}_impact`]: null,
      [`${stage}_level_rank`]: null,
      [`${stage}_level_key`]: null,
    };
  }
  const result = assess(method, input);
  return {
    [`${stage}_likelihood`]: result.likelihood,
    [`${stage}_impacts`]: JSON.stringify(result.impacts),
    [`${stage}_method_version`]: methodVersion,
    [`${stage}_assessed_at`]: assessedAt,
    [`${stage}_assessed_by`]: assessedBy,
    [`${stage}_impact`]: result.impact,
    [`${stage}_level_rank`]: result.levelRank,
    [`${stage}_level_key`]: result.levelKey,
  };
}

type StageRow = Partial<Pick<RisksTable, keyof StageColumns>>;

/** The stored assessment of a stage as engine input, or null when not assessed. */
export function storedAssessment(row: StageRow, stage: RiskStage): TRiskAssessmentInput | null {
  const likelihood = row[`${stage}_likelihood`];
  const impacts = row[`${stage}_impacts`];
  if (likelihood === null || likelihood === undefined || impacts === null || impacts === undefined) return null;
  return { likelihood: Number(likelihood), impacts: JSON.parse(impacts) as Record<string, number> };
}

/** The stage an acceptance covers: residual when assessed, else current, else inherent; null when none is. */
export function acceptanceStage(row: StageRow): RiskStage | null {
  for (const stage of ['residual', 'current', 'inherent'] as const) if (row[`${stage}_level_key`] != null) return stage;
  return null;
}

/** The level of a stage from the stored derived columns, labelled by the method in force; null when not assessed. */
export function stageLevel(row: StageRow, stage: RiskStage, method: TRiskMethod): TRiskLevelRef | null {
  const key = row[`${stage}_level_key`];
  if (key === null || key === undefined) return null;
  const level = method.levels.find((l) => l.key === key);
  return {
    key,
    label: level?.label ?? key,
    colour: level?.colour ?? '#868e96',
    rank: Number(row[`${stage}_level_rank`]),
    likelihood: Number(row[`${stage}_likelihood`]),
    impact: Number(row[`${stage}_impact`]),
  };
}

/**
 * The full view of a stored stage under the method version it was assessed with (after a method change
 * every assessment is re-mapped to the new version, so this is normally the version in force).
 */
export function assessmentView(row: StageRow, stage: RiskStage, methods: Map<number, TRiskMethod>, people: Map<string, string>): TRiskAssessmentView | null {
  const input = storedAssessment(row, stage);
  if (input === null) return null;
  const version = Number(row[`${stage}_method_version`]);
  const method = methods.get(version);
  if (!method) throw new Error(`risk method version ${version} is missing`);
  const result = assess(method, input);
  const level = levelByKey(method, result.levelKey);
  const by = row[`${stage}_assessed_by`] ?? null;
  return {
    likelihood: result.likelihood,
    impacts: result.impacts,
    notAssessed: result.notAssessed,
    impact: result.impact,
    level: { key: level.key, label: level.label, colour: level.colour, rank: level.rank, likelihood: result.likelihood, impact: result.impact },
    acceptance: result.acceptance,
    reviewCadenceMonths: result.reviewCadenceMonths,
    methodVersion: version,
    assessedAt: row[`${stage}_assessed_at`]!,
    assessedBy: by === null ? null : { id: by, name: people.get(by) ?? 'Former user' },
  };
}

/** Patient safety assessed above its lowest value at any stage (the risk then needs a clinical sign-off to be accepted). */
export function hasPatientSafetyImpact(row: StageRow): boolean {
  return RISK_STAGES.some((stage) => {
    const input = storedAssessment(row, stage);
    return input !== null && needsClinicalSignOff({ impacts: Object.fromEntries(Object.entries(input.impacts).filter(([, v]) => v !== null)) as Record<string, number> });
  });
}

/** R-0001 … */
export function riskRef(refNumber: number): string {
  return `R-${String(refNumber).padStart(4, '0')}`;
}
