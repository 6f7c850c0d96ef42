/**
 * One control: a header with its code, name, status, effectiveness and inheritance, and tabs for its
 * fields, the requirements it satisfies across frameworks, the assets it protects, its evidence and its
 * history (from the audit trail). Actions follow the control's `abilities`; History needs audit.read.
 */
import { Badge, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsSplit2, IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { TControlDetail } from '../../../shared/contracts/controls.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { ErrorState } from '../../ui/error-state.js';
import { LinkButton, RouterAnchor } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { hasPermission } from '../auth/index.js';
import { ControlAssetsTab } from './control-assets-tab.js';
import { EffectivenessBadge, InheritedBadge, OverdueBadge, StatusBadge } from './control-badges.js';
import { ControlEvidenceTab } from './control-evidence-tab.js';
import { ControlHistoryTab } from './control-history-tab.js';
import { ControlOverviewTab } from './control-overview-tab.js';
import { ControlRequirementsTab } from './control-requirements-tab.js';
import { ControlRisksTab } from './control-risks-tab.js';
import type { ControlTab } from './control-search.js';
import { controlKeys, controlQuery, deleteControl, invalidateControls } from './controls-api.js';
import { controlMessages as m } from './messages.js';

const route = getRouteApi('/_authed/o/$orgId/controls/$controlId');

function Header({ control, onDelete }: { control: TControlDetail; onDelete: () => void }) {
  const { orgId } = useCurrentOrg();
  return (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="md" mb="lg">
      <Stack gap={6} maw={860}>
        <RouterAnchor to="/o/$orgId/controls" params={{ orgId }} size="xs" fw={700} tt="uppercase" lts={0.6}>
          {m.registerTitle}
        </RouterAnchor>
        <Title order={1} fz={26} data-testid="page-title">
          <Text span ff="monospace" fz={22} c="dimmed" mr={8}>
            {control.code}
          </Text>
          {control.name}
        </Title>
        <Group gap="xs" wrap="wrap" data-testid="control-header-badges">
          <StatusBadge value={control.status} />
          <EffectivenessBadge value={control.effectiveness} />
          <Badge variant="default" styles={{ label: { textTransform: 'none' } }}>
            {m.categories[control.category]}
          </Badge>
          {control.inherited ? <InheritedBadge from={control.organizationName} /> : null}
          {control.reviewOverdue ? <OverdueBadge /> : null}
        </Group>
        <RouterAnchor to="/o/$orgId/readiness/controls/$controlId" params={{ orgId, controlId: control.id }} size="sm" data-testid="control-comply-once">
          <Group gap={4} component="span">
            <IconArrowsSplit2 size={14} aria-hidden />
            {m.comply}
          </Group>
        </RouterAnchor>
      </Stack>
      <Group gap="sm">
        {control.abilities.delete ? (
          <Button variant="default" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={onDelete} data-testid="control-delete">
            {m.delete}
          </Button>
        ) : null}
        {control.abilities.update ? (
          <LinkButton to="/o/$orgId/controls/$controlId/edit" params={{ orgId, controlId: control.id }} leftSection={<IconPencil size={16} aria-hidden />} data-testid="control-edit">
            {m.edit}
          </LinkButton>
        ) : null}
      </Group>
    </Group>
  );
}

export function ControlDetailPage() {
  const { orgId, membership } = useCurrentOrg();
  const { controlId } = route.useParams();
  const search = route.useSearch();
  const routeNavigate = route.useNavigate();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useQuery(controlQuery(orgId, controlId));
  const [isDeleting, setDeleting] = useState(false);
  const canReadAudit = hasPermission(membership, 'audit.read');
  const canReadAssets = hasPermission(membership, 'asset.read');
  const canReadRisks = hasPermission(membership, 'risk.read');
  const remove = useMutation({
    mutationFn: () => deleteControl(orgId, controlId),
    onSuccess: async () => {
      const code = query.data?.code ?? '';
      setDeleting(false);
      await navigate({ to: '/o/$orgId/controls', params: { orgId } });
      queryClient.removeQueries({ queryKey: controlKeys.detail(orgId, controlId) });
      await invalidateControls(queryClient, orgId);
      notifications.show({ color: 'green', message: m.deleted(code) });
    },
  });

  if (query.isPending) return <LoadingState rows={8} />;
  if (query.isError) {
    return (
      <Stack gap="md" maw={760}>
        <ErrorState error={query.error} title={m.notShown} onRetry={() => void query.refetch()} />
        <div>
          <LinkButton to="/o/$orgId/controls" params={{ orgId }} variant="default">
            {m.backToRegister}
          </LinkButton>
        </div>
      </Stack>
    );
  }
  const control = query.data;
  const tab: ControlTab = search.tab === 'history' && !canReadAudit ? 'overview' : (search.tab ?? 'overview');
  const setTab = (next: string | null) => void routeNavigate({ search: { tab: next === 'overview' ? undefined : (next as ControlTab) }, replace: true });
  const count = (n: number) => (n > 0 ? <Badge size="sm" variant="light" circle aria-hidden>{n}</Badge> : undefined);

  return (
    <>
      <Header control={control} onDelete={() => setDeleting(true)} />
      <Tabs value={tab} onChange={setTab} keepMounted={false} data-testid="control-tabs">
        <Tabs.List aria-label={m.tabsLabel} mb="lg">
          <Tabs.Tab value="overview" data-testid="control-tab-overview">
            {m.tabs.overview}
          </Tabs.Tab>
          <Tabs.Tab value="requirements" rightSection={count(control.requirementCount)} data-testid="control-tab-requirements">
            {m.tabs.requirements}
          </Tabs.Tab>
          <Tabs.Tab value="assets" rightSection={count(control.assetCount)} data-testid="control-tab-assets">
            {m.tabs.assets}
          </Tabs.Tab>
          <Tabs.Tab value="risks" rightSection={count(control.risks.length)} data-testid="control-tab-risks">
            {m.tabs.risks}
          </Tabs.Tab>
          <Tabs.Tab value="evidence" rightSection={count(control.evidenceCount)} data-testid="control-tab-evidence">
            {m.tabs.evidence}
          </Tabs.Tab>
          {canReadAudit && !control.inherited ? (
            <Tabs.Tab value="history" data-testid="control-tab-history">
              {m.tabs.history}
            </Tabs.Tab>
          ) : null}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <ControlOverviewTab control={control} />
        </Tabs.Panel>
        <Tabs.Panel value="requirements">
          <ControlRequirementsTab orgId={orgId} control={control} />
        </Tabs.Panel>
        <Tabs.Panel value="assets">
          <ControlAssetsTab orgId={orgId} control={control} canReadAssets={canReadAssets} />
        </Tabs.Panel>
        <Tabs.Panel value="risks">
          <ControlRisksTab control={control} canReadRisks={canReadRisks} />
        </Tabs.Panel>
        <Tabs.Panel value="evidence">
          <ControlEvidenceTab orgId={orgId} control={control} timeZone={membership.timeZone} />
        </Tabs.Panel>
        {canReadAudit && !control.inherited ? (
          <Tabs.Panel value="history">
            <Text size="sm" c="dimmed" mb="sm">
              {m.historyHint}
            </Text>
            <ControlHistoryTab orgId={orgId} controlId={control.id} timeZone={membership.timeZone} />
          </Tabs.Panel>
        ) : null}
      </Tabs>
      <ConfirmDialog
        opened={isDeleting}
        title={m.deleteTitle(control.code)}
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
        testId="control-delete-dialog"
      >
        {m.deleteBody}
      </ConfirmDialog>
    </>
  );
}
