/**
 * Gaps as a paged table: the rule in words with its anchor in the standards, the asset, and the detail.
 * With risk.write, each gap offers "Create risk": the risk form pre-filled from the gap (ISO/IEC
 * 27001:2022 6.1.2 c: a weakness found in the inventory becomes a risk scenario to assess).
 */
import { Code, Stack, Text } from '@mantine/core';
import { IconAlertOctagon, IconShieldCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { TGap } from '../../../shared/contracts/assets.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { DataTable, type Column } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { LinkButton, RouterAnchor } from '../../ui/links.js';
import { hasPermission } from '../auth/index.js';
import { assetMessages as m, GAP_RULE_TEXT } from './messages.js';

export interface GapTableProps {
  orgId: string;
  caption: string;
  page?: { items: TGap[]; total: number; page: number; pageSize: number };
  isLoading: boolean;
  isFetching: boolean;
  error: unknown;
  onRetry: () => void;
  onPageChange: (page: number) => void;
  onPageSizeChange?: (pageSize: number) => void;
  /** Hide the asset column (on the asset's own tab). */
  withAsset?: boolean;
  empty?: ReactNode;
  testId?: string;
}

export function GapTable({ orgId, caption, page, isLoading, isFetching, error, onRetry, onPageChange, onPageSizeChange, withAsset = true, empty, testId }: GapTableProps) {
  const canCreateRisk = hasPermission(useCurrentOrg().membership, 'risk.write');
  const createRisk: Column<TGap> = {
    key: 'risk',
    header: m.gapRiskColumn,
    isHeaderHidden: true,
    width: 130,
    render: (gap) => (
      <LinkButton
        to="/o/$orgId/risks/new"
        params={{ orgId }}
        search={{ fromAsset: gap.assetId, rule: gap.rule }}
        size="compact-sm"
        variant="light"
        leftSection={<IconAlertOctagon size={14} aria-hidden />}
        aria-label={m.createRiskFromGap(GAP_RULE_TEXT[gap.rule].title, gap.assetName)}
        data-testid="gap-create-risk"
      >
        {m.createRisk}
      </LinkButton>
    ),
  };
  const columns: Column<TGap>[] = [
    {
      key: 'rule',
      header: m.rule,
      render: (gap) => (
        <Stack gap={2}>
          <Text size="sm" fw={500} data-testid="gap-title">
            {GAP_RULE_TEXT[gap.rule].title}
          </Text>
          <Text size="xs" c="dimmed">
            {m.reference}: <span data-testid="gap-reference">{GAP_RULE_TEXT[gap.rule].reference}</span>
          </Text>
        </Stack>
      ),
    },
    ...(withAsset
      ? [
          {
            key: 'asset',
            header: m.asset,
            render: (gap: TGap) => (
              <RouterAnchor to="/o/$orgId/assets/$assetId" params={{ orgId, assetId: gap.assetId }} search={{ tab: gap.flowId ? 'flows' : 'overview' }} size="sm" fw={500} data-testid="gap-asset">
                {gap.assetName}
              </RouterAnchor>
            ),
          },
        ]
      : []),
    {
      key: 'detail',
      header: m.detail,
      render: (gap) => (
        <Stack gap={2}>
          <Text size="sm" data-testid="gap-detail">
            {gap.detail}
          </Text>
          {gap.flowId ? (
            <Text size="xs" c="dimmed">
              <RouterAnchor to="/o/$orgId/assets/$assetId" params={{ orgId, assetId: gap.assetId }} search={{ tab: 'flows' }} size="xs">
                {m.openFlow}
              </RouterAnchor>{' '}
              <Code fz="xs">{gap.flowId.slice(0, 8)}</Code>
            </Text>
          ) : null}
        </Stack>
      ),
    },
    ...(canCreateRisk ? [createRisk] : []),
  ];
  return (
    <DataTable
      caption={caption}
      testId={testId}
      columns={columns}
      rows={page?.items}
      total={page?.total ?? 0}
      page={page?.page ?? 1}
      pageSize={page?.pageSize ?? 50}
      rowKey={(gap) => `${gap.rule}:${gap.assetId}:${gap.flowId ?? ''}`}
      rowAttributes={(gap) => ({ 'data-rule': gap.rule, 'data-asset-id': gap.assetId })}
      onPageChange={onPageChange}
      onPageSizeChange={onPageSizeChange}
      isLoading={isLoading}
      isFetching={isFetching}
      error={error}
      onRetry={onRetry}
      minWidth={760}
      empty={empty ?? <EmptyState icon={<IconShieldCheck size={28} aria-hidden />} title={m.gapsEmptyTitle} description={m.gapsEmptyBody} testId="gaps-empty" />}
    />
  );
}
