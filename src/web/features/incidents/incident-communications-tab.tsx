/**
 * An incident's communications log (ISO/IEC 27001:2022 A.5.26; 45 CFR 164.404–164.410, 164.530(j); GDPR
 * Arts. 33–34): to whom, how, when and what was said. Append-only. A communication may fulfil one of the
 * incident's open, required notification obligations; recording that is legally significant, so it asks
 * first and says what will be recorded.
 */
import { Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { localDateTimeOf } from '../../../shared/breach-clock.js';
import { COMMUNICATION_CHANNELS, COMMUNICATION_RECIPIENTS, ZCreateCommunicationRequest, type TCreateCommunicationRequest, type TIncident, type TIncidentObligation } from '../../../shared/contracts/incidents.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { useContractForm } from '../../kernel/form.js';
import { formatDateTime, zoneLabel } from '../../kernel/format.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { ErrorState } from '../../ui/error-state.js';
import { hasPermission } from '../auth/index.js';
import { instantOfLocal } from './incident-form-values.js';
import { communicationsQuery, invalidateIncidents, obligationsQuery, recordCommunication } from './incidents-api.js';
import { IncidentLogSection } from './incident-log-section.js';
import { incidentMessages } from './messages.js';

const m = incidentMessages.communications;

type Recipient = (typeof COMMUNICATION_RECIPIENTS)[number];
type Channel = (typeof COMMUNICATION_CHANNELS)[number];

interface CommunicationValues extends Record<string, unknown> {
  recipient: Recipient;
  recipientName: string;
  channel: Channel;
  sentAt: string;
  summary: string;
  /** '' = none. */
  obligationId: string;
}

const LABELS = { recipient: m.recipient, recipientName: m.recipientName, channel: m.channel, sentAt: m.sentAt, summary: m.summary, obligationId: m.obligation };

/** Obligations a communication may still fulfil: required and not done. */
export function openObligations(obligations: readonly TIncidentObligation[]): TIncidentObligation[] {
  return obligations.filter((item) => item.required && (item.status === 'pending' || item.status === 'overdue'));
}

/** The recipient a notification obligation is addressed to, to pre-fill the form. */
export function recipientOfObligation(obligationId: string): Recipient {
  if (obligationId === 'hipaa.hhs' || obligationId === 'hipaa.hhs_annual_log') return 'hhs';
  if (obligationId.startsWith('hipaa.media.')) return 'media';
  if (obligationId === 'hipaa.ba_to_ce') return 'covered_entity';
  if (obligationId === 'gdpr.supervisory_authority') return 'supervisory_authority';
  if (obligationId === 'gdpr.processor_to_controller') return 'controller';
  return 'individuals';
}

function RecordForm({ orgId, incident, onChanged, preselect }: { orgId: string; incident: TIncident; onChanged: () => void; preselect?: string }) {
  const { membership } = useCurrentOrg();
  const queryClient = useQueryClient();
  const timeZone = membership.timeZone;
  const obligations = useQuery(obligationsQuery(orgId, incident.id));
  const open = openObligations(obligations.data?.obligations ?? []);
  const empty = (): CommunicationValues => ({ recipient: 'individuals', recipientName: '', channel: 'letter', sentAt: localDateTimeOf(Date.now(), timeZone), summary: '', obligationId: '' });
  const form = useContractForm({
    initialValues: empty(),
    schema: ZCreateCommunicationRequest,
    labels: LABELS,
    toRequest: (values) => ({ ...values, sentAt: instantOfLocal(values.sentAt, timeZone) ?? '', obligationId: values.obligationId || null }),
  });
  const [pending, setPending] = useState<TCreateCommunicationRequest | null>(null);
  // "Record notification" on the Clocks tab links here with the obligation: choose it once it is known to be open.
  const [preselected, setPreselected] = useState(false);
  const { setValue } = form;
  useEffect(() => {
    if (preselected || !preselect || !open.some((item) => item.id === preselect)) return;
    setValue('obligationId', preselect);
    setValue('recipient', recipientOfObligation(preselect));
    setPreselected(true);
  }, [open, preselect, preselected, setValue]);
  const done = async () => {
    form.reset(empty());
    setPending(null);
    notifications.show({ color: 'green', message: m.recorded });
    await invalidateIncidents(queryClient, orgId);
    onChanged();
  };
  const confirm = useMutation({ mutationFn: (request: TCreateCommunicationRequest) => recordCommunication(orgId, incident.id, request), onSuccess: done });
  const submit = form.onSubmit(async (request) => {
    // Fulfilling an obligation is legally significant: ask first (the confirmation sends it).
    if (request.obligationId) {
      confirm.reset();
      setPending(request);
      return;
    }
    await recordCommunication(orgId, incident.id, request);
    await done();
  });
  const due = (item: TIncidentObligation) => (item.dueAt ? m.dueOn(formatDateTime(item.dueAt, timeZone)) : m.noFixedDue);
  const chosen = open.find((item) => item.id === pending?.obligationId);

  return (
    <Paper withBorder radius="md" p="lg">
      <form onSubmit={submit} noValidate data-testid="communication-form">
        <Stack gap="md">
          <Title order={2} fz="md">
            {m.recordTitle}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <NativeSelect label={m.recipient} required value={form.values.recipient} data={COMMUNICATION_RECIPIENTS.map((value) => ({ value, label: incidentMessages.recipients[value] }))} error={form.errors.recipient} onChange={(event) => form.setValue('recipient', event.currentTarget.value as Recipient)} data-testid="communication-recipient" />
            <TextInput {...form.textProps('recipientName')} data-testid="communication-recipient-name" />
            <NativeSelect label={m.channel} required value={form.values.channel} data={COMMUNICATION_CHANNELS.map((value) => ({ value, label: incidentMessages.channels[value] }))} error={form.errors.channel} onChange={(event) => form.setValue('channel', event.currentTarget.value as Channel)} data-testid="communication-channel" />
            <TextInput type="datetime-local" step={60} required {...form.textProps('sentAt')} description={zoneLabel(timeZone)} data-testid="communication-sent-at" />
          </SimpleGrid>
          <Textarea {...form.textProps('summary')} description={m.summaryHint} required autosize minRows={3} maxRows={12} data-testid="communication-summary" />
          <NativeSelect
            label={m.obligation}
            description={m.obligationHint}
            value={form.values.obligationId}
            data={[{ value: '', label: m.noObligation }, ...open.map((item) => ({ value: item.id, label: m.obligationOption(item.rule, item.cite, due(item)) }))]}
            error={form.errors.obligationId}
            onChange={(event) => form.setValue('obligationId', event.currentTarget.value)}
            data-testid="communication-obligation"
          />
          {obligations.isError ? <ErrorState error={obligations.error} onRetry={() => void obligations.refetch()} /> : null}
          {form.formError ? <ErrorState error={form.formError} /> : null}
          <Group>
            <Button type="submit" loading={form.isSubmitting || confirm.isPending} data-testid="communication-record">
              {m.record}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmDialog
        opened={pending !== null}
        title={m.confirmTitle}
        recorded={m.confirmRecorded}
        confirmLabel={m.confirm}
        isPending={confirm.isPending}
        error={confirm.error}
        onClose={() => setPending(null)}
        onConfirm={() => pending && confirm.mutate(pending)}
        testId="communication-confirm-dialog"
      >
        {m.confirmBody(chosen ? `${chosen.rule} (${chosen.cite})` : (pending?.obligationId ?? ''))}
      </ConfirmDialog>
    </Paper>
  );
}

export function IncidentCommunicationsTab({ orgId, incident, onChanged, preselectObligation }: { orgId: string; incident: TIncident; onChanged: () => void; preselectObligation?: string }) {
  const { membership } = useCurrentOrg();
  const query = useQuery(communicationsQuery(orgId, incident.id));
  const canRecord = hasPermission(membership, 'incident.handle') && !incident.archivedAt;
  const timeZone = membership.timeZone;
  return (
    <IncidentLogSection
      testId="incident-communications"
      description={m.description}
      form={canRecord ? <RecordForm orgId={orgId} incident={incident} onChanged={onChanged} preselect={preselectObligation} /> : null}
      query={query}
      loadingRows={3}
      empty={m.empty}
      caption={m.caption}
      columns={[m.sentAt, m.recipient, m.channel, m.summary, m.fulfils, m.recordedBy]}
      minWidth={800}
      renderRow={(item) => (
        <Table.Tr key={item.id} data-testid="communication-row" data-obligation={item.obligationId ?? ''}>
          <Table.Td>
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(item.sentAt, timeZone)}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{incidentMessages.recipients[item.recipient]}</Text>
            {item.recipientName ? (
              <Text size="xs" c="dimmed">
                {item.recipientName}
              </Text>
            ) : null}
          </Table.Td>
          <Table.Td>
            <Text size="sm">{incidentMessages.channels[item.channel]}</Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={6}>
              {item.summary}
            </Text>
          </Table.Td>
          <Table.Td>
            {item.obligationId ? (
              <Badge variant="light" color="green" styles={{ label: { textTransform: 'none' } }}>
                {item.obligationId}
              </Badge>
            ) : (
              <Text size="sm" c="dimmed">
                {incidentMessages.none}
              </Text>
            )}
            {item.draftId ? (
              <Text size="xs" c="dimmed">
                {m.fromDraft}
              </Text>
            ) : null}
          </Table.Td>
          <Table.Td>
            <Text size="sm">{item.recordedBy?.name ?? '—'}</Text>
          </Table.Td>
        </Table.Tr>
      )}
    />
  );
}
