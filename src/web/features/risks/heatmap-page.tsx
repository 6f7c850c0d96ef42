/**
 * Check → Risk heat map (issue 5 item 7; ISO/IEC 27001:2022 6.1.2 e risk evaluation, 9.1 monitoring):
 * inherent, current and residual heat maps of the method in force, filtered by site (at a group),
 * category, owner and status. Every cell carries its number and level in text; a count opens the
 * register filtered to that level at that stage. Trends of the counts per level follow below.
 */
import { Alert, Button, Group, NativeSelect, Paper, SegmentedControl, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconAdjustmentsHorizontal, IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { ChangeEvent } from 'react';
import { RISK_CATEGORIES, RISK_STAGES, RISK_STATUSES, type RiskStage, type TRiskHeatmap } from '../../../shared/contracts/risks.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { TableCaption } from '../../ui/data-table.js';
import { ErrorState } from '../../ui/error-state.js';
import { LinkButton, RouterAnchor } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { organizationQuery } from '../organizations/index.js';
import { usePeopleOptions } from './member-select.js';
import { methodMessages as m } from './method-messages.js';
import { CLEARED_HEATMAP_FILTERS, HEATMAP_VIEWS, hasHeatmapFilters, heatmapQuery, type HeatmapSearch, type HeatmapView } from './method-search.js';
import { LevelSwatch } from './method-view.js';
import { heatmapShape } from './heatmap-data.js';
import { matrixCellContentClass, matrixSideBySideClass, RiskMatrix } from './risk-matrix.js';
import { useRiskHeatmap } from './risk-method-api.js';
import { RiskTrends } from './risk-trends.js';

const route = getRouteApi('/_authed/o/$orgId/risk-heatmap');

export function HeatmapPage() {
  const { orgId } = useCurrentOrg();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const organization = useQuery(organizationQuery(orgId)).data;
  const sites = organization?.sites ?? [];
  const hasSites = sites.length > 0;
  const view: HeatmapView = search.view ?? 'current';
  const stages: RiskStage[] = view === 'all' ? [...RISK_STAGES] : [view];
  const update = (next: Partial<HeatmapSearch>) => void navigate({ search: (prev) => ({ ...prev, ...next }), replace: true });

  return (
    <>
      <PageHeader
        eyebrow={m.areaCheck}
        title={m.heatmapTitle}
        description={m.heatmapDescription}
        testId="risk-heatmap-title"
        actions={
          <LinkButton to="/o/$orgId/risk-method" params={{ orgId }} variant="default" leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}>
            {m.methodLink}
          </LinkButton>
        }
      />
      <HeatmapFilters search={search} sites={hasSites ? [{ id: orgId, name: organization?.name ?? '' }, ...sites] : []} onChange={update} />
      <SegmentedControl
        mb="md"
        aria-label={m.stageTabs}
        value={view}
        onChange={(value) => update({ view: value === 'current' ? undefined : (value as HeatmapView) })}
        data={HEATMAP_VIEWS.map((value) => ({ value, label: value === 'all' ? m.sideBySide : m.stages[value] }))}
        data-testid="heatmap-view"
      />
      <div className={stages.length > 1 ? matrixSideBySideClass : undefined}>
        {stages.map((stage) => (
          <HeatmapPanel key={stage} orgId={orgId} stage={stage} search={search} hasSites={hasSites} isCompact={stages.length > 1} />
        ))}
      </div>
      <RiskTrends orgId={orgId} stage={view === 'all' ? 'current' : view} asTable={search.trendsAs === 'table'} onToggle={(asTable) => update({ trendsAs: asTable ? 'table' : undefined })} />
    </>
  );
}

function HeatmapFilters({ search, sites, onChange }: { search: HeatmapSearch; sites: { id: string; name: string }[]; onChange: (next: Partial<HeatmapSearch>) => void }) {
  const people = usePeopleOptions();
  const choose = <K extends keyof HeatmapSearch>(key: K) => (event: ChangeEvent<HTMLSelectElement>) => onChange({ [key]: event.currentTarget.value || undefined } as Partial<HeatmapSearch>);
  const siteValue = search.siteId ?? (search.includeSites === 'yes' ? 'all' : '');
  return (
    <Group gap="sm" align="flex-end" mb="md" wrap="wrap" role="search" aria-label={m.filtersLabel}>
      {sites.length > 0 ? (
        <NativeSelect
          label={m.site}
          value={siteValue}
          data={[{ value: '', label: m.allSites }, { value: 'all', label: m.everySite }, ...sites.map((site) => ({ value: site.id, label: site.name }))]}
          onChange={(event) => {
            const value = event.currentTarget.value;
            onChange(value === 'all' ? { siteId: undefined, includeSites: 'yes' } : { siteId: value || undefined, includeSites: undefined });
          }}
          w={240}
          data-testid="heatmap-filter-site"
        />
      ) : null}
      <NativeSelect label={m.category} value={search.category ?? ''} data={[{ value: '', label: m.anyCategory }, ...RISK_CATEGORIES.map((value) => ({ value, label: m.categories[value] }))]} onChange={choose('category')} w={180} data-testid="heatmap-filter-category" />
      <NativeSelect label={m.owner} value={search.ownerUserId ?? ''} data={[{ value: '', label: m.anyOwner }, ...people.options]} onChange={choose('ownerUserId')} w={220} data-testid="heatmap-filter-owner" />
      <NativeSelect label={m.status} value={search.status ?? 'open'} data={RISK_STATUSES.map((value) => ({ value, label: m.statuses[value] }))} onChange={(event) => onChange({ status: event.currentTarget.value === 'open' ? undefined : (event.currentTarget.value as HeatmapSearch['status']) })} w={130} data-testid="heatmap-filter-status" />
      {hasHeatmapFilters(search) ? (
        <Button variant="subtle" onClick={() => onChange(CLEARED_HEATMAP_FILTERS)} data-testid="heatmap-clear-filters">
          {m.clearFilters}
        </Button>
      ) : null}
    </Group>
  );
}

