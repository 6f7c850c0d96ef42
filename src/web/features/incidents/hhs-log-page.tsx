/**
 * Check → HHS breach log (45 CFR 164.408(c)): breaches of unsecured PHI affecting fewer than 500
 * individuals, per calendar year of discovery, with the fields the HHS breach portal asks for, what is
 * still missing for each, the due date (60 days after the end of the year) with a live countdown, and
 * exports (CSV, XLSX, JSON) of exactly those fields.
 */
import { Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconDownload, IconFileCertificate } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { HHS_BREACH_TYPE_LABELS, HHS_LOCATION_LABELS, PHI_KIND_LABELS, type THhsLog, type THhsLogEntry } from '../../../shared/contracts/incidents.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { formatDate } from '../../kernel/format.js';
import { TableCaption } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { RouterAnchor } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { HHS_LOG_EXPORT_FORMATS, hhsLogExportUrl, hhsLogQuery } from './breach-api.js';
import { breachMessages } from './breach-messages.js';
import { ClockBadge, useNow } from './clocks-badge.js';
import { defaultHhsLogYear, hhsLogYears } from './hhs-log-year.js';

const m = breachMessages.hhsLog;

/** The portal field a `missing` entry names, in the words of the table's columns. */
const FIELD_LABELS: Record<string, string> = {
  breachStartDate: 'breach start date',
  breachEndDate: 'breach end date',
  discoveryDate: 'discovery date',
  individuals: 'number of individuals',
  breachType: 'type of breach',
  hhsBreachType: 'type of breach',
  locations: 'location of the PHI',
  hhsLocations: 'location of the PHI',
  phiKinds: 'kinds of PHI',
  safeguardsInPlace: 'safeguards in place before',
  actionsTaken: 'actions taken in response',
};
export const missingFieldLabel = (field: string): string => FIELD_LABELS[field] ?? field;

/** ISO date (YYYY-MM-DD) as "01 Mar 2027", read as a calendar date (no zone shift). */
const civil = (date: string | null) => (date ? formatDate(`${date}T12:00:00Z`, 'UTC') : '—');

