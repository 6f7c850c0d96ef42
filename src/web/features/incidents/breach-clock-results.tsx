/**
 * The obligations the engine derived: rule and citation, required or not with the reason, the due time in
 * the organization's zone and in UTC, and a live countdown for required ones (urgency in words, an icon
 * and colour together). A held notice shows the hold and our rule for it (164.412).
 */
import { Alert, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlarm, IconAlertTriangle, IconClockPause, IconHourglass } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { TBreachObligation } from '../../../shared/contracts/breach-clock.js';
import { formatDateTime } from '../../kernel/format.js';
import { countdownText, URGENCY_COLOR, type Urgency } from './countdown.js';
import { incidentMessages } from './messages.js';

const m = incidentMessages.clock;

const URGENCY_ICON: Record<Urgency, typeof IconAlarm> = { overdue: IconAlertTriangle, critical: IconAlarm, soon: IconAlarm, open: IconHourglass };

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "01 Apr 2028, 10:00:00 GMT-4": the offset in force at that instant, so a date across daylight saving reads right. */
function formatInZone(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'shortOffset' }).format(new Date(iso));
}

function Countdown({ dueAt, now }: { dueAt: string; now: number }) {
  const { urgency, text } = countdownText(Date.parse(dueAt), now);
  const Icon = URGENCY_ICON[urgency];
  return (
    <Badge color={URGENCY_COLOR[urgency]} variant="light" leftSection={<Icon size={14} aria-hidden />} tt="none" fw={600} h="auto" py={4} styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }} data-urgency={urgency}>
      {text}
    </Badge>
  );
}

function Row({ obligation, timeZone, now }: { obligation: TBreachObligation; timeZone: string; now: number }) {
  const o = obligation;
  return (
    <Table.Tr data-testid={`obligation-${o.id}`}>
      <Table.Td>
        <Text fw={600} size="sm">
          {o.rule}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {o.id}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{o.cite}</Text>
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
        <Text size="sm">{o.dueAt ? formatInZone(o.dueAt, timeZone) : m.noDue}</Text>
        {o.heldUntil ? (
          <Group gap={4} mt={4} wrap="nowrap">
            <IconClockPause size={14} aria-hidden />
            <Text size="xs">{m.heldUntil(formatInZone(o.heldUntil, timeZone))}</Text>
          </Group>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{o.dueAt ? formatDateTime(o.dueAt, 'UTC', { seconds: true }) : m.noDue}</Text>
      </Table.Td>
      <Table.Td>{o.required ? o.dueAt ? <Countdown dueAt={o.dueAt} now={now} /> : <Text size="xs">{m.noFixedTime}</Text> : null}</Table.Td>
    </Table.Tr>
  );
}

export function BreachClockResults({ obligations, timeZone }: { obligations: TBreachObligation[]; timeZone: string }) {
  const now = useNow(1000);
  const isHeld = obligations.some((o) => o.heldUntil !== undefined);
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="md">
        <Title order={2} fz="lg">
          {m.resultTitle}
        </Title>
        {isHeld ? (
          <Alert color="blue" icon={<IconClockPause size={18} aria-hidden />} data-testid="breach-hold-rule">
            {m.holdRule}
          </Alert>
        ) : null}
        {obligations.length === 0 ? (
          <Text>{m.noObligations}</Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" striped data-testid="breach-obligations">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{m.columns.obligation}</Table.Th>
                  <Table.Th>{m.columns.cite}</Table.Th>
                  <Table.Th>{m.columns.required}</Table.Th>
                  <Table.Th>{m.columns.dueLocal(timeZone)}</Table.Th>
                  <Table.Th>{m.columns.dueUtc}</Table.Th>
                  <Table.Th miw={190}>{m.columns.countdown}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {obligations.map((o) => (
                  <Row key={o.id} obligation={o} timeZone={timeZone} now={now} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
