/** A control's fields, read-only: implementation, effectiveness, cost and review. */
import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { TControlDetail } from '../../../shared/contracts/controls.js';
import { formatDate } from '../../kernel/format.js';
import { EffectivenessBadge, OverdueBadge, StatusBadge } from './control-badges.js';
import { controlMessages as m } from './messages.js';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

const date = (value: string | null) => (value ? formatDate(value, 'UTC') : m.notSet);
const amount = (value: number | null) => (value === null ? m.notSet : value.toLocaleString());

export function ControlOverviewTab({ control }: { control: TControlDetail }) {
  return (
    <Stack gap="md" maw={1000}>
      {control.description ? (
        <Paper withBorder radius="md" p="lg">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {control.description}
          </Text>
        </Paper>
      ) : null}
      <Paper withBorder radius="md" p="lg">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="lg">
          <Field label={m.fields.category}>{m.categories[control.category]}</Field>
          <Field label={m.fields.owner}>{control.owner ?? m.notSet}</Field>
          <Field label={m.fields.status}>
            <StatusBadge value={control.status} />
          </Field>
          <Field label={m.fields.implementedOn}>{date(control.implementedOn)}</Field>
          <Field label={m.fields.effectiveness}>
            <EffectivenessBadge value={control.effectiveness} />
          </Field>
          <Field label={m.fields.lastTestedOn}>{date(control.lastTestedOn)}</Field>
          <Field label={m.fields.costOneOff}>{amount(control.costOneOff)}</Field>
          <Field label={m.fields.costYearly}>{amount(control.costYearly)}</Field>
          <Field label={m.fields.effortDays}>{amount(control.effortDays)}</Field>
          <Field label={m.fields.reviewCadenceMonths}>{control.reviewCadenceMonths ?? m.notSet}</Field>
          <Field label={m.fields.nextReviewOn}>
            {date(control.nextReviewOn)} {control.reviewOverdue ? <OverdueBadge /> : null}
          </Field>
          <Field label={m.overviewLabels.inheritable}>{control.inheritable ? m.yes : m.no}</Field>
          <Field label={m.overviewLabels.counts}>{m.counts(control.requirementCount, control.assetCount, control.evidenceCount)}</Field>
          {control.starterKey ? <Field label={m.overviewLabels.starter}>{control.starterKey.replace(/^healthcare:/, '')}</Field> : null}
        </SimpleGrid>
      </Paper>
    </Stack>
  );
}
