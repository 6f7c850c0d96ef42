/**
 * The risk register (issue 5): risk scenarios with their inherent, current and residual assessments
 * under the organization's versioned method, treatment (option, linked controls, tasks), append-only
 * acceptances, reviews, heat maps and trends. ISO/IEC 27001:2022 6.1.2 (assessment), 6.1.3 (treatment,
 * risk owners' acceptance of residual risk), 8.2 and 8.3; 45 CFR 164.308(a)(1)(ii)(A) risk analysis and
 * (B) risk management.
 *
 * The method and the engine that applies it are `contracts/risk-method.ts` and `risk-method.ts`. Levels
 * are derived from the method, never typed in; the server keeps the aggregated impact and the level rank
 * of each stage as derived columns so lists, filters and heat maps run in SQL.
 */
import { z } from 'zod';
import { ZId, ZIsoDate, ZIsoInstant, ZName, ZPageQuery, ZSortDirection } from './common.js';
import { ACCEPTANCE_AUTHORITIES, ACCEPTING_ROLES, ZImpactDimension, ZRemapPreview, ZRiskAssessmentInput, ZRiskMethod, THREAT_SOURCE_TYPES, VULNERABILITY_CATEGORIES } from './risk-method.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/u;
const text = (max: number) =>
  z
    .string({ message: 'must be text' })
    .trim()
    .max(max, { message: `must be at most ${max} characters` })
    .refine((value) => !CONTROL.test(value), { message: 'must not contain control characters' });
const money = z
  .number({ message: 'must be an amount from 0 to 1,000,000,000' })
  .min(0, { message: 'must be an amount from 0 to 1,000,000,000' })
  .max(1_000_000_000, { message: 'must be an amount from 0 to 1,000,000,000' })
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, { message: 'must have at most two decimals' });

// ---- Vocabulary ----

/** The three assessments of a risk: before any control, with the controls in place now, after the planned treatment. */
export const RISK_STAGES = ['inherent', 'current', 'residual'] as const;
export type RiskStage = (typeof RISK_STAGES)[number];
export const RISK_STAGE_LABELS: Record<RiskStage, string> = { inherent: 'Inherent', current: 'Current', residual: 'Residual' };

export const RISK_CATEGORIES = ['cyber', 'privacy', 'clinical', 'operational', 'supplier', 'physical', 'compliance'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];
export const RISK_CATEGORY_LABELS: Record<RiskCategory, string> = {
  cyber: 'Cyber security',
  privacy: 'Privacy',
  clinical: 'Clinical / patient safety',
  operational: 'Operational',
  supplier: 'Supplier / business associate',
  physical: 'Physical and environmental',
  compliance: 'Regulatory compliance',
};

