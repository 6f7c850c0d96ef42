/**
 * Choosing a person (a risk's or a task's owner). The organization's people are listed only to roles
 * with member.read; others may choose themselves or keep the person already set (the server checks
 * that an owner is a member of the organization or of its group).
 */
import { Select } from '@mantine/core';
import { IconUser } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { hasPermission, useSession } from '../auth/index.js';
import { membersQuery } from '../organizations/index.js';
import { riskMessages as m } from './messages.js';

export interface PersonOption {
  value: string;
  label: string;
}

/** The people I may choose from: the members (with member.read) or myself, plus any already-known person. */
export function usePeopleOptions(known: readonly { id: string; name: string }[] = []): { options: PersonOption[]; isLimited: boolean; isLoading: boolean } {
  const { orgId, membership } = useCurrentOrg();
  const session = useSession();
  const canList = hasPermission(membership, 'member.read');
  const members = useQuery({ ...membersQuery(orgId, { page: 1, pageSize: 200, sort: 'displayName', direction: 'asc' }), enabled: canList });
  const knownKey = JSON.stringify(known);
  const options = useMemo(() => {
    const byId = new Map<string, string>();
    if (canList) for (const member of members.data?.items ?? []) if (!member.isDisabled) byId.set(member.userId, member.displayName);
    byId.set(session.user.id, byId.get(session.user.id) ?? `${session.user.displayName} (${m.me.toLowerCase()})`);
    for (const person of JSON.parse(knownKey) as { id: string; name: string }[]) if (!byId.has(person.id)) byId.set(person.id, person.name);
    return [...byId].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
  }, [canList, knownKey, members.data, session.user.displayName, session.user.id]);
  return { options, isLimited: !canList, isLoading: canList && members.isPending };
}

export interface MemberSelectProps {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  /** The person currently set, so their name shows even when they are not in the list. */
  current?: { id: string; name: string } | null;
  error?: string;
  description?: string;
  testId?: string;
  required?: boolean;
}

export function MemberSelect({ label, value, onChange, current, error, description, testId, required }: MemberSelectProps) {
  const { options, isLimited } = usePeopleOptions(current ? [current] : []);
  return (
    <Select
      label={label}
      description={description ?? (isLimited ? m.ownerHintLimited : undefined)}
      placeholder={m.ownerPlaceholder}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      clearable
      required={required}
      error={error}
      leftSection={<IconUser size={16} aria-hidden />}
      comboboxProps={{ withinPortal: true }}
      nothingFoundMessage={m.notSet}
      data-testid={testId}
    />
  );
}
