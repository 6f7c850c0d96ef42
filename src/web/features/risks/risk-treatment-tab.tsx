/**
 * A risk's treatment (ISO/IEC 27001:2022 6.1.3 a–e, 8.3; 45 CFR 164.308(a)(1)(ii)(B)): the option and
 * its rationale, the controls that treat it with their status and effectiveness (their SoA rows list
 * this risk), and the tasks that carry the treatment out, with owners, due dates, costs and totals.
 */
import { ActionIcon, Button, Group, Paper, Select, Stack, Table, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChecklist, IconLink, IconListCheck, IconPencil, IconPlus, IconSearch, IconTrash, IconUnlink } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CONTROL_STATUSES, EFFECTIVENESS, type ControlStatus, type Effectiveness } from '../../../shared/compliance.js';
import type { TRiskControlRef, TRiskDetail, TRiskTask } from '../../../shared/contracts/risks.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { TableCaption } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { ErrorState } from '../../ui/error-state.js';
import { LinkButton, RouterAnchor } from '../../ui/links.js';
import { LoadingState } from '../../ui/loading-state.js';
import { hasPermission, useSession } from '../auth/index.js';
import { controlsQuery, EffectivenessBadge, StatusBadge } from '../controls/index.js';
import { riskMessages as m } from './messages.js';
import { DueDate, TaskStatusBadge, TreatmentBadge } from './risk-badges.js';
import { DeleteTaskDialog, TaskDialog, TaskStatusSelect } from './risk-task-dialog.js';
import { invalidateRisks, linkControls, riskKeys, riskTreatmentQuery, unlinkControl } from './risks-api.js';

const isStatus = (value: string): value is ControlStatus => (CONTROL_STATUSES as readonly string[]).includes(value);
const isEffectiveness = (value: string): value is Effectiveness => (EFFECTIVENESS as readonly string[]).includes(value);

function ControlPicker({ orgId, riskId, linked }: { orgId: string; riskId: string; linked: Set<string> }) {
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(search, 250);
  const term = debounced.trim();
  const options = useQuery(controlsQuery(orgId, { q: term || undefined, page: 1, pageSize: 25, sort: 'code', direction: 'asc' }));
  const data = (options.data?.items ?? []).filter((control) => !linked.has(control.id)).map((control) => ({ value: control.id, label: `${control.code} ${control.name}` }));
  const link = useMutation({
    mutationFn: (id: string) => linkControls(orgId, riskId, [id]),
    onSuccess: async (result) => {
      queryClient.setQueryData(riskKeys.treatment(orgId, riskId), result);
      setChosen(null);
      setSearch('');
      await invalidateRisks(queryClient, orgId);
    },
  });
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm">
        <Select
          label={m.controlPicker}
          placeholder={m.controlPlaceholder}
          searchable
          clearable
          data={data}
          value={chosen}
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: all }) => all}
          onChange={setChosen}
          nothingFoundMessage={options.isFetching ? undefined : m.controlNothing}
          leftSection={<IconSearch size={16} aria-hidden />}
          w={440}
          comboboxProps={{ withinPortal: true }}
          data-testid="risk-control-picker"
        />
        <Button leftSection={<IconLink size={16} aria-hidden />} disabled={!chosen} loading={link.isPending} onClick={() => chosen && link.mutate(chosen)} data-testid="risk-control-link">
          {m.link}
        </Button>
      </Group>
      {link.error ? <ErrorState error={link.error} /> : null}
    </Stack>
  );
}

