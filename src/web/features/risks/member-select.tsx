/**
 * Choosing a person (a risk's or a task's owner). The organization's people are listed only to roles
 * with member.read; others may choose themselves or keep the person already set (the server checks
 * that an owner is a member of the organization or of its group).
 */
import { Select } from '@mantine/core';
import { IconUser } from '@tabler/icons-react';
import { usePeopleOptions } from '../organizations/index.js';
import { riskMessages as m } from './messages.js';

export { usePeopleOptions, type PersonOption } from '../organizations/index.js';

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
