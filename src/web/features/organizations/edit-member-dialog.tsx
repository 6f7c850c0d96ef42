/** Change a person's role or access end date (A.5.18 access rights); only what changed is sent. */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { ZUpdateMemberRequest, type TMember } from '../../../shared/contracts/organizations.js';
import { useContractForm } from '../../kernel/form.js';
import { lastDayBefore } from '../../kernel/format.js';
import { queryKeys } from '../../kernel/query.js';
import { ErrorState } from '../../ui/error-state.js';
import { assertEndDate, EndDateField, endDateToInstant, RoleField } from './member-fields.js';
import { organizationMessages as m } from './messages.js';
import { updateMember } from './organizations-api.js';

const LABELS = { role: m.role, expiresAt: m.expiresAt };

function EditMemberForm({ orgId, member, timeZone, onDone }: { orgId: string; member: TMember; timeZone: string; onDone: () => void }) {
  const queryClient = useQueryClient();
  const initialDate = member.expiresAt ? lastDayBefore(member.expiresAt, timeZone) : '';
  const form = useContractForm({
    initialValues: { role: member.role, expiresAt: initialDate },
    schema: ZUpdateMemberRequest,
    labels: LABELS,
    toRequest: (values) => ({
      ...(values.role !== member.role ? { role: values.role } : {}),
      ...(values.expiresAt !== initialDate ? { expiresAt: endDateToInstant(values.expiresAt, timeZone) } : {}),
    }),
  });
  const submit = form.onSubmit(async (request) => {
    assertEndDate(form.values.role, form.values.expiresAt);
    await updateMember(orgId, member.id, request);
    await queryClient.invalidateQueries({ queryKey: queryKeys.members(orgId) });
    notifications.show({ color: 'green', message: m.accessChanged });
    onDone();
  });
  return (
    <form onSubmit={submit} noValidate data-testid="edit-member-form">
      <Stack gap="md">
        <Text size="sm">{member.email}</Text>
        <RoleField value={form.values.role} error={form.errors.role} onChange={(role) => form.setValue('role', role)} />
        <EndDateField value={form.values.expiresAt} error={form.errors.expiresAt} role={form.values.role} onChange={(date) => form.setValue('expiresAt', date)} />
        <Text size="xs" c="dimmed">
          {m.changeRecorded}
        </Text>
        {form.formError ? <ErrorState error={form.formError} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={form.isSubmitting}>
            {m.cancel}
          </Button>
          <Button type="submit" loading={form.isSubmitting} disabled={!form.isDirty} data-testid="member-save">
            {m.saveAccess}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function EditMemberDialog({ orgId, member, timeZone, onClose }: { orgId: string; member: TMember | null; timeZone: string; onClose: () => void }) {
  return (
    <Modal opened={member !== null} onClose={onClose} title={member ? m.changeTitle(member.displayName) : ''} centered>
      {member ? <EditMemberForm key={member.id} orgId={orgId} member={member} timeZone={timeZone} onDone={onClose} /> : null}
    </Modal>
  );
}
