/**
 * The control form (create and edit). Validation comes from the shared contract through useContractForm,
 * so the form and the API say the same `field: problem`; the API's refusals (an implementation date in the
 * future, a stale version) land on the field they name or above the buttons. Values survive a failed save.
 */
import { Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState, type ReactNode } from 'react';
import { CONTROL_STATUSES, EFFECTIVENESS, type ControlCategory, type ControlStatus, type Effectiveness } from '../../../shared/compliance.js';
import { REVIEW_CADENCES, ZCreateControlRequest, ZUpdateControlRequest, type TControlDetail } from '../../../shared/contracts/controls.js';
import { useContractForm } from '../../kernel/form.js';
import { ErrorState } from '../../ui/error-state.js';
import { UnsavedChangesGuard } from '../../ui/unsaved-changes.js';
import { controlKeys, createControl, invalidateControls, updateControl } from './controls-api.js';
import { controlMessages as m } from './messages.js';

export interface ControlFormValues extends Record<string, unknown> {
  code: string;
  name: string;
  description: string;
  owner: string;
  category: ControlCategory;
  status: ControlStatus;
  implementedOn: string;
  effectiveness: Effectiveness;
  lastTestedOn: string;
  costOneOff: string;
  costYearly: string;
  effortDays: string;
  reviewCadenceMonths: string;
  nextReviewOn: string;
  inheritable: boolean;
}

export function emptyControlValues(): ControlFormValues {
  return { code: '', name: '', description: '', owner: '', category: 'organizational', status: 'planned', implementedOn: '', effectiveness: 'not_assessed', lastTestedOn: '', costOneOff: '', costYearly: '', effortDays: '', reviewCadenceMonths: '12', nextReviewOn: '', inheritable: false };
}

const str = (value: number | string | null | undefined) => (value === null || value === undefined ? '' : String(value));

export function valuesOfControl(control: TControlDetail): ControlFormValues {
  return {
    code: control.code,
    name: control.name,
    description: control.description ?? '',
    owner: control.owner ?? '',
    category: control.category,
    status: control.status,
    implementedOn: str(control.implementedOn),
    effectiveness: control.effectiveness,
    lastTestedOn: str(control.lastTestedOn),
    costOneOff: str(control.costOneOff),
    costYearly: str(control.costYearly),
    effortDays: str(control.effortDays),
    reviewCadenceMonths: str(control.reviewCadenceMonths),
    nextReviewOn: str(control.nextReviewOn),
    inheritable: control.inheritable,
  };
}

const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text));
const textOrNull = (text: string) => (text.trim() === '' ? null : text.trim());

function requestOf(values: ControlFormValues) {
  return {
    code: values.code.trim() || undefined,
    name: values.name,
    description: textOrNull(values.description),
    owner: textOrNull(values.owner),
    category: values.category,
    status: values.status,
    implementedOn: textOrNull(values.implementedOn),
    effectiveness: values.effectiveness,
    lastTestedOn: textOrNull(values.lastTestedOn),
    costOneOff: numberOrNull(values.costOneOff),
    costYearly: numberOrNull(values.costYearly),
    effortDays: numberOrNull(values.effortDays),
    reviewCadenceMonths: numberOrNull(values.reviewCadenceMonths),
    nextReviewOn: textOrNull(values.nextReviewOn) ?? undefined,
    inheritable: values.inheritable,
  };
}

/** Only what changed is sent, with the version read (a change made meanwhile is refused, never overwritten). */
function updateRequestOf(values: ControlFormValues, initial: ControlFormValues, version: number) {
  const next = requestOf(values) as Record<string, unknown>;
  const before = requestOf(initial) as Record<string, unknown>;
  const patch: Record<string, unknown> = { version };
  for (const key of Object.keys(next)) if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) patch[key] = next[key] === undefined ? null : next[key];
  return patch;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} fz="lg" mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

