/** The asset's history, read from the audit trail (A.8.15): who changed what, and when, in the org's zone. */
import { Stack, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ASSET_TYPE_LABELS, DATA_CATEGORY_LABELS } from '../../../shared/contracts/assets.js';
import type { TAuditEvent } from '../../../shared/contracts/audit.js';
import { formatDateTime } from '../../kernel/format.js';
import { DataTable, type Column } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { auditEventsQuery, eventLabel } from '../audit-log/index.js';
import { classificationQuery } from './assets-api.js';
import { assetMessages as m } from './messages.js';

const MAX_LINES = 8;
const FIELD_LABELS: Readonly<Record<string, string>> = m.fields;

const VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  type: ASSET_TYPE_LABELS,
  lifecycle: m.lifecycle,
  hosting: m.hosting,
  dataCategories: DATA_CATEGORY_LABELS,
};

function show(key: string, value: unknown, levels: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === '') return '—';
  const labels = key === 'classificationId' ? Object.fromEntries(levels) : VALUE_LABELS[key];
  if (Array.isArray(value)) return value.length ? value.map((item) => labels?.[String(item)] ?? String(item)).join(', ') : '—';
  if (typeof value === 'boolean') return value ? m.yes : m.no;
  if (typeof value === 'object') return JSON.stringify(value);
  return labels?.[String(value)] ?? String(value);
}

function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return Boolean(value && typeof value === 'object' && 'from' in value && 'to' in value);
}

/** `Owner: Biomed → Radiology` (or just the value when there was none before), one line per recorded change. */
export function changeLines(changes: TAuditEvent['changes'], levels: ReadonlyMap<string, string>): string[] {
  if (!changes) return [];
  return Object.entries(changes).map(([key, value]) => {
    const label = FIELD_LABELS[key] ?? key;
    if (!isChange(value)) return `${label}: ${show(key, value, levels)}`;
    if (value.from === null || value.from === undefined) return `${label}: ${show(key, value.to, levels)}`;
    return `${label}: ${show(key, value.from, levels)} → ${show(key, value.to, levels)}`;
  });
}

export function AssetHistoryTab({ orgId, assetId, timeZone }: { orgId: string; assetId: string; timeZone: string }) {
  const levelList = useQuery(classificationQuery(orgId)).data?.items;
  const levels = useMemo(() => new Map((levelList ?? []).map((level) => [level.id, level.name])), [levelList]);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const query = useQuery(auditEventsQuery(orgId, { subjectType: 'asset', subjectId: assetId, page, pageSize, direction: 'desc' }));
  const columns: Column<TAuditEvent>[] = [
    {
      key: 'time',
      header: m.historyColumns.time(timeZone),
      width: 190,
      render: (event) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(event.occurredAt, timeZone)}
        </Text>
      ),
    },
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
        const lines = changeLines(event.changes, levels);
        if (lines.length === 0) return <Text size="sm" c="dimmed">—</Text>;
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
      caption={m.tabs.history}
      testId="asset-history"
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
