/** Register filters: text, type, classification, owner, lifecycle, criticality, ePHI, gaps, and the sites at a group. */
import { Button, Group, NativeSelect, Switch, TextInput } from '@mantine/core';
import { IconSearch, IconUser } from '@tabler/icons-react';
import type { ChangeEvent } from 'react';
import { ASSET_TYPE_LABELS, ASSET_TYPES, CRITICALITIES, LIFECYCLE_STATUSES } from '../../../shared/contracts/assets.js';
import { useUrlText } from '../../kernel/url-text.js';
import { CLEARED_FILTERS, hasAssetFilters, type AssetSearch } from './asset-search.js';
import { assetMessages as m } from './messages.js';

type Update = (next: Partial<AssetSearch>, options?: { replace?: boolean }) => void;

export function AssetFilters({ search, levels, hasSites, onChange }: { search: AssetSearch; levels: { id: string; name: string }[]; hasSites: boolean; onChange: Update }) {
  const [q, setQ] = useUrlText(search.q, (value) => onChange({ q: value, page: undefined }, { replace: true }));
  const [owner, setOwner] = useUrlText(search.owner, (value) => onChange({ owner: value, page: undefined }, { replace: true }));
  const yesNo = [
    { value: '', label: m.any },
    { value: 'yes', label: m.yes },
    { value: 'no', label: m.no },
  ];
  const choose = <K extends keyof AssetSearch>(key: K) => (event: ChangeEvent<HTMLSelectElement>) => onChange({ [key]: event.currentTarget.value || undefined, page: undefined } as Partial<AssetSearch>);
  return (
    <Group gap="sm" align="flex-end" mb="md" wrap="wrap" role="search" aria-label={m.filters}>
      <TextInput label={m.search} placeholder={m.searchPlaceholder} leftSection={<IconSearch size={16} aria-hidden />} value={q} onChange={(event) => setQ(event.currentTarget.value)} w={260} data-testid="asset-search" />
      <NativeSelect label={m.columns.type} value={search.type ?? ''} data={[{ value: '', label: m.anyType }, ...ASSET_TYPES.map((type) => ({ value: type, label: ASSET_TYPE_LABELS[type] }))]} onChange={choose('type')} w={190} data-testid="asset-filter-type" />
      <NativeSelect
        label={m.columns.classification}
        value={search.classificationId ?? ''}
        data={[{ value: '', label: m.anyClassification }, ...levels.map((level) => ({ value: level.id, label: level.name }))]}
        onChange={choose('classificationId')}
        w={190}
        data-testid="asset-filter-classification"
      />
      <TextInput label={m.owner} placeholder={m.ownerPlaceholder} leftSection={<IconUser size={16} aria-hidden />} value={owner} onChange={(event) => setOwner(event.currentTarget.value)} w={190} data-testid="asset-filter-owner" />
      <NativeSelect label={m.columns.lifecycle} value={search.lifecycle ?? ''} data={[{ value: '', label: m.anyLifecycle }, ...LIFECYCLE_STATUSES.map((value) => ({ value, label: m.lifecycle[value] ?? value }))]} onChange={choose('lifecycle')} w={140} />
      <NativeSelect label={m.columns.criticality} value={search.criticality ?? ''} data={[{ value: '', label: m.anyCriticality }, ...CRITICALITIES.map((value) => ({ value, label: m.criticality[value] ?? value }))]} onChange={choose('criticality')} w={150} data-testid="asset-filter-criticality" />
      <NativeSelect label={m.ephiFilter} value={search.ephi ?? ''} data={yesNo} onChange={choose('ephi')} w={120} data-testid="asset-filter-ephi" />
      <NativeSelect label={m.gapsFilter} value={search.gaps ?? ''} data={yesNo} onChange={choose('gaps')} w={120} data-testid="asset-filter-gaps" />
      {hasSites ? (
        <Switch
          label={m.includeSites}
          checked={search.includeSites === 'yes'}
          onChange={(event) => onChange({ includeSites: event.currentTarget.checked ? 'yes' : undefined, page: undefined })}
          mb={8}
          data-testid="asset-include-sites"
        />
      ) : null}
      {hasAssetFilters(search) ? (
        <Button variant="subtle" onClick={() => onChange({ ...CLEARED_FILTERS, page: undefined })} data-testid="asset-clear-filters">
          {m.clearFilters}
        </Button>
      ) : null}
    </Group>
  );
}
