/** The assets a control protects, with a server-searched picker over the asset register (same organization only). */
import { ActionIcon, Button, Group, Paper, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLink, IconSearch, IconServer2, IconUnlink } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { ASSET_TYPE_LABELS } from '../../../shared/contracts/assets.js';
import { ZPage } from '../../../shared/contracts/common.js';
import type { TControlDetail } from '../../../shared/contracts/controls.js';
import { apiRequest } from '../../kernel/api-client.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { RouterAnchor } from '../../ui/links.js';
import { controlKeys, invalidateControls, linkAssets, unlinkAsset } from './controls-api.js';
import { controlMessages as m } from './messages.js';

// Only the fields the picker shows: the asset register's own contract stays the assets feature's.
const ZAssetOptionPage = ZPage(z.object({ id: z.string(), name: z.string() }).loose());

function AssetPicker({ orgId, control }: { orgId: string; control: TControlDetail }) {
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(search, 250);
  const term = debounced.trim();
  const options = useQuery({
    queryKey: ['organizations', orgId, 'assets', 'list', { q: term, picker: true }],
    queryFn: ({ signal }) => apiRequest(`/orgs/${encodeURIComponent(orgId)}/assets`, { schema: ZAssetOptionPage, query: { q: term || undefined, page: 1, pageSize: 25, sort: 'name' }, signal }),
  });
  const linked = new Set(control.assets.map((a) => a.id));
  const data = (options.data?.items ?? []).filter((a) => !linked.has(a.id)).map((a) => ({ value: a.id, label: a.name }));
  const link = useMutation({
    mutationFn: (id: string) => linkAssets(orgId, control.id, [id]),
    onSuccess: async (result) => {
      queryClient.setQueryData(controlKeys.detail(orgId, control.id), result);
      setChosen(null);
      setSearch('');
      await invalidateControls(queryClient, orgId);
    },
  });
  return (
    <Paper withBorder p="md" radius="md">
      <Group align="flex-end" gap="sm">
        <Select label={m.assetPicker} placeholder={m.pickerPlaceholder} searchable clearable data={data} value={chosen} searchValue={search} onSearchChange={setSearch} filter={({ options: all }) => all} onChange={setChosen} nothingFoundMessage={options.isFetching ? undefined : m.pickerNothing} leftSection={<IconSearch size={16} aria-hidden />} w={420} comboboxProps={{ withinPortal: true }} data-testid="asset-picker" />
        <Button leftSection={<IconLink size={16} aria-hidden />} disabled={!chosen} loading={link.isPending} onClick={() => chosen && link.mutate(chosen)} data-testid="asset-link">
          {m.link}
        </Button>
      </Group>
      {link.error ? <ErrorState error={link.error} /> : null}
    </Paper>
  );
}

export function ControlAssetsTab({ orgId, control, canReadAssets }: { orgId: string; control: TControlDetail; canReadAssets: boolean }) {
  const queryClient = useQueryClient();
  const canEdit = control.abilities.update && canReadAssets;
  const unlink = useMutation({
    mutationFn: (id: string) => unlinkAsset(orgId, control.id, id),
    onSuccess: async (result) => {
      queryClient.setQueryData(controlKeys.detail(orgId, control.id), result);
      await invalidateControls(queryClient, orgId);
    },
  });
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {m.assetsIntro}
      </Text>
      {canEdit ? <AssetPicker orgId={orgId} control={control} /> : null}
      {unlink.error ? <ErrorState error={unlink.error} /> : null}
      {control.assets.length === 0 ? (
        <EmptyState icon={<IconServer2 size={28} aria-hidden />} title={m.noAssetsTitle} description={m.noAssetsBody} testId="assets-empty" />
      ) : (
        <Table verticalSpacing={6} data-testid="control-assets">
          <Table.Tbody>
            {control.assets.map((asset) => (
              <Table.Tr key={asset.id}>
                <Table.Td>
                  {canReadAssets && !control.inherited ? (
                    <RouterAnchor to="/o/$orgId/assets/$assetId" params={{ orgId, assetId: asset.id }} size="sm">
                      {asset.name}
                    </RouterAnchor>
                  ) : (
                    <Text size="sm">{asset.name}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{ASSET_TYPE_LABELS[asset.type as keyof typeof ASSET_TYPE_LABELS] ?? asset.type}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {asset.owner ?? m.notSet}
                  </Text>
                </Table.Td>
                {canEdit ? (
                  <Table.Td w={50}>
                    <Tooltip label={`${m.unlink} ${asset.name}`}>
                      <ActionIcon variant="subtle" color="red" aria-label={`${m.unlink} ${asset.name}`} onClick={() => unlink.mutate(asset.id)} data-testid="asset-unlink">
                        <IconUnlink size={16} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
