/**
 * The incident register's columns (A.5.24–A.5.26): identity, classification, handling, breach conclusions
 * and clocks, and the person's choice of the optional ones (kept in this browser).
 */
import { Stack, Text } from '@mantine/core';
import type { TIncidentListItem, TSeverityLevel } from '../../../shared/contracts/incidents.js';
import { formatDate } from '../../kernel/format.js';
import { ColumnChooser, useColumnChoice } from '../../ui/column-chooser.js';
import type { Column } from '../../ui/data-table.js';
import { RouterAnchor } from '../../ui/links.js';
import { ConclusionBadges, IncidentStatusBadge, OpenClocks, SeverityBadge } from './incident-badges.js';
import type { IncidentSortField } from './incident-search.js';
import { incidentMessages as m } from './messages.js';

const NO_WRAP = { whiteSpace: 'nowrap' } as const;
const c = m.register.columns;

/** Ref and title always show; these may be hidden or shown. */
export const OPTIONAL_INCIDENT_COLUMNS = ['category', 'severity', 'status', 'reportedAt', 'discoveredAt', 'handler', 'individuals', 'conclusions', 'clocks', 'updatedAt'] as const;
export type OptionalIncidentColumn = (typeof OPTIONAL_INCIDENT_COLUMNS)[number];
const DEFAULT_COLUMNS: readonly OptionalIncidentColumn[] = ['category', 'severity', 'status', 'reportedAt', 'handler', 'individuals', 'conclusions', 'clocks'];

export function useIncidentColumnChoice(): [OptionalIncidentColumn[], (next: OptionalIncidentColumn[]) => void] {
  return useColumnChoice('custos.incidents.columns', OPTIONAL_INCIDENT_COLUMNS, DEFAULT_COLUMNS);
}

export function IncidentColumnChooser({ visible, onChange }: { visible: OptionalIncidentColumn[]; onChange: (next: OptionalIncidentColumn[]) => void }) {
  return <ColumnChooser all={OPTIONAL_INCIDENT_COLUMNS} labels={c} visible={visible} onChange={onChange} buttonLabel={m.register.columnsButton} legend={m.register.columnsLegend} testId="incident-columns" />;
}

const dateCell = (value: string | null, timeZone: string) =>
  value ? (
    <Text size="sm" style={NO_WRAP}>
      {formatDate(value, timeZone)}
    </Text>
  ) : (
    <Text size="sm" c="dimmed">
      {m.notSet}
    </Text>
  );

export interface IncidentColumnOptions {
  visible: readonly OptionalIncidentColumn[];
  orgId: string;
  timeZone: string;
  levels: readonly TSeverityLevel[];
  now: number;
}

export function incidentColumns({ visible, orgId, timeZone, levels, now }: IncidentColumnOptions): Column<TIncidentListItem, IncidentSortField>[] {
  const columns: Column<TIncidentListItem, IncidentSortField>[] = [
    {
      key: 'ref',
      header: c.ref,
      sortField: 'ref',
      width: 100,
      render: (r) => (
        <RouterAnchor to="/o/$orgId/incidents/$incidentId" params={{ orgId, incidentId: r.id }} size="sm" fw={600} ff="monospace" style={NO_WRAP} data-testid="incident-ref-link">
          {r.ref}
        </RouterAnchor>
      ),
    },
    {
      key: 'title',
      header: c.title,
      sortField: 'title',
      render: (r) => (
        <Stack gap={2} miw={200}>
          <RouterAnchor to="/o/$orgId/incidents/$incidentId" params={{ orgId, incidentId: r.id }} size="sm" fw={600} data-testid="incident-link">
            {r.title}
          </RouterAnchor>
          {r.archivedAt ? (
            <Text size="xs" fw={700}>
              {m.archivedBadge}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    { key: 'category', header: c.category, sortField: 'category', render: (r) => <Text size="sm">{m.categories[r.category]}</Text> },
    { key: 'severity', header: c.severity, sortField: 'severity', render: (r) => <SeverityBadge severity={r.severity} levels={levels} /> },
    { key: 'status', header: c.status, sortField: 'status', render: (r) => <IncidentStatusBadge status={r.status} /> },
    { key: 'reportedAt', header: c.reportedAt, sortField: 'reportedAt', render: (r) => dateCell(r.reportedAt, timeZone) },
    { key: 'discoveredAt', header: c.discoveredAt, sortField: 'discoveredAt', render: (r) => dateCell(r.discoveredAt, timeZone) },
    {
      key: 'handler',
      header: c.handler,
      render: (r) => (
        <Text size="sm" c={r.handler ? undefined : 'dimmed'}>
          {r.handler?.name ?? m.nobody}
        </Text>
      ),
    },
    { key: 'individuals', header: c.individuals, render: (r) => <Text size="sm">{r.individualsTotal.toLocaleString('en-GB')}</Text> },
    { key: 'conclusions', header: c.conclusions, render: (r) => <ConclusionBadges hipaa={r.hipaaConclusion} gdpr={r.gdprConclusion} /> },
    { key: 'clocks', header: c.clocks, sortField: 'nextDueAt', render: (r) => <OpenClocks open={r.openObligations} overdue={r.overdueObligations} nextDueAt={r.nextDueAt} now={now} /> },
    { key: 'updatedAt', header: c.updatedAt, sortField: 'updatedAt', render: (r) => dateCell(r.updatedAt, timeZone) },
  ];
  const shown = new Set<string>(['ref', 'title', ...visible]);
  return columns.filter((column) => shown.has(column.key));
}
