/**
 * A live countdown to a notification deadline: the words, an icon and the urgency colour together
 * (colour is never the only signal). Shared by the clocks tab, the HHS log and the dashboard tile.
 */
import { Badge } from '@mantine/core';
import { IconAlarm, IconAlertTriangle, IconHourglass } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { clockCountdown, type Urgency } from './clocks-countdown.js';

const URGENCY_ICON: Record<Urgency, typeof IconAlarm> = { overdue: IconAlertTriangle, critical: IconAlarm, soon: IconAlarm, open: IconHourglass };

/** The current time, re-read every `intervalMs` while mounted. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function ClockBadge({ dueAt, now, testId }: { dueAt: string; now: number; testId?: string }) {
  const { urgency, color, text } = clockCountdown(Date.parse(dueAt), now);
  const Icon = URGENCY_ICON[urgency];
  return (
    <Badge
      color={color}
      variant="light"
      leftSection={<Icon size={14} aria-hidden />}
      tt="none"
      fw={600}
      h="auto"
      py={4}
      styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}
      data-urgency={urgency}
      data-testid={testId ?? 'clock-countdown'}
    >
      {text}
    </Badge>
  );
}
