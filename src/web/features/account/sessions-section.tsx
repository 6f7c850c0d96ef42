/** My sessions: where I am signed in, with the current one marked; any other can be revoked. */
import { Badge, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { ZSessionItem } from '../../../shared/contracts/account.js';
import { browserTimeZone, describeUserAgent, formatDateTime, formatRelative } from '../../kernel/format.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { TableCaption } from '../../ui/data-table.js';
import { ErrorState } from '../../ui/error-state.js';
import { LoadingState } from '../../ui/loading-state.js';
import { AUTH_METHOD_LABELS } from '../auth/index.js';
import { accountSessionsQuery, useRevokeSession } from './account-api.js';
import { accountMessages as m } from './messages.js';

type SessionItem = z.infer<typeof ZSessionItem>;

export function SessionsSection() {
  const query = useQuery(accountSessionsQuery);
  const revoke = useRevokeSession();
  const [target, setTarget] = useState<SessionItem | null>(null);
  const zone = browserTimeZone();

  const close = () => {
    setTarget(null);
    revoke.reset();
  };

  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="md">
        <Title order={2} fz="lg">
          {m.sessionsTitle}
        </Title>
        <Text size="sm" c="dimmed">
          {m.sessionsIntro}
        </Text>
        {query.isPending ? <LoadingState /> : null}
        {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
        {query.data ? (
          <Table.ScrollContainer minWidth={720} type="native">
            <Table verticalSpacing="sm" data-testid="sessions-table">
              <TableCaption>{m.sessionsTitle}</TableCaption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{m.sessionDevice}</Table.Th>
                  <Table.Th scope="col">{m.sessionIp}</Table.Th>
                  <Table.Th scope="col">{m.sessionMethod}</Table.Th>
                  <Table.Th scope="col">{m.sessionStarted}</Table.Th>
                  <Table.Th scope="col">{m.sessionLastSeen}</Table.Th>
                  <Table.Th scope="col">{m.sessionExpires}</Table.Th>
                  <Table.Th scope="col">{m.sessionActions}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((item) => (
                  <Table.Tr key={item.id} data-testid={item.isCurrent ? 'session-current' : 'session-row'}>
                    <Table.Td>
                      <Stack gap={2}>
                        <Text size="sm" fw={500}>
                          {describeUserAgent(item.userAgent)}
                        </Text>
                        {item.isCurrent ? (
                          <Badge size="sm" variant="light" color="green" w="fit-content">
                            {m.thisSession}
                          </Badge>
                        ) : null}
                      </Stack>
                    </Table.Td>
                    <Table.Td>{item.ip ?? '—'}</Table.Td>
                    <Table.Td>{AUTH_METHOD_LABELS[item.authMethod] ?? item.authMethod}</Table.Td>
                    <Table.Td>{formatDateTime(item.createdAt, zone)}</Table.Td>
                    <Table.Td>{formatRelative(item.lastSeenAt)}</Table.Td>
                    <Table.Td>{formatDateTime(item.expiresAt, zone)}</Table.Td>
                    <Table.Td>
                      {item.isCurrent ? null : (
                        <Button size="xs" variant="default" color="red" onClick={() => setTarget(item)} aria-label={`${m.revoke}: ${describeUserAgent(item.userAgent)}, ${item.ip ?? ''}`}>
                          {m.revoke}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Stack>
      <ConfirmDialog
        opened={target !== null}
        title={m.revokeSessionTitle}
        recorded={m.revokeSessionRecorded}
        confirmLabel={m.revoke}
        isDestructive
        isPending={revoke.isPending}
        error={revoke.error}
        onClose={close}
        onConfirm={() => {
          if (!target) return;
          revoke.mutate(target.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: m.sessionRevoked });
              close();
            },
          });
        }}
      >
        {target ? m.revokeSessionBody(describeUserAgent(target.userAgent)) : ''}
      </ConfirmDialog>
    </Paper>
  );
}
