/** Verify the hash chain (OK, or the first broken event) and export an anchor to keep outside Custos. */
import { Alert, Button, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAnchor, IconCircleCheck, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { TAuditVerifyResult } from '../../../shared/contracts/audit.js';
import { ErrorState } from '../../ui/error-state.js';
import { auditVerifyQuery, downloadAnchor } from './audit-api.js';
import { auditMessages as m } from './messages.js';

export function ChainResult({ result }: { result: TAuditVerifyResult }) {
  if (result.ok) {
    return (
      <Alert color="green" variant="light" icon={<IconShieldCheck aria-hidden />} title={m.chainOk} data-testid="chain-result" data-chain-ok="true">
        <Text size="sm">{m.chainOkBody(result.checked, result.headSeq)}</Text>
        {result.headHash ? (
          <Text size="xs" mt={4}>
            {m.headHash}: <Code>{result.headHash.slice(0, 16)}…</Code>
          </Text>
        ) : null}
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" icon={<IconShieldX aria-hidden />} title={m.chainBroken} role="alert" data-testid="chain-result" data-chain-ok="false">
      <Text size="sm">{result.broken ? m.chainBrokenBody(result.broken.seq, result.broken.reason) : m.chainBroken}</Text>
    </Alert>
  );
}

export function ChainPanel({ orgId, canVerify, canExport }: { orgId: string; canVerify: boolean; canExport: boolean }) {
  const verify = useQuery({ ...auditVerifyQuery(orgId), enabled: false });
  const anchor = useMutation({
    mutationFn: () => downloadAnchor(orgId),
    onSuccess: () => notifications.show({ color: 'green', icon: <IconCircleCheck aria-hidden />, message: m.anchorSaved }),
  });
  if (!canVerify && !canExport) return null;
  return (
    <Paper withBorder radius="md" p="md" mb="lg" data-testid="chain-panel">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2} maw={620}>
            <Title order={2} fz="md">
              {m.chainTitle}
            </Title>
            <Text size="sm" c="dimmed">
              {m.chainIntro}
            </Text>
          </Stack>
          <Group gap="sm">
            {canVerify ? (
              <Button variant="default" leftSection={<IconShieldCheck size={16} aria-hidden />} loading={verify.isFetching} onClick={() => void verify.refetch()} data-testid="chain-verify">
                {m.verify}
              </Button>
            ) : null}
            {canExport ? (
              <Button
                variant="default"
                leftSection={<IconAnchor size={16} aria-hidden />}
                loading={anchor.isPending}
                onClick={() => anchor.mutate()}
                title={m.anchorRecorded}
                data-testid="chain-anchor"
              >
                {m.exportAnchor}
              </Button>
            ) : null}
          </Group>
        </Group>
        {verify.data && !verify.isFetching ? <ChainResult result={verify.data} /> : null}
        {verify.isError ? <ErrorState error={verify.error} /> : null}
        {anchor.isError ? <ErrorState error={anchor.error} /> : null}
      </Stack>
    </Paper>
  );
}
