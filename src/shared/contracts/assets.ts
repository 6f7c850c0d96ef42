/**
 * Assets, classification and ePHI data flows (ISO/IEC 27001:2022 A.5.9 inventory of information and other
 * associated assets, A.5.12 classification, A.5.14 information transfer; 45 CFR 164.308(a)(1)(ii)(A) risk
 * analysis, 164.310(d)(1) device and media controls). One field catalogue drives the API contract, the
 * CSV/XLSX/JSON columns and the web table's column choice.
 */
import { z } from 'zod';
import { patchShape, ZId, ZIsoDate, ZIsoInstant, ZName, ZPageQuery, ZSortDirection } from './common.js';

export const ASSET_TYPES = ['information', 'application', 'infrastructure', 'endpoint', 'medical_device', 'mobile_device', 'facility', 'supplier_service', 'people'] as const;
export const ASSET_TYPE_LABELS: Record<(typeof ASSET_TYPES)[number], string> = {
  information: 'Information / data set',
  application: 'Application',
  infrastructure: 'Infrastructure',
  endpoint: 'Endpoint',
  medical_device: 'Medical device',
  mobile_device: 'Mobile device',
  facility: 'Facility',
  supplier_service: 'Supplier service',
  people: 'People / role',
};
export const LIFECYCLE_STATUSES = ['planned', 'in_use', 'retired'] as const;
export const DATA_CATEGORIES = ['ephi', 'personal_data', 'financial', 'research', 'public'] as const;
export const DATA_CATEGORY_LABELS: Record<(typeof DATA_CATEGORIES)[number], string> = {
  ephi: 'ePHI',
  personal_data: 'Other personal data',
  financial: 'Financial',
  research: 'Research',
  public: 'Public',
};
export const HOSTING = ['on_premises', 'cloud', 'saas'] as const;
export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
/** Value scale for confidentiality, integrity and availability. */
export const CIA_LABELS = ['', 'Low', 'Medium', 'High', 'Very high'] as const;
/** Patient-safety impact: 0 none … 4 could cause death or serious harm. */
export const PATIENT_SAFETY_LABELS = ['None', 'Minor', 'Moderate', 'Major', 'Catastrophic'] as const;

// Control characters other than tab and line breaks are refused (they break exports and terminals).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/u;
const text = (max = 200) => z.string().trim().max(max, { message: `must be at most ${max} characters` }).refine((value) => !CONTROL.test(value), { message: 'must not contain control characters' });
const optionalText = (max = 200) => text(max).nullable().optional();
const flag = z.boolean().nullable().optional();
const level = (min: number, max: number) => z.number().int().min(min, { message: `must be between ${min} and ${max}` }).max(max, { message: `must be between ${min} and ${max}` });

/** The editable fields of an asset (create takes them all; update takes any). */
export const ZAssetFields = z.object({
  name: ZName,
  description: optionalText(4000),
  type: z.enum(ASSET_TYPES),
  owner: optionalText(),
  custodian: optionalText(),
  location: optionalText(),
  lifecycle: z.enum(LIFECYCLE_STATUSES).default('in_use'),
  classificationId: ZId.nullable().optional(),
  dataCategories: z.array(z.enum(DATA_CATEGORIES)).max(DATA_CATEGORIES.length).default([]),
  confidentiality: level(1, 4).default(2),
  integrity: level(1, 4).default(2),
  availability: level(1, 4).default(2),
  patientSafetyImpact: level(0, 4).default(0),
  rtoHours: z.number().min(0).max(100000).nullable().optional(),
  rpoHours: z.number().min(0).max(100000).nullable().optional(),
  tags: z.array(text(50).min(1, { message: 'must not be empty' })).max(30).default([]),
  externalRef: optionalText(120),
  ephiCreates: z.boolean().default(false),
  ephiReceives: z.boolean().default(false),
  ephiMaintains: z.boolean().default(false),
  ephiTransmits: z.boolean().default(false),
  encryptedAtRest: flag,
  encryptedInTransit: flag,
  mfaEnabled: flag,
  ssoEnabled: flag,
  vendor: optionalText(),
  hosting: z.enum(HOSTING).nullable().optional(),
  manufacturer: optionalText(),
  model: optionalText(),
  serialNumber: optionalText(120),
  mds2OnFile: flag,
  endOfSupport: ZIsoDate.nullable().optional(),
  patchable: flag,
  networkSegment: optionalText(120),
  connectsToEhr: flag,
  platform: optionalText(120),
  mdmEnrolled: flag,
  passcodeEnforced: flag,
  byod: flag,
  assignedPerson: optionalText(),
  lastCheckIn: ZIsoInstant.nullable().optional(),
});
export type TAssetFields = z.infer<typeof ZAssetFields>;

export const ZCreateAssetRequest = ZAssetFields;
export type TCreateAssetRequest = z.input<typeof ZCreateAssetRequest>;
export const ZUpdateAssetRequest = z.object(patchShape(ZAssetFields.shape)).refine((b) => Object.keys(b).length > 0, { message: 'must change at least one field' });
export type TUpdateAssetRequest = z.infer<typeof ZUpdateAssetRequest>;

