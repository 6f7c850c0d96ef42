/**
 * Labelled markers of a risk: its level in the method's colour (text colour chosen for WCAG AA contrast),
 * acceptance state, treatment option, review and task due dates. The text always says what the colour
 * shows (colour is never the only signal).
 */
import { Badge, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClockExclamation, IconHeartbeat, IconHourglass, IconLock, IconStethoscope } from '@tabler/icons-react';
import type { AcceptanceState, RiskStage, TaskStatus, TreatmentOption } from '../../../shared/contracts/risks.js';
import { formatDate } from '../../kernel/format.js';
import { riskMessages as m } from './messages.js';
import { readableTextColour } from './risk-matrix.js';

const label = { textTransform: 'none' as const };

/** Text colours that keep 4.5:1 on white and on the page's light grey (WCAG AA), for "holds" and "warning" words. */
export const TEXT_OK = '#1e6b30';
export const TEXT_WARNING = '#a8380b';

/** A level with the method's colour; "Not assessed" in words when there is none. */
export function LevelBadge({ level, stage, size = 'md' }: { level: { key?: string; label: string; colour: string } | null; stage?: RiskStage; size?: 'sm' | 'md' | 'lg' }) {
  if (!level) {
    return (
      <Text size="sm" c="dimmed" span data-testid="risk-level" data-level="" data-stage={stage}>
        {stage ? m.stageLevel(m.stages[stage], m.notAssessed) : m.notAssessed}
      </Text>
    );
  }
  return (
    <Badge
      size={size}
      variant="filled"
      styles={{ root: { backgroundColor: level.colour, color: readableTextColour(level.colour) }, label }}
      data-testid="risk-level"
      data-level={level.key}
      data-stage={stage}
    >
      {stage ? m.stageLevel(m.stages[stage], level.label) : level.label}
    </Badge>
  );
}

const ACCEPTANCE_STYLE: Record<AcceptanceState, { color: string; icon: typeof IconCircleCheck | null }> = {
  none: { color: 'gray', icon: null },
  accepted: { color: 'green', icon: IconCircleCheck },
  stale: { color: 'orange', icon: IconAlertTriangle },
  awaiting_sign_off: { color: 'grape', icon: IconStethoscope },
};

export function AcceptanceBadge({ state }: { state: AcceptanceState }) {
  const style = ACCEPTANCE_STYLE[state];
  const Icon = style.icon;
  return (
    <Badge variant="light" color={style.color} styles={{ label }} leftSection={Icon ? <Icon size={12} aria-hidden /> : undefined} data-testid="acceptance-state" data-state={state}>
      {m.acceptanceStates[state]}
    </Badge>
  );
}

/** The treatment option; `withLabel` names it ("Treatment: Mitigate") where no column header does. */
export function TreatmentBadge({ option, withLabel = false }: { option: TreatmentOption | null; withLabel?: boolean }) {
  if (!option) {
    return (
      <Text size="sm" c="dimmed" span data-testid="treatment-option">
        {withLabel ? m.treatmentNotDecided : m.noTreatment}
      </Text>
    );
  }
  return (
    <Badge variant="outline" color="blue" styles={{ label }} data-testid="treatment-option" data-option={option}>
      {withLabel ? m.treatmentLabelled(m.treatmentOptions[option]) : m.treatmentOptions[option]}
    </Badge>
  );
}

export function RiskStatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="light" color={status === 'closed' ? 'dark' : 'blue'} styles={{ label }} leftSection={status === 'closed' ? <IconLock size={12} aria-hidden /> : undefined} data-testid="risk-status" data-status={status}>
      {m.statuses[status] ?? status}
    </Badge>
  );
}

export function EphiBadge() {
  return (
    <Badge variant="light" color="grape" styles={{ label }} leftSection={<IconHeartbeat size={12} aria-hidden />} data-testid="risk-ephi">
      {m.ephi}
    </Badge>
  );
}

export function PatientSafetyBadge() {
  return (
    <Badge variant="light" color="red" styles={{ label }} leftSection={<IconStethoscope size={12} aria-hidden />} data-testid="risk-patient-safety">
      {m.patientSafety}
    </Badge>
  );
}

export function OverdueBadge({ text = m.overdue, testId = 'overdue' }: { text?: string; testId?: string }) {
  return (
    <Badge variant="filled" color="red.9" styles={{ root: { flexShrink: 0, overflow: 'visible' }, label: { ...label, overflow: 'visible' } }} leftSection={<IconClockExclamation size={12} aria-hidden />} data-testid={testId}>
      {text}
    </Badge>
  );
}

/** A due or review date; when overdue, a red "Overdue" marker beside it (word and icon, not colour alone). */
export function DueDate({ date, isOverdue, testId }: { date: string | null; isOverdue: boolean; testId?: string }) {
  if (!date) {
    return (
      <Text size="sm" c="dimmed" span data-testid={testId}>
        {m.notSet}
      </Text>
    );
  }
  return (
    <Group gap={6} component="span" data-testid={testId} data-overdue={isOverdue || undefined}>
      <Text size="sm" span fw={isOverdue ? 700 : undefined} c={isOverdue ? 'red.9' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {formatDate(date, 'UTC')}
      </Text>
      {isOverdue ? <OverdueBadge /> : null}
    </Group>
  );
}

const TASK_COLOUR: Record<TaskStatus, string> = { todo: 'gray', in_progress: 'blue', done: 'green', cancelled: 'dark' };

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  return (
    <Badge variant="light" color={TASK_COLOUR[status]} styles={{ label }} leftSection={status === 'in_progress' ? <IconHourglass size={12} aria-hidden /> : undefined} data-testid="task-status" data-status={status}>
      {m.taskStatuses[status]}
    </Badge>
  );
}
