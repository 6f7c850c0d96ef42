/**
 * Pickers of the incident forms: a person (handler, action owner) from the organization's members, and
 * the systems involved from the asset register. Members are listed to roles with member.read (the privacy
 * officer and ISMS manager among them); others may choose themselves or keep the person already set (the
 * server checks membership). The asset
 * register is searched on the server (it may hold thousands); the picker is shown only with asset.read.
 */
import { Loader, MultiSelect, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUser } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { ZPage } from '../../../shared/contracts/common.js';
import { apiRequest } from '../../kernel/api-client.js';
import { usePeopleOptions, type PersonOption } from '../organizations/index.js';
import { incidentMessages as m } from './messages.js';

/** The people I may choose from (see `usePeopleOptions`), plus any already-known person. */
export function useMemberOptions(known: readonly ({ id: string; name: string } | null)[] = []): PersonOption[] {
  return usePeopleOptions(known).options;
}

export interface MemberPickerProps {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  current?: { id: string; name: string } | null;
  error?: string;
  description?: string;
  testId?: string;
}

export function MemberPicker({ label, value, onChange, current = null, error, description, testId }: MemberPickerProps) {
  const options = useMemberOptions([current]);
  return (
    <Select
      label={label}
      description={description}
      placeholder={m.nobody}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      clearable
      error={error}
      leftSection={<IconUser size={16} aria-hidden />}
      comboboxProps={{ withinPortal: true }}
      nothingFoundMessage={m.none}
      data-testid={testId}
    />
  );
}

// Only the fields the picker shows: the asset register's own contract stays the assets feature's.
const ZAssetOption = z.object({ id: z.string(), name: z.string() }).loose();
const ZAssetOptionPage = ZPage(ZAssetOption);

export interface AssetPickerProps {
  orgId: string;
  label: string;
  description?: string;
  value: string[];
  onChange: (ids: string[]) => void;
  /** Names already known (the incident's assets). */
  known?: readonly { id: string; name: string }[];
  error?: string;
  maxValues?: number;
  testId?: string;
}

export function AssetPicker({ orgId, label, description, value, onChange, known = [], error, maxValues, testId }: AssetPickerProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [names, setNames] = useState<Record<string, string>>(() => Object.fromEntries(known.map((asset) => [asset.id, asset.name])));
  const term = debounced.trim();
  const options = useQuery({
    queryKey: ['organizations', orgId, 'assets', 'list', { q: term, picker: 'incident' }],
    queryFn: ({ signal }) => apiRequest(`/orgs/${encodeURIComponent(orgId)}/assets`, { schema: ZAssetOptionPage, query: { q: term || undefined, page: 1, pageSize: 25, sort: 'name', direction: 'asc' }, signal }),
  });
  const labels = new Map<string, string>();
  for (const id of value) labels.set(id, names[id] ?? id);
  for (const asset of options.data?.items ?? []) labels.set(asset.id, asset.name);
  const data = [...labels].map(([id, name]) => ({ value: id, label: name }));
  return (
    <MultiSelect
      label={label}
      description={description}
      data={data}
      value={value}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={options.isFetching ? undefined : m.none}
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={options.isFetching ? <Loader size="xs" aria-hidden /> : undefined}
      error={error}
      clearable
      hidePickedOptions
      maxValues={maxValues}
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal: true }}
      onChange={(ids) => {
        const byId = Object.fromEntries(data.map((option) => [option.value, option.label]));
        setNames((current) => ({ ...current, ...Object.fromEntries(ids.filter((id) => byId[id]).map((id) => [id, byId[id]!])) }));
        onChange(ids);
      }}
      data-testid={testId}
    />
  );
}
