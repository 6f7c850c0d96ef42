/**
 * Plan → Statement of Applicability (ISO/IEC 27001:2022 6.1.3 d): the table with inline editing and
 * filters in the URL, "Publish version", version history with approval and comparison, downloads, and
 * — for a group — the matrix of its sites.
 */
import { Alert, Badge, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconFileCertificate, IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { formatDate } from '../../kernel/format.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { LoadingState } from '../../ui/loading-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { useSession } from '../auth/index.js';
import { organizationQuery } from '../organizations/index.js';
import { VersionActionDialog } from './soa-dialogs.js';
import { invalidateSoa, publishVersion, soaQuery } from './soa-api.js';
import { SoaFilters } from './soa-filters.js';
import { CLEARED_SOA_FILTERS, hasSoaFilters, soaListQuery, type SoaSearch, type SoaView } from './soa-search.js';
import { SitesPanel } from './soa-sites-panel.js';
import { SoaTable } from './soa-table.js';
import { DownloadMenu, VersionsPanel } from './soa-versions-panel.js';
import { soaMessages as m } from './messages.js';

const route = getRouteApi('/_authed/o/$orgId/soa');

export function SoaPage() {
  const { orgId, membership } = useCurrentOrg();
  const session = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const query = useQuery(soaQuery(orgId, soaListQuery(search)));
  const organization = useQuery(organizationQuery(orgId)).data;
  const isGroup = (organization?.sites.length ?? 0) > 0;
  const [isPublishing, setPublishing] = useState(false);
  const publish = useMutation({
    mutationFn: (note: string | null) => publishVersion(orgId, note),
    onSuccess: async (version) => {
      await invalidateSoa(queryClient, orgId);
      notifications.show({ color: 'green', message: m.published(version.number) });
      setPublishing(false);
    },
  });
  const update = (next: Partial<SoaSearch>, options?: { replace?: boolean }) => void navigate({ search: (prev) => ({ ...prev, ...next }), replace: options?.replace ?? false });
  const view: SoaView = search.view ?? 'statement';
  const data = query.data;
  const abilities = data?.abilities ?? { write: false, approve: false };
  const last = data?.lastPublished ?? null;

  return (
    <>
      <PageHeader
        eyebrow={m.plan}
        title={m.title}
        description={m.description}
        actions={
          <>
            <DownloadMenu orgId={orgId} label={m.export} />
            {abilities.write ? (
              <Button leftSection={<IconFileCertificate size={16} aria-hidden />} onClick={() => setPublishing(true)} disabled={!data || data.counts.rows === 0} data-testid="soa-publish">
                {m.publish}
              </Button>
            ) : null}
          </>
        }
      />
      {data ? (
        <Group gap="sm" mb="md" wrap="wrap" data-testid="soa-summary">
          <Text size="sm">{m.counts(data.counts.rows, data.counts.applicable, data.counts.unjustified)}</Text>
          <Badge variant="light" color={last ? 'blue' : 'gray'} styles={{ label: { textTransform: 'none' } }}>
            {last ? `${m.lastPublished(last.number, formatDate(last.publishedAt, membership.timeZone))} · ${last.approvedBy && last.approvedAt ? m.approvedBy(last.approvedBy.name, formatDate(last.approvedAt, membership.timeZone)) : m.notApproved}` : m.nothingPublished}
          </Badge>
          {last ? (
            <Badge variant="light" color={data.hasUnpublishedChanges ? 'orange' : 'green'} styles={{ label: { textTransform: 'none' } }} data-testid="soa-draft-state">
              {data.hasUnpublishedChanges ? m.unpublished : m.upToDate}
            </Badge>
          ) : null}
        </Group>
      ) : null}
      <Tabs value={view} onChange={(value) => update({ view: (value as SoaView) === 'statement' ? undefined : (value as SoaView), version: undefined })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="statement">{m.tabs.statement}</Tabs.Tab>
          <Tabs.Tab value="versions" data-testid="soa-tab-versions">{m.tabs.versions}</Tabs.Tab>
          {isGroup ? <Tabs.Tab value="sites" data-testid="soa-tab-sites">{m.tabs.sites}</Tabs.Tab> : null}
        </Tabs.List>
        <Tabs.Panel value="statement">
          <SoaFilters search={search} onChange={update} />
          {query.error && !data ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
          {!data && !query.error ? <LoadingState rows={8} /> : null}
          {data && data.counts.rows === 0 ? (
            <Alert color="orange" icon={<IconAlertTriangle size={16} aria-hidden />} title={m.emptyCatalogueTitle}>
              {m.emptyCatalogueBody}
            </Alert>
          ) : null}
          {data && data.counts.rows > 0 && data.items.length === 0 ? (
            <EmptyState
              icon={<IconSearch size={28} aria-hidden />}
              title={m.noMatchTitle}
              description={m.noMatchBody}
              action={
                hasSoaFilters(search) ? (
                  <Button variant="default" onClick={() => update(CLEARED_SOA_FILTERS)}>
                    {m.clearFilters}
                  </Button>
                ) : null
              }
            />
          ) : null}
          {data && data.items.length > 0 ? (
            <Stack gap="xs">
              <Text size="sm" c="dimmed" aria-live="polite" data-testid="result-count">
                {`${data.total} / ${data.counts.rows}`}
              </Text>
              <SoaTable orgId={orgId} rows={data.items} isEditable={abilities.write} risksAvailable={data.risksAvailable} caption={m.title} />
            </Stack>
          ) : null}
        </Tabs.Panel>
        <Tabs.Panel value="versions">
          <VersionsPanel orgId={orgId} timeZone={membership.timeZone} canApprove={abilities.approve} userId={session.user.id} search={search} onChange={update} />
        </Tabs.Panel>
        {isGroup ? (
          <Tabs.Panel value="sites">
            <SitesPanel orgId={orgId} />
          </Tabs.Panel>
        ) : null}
      </Tabs>
      {isPublishing ? (
        <VersionActionDialog
          opened
          title={m.publishTitle}
          body={m.publishBody}
          recorded={m.publishRecorded}
          noteLabel={m.publishNote}
          confirmLabel={m.publish}
          isPending={publish.isPending}
          error={publish.error}
          onClose={() => {
            publish.reset();
            setPublishing(false);
          }}
          onSubmit={(note) => publish.mutate(note)}
          testId="soa-publish-dialog"
        />
      ) : null}
    </>
  );
}
