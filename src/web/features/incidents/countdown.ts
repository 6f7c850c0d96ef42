/**
 * A deadline's countdown and urgency, pure so it can be tested: overdue, under 24 hours, under 7 days,
 * or open. The page shows the words and an icon as well as the colour (colour is never the only signal).
 */
import { incidentMessages as m } from './messages.js';

export type Urgency = 'overdue' | 'critical' | 'soon' | 'open';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const URGENCY_COLOR: Record<Urgency, string> = { overdue: 'red', critical: 'orange', soon: 'yellow', open: 'green' };

export function urgencyOf(remainingMs: number): Urgency {
  if (remainingMs < 0) return 'overdue';
  if (remainingMs < DAY) return 'critical';
  if (remainingMs < 7 * DAY) return 'soon';
  return 'open';
}

/** "3 d 04 h 05 min 06 s", "00 h 59 min 59 s". */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = m.countdown.time(pad(Math.floor((total % 86_400) / 3600)), pad(Math.floor((total % 3600) / 60)), pad(total % 60));
  return days > 0 ? `${m.countdown.days(days)} ${time}` : time;
}

export function countdownText(dueAtMs: number, nowMs: number): { urgency: Urgency; text: string } {
  const remaining = dueAtMs - nowMs;
  const urgency = urgencyOf(remaining);
  const duration = formatDuration(remaining);
  return { urgency, text: m.countdown[urgency](duration) };
}
