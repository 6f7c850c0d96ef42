/** Labelled markers of an asset: the text always says what the colour shows (colour is never the only signal). */
import { Badge, ColorSwatch, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconHeartbeat, IconHelp, IconLink, IconX } from '@tabler/icons-react';
import type { CRITICALITIES } from '../../../shared/contracts/assets.js';
import classes from './assets.module.css';
import { assetMessages as m } from './messages.js';

type Criticality = (typeof CRITICALITIES)[number];

const CRITICALITY_COLOUR: Record<Criticality, string> = { low: 'gray', medium: 'blue', high: 'orange', critical: 'red' };

export function CriticalityBadge({ value, withLabel = false }: { value: Criticality; withLabel?: boolean }) {
  const label = m.criticality[value] ?? value;
  return (
    <Badge className={classes.badge} variant="light" color={CRITICALITY_COLOUR[value]} leftSection={value === 'critical' ? <IconAlertTriangle size={12} aria-hidden /> : undefined} data-testid="criticality-badge" data-criticality={value}>
      {withLabel ? m.criticalityBadge(label) : label}
    </Badge>
  );
}

export function ClassificationBadge({ name, colour }: { name: string | null; colour: string | null }) {
  if (!name) {
    return (
      <Text size="sm" c="dimmed" span>
        {m.unclassified}
      </Text>
    );
  }
  return (
    <Badge className={classes.badge} variant="outline" color="gray" leftSection={colour ? <ColorSwatch color={colour} size={10} withShadow={false} aria-hidden /> : undefined} styles={{ label: { textTransform: 'none' } }} data-testid="classification-badge">
      {name}
    </Badge>
  );
}

export function EphiBadge() {
  return (
    <Badge className={classes.badge} variant="light" color="grape" leftSection={<IconHeartbeat size={12} aria-hidden />} styles={{ label: { textTransform: 'none' } }} data-testid="ephi-badge">
      {m.ephiYes}
    </Badge>
  );
}

export function SupportsCriticalBadge() {
  return (
    <Tooltip label={m.supportsCriticalHint} withArrow multiline w={260}>
      <Badge className={classes.badge} variant="outline" color="red" leftSection={<IconLink size={12} aria-hidden />} styles={{ label: { textTransform: 'none' } }} data-testid="supports-critical">
        {m.supportsCritical}
      </Badge>
    </Tooltip>
  );
}

/** yes / no / unknown, with an icon and the word. */
export function TriStateText({ value }: { value: boolean | null | undefined }) {
  const [Icon, label, colour] = value === true ? [IconCheck, m.yes, 'green.9'] : value === false ? [IconX, m.no, 'red.9'] : [IconHelp, m.unknown, 'dimmed'];
  return (
    <Group gap={4} wrap="nowrap" component="span">
      <Icon size={14} aria-hidden color={`var(--mantine-color-${colour.replace('.', '-')})`} />
      <Text size="sm" span c={value === null || value === undefined ? 'dimmed' : undefined}>
        {label}
      </Text>
    </Group>
  );
}
