/**
 * The notification obligations of an incident (45 CFR 164.404–164.412; GDPR Arts. 33, 34): each with its
 * rule and citation, required or not with the reason, the due date in the organization's zone and the
 * due instant, a live countdown coloured by urgency (and saying it in words), its status with the
 * communication that fulfilled it, a law-enforcement hold with our stated rule, and why the clocks
 * cannot start yet when an input is missing.
 */
import { Alert, Badge, Button, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClockPause, IconClockPlay, IconMinus, IconSend } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useLocation, useNavigate } from '@tanstack/react-router';
import type { MouseEvent } from 'react';
import { COMMUNICATION_RECIPIENT_LABELS, type ObligationStatus, type TIncident, type TIncidentObligation } from '../../../shared/contracts/incidents.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { formatDateTime } from '../../kernel/format.js';
import { TableCaption } from '../../ui/data-table.js';
import { ErrorState } from '../../ui/error-state.js';
import { LoadingState } from '../../ui/loading-state.js';
import { hasPermission } from '../auth/index.js';
import { obligationsQuery } from './breach-api.js';
import { breachMessages } from './breach-messages.js';
import { ClockBadge, useNow } from './clocks-badge.js';
import { formatInZone } from './clocks-countdown.js';

const m = breachMessages.clocks;

export interface ClocksTabProps {
  orgId: string;
  incident: TIncident;
  onChanged: () => void;
}

const STATUS_STYLE: Record<ObligationStatus, { color: string; icon: typeof IconCircleCheck }> = {
  pending: { color: 'blue', icon: IconClockPlay },
  done: { color: 'green', icon: IconCircleCheck },
  overdue: { color: 'red', icon: IconAlertTriangle },
  not_required: { color: 'gray', icon: IconMinus },
};

/** The detail page's Communications tab with this obligation preselected (the page reads `tab` and `obligation` from its search). */
export function recordNotificationHref(pathname: string, obligationId: string): string {
  const search = new URLSearchParams({ tab: 'communications', obligation: obligationId });
  return `${pathname}?${search.toString()}`;
}

function StatusCell({ obligation, timeZone, communicationsHref, onOpen }: { obligation: TIncidentObligation; timeZone: string; communicationsHref: string; onOpen: (event: MouseEvent) => void }) {
  const { color, icon: Icon } = STATUS_STYLE[obligation.status];
  const communication = obligation.communication;
  return (
    <Stack gap={4}>
      <Badge color={color} variant="light" tt="none" leftSection={<Icon size={14} aria-hidden />} h="auto" py={4} styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }} data-testid="obligation-status" data-status={obligation.status}>
        {m.statuses[obligation.status]}
      </Badge>
      {communication ? (
        <Text size="xs" data-testid="obligation-communication">
          <a href={communicationsHref} onClick={onOpen}>{m.doneBy(COMMUNICATION_RECIPIENT_LABELS[communication.recipient], `${formatDateTime(communication.sentAt, timeZone)}`)}</a>
          {obligation.late ? ` (${m.late})` : ''}
        </Text>
      ) : null}
    </Stack>
  );
}

