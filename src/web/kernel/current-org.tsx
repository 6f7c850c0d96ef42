/**
 * The organization in view (its id lives in the URL: /o/:orgId/...) and my membership in it, as the
 * session reported it. Pages read permissions from here and per-object abilities from the resource.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { TSessionResponse } from '../../shared/contracts/auth.js';

export type CurrentMembership = TSessionResponse['memberships'][number];

interface CurrentOrg {
  orgId: string;
  membership: CurrentMembership;
}

const CurrentOrgContext = createContext<CurrentOrg | null>(null);

export function CurrentOrgProvider({ value, children }: { value: CurrentOrg; children: ReactNode }) {
  return <CurrentOrgContext.Provider value={value}>{children}</CurrentOrgContext.Provider>;
}

export function useCurrentOrg(): CurrentOrg {
  const value = useContext(CurrentOrgContext);
  if (!value) throw new Error('useCurrentOrg: used outside an organization route');
  return value;
}
