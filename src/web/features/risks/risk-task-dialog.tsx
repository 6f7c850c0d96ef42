/**
 * Treatment tasks (ISO/IEC 27001:2022 6.1.3 e, 8.3: the risk treatment plan carried out): the add/edit
 * dialog, the inline status change and the delete confirmation, shared by a risk's Treatment tab and
 * the task board. Edits send only what changed, with the version read (409 when changed meanwhile).
 */
import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { TASK_STATUSES, ZCreateRiskTaskRequest, ZUpdateRiskTaskRequest, type TaskStatus, type TRiskTask } from '../../../shared/contracts/risks.js';
import { useContractForm } from '../../kernel/form.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { ErrorState, errorMessage } from '../../ui/error-state.js';
import { MemberSelect } from './member-select.js';
import { riskMessages as m } from './messages.js';
import { createTask, deleteTask, invalidateRisks, updateTask } from './risks-api.js';

interface TaskFormValues extends Record<string, unknown> {
  title: string;
  description: string;
  ownerUserId: string;
  dueOn: string;
  costOneOff: string;
  costYearly: string;
  status: TaskStatus;
}

const str = (value: number | string | null | undefined) => (value === null || value === undefined ? '' : String(value));

function valuesOf(task: TRiskTask | null): TaskFormValues {
  if (!task) return { title: '', description: '', ownerUserId: '', dueOn: '', costOneOff: '', costYearly: '', status: 'todo' };
  return { title: task.title, description: task.description, ownerUserId: task.owner?.id ?? '', dueOn: str(task.dueOn), costOneOff: str(task.costOneOff), costYearly: str(task.costYearly), status: task.status };
}

/** An amount as typed: empty is none; anything else is sent as typed (the contract names what is wrong with it). */
const amountOf = (text: string): number | null | string => (text.trim() === '' ? null : Number.isNaN(Number(text)) ? text : Number(text));

function requestOf(values: TaskFormValues) {
  return {
    title: values.title,
    description: values.description,
    ownerUserId: values.ownerUserId || null,
    dueOn: values.dueOn || null,
    costOneOff: amountOf(values.costOneOff),
    costYearly: amountOf(values.costYearly),
    status: values.status,
  };
}

function updateRequestOf(values: TaskFormValues, initial: TaskFormValues, version: number) {
  const next = requestOf(values) as Record<string, unknown>;
  const before = requestOf(initial) as Record<string, unknown>;
  const patch: Record<string, unknown> = { version };
  for (const key of Object.keys(next)) if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) patch[key] = next[key];
  return patch;
}

function TaskForm({ orgId, riskId, task, onDone }: { orgId: string; riskId: string; task: TRiskTask | null; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [initialValues] = useState(() => valuesOf(task));
  const form = useContractForm({
    initialValues,
    schema: task ? ZUpdateRiskTaskRequest : ZCreateRiskTaskRequest,
    labels: m.taskFields,
    toRequest: (values) => (task ? updateRequestOf(values, initialValues, task.version) : requestOf(values)),
  });
  const submit = form.onSubmit(async (request) => {
    if (task) await updateTask(orgId, riskId, task.id, request as Parameters<typeof updateTask>[3]);
    else await createTask(orgId, riskId, request as Parameters<typeof createTask>[2]);
    await invalidateRisks(queryClient, orgId);
    notifications.show({ color: 'green', message: task ? m.taskSaved : m.taskCreated });
    onDone();
  });
  return (
    <form onSubmit={submit} noValidate data-testid="task-form">
      <Stack gap="md">
        <TextInput {...form.textProps('title')} required data-autofocus data-testid="task-title" />
        <Textarea {...form.textProps('description')} autosize minRows={2} maxRows={6} data-testid="task-description" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <MemberSelect label={m.taskFields.ownerUserId} value={form.values.ownerUserId || null} onChange={(value) => form.setValue('ownerUserId', value ?? '')} current={task?.owner ?? null} error={form.errors.ownerUserId} testId="task-owner" />
          <TextInput type="date" {...form.textProps('dueOn')} data-testid="task-dueOn" />
          <TextInput type="number" min={0} step="0.01" {...form.textProps('costOneOff')} data-testid="task-costOneOff" />
          <TextInput type="number" min={0} step="0.01" {...form.textProps('costYearly')} data-testid="task-costYearly" />
          <NativeSelect
            label={m.taskFields.status}
            value={form.values.status}
            error={form.errors.status}
            data={TASK_STATUSES.map((value) => ({ value, label: m.taskStatuses[value] }))}
            onChange={(event) => form.setValue('status', event.currentTarget.value as TaskStatus)}
            data-testid="task-status-field"
          />
        </SimpleGrid>
        {form.formError ? <ErrorState error={form.formError} title={form.formError.code === 'conflict' ? m.conflict : undefined} /> : null}
        <Text size="xs" c="dimmed">
          {m.taskRecorded}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={form.isSubmitting}>
            {m.cancel}
          </Button>
          <Button type="submit" loading={form.isSubmitting} disabled={Boolean(task) && !form.isDirty} data-testid="task-save">
            {task ? m.save : m.addTask}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Add a task (task = null) or edit one. */
export function TaskDialog({ orgId, riskId, task, opened, onClose }: { orgId: string; riskId: string; task: TRiskTask | null; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={task ? m.editTask(task.title) : m.addTask} size="lg" centered>
      {opened ? <TaskForm key={task?.id ?? 'new'} orgId={orgId} riskId={riskId} task={task} onDone={onClose} /> : null}
    </Modal>
  );
}

/** The status of a task, changed in place (a select labelled with the task's title). */
export function TaskStatusSelect({ orgId, task }: { orgId: string; task: TRiskTask }) {
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (status: TaskStatus) => updateTask(orgId, task.riskId, task.id, { version: task.version, status }),
    onSuccess: () => invalidateRisks(queryClient, orgId),
    onError: (error) => notifications.show({ color: 'red', title: task.title, message: errorMessage(error) }),
  });
  return (
    <NativeSelect
      aria-label={m.taskStatusOf(task.title)}
      size="xs"
      w={140}
      value={task.status}
      disabled={change.isPending}
      data={TASK_STATUSES.map((value) => ({ value, label: m.taskStatuses[value] }))}
      onChange={(event) => change.mutate(event.currentTarget.value as TaskStatus)}
      data-testid="task-status-select"
    />
  );
}

export function DeleteTaskDialog({ orgId, task, onClose }: { orgId: string; task: TRiskTask | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (target: TRiskTask) => deleteTask(orgId, target.riskId, target.id),
    onSuccess: async () => {
      await invalidateRisks(queryClient, orgId);
      notifications.show({ color: 'green', message: m.taskDeleted });
      onClose();
    },
  });
  return (
    <ConfirmDialog
      opened={task !== null}
      title={task ? m.deleteTaskTitle(task.title) : ''}
      recorded={m.deleteTaskRecorded}
      confirmLabel={m.delete}
      isDestructive
      isPending={remove.isPending}
      error={remove.error}
      onClose={() => {
        remove.reset();
        onClose();
      }}
      onConfirm={() => task && remove.mutate(task)}
      testId="task-delete-dialog"
    >
      {m.deleteTaskBody}
    </ConfirmDialog>
  );
}
