/**
 * Frameworks catalogue, requirements and crosswalk (ISO/IEC 27001:2022 6.1.3 c: compare controls with
 * Annex A; 45 CFR 164.306(d): required and addressable implementation specifications; GDPR Art. 32),
 * and OSCAL catalog import. The catalogue is read-only to organizations; imported frameworks are theirs.
 */
import { z } from 'zod';
import { ZIsoInstant, ZOrgParams, ZPageQuery, ZSlug } from './common.js';

const FRAMEWORK_ORIGINS = ['builtin', 'oscal'] as const;
export const REQUIREMENT_KINDS = ['clause', 'control', 'group', 'standard', 'implementation_specification', 'article', 'section', 'enhancement'] as const;
export const REQUIREMENT_KIND_LABELS: Record<(typeof REQUIREMENT_KINDS)[number], string> = {
  clause: 'Clause',
  control: 'Control',
  group: 'Group',
  standard: 'Standard',
  implementation_specification: 'Implementation specification',
  article: 'Article',
  section: 'Section',
  enhancement: 'Control enhancement',
};
const OBLIGATIONS = ['required', 'addressable'] as const;

/**
 * Crosswalk sources, and what each is worth (the UI and the CSV export must say which is which):
 * - `nist_sp800_66r2`: NIST SP 800-66r2's mapping of HIPAA Security Rule rows to SP 800-53r5. The only
 *   official NIST mapping.
 * - `nist_olir`: derived by Custos, not published by NIST: HIPAA → SP 800-53r5 (SP 800-66r2) chained with
 *   SP 800-53r5 → ISO/IEC 27001:2022 (NIST OLIR); strength is the number of 800-53 controls in common. There
 *   is no official HIPAA ↔ ISO/IEC 27001 mapping, and the chain over-approximates.
 * - `custos`: Custos editorial judgement.
 */
export const LINK_SOURCES = ['nist_sp800_66r2', 'nist_olir', 'custos'] as const;
export type LinkSource = (typeof LINK_SOURCES)[number];
export type LinkProvenance = 'official' | 'derived' | 'editorial';
export const LINK_SOURCE_PROVENANCE: Record<LinkSource, LinkProvenance> = {
  nist_sp800_66r2: 'official',
  nist_olir: 'derived',
  custos: 'editorial',
};
/** Whether links of this source are an official NIST mapping (`official` in the API and the CSV export). */
export function isOfficialLinkSource(source: LinkSource): boolean {
  return LINK_SOURCE_PROVENANCE[source] === 'official';
}
const LINK_STRENGTHS = ['strong', 'moderate', 'weak'] as const;

/**
 * A framework id, wherever one is taken (path or query): a built-in key (`iso27001-2022`,
 * `nist-sp800-53-r5`) or an imported framework's UUID (lower-case, as the server makes them).
 */
export const ZFrameworkId = z
  .string()
  .trim()
  .min(1, { message: 'is required' })
  .max(64, { message: 'must be at most 64 characters' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'must be a framework id' });
/** A requirement id: `<frameworkId>:<ref>` (e.g. `hipaa-security-rule:164.308(a)(1)(ii)(A)`). */
const ZRequirementId = z
  .string()
  .min(3, { message: 'is required' })
  .max(300, { message: 'must be at most 300 characters' })
  .regex(/^[a-z0-9-]+:[^\p{Cc}]+$/u, { message: 'must be a requirement id (<frameworkId>:<ref>)' });

export const ZFrameworkParams = ZOrgParams.extend({ frameworkId: ZFrameworkId });
export const ZRequirementParams = ZOrgParams.extend({ requirementId: ZRequirementId });

export const ZFramework = z
  .object({
    id: z.string(),
    organizationId: z.string().nullable(),
    key: z.string(),
    name: z.string(),
    shortName: z.string(),
    version: z.string(),
    origin: z.enum(FRAMEWORK_ORIGINS),
    publisher: z.string().nullable(),
    description: z.string().nullable(),
    source: z.string().nullable(),
    catalogVersion: z.string(),
    sourceSha256: z.string().nullable(),
    requirementCount: z.number().int(),
    assessableCount: z.number().int(),
    linkCount: z.number().int(),
    createdAt: z.string(),
    abilities: z.object({ delete: z.boolean() }),
  })
  .meta({ id: 'Framework' });
export type TFramework = z.infer<typeof ZFramework>;
export const ZFrameworkList = z.object({ items: z.array(ZFramework) });

/** A requirement as a row of a tree or list (no long text). */
const ZRequirementSummary = z
  .object({
    id: z.string(),
    frameworkId: z.string(),
    parentId: z.string().nullable(),
    ref: z.string(),
    kind: z.string(),
    title: z.string(),
    obligation: z.enum(OBLIGATIONS).nullable(),
    theme: z.string().nullable(),
    assessable: z.boolean(),
    depth: z.number().int(),
    childCount: z.number().int(),
  })
  .meta({ id: 'RequirementSummary' });
export type TRequirementSummary = z.infer<typeof ZRequirementSummary>;

const optionalFilter = (max: number) => z.string().trim().max(max, { message: `must be at most ${max} characters` }).optional();

export const ZRequirementListQuery = ZPageQuery.extend({
  pageSize: z.coerce.number().int().min(1).max(2000).default(100),
  q: optionalFilter(200),
  kind: z.enum(REQUIREMENT_KINDS).optional(),
  theme: optionalFilter(200),
  /** `root` for top-level rows; a requirement id for its children. */
  parentId: optionalFilter(300),
  assessable: z.enum(['true', 'false']).optional(),
});
export type TRequirementListQuery = z.infer<typeof ZRequirementListQuery>;

export const ZRequirementPage = z.object({
  items: z.array(ZRequirementSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  themes: z.array(z.string()),
});

const ZCrosswalkLink = z
  .object({
    /** `outgoing`: this requirement maps to the other; `incoming`: the other maps to this one. */
    direction: z.enum(['outgoing', 'incoming']),
    source: z.enum(LINK_SOURCES),
    official: z.boolean(),
    strength: z.enum(LINK_STRENGTHS),
    note: z.string().nullable(),
    requirement: ZRequirementSummary.extend({ frameworkShortName: z.string() }),
  })
  .meta({ id: 'CrosswalkLink' });
export type TCrosswalkLink = z.infer<typeof ZCrosswalkLink>;

export const ZRequirementDetail = ZRequirementSummary.extend({
  text: z.string().nullable(),
  guidance: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  framework: z.object({ id: z.string(), name: z.string(), shortName: z.string(), origin: z.enum(FRAMEWORK_ORIGINS) }),
  path: z.array(ZRequirementSummary),
  children: z.array(ZRequirementSummary),
  links: z.array(ZCrosswalkLink),
}).meta({ id: 'RequirementDetail' });
export type TRequirementDetail = z.infer<typeof ZRequirementDetail>;

export const ZOscalImportQuery = z.object({
  /** Stable key of the framework (default: from the catalog title); key + version must be new. */
  key: ZSlug.optional(),
  filename: z.string().trim().max(255, { message: 'must be at most 255 characters' }).optional(),
});

export const ZOscalImportResult = z.object({
  framework: ZFramework,
  requirements: z.number().int(),
  withdrawnSkipped: z.number().int(),
});

export const ZFrameworkDeleted = z.object({ ok: z.literal(true), deletedRequirements: z.number().int(), at: ZIsoInstant });
