/**
 * The risk method engine (issue 5): applies an organization's method (ISO/IEC 27001:2022 6.1.2 risk
 * criteria and assessment, 6.1.3 f acceptance by risk owners, 8.2 assessment at planned intervals;
 * 45 CFR 164.308(a)(1)(ii)(A) risk analysis, (B) risk management). Contracts in
 * `contracts/risk-method.ts`; the rules in words are in docs/domain.md, "Risk method".
 *
 * Pure: no I/O and no clock, so the API, the CLI and the web's live matrix preview share it. The method
 * is assumed valid (`ZRiskMethod`); assessment values are checked against it and refused with a
 * `RiskMethodError` whose issues read `<field>: <problem>`. Levels are derived, never stored: a
 * stored assessment keeps its likelihood and per-dimension impacts plus the method version it used.
 */
import defaultMethodFile from '../../catalog/risk/default-method.json' with { type: 'json' };
import {
  ACCEPTANCE_AUTHORITIES,
  ACCEPTING_ROLES,
  ZRiskMethod,
  type AcceptingRole,
  type ImpactDimension,
  type TImpacts,
  type TRemapPreview,
  type TRiskAssessment,
  type TRiskAssessmentInput,
  type TRiskLevel,
  type TRiskMethod,
} from './contracts/risk-method.js';

export interface RiskMethodIssue {
  /** Dotted path relative to the assessment, e.g. `impacts.patient_safety`. */
  path: string;
  message: string;
}

/** Values that do not fit the method. The message is the first issue as `<path>: <problem>`. */
export class RiskMethodError extends Error {
  readonly issues: RiskMethodIssue[];
  constructor(issues: RiskMethodIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    this.name = 'RiskMethodError';
    this.issues = issues;
  }
}

function fail(path: string, message: string): never {
  throw new RiskMethodError([{ path, message }]);
}

function isWholeIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

// ---------------------------------------------------------------------------------------------------
// Assessment

/**
 * Every problem of an assessment under a method: likelihood and each impact must be a whole number on
 * the method's scale; an impact may only be given for a chosen dimension; at least one chosen dimension
 * must be assessed. A dimension left out or null is "not assessed" (not an error).
 */
export function assessmentIssues(method: TRiskMethod, input: TRiskAssessmentInput): RiskMethodIssue[] {
  const issues: RiskMethodIssue[] = [];
  const nL = method.likelihood.length;
  const nI = method.impact.length;
  if (!isWholeIn(input.likelihood, 1, nL)) issues.push({ path: 'likelihood', message: `must be a whole number from 1 to ${nL}` });
  let assessed = 0;
  for (const [dimension, value] of Object.entries(input.impacts ?? {})) {
    if (!method.dimensions.includes(dimension as ImpactDimension)) {
      issues.push({ path: `impacts.${dimension}`, message: `is not a dimension of this method (${method.dimensions.join(', ')})` });
      continue;
    }
    if (value === null || value === undefined) continue;
    if (!isWholeIn(value, 1, nI)) issues.push({ path: `impacts.${dimension}`, message: `must be a whole number from 1 to ${nI}, or null (not assessed)` });
    else assessed += 1;
  }
  if (assessed === 0 && !issues.some((i) => i.path.startsWith('impacts.'))) issues.push({ path: 'impacts', message: `must rate at least one dimension (${method.dimensions.join(', ')})` });
  return issues;
}

/** The assessed impacts, checked, in the method's dimension order. */
function assessedImpacts(method: TRiskMethod, impacts: TImpacts): Partial<Record<ImpactDimension, number>> {
  const issues = assessmentIssues(method, { likelihood: 1, impacts }).filter((i) => i.path !== 'likelihood');
  if (issues.length > 0) throw new RiskMethodError(issues);
  const result: Partial<Record<ImpactDimension, number>> = {};
  for (const dimension of method.dimensions) {
    const value = impacts[dimension];
    if (value !== null && value !== undefined) result[dimension] = value;
  }
  return result;
}

/**
 * The risk's impact on the method's impact scale, from its assessed dimensions (not-assessed ones take
 * no part). `highest`: the largest value. `weighted`: Σ(wᵢ × vᵢ) ÷ Σ(wᵢ) over the assessed dimensions,
 * rounded half up (2.5 → 3, 2.49 → 2). Weights have at most two decimals, so the sum is computed in
 * whole hundredths and the rounding is exact: floor((2·Σ(Wᵢvᵢ) + ΣWᵢ) ÷ (2·ΣWᵢ)) with Wᵢ = 100·wᵢ.
 * A mean of values on the scale is on the scale, so the result is always 1..n.
 */