export const ZAsset = ZAssetFields.required().extend({
  id: ZId,
  organizationId: ZId,
  organizationName: z.string(),
  classificationName: z.string().nullable(),
  classificationColour: z.string().nullable(),
  criticality: z.enum(CRITICALITIES),
  handlesEphi: z.boolean(),
  gapCount: z.number().int(),
  /** A critical asset depends on it, directly or through other assets (it supports a critical service). */
  supportsCriticalService: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ update: z.boolean(), delete: z.boolean() }),
});
export type TAsset = z.infer<typeof ZAsset>;

export const ASSET_SORT_FIELDS = ['name', 'type', 'criticality', 'owner', 'lifecycle', 'updatedAt', 'externalRef'] as const;
export const ZAssetListQuery = ZPageQuery.extend({
  q: z.string().trim().max(200).optional(),
  type: z.enum(ASSET_TYPES).optional(),
  classificationId: ZId.optional(),
  owner: z.string().trim().max(200).optional(),
  lifecycle: z.enum(LIFECYCLE_STATUSES).optional(),
  criticality: z.enum(CRITICALITIES).optional(),
  ephi: z.enum(['yes', 'no']).optional(),
  gaps: z.enum(['yes', 'no']).optional(),
  /** At a group: also list the assets of its sites where I may read them. */
  includeSites: z.enum(['yes', 'no']).default('no'),
  sort: z.enum(ASSET_SORT_FIELDS).default('name'),
  direction: ZSortDirection.default('asc'),
});
export type TAssetListQuery = z.infer<typeof ZAssetListQuery>;
export const ZAssetParams = z.object({ orgId: ZId, assetId: ZId });

export const ZBulkUpdateAssetsRequest = z
  .object({
    assetIds: z.array(ZId).min(1, { message: 'must select at least one asset' }).max(1000),
    owner: text().nullable().optional(),
    classificationId: ZId.nullable().optional(),
  })
  .refine((b) => b.owner !== undefined || b.classificationId !== undefined, { message: 'must change the owner or the classification' });
export type TBulkUpdateAssetsRequest = z.infer<typeof ZBulkUpdateAssetsRequest>;

// ---- Dependencies (a directed, acyclic graph) ----
export const ZDependency = z.object({ id: ZId, assetId: ZId, assetName: z.string(), assetCriticality: z.enum(CRITICALITIES), dependsOnId: ZId, dependsOnName: z.string(), dependsOnCriticality: z.enum(CRITICALITIES) });
export const ZDependencies = z.object({ dependsOn: z.array(ZDependency), dependents: z.array(ZDependency) });
export const ZAddDependencyRequest = z.object({ dependsOnId: ZId });
export const ZDependencyParams = z.object({ orgId: ZId, assetId: ZId, dependencyId: ZId });

// ---- Data flows ----
export const ZDataFlowFields = z
  .object({
    sourceAssetId: ZId,
    targetAssetId: ZId.nullable().optional(),
    externalParty: optionalText(),
    purpose: text(500).min(1, { message: 'is required' }),
    dataCategories: z.array(z.enum(DATA_CATEGORIES)).min(1, { message: 'must name at least one data category' }).max(DATA_CATEGORIES.length),
    transportEncrypted: z.boolean(),
    agreementReference: optionalText(200),
  })
  .refine((f) => Boolean(f.targetAssetId) !== Boolean(f.externalParty), { message: 'must go either to an asset (targetAssetId) or to an external party (externalParty)', path: ['targetAssetId'] });
export type TDataFlowFields = z.infer<typeof ZDataFlowFields>;
export const ZDataFlow = z.object({
  id: ZId,
  sourceAssetId: ZId,
  sourceName: z.string(),
  targetAssetId: ZId.nullable(),
  targetName: z.string().nullable(),
  externalParty: z.string().nullable(),
  purpose: z.string(),
  dataCategories: z.array(z.enum(DATA_CATEGORIES)),
  transportEncrypted: z.boolean(),
  agreementReference: z.string().nullable(),
  /** Derived: the flow goes to an external party. */
  leavesOrganization: z.boolean(),
  /** The ends' derived values, so a diagram needs no second request. */
  sourceCriticality: z.enum(CRITICALITIES),
  sourceHandlesEphi: z.boolean(),
  targetCriticality: z.enum(CRITICALITIES).nullable(),
  targetHandlesEphi: z.boolean().nullable(),
  createdAt: z.string(),
});
export type TDataFlow = z.infer<typeof ZDataFlow>;
export const ZDataFlowList = z.object({ items: z.array(ZDataFlow), total: z.number().int() });
export const ZDataFlowListQuery = z.object({ assetId: ZId.optional(), ephiOnly: z.enum(['yes', 'no']).default('no'), limit: z.coerce.number().int().min(1).max(5000).default(1000) });
export const ZDataFlowParams = z.object({ orgId: ZId, flowId: ZId });

