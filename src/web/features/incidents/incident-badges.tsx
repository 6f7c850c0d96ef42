/**
 * Labelled markers of an incident: severity in the organization's colour (text colour chosen for WCAG AA
 * contrast), status, the HIPAA and GDPR conclusions, and the open notification clocks with a countdown.
 * The text always says what the colour shows (colour is never the only signal).
 */
import { Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlarm, IconArchive, IconClockExclamation, IconLock } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { GdprConclusion, HipaaConclusion, IncidentStatus, TSeverityLevel } from '../../../shared/contracts/incidents.js';
import { readableTextColour } from '../risks/index.js';
import { countdownText, type Urgency } from './countdown.js';
import { incidentMessages as m } from './messages.js';

// Badges keep their whole text in narrow table columns (never an ellipsis: the word is the signal).
const label = { textTransform: 'none' as const, overflow: 'visible' as const };
const root = { minWidth: 'max-content' } as const;

/** The current time, refreshed every `intervalMs` (countdowns). */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function SeverityBadge({ severity, levels, withLabel = false }: { severity: string | null; levels: readonly TSeverityLevel[]; withLabel?: boolean }) {
  if (!severity) {
    return (
      <Text size="sm" c="dimmed" span data-testid="incident-severity" data-severity="">
        {withLabel ? m.badges.severity(m.badges.severityNotRated) : m.badges.severityNotRated}
      </Text>
    );
  }
  const level = levels.find((item) => item.key === severity);
  const text = level?.label ?? severity;
  return (
    <Badge
      variant={level ? 'filled' : 'outline'}
      color={level ? undefined : 'gray'}
      styles={{ root: level ? { ...root, backgroundColor: level.colour, color: readableTextColour(level.colour) } : root, label }}
      data-testid="incident-severity"
      data-severity={severity}
    >
      {withLabel ? m.badges.severity(text) : text}
    </Badge>
  );
}

const STATUS_COLOR: Record<IncidentStatus, string> = { reported: 'orange', triage: 'yellow', contained: 'blue', eradicated: 'indigo', recovered: 'teal', closed: 'dark' };

export function IncidentStatusBadge({ status, archived = false }: { status: IncidentStatus; archived?: boolean }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Badge variant="light" color={STATUS_COLOR[status]} styles={{ root, label }} leftSection={status === 'closed' ? <IconLock size={12} aria-hidden /> : undefined} data-testid="incident-status" data-status={status}>
        {m.statuses[status]}
      </Badge>
      {archived ? (
        <Badge variant="outline" color="gray" styles={{ root, label }} leftSection={<IconArchive size={12} aria-hidden />} data-testid="incident-archived">
          {m.archivedBadge}
        </Badge>
      ) : null}
    </Group>
  );
}

const HIPAA_COLOR: Record<HipaaConclusion, string> = { not_assessed: 'gray', no_phi: 'green', excluded: 'green', safe_harbor: 'green', low_probability: 'green', breach: 'red' };
const GDPR_COLOR: Record<GdprConclusion, string> = { not_assessed: 'gray', no_breach: 'green', none: 'yellow', risk: 'orange', high: 'red' };

export function ConclusionBadges({ hipaa, gdpr }: { hipaa: HipaaConclusion; gdpr: GdprConclusion }) {
  return (
    <Stack gap={4} align="flex-start">
      <Tooltip label={m.hipaaConclusions[hipaa]} withArrow multiline maw={320}>
        <Badge variant="light" color={HIPAA_COLOR[hipaa]} styles={{ root, label }} data-testid="incident-hipaa-conclusion" data-conclusion={hipaa}>
          {m.badges.hipaa(hipaa)}
        </Badge>
      </Tooltip>
      <Tooltip label={m.gdprConclusions[gdpr]} withArrow multiline maw={320}>
        <Badge variant="light" color={GDPR_COLOR[gdpr]} styles={{ root, label }} data-testid="incident-gdpr-conclusion" data-conclusion={gdpr}>
          {m.badges.gdpr(gdpr)}
        </Badge>
      </Tooltip>
    </Stack>
  );
}

/** Text colours with at least 4.5:1 on white (WCAG AA); the words say the urgency too. */
const COUNTDOWN_TEXT: Record<Urgency, string> = { overdue: 'red.9', critical: '#a8380b', soon: '#a8380b', open: 'dimmed' };

/** Open clocks of a register row: how many, how many overdue, and the countdown to the next due one. */
export function OpenClocks({ open, overdue, nextDueAt, now }: { open: number; overdue: number; nextDueAt: string | null; now: number }) {
  if (open === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="incident-clocks" data-open="0">
        {m.badges.noClocks}
      </Text>
    );
  }
  const countdown = nextDueAt ? countdownText(Date.parse(nextDueAt), now) : null;
  const isOverdue = overdue > 0 || countdown?.urgency === 'overdue';
  return (
    <Stack gap={2} data-testid="incident-clocks" data-open={open} data-overdue={overdue}>
      <Group gap={4} wrap="nowrap">
        {isOverdue ? <IconClockExclamation size={14} color="var(--mantine-color-red-9)" aria-hidden /> : <IconAlarm size={14} aria-hidden />}
        <Text size="sm" fw={600} c={isOverdue ? 'red.9' : undefined} style={{ whiteSpace: 'nowrap' }}>
          {m.badges.openClocks(open)}
          {overdue > 0 ? ` · ${m.badges.overdue(overdue)}` : ''}
        </Text>
      </Group>
      <Text size="xs" c={countdown ? COUNTDOWN_TEXT[countdown.urgency] : 'dimmed'} fw={countdown?.urgency === 'overdue' ? 700 : undefined} style={{ whiteSpace: 'nowrap' }} data-testid="incident-next-due">
        {countdown ? countdown.text : m.badges.withoutUndueDelay}
      </Text>
    </Stack>
  );
}
