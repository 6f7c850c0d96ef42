/** My account: password, MFA, sessions, API tokens (A.5.17 authentication information; A.8.5). */
import { z } from 'zod';
import { ALL_PERMISSIONS } from '../permissions.js';
import { PASSWORD_MAX_LENGTH } from './auth.js';
import { ZId, ZName } from './common.js';

export const ZChangePasswordRequest = z.object({
  currentPassword: z.string().min(1, { message: 'is required' }).max(PASSWORD_MAX_LENGTH),
  newPassword: z.string().min(1, { message: 'is required' }).max(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters` }),
});
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

export const ZMfaEnrolmentResponse = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrCodeSvg: z.string(),
});
export const ZTotpCode = z.string().trim().regex(/^\d{6}$/, { message: 'must be the 6-digit code from the authenticator app' });
export const ZMfaConfirmRequest = z.object({ code: ZTotpCode });
export const ZRecoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });
export const ZMfaDisableRequest = z.object({
  password: z.string().min(1, { message: 'is required' }).max(PASSWORD_MAX_LENGTH),
  code: ZTotpCode,
});

export const ZSessionItem = z.object({
  id: ZId,
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  authMethod: z.string(),
  isCurrent: z.boolean(),
});
export const ZSessionList = z.object({ items: z.array(ZSessionItem) });
export const ZSessionParams = z.object({ sessionId: ZId });

export const ZApiTokenItem = z.object({
  id: ZId,
  name: z.string(),
  organizationId: ZId,
  organizationName: z.string(),
  prefix: z.string(),
  permissions: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const ZApiTokenList = z.object({ items: z.array(ZApiTokenItem) });
export const ZCreateApiTokenRequest = z.object({
  name: ZName,
  organizationId: ZId,
  permissions: z
    .array(z.enum(ALL_PERMISSIONS as [string, ...string[]]))
    .min(1, { message: 'must name at least one permission' })
    .max(ALL_PERMISSIONS.length),
  expiresInDays: z.number().int().min(1, { message: 'must be at least 1 day' }).max(366, { message: 'must be at most 366 days' }),
});
export type TCreateApiTokenRequest = z.infer<typeof ZCreateApiTokenRequest>;
export const ZCreateApiTokenResponse = z.object({ token: z.string(), item: ZApiTokenItem });
export const ZApiTokenParams = z.object({ tokenId: ZId });
