/**
 * The organization's risk assessment method (ISO/IEC 27001:2022 6.1.2 a–e: risk criteria, including the
 * risk acceptance criteria and the criteria for performing assessments, so repeated assessments give
 * consistent, valid and comparable results; 8.2; 45 CFR 164.308(a)(1)(ii)(A) risk analysis and (B) risk
 * management). Issue 5. The engine that applies a method is `src/shared/risk-method.ts`; the seeded
 * method is `catalog/risk/default-method.json`.
 *
 * Every rule here refuses with `<field path>: <problem>` (e.g. `matrix.2.3: …` names likelihood 3 ×
 * impact 4). Matrix rows are likelihood values 1..n (index 0 = likelihood 1), cells are impact values.
 */
import { z } from 'zod';

/** Impact dimensions an organization may rate a risk on; healthcare adds patient safety as its own. */
export const IMPACT_DIMENSIONS = ['confidentiality', 'integrity', 'availability', 'patient_safety', 'regulatory_legal', 'financial', 'reputation'] as const;
export type ImpactDimension = (typeof IMPACT_DIMENSIONS)[number];
export const IMPACT_DIMENSION_LABELS: Record<ImpactDimension, string> = {
  confidentiality: 'Confidentiality',
  integrity: 'Integrity',
  availability: 'Availability',
  patient_safety: 'Patient safety',
  regulatory_legal: 'Regulatory / legal',
  financial: 'Financial',
  reputation: 'Reputation',
};

/** Who may accept a risk of a level (6.1.2 a 1, 6.1.3 f). Ordered: each accepts what the ones before it may; `never` = nobody. */
export const ACCEPTANCE_AUTHORITIES = ['risk_owner', 'isms_manager', 'top_management', 'never'] as const;
export type AcceptanceAuthority = (typeof ACCEPTANCE_AUTHORITIES)[number];
/** The roles that can accept at all, lowest first. */
export const ACCEPTING_ROLES = ['risk_owner', 'isms_manager', 'top_management'] as const;
export type AcceptingRole = (typeof ACCEPTING_ROLES)[number];
export const ACCEPTANCE_AUTHORITY_LABELS: Record<AcceptanceAuthority, string> = {
  risk_owner: 'Risk owner',
  isms_manager: 'ISMS manager',
  top_management: 'Top management',
  never: 'Never (must be treated)',
};

export const AGGREGATION_RULES = ['highest', 'weighted'] as const;

export const SCALE_MIN_LEVELS = 3;
export const SCALE_MAX_LEVELS = 10;
export const RISK_LEVELS_MIN = 2;
export const RISK_LEVELS_MAX = 6;
export const REVIEW_MONTHS_MIN = 1;
export const REVIEW_MONTHS_MAX = 36;
/** Weights are positive numbers with at most two decimals, so the weighted mean is computed exactly in hundredths. */
export const WEIGHT_MAX = 100;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/u;
const text = (max: number) =>
  z
    .string({ message: 'must be text' })
    .trim()
    .max(max, { message: `must be at most ${max} characters` })
    .refine((value) => !CONTROL.test(value), { message: 'must not contain control characters' });
const label = text(80).min(1, { message: 'is required' });
const wholeNumber = (min: number, max: number) =>
  z
    .number({ message: `must be a whole number from ${min} to ${max}` })
    .int({ message: `must be a whole number from ${min} to ${max}` })
    .min(min, { message: `must be a whole number from ${min} to ${max}` })
    .max(max, { message: `must be a whole number from ${min} to ${max}` });

/** One level of the likelihood or the impact scale. `value` runs 1..n in order. */
export const ZScaleLevel = z
  .object({
    value: wholeNumber(1, SCALE_MAX_LEVELS),
    label,
    description: text(1000).default(''),
  })
  .strict();
export type TScaleLevel = z.output<typeof ZScaleLevel>;

