import { describe, expect, it } from 'vitest';
import { clockCountdown, compareClocks, humanDuration } from './clocks-countdown.js';

const HOUR = 3_600_000;
const now = Date.parse('2027-03-10T12:00:00Z');

describe('notification clock countdown', () => {
  it('colours overdue red, under 24 hours orange, under 7 days yellow and later clocks neutral', () => {
    expect(clockCountdown(now - 1, now).color).toBe('red');
    expect(clockCountdown(now + 23 * HOUR, now).color).toBe('orange');
    expect(clockCountdown(now + 24 * HOUR, now).color).toBe('yellow');
    expect(clockCountdown(now + 7 * 24 * HOUR - 1, now).color).toBe('yellow');
    expect(clockCountdown(now + 7 * 24 * HOUR, now).color).toBe('gray');
  });

  it('says the urgency in words as well as in colour', () => {
    expect(clockCountdown(now + 52 * HOUR, now).text).toBe('Due in 2 days 4 hours (under 7 days)');
    expect(clockCountdown(now - 3 * HOUR, now).text).toBe('Overdue by 3 hours');
    expect(clockCountdown(now + 5 * HOUR + 30 * 60_000, now).text).toBe('Due in 5 hours 30 minutes (under 24 hours)');
    expect(clockCountdown(now + 30 * 24 * HOUR, now).text).toBe('Due in 30 days');
  });

  it('rounds down and uses singular units', () => {
    expect(humanDuration(24 * HOUR + HOUR + 59 * 60_000)).toBe('1 day 1 hour');
    expect(humanDuration(61_000)).toBe('1 minute 1 second');
    expect(humanDuration(999)).toBe('0 seconds');
  });

  it('puts overdue clocks first, then those without a fixed time, then the earliest due', () => {
    const clocks = [
      { id: 'later', dueAt: '2027-04-01T00:00:00Z', status: 'pending' },
      { id: 'asap', dueAt: null, status: 'pending' },
      { id: 'overdue', dueAt: '2027-03-01T00:00:00Z', status: 'overdue' },
      { id: 'sooner', dueAt: '2027-03-11T00:00:00Z', status: 'pending' },
    ];
    expect([...clocks].sort(compareClocks).map((c) => c.id)).toEqual(['overdue', 'asap', 'sooner', 'later']);
  });
});
