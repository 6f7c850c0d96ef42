/** Add a person: an existing account gets the role; a new one is created with a temporary password shown once. */
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ZAddMemberRequest } from '../../../shared/contracts/organizations.js';
import type { Role } from '../../../shared/permissions.js';
import { useContractForm } from '../../kernel/form.js';
import { queryKeys } from '../../kernel/query.js';
import { ErrorState } from '../../ui/error-state.js';
import { SecretReveal } from '../../ui/secret-reveal.js';
import { assertEndDate, EndDateField, endDateToInstant, RoleField } from './member-fields.js';
import { organizationMessages as m } from './messages.js';
import { addMember } from './organizations-api.js';

const LABELS = { email: m.email, displayName: m.displayName, role: m.role, expiresAt: m.expiresAt };

interface Added {
  email: string;
  temporaryPassword: string | null;
}

function AddMemberForm({ orgId, timeZone, onAdded, onCancel }: { orgId: string; timeZone: string; onAdded: (added: Added) => void; onCancel: () => void }) {
  const queryClient = useQueryClient();
  const form = useContractForm({
    initialValues: { email: '', displayName: '', role: 'staff' as Role, expiresAt: '' },
    schema: ZAddMemberRequest,
    labels: LABELS,
    toRequest: (values) => ({
      email: values.email,
      displayName: values.displayName.trim() === '' ? undefined : values.displayName,
      role: values.role,
      expiresAt: endDateToInstant(values.expiresAt, timeZone),
    }),
  });
  const submit = form.onSubmit(async (request) => {
    assertEndDate(request.role, form.values.expiresAt);
    const result = await addMember(orgId, request);
    await queryClient.invalidateQueries({ queryKey: queryKeys.members(orgId) });
    onAdded({ email: result.member.email, temporaryPassword: result.temporaryPassword });
  });
  return (
    <form onSubmit={submit} noValidate data-testid="add-member-form">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {m.addPersonIntro}
        </Text>
        <TextInput {...form.textProps('email')} type="email" required data-autofocus data-testid="member-email" />
        <TextInput {...form.textProps('displayName')} description={m.displayNameHint} data-testid="member-name" />
        <RoleField value={form.values.role} error={form.errors.role} onChange={(role) => form.setValue('role', role)} />
        <EndDateField value={form.values.expiresAt} error={form.errors.expiresAt} role={form.values.role} onChange={(date) => form.setValue('expiresAt', date)} />
        {form.formError ? <ErrorState error={form.formError} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={form.isSubmitting}>
            {m.cancel}
          </Button>
          <Button type="submit" loading={form.isSubmitting} data-testid="member-add-submit">
            {m.add}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AddMemberDialog({ orgId, timeZone, opened, onClose }: { orgId: string; timeZone: string; opened: boolean; onClose: () => void }) {
  const [added, setAdded] = useState<Added | null>(null);
  const close = () => {
    setAdded(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={m.addPersonTitle} centered size="lg">
      {added ? (
        <Stack gap="md" data-testid="member-added">
          {added.temporaryPassword ? (
            <SecretReveal
              title={`${m.temporaryPassword}: ${added.email}`}
              value={added.temporaryPassword}
              copyLabel={m.copyPassword}
              hint={m.temporaryPasswordHint}
              testId="member-temporary-password"
            />
          ) : (
            <Alert variant="light" color="blue">
              {m.addedExisting(added.email)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button onClick={close} data-testid="member-added-done">
              {m.done}
            </Button>
          </Group>
        </Stack>
      ) : opened ? (
        <AddMemberForm orgId={orgId} timeZone={timeZone} onAdded={setAdded} onCancel={close} />
      ) : null}
    </Modal>
  );
}