const ZScale = z
  .array(ZScaleLevel, { message: 'must be a list of levels' })
  .min(SCALE_MIN_LEVELS, { message: `must have ${SCALE_MIN_LEVELS} to ${SCALE_MAX_LEVELS} levels` })
  .max(SCALE_MAX_LEVELS, { message: `must have ${SCALE_MIN_LEVELS} to ${SCALE_MAX_LEVELS} levels` })
  .superRefine((levels, ctx) => {
    levels.forEach((level, index) => {
      if (level.value !== index + 1) ctx.addIssue({ code: 'custom', path: [index, 'value'], message: `must be ${index + 1}: values run 1..${levels.length} in order` });
    });
    duplicates(levels.map((l) => l.label.toLowerCase())).forEach((index) => ctx.addIssue({ code: 'custom', path: [index, 'label'], message: `"${levels[index]!.label}" is used by another level` }));
  });

export const ZImpactDimension = z.enum(IMPACT_DIMENSIONS, { message: `must be one of ${IMPACT_DIMENSIONS.join(', ')}` });

const ZWeight = z
  .number({ message: `must be a number greater than 0 and at most ${WEIGHT_MAX}` })
  .gt(0, { message: 'must be greater than 0' })
  .max(WEIGHT_MAX, { message: `must be at most ${WEIGHT_MAX}` })
  .refine((w) => Math.abs(w * 100 - Math.round(w * 100)) < 1e-9, { message: 'must have at most two decimals' });

/**
 * `highest`: the risk's impact is its highest assessed dimension. `weighted`: the weighted mean of the
 * assessed dimensions, Σ(weight × value) ÷ Σ(weight) over those dimensions, rounded half up (x.5 → up).
 */
export const ZAggregation = z.discriminatedUnion(
  'rule',
  [
    z.object({ rule: z.literal('highest') }).strict(),
    z.object({ rule: z.literal('weighted'), weights: z.partialRecord(ZImpactDimension, ZWeight, { message: 'must be an object with a weight per chosen dimension' }) }).strict(),
  ],
  { message: 'rule must be highest or weighted' },
);
export type TAggregation = z.output<typeof ZAggregation>;

const LEVEL_KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** A risk level (a region of the matrix), with its acceptance criterion and review cadence. `rank` 1 = lowest. */
export const ZRiskLevel = z
  .object({
    key: z.string({ message: 'must be text' }).regex(LEVEL_KEY, { message: 'must be lower-case letters, digits or _, starting with a letter (at most 40)' }),
    label,
    colour: z
      .string({ message: 'must be a colour #rrggbb' })
      .regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a colour #rrggbb' })
      // `overwrite`, not `transform`: the API also encodes responses with this schema, which a one-way transform refuses.
      .overwrite((value) => value.toLowerCase()),
    rank: wholeNumber(1, RISK_LEVELS_MAX),
    /** Who may accept a risk at this level (6.1.2 a 1). */
    acceptance: z.enum(ACCEPTANCE_AUTHORITIES, { message: `must be one of ${ACCEPTANCE_AUTHORITIES.join(', ')}` }),
    /** Months between reviews of a risk at this level (8.2 "at planned intervals"). */
    reviewCadenceMonths: wholeNumber(REVIEW_MONTHS_MIN, REVIEW_MONTHS_MAX),
  })
  .strict();
export type TRiskLevel = z.output<typeof ZRiskLevel>;

/**
 * A whole method. Beyond the shape:
 * - dimensions are unique; a weighted rule has a weight for every chosen dimension and no other;
 * - level keys and labels are unique and ranks are exactly 1..n;
 * - acceptance never loosens as the rank rises (a higher level needs the same or a higher authority);
 * - the matrix has one row per likelihood value and one cell per impact value, each a level key, and the
 *   level's rank never falls as likelihood or impact rises (monotone in both directions).
 */