function ControlsSection({ orgId, risk, controls, canEdit }: { orgId: string; risk: TRiskDetail; controls: TRiskControlRef[]; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const session = useSession();
  const { membership } = useCurrentOrg();
  const canPick = canEdit && hasPermission(membership, 'control.read');
  const openable = new Set(session.memberships.filter((item) => item.permissions.includes('control.read')).map((item) => item.organizationId));
  const unlink = useMutation({
    mutationFn: (controlId: string) => unlinkControl(orgId, risk.id, controlId),
    onSuccess: async (result) => {
      queryClient.setQueryData(riskKeys.treatment(orgId, risk.id), result);
      await invalidateRisks(queryClient, orgId);
    },
  });
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} fz="lg" mb={4}>
        {m.controlsTitle}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {m.controlsIntro}
      </Text>
      <Stack gap="md">
        {canPick ? <ControlPicker orgId={orgId} riskId={risk.id} linked={new Set(controls.map((control) => control.id))} /> : null}
        {unlink.error ? <ErrorState error={unlink.error} /> : null}
        {controls.length === 0 ? (
          <EmptyState icon={<IconChecklist size={28} aria-hidden />} title={m.noControlsTitle} description={m.noControlsBody} testId="risk-controls-empty" />
        ) : (
          <Table.ScrollContainer minWidth={640} type="native">
            <Table verticalSpacing={6} data-testid="risk-controls">
              <TableCaption>{m.controlsTitle}</TableCaption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={110}>
                    {m.controlColumns.code}
                  </Table.Th>
                  <Table.Th scope="col">{m.controlColumns.name}</Table.Th>
                  <Table.Th scope="col">{m.controlColumns.status}</Table.Th>
                  <Table.Th scope="col">{m.controlColumns.effectiveness}</Table.Th>
                  {canEdit ? (
                    <Table.Th scope="col" w={50}>
                      <VisuallyHidden>{m.taskColumns.actions}</VisuallyHidden>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {controls.map((control) => (
                  <Table.Tr key={control.id} data-testid="risk-control-row" data-control-code={control.code}>
                    <Table.Td>
                      <Text size="sm" ff="monospace" fw={600}>
                        {openable.has(control.organizationId) ? (
                          <RouterAnchor to="/o/$orgId/controls/$controlId" params={{ orgId: control.organizationId, controlId: control.id }} size="sm" ff="monospace">
                            {control.code}
                          </RouterAnchor>
                        ) : (
                          control.code
                        )}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{control.name}</Text>
                    </Table.Td>
                    <Table.Td>{isStatus(control.status) ? <StatusBadge value={control.status} /> : <Text size="sm">{control.status}</Text>}</Table.Td>
                    <Table.Td>{isEffectiveness(control.effectiveness) ? <EffectivenessBadge value={control.effectiveness} /> : <Text size="sm">{control.effectiveness}</Text>}</Table.Td>
                    {canEdit ? (
                      <Table.Td>
                        <Tooltip label={m.unlink(control.code)}>
                          <ActionIcon variant="subtle" color="red" aria-label={m.unlink(control.code)} onClick={() => unlink.mutate(control.id)} loading={unlink.isPending && unlink.variables === control.id} data-testid="risk-control-unlink">
                            <IconUnlink size={16} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

function TasksSection({ orgId, risk, tasks, totals, canEdit }: { orgId: string; risk: TRiskDetail; tasks: TRiskTask[]; totals: { oneOff: number; yearly: number }; canEdit: boolean }) {
  const [editing, setEditing] = useState<TRiskTask | null | 'new'>(null);
  const [deleting, setDeleting] = useState<TRiskTask | null>(null);
  return (
    <Paper withBorder radius="md" p="lg">
      <Group justify="space-between" mb="md">
        <Title order={2} fz="lg">
          {m.tasksTitle}
        </Title>
        {canEdit ? (
          <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setEditing('new')} data-testid="task-add">
            {m.addTask}
          </Button>
        ) : null}
      </Group>
      {tasks.length === 0 ? (
        <EmptyState icon={<IconListCheck size={28} aria-hidden />} title={m.noTasksTitle} description={m.noTasksBody} testId="risk-tasks-empty" />
      ) : (
        <Table.ScrollContainer minWidth={900} type="native">
          <Table verticalSpacing={6} data-testid="risk-tasks">
            <TableCaption>{m.tasksTitle}</TableCaption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{m.taskColumns.title}</Table.Th>
                <Table.Th scope="col">{m.taskColumns.owner}</Table.Th>
                <Table.Th scope="col">{m.taskColumns.dueOn}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {m.taskColumns.costOneOff}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {m.taskColumns.costYearly}
                </Table.Th>
                <Table.Th scope="col">{m.taskColumns.status}</Table.Th>
                {canEdit ? (
                  <Table.Th scope="col" w={90}>
                    <VisuallyHidden>{m.taskColumns.actions}</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tasks.map((task) => (
                <Table.Tr key={task.id} data-testid="risk-task-row" data-overdue={task.overdue || undefined} style={task.overdue ? { boxShadow: 'inset 4px 0 0 var(--mantine-color-red-8)' } : undefined}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {task.title}
                    </Text>
                    {task.description ? (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {task.description}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={task.owner ? undefined : 'dimmed'}>
                      {task.owner?.name ?? m.nobody}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <DueDate date={task.dueOn} isOverdue={task.overdue} testId="task-due" />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm">{task.costOneOff === null ? m.notSet : m.amount(task.costOneOff)}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm">{task.costYearly === null ? m.notSet : m.amount(task.costYearly)}</Text>
                  </Table.Td>
                  <Table.Td>{canEdit ? <TaskStatusSelect orgId={orgId} task={task} /> : <TaskStatusBadge status={task.status} />}</Table.Td>
                  {canEdit ? (
                    <Table.Td>
                      <Group gap={2} wrap="nowrap">
                        <ActionIcon variant="subtle" aria-label={m.editTask(task.title)} onClick={() => setEditing(task)} data-testid="task-edit">
                          <IconPencil size={16} aria-hidden />
                        </ActionIcon>
                        <ActionIcon variant="subtle" color="red" aria-label={m.deleteTask(task.title)} onClick={() => setDeleting(task)} data-testid="task-delete">
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {tasks.length > 0 ? (
        <Text size="sm" fw={500} mt="sm" data-testid="risk-cost-totals">
          {m.costTotals(totals.oneOff, totals.yearly)}
        </Text>
      ) : null}
      {canEdit ? (
        <>
          <TaskDialog orgId={orgId} riskId={risk.id} task={editing === 'new' ? null : editing} opened={editing !== null} onClose={() => setEditing(null)} />
          <DeleteTaskDialog orgId={orgId} task={deleting} onClose={() => setDeleting(null)} />
        </>
      ) : null}
    </Paper>
  );
}

export function RiskTreatmentTab({ orgId, risk }: { orgId: string; risk: TRiskDetail }) {
  const treatment = useQuery(riskTreatmentQuery(orgId, risk.id));
  const canEdit = risk.abilities.update;
  return (
    <Stack gap="md" maw={1100}>
      <Text size="sm" c="dimmed">
        {m.treatmentIntro}
      </Text>
      <Paper withBorder radius="md" p="lg" data-testid="risk-treatment-option">
        <Group justify="space-between" align="flex-start">
          <Stack gap={6}>
            <Title order={2} fz="lg">
              {m.optionTitle}
            </Title>
            {risk.treatmentOption ? (
              <>
                <TreatmentBadge option={risk.treatmentOption} />
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={risk.treatmentRationale ? undefined : 'dimmed'}>
                  {risk.treatmentRationale || m.noRationale}
                </Text>
              </>
            ) : (
              <Text size="sm" c="dimmed">
                {m.noOption}
              </Text>
            )}
          </Stack>
          {canEdit ? (
            <LinkButton to="/o/$orgId/risks/$riskId/edit" params={{ orgId, riskId: risk.id }} variant="default" size="xs" leftSection={<IconPencil size={14} aria-hidden />}>
              {m.editTreatment}
            </LinkButton>
          ) : null}
        </Group>
      </Paper>
      {treatment.isPending ? <LoadingState rows={6} /> : null}
      {treatment.isError ? <ErrorState error={treatment.error} onRetry={() => void treatment.refetch()} /> : null}
      {treatment.data ? (
        <>
          <ControlsSection orgId={orgId} risk={risk} controls={treatment.data.controls} canEdit={canEdit} />
          <TasksSection orgId={orgId} risk={risk} tasks={treatment.data.tasks} totals={{ oneOff: treatment.data.costOneOffTotal, yearly: treatment.data.costYearlyTotal }} canEdit={canEdit} />
        </>
      ) : null}
    </Stack>
  );
}
