/**
 * Admin → Classification: the scheme's levels and the handling rules each requires (A.5.12 classification,
 * A.5.13 labelling). Editable with the list's `manage` ability; a level in use cannot be deleted.
 */
import { ActionIcon, Alert, Button, ColorSwatch, Group, Menu, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconDots, IconInfoCircle, IconPencil, IconPlus, IconTags, IconTrash, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { TableCaption } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { RouterAnchor } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { classificationQuery, deleteLevel, invalidateAssets } from './assets-api.js';
import { ClassificationDialog, HANDLING_RULES, type Level } from './classification-dialog.js';
import { assetMessages as m } from './messages.js';

function Rule({ label, isOn }: { label: string; isOn: boolean }) {
  return (
    <Group gap={6} wrap="nowrap" component="li">
      {isOn ? <IconCheck size={14} aria-hidden color="var(--mantine-color-green-9)" style={{ flexShrink: 0 }} /> : <IconX size={14} aria-hidden color="var(--mantine-color-gray-7)" style={{ flexShrink: 0 }} />}
      <Text size="sm" c={isOn ? undefined : 'dimmed'}>
        {label}: <strong>{isOn ? m.yes : m.no}</strong>
      </Text>
    </Group>
  );
}

function LevelActions({ level, onEdit, onDelete }: { level: Level; onEdit: () => void; onDelete: () => void }) {
  const inUse = level.assetCount > 0;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={m.levelActions(level.name)} data-testid="level-actions">
          <IconDots size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown maw={300}>
        <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={onEdit} data-testid="level-edit">
          {m.editLevel(level.name)}
        </Menu.Item>
        <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} disabled={inUse} onClick={onDelete} data-testid="level-delete">
          {m.deleteLevel(level.name)}
        </Menu.Item>
        {inUse ? (
          <Text size="xs" c="dimmed" px="sm" pb="xs" data-testid="level-in-use">
            {m.levelInUse(level.assetCount)}
          </Text>
        ) : null}
      </Menu.Dropdown>
    </Menu>
  );
}

export function ClassificationPage() {
  const { orgId } = useCurrentOrg();
  const queryClient = useQueryClient();
  const query = useQuery(classificationQuery(orgId));
  const [editing, setEditing] = useState<Level | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<Level | null>(null);
  const canManage = query.data?.abilities.manage ?? false;
  const remove = useMutation({
    mutationFn: (level: Level) => deleteLevel(orgId, level.id),
    onSuccess: async (_result, level) => {
      setDeleting(null);
      await invalidateAssets(queryClient, orgId);
      notifications.show({ color: 'green', message: m.levelDeleted(level.name) });
    },
  });
  const levels = [...(query.data?.items ?? [])].sort((a, b) => a.rank - b.rank);
  const nextRank = levels.length ? Math.min(100, (levels.at(-1)?.rank ?? 0) + 1) : 0;
  const addButton = canManage ? (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing(null)} data-testid="level-add">
      {m.addLevel}
    </Button>
  ) : null;

  return (
    <>
      <PageHeader eyebrow={m.admin} title={m.classificationTitle} description={m.classificationDescription} actions={addButton} />
      {query.isPending ? <LoadingState rows={6} /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data && !canManage ? (
        <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />} mb="md">
          {m.readOnlyScheme}
        </Alert>
      ) : null}
      {query.data && levels.length === 0 ? (
        <Paper withBorder radius="md">
          <EmptyState icon={<IconTags size={28} aria-hidden />} title={m.levelsEmptyTitle} description={m.levelsEmptyBody} action={addButton} />
        </Paper>
      ) : null}
      {levels.length > 0 ? (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={900} type="native">
            <Table verticalSpacing="md" horizontalSpacing="md" data-testid="classification-table">
              <TableCaption>{m.classificationTitle}</TableCaption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{m.levelColumns.level}</Table.Th>
                  <Table.Th scope="col">{m.levelColumns.rank}</Table.Th>
                  <Table.Th scope="col" miw={320}>
                    {m.levelColumns.rules}
                  </Table.Th>
                  <Table.Th scope="col">{m.levelColumns.retention}</Table.Th>
                  <Table.Th scope="col">{m.levelColumns.assets}</Table.Th>
                  {canManage ? (
                    <Table.Th scope="col" w={56}>
                      <VisuallyHidden>{m.levelColumns.actions}</VisuallyHidden>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {levels.map((level) => (
                  <Table.Tr key={level.id} data-testid="level-row" data-level-name={level.name}>
                    <Table.Td maw={320}>
                      <Group gap="sm" wrap="nowrap" align="flex-start">
                        <ColorSwatch color={level.colour} size={18} mt={2} aria-hidden style={{ flexShrink: 0 }} />
                        <Stack gap={2}>
                          <Text fw={600} size="sm">
                            {level.name}
                          </Text>
                          {level.description ? (
                            <Text size="xs" c="dimmed">
                              {level.description}
                            </Text>
                          ) : null}
                        </Stack>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{level.rank}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                        {HANDLING_RULES.map((rule) => (
                          <Rule key={rule} label={m.levelFields[rule]} isOn={level[rule]} />
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={level.retention ? undefined : 'dimmed'}>
                        {level.retention ?? m.notRecorded}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {level.assetCount > 0 ? (
                        <RouterAnchor to="/o/$orgId/assets" params={{ orgId }} search={{ classificationId: level.id }} size="sm" aria-label={m.levelAssets(level.assetCount, level.name)}>
                          {level.assetCount}
                        </RouterAnchor>
                      ) : (
                        <Text size="sm">0</Text>
                      )}
                    </Table.Td>
                    {canManage ? (
                      <Table.Td>
                        <LevelActions level={level} onEdit={() => setEditing(level)} onDelete={() => setDeleting(level)} />
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ) : null}
      {canManage ? <ClassificationDialog orgId={orgId} level={editing} nextRank={nextRank} onClose={() => setEditing(undefined)} /> : null}
      <ConfirmDialog
        opened={deleting !== null}
        title={deleting ? m.levelDeleteTitle(deleting.name) : ''}
        recorded={m.levelRecorded}
        confirmLabel={m.delete}
        isDestructive
        isPending={remove.isPending}
        error={remove.error}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => deleting && remove.mutate(deleting)}
        testId="level-delete-dialog"
      >
        {m.levelDeleteBody}
      </ConfirmDialog>
    </>
  );
}