export const ZRiskMethod = z
  .object({
    name: label,
    description: text(2000).default(''),
    likelihood: ZScale,
    impact: ZScale,
    dimensions: z
      .array(ZImpactDimension, { message: 'must be a list of impact dimensions' })
      .min(1, { message: 'must name at least one impact dimension' })
      .max(IMPACT_DIMENSIONS.length, { message: `must have at most ${IMPACT_DIMENSIONS.length} dimensions` }),
    aggregation: ZAggregation,
    levels: z
      .array(ZRiskLevel, { message: 'must be a list of risk levels' })
      .min(RISK_LEVELS_MIN, { message: `must have ${RISK_LEVELS_MIN} to ${RISK_LEVELS_MAX} risk levels` })
      .max(RISK_LEVELS_MAX, { message: `must have ${RISK_LEVELS_MIN} to ${RISK_LEVELS_MAX} risk levels` }),
    /** matrix[likelihood − 1][impact − 1] = a level key. */
    matrix: z.array(z.array(z.string({ message: 'must be a risk level key' }), { message: 'must be a row of level keys' }), { message: 'must be a list of rows, one per likelihood value' }),
  })
  .strict()
  .superRefine((method, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

    duplicates(method.dimensions).forEach((index) => issue(['dimensions', index], `"${method.dimensions[index]}" is listed more than once`));
    if (method.aggregation.rule === 'weighted') {
      const weights = method.aggregation.weights;
      for (const dimension of method.dimensions) if (weights[dimension] === undefined) issue(['aggregation', 'weights', dimension], 'is required: every chosen dimension needs a weight');
      for (const dimension of Object.keys(weights)) if (!method.dimensions.includes(dimension as ImpactDimension)) issue(['aggregation', 'weights', dimension], 'is not one of the chosen dimensions');
    }

    duplicates(method.levels.map((l) => l.key)).forEach((index) => issue(['levels', index, 'key'], `"${method.levels[index]!.key}" is used by another level`));
    duplicates(method.levels.map((l) => l.label.toLowerCase())).forEach((index) => issue(['levels', index, 'label'], `"${method.levels[index]!.label}" is used by another level`));
    const n = method.levels.length;
    method.levels.forEach((level, index) => {
      if (level.rank > n) issue(['levels', index, 'rank'], `must be from 1 to ${n}: ranks run 1..${n}, one per level`);
    });
    duplicates(method.levels.map((l) => l.rank)).forEach((index) => issue(['levels', index, 'rank'], `${method.levels[index]!.rank} is used by another level: ranks run 1..${n}, one per level`));

    const byRank = method.levels.map((level, index) => ({ level, index })).sort((a, b) => a.level.rank - b.level.rank);
    for (let i = 1; i < byRank.length; i += 1) {
      const lower = byRank[i - 1]!.level;
      const { level, index } = byRank[i]!;
      if (ACCEPTANCE_AUTHORITIES.indexOf(level.acceptance) < ACCEPTANCE_AUTHORITIES.indexOf(lower.acceptance)) {
        issue(['levels', index, 'acceptance'], `"${level.key}" (rank ${level.rank}) may be accepted by ${level.acceptance}, a lower authority than "${lower.key}" (rank ${lower.rank}) needs (${lower.acceptance}): acceptance must not loosen as the level rises`);
      }
    }

    checkMatrix(method, issue);
  });
export type TRiskMethod = z.output<typeof ZRiskMethod>;
export type TRiskMethodRequest = z.input<typeof ZRiskMethod>;

type AddIssue = (path: (string | number)[], message: string) => void;

