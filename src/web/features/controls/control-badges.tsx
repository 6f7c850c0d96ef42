/** Status and effectiveness markers: the text always says what the colour shows (colour is never the only signal). */
import { Badge, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconBuildingCommunity, IconClockExclamation } from '@tabler/icons-react';
import type { ControlStatus, Effectiveness } from '../../../shared/compliance.js';
import { controlMessages as m } from './messages.js';

const STATUS_COLOUR: Record<ControlStatus, string> = { planned: 'gray', in_progress: 'blue', implemented: 'green', not_applicable: 'dark' };
const EFFECTIVENESS_COLOUR: Record<Effectiveness, string> = { not_assessed: 'gray', ineffective: 'red', partially_effective: 'yellow', effective: 'green' };
// Outline text in the badge's own colour is too light on white for most shades: a darker text keeps 4.5:1 (WCAG AA).
const EFFECTIVENESS_TEXT: Record<Effectiveness, string> = { not_assessed: 'var(--mantine-color-gray-8)', ineffective: 'var(--mantine-color-red-9)', partially_effective: 'var(--mantine-color-dark-7)', effective: '#1e6b30' };
const label = { textTransform: 'none' as const };

export function StatusBadge({ value }: { value: ControlStatus }) {
  return (
    <Badge variant="light" color={STATUS_COLOUR[value]} styles={{ label }} data-testid="control-status" data-status={value}>
      {m.statuses[value]}
    </Badge>
  );
}

export function EffectivenessBadge({ value }: { value: Effectiveness }) {
  return (
    <Badge variant="outline" color={EFFECTIVENESS_COLOUR[value]} styles={{ label: { ...label, color: EFFECTIVENESS_TEXT[value] } }} leftSection={value === 'ineffective' ? <IconAlertTriangle size={12} aria-hidden /> : undefined} data-testid="control-effectiveness" data-effectiveness={value}>
      {m.effectiveness[value]}
    </Badge>
  );
}

export function InheritedBadge({ from }: { from: string }) {
  return (
    <Tooltip label={m.inheritedHint}>
      <Badge variant="light" color="grape" styles={{ label }} leftSection={<IconBuildingCommunity size={12} aria-hidden />} data-testid="control-inherited">
        {m.inheritedFrom(from)}
      </Badge>
    </Tooltip>
  );
}

export function OverdueBadge() {
  return (
    <Badge variant="light" color="orange" styles={{ label }} leftSection={<IconClockExclamation size={12} aria-hidden />} data-testid="control-overdue">
      {m.overdue}
    </Badge>
  );
}

export function ExpiredBadge({ text = m.expired }: { text?: string }) {
  return (
    <Badge variant="filled" color="red" styles={{ label }} data-testid="evidence-expired">
      {text}
    </Badge>
  );
}
