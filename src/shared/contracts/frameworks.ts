/**
 * Frameworks catalogue, requirements and crosswalk (ISO/IEC 27001:2022 6.1.3 c: compare controls with
 * Annex A; 45 CFR 164.306(d): required and addressable implementation specifications; GDPR Art. 32),
 * and OSCAL catalog import. The catalogue is read-only to organizations; imported frameworks are theirs.
 */
import { z } from 'zod';
import { ZIsoInstant, ZPageQuery, ZSlug } from './common.js';

export const FRAMEWORK_ORIGINS = ['builtin', 'oscal'] as const;
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
export const OBLIGATIONS = ['required', 'addressable'] as const;

/**
 * Crosswalk sources: two official NIST mappings and our own editorial judgement. The UI must say which
 * is which (there is no official HIPAA ↔ ISO 27001 mapping; the NIST OLIR path over-approximates).
 */
export const LINK_SOURCES = ['nist_sp800_66r2', 'nist_olir', 'custos'] as const;
export type LinkSource = (typeof LINK_SOURCES)[number];
export const LINK_SOURCE_LABELS: Record<LinkSource, string> = {
  nist_sp800_66r2: 'NIST SP 800-66r2 (HIPAA → SP 800-53r5)',
  nist_olir: 'NIST OLIR via SP 800-53r5 (HIPAA → ISO/IEC 27001:2022)',
  custos: 'Custos editorial judgement',
};
export const OFFICIAL_LINK_SOURCES: readonly LinkSource[] = ['nist_sp800_66r2', 'nist_olir'];
export const LINK_STRENGTHS = ['strong', 'moderate', 'weak'] as const;

/** A framework id: a built-in slug (`iso27001-2022`) or an imported framework's UUID. */
export const ZFrameworkId = z
  .string()
  .min(1, { message: 'is required' })
  .max(64, { message: 'must be at most 64 characters' })
  .regex(/^[a-z0-9-]+$/, { message: 'must be a framework id' });
/** A requirement id: `<frameworkId>:<ref>` (e.g. `hipaa-security-rule:164.308(a)(1)(ii)(A)`). */
export const ZRequirementId = z
  .string()
  .min(3, { message: 'is required' })
  .max(300, { message: 'must be at most 300 characters' })
  .regex(/^[a-z0-9-]+:[^\p{Cc}]+$/u, { message: 'must be a requirement id (<frameworkId>:<ref>)' });

export const ZFrameworkParams = z.object({ orgId: z.uuid({ message: 'must be a UUID' }), frameworkId: ZFrameworkId });
export const ZRequirementParams = z.object({ orgId: z.uuid({ message: 'must be a UUID' }), requirementId: ZRequirementId });

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
export const ZRequirementSummary = z
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

export const ZCrosswalkLink = z
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
export type TOscalImportQuery = z.infer<typeof ZOscalImportQuery>;

export const ZOscalImportResult = z.object({
  framework: ZFramework,
  requirements: z.number().int(),
  withdrawnSkipped: z.number().int(),
});

export const ZFrameworkDeleted = z.object({ ok: z.literal(true), deletedRequirements: z.number().int(), at: ZIsoInstant });
