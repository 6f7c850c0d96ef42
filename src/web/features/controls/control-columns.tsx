/** The register's columns: code and name (linked), badges for status and effectiveness, counts, next review. */
import { Group, Stack, Text } from '@mantine/core';
import type { TControlSummary } from '../../../shared/contracts/controls.js';
import { formatDate } from '../../kernel/format.js';
import type { Column } from '../../ui/data-table.js';
import { RouterAnchor } from '../../ui/links.js';
import { EffectivenessBadge, ExpiredBadge, InheritedBadge, OverdueBadge, StatusBadge } from './control-badges.js';
import type { ControlSortField } from './control-search.js';
import { controlMessages as m } from './messages.js';

export function controlColumns(orgId: string): Column<TControlSummary, ControlSortField>[] {
  return [
    {
      key: 'code',
      header: m.columns.code,
      sortField: 'code',
      width: 110,
      render: (control) => (
        <Text size="sm" ff="monospace">
          {control.code}
        </Text>
      ),
    },
    {
      key: 'name',
      header: m.columns.name,
      sortField: 'name',
      render: (control) => (
        <Stack gap={4}>
          <RouterAnchor to="/o/$orgId/controls/$controlId" params={{ orgId, controlId: control.id }} fw={600} size="sm" data-testid="control-link">
            {control.name}
          </RouterAnchor>
          {control.inherited ? (
            <Group gap={4}>
              <InheritedBadge from={control.organizationName} />
            </Group>
          ) : null}
        </Stack>
      ),
    },
    { key: 'category', header: m.columns.category, sortField: 'category', width: 130, render: (control) => <Text size="sm">{m.categories[control.category]}</Text> },
    { key: 'status', header: m.columns.status, sortField: 'status', width: 120, render: (control) => <StatusBadge value={control.status} /> },
    { key: 'effectiveness', header: m.columns.effectiveness, sortField: 'effectiveness', width: 160, render: (control) => <EffectivenessBadge value={control.effectiveness} /> },
    { key: 'owner', header: m.columns.owner, sortField: 'owner', width: 140, render: (control) => <Text size="sm">{control.owner ?? m.notSet}</Text> },
    { key: 'requirements', header: m.columns.requirements, width: 120, render: (control) => <Text size="sm">{control.requirementCount}</Text> },
    {
      key: 'evidence',
      header: m.columns.evidence,
      width: 110,
      render: (control) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm">{control.evidenceCount}</Text>
          {control.expiredEvidenceCount > 0 ? <ExpiredBadge text={m.expiredCount(control.expiredEvidenceCount)} /> : null}
        </Group>
      ),
    },
    {
      key: 'nextReview',
      header: m.columns.nextReview,
      sortField: 'nextReviewOn',
      width: 130,
      render: (control) => (
        <Stack gap={2}>
          <Text size="sm">{control.nextReviewOn ? formatDate(control.nextReviewOn, 'UTC') : m.notSet}</Text>
          {control.reviewOverdue ? <OverdueBadge /> : null}
        </Stack>
      ),
    },
  ];
}
