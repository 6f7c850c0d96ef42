/** Sign-in contracts (A.8.5 secure authentication; 45 CFR 164.312(d)). */
import { z } from 'zod';
import { ROLES, ALL_PERMISSIONS } from '../permissions.js';
import { ZId } from './common.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export const ZLoginRequest = z.object({
  email: z.string().trim().min(1, { message: 'is required' }).max(254, { message: 'must be at most 254 characters' }),
  password: z.string().min(1, { message: 'is required' }).max(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters` }),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZMfaRequest = z.object({
  challengeId: z.string().min(16).max(128),
  code: z
    .string()
    .trim()
    .min(6, { message: 'must be a 6-digit code or a recovery code' })
    .max(32, { message: 'must be a 6-digit code or a recovery code' }),
});
export type TMfaRequest = z.infer<typeof ZMfaRequest>;

export const ZUserSummary = z.object({
  id: ZId,
  email: z.string(),
  displayName: z.string(),
  mfaEnabled: z.boolean(),
});
export type TUserSummary = z.infer<typeof ZUserSummary>;

export const ZMembershipSummary = z.object({
  organizationId: ZId,
  organizationName: z.string(),
  organizationSlug: z.string(),
  parentId: ZId.nullable(),
  role: z.enum(ROLES),
  expiresAt: z.string().nullable(),
  mfaRequired: z.boolean(),
  timeZone: z.string(),
  permissions: z.array(z.enum(ALL_PERMISSIONS as [string, ...string[]])),
});

export const ZLoginResponse = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), user: ZUserSummary, csrfToken: z.string() }),
  z.object({ status: z.literal('mfa_required'), challengeId: z.string() }),
]);
export type TLoginResponse = z.infer<typeof ZLoginResponse>;

export const ZSessionResponse = z.object({
  user: ZUserSummary,
  csrfToken: z.string(),
  memberships: z.array(ZMembershipSummary),
  /** True when some organization of the user requires MFA and the user has not enrolled. */
  mustEnrolMfa: z.boolean(),
  isDemo: z.boolean(),
  session: z.object({ idleTimeoutSeconds: z.number().int(), expiresAt: z.string() }),
});
export type TSessionResponse = z.infer<typeof ZSessionResponse>;
