/** SoA filters: theme, applicability, status, justification and text; they live in the URL. */
import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { ChangeEvent } from 'react';
import { IMPLEMENTATION_STATUS_LABELS, IMPLEMENTATION_STATUSES } from '../../../shared/compliance.js';
import { ANNEX_A_THEME_LABELS, ANNEX_A_THEMES } from '../../../shared/contracts/soa.js';
import { CLEARED_SOA_FILTERS, hasSoaFilters, type SoaSearch } from './soa-search.js';
import { useUrlText } from '../../kernel/url-text.js';
import { soaMessages as m } from './messages.js';

type Update = (next: Partial<SoaSearch>, options?: { replace?: boolean }) => void;

export function SoaFilters({ search, onChange }: { search: SoaSearch; onChange: Update }) {
  const [q, setQ] = useUrlText(search.q, (value) => onChange({ q: value }, { replace: true }));
  const yesNo = [
    { value: '', label: m.any },
    { value: 'yes', label: m.yes },
    { value: 'no', label: m.no },
  ];
  const choose = <K extends keyof SoaSearch>(key: K) => (event: ChangeEvent<HTMLSelectElement>) => onChange({ [key]: event.currentTarget.value || undefined } as Partial<SoaSearch>);
  return (
    <Group gap="sm" align="flex-end" mb="md" wrap="wrap" role="search" aria-label={m.filters}>
      <TextInput
        label={m.search}
        placeholder={m.searchPlaceholder}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={q}
        onChange={(event) => setQ(event.currentTarget.value)}
        w={280}
        data-testid="soa-search"
      />
      <NativeSelect label={m.theme} value={search.theme ?? ''} data={[{ value: '', label: m.anyTheme }, ...ANNEX_A_THEMES.map((t) => ({ value: t, label: ANNEX_A_THEME_LABELS[t] }))]} onChange={choose('theme')} w={200} data-testid="soa-filter-theme" />
      <NativeSelect label={m.applicable} value={search.applicable ?? ''} data={yesNo} onChange={choose('applicable')} w={120} data-testid="soa-filter-applicable" />
      <NativeSelect label={m.status} value={search.status ?? ''} data={[{ value: '', label: m.anyStatus }, ...IMPLEMENTATION_STATUSES.map((s) => ({ value: s, label: IMPLEMENTATION_STATUS_LABELS[s] }))]} onChange={choose('status')} w={190} data-testid="soa-filter-status" />
      <NativeSelect label={m.justified} value={search.justified ?? ''} data={yesNo} onChange={choose('justified')} w={120} data-testid="soa-filter-justified" />
      {hasSoaFilters(search) ? (
        <Button variant="subtle" onClick={() => onChange(CLEARED_SOA_FILTERS)}>
          {m.clearFilters}
        </Button>
      ) : null}
    </Group>
  );
}