function checkMatrix(method: Pick<TRiskMethod, 'likelihood' | 'impact' | 'levels' | 'matrix'>, issue: AddIssue): void {
  const rows = method.likelihood.length;
  const cols = method.impact.length;
  if (method.matrix.length !== rows) {
    issue(['matrix'], `must have ${rows} rows, one per likelihood value (has ${method.matrix.length})`);
    return;
  }
  const rank = new Map(method.levels.map((l) => [l.key, l.rank]));
  let isShapeValid = true;
  method.matrix.forEach((row, l) => {
    if (row.length !== cols) {
      issue(['matrix', l], `must have ${cols} cells, one per impact value (has ${row.length}): likelihood ${l + 1}`);
      isShapeValid = false;
      return;
    }
    row.forEach((key, i) => {
      if (!rank.has(key)) {
        issue(['matrix', l, i], `"${key}" is not a risk level key (likelihood ${l + 1} × impact ${i + 1})`);
        isShapeValid = false;
      }
    });
  });
  if (!isShapeValid) return;

  const cellRank = (l: number, i: number) => rank.get(method.matrix[l]![i]!)!;
  for (let l = 0; l < rows; l += 1) {
    for (let i = 0; i < cols; i += 1) {
      const here = cellRank(l, i);
      const key = method.matrix[l]![i]!;
      if (l > 0 && here < cellRank(l - 1, i)) {
        issue(['matrix', l, i], `likelihood ${l + 1} × impact ${i + 1} is "${key}" (rank ${here}), lower than "${method.matrix[l - 1]![i]}" (rank ${cellRank(l - 1, i)}) at likelihood ${l} × impact ${i + 1}: the level must not fall as likelihood rises`);
      }
      if (i > 0 && here < cellRank(l, i - 1)) {
        issue(['matrix', l, i], `likelihood ${l + 1} × impact ${i + 1} is "${key}" (rank ${here}), lower than "${method.matrix[l]![i - 1]}" (rank ${cellRank(l, i - 1)}) at likelihood ${l + 1} × impact ${i}: the level must not fall as impact rises`);
      }
    }
  }
}

/** Indexes of the entries that repeat an earlier one. */
function duplicates<T>(values: readonly T[]): number[] {
  const seen = new Set<T>();
  const repeated: number[] = [];
  values.forEach((value, index) => {
    if (seen.has(value)) repeated.push(index);
    seen.add(value);
  });
  return repeated;
}

/**
 * The values a risk is assessed with under a method. `impacts` holds a value 1..n per dimension; a
 * dimension left out (or null) is "not assessed" and takes no part in the aggregation. At least one
 * chosen dimension must be assessed. Values are checked against the method by the engine
 * (`assessmentIssues`), since the scale sizes belong to the method.
 */
export const ZRiskAssessmentInput = z
  .object({
    likelihood: wholeNumber(1, SCALE_MAX_LEVELS),
    impacts: z.partialRecord(ZImpactDimension, wholeNumber(1, SCALE_MAX_LEVELS).nullable()),
  })
  .strict();
export type TRiskAssessmentInput = z.input<typeof ZRiskAssessmentInput>;
export type TImpacts = Partial<Record<ImpactDimension, number | null>>;

/** What the engine derives from an assessment: stored never, computed on read from the method version. */
export const ZRiskAssessment = z.object({
  likelihood: z.number().int(),
  /** The assessed dimensions only, in the method's dimension order. */
  impacts: z.partialRecord(ZImpactDimension, z.number().int()),
  /** The method's dimensions without a value. */
  notAssessed: z.array(ZImpactDimension),
  /** The aggregated impact, 1..n on the impact scale. */
  impact: z.number().int(),
  levelKey: z.string(),
  levelRank: z.number().int(),
  levelLabel: z.string(),
  colour: z.string(),
  acceptance: z.enum(ACCEPTANCE_AUTHORITIES),
  reviewCadenceMonths: z.number().int(),
});
export type TRiskAssessment = z.output<typeof ZRiskAssessment>;

export const DIMENSION_REMAP_CHANGES = ['remapped', 'not_assessed', 'dropped', 'added'] as const;
const ZLevelRef = z.object({ key: z.string(), rank: z.number().int(), label: z.string() });

/**
 * The preview of one assessment when the method changes (issue 5: re-map, never clear). `proposed` is
 * what would be stored; the user may adjust it per risk before applying. `needsInput` is true when no
 * assessed dimension survives the change, so the new level cannot be derived until someone rates one.
 */
