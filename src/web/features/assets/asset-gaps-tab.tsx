/** This asset's gaps, each with its rule in words and its anchor in the standards. */
import { useQuery } from '@tanstack/react-query';
import { IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyState } from '../../ui/empty-state.js';
import { gapsQuery } from './assets-api.js';
import { GapTable } from './gap-table.js';
import { assetMessages as m } from './messages.js';

export function AssetGapsTab({ orgId, assetId }: { orgId: string; assetId: string }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const query = useQuery(gapsQuery(orgId, { assetId, page, pageSize }));
  return (
    <GapTable
      orgId={orgId}
      caption={m.tabs.gaps}
      testId="asset-gaps"
      page={query.data}
      isLoading={query.isPending}
      isFetching={query.isFetching}
      error={query.error}
      onRetry={() => void query.refetch()}
      onPageChange={setPage}
      onPageSizeChange={(size) => {
        setPageSize(size);
        setPage(1);
      }}
      withAsset={false}
      empty={<EmptyState icon={<IconShieldCheck size={28} aria-hidden />} title={m.gapsEmptyTitle} description={m.assetGapsEmpty} testId="asset-gaps-empty" />}
    />
  );
}
