import { describe, expect, it } from 'vitest';
import { defaultHhsLogYear, hhsLogDueMs, hhsLogYears } from './hhs-log-year.js';

describe('HHS breach log year', () => {
  it('is due at the end of 1 March, or 29 February when the next year is a leap year', () => {
    expect(new Date(hhsLogDueMs(2026, 'UTC')).toISOString()).toBe('2027-03-01T23:59:59.999Z');
    expect(new Date(hhsLogDueMs(2027, 'UTC')).toISOString()).toBe('2028-02-29T23:59:59.999Z');
    expect(new Date(hhsLogDueMs(2026, 'America/New_York')).toISOString()).toBe('2027-03-02T04:59:59.999Z');
  });

  it('defaults to the previous year until its log is due, then to the current year', () => {
    expect(defaultHhsLogYear(Date.parse('2027-01-15T12:00:00Z'), 'UTC')).toBe(2026);
    expect(defaultHhsLogYear(Date.parse('2027-03-01T23:59:59Z'), 'UTC')).toBe(2026);
    expect(defaultHhsLogYear(Date.parse('2027-03-02T00:00:00Z'), 'UTC')).toBe(2027);
    expect(defaultHhsLogYear(Date.parse('2027-11-30T00:00:00Z'), 'UTC')).toBe(2027);
  });

  it('reads the date in the organization\'s zone', () => {
    // 02:00 UTC on 2 March is still 1 March in New York: the 2026 log is not yet due.
    expect(defaultHhsLogYear(Date.parse('2027-03-02T02:00:00Z'), 'America/New_York')).toBe(2026);
    // 23:30 UTC on 31 December 2026 is already 2027 in Berlin.
    expect(defaultHhsLogYear(Date.parse('2026-12-31T23:30:00Z'), 'Europe/Berlin')).toBe(2026);
  });

  it('offers the current year back to 2009 at most', () => {
    expect(hhsLogYears(Date.parse('2027-05-01T00:00:00Z'), 'UTC', 3)).toEqual([2027, 2026, 2025]);
    expect(hhsLogYears(Date.parse('2010-05-01T00:00:00Z'), 'UTC')).toEqual([2010, 2009]);
  });
});
