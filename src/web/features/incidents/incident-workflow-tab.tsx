/**
 * The handling workflow (ISO/IEC 27001:2022 A.5.25–A.5.27): the six statuses as steps, forward moves with
 * a note (each becomes a timeline entry), closing with lessons learned (the server refuses without them
 * and its `lessonsLearned: …` message is shown on the field), reopening a closed incident, and the
 * retention actions (archive, dispose) for incident.configure.
 */
import { Button, Group, Paper, Stack, Text, Textarea, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCircleDot, IconCircle, IconRotateClockwise } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { IncidentStatus, TIncident } from '../../../shared/contracts/incidents.js';
import { isApiError } from '../../kernel/api-client.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { formatDateTime } from '../../kernel/format.js';
import { ErrorState } from '../../ui/error-state.js';
import { hasPermission } from '../auth/index.js';
import { stepStates, workflowMoves, type StepState } from './incident-workflow-moves.js';
import { IncidentRetentionPanel } from './incident-retention-panel.js';
import { incidentKeys, transitionIncident } from './incidents-api.js';
import { incidentMessages } from './messages.js';

const m = incidentMessages.workflow;

const STEP_ICON: Record<StepState, { icon: typeof IconCheck; color: string; variant: string }> = {
  done: { icon: IconCheck, color: 'green', variant: 'filled' },
  current: { icon: IconCircleDot, color: 'blue', variant: 'filled' },
  todo: { icon: IconCircle, color: 'gray', variant: 'light' },
};

function Steps({ status }: { status: IncidentStatus }) {
  return (
    <Stack component="ol" gap="sm" aria-label={m.stepsLabel} style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="incident-steps">
      {stepStates(status).map(({ status: step, state }) => {
        const style = STEP_ICON[state];
        const Icon = style.icon;
        return (
          <Group component="li" key={step} gap="sm" wrap="nowrap" align="flex-start" aria-current={state === 'current' ? 'step' : undefined} data-step={step} data-state={state}>
            <ThemeIcon size={28} radius="xl" color={style.color} variant={style.variant} aria-hidden>
              <Icon size={16} />
            </ThemeIcon>
            <Stack gap={0}>
              <Text size="sm" fw={state === 'current' ? 700 : 600}>
                {incidentMessages.statuses[step]}
                {state === 'current' ? ` (${m.current})` : state === 'done' ? ` (${m.done})` : ''}
              </Text>
              <Text size="xs" c="dimmed">
                {m.stepHints[step]}
              </Text>
            </Stack>
          </Group>
        );
      })}
    </Stack>
  );
}

/** The field a 400 names (`body.lessonsLearned: …`): its message goes under that field. */
function issueOf(error: unknown, field: string): string | undefined {
  if (!isApiError(error)) return undefined;
  const issue = error.issues.find((item) => item.path.split('.').includes(field));
  return issue ? `${m.lessonsLearned}: ${issue.message}` : undefined;
}

export interface IncidentWorkflowTabProps {
  orgId: string;
  incident: TIncident;
  onChanged: () => void;
}

