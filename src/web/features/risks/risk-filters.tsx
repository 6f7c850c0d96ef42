/**
 * Register filters: text, category, status, owner, treatment, level at a stage, ePHI, acceptance state,
 * overdue review, and the sites at a group. Every filter lives in the URL and is applied by the server.
 */
import { Button, Group, NativeSelect, Switch, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { ChangeEvent } from 'react';
import type { TRiskLevel } from '../../../shared/contracts/risk-method.js';
import { ACCEPTANCE_STATES, RISK_CATEGORIES, RISK_STAGES, RISK_STATUSES, TREATMENT_OPTIONS } from '../../../shared/contracts/risks.js';
import { useUrlText } from '../../kernel/url-text.js';
import { useSession } from '../auth/index.js';
import { usePeopleOptions } from './member-select.js';
import { riskMessages as m } from './messages.js';
import { CLEARED_RISK_FILTERS, hasRiskFilters, type RiskSearch } from './risk-search.js';

type Update = (next: Partial<RiskSearch>, options?: { replace?: boolean }) => void;

export interface RiskFiltersProps {
  search: RiskSearch;
  levels: readonly TRiskLevel[];
  sites: readonly { id: string; name: string }[];
  onChange: Update;
}

export function RiskFilters({ search, levels, sites, onChange }: RiskFiltersProps) {
  const session = useSession();
  const people = usePeopleOptions();
  const [q, setQ] = useUrlText(search.q, (value) => onChange({ q: value, page: undefined }, { replace: true }));
  const yesNo = [
    { value: '', label: m.any },
    { value: 'yes', label: m.yes },
    { value: 'no', label: m.no },
  ];
  const choose =
    <K extends keyof RiskSearch>(key: K) =>
    (event: ChangeEvent<HTMLSelectElement>) =>
      onChange({ [key]: event.currentTarget.value || undefined, page: undefined } as Partial<RiskSearch>);
  const ownerOptions = [
    { value: '', label: m.anyOwner },
    { value: session.user.id, label: m.me },
    ...people.options.filter((option) => option.value !== session.user.id),
    ...(search.ownerUserId && search.ownerUserId !== session.user.id && !people.options.some((option) => option.value === search.ownerUserId) ? [{ value: search.ownerUserId, label: m.columns.owner }] : []),
  ];
  const hasSites = sites.length > 0;

  return (
    <Group gap="sm" align="flex-end" mb="md" wrap="wrap" role="search" aria-label={m.filters}>
      <TextInput label={m.search} placeholder={m.searchPlaceholder} leftSection={<IconSearch size={16} aria-hidden />} value={q} onChange={(event) => setQ(event.currentTarget.value)} w={240} data-testid="risk-search" />
      <NativeSelect label={m.columns.category} value={search.category ?? ''} data={[{ value: '', label: m.anyCategory }, ...RISK_CATEGORIES.map((value) => ({ value, label: m.categories[value] }))]} onChange={choose('category')} w={200} data-testid="risk-filter-category" />
      <NativeSelect label={m.fields.status} value={search.status ?? ''} data={[{ value: '', label: m.anyStatus }, ...RISK_STATUSES.map((value) => ({ value, label: m.statuses[value] ?? value }))]} onChange={choose('status')} w={120} data-testid="risk-filter-status" />
      <NativeSelect label={m.columns.owner} value={search.ownerUserId ?? ''} data={ownerOptions} onChange={choose('ownerUserId')} w={180} data-testid="risk-filter-owner" />
      <NativeSelect label={m.columns.treatment} value={search.treatmentOption ?? ''} data={[{ value: '', label: m.anyTreatment }, ...TREATMENT_OPTIONS.map((value) => ({ value, label: m.treatmentOptions[value] }))]} onChange={choose('treatmentOption')} w={150} data-testid="risk-filter-treatment" />
      <NativeSelect label={m.levelFilter} value={search.level ?? ''} data={[{ value: '', label: m.anyLevel }, ...[...levels].sort((a, b) => b.rank - a.rank).map((level) => ({ value: level.key, label: level.label }))]} onChange={choose('level')} w={140} data-testid="risk-filter-level" />
      {search.level ? (
        <NativeSelect label={m.levelStage} value={search.levelStage ?? 'current'} data={RISK_STAGES.map((value) => ({ value, label: m.stages[value] }))} onChange={choose('levelStage')} w={120} data-testid="risk-filter-level-stage" />
      ) : null}
      <NativeSelect label={m.ephiFilter} value={search.ephi ?? ''} data={yesNo} onChange={choose('ephi')} w={100} data-testid="risk-filter-ephi" />
      <NativeSelect label={m.acceptanceFilter} value={search.acceptance ?? ''} data={[{ value: '', label: m.anyAcceptance }, ...ACCEPTANCE_STATES.map((value) => ({ value, label: m.acceptanceStates[value] }))]} onChange={choose('acceptance')} w={200} data-testid="risk-filter-acceptance" />
      <NativeSelect label={m.reviewOverdueFilter} value={search.reviewOverdue ?? ''} data={yesNo} onChange={choose('reviewOverdue')} w={130} data-testid="risk-filter-review-overdue" />
      {hasSites ? (
        <>
          <Switch
            label={m.includeSites}
            checked={search.includeSites === 'yes'}
            onChange={(event) => onChange({ includeSites: event.currentTarget.checked ? 'yes' : undefined, siteId: undefined, page: undefined })}
            mb={8}
            data-testid="risk-include-sites"
          />
          {search.includeSites === 'yes' ? <NativeSelect label={m.site} value={search.siteId ?? ''} data={[{ value: '', label: m.anySite }, ...sites.map((site) => ({ value: site.id, label: site.name }))]} onChange={choose('siteId')} w={200} data-testid="risk-filter-site" /> : null}
        </>
      ) : null}
      {hasRiskFilters(search) ? (
        <Button variant="subtle" onClick={() => onChange({ ...CLEARED_RISK_FILTERS, page: undefined })} data-testid="risk-clear-filters">
          {m.clearFilters}
        </Button>
      ) : null}
    </Group>
  );
}