/** open: being assessed or treated; closed: no longer applies (kept for the record). */
export const RISK_STATUSES = ['open', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

/** ISO/IEC 27001:2022 6.1.3 options (ISO 31000 terms). */
export const TREATMENT_OPTIONS = ['mitigate', 'accept', 'transfer', 'avoid'] as const;
export type TreatmentOption = (typeof TREATMENT_OPTIONS)[number];
export const TREATMENT_OPTION_LABELS: Record<TreatmentOption, string> = { mitigate: 'Mitigate', accept: 'Accept', transfer: 'Transfer', avoid: 'Avoid' };

export const TASK_STATUSES = ['todo', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = { todo: 'To do', in_progress: 'In progress', done: 'Done', cancelled: 'Cancelled' };

export const REVIEW_OUTCOMES = ['unchanged', 'reassessed', 'treatment_changed', 'closed'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];
export const REVIEW_OUTCOME_LABELS: Record<ReviewOutcome, string> = {
  unchanged: 'No change: risk and treatment still valid',
  reassessed: 'Reassessed',
  treatment_changed: 'Treatment changed',
  closed: 'Risk closed',
};

/** An acceptance of the risk's level, or the clinical safety officer's sign-off of a patient-safety risk. */
export const ACCEPTANCE_KINDS = ['acceptance', 'clinical_sign_off'] as const;
export type AcceptanceKind = (typeof ACCEPTANCE_KINDS)[number];
/** The role a person accepted in: an accepting authority, or the clinical safety officer for a sign-off. */
export const ACCEPTANCE_ROLES = [...ACCEPTING_ROLES, 'clinical_safety_officer'] as const;

/**
 * The acceptance state of a risk (computed on read, never stored):
 * none: never accepted; accepted: the latest acceptance holds; stale: it expired or the level rose
 * above the one accepted; awaiting_sign_off: accepted, but a patient-safety risk still lacks a valid
 * clinical sign-off.
 */
export const ACCEPTANCE_STATES = ['none', 'accepted', 'stale', 'awaiting_sign_off'] as const;
export type AcceptanceState = (typeof ACCEPTANCE_STATES)[number];

export const RISK_SORT_FIELDS = ['ref', 'title', 'category', 'owner', 'inherent', 'current', 'residual', 'nextReviewOn', 'updatedAt'] as const;

// ---- Method versions ----

/** One saved version of the organization's method. Version 1 is seeded from catalog/risk/default-method.json. */
export const ZRiskMethodVersion = z.object({
  version: z.number().int().min(1),
  method: ZRiskMethod,
  note: z.string(),
  createdAt: ZIsoInstant,
  createdBy: z.object({ id: ZId, name: z.string() }).nullable(),
  /** The version in force (the highest). */
  isCurrent: z.boolean(),
});
export type TRiskMethodVersion = z.infer<typeof ZRiskMethodVersion>;
/** GET …/risk-method/versions: every version, newest first. */
export const ZRiskMethodVersionList = z.array(ZRiskMethodVersion);
export type TRiskMethodVersionList = z.infer<typeof ZRiskMethodVersionList>;

/** Preview of a method change: every stored assessment re-mapped proportionally (paged). */
export const ZRemapPreviewRequest = z
  .object({
    method: ZRiskMethod,
    /** The version the change starts from: if another version was saved meanwhile, 409. */
    baseVersion: z.number().int().min(1),
    onlyChanged: z.boolean().default(false),
    page: z.number().int().min(1).max(100000).default(1),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type TRemapPreviewRequest = z.input<typeof ZRemapPreviewRequest>;

export const ZRemapPreviewRow = z.object({
  riskId: ZId,
  ref: z.string(),
  title: z.string(),
  stage: z.enum(RISK_STAGES),
  preview: ZRemapPreview,
});
export type TRemapPreviewRow = z.infer<typeof ZRemapPreviewRow>;

export const ZRemapPreviewResponse = z.object({
  /** Stored assessments (risk × stage) that will be re-mapped. */
  assessments: z.number().int(),
  /** Of those, how many change level, and how many need a value typed in before applying. */
  levelChanged: z.number().int(),
  needsInput: z.number().int(),
  items: z.array(ZRemapPreviewRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TRemapPreviewResponse = z.infer<typeof ZRemapPreviewResponse>;

/** A value the user sets for one assessment instead of the proportional proposal. */
export const ZRemapAdjustment = z
  .object({
    riskId: ZId,
    stage: z.enum(RISK_STAGES),
    likelihood: ZRiskAssessmentInput.shape.likelihood,
    impacts: ZRiskAssessmentInput.shape.impacts,
  })
  .strict();
export type TRemapAdjustment = z.infer<typeof ZRemapAdjustment>;

/**
 * Save a new method version and re-map every stored assessment in one transaction (none is cleared).
 * Refused (400, naming each) while an assessment needs input and has no adjustment.
 */
export const ZSaveRiskMethodRequest = z
  .object({
    method: ZRiskMethod,
    baseVersion: z.number().int().min(1),
    note: text(1000).default(''),
    adjustments: z.array(ZRemapAdjustment).max(100000).default([]),
  })
  .strict();
export type TSaveRiskMethodRequest = z.input<typeof ZSaveRiskMethodRequest>;

export const ZSaveRiskMethodResult = z.object({
  version: ZRiskMethodVersion,
  remapped: z.number().int(),
  adjusted: z.number().int(),
  levelChanged: z.number().int(),
});

// ---- Threats and vulnerabilities (catalogue + the organization's own) ----

/** The organization's own entries beside the built-in catalogue. Ids: `org.<uuid>`. */
export const CUSTOM_CATALOGUE_KINDS = ['threat', 'threat_source', 'vulnerability'] as const;
export type CustomCatalogueKind = (typeof CUSTOM_CATALOGUE_KINDS)[number];

export const ZCreateCatalogueEntryRequest = z
  .object({
    kind: z.enum(CUSTOM_CATALOGUE_KINDS),
    title: ZName,
    description: text(2000).default(''),
    /** threat_source: adversarial | accidental | structural | environmental; vulnerability: technical | people | process | physical | supplier; threat: none. */
    category: z.string().trim().max(40).nullable().default(null),
  })
  .strict()
  .superRefine((entry, ctx) => {
    const allowed: readonly string[] = entry.kind === 'threat_source' ? THREAT_SOURCE_TYPES : entry.kind === 'vulnerability' ? VULNERABILITY_CATEGORIES : [];
    if (allowed.length === 0 && entry.category !== null) ctx.addIssue({ code: 'custom', path: ['category'], message: 'must be empty for a threat' });
    if (allowed.length > 0 && (entry.category === null || !allowed.includes(entry.category))) ctx.addIssue({ code: 'custom', path: ['category'], message: `must be one of ${allowed.join(', ')}` });
  });
export type TCreateCatalogueEntryRequest = z.input<typeof ZCreateCatalogueEntryRequest>;

export const ZCatalogueEntry = z.object({
  id: z.string(),
  kind: z.enum(CUSTOM_CATALOGUE_KINDS),
  title: z.string(),
  description: z.string(),
  category: z.string().nullable(),
  /** builtin: catalog/risk/*.json (HICP 2023, NIST SP 800-30 types, ours); custom: the organization's own. */
  origin: z.enum(['builtin', 'custom']),
  /** A built-in sub-threat's parent HICP threat id; null otherwise. */
  parentId: z.string().nullable(),
  /** Built-in sub-threats: the vulnerabilities, dimensions and sources they typically involve. */
  vulnerabilityIds: z.array(z.string()),
  dimensions: z.array(ZImpactDimension),
  sourceIds: z.array(z.string()),
  /** Built-in vulnerabilities: the asset-register gap rule that detects them. */
  gapRule: z.string().nullable(),
  /** Risks of this organization that point at the entry. */
  riskCount: z.number().int(),
});
export type TCatalogueEntry = z.infer<typeof ZCatalogueEntry>;

export const ZRiskCatalogue = z.object({
  threats: z.array(ZCatalogueEntry),
  threatSources: z.array(ZCatalogueEntry),
  vulnerabilities: z.array(ZCatalogueEntry),
});
export type TRiskCatalogue = z.infer<typeof ZRiskCatalogue>;

// ---- Risks ----

const ZAssessmentInputOrNull = ZRiskAssessmentInput.nullable();

const ZRiskFieldsBase = z.object({
  title: ZName,
  description: text(5000).default(''),
  category: z.enum(RISK_CATEGORIES, { message: `must be one of ${RISK_CATEGORIES.join(', ')}` }),
  status: z.enum(RISK_STATUSES).default('open'),
  /** A catalogue threat id (built-in `hicp.…` or the organization's `org.…`), or null. */
  threatId: z.string().trim().max(120).nullable().default(null),
  threatSourceIds: z.array(z.string().trim().max(120)).max(20).default([]),
  vulnerabilityIds: z.array(z.string().trim().max(120)).max(50).default([]),
  assetIds: z.array(ZId).max(500).default([]),
  /** A member of the organization (or of its group) who owns the risk (6.1.2 c 2). */
  ownerUserId: ZId.nullable().default(null),
  treatmentOption: z.enum(TREATMENT_OPTIONS).nullable().default(null),
  treatmentRationale: text(5000).default(''),
  inherent: ZAssessmentInputOrNull.default(null),
  current: ZAssessmentInputOrNull.default(null),
  residual: ZAssessmentInputOrNull.default(null),
});

export const ZCreateRiskRequest = ZRiskFieldsBase.extend({
  /** "Create risk from gap": the asset and gap rule the scenario was raised from. */
  fromGap: z.object({ assetId: ZId, rule: z.string().trim().min(1).max(80) }).strict().nullable().default(null),
}).strict();
export type TCreateRiskRequest = z.input<typeof ZCreateRiskRequest>;

/**
 * A PATCH: every field optional and WITHOUT the create defaults (zod's `.partial()` keeps a default, which
 * would silently reset every field left out), so a field left out stays as it is. Null clears a nullable
 * field; an assessment null means "not assessed"; a list given replaces the whole set.
 */
const base = ZRiskFieldsBase.shape;
export const ZUpdateRiskRequest = z
  .object({
    title: base.title.optional(),
    description: base.description.unwrap().optional(),
    category: base.category.optional(),
    status: base.status.unwrap().optional(),
    threatId: base.threatId.unwrap().optional(),
    threatSourceIds: base.threatSourceIds.unwrap().optional(),
    vulnerabilityIds: base.vulnerabilityIds.unwrap().optional(),
    assetIds: base.assetIds.unwrap().optional(),
    ownerUserId: base.ownerUserId.unwrap().optional(),
    treatmentOption: base.treatmentOption.unwrap().optional(),
    treatmentRationale: base.treatmentRationale.unwrap().optional(),
    inherent: base.inherent.unwrap().optional(),
    current: base.current.unwrap().optional(),
    residual: base.residual.unwrap().optional(),
    /** The version read: a change made meanwhile by someone else is refused with 409. */
    version: z.number().int().min(1),
  })
  .strict();
export type TUpdateRiskRequest = z.input<typeof ZUpdateRiskRequest>;

export const ZRiskParams = z.object({ orgId: ZId, riskId: ZId });
export const ZRiskStageParams = ZRiskParams.extend({ stage: z.enum(RISK_STAGES) });

/** A stage's level as shown in lists and heat maps. */
export const ZRiskLevelRef = z.object({
  key: z.string(),
  label: z.string(),
  colour: z.string(),
  rank: z.number().int(),
  likelihood: z.number().int(),
  impact: z.number().int(),
});
export type TRiskLevelRef = z.infer<typeof ZRiskLevelRef>;

/** A stored assessment with what the method derives from it. */
export const ZRiskAssessmentView = z.object({
  likelihood: z.number().int(),
  impacts: z.partialRecord(ZImpactDimension, z.number().int()),
  notAssessed: z.array(ZImpactDimension),
  impact: z.number().int(),
  level: ZRiskLevelRef,
  acceptance: z.enum(ACCEPTANCE_AUTHORITIES),
  reviewCadenceMonths: z.number().int(),
  methodVersion: z.number().int(),
  assessedAt: ZIsoInstant,
  assessedBy: z.object({ id: ZId, name: z.string() }).nullable(),
});
export type TRiskAssessmentView = z.infer<typeof ZRiskAssessmentView>;

const ZPerson = z.object({ id: ZId, name: z.string() });

/** A row of the risk register. */
export const ZRiskSummary = z.object({
  id: ZId,
  organizationId: ZId,
  organizationName: z.string(),
  ref: z.string(),
  title: z.string(),
  category: z.enum(RISK_CATEGORIES),
  status: z.enum(RISK_STATUSES),
  owner: ZPerson.nullable(),
  threatId: z.string().nullable(),
  threatTitle: z.string().nullable(),
  /** Derived from the affected assets. */
  handlesEphi: z.boolean(),
  assetCount: z.number().int(),
  inherent: ZRiskLevelRef.nullable(),
  current: ZRiskLevelRef.nullable(),
  residual: ZRiskLevelRef.nullable(),
  /** Patient safety assessed above its lowest value at any stage. */
  patientSafety: z.boolean(),
  treatmentOption: z.enum(TREATMENT_OPTIONS).nullable(),
  acceptanceState: z.enum(ACCEPTANCE_STATES),
  nextReviewOn: ZIsoDate.nullable(),
  reviewOverdue: z.boolean(),
  openTaskCount: z.number().int(),
  overdueTaskCount: z.number().int(),
  version: z.number().int(),
  updatedAt: ZIsoInstant,
});
export type TRiskSummary = z.infer<typeof ZRiskSummary>;

export const ZRiskAbilities = z.object({
  update: z.boolean(),
  delete: z.boolean(),
  /** The signed-in person may accept the risk's level under the method's criteria. */
  accept: z.boolean(),
  /** Why not, when `accept` is false (e.g. "a High risk is accepted by top management"). */
  acceptReason: z.string().nullable(),
  /** The signed-in person is a clinical safety officer and the risk needs a sign-off. */
  signOff: z.boolean(),
  review: z.boolean(),
});

export const ZRiskAssetRef = z.object({ id: ZId, name: z.string(), type: z.string(), handlesEphi: z.boolean(), criticality: z.number().int() });
export const ZRiskControlRef = z.object({
  id: ZId,
  code: z.string(),
  name: z.string(),
  status: z.string(),
  effectiveness: z.string(),
  organizationId: ZId,
});
export type TRiskControlRef = z.infer<typeof ZRiskControlRef>;

export const ZRiskDetail = ZRiskSummary.extend({
  description: z.string(),
  threatSourceIds: z.array(z.string()),
  vulnerabilities: z.array(z.object({ id: z.string(), title: z.string() })),
  assets: z.array(ZRiskAssetRef),
  assessments: z.object({ inherent: ZRiskAssessmentView.nullable(), current: ZRiskAssessmentView.nullable(), residual: ZRiskAssessmentView.nullable() }),
  treatmentRationale: z.string(),
  controls: z.array(ZRiskControlRef),
  fromGap: z.object({ assetId: ZId, assetName: z.string().nullable(), rule: z.string() }).nullable(),
  /** A patient-safety impact is assessed above its lowest value: acceptance also needs a clinical sign-off. */
  needsClinicalSignOff: z.boolean(),
  /** Why the acceptance is stale (level_rose, expired), if it is. */
  staleReasons: z.array(z.enum(['level_rose', 'expired'])),
  /** The stage whose level an acceptance covers: residual when assessed, else current, else inherent. */
  acceptanceStage: z.enum(RISK_STAGES).nullable(),
  abilities: ZRiskAbilities,
  createdAt: ZIsoInstant,
});
export type TRiskDetail = z.infer<typeof ZRiskDetail>;

export const ZRiskListQuery = ZPageQuery.extend({
  q: z.string().trim().max(200).optional(),
  category: z.enum(RISK_CATEGORIES).optional(),
  status: z.enum(RISK_STATUSES).optional(),
  ownerUserId: ZId.optional(),
  /** At a group: a site's id (or the group's own). */
  siteId: ZId.optional(),
  treatmentOption: z.enum(TREATMENT_OPTIONS).optional(),
  /** A level key of the current method, at `levelStage`. */
  level: z.string().trim().max(40).optional(),
  levelStage: z.enum(RISK_STAGES).default('current'),
  /** A heat map cell at `levelStage`: the stage's likelihood and aggregated impact. */
  likelihood: z.coerce.number().int().min(1).max(10).optional(),
  impact: z.coerce.number().int().min(1).max(10).optional(),
  ephi: z.enum(['yes', 'no']).optional(),
  acceptance: z.enum(ACCEPTANCE_STATES).optional(),
  reviewOverdue: z.enum(['yes', 'no']).optional(),
  assetId: ZId.optional(),
  controlId: ZId.optional(),
  /** At a group: also list the risks of its sites where I may read them. */
  includeSites: z.enum(['yes', 'no']).default('no'),
  sort: z.enum(RISK_SORT_FIELDS).default('ref'),
  direction: ZSortDirection.default('asc'),
});
export type TRiskListQuery = z.infer<typeof ZRiskListQuery>;

/** Pre-filled scenario for "create risk from gap" (GET …/risks/from-gap?assetId=&rule=). */
export const ZRiskFromGapQuery = z.object({ assetId: ZId, rule: z.string().trim().min(1).max(80) });
export const ZRiskDraft = z.object({
  title: z.string(),
  description: z.string(),
  category: z.enum(RISK_CATEGORIES),
  threatId: z.string().nullable(),
  vulnerabilityIds: z.array(z.string()),
  assetIds: z.array(ZId),
  fromGap: z.object({ assetId: ZId, rule: z.string() }),
  /** A risk already raised from this gap, if any (so the user can open it instead). */
  existingRiskId: ZId.nullable(),
});
export type TRiskDraft = z.infer<typeof ZRiskDraft>;

// ---- Treatment: linked controls and tasks ----

export const ZLinkRiskControlsRequest = z.object({ controlIds: z.array(ZId).min(1).max(200) }).strict();
export const ZRiskControlParams = ZRiskParams.extend({ controlId: ZId });

const ZTaskFields = z.object({
  title: ZName,
  description: text(5000).default(''),
  ownerUserId: ZId.nullable().default(null),
  dueOn: ZIsoDate.nullable().default(null),
  costOneOff: money.nullable().default(null),
  costYearly: money.nullable().default(null),
  status: z.enum(TASK_STATUSES).default('todo'),
});
export const ZCreateRiskTaskRequest = ZTaskFields.strict();
export type TCreateRiskTaskRequest = z.input<typeof ZCreateRiskTaskRequest>;
/** Fields left out keep their value (no defaults here: zod's partial() would fill a default into every absent field). */
export const ZUpdateRiskTaskRequest = z
  .object({
    title: ZName.optional(),
    description: text(5000).optional(),
    ownerUserId: ZId.nullable().optional(),
    dueOn: ZIsoDate.nullable().optional(),
    costOneOff: money.nullable().optional(),
    costYearly: money.nullable().optional(),
    status: z.enum(TASK_STATUSES).optional(),
    version: z.number().int().min(1),
  })
  .strict();
export type TUpdateRiskTaskRequest = z.input<typeof ZUpdateRiskTaskRequest>;
export const ZRiskTaskParams = ZRiskParams.extend({ taskId: ZId });

export const ZRiskTask = z.object({
  id: ZId,
  riskId: ZId,
  riskRef: z.string(),
  riskTitle: z.string(),
  organizationId: ZId,
  title: z.string(),
  description: z.string(),
  owner: ZPerson.nullable(),
  dueOn: ZIsoDate.nullable(),
  costOneOff: z.number().nullable(),
  costYearly: z.number().nullable(),
  status: z.enum(TASK_STATUSES),
  /** Due date passed and not done or cancelled (computed from today). */
  overdue: z.boolean(),
  completedOn: ZIsoDate.nullable(),
  version: z.number().int(),
  createdAt: ZIsoInstant,
  updatedAt: ZIsoInstant,
});
export type TRiskTask = z.infer<typeof ZRiskTask>;

/** The treatment task board: every task of the organization's risks. */
export const ZRiskTaskListQuery = ZPageQuery.extend({
  status: z.enum(TASK_STATUSES).optional(),
  ownerUserId: ZId.optional(),
  overdue: z.enum(['yes', 'no']).optional(),
  riskId: ZId.optional(),
  includeSites: z.enum(['yes', 'no']).default('no'),
  sort: z.enum(['dueOn', 'status', 'title', 'riskRef', 'updatedAt']).default('dueOn'),
  direction: ZSortDirection.default('asc'),
});
export type TRiskTaskListQuery = z.infer<typeof ZRiskTaskListQuery>;

// ---- Acceptance (append-only) ----

export const ZCreateAcceptanceRequest = z
  .object({
    kind: z.enum(ACCEPTANCE_KINDS).default('acceptance'),
    rationale: text(5000).min(10, { message: 'must say why, in at least 10 characters' }),
    /** Last day the acceptance holds; required for an acceptance, optional for a sign-off. At most 3 years ahead. */
    expiresOn: ZIsoDate.nullable().default(null),
    /** The risk version read: if the risk changed meanwhile, 409 (accept what you saw). */
    riskVersion: z.number().int().min(1),
  })
  .strict();
export type TCreateAcceptanceRequest = z.input<typeof ZCreateAcceptanceRequest>;

export const ZRiskAcceptance = z.object({
  id: ZId,
  riskId: ZId,
  kind: z.enum(ACCEPTANCE_KINDS),
  acceptedBy: ZPerson,
  role: z.enum(ACCEPTANCE_ROLES),
  acceptedAt: ZIsoInstant,
  stage: z.enum(RISK_STAGES),
  levelKey: z.string(),
  levelLabel: z.string(),
  levelRank: z.number().int(),
  methodVersion: z.number().int(),
  rationale: z.string(),
  expiresOn: ZIsoDate.nullable(),
  /** Computed now: stale when expired or the risk's level rose above the one accepted. */
  stale: z.boolean(),
  staleReasons: z.array(z.enum(['level_rose', 'expired'])),
});
export type TRiskAcceptance = z.infer<typeof ZRiskAcceptance>;

// ---- Reviews ----

export const ZCreateRiskReviewRequest = z
  .object({
    reviewedOn: ZIsoDate,
    outcome: z.enum(REVIEW_OUTCOMES),
    comment: text(5000).default(''),
  })
  .strict();
export type TCreateRiskReviewRequest = z.input<typeof ZCreateRiskReviewRequest>;

export const ZRiskReview = z.object({
  id: ZId,
  riskId: ZId,
  reviewer: ZPerson,
  reviewedOn: ZIsoDate,
  outcome: z.enum(REVIEW_OUTCOMES),
  comment: z.string(),
  /** The level (of the acceptance stage) at the time of the review, and the next review date it set. */
  levelKey: z.string().nullable(),
  nextReviewOn: ZIsoDate.nullable(),
  createdAt: ZIsoInstant,
});
export type TRiskReview = z.infer<typeof ZRiskReview>;

/** Treatment, acceptance and review history of one risk (GET …/risks/:riskId/treatment). */
export const ZRiskTreatment = z.object({
  controls: z.array(ZRiskControlRef),
  tasks: z.array(ZRiskTask),
  acceptances: z.array(ZRiskAcceptance),
  reviews: z.array(ZRiskReview),
  costOneOffTotal: z.number(),
  costYearlyTotal: z.number(),
});
export type TRiskTreatment = z.infer<typeof ZRiskTreatment>;

// ---- Heat maps and trends ----

export const ZRiskHeatmapQuery = z.object({
  stage: z.enum(RISK_STAGES).default('current'),
  siteId: ZId.optional(),
  category: z.enum(RISK_CATEGORIES).optional(),
  ownerUserId: ZId.optional(),
  status: z.enum(RISK_STATUSES).default('open'),
  includeSites: z.enum(['yes', 'no']).default('no'),
});
export type TRiskHeatmapQuery = z.infer<typeof ZRiskHeatmapQuery>;

export const ZRiskHeatmap = z.object({
  stage: z.enum(RISK_STAGES),
  methodVersion: z.number().int(),
  likelihood: z.array(z.object({ value: z.number().int(), label: z.string() })),
  impact: z.array(z.object({ value: z.number().int(), label: z.string() })),
  /** One cell per likelihood × impact with its level and the count of risks in it (zeros included). */
  cells: z.array(z.object({ likelihood: z.number().int(), impact: z.number().int(), levelKey: z.string(), colour: z.string(), count: z.number().int() })),
  levels: z.array(z.object({ key: z.string(), label: z.string(), colour: z.string(), rank: z.number().int(), count: z.number().int() })),
  assessed: z.number().int(),
  /** Risks matching the filters without an assessment at this stage. */
  notAssessed: z.number().int(),
  /** At a group with includeSites: sites left out because their method's scales differ from the one shown (their cells would not line up). */
  excludedSites: z.array(z.object({ id: ZId, name: z.string() })),
});
export type TRiskHeatmap = z.infer<typeof ZRiskHeatmap>;

export const ZRiskTrendQuery = z.object({
  stage: z.enum(RISK_STAGES).default('current'),
  months: z.coerce.number().int().min(1).max(60).default(12),
});
/** Counts per level at each monthly snapshot (taken on the first housekeeping run of a month), and now. */
export const ZRiskTrend = z.object({
  stage: z.enum(RISK_STAGES),
  levels: z.array(z.object({ key: z.string(), label: z.string(), colour: z.string(), rank: z.number().int() })),
  points: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), takenAt: ZIsoInstant, live: z.boolean(), counts: z.record(z.string(), z.number().int()) })),
});
export type TRiskTrend = z.infer<typeof ZRiskTrend>;

// ---- Import / export ----

export const RISK_EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export const ZRiskExportQuery = z.object({ format: z.enum(RISK_EXPORT_FORMATS).default('csv') });
export const ZTreatmentPlanQuery = z.object({ format: z.enum(['xlsx', 'pdf']).default('pdf') });
export const ZRiskImportQuery = z.object({
  dryRun: z.enum(['yes', 'no']).default('no'),
  /** Omitted: taken from the content type (application/octet-stream: XLSX when the body is a ZIP, else CSV). */
  format: z.enum(RISK_EXPORT_FORMATS).optional(),
  /** The uploaded file's name, recorded in the audit event. */
  filename: text(255).optional(),
});
/**
 * What an import did, or would do. Every row is judged before any is written; a file with a problem in
 * any row writes nothing. `errors`: `row` is the spreadsheet row (header = row 1) or the JSON position
 * (from 1); `field` the file's column (or null for the row as a whole). At most 1,000 are listed.
 */
export const ZRiskImportReport = z.object({
  dryRun: z.boolean(),
  format: z.enum(RISK_EXPORT_FORMATS),
  rows: z.number().int(),
  /** Risks created / updated (for a dry run or a refused file: what a clean import would do). */
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(z.object({ row: z.number().int().nullable(), field: z.string().nullable(), message: z.string() })),
  /** Rows whose risk already holds exactly the file's values (nothing written for them). */
  unchanged: z.number().int(),
  /** True when the register was changed (never for a dry run or a file with errors). */
  written: z.boolean(),
  /** All errors, including those beyond the listed 1,000. */
  errorCount: z.number().int(),
});
export type TRiskImportReport = z.infer<typeof ZRiskImportReport>;
