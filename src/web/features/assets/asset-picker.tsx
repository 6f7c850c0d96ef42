/** Choose an asset by typing: the register is searched on the server (it may hold thousands). */
import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { assetsQuery } from './assets-api.js';
import { assetMessages as m } from './messages.js';

export interface AssetPickerProps {
  orgId: string;
  label: string;
  value: string | null;
  /** The chosen asset's id and name. */
  onChange: (value: { id: string; name: string } | null) => void;
  /** Assets that cannot be chosen (the asset itself). */
  excludeIds?: string[];
  /** The name of the current value, when it is known before any search. */
  valueLabel?: string;
  error?: string;
  required?: boolean;
  description?: string;
  testId?: string;
}

export function AssetPicker({ orgId, label, value, onChange, excludeIds = [], valueLabel, error, required, description, testId }: AssetPickerProps) {
  const [search, setSearch] = useState(valueLabel ?? '');
  const [debounced] = useDebouncedValue(search, 250);
  const [known, setKnown] = useState<Record<string, string>>(() => (value && valueLabel ? { [value]: valueLabel } : {}));
  // Typing the chosen name again must not narrow the list to it alone.
  const term = value && known[value] === debounced ? '' : debounced.trim();
  const query = useQuery(assetsQuery(orgId, { q: term || undefined, page: 1, pageSize: 25, sort: 'name', direction: 'asc' }));
  const items = (query.data?.items ?? []).filter((asset) => !excludeIds.includes(asset.id));
  const data = items.map((asset) => ({ value: asset.id, label: asset.name }));
  if (value && !data.some((option) => option.value === value) && known[value]) data.unshift({ value, label: known[value] });

  return (
    <Select
      label={label}
      description={description}
      required={required}
      placeholder={m.pickerPlaceholder}
      searchable
      clearable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={query.isFetching ? undefined : m.pickerNothing}
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={query.isFetching ? <Loader size="xs" aria-hidden /> : undefined}
      error={error}
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal: true }}
      onChange={(id) => {
        const name = id ? (data.find((option) => option.value === id)?.label ?? known[id] ?? '') : '';
        if (id) setKnown((current) => ({ ...current, [id]: name }));
        onChange(id ? { id, name } : null);
      }}
      data-testid={testId}
    />
  );
}