function ObligationRow({ obligation, timeZone, now, canRecord, pathname, onRecord }: { obligation: TIncidentObligation; timeZone: string; now: number; canRecord: boolean; pathname: string; onRecord: (href: string) => (event: MouseEvent) => void }) {
  const o = obligation;
  const isOpen = o.status === 'pending' || o.status === 'overdue';
  const recordHref = recordNotificationHref(pathname, o.id);
  const communicationsHref = `${pathname}?tab=communications`;
  return (
    <Table.Tr data-testid={`obligation-${o.id}`} data-status={o.status}>
      <Table.Td>
        <Text fw={600} size="sm">
          {o.rule}
        </Text>
        <Text size="xs">{o.cite}</Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {o.id}
        </Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <Badge color={o.required ? 'blue' : 'gray'} variant={o.required ? 'filled' : 'outline'} tt="none">
            {o.required ? m.required : m.notRequired}
          </Badge>
          <Text size="xs">{o.reason}</Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        {o.dueAt ? (
          <>
            <Text size="sm">{formatInZone(o.dueAt, timeZone)}</Text>
            <Text size="xs" c="dimmed">
              {m.dueUtc(formatDateTime(o.dueAt, 'UTC'))}
            </Text>
          </>
        ) : (
          <Text size="sm">{o.required ? m.noFixedTime : m.noDue}</Text>
        )}
        {o.heldUntil ? (
          <Group gap={4} mt={4} wrap="nowrap" data-testid="obligation-held-until">
            <IconClockPause size={14} aria-hidden />
            <Text size="xs">{m.heldUntil(formatInZone(o.heldUntil, timeZone))}</Text>
          </Group>
        ) : null}
      </Table.Td>
      <Table.Td>{isOpen && o.dueAt ? <ClockBadge dueAt={o.dueAt} now={now} /> : null}</Table.Td>
      <Table.Td>
        <StatusCell obligation={o} timeZone={timeZone} communicationsHref={communicationsHref} onOpen={onRecord(communicationsHref)} />
      </Table.Td>
      <Table.Td>
        {isOpen && canRecord ? (
          <Button component="a" href={recordHref} onClick={onRecord(recordHref)} size="xs" variant="light" leftSection={<IconSend size={14} aria-hidden />} aria-label={m.recordNotificationFor(o.rule)} data-testid="obligation-record">
            {m.recordNotification}
          </Button>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

export function ClocksTab({ orgId, incident }: ClocksTabProps) {
  const { membership } = useCurrentOrg();
  const query = useQuery(obligationsQuery(orgId, incident.id));
  const now = useNow(1000);
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const canRecord = hasPermission(membership, 'incident.handle') && incident.archivedAt === null;

  if (query.isPending) return <LoadingState rows={6} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const { obligations, blockedBy, basis, computedAt } = query.data;
  const timeZone = basis.timezone;
  const isHeld = basis.lawEnforcementHoldUntil !== null || obligations.some((o) => o.heldUntil !== undefined);
  const onRecord = (href: string) => (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    void navigate({ href });
  };

  return (
    <Stack gap="md" data-testid="clocks-tab">
      <Text size="sm" c="dimmed">
        {m.intro} {m.basis(timeZone)}
      </Text>
      {blockedBy.length > 0 ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title={m.blockedTitle} data-testid="clocks-blocked">
          <Stack gap="xs">
            <List size="sm">
              {blockedBy.map((item) => (
                <List.Item key={`${item.field}:${item.message}`} data-field={item.field}>
                  {item.message}
                </List.Item>
              ))}
            </List>
            <Text size="xs">{m.blockedHint}</Text>
          </Stack>
        </Alert>
      ) : null}
      {isHeld ? (
        <Alert color="blue" variant="light" icon={<IconClockPause size={18} aria-hidden />} data-testid="clocks-hold-rule">
          {m.holdRule}
        </Alert>
      ) : null}
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Title order={3} fz="md">
            {m.title}
          </Title>
          {obligations.length === 0 ? (
            <Text size="sm" data-testid="clocks-empty">
              {m.empty}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={1100}>
              <Table verticalSpacing="sm" striped data-testid="incident-obligations">
                <TableCaption>{m.title}</TableCaption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{m.columns.obligation}</Table.Th>
                    <Table.Th>{m.columns.required}</Table.Th>
                    <Table.Th miw={180}>{m.columns.due(timeZone)}</Table.Th>
                    <Table.Th miw={190}>{m.columns.countdown}</Table.Th>
                    <Table.Th miw={130}>{m.columns.status}</Table.Th>
                    <Table.Th>{m.columns.actions}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {obligations.map((o) => (
                    <ObligationRow key={o.id} obligation={o} timeZone={timeZone} now={now} canRecord={canRecord} pathname={pathname} onRecord={onRecord} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Text size="xs" c="dimmed">
            {m.computedAt(`${formatDateTime(computedAt, timeZone)} (${timeZone})`)}
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
