/**
 * The group view: each site's effective status per Annex A control (sites inherit the group's
 * inheritable controls). Each cell carries a short word as well as its colour.
 */
import { Badge, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IMPLEMENTATION_STATUS_LABELS, type ImplementationStatus } from '../../../shared/compliance.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { PageLoader } from '../../ui/loading-state.js';
import { TableCaption } from '../../ui/data-table.js';
import { STATUS_COLOUR } from './soa-badges.js';
import { sitesQuery } from './soa-api.js';
import { soaMessages as m } from './messages.js';

const SHORT: Record<ImplementationStatus, string> = { implemented: 'Impl.', partial: 'Partial', planned: 'Planned', none: 'None', not_applicable: 'N/A' };

export function SitesPanel({ orgId }: { orgId: string }) {
  const query = useQuery(sitesQuery(orgId));
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <PageLoader />;
  const { requirements, sites } = query.data;
  if (sites.length === 0) return <EmptyState title={m.sitesTitle} description={m.sitesEmpty} testId="soa-sites-empty" />;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {m.sitesDescription}
      </Text>
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={300 + sites.length * 110} type="native">
          <Table verticalSpacing={4} horizontalSpacing="xs" stickyHeader data-testid="soa-sites">
            <TableCaption>{m.sitesTitle}</TableCaption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{m.columns.ref}</Table.Th>
                {sites.map((site) => (
                  <Table.Th key={site.organizationId} scope="col">
                    <Text size="sm" fw={700}>{site.name}</Text>
                    <Text size="xs" c="dimmed">{m.implementedOf(site.counts.implemented, requirements.length)}</Text>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requirements.map((requirement, index) => (
                <Table.Tr key={requirement.ref}>
                  <Table.Th scope="row">
                    <Text size="sm" fw={700} span ff="monospace">{requirement.ref}</Text>{' '}
                    <Text size="sm" span>{requirement.title}</Text>
                  </Table.Th>
                  {sites.map((site) => {
                    const status = site.statuses[index]!;
                    return (
                      <Table.Td key={site.organizationId}>
                        <Badge size="sm" variant="light" color={STATUS_COLOUR[status]} styles={{ label: { textTransform: 'none' } }} title={`${site.name} · ${requirement.ref}: ${IMPLEMENTATION_STATUS_LABELS[status]}`} data-status={status}>
                          {SHORT[status]}
                        </Badge>
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
