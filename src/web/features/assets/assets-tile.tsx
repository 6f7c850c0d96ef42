/** The overview's assets tile: how many assets, how many hold ePHI, and how many gaps (each links to its list). */
import { Group, Paper, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconServer2 } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { RouterAnchor } from '../../ui/links.js';
import { assetsQuery, gapSummaryQuery } from './assets-api.js';
import { assetMessages as m } from './messages.js';

export function AssetsTile({ orgId }: { orgId: string }) {
  const all = useQuery(assetsQuery(orgId, { page: 1, pageSize: 1 }));
  const ephi = useQuery(assetsQuery(orgId, { page: 1, pageSize: 1, ephi: 'yes' }));
  const gaps = useQuery(gapSummaryQuery(orgId));
  return (
    <Paper withBorder radius="md" p="md" data-testid="stat-assets">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase">
            {m.tileTitle}
          </Text>
          <Text fz={28} fw={700} lh={1.2}>
            {all.isPending ? <Skeleton height={30} width={60} mt={2} component="span" display="block" /> : (all.data?.total.toLocaleString('en-GB') ?? '—')}
          </Text>
        </Stack>
        <ThemeIcon variant="light" size={38} radius="md" aria-hidden>
          <IconServer2 size={22} />
        </ThemeIcon>
      </Group>
      <Stack gap={2} mt="xs">
        {ephi.data ? (
          <RouterAnchor to="/o/$orgId/assets" params={{ orgId }} search={{ ephi: 'yes' }} size="sm" data-testid="stat-assets-ephi">
            {m.tileEphi(ephi.data.total)}
          </RouterAnchor>
        ) : null}
        {gaps.data ? (
          <RouterAnchor to="/o/$orgId/gaps" params={{ orgId }} size="sm" c={gaps.data.total > 0 ? 'red.9' : undefined} fw={gaps.data.total > 0 ? 600 : undefined} data-testid="stat-assets-gaps">
            {m.tileGaps(gaps.data.total)}
          </RouterAnchor>
        ) : null}
        <RouterAnchor to="/o/$orgId/assets" params={{ orgId }} size="sm">
          {m.tileRegister}
        </RouterAnchor>
      </Stack>
    </Paper>
  );
}
