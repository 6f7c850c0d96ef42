/**
 * The frameworks catalogue (issue 4 item 7): one card per framework with its origin, version, counts and
 * source licence; the OSCAL import for those allowed to import; removal of an imported framework.
 */
import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBooks, IconFileImport, IconInfoCircle, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { TFramework } from '../../../shared/contracts/frameworks.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { LinkButton } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { hasPermission } from '../auth/index.js';
import { OriginBadge } from './framework-badges.js';
import { deleteFramework, frameworksQuery, invalidateFrameworks } from './frameworks-api.js';
import { ImportOscalDialog } from './import-oscal-dialog.js';
import { frameworkMessages as m } from './messages.js';

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <Stack gap={0}>
      <Text fw={700} fz="lg">
        {value.toLocaleString()}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

function FrameworkCard({ orgId, framework, onRemove }: { orgId: string; framework: TFramework; onRemove: (f: TFramework) => void }) {
  return (
    <Card withBorder padding="lg" radius="md" data-testid={`framework-card-${framework.key}`}>
      <Stack gap="sm" h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Title order={2} fz="lg">
              {framework.shortName}
            </Title>
            <Text size="sm">{framework.name}</Text>
          </Stack>
          <OriginBadge framework={framework} />
        </Group>
        <Text size="sm" c="dimmed">
          {m.version} {framework.version}
          {framework.publisher ? ` · ${framework.publisher}` : ''}
        </Text>
        {framework.description ? <Text size="sm">{framework.description}</Text> : null}
        <Group gap="xl">
          <Figure label={m.requirements} value={framework.requirementCount} />
          <Figure label={m.assessable} value={framework.assessableCount} />
          <Figure label={m.links} value={framework.linkCount} />
        </Group>
        {framework.source ? (
          <Text size="xs" c="dimmed">
            <Text span fw={600} inherit>
              {m.source}:
            </Text>{' '}
            {framework.source}
            {framework.origin === 'builtin' ? ` · ${m.catalogueVersion(framework.catalogVersion)}` : ''}
          </Text>
        ) : null}
        <Group mt="auto" gap="sm">
          <LinkButton to="/o/$orgId/frameworks/$frameworkId" params={{ orgId, frameworkId: framework.id }} search={{}} variant="light" leftSection={<IconBooks size={16} aria-hidden />}>
            {m.browse}
          </LinkButton>
          {framework.abilities.delete ? (
            <Button variant="subtle" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => onRemove(framework)}>
              {m.remove}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}

export function FrameworksPage() {
  const { orgId, membership } = useCurrentOrg();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const query = useQuery(frameworksQuery(orgId));
  const [importing, setImporting] = useState(false);
  const [removing, setRemoving] = useState<TFramework | null>(null);
  const canImport = hasPermission(membership, 'framework.import');
  const remove = useMutation({
    mutationFn: (framework: TFramework) => deleteFramework(orgId, framework.id),
    onSuccess: async () => {
      await invalidateFrameworks(queryClient, orgId);
      notifications.show({ color: 'green', message: m.removed });
      setRemoving(null);
    },
  });

  return (
    <>
      <PageHeader
        eyebrow={m.plan}
        title={m.listTitle}
        description={m.listDescription}
        actions={
          canImport ? (
            <Button leftSection={<IconFileImport size={16} aria-hidden />} onClick={() => setImporting(true)} data-testid="open-oscal-import">
              {m.importOscal}
            </Button>
          ) : null
        }
      />
      <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />} mb="lg">
        {m.noOfficialMapping}
      </Alert>
      {query.isPending ? <LoadingState /> : null}
      {query.error ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data && query.data.items.length === 0 ? <EmptyState title={m.emptyTitle} description={m.emptyDescription} /> : null}
      {query.data ? (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="lg">
          {query.data.items.map((framework) => (
            <FrameworkCard key={framework.id} orgId={orgId} framework={framework} onRemove={(f) => setRemoving(f)} />
          ))}
        </SimpleGrid>
      ) : null}
      {canImport ? (
        <ImportOscalDialog
          orgId={orgId}
          opened={importing}
          onClose={() => setImporting(false)}
          onImported={(result) => {
            setImporting(false);
            void navigate({ to: '/o/$orgId/frameworks/$frameworkId', params: { orgId, frameworkId: result.framework.id }, search: {} });
          }}
        />
      ) : null}
      <ConfirmDialog
        opened={removing !== null}
        title={removing ? m.removeTitle(removing.name) : ''}
        recorded={m.removeRecorded}
        confirmLabel={m.remove}
        isDestructive
        isPending={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => {
          remove.reset();
          setRemoving(null);
        }}
      >
        {m.removeBody}
      </ConfirmDialog>
    </>
  );
}
