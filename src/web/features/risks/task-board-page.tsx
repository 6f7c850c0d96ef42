/**
 * Do → Treatment tasks: every task of every risk treatment plan (ISO/IEC 27001:2022 6.1.3 e, 8.3;
 * 45 CFR 164.308(a)(1)(ii)(B)), paged, filtered and sorted by the server with the state in the URL.
 * Filtered by status (tabs), overdue and "mine"; overdue tasks are marked with a word and an icon
 * beside the date (never colour alone). Status changes in place for those who may write risks.
 */
import { ActionIcon, Button, Group, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import { IconListCheck, IconPencil, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { TASK_STATUSES, type TRiskTask } from '../../../shared/contracts/risks.js';
import { useCurrentOrg } from '../../kernel/current-org.js';
import { DataTable, type Column } from '../../ui/data-table.js';
import { EmptyState } from '../../ui/empty-state.js';
import { LinkButton, RouterAnchor } from '../../ui/links.js';
import { PageHeader } from '../../ui/page-header.js';
import { hasPermission, useSession } from '../auth/index.js';
import { organizationQuery } from '../organizations/index.js';
import { riskMessages as m } from './messages.js';
import { DueDate, TaskStatusBadge } from './risk-badges.js';
import { CLEARED_TASK_FILTERS, hasTaskFilters, taskListQuery, type TaskBoardSearch, type TaskSortField } from './risk-search.js';
import { TaskDialog, TaskStatusSelect } from './risk-task-dialog.js';
import { riskTasksQuery } from './risks-api.js';

const route = getRouteApi('/_authed/o/$orgId/risk-tasks');

const NO_WRAP = { whiteSpace: 'nowrap' } as const;

export function TaskBoardPage() {
  const { orgId, membership } = useCurrentOrg();
  const session = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const organization = useQuery(organizationQuery(orgId)).data;
  const hasSites = (organization?.sites.length ?? 0) > 0;
  const request = taskListQuery(search, { hasSites });
  const query = useQuery(riskTasksQuery(orgId, request));
  const canWrite = hasPermission(membership, 'risk.write');
  const [editing, setEditing] = useState<TRiskTask | null>(null);
  const writable = useMemo(() => new Set(session.memberships.filter((item) => item.permissions.includes('risk.write')).map((item) => item.organizationId)), [session.memberships]);
  const openable = useMemo(() => new Set(session.memberships.map((item) => item.organizationId)), [session.memberships]);
  const update = (next: Partial<TaskBoardSearch>) => void navigate({ search: (prev) => ({ ...prev, ...next, page: next.page }) });

  const columns: Column<TRiskTask, TaskSortField>[] = [
    {
      key: 'title',
      header: m.taskColumns.title,
      sortField: 'title',
      render: (task) => (
        <Stack gap={2} miw={220}>
          <Text size="sm" fw={500} data-testid="board-task-title">
            {task.title}
          </Text>
          {task.description ? (
            <Text size="xs" c="dimmed" lineClamp={1}>
              {task.description}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    {
      key: 'risk',
      header: m.taskColumns.risk,
      sortField: 'riskRef',
      render: (task) => (
        <Stack gap={0} miw={180}>
          {openable.has(task.organizationId) ? (
            <RouterAnchor to="/o/$orgId/risks/$riskId" params={{ orgId: task.organizationId, riskId: task.riskId }} search={{ tab: 'treatment' }} size="sm" data-testid="board-task-risk">
              <Text span ff="monospace" size="sm" style={NO_WRAP}>
                {task.riskRef}
              </Text>{' '}
              {task.riskTitle}
            </RouterAnchor>
          ) : (
            <Text size="sm">
              {task.riskRef} {task.riskTitle}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'owner',
      header: m.taskColumns.owner,
      render: (task) => (
        <Text size="sm" c={task.owner ? undefined : 'dimmed'}>
          {task.owner?.name ?? m.nobody}
        </Text>
      ),
    },
    { key: 'dueOn', header: m.taskColumns.dueOn, sortField: 'dueOn', render: (task) => <DueDate date={task.dueOn} isOverdue={task.overdue} testId="board-task-due" /> },
    {
      key: 'costs',
      header: `${m.taskColumns.costOneOff} / ${m.taskColumns.costYearly}`,
      render: (task) => (
        <Text size="sm" style={NO_WRAP}>
          {task.costOneOff === null ? m.notSet : m.amount(task.costOneOff)} / {task.costYearly === null ? m.notSet : m.amount(task.costYearly)}
        </Text>
      ),
    },
    {
      key: 'status',
      header: m.taskColumns.status,
      sortField: 'status',
      render: (task) => (canWrite && writable.has(task.organizationId) ? <TaskStatusSelect orgId={task.organizationId} task={task} /> : <TaskStatusBadge status={task.status} />),
    },
    ...(canWrite
      ? [
          {
            key: 'actions',
            header: m.taskColumns.actions,
            isHeaderHidden: true,
            width: 50,
            render: (task: TRiskTask) =>
              task.organizationId === orgId ? (
                <ActionIcon variant="subtle" aria-label={m.editTask(task.title)} onClick={() => setEditing(task)} data-testid="board-task-edit">
                  <IconPencil size={16} aria-hidden />
                </ActionIcon>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader eyebrow={m.do} title={m.boardTitle} description={m.boardDescription} />
      <Group gap="md" align="flex-end" mb="md" wrap="wrap" role="search" aria-label={m.filters}>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="task-status-filter">
            {m.statusFilter}
          </Text>
          <SegmentedControl
            aria-labelledby="task-status-filter"
            value={search.status ?? ''}
            onChange={(value) => update({ status: (value || undefined) as TaskBoardSearch['status'], page: undefined })}
            data={[{ value: '', label: m.allStatuses }, ...TASK_STATUSES.map((value) => ({ value, label: m.taskStatuses[value] }))]}
            data-testid="board-status"
          />
        </Stack>
        <Switch label={m.overdueOnly} checked={search.overdue === 'yes'} onChange={(event) => update({ overdue: event.currentTarget.checked ? 'yes' : undefined, page: undefined })} mb={8} data-testid="board-overdue" />
        <Switch label={m.mineOnly} checked={search.ownerUserId === session.user.id} onChange={(event) => update({ ownerUserId: event.currentTarget.checked ? session.user.id : undefined, page: undefined })} mb={8} data-testid="board-mine" />
        {hasSites ? <Switch label={m.includeSites} checked={search.includeSites === 'yes'} onChange={(event) => update({ includeSites: event.currentTarget.checked ? 'yes' : undefined, page: undefined })} mb={8} data-testid="board-include-sites" /> : null}
        {hasTaskFilters(search) ? (
          <Button variant="subtle" onClick={() => update({ ...CLEARED_TASK_FILTERS, page: undefined })} mb={2} data-testid="board-clear-filters">
            {m.clearFilters}
          </Button>
        ) : null}
      </Group>
      <DataTable
        caption={m.boardTitle}
        testId="task-board"
        minWidth={1000}
        columns={columns}
        rows={query.data?.items}
        total={query.data?.total ?? 0}
        page={request.page ?? 1}
        pageSize={request.pageSize ?? 50}
        rowKey={(task) => task.id}
        rowAttributes={(task) => ({ 'data-task-id': task.id, 'data-status': task.status, ...(task.overdue ? { 'data-overdue': 'true' } : {}) })}
        onPageChange={(page) => update({ page })}
        onPageSizeChange={(pageSize) => update({ pageSize, page: undefined })}
        sort={{ field: request.sort ?? 'dueOn', direction: request.direction ?? 'asc' }}
        onSortChange={(sort) => update({ sort: sort.field, direction: sort.direction, page: undefined })}
        isLoading={query.isPending}
        isFetching={query.isFetching}
        error={query.error}
        onRetry={() => void query.refetch()}
        empty={
          hasTaskFilters(search) ? (
            <EmptyState
              icon={<IconSearch size={28} aria-hidden />}
              title={m.boardNoMatchTitle}
              description={m.noMatchBody}
              action={
                <Button variant="default" onClick={() => update({ ...CLEARED_TASK_FILTERS, page: undefined })}>
                  {m.clearFilters}
                </Button>
              }
            />
          ) : (
            <EmptyState
              icon={<IconListCheck size={28} aria-hidden />}
              title={m.boardEmptyTitle}
              description={m.boardEmptyBody}
              testId="board-empty"
              action={
                <LinkButton to="/o/$orgId/risks" params={{ orgId }} variant="default">
                  {m.openRegister}
                </LinkButton>
              }
            />
          )
        }
      />
      {canWrite ? <TaskDialog orgId={orgId} riskId={editing?.riskId ?? ''} task={editing} opened={editing !== null} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
