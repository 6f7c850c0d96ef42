/**
 * Plan → Data flows: where ePHI and other data travel (A.5.14 information transfer; 45 CFR 164.312(e)(1)
 * transmission security; 164.308(b)(1) business associates). Systems are nodes, flows are arrows,
 * external parties a different shape; risky ePHI flows are dashed, red and labelled. The table tab lists
 * the same flows for keyboard and screen-reader use.
 */
import { Alert, Group, Paper, Stack, Switch, Tabs, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { lazy, Suspense, useMemo } from 'react';
import type { TAsset } from '../../../shared/contracts/assets.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { ErrorState } from '../../ui/error-state.js';
import { LoadingState } from '../../ui/loading-state.js';
import { PageHeader } from '../../ui/page-header.js';
import type { FlowDiagramSearch } from './asset-search.js';
import { allAssetsQuery, flowsQuery } from './assets-api.js';
import { buildFlowGraph } from './flow-graph.js';
import { FlowTable } from './flow-table.js';
import { assetMessages as m } from './messages.js';

const route = getRouteApi('/_authed/o/$orgId/data-flows');
// The graph library and its stylesheet load only when a diagram is shown (the register stays light).
const FlowDiagram = lazy(() => import('./flow-diagram.js').then((module) => ({ default: module.FlowDiagram })));
const LIMIT = 5000;

export function FlowDiagramPage() {
  const { orgId } = useCurrentOrg();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const ephiOnly = search.ephiOnly ?? 'yes';
  const view = search.view ?? 'diagram';
  const flows = useQuery(flowsQuery(orgId, { ephiOnly, limit: LIMIT }));
  const assets = useQuery(allAssetsQuery(orgId));
  const update = (next: Partial<FlowDiagramSearch>) => void navigate({ search: (prev) => ({ ...prev, ...next }), replace: true });
  const byId = useMemo(() => new Map<string, TAsset>((assets.data?.items ?? []).map((asset) => [asset.id, asset])), [assets.data]);
  const graph = useMemo(() => (flows.data && !assets.isPending ? buildFlowGraph(flows.data.items, byId) : null), [flows.data, byId, assets.isPending]);

  return (
    <>
      <PageHeader eyebrow={m.plan} title={m.flowsTitle} description={m.flowsDescription} />
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Switch label={m.ephiOnly} checked={ephiOnly === 'yes'} onChange={(event) => update({ ephiOnly: event.currentTarget.checked ? undefined : 'no' })} data-testid="flows-ephi-only" />
          {flows.data ? (
            <Text size="sm" c="dimmed" aria-live="polite" data-testid="flows-count">
              {m.laidOut(graph?.nodes.length ?? 0, flows.data.total)}
            </Text>
          ) : null}
        </Group>
        {flows.data && flows.data.total >= LIMIT ? (
          <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {m.truncated(LIMIT)}
          </Alert>
        ) : null}
        {assets.isError ? (
          <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {m.moreAssets}
          </Alert>
        ) : null}
        {flows.isError ? <ErrorState error={flows.error} onRetry={() => void flows.refetch()} /> : null}
        <Tabs value={view} onChange={(next) => update({ view: next === 'table' ? 'table' : undefined })} keepMounted={false}>
          <Tabs.List aria-label={m.viewLabel} mb="md">
            <Tabs.Tab value="diagram" data-testid="flows-tab-diagram">
              {m.diagram}
            </Tabs.Tab>
            <Tabs.Tab value="table" data-testid="flows-tab-table">
              {m.table}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="diagram">
            {!graph ? <LoadingState rows={6} /> : null}
            {graph && graph.edges.length === 0 ? (
              <Paper withBorder radius="md" p="lg">
                <Text size="sm">{m.flowsEmptyAll}</Text>
              </Paper>
            ) : null}
            {graph && graph.edges.length > 0 ? (
              <Suspense fallback={<LoadingState rows={6} label={m.layingOut} />}>
                <FlowDiagram orgId={orgId} nodes={graph.nodes} edges={graph.edges} />
              </Suspense>
            ) : null}
          </Tabs.Panel>
          <Tabs.Panel value="table">
            {flows.isPending ? <LoadingState rows={6} /> : null}
            {flows.data && flows.data.items.length === 0 ? (
              <Paper withBorder radius="md" p="lg">
                <Text size="sm">{m.flowsEmptyAll}</Text>
              </Paper>
            ) : null}
            {flows.data && flows.data.items.length > 0 ? <FlowTable orgId={orgId} flows={flows.data.items} caption={m.flowsTitle} testId="flows-table" /> : null}
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </>
  );
}
