/**
 * Retention of one incident (45 CFR 164.530(j); GDPR Art. 5(1)(e)): when it may be disposed of, and for
 * incident.configure the archive and dispose actions. Disposal deletes the incident for good, so it asks
 * for the reference and a reason and says what the disposal log keeps.
 */
import { Button, Group, Modal, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { TIncident } from '../../../shared/contracts/incidents.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { formatDate } from '../../kernel/format.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { ErrorState } from '../../ui/error-state.js';
import { hasPermission } from '../auth/index.js';
import { archiveIncident, disposeIncident, incidentKeys, invalidateIncidents } from './incidents-api.js';
import { incidentMessages } from './messages.js';

const m = incidentMessages.workflow;

export function IncidentRetentionPanel({ orgId, incident, onChanged }: { orgId: string; incident: TIncident; onChanged: () => void }) {
  const { membership } = useCurrentOrg();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const canConfigure = hasPermission(membership, 'incident.configure');
  const [dialog, setDialog] = useState<'archive' | 'dispose' | null>(null);
  const [confirmRef, setConfirmRef] = useState('');
  const [reason, setReason] = useState('');
  const close = () => {
    setDialog(null);
    archive.reset();
    dispose.reset();
  };
  const archive = useMutation({
    mutationFn: () => archiveIncident(orgId, incident.id),
    onSuccess: (saved) => {
      queryClient.setQueryData(incidentKeys.detail(orgId, incident.id), saved);
      setDialog(null);
      notifications.show({ color: 'green', message: m.archived(saved.ref) });
      onChanged();
    },
  });
  const dispose = useMutation({
    mutationFn: () => disposeIncident(orgId, incident.id, { confirmRef, reason }),
    onSuccess: async () => {
      setDialog(null);
      await navigate({ to: '/o/$orgId/incidents', params: { orgId } });
      queryClient.removeQueries({ queryKey: incidentKeys.detail(orgId, incident.id) });
      await invalidateIncidents(queryClient, orgId);
      notifications.show({ color: 'green', message: m.disposed(incident.ref) });
    },
  });
  const retainUntil = incident.retainUntil ? formatDate(`${incident.retainUntil}T12:00:00Z`, 'UTC') : null;
  const canArchive = canConfigure && incident.status === 'closed' && !incident.archivedAt;
  const canDispose = canConfigure && Boolean(incident.archivedAt);

  return (
    <Paper withBorder radius="md" p="lg" data-testid="incident-retention">
      <Title order={2} fz="md" mb="sm">
        {m.retentionTitle}
      </Title>
      <Stack gap="sm">
        <Text size="sm" data-testid="incident-retain-until">
          {retainUntil ? m.retentionBody(retainUntil) : m.retentionOpen}
        </Text>
        {canArchive || canDispose ? (
          <Group gap="sm">
            {canArchive ? (
              <Button variant="default" leftSection={<IconArchive size={16} aria-hidden />} onClick={() => setDialog('archive')} data-testid="incident-archive">
                {m.archive}
              </Button>
            ) : null}
            {canDispose ? (
              <Button variant="default" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setDialog('dispose')} data-testid="incident-dispose">
                {m.dispose}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
      <ConfirmDialog opened={dialog === 'archive'} title={m.archiveTitle(incident.ref)} recorded={m.archiveRecorded} confirmLabel={m.archive} isPending={archive.isPending} error={archive.error} onClose={close} onConfirm={() => archive.mutate()} testId="incident-archive-dialog">
        {m.archiveBody}
      </ConfirmDialog>
      <Modal opened={dialog === 'dispose'} onClose={close} title={m.disposeTitle(incident.ref)} centered>
        <Stack gap="md" data-testid="incident-dispose-dialog">
          <Text size="sm">{m.disposeBody}</Text>
          <Text size="sm" c="dimmed">
            {m.disposeRecorded}
          </Text>
          <TextInput label={m.confirmRef(incident.ref)} required value={confirmRef} onChange={(event) => setConfirmRef(event.currentTarget.value)} autoComplete="off" data-testid="incident-dispose-ref" />
          <Textarea label={m.reason} required value={reason} onChange={(event) => setReason(event.currentTarget.value)} autosize minRows={2} data-testid="incident-dispose-reason" />
          {dispose.error ? <ErrorState error={dispose.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={dispose.isPending}>
              {incidentMessages.cancel}
            </Button>
            <Button color="red" onClick={() => dispose.mutate()} loading={dispose.isPending} disabled={confirmRef.trim() !== incident.ref || reason.trim() === ''} data-testid="incident-dispose-confirm">
              {m.dispose}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
