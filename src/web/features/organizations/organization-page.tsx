/** Admin → Organization: its settings, facts and sites. */
import { Badge, Button, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconBuildingHospital, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { TOrganization } from '../../../shared/contracts/organizations.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { formatDate } from '../../kernel/format.js';
import { TableCaption } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { RouterAnchor } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { useSession } from '../auth/index.js';
import { CreateSiteDialog } from './create-site-dialog.js';
import { organizationMessages as m } from './messages.js';
import { OrgSettingsForm } from './org-settings-form.js';
import { organizationQuery } from './organizations-api.js';

function Facts({ organization }: { organization: TOrganization }) {
  const rows: [string, string][] = [
    [m.facts.kind, m.kinds[organization.kind] ?? organization.kind],
    [m.facts.slug, organization.slug],
    [m.facts.parent, organization.parentName ?? m.facts.none],
    [m.facts.created, formatDate(organization.createdAt, organization.timeZone)],
  ];
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="sm">
        {rows.map(([label, value]) => (
          <div key={label}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {label}
            </Text>
            <Text size="sm">{value}</Text>
          </div>
        ))}
      </Stack>
    </Paper>
  );
}

function SitesSection({ organization }: { organization: TOrganization }) {
  const session = useSession();
  const [isCreating, setCreating] = useState(false);
  const canCreate = organization.abilities.createSite;
  const accessible = new Set(session.memberships.map((membership) => membership.organizationId));
  const addButton = canCreate ? (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="site-create">
      {m.addSite}
    </Button>
  ) : null;
  return (
    <Paper withBorder radius="md" p="lg" data-testid="sites-section">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4} maw={640}>
            <Title order={2} fz="lg">
              {m.sitesTitle}
            </Title>
            <Text size="sm" c="dimmed">
              {m.sitesIntro}
            </Text>
          </Stack>
          {organization.sites.length > 0 ? addButton : null}
        </Group>
        {organization.sites.length === 0 ? (
          <EmptyState
            icon={<IconBuildingHospital size={28} aria-hidden />}
            title={m.noSitesTitle}
            description={canCreate ? m.noSitesBody : m.noSitesReadOnly}
            action={addButton}
            testId="sites-empty"
          />
        ) : (
          <Table verticalSpacing="sm" data-testid="sites-table">
            <TableCaption>{m.sitesTitle}</TableCaption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{m.siteName}</Table.Th>
                <Table.Th scope="col">{m.siteKind}</Table.Th>
                <Table.Th scope="col">{m.siteSlug}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {organization.sites.map((site) => (
                <Table.Tr key={site.id}>
                  <Table.Td>
                    {accessible.has(site.id) ? (
                      <RouterAnchor to="/o/$orgId/overview" params={{ orgId: site.id }} aria-label={m.openSite(site.name)} fw={500}>
                        {site.name}
                      </RouterAnchor>
                    ) : (
                      <Text size="sm" fw={500}>
                        {site.name}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="gray">
                      {m.kinds[site.kind] ?? site.kind}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {site.slug}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {canCreate ? <CreateSiteDialog organization={organization} opened={isCreating} onClose={() => setCreating(false)} /> : null}
    </Paper>
  );
}

export function OrganizationPage() {
  const { orgId } = useCurrentOrg();
  const query = useQuery(organizationQuery(orgId));
  const organization = query.data;
  return (
    <>
      <PageHeader eyebrow={m.admin} title={organization?.name ?? m.orgTitle} description={m.orgDescription} />
      {query.isPending ? <LoadingState rows={6} /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {organization ? (
        <Stack gap="lg">
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <OrgSettingsForm key={organization.id} organization={organization} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Facts organization={organization} />
            </Grid.Col>
          </Grid>
          <SitesSection organization={organization} />
        </Stack>
      ) : null}
    </>
  );
}
