/** The overview's readiness tile: ISO 27001 and HIPAA Security Rule readiness, and missing HIPAA decisions (each links to its page). */
import { Group, Paper, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { RouterAnchor } from '../../ui/links.js';
import { hipaaQuery, readinessQuery } from './compliance-api.js';
import { complianceMessages as m } from './messages.js';
import { formatPercent } from './readiness-charts.js';

export function ReadinessTile({ orgId }: { orgId: string }) {
  // ISO alone (not every framework), and HIPAA from its own view, which also counts the missing decisions.
  const iso = useQuery(readinessQuery(orgId, 'iso27001-2022'));
  const hipaa = useQuery(hipaaQuery(orgId));
  const figures = { 'iso27001-2022': iso.data?.frameworks[0]?.figures.readinessPercent ?? null, 'hipaa-security-rule': hipaa.data?.figures.readinessPercent ?? null };
  const line = (label: string, id: keyof typeof figures, testId: string, isPending: boolean) => (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm">{label}</Text>
      {isPending ? (
        <Skeleton height={18} width={44} />
      ) : (
        <RouterAnchor to="/o/$orgId/readiness" params={{ orgId }} search={{}} fw={700} fz="lg" data-testid={testId}>
          {formatPercent(figures[id])}
        </RouterAnchor>
      )}
    </Group>
  );
  return (
    <Paper withBorder radius="md" p="md" data-testid="stat-readiness">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          {m.tileTitle}
        </Text>
        <ThemeIcon variant="light" size={38} radius="md" aria-hidden>
          <IconChecklist size={22} />
        </ThemeIcon>
      </Group>
      <Stack gap={2}>
        {line(m.tileIso, 'iso27001-2022', 'stat-readiness-iso', iso.isPending)}
        {line(m.tileHipaa, 'hipaa-security-rule', 'stat-readiness-hipaa', hipaa.isPending)}
        {hipaa.data && hipaa.data.decisionsMissing > 0 ? (
          <RouterAnchor to="/o/$orgId/hipaa" params={{ orgId }} size="sm" c="red.9" fw={600} data-testid="stat-readiness-decisions">
            {m.tileHipaaMissing(hipaa.data.decisionsMissing)}
          </RouterAnchor>
        ) : null}
        <RouterAnchor to="/o/$orgId/readiness" params={{ orgId }} search={{}} size="sm">
          {m.tileOpen}
        </RouterAnchor>
      </Stack>
    </Paper>
  );
}
