/**
 * The organization's controls, their links and evidence, and the healthcare starter library
 * (ISO/IEC 27001:2022 6.1.3 b)–c) determining and comparing controls, 7.5 documented information, A.5.28
 * evidence; 45 CFR 164.316(b)(1) documentation). One contract drives the API, the web forms and the CLI.
 */
import { z } from 'zod';
import { CONTROL_CATEGORIES, CONTROL_STATUSES, EFFECTIVENESS } from '../compliance.js';
import { ZId, ZIsoDate, ZName, ZPageQuery, ZSortDirection } from './common.js';
import { ZRiskLevelRef } from './risks.js';

// Control characters other than tab and line breaks are refused (they break exports and terminals).
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/u;
const text = (max = 200) => z.string().trim().max(max, { message: `must be at most ${max} characters` }).refine((value) => !CONTROL_CHARS.test(value), { message: 'must not contain control characters' });
const optionalText = (max = 200) => text(max).nullable().optional();
const money = z.number().min(0, { message: 'must not be negative' }).max(1_000_000_000, { message: 'must be at most 1,000,000,000' }).nullable().optional();

/** Review cadences offered in forms (months); any whole number from 1 to 60 is accepted. */
export const REVIEW_CADENCES = [1, 3, 6, 12, 24, 36] as const;
export const CONTROL_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** The editable fields of a control, without defaults (an update must not reset what it does not send). */
const ZControlFieldsBase = z.object({
  code: z.string().trim().regex(CONTROL_CODE_PATTERN, { message: 'must be 1–40 letters, digits, dots, hyphens or underscores' }).optional(),
  name: ZName,
  description: optionalText(4000),
  owner: optionalText(),
  category: z.enum(CONTROL_CATEGORIES),
  status: z.enum(CONTROL_STATUSES),
  implementedOn: ZIsoDate.nullable().optional(),
  effectiveness: z.enum(EFFECTIVENESS),
  lastTestedOn: ZIsoDate.nullable().optional(),
  costOneOff: money,
  costYearly: money,
  effortDays: z.number().min(0, { message: 'must not be negative' }).max(100000, { message: 'must be at most 100000' }).nullable().optional(),
  reviewCadenceMonths: z.number().int({ message: 'must be a whole number of months' }).min(1, { message: 'must be between 1 and 60 months' }).max(60, { message: 'must be between 1 and 60 months' }).nullable().optional(),
  /** Omitted with a cadence: computed as today + cadence. */
  nextReviewOn: ZIsoDate.nullable().optional(),
  /** Only a group-level organization's control can be inherited by its sites. */
  inheritable: z.boolean(),
});
/** Create takes them all, with defaults; update takes any, with the version read. */
export const ZControlFields = ZControlFieldsBase.extend({
  status: z.enum(CONTROL_STATUSES).default('planned'),
  effectiveness: z.enum(EFFECTIVENESS).default('not_assessed'),
  inheritable: z.boolean().default(false),
});
export type TControlFields = z.infer<typeof ZControlFields>;
export const ZCreateControlRequest = ZControlFields;
export type TCreateControlRequest = z.input<typeof ZCreateControlRequest>;
export const ZUpdateControlRequest = ZControlFieldsBase.partial().extend({
  /** The version read: a change made meanwhile by someone else is refused with 409 (optimistic concurrency). */
  version: z.number().int().min(1),
});
export type TUpdateControlRequest = z.infer<typeof ZUpdateControlRequest>;

export const ZControlAbilities = z.object({ update: z.boolean(), delete: z.boolean(), addEvidence: z.boolean() });

/** A row of the control register. */
export const ZControlSummary = z.object({
  id: ZId,
  organizationId: ZId,
  organizationName: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  owner: z.string().nullable(),
  category: z.enum(CONTROL_CATEGORIES),
  status: z.enum(CONTROL_STATUSES),
  implementedOn: z.string().nullable(),
  effectiveness: z.enum(EFFECTIVENESS),
  lastTestedOn: z.string().nullable(),
  costOneOff: z.number().nullable(),
  costYearly: z.number().nullable(),
  effortDays: z.number().nullable(),
  reviewCadenceMonths: z.number().int().nullable(),
  nextReviewOn: z.string().nullable(),
  /** The next review date has passed (computed from today). */
  reviewOverdue: z.boolean(),
  inheritable: z.boolean(),
  /** A group-level control shown read-only in one of its sites. */
  inherited: z.boolean(),
  starterKey: z.string().nullable(),
  requirementCount: z.number().int(),
  assetCount: z.number().int(),
  evidenceCount: z.number().int(),
  expiredEvidenceCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: ZControlAbilities,
});
export type TControlSummary = z.infer<typeof ZControlSummary>;

