/**
 * A notification clock's countdown in words and its urgency (164.404–164.410; GDPR Arts. 33, 34), pure so
 * it can be tested: overdue (red), under 24 hours (orange), under 7 days (yellow), otherwise neutral.
 * The text always says the urgency as well ("Overdue by 3 hours"), so colour is never the only signal.
 */
import { breachMessages } from './breach-messages.js';
import { urgencyOf, type Urgency } from './countdown.js';

const m = breachMessages.countdown;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type { Urgency };

/** The colour of each urgency on the incident pages (an open clock is neutral, not "good"). */
export const CLOCK_URGENCY_COLOR: Record<Urgency, string> = { overdue: 'red', critical: 'orange', soon: 'yellow', open: 'gray' };

/**
 * The two largest units: "2 days 4 hours", "3 hours 5 minutes", "4 minutes 10 seconds", "12 seconds".
 * Rounded down, so a countdown never promises more time than is left.
 */
export function humanDuration(ms: number): string {
  const abs = Math.abs(ms);
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  const seconds = Math.floor((abs % MINUTE) / 1000);
  const parts: string[] = [];
  if (days > 0) parts.push(m.days(days), ...(hours > 0 ? [m.hours(hours)] : []));
  else if (hours > 0) parts.push(m.hours(hours), ...(minutes > 0 ? [m.minutes(minutes)] : []));
  else if (minutes > 0) parts.push(m.minutes(minutes), ...(seconds > 0 ? [m.seconds(seconds)] : []));
  else parts.push(m.seconds(seconds));
  return parts.join(' ');
}

export interface ClockCountdown {
  urgency: Urgency;
  color: string;
  text: string;
}

export function clockCountdown(dueAtMs: number, nowMs: number): ClockCountdown {
  const remaining = dueAtMs - nowMs;
  const urgency = urgencyOf(remaining);
  return { urgency, color: CLOCK_URGENCY_COLOR[urgency], text: m[urgency](humanDuration(remaining)) };
}

/** Overdue first (most overdue on top), then "without undue delay" (no fixed time), then by due instant. */
export function compareClocks(a: { dueAt: string | null; status: string }, b: { dueAt: string | null; status: string }): number {
  const rank = (c: { dueAt: string | null; status: string }) => (c.status === 'overdue' ? 0 : c.dueAt === null ? 1 : 2);
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  return (a.dueAt ? Date.parse(a.dueAt) : 0) - (b.dueAt ? Date.parse(b.dueAt) : 0);
}

/** "01 Apr 2028, 23:59 GMT-4": the offset in force at that instant, so a date across daylight saving reads right. */
export function formatInZone(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'shortOffset' }).format(new Date(iso));
}
