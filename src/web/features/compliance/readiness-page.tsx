/**
 * Check → Readiness (ISO/IEC 27001:2022 9.1; 45 CFR 164.308(a)(8)): one card per framework with the four
 * statuses as a stacked bar and per section, each with a table alternative; every section opens the
 * requirements, controls and evidence behind its figures. A group also sees its sites side by side.
 */
import { Anchor, Collapse, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import type { TFrameworkReadiness, TReadiness } from '../../../shared/contracts/compliance.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { TableCaption } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { RouterAnchor } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { useSession } from '../auth/index.js';
import { readinessQuery } from './compliance-api.js';
import { complianceMessages as m } from './messages.js';
import { FiguresTable, formatPercent, StatusBars, StatusLegend } from './readiness-charts.js';
import { ReadinessDrill } from './readiness-drill.js';
import type { ReadinessSearch } from './readiness-search.js';

const route = getRouteApi('/_authed/o/$orgId/readiness');

function FrameworkCard({ framework, onOpen }: { framework: TFrameworkReadiness; onOpen: (section: string) => void }) {
  const [showTable, setShowTable] = useState(false);
  const sectionRows = framework.sections.flatMap((s) => [{ key: s.key, label: s.label, figures: s.figures }, ...s.children.map((c) => ({ key: c.key, label: c.label, figures: c.figures, indent: true }))]);
  const tableId = `readiness-table-${framework.frameworkId.replace(/[^a-zA-Z0-9]/g, '-')}`;
  return (
    <Paper withBorder radius="md" p="md" data-testid="readiness-framework" data-framework={framework.frameworkId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Title order={2} fz="lg">
            {framework.shortName}
          </Title>
          <Text size="sm" c="dimmed">{`${framework.name} · ${framework.version}`}</Text>
          <Text size="xs" c="dimmed">
            {m.assessable(framework.figures.total)}
          </Text>
        </Stack>
        <Stack gap={0} align="flex-end">
          <Text fz={30} fw={700} lh={1.1} data-testid="framework-readiness">
            {formatPercent(framework.figures.readinessPercent)}
          </Text>
          <Text size="xs" c="dimmed">
            {m.readinessLabel}
          </Text>
        </Stack>
      </Group>
      <StatusBars rows={[{ key: framework.frameworkId, label: framework.shortName, figures: framework.figures }]} caption={m.frameworkCaption(framework.shortName)} height={70} />
      <StatusLegend figures={framework.figures} />
      <StatusBars rows={framework.sections.map((s) => ({ key: s.key, label: s.label, figures: s.figures }))} caption={m.sectionsCaption(framework.shortName)} onSelect={onOpen} />
      <Anchor component="button" type="button" size="sm" onClick={() => setShowTable((v) => !v)} aria-expanded={showTable} aria-controls={tableId} data-testid="toggle-table">
        {showTable ? m.showChart : m.showTable}
      </Anchor>
      <Collapse expanded={showTable} id={tableId}>
        <FiguresTable rows={sectionRows} caption={m.sectionsCaption(framework.shortName)} firstColumn={m.sectionColumn} onSelect={onOpen} testId="readiness-sections-table" />
      </Collapse>
    </Paper>
  );
}

function SitesTable({ report }: { report: TReadiness }) {
  const session = useSession();
  if (report.sites.length === 0 && report.hiddenSiteCount === 0) return null;
  const frameworks = report.frameworks.filter((f) => report.sites[0]?.frameworks.some((x) => x.frameworkId === f.frameworkId));
  return (
    <Paper withBorder radius="md" p="md" mb="lg" data-testid="readiness-sites">
      <Title order={2} fz="md" mb="sm">
        {m.sitesTitle}
      </Title>
      {report.sites.length > 0 ? (
        <Table.ScrollContainer minWidth={560}>
          <Table striped fz="sm">
            <TableCaption>{m.sitesCaption}</TableCaption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{m.siteColumn}</Table.Th>
                {frameworks.map((f) => (
                  <Table.Th key={f.frameworkId} scope="col" ta="right">
                    {f.shortName}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.sites.map((site) => (
                <Table.Tr key={site.organizationId} data-testid="readiness-site">
                  <Table.Th scope="row">
                    {session.memberships.some((ms) => ms.organizationId === site.organizationId) ? (
                      <RouterAnchor to="/o/$orgId/readiness" params={{ orgId: site.organizationId }} search={{}} size="sm">
                        {site.name}
                      </RouterAnchor>
                    ) : (
                      site.name
                    )}
                  </Table.Th>
                  {frameworks.map((f) => {
                    const row = site.frameworks.find((x) => x.frameworkId === f.frameworkId);
                    return (
                      <Table.Td key={f.frameworkId} ta="right" title={row ? `${row.figures.counts.compliant} / ${row.figures.applicable}` : undefined}>
                        {row ? formatPercent(row.figures.readinessPercent) : '—'}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {report.hiddenSiteCount > 0 ? (
        <Text size="xs" c="dimmed" mt="xs">
          {m.hiddenSites(report.hiddenSiteCount)}
        </Text>
      ) : null}
    </Paper>
  );
}

export function ReadinessPage() {
  const { orgId, membership } = useCurrentOrg();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const query = useQuery(readinessQuery(orgId));
  const update = (next: Partial<ReadinessSearch>) => void navigate({ search: (prev) => ({ ...prev, ...next }) });
  const header = <PageHeader eyebrow={m.check} title={m.readinessTitle} description={m.readinessDescription} testId="readiness-title" />;
  if (query.isPending) return (<>{header}<LoadingState rows={10} /></>);
  if (query.isError) return (<>{header}<ErrorState error={query.error} onRetry={() => void query.refetch()} /></>);
  const report = query.data;
  return (
    <>
      {header}
      <SitesTable report={report} />
      {report.frameworks.length === 0 ? <EmptyState title={m.noFrameworks} description={m.noFrameworksBody} /> : null}
      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="lg">
        {report.frameworks.map((framework) => (
          <FrameworkCard key={framework.frameworkId} framework={framework} onOpen={(section) => update({ framework: framework.frameworkId, section, status: undefined })} />
        ))}
      </SimpleGrid>
      <ReadinessDrill
        orgId={orgId}
        frameworkId={search.framework}
        section={search.section}
        status={search.status}
        timeZone={membership.timeZone}
        onStatusChange={(status) => update({ status })}
        onClose={() => update({ framework: undefined, section: undefined, status: undefined })}
      />
    </>
  );
}
