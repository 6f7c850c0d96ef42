/**
 * One record's history, read from the audit trail (A.8.15): who changed what, and when, in the
 * organization's zone. Features give the subject and how to name their fields and values.
 */
import { Stack, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { TAuditEvent } from '../../../shared/contracts/audit.js';
import { formatDateTime } from '../../kernel/format.js';
import { DataTable, type Column } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { auditEventsQuery } from './audit-api.js';
import { eventLabel } from './audit-event-detail.js';
import { auditMessages } from './messages.js';

const m = auditMessages.history;
const MAX_LINES = 8;

/** How a feature names its recorded fields and values. */
export interface HistoryVocabulary {
  fieldLabels: Readonly<Record<string, string>>;
  /** The text of one value, or undefined for the default (labels of arrays joined, booleans Yes/No, JSON for objects). */
  valueLabel?: (key: string, value: unknown) => string | undefined;
}

function show(key: string, value: unknown, vocabulary: HistoryVocabulary): string {
  if (value === null || value === undefined || value === '') return m.notSet;
  const own = vocabulary.valueLabel?.(key, value);
  if (own !== undefined) return own;
  if (Array.isArray(value)) return value.map((item) => (item && typeof item === 'object' && 'name' in item ? String((item as { name: unknown }).name) : String(item))).join(', ') || m.notSet;
  if (typeof value === 'boolean') return value ? m.yes : m.no;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const isChange = (value: unknown): value is { from: unknown; to: unknown } => Boolean(value && typeof value === 'object' && 'from' in value && 'to' in value);

/** `Owner: Biomed → Radiology` (or just the value when there was none before), one line per recorded change. */
export function changeLines(changes: TAuditEvent['changes'], vocabulary: HistoryVocabulary): string[] {
  if (!changes) return [];
  return Object.entries(changes).map(([key, value]) => {
    const label = vocabulary.fieldLabels[key] ?? key;
    if (!isChange(value)) return `${label}: ${show(key, value, vocabulary)}`;
    if (value.from === null || value.from === undefined) return `${label}: ${show(key, value.to, vocabulary)}`;
    return `${label}: ${show(key, value.from, vocabulary)} → ${show(key, value.to, vocabulary)}`;
  });
}

export function SubjectHistory(props: { orgId: string; subjectType: string; subjectId: string; timeZone: string; testId: string; emptyBody: string; vocabulary: HistoryVocabulary }) {
  const { orgId, subjectType, subjectId, timeZone, vocabulary } = props;
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const query = useQuery(auditEventsQuery(orgId, { subjectType, subjectId, page, pageSize, direction: 'desc' }));
  const columns: Column<TAuditEvent>[] = [
    {
      key: 'time',
      header: m.columns.time(timeZone),
      width: 190,
      render: (event) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(event.occurredAt, timeZone)}
        </Text>
      ),
    },
    {
      key: 'event',
      header: m.columns.event,
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
      header: m.columns.changes,
      render: (event) => {
        const lines = changeLines(event.changes, vocabulary);
        if (lines.length === 0) return <Text size="sm" c="dimmed">{m.notSet}</Text>;
        return (
          <Stack gap={0}>
            {lines.slice(0, MAX_LINES).map((line) => (
              <Text key={line} size="xs" style={{ wordBreak: 'break-word' }}>
                {line}
              </Text>
            ))}
            {lines.length > MAX_LINES ? (
              <Text size="xs" c="dimmed">
                {m.moreChanges(lines.length - MAX_LINES)}
              </Text>
            ) : null}
          </Stack>
        );
      },
    },
  ];
  return (
    <DataTable
      caption={m.caption}
      testId={props.testId}
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
      empty={<EmptyState icon={<IconHistory size={28} aria-hidden />} title={m.emptyTitle} description={props.emptyBody} />}
    />
  );
}
