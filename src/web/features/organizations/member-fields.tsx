/** Role and end-date fields shared by "Add person" and "Change access". */
import { NativeSelect, Text, TextInput } from '@mantine/core';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, ROLES_REQUIRING_END_DATE, type Role } from '../../../shared/permissions.js';
import { ApiError } from '../../kernel/api-client.js';
import { dayBoundary } from '../../kernel/format.js';
import { organizationMessages as m } from './messages.js';

export function RoleField({ value, error, onChange }: { value: Role; error?: string; onChange: (role: Role) => void }) {
  return (
    <NativeSelect
      label={m.role}
      required
      value={value}
      error={error}
      description={ROLE_DESCRIPTIONS[value]}
      data={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
      onChange={(event) => onChange(event.currentTarget.value as Role)}
      data-testid="member-role"
    />
  );
}

export function EndDateField({ value, error, role, onChange }: { value: string; error?: string; role: Role; onChange: (date: string) => void }) {
  const isRequired = ROLES_REQUIRING_END_DATE.includes(role);
  return (
    <TextInput
      type="date"
      label={m.expiresAt}
      required={isRequired}
      description={
        <>
          {m.expiresAtHint}
          {isRequired ? (
            <Text span size="xs" display="block" fw={600}>
              {m.expiresAtRequired}
            </Text>
          ) : null}
        </>
      }
      value={value}
      error={error}
      onChange={(event) => onChange(event.currentTarget.value)}
      w={260}
      data-testid="member-expires"
    />
  );
}

/** Access ends at the start of the day after the chosen date, in the organization's zone. */
export function endDateToInstant(date: string, timeZone: string): string | null {
  return date ? dayBoundary(date, timeZone, 'end') : null;
}

/** Refuses a missing end date for time-boxed roles before asking the API (which refuses it too). */
export function assertEndDate(role: Role, date: string): void {
  if (ROLES_REQUIRING_END_DATE.includes(role) && !date) {
    throw new ApiError({ code: 'validation_failed', message: m.expiresAtRequired, status: 400, requestId: null, issues: [{ path: 'body.expiresAt', message: 'is required for this role' }] });
  }
}
