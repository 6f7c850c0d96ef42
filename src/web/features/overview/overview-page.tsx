/**
 * Overview: what this organization is and the state of what exists today — its sites, who has access,
 * whether the audit trail is intact, what happened last, and the open breach notification clocks. Real
 * data only; every number links to the list behind it.
 */
import { Badge, Grid, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBuildingHospital, IconHistory, IconShieldLock, IconUsers, type Icon } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { formatDateTime, formatRelative } from '../../kernel/format.js';
import { TableCaption } from '../../ui/data-table.js';
import { ErrorState } from '../../ui/error-state.js';
import { RouterAnchor } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { AssetsTile } from '../assets/index.js';
import { auditEventsQuery, auditVerifyQuery, ChainResult, eventLabel } from '../audit-log/index.js';
import { hasPermission, useSession } from '../auth/index.js';
import { ReadinessTile } from '../compliance/index.js';
import { OpenClocksTile } from '../incidents/index.js';
import { membersQuery, organizationQuery } from '../organizations/index.js';
import { overviewMessages as m } from './messages.js';

function StatCard({ icon: IconComponent, label, value, link, testId }: { icon: Icon; label: string; value: ReactNode; link?: ReactNode; testId: string }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase">
            {label}
          </Text>
          <Text fz={28} fw={700} lh={1.2}>
            {value}
          </Text>
        </Stack>
        <ThemeIcon variant="light" size={38} radius="md" aria-hidden>
          <IconComponent size={22} />
        </ThemeIcon>
      </Group>
      {link ? (
        <Text size="sm" mt="xs">
          {link}
        </Text>
      ) : null}
    </Paper>
  );
}

function Count({ value, isLoading }: { value: number | undefined; isLoading: boolean }) {
  if (isLoading) return <Skeleton height={30} width={60} mt={2} />;
  return <>{value === undefined ? '—' : value.toLocaleString('en-GB')}</>;
}

