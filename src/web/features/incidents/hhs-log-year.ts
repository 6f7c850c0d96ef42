/**
 * Which year's HHS small-breach log to show first (164.408(c)): the log of a calendar year is due 60 days
 * after its 31 December (1 March, or 29 February when that year is a leap year), at the end of that day in
 * the organization's zone. Until that has passed, the previous year's log is the one that needs work.
 */
import { addCalendarDays, endOfLocalDay, HHS_LOG_DAYS_AFTER_YEAR_END, localDateOf } from '../../../shared/breach-clock.js';

/** The end of the due date of `year`'s log in the zone (an instant in ms). */
export function hhsLogDueMs(year: number, timeZone: string): number {
  return endOfLocalDay(addCalendarDays({ year, month: 12, day: 31 }, HHS_LOG_DAYS_AFTER_YEAR_END), timeZone);
}

export function defaultHhsLogYear(nowMs: number, timeZone: string): number {
  const current = localDateOf(nowMs, timeZone).year;
  return nowMs <= hhsLogDueMs(current - 1, timeZone) ? current - 1 : current;
}

/** The years offered in the picker: from the current year back to 2009 (the Breach Notification Rule's first year), newest first. */
export function hhsLogYears(nowMs: number, timeZone: string, count = 10): number[] {
  const current = localDateOf(nowMs, timeZone).year;
  const years: number[] = [];
  for (let year = current; year >= Math.max(2009, current - count + 1); year -= 1) years.push(year);
  return years;
}
