import { describe, expect, it } from 'vitest';
import { countdownText, formatDuration, urgencyOf } from './countdown.js';

describe('breach clock countdown', () => {
  it('grades urgency at 0, 24 hours and 7 days', () => {
    expect(urgencyOf(-1)).toBe('overdue');
    expect(urgencyOf(0)).toBe('critical');
    expect(urgencyOf(24 * 3_600_000 - 1)).toBe('critical');
    expect(urgencyOf(24 * 3_600_000)).toBe('soon');
    expect(urgencyOf(7 * 24 * 3_600_000)).toBe('open');
  });

  it('says the urgency in words, not only in colour', () => {
    const now = Date.parse('2026-05-04T12:00:00Z');
    expect(countdownText(now + 72 * 3_600_000, now).text).toBe('Due in 3 d 00 h 00 min 00 s (under 7 days)');
    expect(countdownText(now - 61_000, now).text).toBe('Overdue by 00 h 01 min 01 s');
    expect(formatDuration(8 * 86_400_000 + 3_723_000)).toBe('8 d 01 h 02 min 03 s');
  });
});
