/** Labelled status markers: the text always says what the colour shows (colour is never the only signal). */
import { Badge } from '@mantine/core';
import { IconAdjustments, IconCircleCheck, IconCircleDashed, IconCircleHalf2, IconCircleMinus, IconCircleX } from '@tabler/icons-react';
import { IMPLEMENTATION_STATUS_LABELS, type ImplementationStatus } from '../../../shared/compliance.js';
import { soaMessages as m } from './messages.js';

export const STATUS_COLOUR: Record<ImplementationStatus, string> = { implemented: 'green', partial: 'yellow', planned: 'blue', none: 'red', not_applicable: 'gray' };
const STATUS_ICON = { implemented: IconCircleCheck, partial: IconCircleHalf2, planned: IconCircleDashed, none: IconCircleX, not_applicable: IconCircleMinus };

export function StatusBadge({ status, derived, isOverride = false }: { status: ImplementationStatus; derived?: ImplementationStatus; isOverride?: boolean }) {
  const Icon = isOverride ? IconAdjustments : STATUS_ICON[status];
  const badge = (
    <Badge variant="light" color={STATUS_COLOUR[status]} leftSection={<Icon size={12} aria-hidden />} styles={{ root: { maxWidth: 'none', flexShrink: 0 }, label: { textTransform: 'none', overflow: 'visible' } }} data-testid="soa-status" data-status={status}>
      {IMPLEMENTATION_STATUS_LABELS[status]}
    </Badge>
  );
  if (!derived) return badge;
  // A native title: a floating tooltip on each of 93 rows costs more than it gives.
  const hint = isOverride ? m.overridden(IMPLEMENTATION_STATUS_LABELS[derived]) : m.derived(IMPLEMENTATION_STATUS_LABELS[derived]);
  return <span title={hint}>{badge}</span>;
}
