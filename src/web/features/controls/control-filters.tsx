/** Register filters: text, status, category, effectiveness, owner, expired evidence, inherited. */
import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { IconSearch, IconUser } from '@tabler/icons-react';
import type { ChangeEvent } from 'react';
import { CONTROL_STATUSES, EFFECTIVENESS } from '../../../shared/compliance.js';
import { useUrlText } from '../../kernel/url-text.js';
import { CLEARED_FILTERS, hasControlFilters, type ControlSearch } from './control-search.js';
import { controlMessages as m } from './messages.js';

type Update = (next: Partial<ControlSearch>, options?: { replace?: boolean }) => void;

export function ControlFilters({ search, hasParent, onChange }: { search: ControlSearch; hasParent: boolean; onChange: Update }) {
  const [q, setQ] = useUrlText(search.q, (value) => onChange({ q: value, page: undefined }, { replace: true }));
  const [owner, setOwner] = useUrlText(search.owner, (value) => onChange({ owner: value, page: undefined }, { replace: true }));
  const yesNo = [
    { value: '', label: m.any },
    { value: 'yes', label: m.yes },
    { value: 'no', label: m.no },
  ];
  const choose = <K extends keyof ControlSearch>(key: K) => (event: ChangeEvent<HTMLSelectElement>) => onChange({ [key]: event.currentTarget.value || undefined, page: undefined } as Partial<ControlSearch>);
  return (
    <Group gap="sm" align="flex-end" mb="md" wrap="wrap" role="search" aria-label={m.filters}>
      <TextInput label={m.search} placeholder={m.searchPlaceholder} leftSection={<IconSearch size={16} aria-hidden />} value={q} onChange={(event) => setQ(event.currentTarget.value)} w={260} data-testid="control-search" />
      <NativeSelect label={m.columns.status} value={search.status ?? ''} data={[{ value: '', label: m.anyStatus }, ...CONTROL_STATUSES.map((value) => ({ value, label: m.statuses[value] }))]} onChange={choose('status')} w={160} data-testid="control-filter-status" />
      <NativeSelect label={m.columns.category} value={search.category ?? ''} data={[{ value: '', label: m.anyCategory }, ...m.categoryOptions]} onChange={choose('category')} w={170} data-testid="control-filter-category" />
      <NativeSelect label={m.columns.effectiveness} value={search.effectiveness ?? ''} data={[{ value: '', label: m.anyEffectiveness }, ...EFFECTIVENESS.map((value) => ({ value, label: m.effectiveness[value] }))]} onChange={choose('effectiveness')} w={180} data-testid="control-filter-effectiveness" />
      <TextInput label={m.owner} placeholder={m.ownerPlaceholder} leftSection={<IconUser size={16} aria-hidden />} value={owner} onChange={(event) => setOwner(event.currentTarget.value)} w={180} data-testid="control-filter-owner" />
      <NativeSelect label={m.expiredFilter} value={search.expiredEvidence ?? ''} data={yesNo} onChange={choose('expiredEvidence')} w={140} data-testid="control-filter-expired" />
      {hasParent ? <NativeSelect label={m.inheritedFilter} value={search.inherited ?? ''} data={yesNo} onChange={choose('inherited')} w={120} data-testid="control-filter-inherited" /> : null}
      {hasControlFilters(search) ? (
        <Button variant="subtle" onClick={() => onChange({ ...CLEARED_FILTERS, page: undefined })} data-testid="control-clear-filters">
          {m.clearFilters}
        </Button>
      ) : null}
    </Group>
  );
}
