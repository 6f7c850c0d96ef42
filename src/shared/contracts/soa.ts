/**
 * The Statement of Applicability (ISO/IEC 27001:2022 6.1.3 d): every Annex A control, whether it is
 * necessary and why (inclusion reasons), why not (exclusion justification), and whether it is
 * implemented (derived from the organization's controls; an override needs a reason). Published
 * versions are frozen snapshots; approval by top management is recorded (5.1, A.5.3 segregation of duties).
 */
import { z } from 'zod';
import { CONTROL_STATUSES, IMPLEMENTATION_STATUSES, INCLUSION_REASONS, NOT_APPLICABLE_OVERRIDE_MESSAGE } from '../compliance.js';
import { ZId, ZIsoInstant } from './common.js';
import { ZLinkedRisk } from './controls.js';

export const ANNEX_A_THEMES = ['organizational', 'people', 'physical', 'technological'] as const;
export type AnnexATheme = (typeof ANNEX_A_THEMES)[number];
export const ANNEX_A_THEME_LABELS: Record<AnnexATheme, string> = {
  organizational: 'Organizational (A.5)',
  people: 'People (A.6)',
  physical: 'Physical (A.7)',
  technological: 'Technological (A.8)',
};
export const SOA_FRAMEWORK_ID = 'iso27001-2022';
export const SOA_EXPORT_FORMATS = ['xlsx', 'pdf'] as const;
export type SoaExportFormat = (typeof SOA_EXPORT_FORMATS)[number];

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/u;
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` })
    .refine((value) => !CONTROL.test(value), { message: 'must not contain control characters' });

/** An Annex A reference as used in URLs: A.5.1 … A.8.34. */
export const ZAnnexRef = z.string().regex(/^A\.[5-8]\.\d{1,2}$/, { message: 'must be an Annex A reference such as A.5.1' });

export const ZSoaLinkedControl = z.object({
  id: ZId,
  code: z.string(),
  name: z.string(),
  status: z.enum(CONTROL_STATUSES),
  inherited: z.boolean(),
  organizationId: ZId,
  organizationName: z.string(),
});

/**
 * The SoA row's linked risks: the open risks of the organization whose treatment selected any control
 * that satisfies the row's Annex A control (own or inherited), by ref, each with its current level.
 */
export const ZSoaLinkedRisk = ZLinkedRisk;

/** One SoA row, as shown, exported and frozen in a published version. */
export const ZSoaRow = z.object({
  requirementId: z.string(),
  ref: z.string(),
  title: z.string(),
  theme: z.enum(ANNEX_A_THEMES).nullable(),
  applicable: z.boolean(),
  inclusionReasons: z.array(z.enum(INCLUSION_REASONS)),
  inclusionJustification: z.string().nullable(),
  exclusionJustification: z.string().nullable(),
  /** From the linked controls (deriveImplementationStatus). */
  derivedStatus: z.enum(IMPLEMENTATION_STATUSES),
  /** Never not_applicable in a new change (6.1.3 d): kept in the row's type for snapshots published before that rule. */
  statusOverride: z.enum(IMPLEMENTATION_STATUSES).nullable(),
  overrideReason: z.string().nullable(),
  /** soaEffectiveStatus: not_applicable exactly when excluded, else the override when set, else the derived status; an applicable row is never not_applicable. */
  effectiveStatus: z.enum(IMPLEMENTATION_STATUSES),
  isJustified: z.boolean(),
  controls: z.array(ZSoaLinkedControl),
  risks: z.array(ZSoaLinkedRisk),
  evidence: z.object({ current: z.number().int(), expired: z.number().int() }),
});
export type TSoaRow = z.infer<typeof ZSoaRow>;

export const ZSoaListQuery = z.object({
  theme: z.enum(ANNEX_A_THEMES).optional(),
  applicable: z.enum(['yes', 'no']).optional(),
  status: z.enum(IMPLEMENTATION_STATUSES).optional(),
  justified: z.enum(['yes', 'no']).optional(),
  q: z.string().trim().max(200).optional(),
});
export type TSoaListQuery = z.infer<typeof ZSoaListQuery>;

export const ZSoaVersionSummary = z.object({
  id: ZId,
  number: z.number().int(),
  note: z.string().nullable(),
  sha256: z.string(),
  publishedAt: ZIsoInstant,
  publishedBy: z.object({ id: z.string(), name: z.string() }),
  approvedAt: ZIsoInstant.nullable(),
  approvedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  approvalNote: z.string().nullable(),
  rows: z.number().int(),
  applicable: z.number().int(),
  implemented: z.number().int(),
});
export type TSoaVersionSummary = z.infer<typeof ZSoaVersionSummary>;

const ZStatusCounts = z.record(z.enum(IMPLEMENTATION_STATUSES), z.number().int());

export const ZSoaList = z.object({
  organizationId: ZId,
  organizationName: z.string(),
  /** Whether rows carry their linked risks (true since the risk register exists; kept so a client can tell). */
  risksAvailable: z.boolean(),
  total: z.number().int(),
  items: z.array(ZSoaRow),
  counts: z.object({ rows: z.number().int(), applicable: z.number().int(), unjustified: z.number().int(), byStatus: ZStatusCounts }),
  lastPublished: ZSoaVersionSummary.nullable(),
  /** Rows differ from the last published version (or nothing is published yet). */
  hasUnpublishedChanges: z.boolean(),
  abilities: z.object({ write: z.boolean(), approve: z.boolean() }),
});
export type TSoaList = z.infer<typeof ZSoaList>;

export const ZSoaEntryParams = z.object({ orgId: ZId, ref: ZAnnexRef });

/** Change one row; fields left out keep their value. The merged row is checked as a whole. */
export const ZUpdateSoaEntryRequest = z
  .object({
    applicable: z.boolean().optional(),
    inclusionReasons: z
      .array(z.enum(INCLUSION_REASONS))
      .max(INCLUSION_REASONS.length)
      .refine((list) => new Set(list).size === list.length, { message: 'must not repeat a reason' })
      .optional(),
    inclusionJustification: text(2000).nullable().optional(),
    exclusionJustification: text(2000).nullable().optional(),
    // 6.1.3 d): a control leaves the SoA's scope only by an exclusion with its justification, never by an override.
    statusOverride: z
      .enum(IMPLEMENTATION_STATUSES)
      .refine((status) => status !== 'not_applicable', { message: NOT_APPLICABLE_OVERRIDE_MESSAGE })
      .nullable()
      .optional(),
    overrideReason: text(1000).nullable().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { message: 'must change at least one field' });
export type TUpdateSoaEntryRequest = z.infer<typeof ZUpdateSoaEntryRequest>;

/** Mark many rows applicable with the same reasons (e.g. every control selected by risk treatment). */
export const ZBulkApplicableRequest = z.object({
  refs: z.array(ZAnnexRef).min(1, { message: 'must name at least one control' }).max(200),
  inclusionReasons: z.array(z.enum(INCLUSION_REASONS)).min(1, { message: 'must give at least one reason' }).max(INCLUSION_REASONS.length),
  inclusionJustification: text(2000).nullable().optional(),
});
export type TBulkApplicableRequest = z.infer<typeof ZBulkApplicableRequest>;

export const ZPublishSoaRequest = z.object({ note: text(1000).nullable().optional() });
export const ZApproveSoaRequest = z.object({ note: text(1000).nullable().optional() });

export const ZSoaVersionParams = z.object({ orgId: ZId, number: z.coerce.number().int().min(1, { message: 'must be a version number (1, 2, …)' }).max(1_000_000) });

/** The frozen content of a version: the sha256 of its canonical JSON (RFC 8785) is stored beside it. */
export const ZSoaSnapshot = z.object({
  format: z.literal('custos-soa/1'),
  organizationId: ZId,
  organizationName: z.string(),
  frameworkId: z.string(),
  number: z.number().int(),
  publishedAt: ZIsoInstant,
  publishedBy: z.object({ id: z.string(), name: z.string() }),
  rows: z.array(ZSoaRow),
});
export type TSoaSnapshot = z.infer<typeof ZSoaSnapshot>;

export const ZSoaVersion = ZSoaVersionSummary.extend({ snapshot: ZSoaSnapshot });
export const ZSoaVersionList = z.object({ items: z.array(ZSoaVersionSummary) });

/** `current` is the draft (the rows as they are now). */
const ZVersionRef = z.union([z.literal('current'), z.coerce.number().int().min(1, { message: 'must be a version number or "current"' }).max(1_000_000)]);
export const ZSoaDiffQuery = z.object({ from: ZVersionRef.optional(), to: ZVersionRef.optional() });

export const SOA_DIFF_FIELDS = ['applicable', 'inclusionReasons', 'inclusionJustification', 'exclusionJustification', 'effectiveStatus', 'statusOverride', 'overrideReason', 'controls'] as const;
export const ZSoaRowChange = z.object({
  ref: z.string(),
  title: z.string(),
  fields: z.array(z.enum(SOA_DIFF_FIELDS)),
  before: ZSoaRow.nullable(),
  after: ZSoaRow.nullable(),
});
export const ZSoaDiff = z.object({
  from: z.object({ label: z.string(), number: z.number().int().nullable() }),
  to: z.object({ label: z.string(), number: z.number().int().nullable() }),
  changes: z.array(ZSoaRowChange),
});
export type TSoaDiff = z.infer<typeof ZSoaDiff>;

export const ZSoaExportQuery = z.object({ format: z.enum(SOA_EXPORT_FORMATS), version: z.coerce.number().int().min(1, { message: 'must be a version number (1, 2, …)' }).max(1_000_000).optional() });
export type TSoaExportQuery = z.infer<typeof ZSoaExportQuery>;

/** The group view: each site's effective status per Annex A control (sites inherit the group's inheritable controls). */
export const ZSoaSiteMatrix = z.object({
  requirements: z.array(z.object({ ref: z.string(), title: z.string(), theme: z.enum(ANNEX_A_THEMES).nullable() })),
  sites: z.array(
    z.object({
      organizationId: ZId,
      name: z.string(),
      /** Aligned with `requirements`. */
      statuses: z.array(z.enum(IMPLEMENTATION_STATUSES)),
      counts: ZStatusCounts,
    }),
  ),
});
export type TSoaSiteMatrix = z.infer<typeof ZSoaSiteMatrix>;
