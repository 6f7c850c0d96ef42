/**
 * What an asset depends on and what depends on it (A.5.30 ICT readiness; 164.308(a)(7)(ii)(E) criticality
 * analysis). The graph stays acyclic: the API refuses a cycle and says why, shown on the picker.
 */
import { ActionIcon, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { TAsset, ZDependency } from '../../../shared/contracts/assets.js';
import { isApiError } from '../../kernel/api-client.js';
import { TableCaption } from '../../ui/data-table.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { ErrorState } from '../../ui/error-state.js';
import { RouterAnchor } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { CriticalityBadge } from './asset-badges.js';
import { AssetPicker } from './asset-picker.js';
import { addDependency, dependenciesQuery, invalidateAssets, removeDependency } from './assets-api.js';
import { assetMessages as m } from './messages.js';

type Dependency = z.infer<typeof ZDependency>;

function DependencyList({ orgId, title, intro, empty, rows, side, canEdit, onRemove, testId }: { orgId: string; title: string; intro: string; empty: string; rows: Dependency[]; side: 'dependsOn' | 'dependent'; canEdit: boolean; onRemove: (dependency: Dependency) => void; testId: string }) {
  return (
    <Paper withBorder radius="md" p="lg" data-testid={testId}>
      <Title order={2} fz="md">
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {intro}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm">{empty}</Text>
      ) : (
        <Table verticalSpacing="xs">
          <TableCaption>{title}</TableCaption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{m.asset}</Table.Th>
              {side === 'dependsOn' ? <Table.Th scope="col">{m.columns.criticality}</Table.Th> : null}
              {canEdit ? <Table.Th scope="col" w={56}><VisuallyHidden>{m.flowActions}</VisuallyHidden></Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const id = side === 'dependsOn' ? row.dependsOnId : row.assetId;
              const name = side === 'dependsOn' ? row.dependsOnName : row.assetName;
              return (
                <Table.Tr key={row.id} data-testid="dependency-row">
                  <Table.Td>
                    <RouterAnchor to="/o/$orgId/assets/$assetId" params={{ orgId, assetId: id }} size="sm" fw={500}>
                      {name}
                    </RouterAnchor>
                  </Table.Td>
                  {side === 'dependsOn' ? (
                    <Table.Td>
                      <CriticalityBadge value={row.dependsOnCriticality} />
                    </Table.Td>
                  ) : null}
                  {canEdit ? (
                    <Table.Td>
                      <Tooltip label={m.removeDependency(name)} withArrow>
                        <ActionIcon variant="subtle" color="red" aria-label={m.removeDependency(name)} onClick={() => onRemove(row)} data-testid="dependency-remove">
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

export function AssetDependenciesTab({ orgId, asset }: { orgId: string; asset: TAsset }) {
  const queryClient = useQueryClient();
  const query = useQuery(dependenciesQuery(orgId, asset.id));
  const [choice, setChoice] = useState<{ id: string; name: string } | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const [removing, setRemoving] = useState<Dependency | null>(null);
  const canEdit = asset.abilities.update;

  const add = useMutation({
    mutationFn: (dependsOnId: string) => addDependency(orgId, asset.id, dependsOnId),
    onSuccess: async () => {
      setChoice(null);
      setPickerKey((key) => key + 1);
      await invalidateAssets(queryClient, orgId);
      notifications.show({ color: 'green', message: m.dependencyAdded });
    },
  });
  const remove = useMutation({
    mutationFn: (dependency: Dependency) => removeDependency(orgId, dependency.assetId, dependency.id),
    onSuccess: async () => {
      setRemoving(null);
      await invalidateAssets(queryClient, orgId);
      notifications.show({ color: 'green', message: m.dependencyRemoved });
    },
  });
  // The API names the field it refuses (a cycle, a duplicate, itself): shown on the picker, in its words.
  const fieldIssue = isApiError(add.error) ? add.error.issues.find((issue) => issue.path.endsWith('dependsOnId')) : undefined;

  if (query.isPending) return <LoadingState rows={5} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const { dependsOn, dependents } = query.data;

  return (
    <Stack gap="lg">
      {canEdit ? (
        <Paper withBorder radius="md" p="lg">
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (choice) add.mutate(choice.id);
            }}
            data-testid="dependency-form"
          >
            <Group align="flex-start" gap="sm" wrap="wrap">
              <div style={{ flex: '1 1 320px', maxWidth: 480 }}>
                <AssetPicker
                  key={pickerKey}
                  orgId={orgId}
                  label={m.dependencyPicker}
                  value={choice?.id ?? null}
                  onChange={(next) => {
                    setChoice(next);
                    add.reset();
                  }}
                  excludeIds={[asset.id, ...dependsOn.map((d) => d.dependsOnId)]}
                  error={fieldIssue ? `${m.dependencyPicker}: ${fieldIssue.message}` : undefined}
                  testId="dependency-picker"
                />
              </div>
              <Button type="submit" mt={25} leftSection={<IconPlus size={16} aria-hidden />} disabled={!choice} loading={add.isPending} data-testid="dependency-add">
                {m.addDependency}
              </Button>
            </Group>
            {add.error && !fieldIssue ? (
              <Stack mt="sm">
                <ErrorState error={add.error} />
              </Stack>
            ) : null}
          </form>
        </Paper>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <DependencyList orgId={orgId} title={m.dependsOnTitle} intro={m.dependsOnIntro} empty={m.noDependsOn} rows={dependsOn} side="dependsOn" canEdit={canEdit} onRemove={setRemoving} testId="depends-on" />
        <DependencyList orgId={orgId} title={m.dependentsTitle} intro={m.dependentsIntro} empty={m.noDependents} rows={dependents} side="dependent" canEdit={canEdit} onRemove={setRemoving} testId="dependents" />
      </SimpleGrid>
      <ConfirmDialog
        opened={removing !== null}
        title={m.removeDependencyTitle}
        recorded={m.dependencyRecorded}
        confirmLabel={m.delete}
        isDestructive
        isPending={remove.isPending}
        error={remove.error}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={() => removing && remove.mutate(removing)}
        testId="dependency-remove-dialog"
      >
        {removing ? m.removeDependencyBody(removing.assetName, removing.dependsOnName) : ''}
      </ConfirmDialog>
    </Stack>
  );
}