export function OverviewPage() {
  const { orgId, membership } = useCurrentOrg();
  const session = useSession();
  const canReadMembers = hasPermission(membership, 'member.read');
  const canReadAudit = hasPermission(membership, 'audit.read');
  const canReadAssets = hasPermission(membership, 'asset.read');
  const canReadControls = hasPermission(membership, 'control.read');
  const canVerify = hasPermission(membership, 'audit.verify');
  const canReadIncidents = hasPermission(membership, 'incident.read');
  const org = useQuery(organizationQuery(orgId));
  const members = useQuery({ ...membersQuery(orgId, { page: 1, pageSize: 1 }), enabled: canReadMembers });
  const events = useQuery({ ...auditEventsQuery(orgId, { page: 1, pageSize: 8, direction: 'desc' }), enabled: canReadAudit });
  const chain = useQuery({ ...auditVerifyQuery(orgId), enabled: canVerify });

  if (org.isPending) return <LoadingState rows={8} />;
  if (org.isError) return <ErrorState error={org.error} onRetry={() => void org.refetch()} />;
  const organization = org.data;
  const zone = organization.timeZone;

  const recentPanel = canReadAudit ? (
    <Paper withBorder radius="md" p="md" data-testid="recent-events">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="md">
          {m.recentTitle}
        </Title>
        <RouterAnchor to="/o/$orgId/audit-log" params={{ orgId }} size="sm">
          {m.allEvents}
        </RouterAnchor>
      </Group>
      {events.isPending ? <LoadingState /> : null}
      {events.isError ? <ErrorState error={events.error} onRetry={() => void events.refetch()} /> : null}
      {events.data && events.data.items.length === 0 ? <Text size="sm">{m.recentEmpty}</Text> : null}
      {events.data && events.data.items.length > 0 ? (
        <Table verticalSpacing="xs">
          <TableCaption>{m.recentTitle}</TableCaption>
          <Table.Tbody>
            {events.data.items.map((event) => (
              <Table.Tr key={event.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {eventLabel(event.type)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {event.actorLabel}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="xs" title={`${formatDateTime(event.occurredAt, zone, { seconds: true })} (${zone})`}>
                    {formatRelative(event.occurredAt)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Paper>
  ) : null;
  const chainPanel = canVerify ? (
    <Paper withBorder radius="md" p="md" data-testid="overview-chain">
      <Title order={2} fz="md" mb="sm">
        {m.chainTitle}
      </Title>
      {chain.isPending ? <Text size="sm">{m.chainChecking}</Text> : null}
      {chain.isError ? <ErrorState error={chain.error} onRetry={() => void chain.refetch()} /> : null}
      {chain.data ? <ChainResult result={chain.data} /> : null}
    </Paper>
  ) : null;
  const sitesPanel = (
    <Paper withBorder radius="md" p="md" data-testid="overview-sites">
      <Title order={2} fz="md" mb="sm">
        {m.sitesTitle}
      </Title>
      {organization.sites.length === 0 ? (
        <Text size="sm">
          {m.sitesEmpty}{' '}
          {organization.abilities.createSite ? (
            <RouterAnchor to="/o/$orgId/organization" params={{ orgId }}>
              {m.addSites}
            </RouterAnchor>
          ) : null}
        </Text>
      ) : (
        <Stack gap="xs">
          {organization.sites.map((site) => {
            const isMember = session.memberships.some((item) => item.organizationId === site.id);
            return (
              <Group key={site.id} justify="space-between" wrap="nowrap">
                {isMember ? (
                  <RouterAnchor to="/o/$orgId/overview" params={{ orgId: site.id }} size="sm" fw={500}>
                    {site.name}
                  </RouterAnchor>
                ) : (
                  <Text size="sm" fw={500}>
                    {site.name}
                  </Text>
                )}
                <Badge variant="light" color="gray">
                  {m.kinds[site.kind] ?? site.kind}
                </Badge>
              </Group>
            );
          })}
        </Stack>
      )}
    </Paper>
  );

  return (
    <>
      <PageHeader eyebrow={m.eyebrow} title={organization.name} description={m.description(m.kinds[organization.kind] ?? organization.kind, organization.parentName, zone)} testId="overview-title" />
      <SimpleGrid cols={{ base: 1, xs: 2, md: canReadAssets ? 3 : 4, xl: canReadAssets ? (canReadControls ? 3 : 5) : 4 }} spacing="md" mb="lg">
        <StatCard
          icon={IconBuildingHospital}
          label={m.sites}
          value={organization.sites.length}
          testId="stat-sites"
          link={
            <RouterAnchor to="/o/$orgId/organization" params={{ orgId }}>
              {m.viewSites}
            </RouterAnchor>
          }
        />
        {canReadMembers ? (
          <StatCard
            icon={IconUsers}
            label={m.people}
            value={<Count value={members.data?.total} isLoading={members.isPending} />}
            testId="stat-people"
            link={
              <RouterAnchor to="/o/$orgId/people" params={{ orgId }}>
                {m.viewPeople}
              </RouterAnchor>
            }
          />
        ) : null}
        {canReadAssets ? <AssetsTile orgId={orgId} /> : null}
        {canReadControls ? <ReadinessTile orgId={orgId} /> : null}
        {canReadAudit ? (
          <StatCard
            icon={IconHistory}
            label={m.events}
            value={<Count value={events.data?.total} isLoading={events.isPending} />}
            testId="stat-events"
            link={
              <RouterAnchor to="/o/$orgId/audit-log" params={{ orgId }}>
                {m.viewEvents}
              </RouterAnchor>
            }
          />
        ) : null}
        <StatCard
          icon={IconShieldLock}
          label={m.mfa}
          value={
            <Text fz="lg" fw={700} component="span">
              {organization.mfaRequired ? m.mfaRequired : m.mfaOptional}
            </Text>
          }
          testId="stat-mfa"
          link={
            <RouterAnchor to="/o/$orgId/organization" params={{ orgId }}>
              {m.viewSettings}
            </RouterAnchor>
          }
        />
      </SimpleGrid>
      {canReadIncidents ? (
        <Stack mb="lg">
          <OpenClocksTile orgId={orgId} />
        </Stack>
      ) : null}
      {recentPanel ? (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 7 }}>{recentPanel}</Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="lg">
              {chainPanel}
              {sitesPanel}
            </Stack>
          </Grid.Col>
        </Grid>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          {chainPanel}
          {sitesPanel}
        </SimpleGrid>
      )}
    </>
  );
}
