/**
 * Overview → open notification clocks (issue 6 item 5; 45 CFR 164.404–164.410, GDPR Arts. 33, 34): every
 * required notification not yet done across the organization and, for a group, its sites — overdue
 * first, each with its incident, obligation, site and a live countdown — with the counts of overdue
 * clocks and clocks due within 7 days, each linking to the register behind it.
 */
import { Badge, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlarm, IconAlertTriangle, IconHourglassEmpty } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { TableCaption } from '../../ui/data-table.js';
import { ErrorState } from '../../ui/error-state.js';
import { RouterAnchor } from '../../ui/links.js';
import { openClocksQuery } from './breach-api.js';
import { breachMessages } from './breach-messages.js';
import { ClockBadge, useNow } from './clocks-badge.js';
import { compareClocks } from './clocks-countdown.js';

const m = breachMessages.tile;
const SHOWN = 8;

export function OpenClocksTile({ orgId }: { orgId: string }) {
  const query = useQuery(openClocksQuery(orgId));
  const now = useNow(1000);

  return (
    <Paper withBorder radius="md" p="md" data-testid="open-clocks-tile">
      <Group justify="space-between" mb="sm" wrap="wrap" gap="sm">
        <Title order={2} fz="md">
          {m.title}
        </Title>
        {query.data && query.data.items.length > 0 ? (
          <Group gap="xs">
            <RouterAnchor to="/o/$orgId/incidents" params={{ orgId }} search={{ clocks: 'overdue' }} size="sm" data-testid="open-clocks-overdue">
              <Badge color={query.data.overdue > 0 ? 'red' : 'gray'} variant="light" tt="none" leftSection={<IconAlertTriangle size={14} aria-hidden />} style={{ cursor: 'pointer' }}>
                {m.overdue(query.data.overdue)}
              </Badge>
            </RouterAnchor>
            <RouterAnchor to="/o/$orgId/incidents" params={{ orgId }} search={{ clocks: 'open' }} size="sm" data-testid="open-clocks-due-soon">
              <Badge color={query.data.dueWithin7Days > 0 ? 'yellow' : 'gray'} variant="light" tt="none" leftSection={<IconAlarm size={14} aria-hidden />} style={{ cursor: 'pointer' }}>
                {m.dueSoon(query.data.dueWithin7Days)}
              </Badge>
            </RouterAnchor>
          </Group>
        ) : null}
      </Group>
      {query.isPending ? <Skeleton height={60} /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data && query.data.items.length === 0 ? (
        <Group gap="sm" wrap="nowrap" data-testid="open-clocks-empty">
          <IconHourglassEmpty size={22} aria-hidden />
          <Stack gap={0}>
            <Text size="sm" fw={600}>
              {m.empty}
            </Text>
            <Text size="sm" c="dimmed">
              {m.emptyBody}
            </Text>
          </Stack>
        </Group>
      ) : null}
      {query.data && query.data.items.length > 0 ? (
        <>
          <Table verticalSpacing="xs">
            <TableCaption>{m.title}</TableCaption>
            <Table.Tbody>
              {[...query.data.items]
                .sort(compareClocks)
                .slice(0, SHOWN)
                .map((clock) => (
                  <Table.Tr key={`${clock.incident.id}:${clock.obligationId}`} data-testid={`open-clock-${clock.incident.ref}-${clock.obligationId}`} data-status={clock.status}>
                    <Table.Td>
                      <RouterAnchor to="/o/$orgId/incidents/$incidentId" params={{ orgId: clock.organization.id, incidentId: clock.incident.id }} search={{ tab: 'clocks' }} size="sm" fw={600}>
                        {`${clock.incident.ref} ${clock.incident.title}`}
                      </RouterAnchor>
                      <Text size="xs">{`${clock.rule} (${clock.cite})`}</Text>
                      {clock.organization.id !== orgId ? (
                        <Text size="xs" c="dimmed">
                          {m.site(clock.organization.name)}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td ta="right">{clock.dueAt ? <ClockBadge dueAt={clock.dueAt} now={now} /> : <Text size="xs">{m.noFixedTime}</Text>}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
          <Group justify="space-between" mt="xs">
            {query.data.items.length > SHOWN ? <Text size="sm">{m.more(query.data.items.length - SHOWN)}</Text> : <span />}
            <RouterAnchor to="/o/$orgId/incidents" params={{ orgId }} search={{ clocks: 'open' }} size="sm">
              {m.viewAll}
            </RouterAnchor>
          </Group>
        </>
      ) : null}
    </Paper>
  );
}
