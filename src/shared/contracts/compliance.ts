/**
 * Contracts of the HIPAA Security Rule view with addressable decisions (45 CFR 164.306(d)(3)),
 * readiness per framework (ISO/IEC 27001:2022 9.1 monitoring and evaluation) and "comply once".
 * Also the pure decision rules, so the web form shows the same `field: problem` messages as the API.
 */
import { z } from 'zod';
import { COMPLIANCE_STATUSES, CONTROL_STATUSES, EFFECTIVENESS, HIPAA_DECISIONS, IMPLEMENTATION_STATUSES, type HipaaDecision } from '../compliance.js';
import { ZId, ZIsoInstant, ZOrgParams } from './common.js';
import { ZFrameworkId } from './frameworks.js';

const noControlChars = /^[^\p{Cc}]*$/u;
// Multi-line text: line breaks and tabs are allowed, other control characters are not.
const noControlCharsExceptNewlines = /^(?:[\t\n\r]|[^\p{Cc}])*$/u;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` })
    .regex(noControlCharsExceptNewlines, { message: 'must not contain control characters' });

export const ZComplianceStatus = z.enum(COMPLIANCE_STATUSES);
export const ZImplementationStatus = z.enum(IMPLEMENTATION_STATUSES);
export const ZHipaaDecisionKind = z.enum(HIPAA_DECISIONS, { message: 'must be implement, alternative or not_implemented' });

/** Counts of the four statuses over a set of assessable requirements. */
export const ZStatusCounts = z.object({
  compliant: z.number().int(),
  partially_compliant: z.number().int(),
  non_compliant: z.number().int(),
  not_applicable: z.number().int(),
});
export type TStatusCounts = z.infer<typeof ZStatusCounts>;

/** Counts, each status as a share of all assessable requirements, and readiness = compliant ÷ applicable. */
export const ZReadinessFigures = z.object({
  counts: ZStatusCounts,
  total: z.number().int(),
  applicable: z.number().int(),
  /** Each status as a share of `total`, in percent with one decimal. */
  percentages: z.object({ compliant: z.number(), partially_compliant: z.number(), non_compliant: z.number(), not_applicable: z.number() }),
  /** compliant ÷ (total − not applicable), in percent with one decimal; null when nothing is applicable. */
  readinessPercent: z.number().nullable(),
});
export type TReadinessFigures = z.infer<typeof ZReadinessFigures>;

/** Why a requirement has its status: its controls, the alternative measure's controls, a documented decision, or a missing one. */
export const STATUS_BASES = ['controls', 'alternative_controls', 'documented_not_implemented', 'decision_missing', 'specifications', 'soa_excluded', 'soa_override'] as const;
export const ZStatusBasis = z.enum(STATUS_BASES);
export type TStatusBasis = z.infer<typeof ZStatusBasis>;

export const ZLinkedControlSummary = z.object({
  id: ZId,
  code: z.string(),
  name: z.string(),
  organizationId: ZId,
  status: z.enum(CONTROL_STATUSES),
  effectiveness: z.enum(EFFECTIVENESS),
  inherited: z.boolean(),
  evidenceCount: z.number().int(),
});
export type TLinkedControlSummary = z.infer<typeof ZLinkedControlSummary>;

// ---------------------------------------------------------------------------------------------------
// HIPAA Security Rule view
// ---------------------------------------------------------------------------------------------------

export const ZHipaaDecisionRecord = z.object({
  decision: ZHipaaDecisionKind,
  rationale: z.string(),
  alternativeMeasure: z.string().nullable(),
  riskAnalysisRef: z.string(),
  decidedBy: z.object({ id: z.string(), name: z.string() }),
  decidedAt: ZIsoInstant,
  /** The controls that implement the alternative measure (decision `alternative` only). */
  controls: z.array(ZLinkedControlSummary),
});
export type THipaaDecisionRecord = z.infer<typeof ZHipaaDecisionRecord>;

const ZHipaaRequirementBase = z.object({
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  text: z.string().nullable(),
  obligation: z.enum(['required', 'addressable']),
  implementationStatus: ZImplementationStatus,
  status: ZComplianceStatus,
  basis: ZStatusBasis,
  /** The controls mapped to the requirement (own and inherited). */
  controls: z.array(ZLinkedControlSummary),
  evidenceCount: z.number().int(),
});

export const ZHipaaSpecification = ZHipaaRequirementBase.extend({
  decision: ZHipaaDecisionRecord.nullable(),
});
export type THipaaSpecification = z.infer<typeof ZHipaaSpecification>;

export const ZHipaaStandard = ZHipaaRequirementBase.extend({
  specifications: z.array(ZHipaaSpecification),
});
export type THipaaStandard = z.infer<typeof ZHipaaStandard>;

export const ZHipaaSafeguard = z.object({
  key: z.string(),
  label: z.string(),
  cfr: z.string(),
  figures: ZReadinessFigures,
  standards: z.array(ZHipaaStandard),
});
export type THipaaSafeguard = z.infer<typeof ZHipaaSafeguard>;

export const ZHipaaView = z.object({
  /** False until the built-in catalogue holds the HIPAA Security Rule. */
  loaded: z.boolean(),
  frameworkId: z.string(),
  figures: ZReadinessFigures,
  standardCount: z.number().int(),
  specificationCount: z.object({ required: z.number().int(), addressable: z.number().int() }),
  decisionsMissing: z.number().int(),
  safeguards: z.array(ZHipaaSafeguard),
  abilities: z.object({ decide: z.boolean() }),
});
export type THipaaView = z.infer<typeof ZHipaaView>;

/** A CFR citation of a HIPAA Security Rule specification, e.g. `164.312(a)(2)(iv)`. */
export const ZHipaaRefParams = ZOrgParams.extend({
  ref: z
    .string()
    .trim()
    .min(1, { message: 'is required' })
    .max(64, { message: 'must be at most 64 characters' })
    .regex(/^164\.\d{3}(\([a-z0-9]+\))*$/i, { message: 'must be a CFR citation such as 164.312(a)(2)(iv)' }),
});

export const ZRecordHipaaDecisionRequest = z.object({
  decision: ZHipaaDecisionKind,
  /** 164.306(d)(3)(i)–(ii): why the specification is (not) reasonable and appropriate, and for `not_implemented` why no alternative is either. */
  rationale: text(4000).min(1, { message: 'is required' }),
  /** The equivalent alternative measure (decision `alternative` only). */
  alternativeMeasure: text(4000).nullish(),
  /** Where the risk analysis behind the decision is (164.308(a)(1)(ii)(A)): a document, section or risk id. */
  riskAnalysisRef: text(500).min(1, { message: 'is required' }).regex(noControlChars, { message: 'must be one line' }),
  /** The controls that implement the alternative measure (decision `alternative` only): this organization's, or inherited from its group. */
  controlIds: z.array(ZId).max(50, { message: 'must list at most 50 controls' }).default([]),
});
export type TRecordHipaaDecisionRequest = z.input<typeof ZRecordHipaaDecisionRequest>;

export interface DecisionIssue {
  path: string;
  message: string;
}

/**
 * The field rules of 164.306(d)(3) that do not depend on the database: an alternative needs its
 * measure and at least one control; the other two decisions carry neither. Paths name body fields.
 */
export function hipaaDecisionIssues(input: { decision: HipaaDecision; rationale?: string | null; alternativeMeasure?: string | null; riskAnalysisRef?: string | null; controlIds?: readonly string[] | null }): DecisionIssue[] {
  const issues: DecisionIssue[] = [];
  const measure = input.alternativeMeasure?.trim() ?? '';
  const controls = input.controlIds ?? [];
  if (!input.rationale?.trim()) issues.push({ path: 'body.rationale', message: 'is required' });
  if (!input.riskAnalysisRef?.trim()) issues.push({ path: 'body.riskAnalysisRef', message: 'is required: name the risk analysis behind the decision (164.308(a)(1)(ii)(A))' });
  if (input.decision === 'alternative') {
    if (!measure) issues.push({ path: 'body.alternativeMeasure', message: 'is required: describe the equivalent alternative measure (164.306(d)(3)(ii)(B)(2))' });
    if (controls.length === 0) issues.push({ path: 'body.controlIds', message: 'must name at least one control that implements the alternative measure' });
  } else {
    if (measure) issues.push({ path: 'body.alternativeMeasure', message: 'is only recorded with an alternative measure decision' });
    if (controls.length > 0) issues.push({ path: 'body.controlIds', message: 'are only linked with an alternative measure decision' });
  }
  return issues;
}

export const ZHipaaDecisionHistoryEntry = z.object({
  id: z.string(),
  occurredAt: ZIsoInstant,
  actorLabel: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export const ZHipaaDecisionHistory = z.object({ ref: z.string(), items: z.array(ZHipaaDecisionHistoryEntry) });
export type THipaaDecisionHistory = z.infer<typeof ZHipaaDecisionHistory>;

// ---------------------------------------------------------------------------------------------------
// Readiness
// ---------------------------------------------------------------------------------------------------

/** A section (ISO clause or Annex A theme, HIPAA safeguard, GDPR article, NIST family); HIPAA's have their standards as children. */
export const ZReadinessSubsection = z.object({ key: z.string(), label: z.string(), figures: ZReadinessFigures });
export const ZReadinessSection = ZReadinessSubsection.extend({ children: z.array(ZReadinessSubsection) });
export type TReadinessSection = z.infer<typeof ZReadinessSection>;

export const ZFrameworkReadiness = z.object({
  frameworkId: z.string(),
  name: z.string(),
  shortName: z.string(),
  version: z.string(),
  origin: z.enum(['builtin', 'oscal']),
  figures: ZReadinessFigures,
  sections: z.array(ZReadinessSection),
});
export type TFrameworkReadiness = z.infer<typeof ZFrameworkReadiness>;

export const ZSiteReadiness = z.object({
  organizationId: ZId,
  name: z.string(),
  frameworks: z.array(z.object({ frameworkId: z.string(), figures: ZReadinessFigures })),
});
export type TSiteReadiness = z.infer<typeof ZSiteReadiness>;

export const ZReadiness = z.object({
  organizationId: ZId,
  organizationName: z.string(),
  frameworks: z.array(ZFrameworkReadiness),
  /** For a group: one row per site the caller may read controls in (built-in frameworks). */
  sites: z.array(ZSiteReadiness),
  /** Sites of the group where the caller has no control.read (not shown). */
  hiddenSiteCount: z.number().int(),
});
export type TReadiness = z.infer<typeof ZReadiness>;

export const ZReadinessQuery = z.object({ framework: ZFrameworkId.optional() });
export type TReadinessQuery = z.infer<typeof ZReadinessQuery>;

export const ZReadinessDrillQuery = z.object({
  section: z.string().trim().min(1, { message: 'is required' }).max(120, { message: 'must be at most 120 characters' }),
  status: ZComplianceStatus.optional(),
});
export type TReadinessDrillQuery = z.infer<typeof ZReadinessDrillQuery>;

export const ZEvidenceSummary = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(['file', 'link']),
  expiresOn: z.string().nullable(),
  expired: z.boolean(),
});

export const ZDrillControl = ZLinkedControlSummary.extend({ evidence: z.array(ZEvidenceSummary) });

export const ZDrillRequirement = z.object({
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  kind: z.string(),
  obligation: z.enum(['required', 'addressable']).nullable(),
  parentRef: z.string().nullable(),
  implementationStatus: ZImplementationStatus,
  status: ZComplianceStatus,
  basis: ZStatusBasis,
  controls: z.array(ZDrillControl),
});
export type TDrillRequirement = z.infer<typeof ZDrillRequirement>;

export const ZReadinessDrill = z.object({
  frameworkId: z.string(),
  frameworkName: z.string(),
  section: z.object({ key: z.string(), label: z.string() }),
  figures: ZReadinessFigures,
  requirements: z.array(ZDrillRequirement),
});
export type TReadinessDrill = z.infer<typeof ZReadinessDrill>;

// ---------------------------------------------------------------------------------------------------
// Comply once
// ---------------------------------------------------------------------------------------------------

export const ZCrosswalkPath = z.object({
  /** The directly linked requirement the crosswalk starts from. */
  throughId: z.string(),
  throughRef: z.string(),
  throughFramework: z.string(),
  source: z.enum(['nist_sp800_66r2', 'nist_olir', 'custos']),
  strength: z.enum(['strong', 'moderate', 'weak']),
  /** `outgoing`: the crosswalk row goes from the linked requirement to this one; `incoming`: the reverse. */
  direction: z.enum(['outgoing', 'incoming']),
});

export const ZSatisfiedRequirement = z.object({
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  frameworkId: z.string(),
  frameworkName: z.string(),
  /** `direct`: the control is linked to it; `crosswalk`: reached only through crosswalk links. */
  via: z.enum(['direct', 'crosswalk']),
  crosswalk: z.array(ZCrosswalkPath),
});
export type TSatisfiedRequirement = z.infer<typeof ZSatisfiedRequirement>;

export const ZComplyOnce = z.object({
  control: z.object({
    id: ZId,
    code: z.string(),
    name: z.string(),
    status: z.enum(CONTROL_STATUSES),
    effectiveness: z.enum(EFFECTIVENESS),
    inherited: z.boolean(),
    organizationName: z.string(),
    evidenceCount: z.number().int(),
  }),
  frameworks: z.array(z.object({ frameworkId: z.string(), frameworkName: z.string(), direct: z.number().int(), crosswalk: z.number().int() })),
  requirements: z.array(ZSatisfiedRequirement),
});
export type TComplyOnce = z.infer<typeof ZComplyOnce>;

/** Labels of the crosswalk sources, so the UI says which links are official NIST mappings and which are ours. */
export const CROSSWALK_SOURCE_LABELS: Record<z.infer<typeof ZCrosswalkPath>['source'], string> = {
  nist_sp800_66r2: 'Official NIST mapping (SP 800-66r2: HIPAA → SP 800-53)',
  nist_olir: 'Derived from NIST mappings (HIPAA → SP 800-53 → ISO 27001 via NIST OLIR; not an official HIPAA ↔ ISO mapping)',
  custos: 'Custos editorial judgement',
};

export const STATUS_BASIS_LABELS: Record<TStatusBasis, string> = {
  controls: 'From the mapped controls',
  alternative_controls: 'From the controls of the alternative measure',
  documented_not_implemented: 'Compliant by documentation: neither the specification nor an alternative is reasonable and appropriate, and why is documented (164.306(d)(3)(ii)(B))',
  decision_missing: 'Decision missing: an addressable specification needs a documented decision (164.306(d)(3))',
  specifications: 'Rolled up from its implementation specifications',
  soa_excluded: 'Excluded in the Statement of Applicability',
  soa_override: 'Status set in the Statement of Applicability (with a reason)',
};
