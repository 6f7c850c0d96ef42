/**
 * Follow-up actions of an incident (ISO/IEC 27001:2022 A.5.27, 10.2: corrective action from lessons
 * learned): each with an owner, a due date and a status; overdue ones say so in words and colour.
 */
import { Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconClockExclamation } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ACTION_STATUSES, ZCreateIncidentActionRequest, type TIncident, type TIncidentAction } from '../../../shared/contracts/incidents.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { useContractForm } from '../../kernel/form.js';
import { formatDate } from '../../kernel/format.js';
import { ErrorState } from '../../ui/error-state.js';
import { hasPermission } from '../auth/index.js';
import { MemberPicker } from './incident-form-pickers.js';
import { actionsQuery, createAction, incidentKeys, updateAction } from './incidents-api.js';
import { IncidentLogSection } from './incident-log-section.js';
import { incidentMessages } from './messages.js';

const m = incidentMessages.actions;
type ActionStatus = (typeof ACTION_STATUSES)[number];

interface ActionValues extends Record<string, unknown> {
  title: string;
  ownerUserId: string;
  dueOn: string;
  status: ActionStatus;
}

const EMPTY: ActionValues = { title: '', ownerUserId: '', dueOn: '', status: 'todo' };
const LABELS = { title: m.actionTitle, ownerUserId: m.owner, dueOn: m.dueOn, status: m.status };

function AddActionForm({ orgId, incidentId, onChanged }: { orgId: string; incidentId: string; onChanged: () => void }) {
  const queryClient = useQueryClient();
  const form = useContractForm({ initialValues: EMPTY, schema: ZCreateIncidentActionRequest, labels: LABELS, toRequest: (values) => ({ ...values, ownerUserId: values.ownerUserId || null, dueOn: values.dueOn || null }) });
  const submit = form.onSubmit(async (request) => {
    await createAction(orgId, incidentId, request);
    await queryClient.invalidateQueries({ queryKey: incidentKeys.child(orgId, incidentId, 'actions') });
    form.reset(EMPTY);
    notifications.show({ color: 'green', message: m.added });
    onChanged();
  });
  return (
    <Paper withBorder radius="md" p="lg">
      <form onSubmit={submit} noValidate data-testid="action-form">
        <Stack gap="md">
          <Title order={2} fz="md">
            {m.addTitle}
          </Title>
          <TextInput {...form.textProps('title')} required maxLength={200} data-testid="action-title" />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <MemberPicker label={m.owner} value={form.values.ownerUserId || null} onChange={(id) => form.setValue('ownerUserId', id ?? '')} error={form.errors.ownerUserId} testId="action-owner" />
            <TextInput type="date" {...form.textProps('dueOn')} data-testid="action-due" />
            <NativeSelect label={m.status} value={form.values.status} data={ACTION_STATUSES.map((value) => ({ value, label: incidentMessages.actionStatuses[value] }))} onChange={(event) => form.setValue('status', event.currentTarget.value as ActionStatus)} data-testid="action-status" />
          </SimpleGrid>
          {form.formError ? <ErrorState error={form.formError} /> : null}
          <Group>
            <Button type="submit" loading={form.isSubmitting} data-testid="action-add">
              {m.add}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function StatusCell({ orgId, incidentId, action, canEdit, onChanged }: { orgId: string; incidentId: string; action: TIncidentAction; canEdit: boolean; onChanged: () => void }) {
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (status: ActionStatus) => updateAction(orgId, incidentId, action.id, { status }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: incidentKeys.child(orgId, incidentId, 'actions') });
      notifications.show({ color: 'green', message: m.updated });
      onChanged();
    },
  });
  if (!canEdit) return <Text size="sm">{incidentMessages.actionStatuses[action.status]}</Text>;
  return (
    <Stack gap={4}>
      <NativeSelect
        aria-label={m.statusOf(action.title)}
        size="xs"
        value={action.status}
        disabled={change.isPending}
        data={ACTION_STATUSES.map((value) => ({ value, label: incidentMessages.actionStatuses[value] }))}
        onChange={(event) => change.mutate(event.currentTarget.value as ActionStatus)}
        w={140}
        data-testid="action-row-status"
      />
      {change.error ? <ErrorState error={change.error} /> : null}
    </Stack>
  );
}

export function IncidentActionsTab({ orgId, incident, onChanged }: { orgId: string; incident: TIncident; onChanged: () => void }) {
  const { membership } = useCurrentOrg();
  const query = useQuery(actionsQuery(orgId, incident.id));
  const canEdit = hasPermission(membership, 'incident.handle') && !incident.archivedAt;
  const timeZone = membership.timeZone;
  return (
    <IncidentLogSection
      testId="incident-actions"
      description={m.description}
      form={canEdit ? <AddActionForm orgId={orgId} incidentId={incident.id} onChanged={onChanged} /> : null}
      query={query}
      loadingRows={3}
      empty={m.empty}
      caption={m.caption}
      columns={[m.actionTitle, m.owner, m.dueOn, m.status]}
      minWidth={680}
      renderRow={(action) => (
        <Table.Tr key={action.id} data-testid="action-row" data-overdue={action.overdue ? 'true' : 'false'} style={action.overdue ? { backgroundColor: 'var(--mantine-color-red-0)' } : undefined}>
          <Table.Td>
            <Text size="sm" fw={600}>
              {action.title}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm" c={action.owner ? undefined : 'dimmed'}>
              {action.owner?.name ?? incidentMessages.nobody}
            </Text>
          </Table.Td>
          <Table.Td>
            <Group gap={6} wrap="nowrap">
              <Text size="sm" c={action.overdue ? 'red.9' : undefined} fw={action.overdue ? 700 : undefined} style={{ whiteSpace: 'nowrap' }}>
                {action.dueOn ? formatDate(`${action.dueOn}T12:00:00Z`, 'UTC') : incidentMessages.notSet}
              </Text>
              {action.overdue ? (
                <Badge color="red" variant="filled" styles={{ label: { textTransform: 'none' } }} leftSection={<IconClockExclamation size={12} aria-hidden />} data-testid="action-overdue">
                  {m.overdue}
                </Badge>
              ) : null}
            </Group>
          </Table.Td>
          <Table.Td>
            <StatusCell orgId={orgId} incidentId={incident.id} action={action} canEdit={canEdit} onChanged={onChanged} />
          </Table.Td>
        </Table.Tr>
      )}
      footer={incidentMessages.dateInZone(timeZone)}
    />
  );
}
