/**
 * Plan → Threats and vulnerabilities (issue 5 item 2; ISO/IEC 27001:2022 6.1.2 c 1 identifying risks;
 * 45 CFR 164.308(a)(1)(ii)(A) "potential risks and vulnerabilities"): the built-in healthcare catalogue
 * (HHS 405(d) HICP 2023 threats with sub-threats, NIST SP 800-30 threat-source types, vulnerabilities
 * with the asset-register gap rule that detects each) and the organization's own entries, each with the
 * number of its risks that name it. The catalogue is reference data of bounded size, loaded whole.
 */
import { ActionIcon, Badge, Button, Group, Paper, Stack, Table, Tabs, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAdjustmentsHorizontal, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import type { CustomCatalogueKind, TCatalogueEntry } from '../../../shared/contracts/risks.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { useUrlText } from '../../kernel/url-text.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { TableCaption } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { LinkButton } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { hasPermission } from '../auth/index.js';
import { CatalogueEntryDialog } from './catalogue-entry-dialog.js';
import { methodMessages as m } from './method-messages.js';
import type { CatalogueSearch, CatalogueTab } from './method-search.js';
import { useDeleteCatalogueEntry, useRiskCatalogue } from './risk-method-api.js';

const route = getRouteApi('/_authed/o/$orgId/risk-catalogue');
const label = { textTransform: 'none' as const };

const matches = (entry: TCatalogueEntry, q: string | undefined) => !q || `${entry.title} ${entry.description}`.toLowerCase().includes(q.toLowerCase());

function RiskCount({ count }: { count: number }) {
  return (
    <Text size="sm" ta="right" fw={count > 0 ? 600 : 400} c={count > 0 ? undefined : 'dimmed'} data-testid="catalogue-risk-count" data-value={count}>
      {count}
    </Text>
  );
}

export function CataloguePage() {
  const { orgId, membership } = useCurrentOrg();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const catalogue = useRiskCatalogue(orgId);
  const canWrite = hasPermission(membership, 'risk.write');
  const tab: CatalogueTab = search.tab ?? 'threats';
  const update = (next: Partial<CatalogueSearch>, replace = false) => void navigate({ search: (prev) => ({ ...prev, ...next }), replace });
  const [q, setQ] = useUrlText(search.q, (value) => update({ q: value }, true));
  const [adding, setAdding] = useState<CustomCatalogueKind | null>(null);
  const data = catalogue.data;
  const own = useMemo(() => (data ? [...data.threats, ...data.threatSources, ...data.vulnerabilities].filter((e) => e.origin === 'custom') : []), [data]);

  return (
    <>
      <PageHeader
        eyebrow={m.area}
        title={m.catalogueTitle}
        description={m.catalogueDescription}
        testId="risk-catalogue-title"
        actions={
          <>
            <LinkButton to="/o/$orgId/risk-method" params={{ orgId }} variant="default" leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}>
              {m.methodLink}
            </LinkButton>
            {canWrite ? (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(tab === 'sources' ? 'threat_source' : tab === 'vulnerabilities' ? 'vulnerability' : 'threat')} data-testid="catalogue-add">
                {m.addEntry}
              </Button>
            ) : null}
          </>
        }
      />
      <TextInput label={m.search} placeholder={m.searchPlaceholder} leftSection={<IconSearch size={16} aria-hidden />} value={q} onChange={(event) => setQ(event.currentTarget.value)} w={320} mb="md" data-testid="catalogue-search" />
      {catalogue.error ? <ErrorState error={catalogue.error} onRetry={() => void catalogue.refetch()} /> : null}
      {catalogue.isLoading ? <LoadingState rows={8} /> : null}
      {data ? (
        <Tabs value={tab} onChange={(value) => update({ tab: value === 'threats' ? undefined : (value as CatalogueTab) })} keepMounted={false} data-testid="catalogue-tabs">
          <Tabs.List mb="md">
            <Tabs.Tab value="threats" data-testid="catalogue-tab-threats">
              {m.tabThreats}
            </Tabs.Tab>
            <Tabs.Tab value="sources" data-testid="catalogue-tab-sources">
              {m.tabSources}
            </Tabs.Tab>
            <Tabs.Tab value="vulnerabilities" data-testid="catalogue-tab-vulnerabilities">
              {m.tabVulnerabilities}
            </Tabs.Tab>
            <Tabs.Tab value="own" data-testid="catalogue-tab-own">
              {m.tabOwn} ({own.length})
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="threats">
            <Threats threats={data.threats.filter((e) => e.origin === 'builtin')} vulnerabilities={data.vulnerabilities} q={search.q} />
          </Tabs.Panel>
          <Tabs.Panel value="sources">
            <EntryTable entries={data.threatSources.filter((e) => e.origin === 'builtin' && matches(e, search.q))} caption={m.sourcesCaption} categoryHeader={m.typeColumn} categoryLabels={m.sourceTypes} testId="catalogue-sources" />
          </Tabs.Panel>
          <Tabs.Panel value="vulnerabilities">
            <EntryTable entries={data.vulnerabilities.filter((e) => e.origin === 'builtin' && matches(e, search.q))} caption={m.vulnerabilitiesCaption} categoryHeader={m.categoryColumn} categoryLabels={m.vulnerabilityCategories} hasGapRule testId="catalogue-vulnerabilities" />
          </Tabs.Panel>
          <Tabs.Panel value="own">
            {own.length === 0 ? (
              <Paper withBorder>
                <EmptyState
                  title={m.ownEmptyTitle}
                  description={m.ownEmptyBody}
                  action={
                    canWrite ? (
                      <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding('threat')} data-testid="catalogue-own-add">
                        {m.addEntry}
                      </Button>
                    ) : undefined
                  }
                  testId="catalogue-own-empty"
                />
              </Paper>
            ) : (
              <OwnEntries orgId={orgId} entries={own.filter((e) => matches(e, search.q))} canWrite={canWrite} />
            )}
          </Tabs.Panel>
        </Tabs>
      ) : null}
      {adding ? <CatalogueEntryDialog orgId={orgId} initialKind={adding} onClose={() => setAdding(null)} /> : null}
    </>
  );
}