export function aggregateImpact(method: TRiskMethod, impactsByDimension: TImpacts): number {
  const impacts = assessedImpacts(method, impactsByDimension);
  const entries = Object.entries(impacts) as [ImpactDimension, number][];
  if (method.aggregation.rule === 'highest') return Math.max(...entries.map(([, v]) => v));
  const weights = method.aggregation.weights;
  let numerator = 0;
  let denominator = 0;
  for (const [dimension, value] of entries) {
    const hundredths = Math.round((weights[dimension] ?? 0) * 100);
    numerator += hundredths * value;
    denominator += hundredths;
  }
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** The risk level of a likelihood × impact cell of the matrix. */
export function riskLevel(method: TRiskMethod, likelihood: number, impact: number): TRiskLevel {
  if (!isWholeIn(likelihood, 1, method.likelihood.length)) fail('likelihood', `must be a whole number from 1 to ${method.likelihood.length}`);
  if (!isWholeIn(impact, 1, method.impact.length)) fail('impact', `must be a whole number from 1 to ${method.impact.length}`);
  return levelByKey(method, method.matrix[likelihood - 1]![impact - 1]!);
}

/** A level of the method by its key; an unknown key is refused. */
export function levelByKey(method: TRiskMethod, levelKey: string): TRiskLevel {
  const level = method.levels.find((l) => l.key === levelKey);
  if (!level) fail('levelKey', `"${levelKey}" is not a risk level of this method (${method.levels.map((l) => l.key).join(', ')})`);
  return level;
}

/** Checks an assessment and derives its impact and level. */
export function assess(method: TRiskMethod, input: TRiskAssessmentInput): TRiskAssessment {
  const issues = assessmentIssues(method, input);
  if (issues.length > 0) throw new RiskMethodError(issues);
  const impacts = assessedImpacts(method, input.impacts);
  const impact = aggregateImpact(method, impacts);
  const level = riskLevel(method, input.likelihood, impact);
  return {
    likelihood: input.likelihood,
    impacts,
    notAssessed: method.dimensions.filter((d) => impacts[d] === undefined),
    impact,
    levelKey: level.key,
    levelRank: level.rank,
    levelLabel: level.label,
    colour: level.colour,
    acceptance: level.acceptance,
    reviewCadenceMonths: level.reviewCadenceMonths,
  };
}

// ---------------------------------------------------------------------------------------------------
// Acceptance (6.1.2 a 1, 6.1.3 f) and clinical sign-off

/**
 * May a person acting in `role` accept a risk at `levelKey`? Authority is ordered risk_owner <
 * isms_manager < top_management: a role may accept every level whose criterion is its own or lower.
 * A level whose criterion is `never` cannot be accepted by anyone (it must be treated).
 */
export function canAccept(method: TRiskMethod, levelKey: string, role: AcceptingRole): boolean {
  const required = levelByKey(method, levelKey).acceptance;
  if (required === 'never') return false;
  const roleRank = ACCEPTING_ROLES.indexOf(role);
  if (roleRank < 0) return false;
  return roleRank >= ACCEPTANCE_AUTHORITIES.indexOf(required);
}

/**
 * A risk needs the clinical safety officer's sign-off (issue 5 item 5) when its patient-safety impact was
 * assessed above the lowest level of the impact scale (value ≥ 2): level 1 is "no or negligible harm".
 * A method without the patient-safety dimension, or an assessment that leaves it unrated, needs none.
 */
export function needsClinicalSignOff(assessment: Pick<TRiskAssessment, 'impacts'>): boolean {
  return (assessment.impacts.patient_safety ?? 0) > 1;
}

export type AcceptanceStaleReason = 'level_rose' | 'expired';

export interface AcceptanceStalenessInput {
  /** Rank of the level that was accepted. */
  acceptedLevelRank: number;
  /** Rank of the risk's level now (under the current assessment). */
  currentLevelRank: number;
  /** Last day the acceptance is valid (YYYY-MM-DD), or null for no end date. */
  expiresOn: string | null;
  /** Today in the organization's time zone (YYYY-MM-DD). */
  today: string;
}

/**
 * Why an acceptance no longer holds (computed, never stored): the risk's level rose above the one
 * accepted, or the acceptance expired. `expiresOn` is the last valid day, as for evidence: stale from
 * the day after. A level that fell keeps the acceptance (what was accepted covers less risk now).
 */
export function acceptanceStaleReasons(input: AcceptanceStalenessInput): AcceptanceStaleReason[] {
  const reasons: AcceptanceStaleReason[] = [];
  if (input.currentLevelRank > input.acceptedLevelRank) reasons.push('level_rose');
  if (input.expiresOn !== null && parseDate(input.today, 'today') > parseDate(input.expiresOn, 'expiresOn')) reasons.push('expired');
  return reasons;
}

export function isAcceptanceStale(input: AcceptanceStalenessInput): boolean {
  return acceptanceStaleReasons(input).length > 0;
}

// ---------------------------------------------------------------------------------------------------
// Review dates (8.2 "at planned intervals")

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Year·10000 + month·100 + day, after checking the date exists; comparable as a number. */
function parseDate(date: string, path: string): number {
  const match = ISO_DATE.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (!match || year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) fail(path, 'must be a date (YYYY-MM-DD)');
  return year * 10000 + month * 100 + day;
}

/** `date` plus whole calendar months; a day past the end of the target month becomes its last day (31 Jan + 1 = 28/29 Feb). */
export function addCalendarMonths(date: string, months: number): string {
  const ymd = parseDate(date, 'date');
  if (!Number.isInteger(months)) fail('months', 'must be a whole number');
  const total = Math.floor(ymd / 10000) * 12 + (Math.floor(ymd / 100) % 100) - 1 + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  if (year < 1 || year > 9999) fail('months', 'takes the date outside years 1–9999');
  const day = Math.min(ymd % 100, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The next review of a risk at `levelKey`: `fromDate` (its last review or assessment) plus the level's cadence in calendar months. */
export function nextReviewDate(method: TRiskMethod, levelKey: string, fromDate: string): string {
  return addCalendarMonths(fromDate, levelByKey(method, levelKey).reviewCadenceMonths);
}

// ---------------------------------------------------------------------------------------------------
// Re-mapping when the method changes (issue 5 item 1: re-map, never clear)

/**
 * The issue's proportional rule on one scale: ceil(value × newLevels ÷ oldLevels), clamped to
 * 1..newLevels. Computed in integers (no floating-point ceil). For a value on the old scale the clamp
 * never bites; it keeps a stray stored value (0, or above the old scale) on the new scale.
 */
export function proportionalRemap(oldLevels: number, newLevels: number, value: number): number {
  if (!Number.isInteger(oldLevels) || oldLevels < 1) throw new RangeError(`oldLevels must be a whole number ≥ 1 (got ${oldLevels})`);
  if (!Number.isInteger(newLevels) || newLevels < 1) throw new RangeError(`newLevels must be a whole number ≥ 1 (got ${newLevels})`);
  if (!Number.isInteger(value)) throw new RangeError(`value must be a whole number (got ${value})`);
  const product = value * newLevels;
  const ceil = Math.floor(product / oldLevels) + (product % oldLevels > 0 ? 1 : 0);
  return Math.min(newLevels, Math.max(1, ceil));
}

/**
 * The preview of one assessment under a new method: likelihood and every kept dimension re-mapped
 * proportionally; a dimension the new method lacks is dropped (reported with its old value); a new
 * dimension has no value (reported as added). The new impact and level are derived from the proposed
 * values; when no assessed dimension survives, they are null and `needsInput` is true. The old
 * assessment must be valid under the old method.
 */
export function remapAssessment(oldMethod: TRiskMethod, newMethod: TRiskMethod, assessment: TRiskAssessmentInput): TRemapPreview {
  const before = assess(oldMethod, assessment);
  const oldI = oldMethod.impact.length;
  const newI = newMethod.impact.length;
  const likelihood = proportionalRemap(oldMethod.likelihood.length, newMethod.likelihood.length, before.likelihood);

  const dimensions: TRemapPreview['dimensions'] = [];
  const proposedImpacts: Partial<Record<ImpactDimension, number>> = {};
  const addedDimensions: ImpactDimension[] = [];
  for (const dimension of newMethod.dimensions) {
    if (!oldMethod.dimensions.includes(dimension)) {
      dimensions.push({ dimension, old: null, new: null, change: 'added' });
      addedDimensions.push(dimension);
      continue;
    }
    const old = before.impacts[dimension];
    if (old === undefined) {
      dimensions.push({ dimension, old: null, new: null, change: 'not_assessed' });
      continue;
    }
    const value = proportionalRemap(oldI, newI, old);
    proposedImpacts[dimension] = value;
    dimensions.push({ dimension, old, new: value, change: 'remapped' });
  }
  const droppedDimensions = oldMethod.dimensions.filter((d) => !newMethod.dimensions.includes(d));
  for (const dimension of droppedDimensions) dimensions.push({ dimension, old: before.impacts[dimension] ?? null, new: null, change: 'dropped' });

  const needsInput = Object.keys(proposedImpacts).length === 0;
  const after = needsInput ? null : assess(newMethod, { likelihood, impacts: proposedImpacts });
  const oldLevel = { key: before.levelKey, rank: before.levelRank, label: before.levelLabel };
  const newLevel = after ? { key: after.levelKey, rank: after.levelRank, label: after.levelLabel } : null;
  return {
    likelihood: { old: before.likelihood, new: likelihood },
    dimensions,
    droppedDimensions,
    addedDimensions,
    impact: { old: before.impact, new: after ? after.impact : null },
    level: { old: oldLevel, new: newLevel },
    isLevelChanged: newLevel === null || newLevel.key !== oldLevel.key || newLevel.rank !== oldLevel.rank,
    needsInput,
    proposed: { likelihood, impacts: proposedImpacts },
  };
}

// ---------------------------------------------------------------------------------------------------
// The seeded method

let seeded: TRiskMethod | undefined;

/**
 * The method seeded for a new organization: 5 × 5, dimensions C, I, A and patient safety, highest
 * dimension wins, four levels (low, medium, high, critical). Source: `catalog/risk/default-method.json`
 * (validated here with `ZRiskMethod`). Each call returns a fresh copy the caller may change.
 */
export function defaultMethod(): TRiskMethod {
  seeded ??= ZRiskMethod.parse(defaultMethodFile.method);
  return structuredClone(seeded);
}

/** The catalogue version of the seeded method (recorded with the organization's first method version). */
export const DEFAULT_METHOD_VERSION: string = defaultMethodFile.version;
