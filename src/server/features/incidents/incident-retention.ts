/**
 * How long a closed incident is kept, derived and never stored (pure, no I/O): 45 CFR 164.530(j)(2)
 * requires six years from creation or last effective date, GDPR Art. 5(1)(e) no longer than necessary;
 * the organization picks the years (≥ 6), counted from the closing date in its own time zone, same month
 * and day (29 Feb → 28 Feb in a common year).
 */
import { addCalendarDays, formatCivilDate, localDateOf } from '../../../shared/breach-clock.js';

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The last day a closed incident must be kept (YYYY-MM-DD), or null while it is open. */
export function retainUntilOf(closedAt: string | null, timeZone: string, retentionYears: number): string | null {
  if (closedAt === null) return null;
  const closed = localDateOf(Date.parse(closedAt), timeZone);
  const year = closed.year + retentionYears;
  const day = closed.month === 2 && closed.day === 29 && !isLeapYear(year) ? 28 : closed.day;
  return formatCivilDate({ year, month: closed.month, day });
}

/** The first day an incident kept until `retainUntil` may be disposed of. */
export function disposableFrom(retainUntil: string): string {
  const [year, month, day] = retainUntil.split('-').map(Number) as [number, number, number];
  return formatCivilDate(addCalendarDays({ year, month, day }, 1));
}

/** Today in the organization's zone (YYYY-MM-DD). */
export function localToday(now: Date, timeZone: string): string {
  return formatCivilDate(localDateOf(now.getTime(), timeZone));
}