function EntryRow({ entry, orgId }: { entry: THhsLogEntry; orgId: string }) {
  const isSite = entry.organization.id !== orgId;
  return (
    <Table.Tr data-testid={`hhs-log-${entry.incident.ref}`} data-missing={entry.missing.length}>
      <Table.Td>
        <RouterAnchor to="/o/$orgId/incidents/$incidentId" params={{ orgId: entry.organization.id, incidentId: entry.incident.id }} fw={600} size="sm">
          {entry.incident.ref}
        </RouterAnchor>
        <Text size="sm">{entry.incident.title}</Text>
        {isSite ? (
          <Text size="xs" c="dimmed">
            {m.site(entry.organization.name)}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{`${civil(entry.breachStartDate)} – ${civil(entry.breachEndDate)}`}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{civil(entry.discoveryDate)}</Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm">{entry.individuals.toLocaleString('en-GB')}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{entry.breachType ? HHS_BREACH_TYPE_LABELS[entry.breachType] : '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{entry.locations.length ? entry.locations.map((l) => HHS_LOCATION_LABELS[l]).join(', ') : '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{entry.phiKinds.length ? entry.phiKinds.map((k) => PHI_KIND_LABELS[k]).join(', ') : '—'}</Text>
      </Table.Td>
      <Table.Td maw={260}>
        <Text size="sm" lineClamp={4}>
          {entry.safeguardsInPlace || '—'}
        </Text>
      </Table.Td>
      <Table.Td maw={260}>
        <Text size="sm" lineClamp={4}>
          {entry.actionsTaken || '—'}
        </Text>
      </Table.Td>
      <Table.Td miw={220}>
        <Stack gap={4}>
          {entry.missing.length > 0 ? (
            <>
              <Group gap={6} wrap="nowrap" align="flex-start" data-testid="hhs-log-missing">
                <IconAlertTriangle size={16} color="var(--mantine-color-orange-7)" aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
                <Text size="xs" fw={600}>
                  {m.missing(entry.missing.map(missingFieldLabel).join(', '))}
                </Text>
              </Group>
              <RouterAnchor to="/o/$orgId/incidents/$incidentId" params={{ orgId: entry.organization.id, incidentId: entry.incident.id }} size="xs">
                {m.fixLink(entry.incident.ref)}
              </RouterAnchor>
            </>
          ) : (
            <Badge color="green" variant="light" tt="none" leftSection={<IconCircleCheck size={14} aria-hidden />}>
              {m.complete}
            </Badge>
          )}
          <Text size="xs">{entry.submitted ? m.submitted : m.notSubmitted}</Text>
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

function LogTable({ log, orgId }: { log: THhsLog; orgId: string }) {
  if (log.entries.length === 0) return <EmptyState title={m.empty} description={m.emptyBody} icon={<IconFileCertificate size={28} stroke={1.5} aria-hidden />} testId="hhs-log-empty" />;
  const c = m.columns;
  return (
    <Table.ScrollContainer minWidth={1300}>
      <Table verticalSpacing="sm" striped data-testid="hhs-log-table">
        <TableCaption>{m.caption(log.year)}</TableCaption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{c.incident}</Table.Th>
            <Table.Th>{c.dates}</Table.Th>
            <Table.Th>{c.discovery}</Table.Th>
            <Table.Th ta="right">{c.individuals}</Table.Th>
            <Table.Th>{c.type}</Table.Th>
            <Table.Th>{c.location}</Table.Th>
            <Table.Th>{c.phi}</Table.Th>
            <Table.Th>{c.safeguards}</Table.Th>
            <Table.Th>{c.actions}</Table.Th>
            <Table.Th>{c.status}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {log.entries.map((entry) => (
            <EntryRow key={entry.incident.id} entry={entry} orgId={orgId} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function HhsLogPage() {
  const { orgId, membership } = useCurrentOrg();
  const timeZone = membership.timeZone || 'UTC';
  const now = useNow(1000);
  const [year, setYear] = useState(() => defaultHhsLogYear(Date.now(), timeZone));
  const years = hhsLogYears(now, timeZone);
  const query = useQuery(hhsLogQuery(orgId, year));
  const log = query.data;
  const isOpen = log ? log.entries.some((e) => !e.submitted) : false;

  return (
    <Stack gap="md">
      <PageHeader
        eyebrow={m.eyebrow}
        title={m.title}
        description={m.description}
        testId="hhs-log-title"
        actions={
          <Group gap="xs" role="group" aria-label={m.export}>
            {HHS_LOG_EXPORT_FORMATS.map((format) => (
              <Button key={format} component="a" href={hhsLogExportUrl(orgId, year, format)} download variant="default" leftSection={<IconDownload size={16} aria-hidden />} data-testid={`hhs-log-export-${format}`}>
                {m.exportAs(format.toUpperCase())}
              </Button>
            ))}
          </Group>
        }
      />
      <Paper withBorder p="md" radius="md">
        <Group gap="lg" align="flex-end" wrap="wrap">
          <NativeSelect label={m.year} value={String(year)} onChange={(event) => setYear(Number(event.currentTarget.value))} data={(years.includes(year) ? years : [year, ...years]).map((y) => String(y))} data-testid="hhs-log-year" />
          {log ? (
            <Stack gap={4}>
              <Title order={2} fz="md" data-testid="hhs-log-due">
                {m.due(`${civil(log.dueDate)} (${timeZone})`)}
              </Title>
              <Group gap="sm">
                {isOpen ? <ClockBadge dueAt={log.dueAt} now={now} testId="hhs-log-countdown" /> : null}
                <Text size="sm">{m.count(log.entries.length)}</Text>
              </Group>
            </Stack>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed" mt="sm">
          {m.exportHint}
        </Text>
      </Paper>
      {query.isPending ? <LoadingState rows={6} /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {log ? <LogTable log={log} orgId={orgId} /> : null}
    </Stack>
  );
}
