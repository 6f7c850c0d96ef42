/**
 * The assets a risk scenario affects (A.5.9: the risk register starts from the inventory). The register
 * may hold thousands, so it is searched on the server; names of assets already chosen are kept, and the
 * few not yet known (e.g. a draft raised from a gap) are read by id.
 */
import { Loader, MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { ZPage } from '../../../shared/contracts/common.js';
import { apiRequest } from '../../kernel/api-client.js';
import { riskMessages as m } from './messages.js';

// Only the fields the picker shows: the asset register's own contract stays the assets feature's.
const ZAssetOption = z.object({ id: z.string(), name: z.string() }).loose();
const ZAssetOptionPage = ZPage(ZAssetOption);
const assetsPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/assets`;

export interface AssetMultiSelectProps {
  orgId: string;
  value: string[];
  onChange: (ids: string[]) => void;
  /** Names already known (the risk's assets). */
  known?: readonly { id: string; name: string }[];
  error?: string;
  testId?: string;
}

export function AssetMultiSelect({ orgId, value, onChange, known = [], error, testId }: AssetMultiSelectProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [names, setNames] = useState<Record<string, string>>(() => Object.fromEntries(known.map((asset) => [asset.id, asset.name])));
  const term = debounced.trim();
  const options = useQuery({
    queryKey: ['organizations', orgId, 'assets', 'list', { q: term, picker: 'risk' }],
    queryFn: ({ signal }) => apiRequest(assetsPath(orgId), { schema: ZAssetOptionPage, query: { q: term || undefined, page: 1, pageSize: 25, sort: 'name', direction: 'asc' }, signal }),
  });
  const unknown = value.filter((id) => names[id] === undefined && !options.data?.items.some((asset) => asset.id === id));
  const lookups = useQueries({
    queries: unknown.map((id) => ({
      queryKey: ['organizations', orgId, 'assets', 'detail', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => apiRequest(`${assetsPath(orgId)}/${encodeURIComponent(id)}`, { schema: ZAssetOption, signal }),
      staleTime: 60_000,
    })),
  });
  const looked = new Map(lookups.flatMap((lookup) => (lookup.data ? [[lookup.data.id, lookup.data.name] as const] : [])));

  // The chosen assets first (a pill needs its option), then this page of search results.
  const labels = new Map<string, string>();
  for (const id of value) labels.set(id, names[id] ?? looked.get(id) ?? id);
  for (const asset of options.data?.items ?? []) labels.set(asset.id, asset.name);
  const data = [...labels].map(([id, name]) => ({ value: id, label: name }));

  return (
    <MultiSelect
      label={m.fields.assetIds}
      placeholder={value.length ? undefined : m.assetPlaceholder}
      data={data}
      value={value}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={options.isFetching ? undefined : m.assetNothing}
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={options.isFetching ? <Loader size="xs" aria-hidden /> : undefined}
      error={error}
      clearable
      hidePickedOptions
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal: true }}
      onChange={(ids) => {
        const labels = Object.fromEntries(data.map((option) => [option.value, option.label]));
        setNames((current) => ({ ...current, ...Object.fromEntries(ids.filter((id) => labels[id]).map((id) => [id, labels[id]!])) }));
        onChange(ids);
      }}
      data-testid={testId}
    />
  );
}
