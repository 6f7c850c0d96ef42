/** "My reports": the incidents I reported and where they stand (A.6.8: the reporter sees that it is handled). */
import { Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime } from '../../kernel/format.js';
import { TableCaption } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { RouterAnchor } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { IncidentStatusBadge } from './incident-badges.js';
import { myReportsQuery } from './incidents-api.js';
import { incidentMessages } from './messages.js';

const m = incidentMessages.myReports;

/** `canOpen`: with incident.read a reference links to the incident; a reporter without it sees the status only. */
export function MyReportsList({ orgId, timeZone, canOpen }: { orgId: string; timeZone: string; canOpen: boolean }) {
  const query = useQuery(myReportsQuery(orgId));
  return (
    <Paper withBorder radius="md" p="lg" data-testid="my-reports">
      <Title order={2} fz="lg" mb={4}>
        {m.title}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {m.description}
      </Text>
      {query.isPending ? <LoadingState rows={3} /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data && query.data.length === 0 ? <EmptyState title={m.emptyTitle} description={m.emptyBody} testId="my-reports-empty" /> : null}
      {query.data && query.data.length > 0 ? (
        <Table.ScrollContainer minWidth={560} type="native">
          <Table verticalSpacing="xs">
            <TableCaption>{m.caption}</TableCaption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{m.columns.ref}</Table.Th>
                <Table.Th scope="col">{m.columns.title}</Table.Th>
                <Table.Th scope="col">{m.columns.category}</Table.Th>
                <Table.Th scope="col">{m.columns.status}</Table.Th>
                <Table.Th scope="col">{m.columns.reportedAt}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((report) => (
                <Table.Tr key={report.id} data-testid="my-report-row" data-incident-ref={report.ref}>
                  <Table.Td>
                    {canOpen ? (
                      <RouterAnchor to="/o/$orgId/incidents/$incidentId" params={{ orgId, incidentId: report.id }} size="sm" ff="monospace" fw={600}>
                        {report.ref}
                      </RouterAnchor>
                    ) : (
                      <Text size="sm" ff="monospace" fw={600}>
                        {report.ref}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{report.title}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{incidentMessages.categories[report.category]}</Text>
                  </Table.Td>
                  <Table.Td>
                    <IncidentStatusBadge status={report.status} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(report.reportedAt, timeZone)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Paper>
  );
}
