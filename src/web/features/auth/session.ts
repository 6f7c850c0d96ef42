/**
 * The signed-in person: who they are, their memberships with the permissions the API grants in each,
 * whether they must enrol MFA, and the CSRF token for mutations. The UI never derives permissions from
 * roles; it reads them from here (and per-object abilities from each resource).
 */
import { queryOptions, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { z } from 'zod';
import { ZSessionResponse, type TSessionResponse } from '../../../shared/contracts/auth.js';
import type { Permission } from '../../../shared/permissions.js';
import { apiRequest, setCsrfToken } from '../../kernel/api-client.js';
import { queryKeys } from '../../kernel/query.js';

export type Membership = TSessionResponse['memberships'][number];

export const sessionQueryOptions = queryOptions({
  queryKey: queryKeys.session,
  queryFn: async ({ signal }) => {
    const session = await apiRequest('/auth/session', { schema: ZSessionResponse, signal });
    setCsrfToken(session.csrfToken);
    return session;
  },
  staleTime: 60_000,
});

/** Only inside the signed-in area (its route loaded the session before rendering). */
export function useSession(): TSessionResponse {
  return useSuspenseQuery(sessionQueryOptions).data;
}

export function hasPermission(membership: Membership | undefined, permission: Permission): boolean {
  return Boolean(membership?.permissions.includes(permission));
}

const LAST_ORG_KEY = 'custos.lastOrganizationId';

export function rememberOrganization(orgId: string): void {
  try {
    window.localStorage.setItem(LAST_ORG_KEY, orgId);
  } catch {
    // Storage can be disabled by policy on hospital workstations; the default org is then used.
  }
}

/** Memberships in display order: each group followed by its sites, alphabetically. */
export function orderedMemberships(memberships: readonly Membership[]): { membership: Membership; depth: number }[] {
  const ids = new Set(memberships.map((m) => m.organizationId));
  const byName = (a: Membership, b: Membership) => a.organizationName.localeCompare(b.organizationName);
  const roots = memberships.filter((m) => !m.parentId || !ids.has(m.parentId)).sort(byName);
  const result: { membership: Membership; depth: number }[] = [];
  const visit = (membership: Membership, depth: number) => {
    result.push({ membership, depth });
    memberships
      .filter((m) => m.parentId === membership.organizationId)
      .sort(byName)
      .forEach((child) => visit(child, depth + 1));
  };
  roots.forEach((root) => visit(root, 0));
  return result;
}

/** The organization to open: the last one used if still accessible, else the first group. */
export function defaultOrganizationId(session: TSessionResponse): string | null {
  let last: string | null = null;
  try {
    last = window.localStorage.getItem(LAST_ORG_KEY);
  } catch {
    last = null;
  }
  if (last && session.memberships.some((m) => m.organizationId === last)) return last;
  return orderedMemberships(session.memberships)[0]?.membership.organizationId ?? null;
}

const ZOk = z.object({ ok: z.literal(true) });

/**
 * Signs out, leaves the signed-in area, then wipes every cached answer (shared workstations: nothing
 * stays in memory). The cache is cleared only after leaving, so no open page refetches as anonymous.
 */
export function useSignOut(): (leave: () => Promise<unknown>) => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(
    async (leave) => {
      try {
        await apiRequest('/auth/logout', { method: 'POST', schema: ZOk });
      } finally {
        await leave();
        setCsrfToken(null);
        queryClient.clear();
      }
    },
    [queryClient],
  );
}