function HeatmapPanel({ orgId, stage, search, hasSites, isCompact }: { orgId: string; stage: RiskStage; search: HeatmapSearch; hasSites: boolean; isCompact: boolean }) {
  const query = heatmapQuery(search, stage, { hasSites });
  const heatmap = useRiskHeatmap(orgId, query);
  const stageLabel = m.stages[stage];
  // The register filters by level at a stage (not by cell): a count opens every risk of that level.
  const registerSearch = (level: string) => ({ level, levelStage: stage, category: query.category, ownerUserId: query.ownerUserId, status: query.status, siteId: query.siteId, includeSites: query.includeSites ?? (query.siteId ? ('yes' as const) : undefined) });
  const levelLink = (level: { key: string; label: string }, count: number) =>
    count > 0 ? (
      <RouterAnchor to="/o/$orgId/risks" params={{ orgId }} search={registerSearch(level.key)} fw={600} data-testid="heatmap-level-link">
        {count.toLocaleString('en-GB')}
        <VisuallyHidden>{`: ${m.openLevel(count, level.label, stageLabel)}`}</VisuallyHidden>
      </RouterAnchor>
    ) : (
      count.toLocaleString('en-GB')
    );

  return (
    <Paper withBorder p="md" data-testid="heatmap-panel" data-stage={stage}>
      <Group justify="space-between" mb="sm" align="baseline">
        <Title order={2} fz="lg">
          {stageLabel}
        </Title>
        {heatmap.data ? (
          <Text size="xs" c="dimmed">
            {m.methodVersionNote(heatmap.data.methodVersion)}
          </Text>
        ) : null}
      </Group>
      {heatmap.error ? <ErrorState error={heatmap.error} onRetry={() => void heatmap.refetch()} /> : null}
      {heatmap.isLoading ? <LoadingState rows={6} /> : null}
      {heatmap.data ? (
        <Stack gap="sm">
          <HeatmapMatrix heatmap={heatmap.data} stageLabel={stageLabel} isCompact={isCompact} renderLink={(cell, content, description) =>
              cell.level && (cell.count ?? 0) > 0 ? (
                <RouterAnchor to="/o/$orgId/risks" params={{ orgId }} search={registerSearch(cell.levelKey)} className={matrixCellContentClass} c="inherit" fz="inherit" underline="never" data-testid="heatmap-cell-link">
                  {content}
                  <VisuallyHidden>{`: ${description}. ${m.openLevel(cell.count ?? 0, cell.level.label, stageLabel)}`}</VisuallyHidden>
                </RouterAnchor>
              ) : (
                <div className={matrixCellContentClass}>{content}</div>
              )
            } />
          <Group gap="lg">
            <Text size="sm" data-testid="heatmap-assessed" data-value={heatmap.data.assessed}>
              {m.assessed(heatmap.data.assessed)}
            </Text>
            <Text size="sm" c={heatmap.data.notAssessed > 0 ? 'var(--mantine-color-orange-light-color)' : 'dimmed'} fw={heatmap.data.notAssessed > 0 ? 600 : undefined} data-testid="heatmap-not-assessed" data-value={heatmap.data.notAssessed}>
              {m.notAssessedCount(heatmap.data.notAssessed)}
            </Text>
          </Group>
          {heatmap.data.excludedSites.length > 0 ? (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} data-testid="heatmap-excluded-sites">
              {m.excludedSites(heatmap.data.excludedSites.map((site) => site.name))}
            </Alert>
          ) : null}
          <Table verticalSpacing={4} fz="sm" data-testid="heatmap-level-totals">
            <TableCaption>{m.levelTotalsCaption(stageLabel)}</TableCaption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{m.levelColumn}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {m.totalColumn}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...heatmap.data.levels].reverse().map((level) => (
                <Table.Tr key={level.key} data-level={level.key}>
                  <Table.Th scope="row" fw={400}>
                    <LevelSwatch label={level.label} colour={level.colour} />
                  </Table.Th>
                  <Table.Td ta="right" data-testid="heatmap-level-count" data-value={level.count}>
                    {levelLink(level, level.count)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ) : null}
    </Paper>
  );
}

function HeatmapMatrix({ heatmap, stageLabel, isCompact, renderLink }: { heatmap: TRiskHeatmap; stageLabel: string; isCompact: boolean; renderLink: Parameters<typeof RiskMatrix>[0]['renderCellLink'] }) {
  const { shape, counts } = heatmapShape(heatmap);
  return <RiskMatrix method={shape} counts={counts} caption={m.heatmapCaption(stageLabel)} renderCellLink={renderLink} isCompact={isCompact} testId="heatmap-matrix" />;
}
