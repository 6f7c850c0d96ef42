/** Organizations (a group and its sites) and memberships (ISO/IEC 27001:2022 4.3 scope; 5.3 roles). */
import { z } from 'zod';
import { ROLES } from '../permissions.js';
import { ZEmail, ZId, ZIsoInstant, ZName, ZPageQuery, ZSlug, ZSortDirection } from './common.js';

export const ORG_KINDS = ['group', 'hospital', 'clinic', 'site'] as const;

export const ZTimeZone = z
  .string()
  .trim()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, { message: 'must be an IANA time zone such as Europe/Berlin' });

export const ZOrganization = z.object({
  id: ZId,
  slug: z.string(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  parentId: ZId.nullable(),
  parentName: z.string().nullable(),
  timeZone: z.string(),
  mfaRequired: z.boolean(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  sites: z.array(z.object({ id: ZId, name: z.string(), slug: z.string(), kind: z.enum(ORG_KINDS) })),
  abilities: z.object({ update: z.boolean(), createSite: z.boolean(), manageMembers: z.boolean() }),
});
export type TOrganization = z.infer<typeof ZOrganization>;

export const ZOrganizationList = z.object({
  items: z.array(ZOrganization.pick({ id: true, slug: true, name: true, kind: true, parentId: true })),
});

export const ZUpdateOrganizationRequest = z
  .object({ name: ZName, timeZone: ZTimeZone, mfaRequired: z.boolean() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' });
export type TUpdateOrganizationRequest = z.infer<typeof ZUpdateOrganizationRequest>;

export const ZCreateSiteRequest = z.object({
  name: ZName,
  slug: ZSlug,
  kind: z.enum(['hospital', 'clinic', 'site']),
  timeZone: ZTimeZone.optional(),
});
export type TCreateSiteRequest = z.infer<typeof ZCreateSiteRequest>;

export const ZMember = z.object({
  id: ZId,
  userId: ZId,
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  expiresAt: z.string().nullable(),
  isExpired: z.boolean(),
  isDisabled: z.boolean(),
  mfaEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  abilities: z.object({ update: z.boolean(), remove: z.boolean() }),
});
export type TMember = z.infer<typeof ZMember>;

export const MEMBER_SORT_FIELDS = ['displayName', 'email', 'role', 'createdAt', 'lastLoginAt'] as const;
export const ZMemberListQuery = ZPageQuery.extend({
  q: z.string().trim().max(200).optional(),
  role: z.enum(ROLES).optional(),
  sort: z.enum(MEMBER_SORT_FIELDS).default('displayName'),
  direction: ZSortDirection.default('asc'),
});
export type TMemberListQuery = z.infer<typeof ZMemberListQuery>;

export const ZAddMemberRequest = z.object({
  email: ZEmail,
  displayName: ZName.optional(),
  role: z.enum(ROLES),
  expiresAt: ZIsoInstant.nullable().optional(),
});
export type TAddMemberRequest = z.infer<typeof ZAddMemberRequest>;
export const ZAddMemberResponse = z.object({
  member: ZMember,
  /** Set only when a new account was created: shown once, never stored in plain text. */
  temporaryPassword: z.string().nullable(),
});

export const ZUpdateMemberRequest = z
  .object({ role: z.enum(ROLES), expiresAt: ZIsoInstant.nullable() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' });
export type TUpdateMemberRequest = z.infer<typeof ZUpdateMemberRequest>;
export const ZMemberParams = z.object({ orgId: ZId, membershipId: ZId });
