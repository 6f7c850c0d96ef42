/**
 * Server state: one QueryClient for the app. Client errors (4xx) are never retried; an expired or
 * revoked session anywhere sends the person back to sign-in once, keeping where they were.
 */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client.js';

export function createQueryClient(options: { onUnauthenticated: () => void }): QueryClient {
  const handle = (error: unknown) => {
    if (isApiError(error) && error.code === 'unauthenticated') options.onUnauthenticated();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: handle }),
    mutationCache: new MutationCache({ onError: handle }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => {
          if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
      },
      mutations: { retry: false },
    },
  });
}

/**
 * Keeps the rows on screen while the next page or filter loads, but never across organizations: the
 * previous organization's data must not appear under another organization's name.
 */
export function keepPreviousOfSameOrg(orgId: string) {
  return <T>(previous: T | undefined, previousQuery?: { queryKey: readonly unknown[] }): T | undefined => (previousQuery?.queryKey[1] === orgId ? previous : undefined);
}

/** Query keys in one place, so a mutation invalidates exactly what it changed. */
export const queryKeys = {
  session: ['session'] as const,
  organizations: ['organizations'] as const,
  organization: (orgId: string) => ['organizations', orgId] as const,
  members: (orgId: string) => ['organizations', orgId, 'members'] as const,
  auditEvents: (orgId: string) => ['organizations', orgId, 'audit-events'] as const,
  auditVerify: (orgId: string) => ['organizations', orgId, 'audit-verify'] as const,
  accountSessions: ['account', 'sessions'] as const,
  accountTokens: ['account', 'tokens'] as const,
};
