/**
 * An incident's timeline (ISO/IEC 27001:2022 A.5.26, A.5.28: a record of what happened and what was done).
 * Append-only: a correction is a new entry. Status moves, assessments and communications add their own.
 */
import { Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { localDateTimeOf } from '../../../shared/breach-clock.js';
import { ZCreateTimelineEntryRequest, type TIncident } from '../../../shared/contracts/incidents.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { useContractForm } from '../../kernel/form.js';
import { formatDateTime, zoneLabel } from '../../kernel/format.js';
import { ErrorState } from '../../ui/error-state.js';
import { hasPermission } from '../auth/index.js';
import { instantOfLocal } from './incident-form-values.js';
import { addTimelineEntry, incidentKeys, timelineQuery } from './incidents-api.js';
import { IncidentLogSection } from './incident-log-section.js';
import { incidentMessages } from './messages.js';

const m = incidentMessages.timeline;
const label = { textTransform: 'none' as const };
const KIND_COLOR = { action: 'blue', status: 'teal', assessment: 'grape', communication: 'orange', note: 'gray' } as const;

interface EntryValues extends Record<string, unknown> {
  at: string;
  kind: 'action' | 'note';
  text: string;
}

function AddEntryForm({ orgId, incidentId, onChanged }: { orgId: string; incidentId: string; onChanged: () => void }) {
  const { membership } = useCurrentOrg();
  const queryClient = useQueryClient();
  const timeZone = membership.timeZone;
  const empty = (): EntryValues => ({ at: localDateTimeOf(Date.now(), timeZone), kind: 'action', text: '' });
  const form = useContractForm({ initialValues: empty(), schema: ZCreateTimelineEntryRequest, labels: { at: m.at, kind: m.kind, text: m.text }, toRequest: (values) => ({ ...values, at: instantOfLocal(values.at, timeZone) ?? '' }) });
  const submit = form.onSubmit(async (request) => {
    await addTimelineEntry(orgId, incidentId, request);
    await queryClient.invalidateQueries({ queryKey: incidentKeys.child(orgId, incidentId, 'timeline') });
    form.reset(empty());
    notifications.show({ color: 'green', message: m.added });
    onChanged();
  });
  return (
    <Paper withBorder radius="md" p="lg">
      <form onSubmit={submit} noValidate data-testid="timeline-form">
        <Stack gap="md">
          <Title order={2} fz="md">
            {m.addTitle}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} maw={560}>
            <TextInput type="datetime-local" step={60} required {...form.textProps('at')} description={zoneLabel(timeZone)} data-testid="timeline-at" />
            <NativeSelect
              label={m.kind}
              value={form.values.kind}
              data={(['action', 'note'] as const).map((value) => ({ value, label: m.kinds[value] }))}
              error={form.errors.kind}
              onChange={(event) => form.setValue('kind', event.currentTarget.value as EntryValues['kind'])}
              data-testid="timeline-kind"
            />
          </SimpleGrid>
          <Textarea {...form.textProps('text')} required autosize minRows={2} maxRows={10} data-testid="timeline-text" />
          {form.formError ? <ErrorState error={form.formError} /> : null}
          <Group>
            <Button type="submit" loading={form.isSubmitting} data-testid="timeline-add">
              {m.add}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function IncidentTimelineTab({ orgId, incident, onChanged }: { orgId: string; incident: TIncident; onChanged: () => void }) {
  const { membership } = useCurrentOrg();
  const query = useQuery(timelineQuery(orgId, incident.id));
  const canAdd = hasPermission(membership, 'incident.handle') && !incident.archivedAt;
  const timeZone = membership.timeZone;
  return (
    <IncidentLogSection
      testId="incident-timeline"
      description={m.description}
      form={canAdd ? <AddEntryForm orgId={orgId} incidentId={incident.id} onChanged={onChanged} /> : null}
      query={query}
      loadingRows={4}
      empty={m.empty}
      caption={m.caption}
      columns={[m.at, m.kind, m.text, m.by]}
      minWidth={640}
      renderRow={(entry) => (
        <Table.Tr key={entry.id} data-testid="timeline-entry" data-kind={entry.kind}>
          <Table.Td>
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(entry.at, timeZone)}
            </Text>
          </Table.Td>
          <Table.Td>
            <Badge variant="light" color={KIND_COLOR[entry.kind]} styles={{ label }}>
              {m.kinds[entry.kind]}
            </Badge>
          </Table.Td>
          <Table.Td>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {entry.text}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{entry.by?.name ?? m.system}</Text>
          </Table.Td>
        </Table.Tr>
      )}
      footer={incidentMessages.dateInZone(zoneLabel(timeZone))}
    />
  );
}