function Threats({ threats, vulnerabilities, q }: { threats: TCatalogueEntry[]; vulnerabilities: TCatalogueEntry[]; q: string | undefined }) {
  const titleOf = useMemo(() => new Map(vulnerabilities.map((v) => [v.id, v.title])), [vulnerabilities]);
  const parents = threats.filter((t) => t.parentId === null);
  const sections = parents
    .map((parent) => ({ parent, subs: threats.filter((t) => t.parentId === parent.id && (matches(t, q) || matches(parent, q))) }))
    .filter((section) => section.subs.length > 0 || matches(section.parent, q));
  if (sections.length === 0) return <Text c="dimmed">{m.noMatch}</Text>;
  return (
    <Stack gap="lg" data-testid="catalogue-threats">
      {sections.map(({ parent, subs }) => (
        <Paper key={parent.id} withBorder p="md" data-testid="catalogue-threat" data-id={parent.id}>
          <Group justify="space-between" align="flex-start" mb={4}>
            <Title order={2} fz="md">
              {m.hicpThreat(parents.indexOf(parent) + 1, parent.title)}
            </Title>
            <Badge variant="light" color="gray" styles={{ label }}>
              {m.subThreats(subs.length)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" mb="sm">
            {parent.description}
          </Text>
          <Table.ScrollContainer minWidth={760} type="native">
            <Table verticalSpacing={6} fz="sm">
              <TableCaption>{`${m.threatsCaption}: ${parent.title}`}</TableCaption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w="22%">
                    {m.titleColumn}
                  </Table.Th>
                  <Table.Th scope="col">{m.entryDescription}</Table.Th>
                  <Table.Th scope="col" w="16%">
                    {m.dimensionsColumn}
                  </Table.Th>
                  <Table.Th scope="col" w="22%">
                    {m.tabVulnerabilities}
                  </Table.Th>
                  <Table.Th scope="col" ta="right" w={60}>
                    {m.risksColumn}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {subs.map((sub) => (
                  <Table.Tr key={sub.id} data-testid="catalogue-sub-threat" data-id={sub.id}>
                    <Table.Td fw={600}>{sub.title}</Table.Td>
                    <Table.Td>{sub.description}</Table.Td>
                    <Table.Td>{sub.dimensions.map((d) => m.dimensionLabels[d]).join(', ')}</Table.Td>
                    <Table.Td>
                      <Text size="xs">{sub.vulnerabilityIds.map((id) => titleOf.get(id) ?? id).join('; ')}</Text>
                    </Table.Td>
                    <Table.Td>
                      <RiskCount count={sub.riskCount} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ))}
    </Stack>
  );
}

function EntryTable({ entries, caption, categoryHeader, categoryLabels, hasGapRule, testId }: { entries: TCatalogueEntry[]; caption: string; categoryHeader: string; categoryLabels: Record<string, string>; hasGapRule?: boolean; testId: string }) {
  if (entries.length === 0) return <Text c="dimmed">{m.noMatch}</Text>;
  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={760} type="native">
        <Table verticalSpacing="xs" horizontalSpacing="md" fz="sm" striped data-testid={testId}>
          <TableCaption>{caption}</TableCaption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={140}>
                {categoryHeader}
              </Table.Th>
              <Table.Th scope="col" w="24%">
                {m.titleColumn}
              </Table.Th>
              <Table.Th scope="col">{m.entryDescription}</Table.Th>
              {hasGapRule ? (
                <Table.Th scope="col" w={200}>
                  {m.gapRuleColumn}
                </Table.Th>
              ) : null}
              <Table.Th scope="col" ta="right" w={60}>
                {m.risksColumn}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...entries]
              .sort((a, b) => (a.category ?? '').localeCompare(b.category ?? '') || a.title.localeCompare(b.title))
              .map((entry) => (
                <Table.Tr key={entry.id} data-testid="catalogue-entry" data-id={entry.id}>
                  <Table.Td>{entry.category ? (categoryLabels[entry.category] ?? entry.category) : '—'}</Table.Td>
                  <Table.Td fw={600}>{entry.title}</Table.Td>
                  <Table.Td>{entry.description}</Table.Td>
                  {hasGapRule ? <Table.Td>{entry.gapRule ? <code>{entry.gapRule}</code> : '—'}</Table.Td> : null}
                  <Table.Td>
                    <RiskCount count={entry.riskCount} />
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function OwnEntries({ orgId, entries, canWrite }: { orgId: string; entries: TCatalogueEntry[]; canWrite: boolean }) {
  const remove = useDeleteCatalogueEntry(orgId);
  const [removing, setRemoving] = useState<TCatalogueEntry | null>(null);
  if (entries.length === 0) return <Text c="dimmed">{m.noMatch}</Text>;
  const categoryLabel = (entry: TCatalogueEntry) => (entry.category ? (entry.kind === 'threat_source' ? m.sourceTypes[entry.category] : m.vulnerabilityCategories[entry.category]) ?? entry.category : '—');
  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={760} type="native">
        <Table verticalSpacing="xs" horizontalSpacing="md" fz="sm" striped data-testid="catalogue-own">
          <TableCaption>{m.ownCaption}</TableCaption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={130}>
                {m.kindColumn}
              </Table.Th>
              <Table.Th scope="col" w={130}>
                {m.categoryColumn}
              </Table.Th>
              <Table.Th scope="col" w="24%">
                {m.titleColumn}
              </Table.Th>
              <Table.Th scope="col">{m.entryDescription}</Table.Th>
              <Table.Th scope="col" ta="right" w={60}>
                {m.risksColumn}
              </Table.Th>
              {canWrite ? (
                <Table.Th scope="col" w={60}>
                  {m.actionsColumn}
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <Table.Tr key={entry.id} data-testid="catalogue-own-entry" data-id={entry.id}>
                <Table.Td>{m.kinds[entry.kind]}</Table.Td>
                <Table.Td>{categoryLabel(entry)}</Table.Td>
                <Table.Td fw={600}>{entry.title}</Table.Td>
                <Table.Td>{entry.description}</Table.Td>
                <Table.Td>
                  <RiskCount count={entry.riskCount} />
                </Table.Td>
                {canWrite ? (
                  <Table.Td>
                    <Tooltip label={m.deleteEntry(entry.title)}>
                      <ActionIcon variant="subtle" color="red.9" onClick={() => setRemoving(entry)} aria-label={m.deleteEntry(entry.title)} data-testid="catalogue-own-delete">
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmDialog
        opened={removing !== null}
        title={m.deleteEntryTitle}
        recorded={m.deleteEntryRecorded}
        confirmLabel={m.deleteEntryConfirm}
        isDestructive
        isPending={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: m.entryRemoved(removing.title) });
              setRemoving(null);
            },
          })
        }
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        testId="catalogue-delete-dialog"
      >
        {removing ? m.deleteEntryBody(removing.title) : ''}
      </ConfirmDialog>
    </Paper>
  );
}