export function IncidentWorkflowTab({ orgId, incident, onChanged }: IncidentWorkflowTabProps) {
  const { membership } = useCurrentOrg();
  const queryClient = useQueryClient();
  const canHandle = hasPermission(membership, 'incident.handle');
  const moves = workflowMoves(incident);
  const [note, setNote] = useState('');
  const [lessons, setLessons] = useState(incident.lessonsLearned);
  const [reopenNote, setReopenNote] = useState('');
  const [reopenError, setReopenError] = useState<string | undefined>();
  const move = useMutation({
    mutationFn: (to: IncidentStatus) => transitionIncident(orgId, incident.id, { to, note, ...(to === 'closed' ? { lessonsLearned: lessons } : {}) }),
    onSuccess: (saved, to) => {
      queryClient.setQueryData(incidentKeys.detail(orgId, incident.id), saved);
      setNote('');
      setReopenNote('');
      notifications.show({ color: 'green', message: to === 'triage' && incident.status === 'closed' ? m.reopened : m.moved(incidentMessages.statuses[to]) });
      onChanged();
    },
  });
  const reopen = useMutation({
    mutationFn: () => transitionIncident(orgId, incident.id, { to: 'triage', note: reopenNote }),
    onSuccess: (saved) => {
      queryClient.setQueryData(incidentKeys.detail(orgId, incident.id), saved);
      setReopenNote('');
      notifications.show({ color: 'green', message: m.reopened });
      onChanged();
    },
  });
  const lessonsError = issueOf(move.error, 'lessonsLearned');
  const otherError = move.error && !lessonsError ? move.error : null;
  const canClose = moves.forward.includes('closed');

  return (
    <Stack gap="md" maw={1000} data-testid="incident-workflow">
      <Paper withBorder radius="md" p="lg">
        <Title order={2} fz="md" mb="md">
          {m.title}
        </Title>
        <Steps status={incident.status} />
        {incident.closedAt ? (
          <Text size="sm" mt="md">
            {m.closedNotice(formatDateTime(incident.closedAt, membership.timeZone))}
          </Text>
        ) : null}
      </Paper>

      {canHandle && moves.forward.length > 0 ? (
        <Paper withBorder radius="md" p="lg" data-testid="incident-move">
          <Title order={2} fz="md" mb="sm">
            {m.moveTitle}
          </Title>
          <Stack gap="md">
            <Textarea label={m.note} description={m.noteHint} value={note} onChange={(event) => setNote(event.currentTarget.value)} autosize minRows={2} maxRows={8} data-testid="incident-move-note" />
            {canClose ? (
              <Textarea
                label={m.lessonsLearned}
                description={m.lessonsHint}
                value={lessons}
                onChange={(event) => {
                  setLessons(event.currentTarget.value);
                  if (move.error) move.reset();
                }}
                error={lessonsError}
                autosize
                minRows={3}
                maxRows={10}
                data-testid="incident-move-lessons"
              />
            ) : null}
            {otherError ? <ErrorState error={otherError} /> : null}
            <Group gap="sm">
              {moves.forward.map((to) => (
                <Button key={to} variant={to === 'closed' ? 'filled' : 'light'} color={to === 'closed' ? 'dark' : undefined} loading={move.isPending && move.variables === to} disabled={move.isPending && move.variables !== to} onClick={() => move.mutate(to)} data-testid={`incident-move-${to}`}>
                  {to === 'closed' ? m.close : m.moveTo(incidentMessages.statuses[to])}
                </Button>
              ))}
            </Group>
          </Stack>
        </Paper>
      ) : null}

      {canHandle && moves.canReopen ? (
        <Paper withBorder radius="md" p="lg" data-testid="incident-reopen">
          <Title order={2} fz="md" mb="sm">
            {m.reopenTitle}
          </Title>
          <Stack gap="md">
            <Textarea
              label={m.reopenNote}
              required
              value={reopenNote}
              onChange={(event) => {
                setReopenNote(event.currentTarget.value);
                setReopenError(undefined);
              }}
              error={reopenError}
              autosize
              minRows={2}
              maxRows={8}
              data-testid="incident-reopen-note"
            />
            {reopen.error ? <ErrorState error={reopen.error} /> : null}
            <Group>
              <Button
                variant="default"
                leftSection={<IconRotateClockwise size={16} aria-hidden />}
                loading={reopen.isPending}
                onClick={() => {
                  if (reopenNote.trim() === '') {
                    setReopenError(m.reopenNeedsNote);
                    return;
                  }
                  reopen.mutate();
                }}
                data-testid="incident-reopen-submit"
              >
                {m.reopen}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : null}

      {canHandle && moves.forward.length === 0 && !moves.canReopen && !incident.archivedAt ? (
        <Text size="sm" c="dimmed">
          {m.noMoves}
        </Text>
      ) : null}

      <IncidentRetentionPanel orgId={orgId} incident={incident} onChanged={onChanged} />
    </Stack>
  );
}
