/** The risk register's columns and the person's choice of them (kept in this browser). */
import { Group, Text, Stack } from '@mantine/core';
import { type ReactNode } from 'react';
import type { TRiskSummary } from '../../../shared/contracts/risks.js';
import { formatDate } from '../../kernel/format.js';
import { ColumnChooser, useColumnChoice } from '../../ui/column-chooser.js';
import type { Column } from '../../ui/data-table.js';
import { RouterAnchor } from '../../ui/links.js';
import { riskMessages as m } from './messages.js';
import { AcceptanceBadge, DueDate, EphiBadge, LevelBadge, PatientSafetyBadge, TreatmentBadge } from './risk-badges.js';
import type { RiskSortField } from './risk-search.js';

export const OPTIONAL_RISK_COLUMNS = ['category', 'owner', 'inherent', 'current', 'residual', 'treatment', 'acceptance', 'nextReview', 'tasks', 'ephi', 'updatedAt'] as const;
export type OptionalRiskColumn = (typeof OPTIONAL_RISK_COLUMNS)[number];
const DEFAULT_COLUMNS: readonly OptionalRiskColumn[] = ['category', 'owner', 'inherent', 'current', 'residual', 'treatment', 'acceptance', 'nextReview', 'tasks'];
const STORAGE_KEY = 'custos.risks.columns';

export function useRiskColumnChoice(): [OptionalRiskColumn[], (next: OptionalRiskColumn[]) => void] {
  return useColumnChoice(STORAGE_KEY, OPTIONAL_RISK_COLUMNS, DEFAULT_COLUMNS);
}

export function RiskColumnChooser({ visible, onChange }: { visible: OptionalRiskColumn[]; onChange: (next: OptionalRiskColumn[]) => void }) {
  return <ColumnChooser all={OPTIONAL_RISK_COLUMNS} labels={m.columns} visible={visible} onChange={onChange} buttonLabel={m.columnsButton} legend={m.columnsLegend} testId="risk-columns" />;
}

const NO_WRAP = { whiteSpace: 'nowrap' } as const;

export interface RiskColumnOptions {
  visible: OptionalRiskColumn[];
  timeZone: string;
  showSite: boolean;
  /** Organizations I can open (at a group, a site's risk links into the site). */
  openable: Set<string>;
}

function RiskLink({ risk, openable, children, testId }: { risk: TRiskSummary; openable: Set<string>; children: ReactNode; testId: string }) {
  if (!openable.has(risk.organizationId)) return <Text size="sm">{children}</Text>;
  return (
    <RouterAnchor to="/o/$orgId/risks/$riskId" params={{ orgId: risk.organizationId, riskId: risk.id }} size="sm" fw={600} data-testid={testId}>
      {children}
    </RouterAnchor>
  );
}

export function riskColumns({ visible, timeZone, showSite, openable }: RiskColumnOptions): Column<TRiskSummary, RiskSortField>[] {
  const all: Record<OptionalRiskColumn, Column<TRiskSummary, RiskSortField>> = {
    category: { key: 'category', header: m.columns.category, sortField: 'category', render: (r) => <Text size="sm">{m.categories[r.category]}</Text> },
    owner: {
      key: 'owner',
      header: m.columns.owner,
      sortField: 'owner',
      render: (r) => (
        <Text size="sm" c={r.owner ? undefined : 'dimmed'}>
          {r.owner?.name ?? m.nobody}
        </Text>
      ),
    },
    inherent: { key: 'inherent', header: m.columns.inherent, sortField: 'inherent', render: (r) => <LevelBadge level={r.inherent} /> },
    current: { key: 'current', header: m.columns.current, sortField: 'current', render: (r) => <LevelBadge level={r.current} /> },
    residual: { key: 'residual', header: m.columns.residual, sortField: 'residual', render: (r) => <LevelBadge level={r.residual} /> },
    treatment: { key: 'treatment', header: m.columns.treatment, render: (r) => <TreatmentBadge option={r.treatmentOption} /> },
    acceptance: { key: 'acceptance', header: m.columns.acceptance, render: (r) => <AcceptanceBadge state={r.acceptanceState} /> },
    nextReview: { key: 'nextReview', header: m.columns.nextReview, sortField: 'nextReviewOn', render: (r) => <DueDate date={r.nextReviewOn} isOverdue={r.reviewOverdue} testId="risk-next-review" /> },
    tasks: {
      key: 'tasks',
      header: m.columns.tasks,
      render: (r) => (
        <Text size="sm" c={r.overdueTaskCount > 0 ? 'red.9' : r.openTaskCount === 0 ? 'dimmed' : undefined} fw={r.overdueTaskCount > 0 ? 700 : undefined} style={NO_WRAP} data-testid="risk-task-counts">
          {m.tasksCell(r.openTaskCount, r.overdueTaskCount)}
        </Text>
      ),
    },
    ephi: {
      key: 'ephi',
      header: m.columns.ephi,
      render: (r) =>
        r.handlesEphi ? (
          <EphiBadge />
        ) : (
          <Text size="sm" c="dimmed">
            {m.no}
          </Text>
        ),
    },
    updatedAt: { key: 'updatedAt', header: m.columns.updatedAt, sortField: 'updatedAt', render: (r) => <Text size="sm" style={NO_WRAP}>{formatDate(r.updatedAt, timeZone)}</Text> },
  };
  const ref: Column<TRiskSummary, RiskSortField> = {
    key: 'ref',
    header: m.columns.ref,
    sortField: 'ref',
    width: 90,
    render: (r) => (
      <RiskLink risk={r} openable={openable} testId="risk-ref-link">
        <span style={{ fontFamily: 'var(--mantine-font-family-monospace)', ...NO_WRAP }}>{r.ref}</span>
      </RiskLink>
    ),
  };
  const title: Column<TRiskSummary, RiskSortField> = {
    key: 'title',
    header: m.columns.title,
    sortField: 'title',
    render: (r) => (
      <Stack gap={2} miw={220}>
        <RiskLink risk={r} openable={openable} testId="risk-link">
          {r.title}
        </RiskLink>
        {r.threatTitle || r.patientSafety || r.status === 'closed' ? (
          <Group gap={6}>
            {r.threatTitle ? (
              <Text size="xs" c="dimmed">
                {r.threatTitle}
              </Text>
            ) : null}
            {r.patientSafety ? <PatientSafetyBadge /> : null}
            {r.status === 'closed' ? (
              <Text size="xs" fw={700}>
                {m.statuses.closed}
              </Text>
            ) : null}
          </Group>
        ) : null}
      </Stack>
    ),
  };
  const site: Column<TRiskSummary, RiskSortField> = { key: 'site', header: m.columns.site, render: (r) => <Text size="sm">{r.organizationName}</Text> };
  return [ref, title, ...(showSite ? [site] : []), ...visible.map((column) => all[column])];
}
