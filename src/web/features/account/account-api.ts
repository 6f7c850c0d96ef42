/** My account: queries and mutations over the account contracts. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  ZApiTokenList,
  ZCreateApiTokenResponse,
  ZMfaEnrolmentResponse,
  ZRecoveryCodesResponse,
  ZSessionList,
  type TChangePasswordRequest,
  type TCreateApiTokenRequest,
} from '../../../shared/contracts/account.js';
import { ZOk } from '../../../shared/contracts/common.js';
import { apiRequest } from '../../kernel/api-client.js';
import { queryKeys } from '../../kernel/query.js';

export const accountSessionsQuery = queryOptions({
  queryKey: queryKeys.accountSessions,
  queryFn: ({ signal }) => apiRequest('/account/sessions', { schema: ZSessionList, signal }),
});

export const accountTokensQuery = queryOptions({
  queryKey: queryKeys.accountTokens,
  queryFn: ({ signal }) => apiRequest('/account/tokens', { schema: ZApiTokenList, signal }),
});

export function changePassword(body: TChangePasswordRequest) {
  return apiRequest('/account/password', { method: 'POST', body, schema: ZOk });
}

export function startMfaEnrolment() {
  return apiRequest('/account/mfa/enrolment', { method: 'POST', schema: ZMfaEnrolmentResponse });
}

export function confirmMfaEnrolment(body: { code: string }) {
  return apiRequest('/account/mfa/enrolment/confirm', { method: 'POST', body, schema: ZRecoveryCodesResponse });
}

export function disableMfa(body: { password: string; code: string }) {
  return apiRequest('/account/mfa/disable', { method: 'POST', body, schema: ZOk });
}

export function regenerateRecoveryCodes(body: { code: string }) {
  return apiRequest('/account/mfa/recovery-codes', { method: 'POST', body, schema: ZRecoveryCodesResponse });
}

export function createToken(body: TCreateApiTokenRequest) {
  return apiRequest('/account/tokens', { method: 'POST', body, schema: ZCreateApiTokenResponse });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => apiRequest(`/account/sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE', schema: ZOk }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.accountSessions }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => apiRequest(`/account/tokens/${encodeURIComponent(tokenId)}`, { method: 'DELETE', schema: ZOk }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.accountTokens }),
  });
}