export const ZLinkedRequirement = z.object({
  id: z.string(),
  frameworkId: z.string(),
  frameworkName: z.string(),
  ref: z.string(),
  title: z.string(),
  kind: z.string(),
  obligation: z.string().nullable(),
});
export type TLinkedRequirement = z.infer<typeof ZLinkedRequirement>;
export const ZLinkedAsset = z.object({ id: ZId, name: z.string(), type: z.string(), owner: z.string().nullable() });
/**
 * An open risk of the organization whose treatment selected the control (6.1.3 b–c), with its current
 * level (null while the current stage is not assessed). The SoA lists them per Annex A row as well.
 */
export const ZLinkedRisk = z.object({ id: ZId, ref: z.string(), title: z.string(), organizationId: ZId, level: ZRiskLevelRef.nullable() });
export type TLinkedRisk = z.infer<typeof ZLinkedRisk>;

export const EVIDENCE_KINDS = ['file', 'link'] as const;
export const ZEvidence = z.object({
  id: ZId,
  controlId: ZId,
  kind: z.enum(EVIDENCE_KINDS),
  title: z.string(),
  url: z.string().nullable(),
  fileName: z.string().nullable(),
  contentType: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  sha256: z.string().nullable(),
  expiresOn: z.string().nullable(),
  /** The expiry date has passed (computed from today, never stored). */
  expired: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type TEvidence = z.infer<typeof ZEvidence>;

export const ZControlDetail = ZControlSummary.extend({
  requirements: z.array(ZLinkedRequirement),
  assets: z.array(ZLinkedAsset),
  evidence: z.array(ZEvidence),
  /** The open risks whose treatment selected this control, by ref. */
  risks: z.array(ZLinkedRisk),
});
export type TControlDetail = z.infer<typeof ZControlDetail>;

export const CONTROL_SORT_FIELDS = ['code', 'name', 'category', 'status', 'effectiveness', 'owner', 'nextReviewOn', 'updatedAt'] as const;
export const ZControlListQuery = ZPageQuery.extend({
  q: z.string().trim().max(200).optional(),
  status: z.enum(CONTROL_STATUSES).optional(),
  category: z.enum(CONTROL_CATEGORIES).optional(),
  effectiveness: z.enum(EFFECTIVENESS).optional(),
  owner: z.string().trim().max(200).optional(),
  /** Controls linked to this requirement (e.g. `iso27001-2022:A.5.1`). */
  requirementId: z.string().trim().min(1).max(300).optional(),
  /** Controls linked to any requirement of this framework. */
  frameworkId: z.string().trim().min(1).max(200).optional(),
  /** `yes`: only controls with expired evidence; `no`: only those without. */
  expiredEvidence: z.enum(['yes', 'no']).optional(),
  /** `yes`: only inherited controls of the group; `no`: only the organization's own. */
  inherited: z.enum(['yes', 'no']).optional(),
  sort: z.enum(CONTROL_SORT_FIELDS).default('code'),
  direction: ZSortDirection.default('asc'),
});
export type TControlListQuery = z.infer<typeof ZControlListQuery>;
export const ZControlParams = z.object({ orgId: ZId, controlId: ZId });

export const ZLinkRequirementsRequest = z.object({ requirementIds: z.array(z.string().trim().min(1).max(300)).min(1, { message: 'must name at least one requirement' }).max(500) });
export type TLinkRequirementsRequest = z.infer<typeof ZLinkRequirementsRequest>;
export const ZRequirementLinkParams = z.object({ orgId: ZId, controlId: ZId, requirementId: z.string().min(1).max(300) });
export const ZLinkAssetsRequest = z.object({ assetIds: z.array(ZId).min(1, { message: 'must name at least one asset' }).max(500) });
export type TLinkAssetsRequest = z.infer<typeof ZLinkAssetsRequest>;
export const ZAssetLinkParams = z.object({ orgId: ZId, controlId: ZId, assetId: ZId });

export const ZRequirementOptionsQuery = z.object({
  q: z.string().trim().max(200).optional(),
  frameworkId: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ZRequirementOption = z.object({ id: z.string(), frameworkId: z.string(), frameworkName: z.string(), ref: z.string(), title: z.string(), kind: z.string(), obligation: z.string().nullable() });
export type TRequirementOption = z.infer<typeof ZRequirementOption>;
export const ZRequirementOptions = z.object({ items: z.array(ZRequirementOption), frameworks: z.array(z.object({ id: z.string(), name: z.string() })) });
export type TRequirementOptions = z.infer<typeof ZRequirementOptions>;

// ---- Evidence ----
export const ZEvidenceParams = z.object({ orgId: ZId, controlId: ZId, evidenceId: ZId });
const ZHttpsUrl = z
  .string()
  .trim()
  .max(2000, { message: 'must be at most 2000 characters' })
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && Boolean(url.hostname) && !url.username && !url.password;
    } catch {
      return false;
    }
  }, { message: 'must be an https:// URL without credentials' });
export const ZAddEvidenceLinkRequest = z.object({ title: text(200).min(1, { message: 'is required' }), url: ZHttpsUrl, expiresOn: ZIsoDate.nullable().optional() });
export type TAddEvidenceLinkRequest = z.infer<typeof ZAddEvidenceLinkRequest>;
/** The file itself is the request body; these travel in the query string. */
export const ZUploadEvidenceQuery = z.object({
  fileName: text(255).min(1, { message: 'is required' }),
  title: text(200).optional(),
  expiresOn: ZIsoDate.optional(),
});
export type TUploadEvidenceQuery = z.infer<typeof ZUploadEvidenceQuery>;

/** Content types an evidence upload may declare (the bytes are sniffed and must agree). */
export const EVIDENCE_CONTENT_TYPES = {
  'application/pdf': 'PDF',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/gif': 'GIF image',
  'image/webp': 'WebP image',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document (DOCX)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel workbook (XLSX)',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint presentation (PPTX)',
  'text/plain': 'plain text',
  'text/csv': 'CSV',
  'application/json': 'JSON',
} as const;
export type EvidenceContentType = keyof typeof EVIDENCE_CONTENT_TYPES;
export const EVIDENCE_ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.txt,.csv,.json,.log,.md';

export const ZEvidenceVerifyReport = z.object({
  checked: z.number().int(),
  problems: z.array(z.object({ evidenceId: z.string(), controlCode: z.string(), fileName: z.string().nullable(), problem: z.string() })),
});
export type TEvidenceVerifyReport = z.infer<typeof ZEvidenceVerifyReport>;

// ---- Starter library ----
export const ZStarterControl = z.object({ code: z.string(), name: z.string(), category: z.enum(CONTROL_CATEGORIES), reviewCadenceMonths: z.number().int(), requirementCount: z.number().int(), adopted: z.boolean() });
export const ZStarterLibrary = z.object({ title: z.string(), version: z.string(), controls: z.array(ZStarterControl), adoptedCount: z.number().int() });
export type TStarterLibrary = z.infer<typeof ZStarterLibrary>;
export const ZAdoptStarterResult = z.object({
  created: z.number().int(),
  alreadyAdopted: z.number().int(),
  /** Codes already used by the organization's own controls; those starter controls were not added. */
  codeConflicts: z.array(z.string()),
  /** Requirement links of the controls created by this adoption. */
  linkedRequirements: z.number().int(),
  /** Requirement links added to controls adopted earlier (a ref new to the library or the catalogue); links the organization removed itself are not restored. */
  linksAdded: z.number().int(),
  /** Requirement refs of the library not (yet) in the catalogue; they are linked on a later adoption. */
  missingRequirements: z.array(z.string()),
  message: z.string(),
});
export type TAdoptStarterResult = z.infer<typeof ZAdoptStarterResult>;

/** `date` (YYYY-MM-DD) plus whole months, clamped to the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
