/** An asset's data flows, in and out, with add / change / delete when the asset may be changed. */
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TAsset, TDataFlow } from '../../../shared/contracts/assets.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { ErrorState } from '../../ui/error-state.js';
import { LoadingState } from '../../ui/loading-state.js';
import { deleteFlow, flowsQuery, invalidateAssets } from './assets-api.js';
import { DataFlowDialog } from './data-flow-dialog.js';
import { FlowTable } from './flow-table.js';
import { assetMessages as m } from './messages.js';

export function AssetFlowsTab({ orgId, asset }: { orgId: string; asset: TAsset }) {
  const queryClient = useQueryClient();
  const query = useQuery(flowsQuery(orgId, { assetId: asset.id, limit: 5000 }));
  const [editing, setEditing] = useState<TDataFlow | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<TDataFlow | null>(null);
  const canEdit = asset.abilities.update;
  const remove = useMutation({
    mutationFn: (flow: TDataFlow) => deleteFlow(orgId, flow.id),
    onSuccess: async () => {
      setDeleting(null);
      await invalidateAssets(queryClient, orgId);
      notifications.show({ color: 'green', message: m.flowDeleted });
    },
  });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Text size="sm" c="dimmed" maw={720}>
          {m.flowsIntro}
        </Text>
        {canEdit ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing(null)} data-testid="flow-add">
            {m.addFlow}
          </Button>
        ) : null}
      </Group>
      {query.isPending ? <LoadingState rows={4} /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data && query.data.items.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <Text size="sm">{m.flowsEmpty}</Text>
        </Paper>
      ) : null}
      {query.data && query.data.items.length > 0 ? (
        <FlowTable orgId={orgId} flows={query.data.items} caption={m.tabs.flows} assetId={asset.id} canEdit={canEdit} onEdit={setEditing} onDelete={setDeleting} testId="asset-flows" />
      ) : null}
      {canEdit ? <DataFlowDialog orgId={orgId} asset={asset} flow={editing} onClose={() => setEditing(undefined)} /> : null}
      <ConfirmDialog
        opened={deleting !== null}
        title={m.flowDeleteTitle}
        recorded={m.flowRecorded}
        confirmLabel={m.delete}
        isDestructive
        isPending={remove.isPending}
        error={remove.error}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => deleting && remove.mutate(deleting)}
        testId="flow-delete-dialog"
      >
        {deleting ? m.flowDeleteBody(deleting.purpose) : ''}
      </ConfirmDialog>
    </Stack>
  );
}