export function ControlForm({ orgId, control, isGroup, initialValues: initial }: { orgId: string; control?: TControlDetail; isGroup: boolean; initialValues: ControlFormValues }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [initialValues] = useState(initial);
  const [saved, setSaved] = useState<TControlDetail | null>(null);
  const form = useContractForm({
    initialValues,
    schema: control ? ZUpdateControlRequest : ZCreateControlRequest,
    labels: m.fields,
    toRequest: (values) => (control ? updateRequestOf(values, initialValues, control.version) : requestOf(values)),
  });

  useEffect(() => {
    if (saved) void navigate({ to: '/o/$orgId/controls/$controlId', params: { orgId, controlId: saved.id } });
  }, [navigate, orgId, saved]);

  const submit = form.onSubmit(async (request) => {
    const result = control ? await updateControl(orgId, control.id, request as Parameters<typeof updateControl>[2]) : await createControl(orgId, request as Parameters<typeof createControl>[1]);
    queryClient.setQueryData(controlKeys.detail(orgId, result.id), result);
    await invalidateControls(queryClient, orgId);
    notifications.show({ color: 'green', message: control ? m.savedNotice : m.createdNotice(result.code) });
    setSaved(result);
  });
  const select = <K extends 'category' | 'status' | 'effectiveness'>(name: K, data: { value: string; label: string }[], required = true) => (
    <NativeSelect label={m.fields[name]} required={required} value={form.values[name]} error={form.errors[name]} data={data} onChange={(event) => form.setValue(name, event.currentTarget.value as ControlFormValues[K])} data-testid={`control-${name}`} />
  );
  const cancel = () => void navigate(control ? { to: '/o/$orgId/controls/$controlId', params: { orgId, controlId: control.id } } : { to: '/o/$orgId/controls', params: { orgId } });
  const isConflict = form.formError?.code === 'conflict';

  return (
    <form onSubmit={submit} noValidate data-testid="control-form">
      <UnsavedChangesGuard when={form.isDirty && !saved} />
      <Stack gap="lg" maw={960}>
        <Section title={m.sections.identity}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput {...form.textProps('name')} required data-autofocus data-testid="control-name" />
            <TextInput {...form.textProps('code')} description={control ? undefined : m.codeHint} data-testid="control-code" />
            {select('category', m.categoryOptions)}
            <TextInput {...form.textProps('owner')} data-testid="control-owner" />
          </SimpleGrid>
          <Textarea {...form.textProps('description')} autosize minRows={3} maxRows={10} mt="md" data-testid="control-description" />
          {isGroup || form.values.inheritable ? (
            <Checkbox mt="md" label={m.fields.inheritable} description={m.inheritableHint} checked={form.values.inheritable} error={form.errors.inheritable} onChange={(event) => form.setValue('inheritable', event.currentTarget.checked)} data-testid="control-inheritable" />
          ) : null}
        </Section>
        <Section title={m.sections.implementation}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {select('status', CONTROL_STATUSES.map((value) => ({ value, label: m.statuses[value] })))}
            <TextInput type="date" {...form.textProps('implementedOn')} required={form.values.status === 'implemented'} data-testid="control-implementedOn" />
            {select('effectiveness', EFFECTIVENESS.map((value) => ({ value, label: m.effectiveness[value] })))}
            <TextInput type="date" {...form.textProps('lastTestedOn')} required={form.values.effectiveness !== 'not_assessed'} data-testid="control-lastTestedOn" />
          </SimpleGrid>
        </Section>
        <Section title={m.sections.cost}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <TextInput type="number" min={0} {...form.textProps('costOneOff')} data-testid="control-costOneOff" />
            <TextInput type="number" min={0} {...form.textProps('costYearly')} data-testid="control-costYearly" />
            <TextInput type="number" min={0} step="0.5" {...form.textProps('effortDays')} data-testid="control-effortDays" />
            <NativeSelect
              label={m.fields.reviewCadenceMonths}
              value={form.values.reviewCadenceMonths}
              error={form.errors.reviewCadenceMonths}
              data={[{ value: '', label: m.notSet }, ...REVIEW_CADENCES.map((months) => ({ value: String(months), label: String(months) })), ...(form.values.reviewCadenceMonths && !REVIEW_CADENCES.includes(Number(form.values.reviewCadenceMonths) as never) ? [{ value: form.values.reviewCadenceMonths, label: form.values.reviewCadenceMonths }] : [])]}
              onChange={(event) => form.setValue('reviewCadenceMonths', event.currentTarget.value)}
              data-testid="control-reviewCadenceMonths"
            />
            <TextInput type="date" {...form.textProps('nextReviewOn')} description={m.nextReviewHint} data-testid="control-nextReviewOn" />
          </SimpleGrid>
        </Section>
        {form.formError ? <ErrorState error={form.formError} title={isConflict ? m.conflict : undefined} /> : null}
        <Text size="xs" c="dimmed">
          {m.savedRecorded}
        </Text>
        <Group gap="sm">
          <Button type="submit" loading={form.isSubmitting} disabled={Boolean(control) && !form.isDirty} data-testid="control-save">
            {control ? m.save : m.create}
          </Button>
          <Button variant="default" onClick={cancel} disabled={form.isSubmitting}>
            {m.cancel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