// ---- Classification scheme ----
export const ZClassificationFields = z.object({
  name: ZName,
  rank: z.number().int().min(0).max(100),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a colour like #1f6feb' }),
  description: optionalText(1000),
  encryptionAtRestRequired: z.boolean(),
  encryptionInTransitRequired: z.boolean(),
  mfaRequired: z.boolean(),
  byodAllowed: z.boolean(),
  leaveOnlyUnderAgreement: z.boolean(),
  retention: optionalText(200),
});
export type TClassificationFields = z.infer<typeof ZClassificationFields>;
export const ZClassificationLevel = ZClassificationFields.required().extend({ id: ZId, assetCount: z.number().int() });
export const ZClassificationList = z.object({ items: z.array(ZClassificationLevel), abilities: z.object({ manage: z.boolean() }) });
export const ZClassificationParams = z.object({ orgId: ZId, levelId: ZId });

// ---- Gaps (computed from the rules, never typed in) ----
export const GAP_RULES = [
  'encryption_at_rest_missing',
  'encryption_in_transit_missing',
  'mfa_missing',
  'byod_not_allowed',
  'mobile_ephi_without_mdm',
  'medical_device_unsupported_on_flat_network',
  'ephi_without_owner',
  'ephi_flow_without_agreement',
  'ephi_flow_unencrypted',
  'flow_leaves_without_required_agreement',
] as const;
export type GapRule = (typeof GAP_RULES)[number];
export const ZGap = z.object({
  rule: z.enum(GAP_RULES),
  /** What the rule checks, and its anchor in the standards. */
  title: z.string(),
  reference: z.string(),
  assetId: ZId,
  assetName: z.string(),
  flowId: ZId.nullable(),
  detail: z.string(),
});
export type TGap = z.infer<typeof ZGap>;
export const ZGapSummary = z.object({ rules: z.array(z.object({ rule: z.enum(GAP_RULES), count: z.number().int() })), total: z.number().int() });
export const ZGapListQuery = ZPageQuery.extend({ rule: z.enum(GAP_RULES).optional(), assetId: ZId.optional() });

// ---- Import and export of the register (A.5.9: the inventory moves between tools and organizations) ----
/**
 * One file shape in three formats. Columns: the asset field catalogue's order in snake_case, with
 * `classification` (the level's NAME, never its id) after `lifecycle`; no ids, timestamps or derived values.
 * CSV/XLSX: lists joined with `;` (a `;` or `\` inside an item is escaped with `\`), booleans `yes`/`no`/empty
 * (unknown), text that starts with = + - @ tab or CR prefixed with `'` (removed again on import).
 * JSON: an array of objects with the same keys; lists as arrays, booleans true/false/null.
 * On import, `name` and `type` are required columns; a column absent from the file (or a key absent from a
 * JSON object) leaves an existing asset's value as it is, while an empty cell (or null) empties it.
 */
export const ASSET_FILE_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type AssetFileFormat = (typeof ASSET_FILE_FORMATS)[number];
export const ZAssetExportQuery = ZAssetListQuery.omit({ page: true, pageSize: true, sort: true, direction: true, includeSites: true }).extend({
  format: z.enum(ASSET_FILE_FORMATS).default('csv'),
});
export type TAssetExportQuery = z.infer<typeof ZAssetExportQuery>;
export const ASSET_IMPORT_MODES = ['all', 'valid_only'] as const;
export const ZAssetImportQuery = z.object({
  /** Omitted: taken from the content type (application/octet-stream: XLSX when the body is a ZIP, else CSV). */
  format: z.enum(ASSET_FILE_FORMATS).optional(),
  /** Validate every row and report what would happen; write nothing. */
  dryRun: z.enum(['true', 'false']).default('false'),
  /** `all`: write nothing unless every row is valid; `valid_only`: write the valid rows, reject the rest. */
  mode: z.enum(ASSET_IMPORT_MODES).default('all'),
  /** The uploaded file's name, recorded in the audit event. */
  filename: text(255).optional(),
});
export type TAssetImportQuery = z.infer<typeof ZAssetImportQuery>;
/**
 * One problem of one row. `row` is the row number a person sees: in CSV and XLSX the spreadsheet row (the
 * header is row 1, so the first data row is row 2); in JSON the 1-based position of the object in the array.
 * `column` is the file's column (snake_case), or null for the row as a whole.
 */
export const ZImportProblem = z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() });
export type TImportProblem = z.infer<typeof ZImportProblem>;
export const ZAssetImportReport = z.object({
  format: z.enum(ASSET_FILE_FORMATS),
  dryRun: z.boolean(),
  mode: z.enum(ASSET_IMPORT_MODES),
  /** True when the import changed the register (false for a dry run and for a refused file). */
  written: z.boolean(),
  /** Data rows in the file (empty rows are skipped and not counted). */
  rows: z.number().int(),
  /** Assets created, updated or left unchanged; in a dry run, what a real import would do; 0 when refused. */
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Rows with at least one problem. */
  rejected: z.number().int(),
  /** The first problems (at most 1000), in file order; `problemCount` counts them all. */
  problems: z.array(ZImportProblem),
  problemCount: z.number().int(),
  sha256: z.string(),
  filename: z.string().nullable(),
});
export type TAssetImportReport = z.infer<typeof ZAssetImportReport>;
