/** The control's history, read from the audit trail (A.8.15): changes, links and evidence, in the org's zone. */
import { Stack, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { TAuditEvent } from '../../../shared/contracts/audit.js';
import { formatDateTime } from '../../kernel/format.js';
import { DataTable, type Column } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { auditEventsQuery, eventLabel } from '../audit-log/index.js';
import { controlMessages as m } from './messages.js';

const MAX_LINES = 8;
const FIELD_LABELS: Readonly<Record<string, string>> = { ...m.fields, ...m.historyFields };
const VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = { status: m.statuses, effectiveness: m.effectiveness, category: m.categories };

function show(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return m.notSet;
  const labels = VALUE_LABELS[key];
  if (Array.isArray(value)) return value.map((item) => (item && typeof item === 'object' && 'name' in item ? String((item as { name: unknown }).name) : String(item))).join(', ') || m.notSet;
  if (typeof value === 'boolean') return value ? m.yes : m.no;
  if (typeof value === 'object') return JSON.stringify(value);
  return labels?.[String(value)] ?? String(value);
}

const isChange = (value: unknown): value is { from: unknown; to: unknown } => Boolean(value && typeof value === 'object' && 'from' in value && 'to' in value);

export function changeLines(changes: TAuditEvent['changes']): string[] {
  if (!changes) return [];
  return Object.entries(changes).map(([key, value]) => {
    const label = FIELD_LABELS[key] ?? key;
    if (!isChange(value)) return `${label}: ${show(key, value)}`;
    if (value.from === null || value.from === undefined) return `${label}: ${show(key, value.to)}`;
    return `${label}: ${show(key, value.from)} → ${show(key, value.to)}`;
  });
}

export function ControlHistoryTab({ orgId, controlId, timeZone }: { orgId: string; controlId: string; timeZone: string }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const query = useQuery(auditEventsQuery(orgId, { subjectType: 'control', subjectId: controlId, page, pageSize, direction: 'desc' }));
  const columns: Column<TAuditEvent>[] = [
    { key: 'time', header: m.historyColumns.time(timeZone), width: 190, render: (event) => <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.occurredAt, timeZone)}</Text> },
    {
      key: 'event',
      header: m.historyColumns.event,
      render: (event) => (
        <Stack gap={0}>
          <Text size="sm" fw={500} data-testid="history-event">
            {eventLabel(event.type)}
          </Text>
          <Text size="xs" c="dimmed">
            {event.actorLabel}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'changes',
      header: m.historyColumns.changes,
      render: (event) => {
        const lines = changeLines(event.changes);
        if (lines.length === 0) return <Text size="sm" c="dimmed">{m.notSet}</Text>;
        return (
          <Stack gap={0}>
            {lines.slice(0, MAX_LINES).map((line) => (
              <Text key={line} size="xs" style={{ wordBreak: 'break-word' }}>
                {line}
              </Text>
            ))}
            {lines.length > MAX_LINES ? <Text size="xs" c="dimmed">{m.moreChanges(lines.length - MAX_LINES)}</Text> : null}
          </Stack>
        );
      },
    },
  ];
  return (
    <DataTable
      caption={m.tabs.history}
      testId="control-history"
      columns={columns}
      rows={query.data?.items}
      total={query.data?.total ?? 0}
      page={page}
      pageSize={pageSize}
      rowKey={(event) => event.id}
      rowAttributes={(event) => ({ 'data-event-type': event.type })}
      onPageChange={setPage}
      onPageSizeChange={(size) => {
        setPageSize(size);
        setPage(1);
      }}
      isLoading={query.isPending}
      isFetching={query.isFetching}
      error={query.error}
      onRetry={() => void query.refetch()}
      empty={<EmptyState icon={<IconHistory size={28} aria-hidden />} title={m.historyEmptyTitle} description={m.historyEmptyBody} />}
    />
  );
}
