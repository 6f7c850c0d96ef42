/**
 * The people a form may name (an owner, a handler, an assignee): the organization's members for roles with
 * member.read; others may choose themselves or keep a person already set (the server checks that the person
 * is a member). Shared by every feature that assigns people.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { hasPermission, useSession } from '../auth/index.js';
import { organizationMessages } from './messages.js';
import { membersQuery } from './organizations-api.js';

export interface PersonOption {
  value: string;
  label: string;
}

/** The people I may choose from: the members (with member.read) or myself, plus any already-known person; by name. */
export function usePeopleOptions(known: readonly ({ id: string; name: string } | null)[] = []): { options: PersonOption[]; isLimited: boolean; isLoading: boolean } {
  const { orgId, membership } = useCurrentOrg();
  const session = useSession();
  const canList = hasPermission(membership, 'member.read');
  const members = useQuery({ ...membersQuery(orgId, { page: 1, pageSize: 200, sort: 'displayName', direction: 'asc' }), enabled: canList });
  const knownKey = JSON.stringify(known.filter(Boolean));
  const options = useMemo(() => {
    const byId = new Map<string, string>();
    if (canList) for (const member of members.data?.items ?? []) if (!member.isDisabled) byId.set(member.userId, member.displayName);
    byId.set(session.user.id, byId.get(session.user.id) ?? organizationMessages.personPicker.meSuffix(session.user.displayName));
    for (const person of JSON.parse(knownKey) as { id: string; name: string }[]) if (!byId.has(person.id)) byId.set(person.id, person.name);
    return [...byId].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
  }, [canList, knownKey, members.data, session.user.displayName, session.user.id]);
  return { options, isLimited: !canList, isLoading: canList && members.isPending };
}