export const ZRemapPreview = z.object({
  likelihood: z.object({ old: z.number().int(), new: z.number().int() }),
  dimensions: z.array(
    z.object({
      dimension: ZImpactDimension,
      old: z.number().int().nullable(),
      new: z.number().int().nullable(),
      /** remapped: kept and re-mapped; not_assessed: kept, had no value; dropped: not in the new method; added: new, no value yet. */
      change: z.enum(DIMENSION_REMAP_CHANGES),
    }),
  ),
  droppedDimensions: z.array(ZImpactDimension),
  addedDimensions: z.array(ZImpactDimension),
  impact: z.object({ old: z.number().int(), new: z.number().int().nullable() }),
  level: z.object({ old: ZLevelRef, new: ZLevelRef.nullable() }),
  isLevelChanged: z.boolean(),
  needsInput: z.boolean(),
  proposed: z.object({ likelihood: z.number().int(), impacts: z.partialRecord(ZImpactDimension, z.number().int()) }),
});
export type TRemapPreview = z.output<typeof ZRemapPreview>;

// ---- The threat and vulnerability catalogue (catalog/risk/*.json; reference data, never edited by organizations) ----
/** NIST SP 800-30 Rev. 1 Appendix D, Table D-2: the four types of threat source. */
export const THREAT_SOURCE_TYPES = ['adversarial', 'accidental', 'structural', 'environmental'] as const;
export const VULNERABILITY_CATEGORIES = ['technical', 'people', 'process', 'physical', 'supplier'] as const;
/** The dimensions a catalogue sub-threat may name: CIA and patient safety (the others depend on the organization). */
export const CATALOGUE_DIMENSIONS = ['confidentiality', 'integrity', 'availability', 'patient_safety'] as const satisfies readonly ImpactDimension[];

const ZCatalogueId = (prefix: string) => z.string().regex(new RegExp(`^${prefix.replace('.', '\\.')}[a-z0-9]+(?:[.-][a-z0-9]+)*$`), { message: `must be an id starting with ${prefix} (lower-case, dots and hyphens)` });
const ZCatalogueSource = z.object({ id: z.string().min(1), title: z.string().min(1), publisher: z.string().min(1), url: z.url().optional(), licence: z.string().min(1) }).strict();
const catalogueHeader = (format: string) => ({
  format: z.literal(format),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'must be a version x.y.z' }),
  title: z.string().min(1),
  description: z.string().min(1),
  licence: z.string().min(1),
  sources: z.array(ZCatalogueSource).min(1),
});

export const ZVulnerability = z
  .object({
    id: ZCatalogueId('vuln.'),
    category: z.enum(VULNERABILITY_CATEGORIES),
    title: z.string().min(1).max(120),
    description: z.string().min(1).max(400),
    /** The asset-register gap rule that detects this weakness ("create risk from gap" pre-fills it). */
    gapRule: z.string().optional(),
  })
  .strict();
export type TVulnerability = z.output<typeof ZVulnerability>;
export const ZVulnerabilityCatalogue = z.object({ ...catalogueHeader('custos-risk-vulnerabilities/1'), vulnerabilities: z.array(ZVulnerability).min(1) }).strict();
export type TVulnerabilityCatalogue = z.output<typeof ZVulnerabilityCatalogue>;

export const ZSubThreat = z
  .object({
    id: ZCatalogueId('hicp.'),
    title: z.string().min(1).max(120),
    description: z.string().min(1).max(400),
    vulnerabilities: z.array(z.string()).min(1),
    dimensions: z.array(z.enum(CATALOGUE_DIMENSIONS)).min(1),
    typicalSources: z.array(z.string()).min(1),
  })
  .strict();
export const ZThreat = z
  .object({
    id: ZCatalogueId('hicp.'),
    /** The threat's number in HICP 2023 (1–5). */
    hicpThreat: z.number().int().min(1).max(5),
    title: z.string().min(1),
    description: z.string().min(1).max(400),
    source: z.string(),
    subThreats: z.array(ZSubThreat).min(3).max(6),
  })
  .strict();
export const ZThreatSource = z
  .object({
    id: ZCatalogueId('source.'),
    type: z.enum(THREAT_SOURCE_TYPES),
    title: z.string().min(1).max(120),
    description: z.string().min(1).max(400),
    source: z.string(),
  })
  .strict();
export const ZThreatCatalogue = z.object({ ...catalogueHeader('custos-risk-threats/1'), threats: z.array(ZThreat), threatSources: z.array(ZThreatSource) }).strict();
export type TThreatCatalogue = z.output<typeof ZThreatCatalogue>;
