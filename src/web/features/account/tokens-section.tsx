/** My API tokens: never their secrets, only name, scope, prefix and dates; each can be revoked. */
import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { ZApiTokenItem } from '../../../shared/contracts/account.js';
import { browserTimeZone, formatDate, formatRelative } from '../../kernel/format.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { TableCaption } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { LoadingState } from '../../ui/loading-state.js';
import { defaultOrganizationId, useSession } from '../auth/index.js';
import { accountTokensQuery, useRevokeToken } from './account-api.js';
import { CreateTokenDialog } from './create-token-dialog.js';
import { accountMessages as m } from './messages.js';

type TokenItem = z.infer<typeof ZApiTokenItem>;

function tokenStatus(item: TokenItem): { label: string; color: string } {
  if (item.revokedAt) return { label: m.tokenRevoked, color: 'gray' };
  if (new Date(item.expiresAt) <= new Date()) return { label: m.tokenExpired, color: 'orange' };
  return { label: m.tokenActive, color: 'green' };
}

export function TokensSection() {
  const session = useSession();
  const query = useQuery(accountTokensQuery);
  const revoke = useRevokeToken();
  const [isCreating, setCreating] = useState(false);
  const [target, setTarget] = useState<TokenItem | null>(null);
  const zone = browserTimeZone();
  const orgId = defaultOrganizationId(session);
  const createButton = orgId ? (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="token-create">
      {m.createToken}
    </Button>
  ) : null;

  const closeRevoke = () => {
    setTarget(null);
    revoke.reset();
  };

  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4} maw={640}>
            <Title order={2} fz="lg">
              {m.tokensTitle}
            </Title>
            <Text size="sm" c="dimmed">
              {m.tokensIntro}
            </Text>
          </Stack>
          {query.data && query.data.items.length > 0 ? createButton : null}
        </Group>
        {!orgId ? <Text size="sm">{m.noOrganizations}</Text> : null}
        {query.isPending ? <LoadingState /> : null}
        {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
        {query.data && query.data.items.length === 0 ? (
          <EmptyState icon={<IconKey size={28} aria-hidden />} title={m.noTokensTitle} description={m.noTokensBody} action={createButton} testId="tokens-empty" />
        ) : null}
        {query.data && query.data.items.length > 0 ? (
          <Table.ScrollContainer minWidth={820} type="native">
            <Table verticalSpacing="sm" data-testid="tokens-table">
              <TableCaption>{m.tokensTitle}</TableCaption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{m.tokenName}</Table.Th>
                  <Table.Th scope="col">{m.tokenOrganization}</Table.Th>
                  <Table.Th scope="col">{m.tokenPermissions}</Table.Th>
                  <Table.Th scope="col">{m.tokenCreatedAt}</Table.Th>
                  <Table.Th scope="col">{m.sessionExpires}</Table.Th>
                  <Table.Th scope="col">{m.tokenLastUsed}</Table.Th>
                  <Table.Th scope="col">{m.tokenStatus}</Table.Th>
                  <Table.Th scope="col">{m.sessionActions}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((item) => {
                  const status = tokenStatus(item);
                  return (
                    <Table.Tr key={item.id} data-testid="token-row">
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {item.name}
                        </Text>
                        <Text size="xs" c="dimmed" ff="monospace">
                          {item.prefix}…
                        </Text>
                      </Table.Td>
                      <Table.Td>{item.organizationName}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {item.permissions.map((permission) => (
                            <Badge key={permission} size="sm" variant="outline" color="gray" tt="none">
                              {permission}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>{formatDate(item.createdAt, zone)}</Table.Td>
                      <Table.Td>
                        {formatDate(item.expiresAt, zone)}
                        {!item.revokedAt ? (
                          <Text size="xs" c="dimmed">
                            {formatRelative(item.expiresAt)}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{item.lastUsedAt ? formatRelative(item.lastUsedAt) : m.never}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={status.color}>
                          {status.label}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {status.label === m.tokenActive ? (
                          <Button size="xs" variant="default" onClick={() => setTarget(item)} aria-label={`${m.revoke}: ${item.name}`}>
                            {m.revoke}
                          </Button>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Stack>
      {orgId ? <CreateTokenDialog opened={isCreating} initialOrgId={orgId} onClose={() => setCreating(false)} /> : null}
      <ConfirmDialog
        opened={target !== null}
        title={m.revokeTokenTitle}
        recorded={m.revokeTokenRecorded}
        confirmLabel={m.revoke}
        isDestructive
        isPending={revoke.isPending}
        error={revoke.error}
        onClose={closeRevoke}
        onConfirm={() => {
          if (!target) return;
          revoke.mutate(target.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: m.tokenRevokedToast });
              closeRevoke();
            },
          });
        }}
      >
        {target ? m.revokeTokenBody(target.name) : ''}
      </ConfirmDialog>
    </Paper>
  );
}
