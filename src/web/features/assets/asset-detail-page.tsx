/**
 * One asset: a header with its identity, type, criticality, classification, ePHI marker and gap count,
 * and tabs for its fields, dependencies, data flows, gaps and history (from the audit trail). Actions
 * follow the asset's `abilities`; the History tab needs audit.read.
 */
import { Badge, Button, Group, Stack, Tabs, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { ASSET_TYPE_LABELS, type TAsset } from '../../../shared/contracts/assets.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { ErrorState } from '../../ui/error-state.js';
import { LinkButton, RouterAnchor } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { hasPermission } from '../auth/index.js';
import { ClassificationBadge, CriticalityBadge, EphiBadge, SupportsCriticalBadge } from './asset-badges.js';
import { AssetDependenciesTab } from './asset-dependencies-tab.js';
import { AssetFlowsTab } from './asset-flows-tab.js';
import { AssetGapsTab } from './asset-gaps-tab.js';
import { AssetHistoryTab } from './asset-history-tab.js';
import { AssetOverviewTab } from './asset-overview-tab.js';
import type { AssetTab } from './asset-search.js';
import { assetKeys, assetQuery, deleteAsset, invalidateAssets } from './assets-api.js';
import { assetMessages as m } from './messages.js';

const route = getRouteApi('/_authed/o/$orgId/assets/$assetId');

function Header({ asset, onGaps, onDelete }: { asset: TAsset; onGaps: () => void; onDelete: () => void }) {
  const { orgId } = useCurrentOrg();
  return (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="md" mb="lg">
      <Stack gap={6} maw={860}>
        <RouterAnchor to="/o/$orgId/assets" params={{ orgId }} size="xs" fw={700} tt="uppercase" lts={0.6}>
          {m.registerTitle}
        </RouterAnchor>
        <Title order={1} fz={26} data-testid="page-title">
          {asset.name}
        </Title>
        <Group gap="xs" wrap="wrap" data-testid="asset-header-badges">
          <Badge variant="default" styles={{ label: { textTransform: 'none' } }}>
            {ASSET_TYPE_LABELS[asset.type]}
          </Badge>
          <CriticalityBadge value={asset.criticality} withLabel />
          <ClassificationBadge name={asset.classificationName} colour={asset.classificationColour} />
          {asset.handlesEphi ? <EphiBadge /> : null}
          {asset.supportsCriticalService ? <SupportsCriticalBadge /> : null}
          {asset.gapCount > 0 ? (
            <UnstyledButton onClick={onGaps} aria-label={m.gapCountLink(asset.gapCount, asset.name)} data-testid="asset-header-gaps">
              <Badge variant="filled" color="red" style={{ cursor: 'pointer' }}>
                {m.gapBadge(asset.gapCount)}
              </Badge>
            </UnstyledButton>
          ) : (
            <Badge variant="light" color="green" data-testid="asset-header-gaps">
              {m.gapBadge(0)}
            </Badge>
          )}
          {asset.externalRef ? (
            <Text size="sm" c="dimmed" ff="monospace">
              {asset.externalRef}
            </Text>
          ) : null}
        </Group>
        {asset.description ? (
          <Text c="dimmed" size="sm" lineClamp={2}>
            {asset.description}
          </Text>
        ) : null}
      </Stack>
      <Group gap="sm">
        {asset.abilities.delete ? (
          <Button variant="default" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={onDelete} data-testid="asset-delete">
            {m.delete}
          </Button>
        ) : null}
        {asset.abilities.update ? (
          <LinkButton to="/o/$orgId/assets/$assetId/edit" params={{ orgId, assetId: asset.id }} leftSection={<IconPencil size={16} aria-hidden />} data-testid="asset-edit">
            {m.edit}
          </LinkButton>
        ) : null}
      </Group>
    </Group>
  );
}

export function AssetDetailPage() {
  const { orgId, membership } = useCurrentOrg();
  const { assetId } = route.useParams();
  const search = route.useSearch();
  const routeNavigate = route.useNavigate();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useQuery(assetQuery(orgId, assetId));
  const [isDeleting, setDeleting] = useState(false);
  const canReadAudit = hasPermission(membership, 'audit.read');
  const remove = useMutation({
    mutationFn: () => deleteAsset(orgId, assetId),
    onSuccess: async () => {
      const name = query.data?.name ?? '';
      setDeleting(false);
      await navigate({ to: '/o/$orgId/assets', params: { orgId } });
      queryClient.removeQueries({ queryKey: assetKeys.detail(orgId, assetId) });
      await invalidateAssets(queryClient, orgId);
      notifications.show({ color: 'green', message: m.deleted(name) });
    },
  });

  if (query.isPending) return <LoadingState rows={8} />;
  if (query.isError) {
    return (
      <Stack gap="md" maw={760}>
        <ErrorState error={query.error} title={m.assetNotShown} onRetry={() => void query.refetch()} />
        <div>
          <LinkButton to="/o/$orgId/assets" params={{ orgId }} variant="default">
            {m.backToRegister}
          </LinkButton>
        </div>
      </Stack>
    );
  }
  const asset = query.data;
  const tab: AssetTab = search.tab === 'history' && !canReadAudit ? 'overview' : (search.tab ?? 'overview');
  const setTab = (next: string | null) => void routeNavigate({ search: { tab: next === 'overview' ? undefined : (next as AssetTab) }, replace: true });
  const timeZone = membership.timeZone;

  return (
    <>
      <Header asset={asset} onGaps={() => setTab('gaps')} onDelete={() => setDeleting(true)} />
      <Tabs value={tab} onChange={setTab} keepMounted={false} data-testid="asset-tabs">
        <Tabs.List aria-label={m.tabsLabel} mb="lg">
          <Tabs.Tab value="overview" data-testid="asset-tab-overview">
            {m.tabs.overview}
          </Tabs.Tab>
          <Tabs.Tab value="dependencies" data-testid="asset-tab-dependencies">
            {m.tabs.dependencies}
          </Tabs.Tab>
          <Tabs.Tab value="flows" data-testid="asset-tab-flows">
            {m.tabs.flows}
          </Tabs.Tab>
          <Tabs.Tab
            value="gaps"
            rightSection={
              asset.gapCount > 0 ? (
                <Badge size="sm" color="red" variant="filled" circle aria-hidden>
                  {asset.gapCount}
                </Badge>
              ) : undefined
            }
            data-testid="asset-tab-gaps"
          >
            {m.tabs.gaps}
            <VisuallyHidden>{` (${m.gapBadge(asset.gapCount)})`}</VisuallyHidden>
          </Tabs.Tab>
          {canReadAudit ? (
            <Tabs.Tab value="history" data-testid="asset-tab-history">
              {m.tabs.history}
            </Tabs.Tab>
          ) : null}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <AssetOverviewTab asset={asset} timeZone={timeZone} />
        </Tabs.Panel>
        <Tabs.Panel value="dependencies">
          <AssetDependenciesTab orgId={orgId} asset={asset} />
        </Tabs.Panel>
        <Tabs.Panel value="flows">
          <AssetFlowsTab orgId={orgId} asset={asset} />
        </Tabs.Panel>
        <Tabs.Panel value="gaps">
          <AssetGapsTab orgId={orgId} assetId={asset.id} />
        </Tabs.Panel>
        {canReadAudit ? (
          <Tabs.Panel value="history">
            <Text size="sm" c="dimmed" mb="sm">
              {m.historyHint}
            </Text>
            <AssetHistoryTab orgId={orgId} assetId={asset.id} timeZone={timeZone} />
          </Tabs.Panel>
        ) : null}
      </Tabs>
      <ConfirmDialog
        opened={isDeleting}
        title={m.deleteTitle(asset.name)}
        recorded={m.deleteRecorded}
        confirmLabel={m.delete}
        isDestructive
        isPending={remove.isPending}
        error={remove.error}
        onClose={() => {
          setDeleting(false);
          remove.reset();
        }}
        onConfirm={() => remove.mutate()}
        testId="asset-delete-dialog"
      >
        {m.deleteBody}
      </ConfirmDialog>
    </>
  );
}
