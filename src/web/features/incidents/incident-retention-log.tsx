/**
 * The disposal log (45 CFR 164.530(j); GDPR Art. 5(1)(e)): incidents deleted after their retention period,
 * with what the record keeps (reference, closing and retention dates, reason, who and when; no
 * description or PHI). Needs incident.configure.
 */
import { Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { formatDate, formatDateTime } from '../../kernel/format.js';
import { TableCaption } from '../../ui/data-table.js';
import { ErrorState } from '../../ui/error-state.js';
import { LoadingState } from '../../ui/loading-state.js';
import { disposalsQuery } from './incidents-api.js';
import { incidentMessages } from './messages.js';

const m = incidentMessages.retention;

export function DisposalLog({ orgId, timeZone }: { orgId: string; timeZone: string }) {
  const query = useQuery(disposalsQuery(orgId));
  return (
    <Paper withBorder radius="md" p="lg" maw={1000} data-testid="disposal-log">
      <Title order={2} fz="md" mb={4}>
        {m.title}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {m.description}
      </Text>
      {query.isPending ? <LoadingState rows={3} /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data && query.data.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="disposal-log-empty">
          {m.empty}
        </Text>
      ) : null}
      {query.data && query.data.length > 0 ? (
        <Table.ScrollContainer minWidth={720} type="native">
          <Table verticalSpacing="xs">
            <TableCaption>{m.caption}</TableCaption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{m.columns.ref}</Table.Th>
                <Table.Th scope="col">{m.columns.closedAt}</Table.Th>
                <Table.Th scope="col">{m.columns.retainUntil}</Table.Th>
                <Table.Th scope="col">{m.columns.disposedAt}</Table.Th>
                <Table.Th scope="col">{m.columns.disposedBy}</Table.Th>
                <Table.Th scope="col">{m.columns.reason}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((record) => (
                <Table.Tr key={record.id} data-testid="disposal-row" data-incident-ref={record.ref}>
                  <Table.Td>
                    <Text size="sm" ff="monospace" fw={600}>
                      {record.ref}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDate(record.closedAt, timeZone)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDate(`${record.retainUntil}T12:00:00Z`, 'UTC')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(record.disposedAt, timeZone)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{record.disposedBy?.name ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {record.reason}
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
