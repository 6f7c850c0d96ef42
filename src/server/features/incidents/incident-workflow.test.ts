import { describe, expect, it } from 'vitest';
import { disposableFrom, localToday, retainUntilOf } from './incident-retention.js';
import { nextStatuses, transitionProblem } from './incident-workflow.js';
import { archiveProblem, disposalProblem } from './incident.policy.js';

describe('nextStatuses', () => {
  it('offers every later status, only reopening to triage once closed, and nothing when archived', () => {
    expect(nextStatuses('reported', false)).toEqual(['triage', 'contained', 'eradicated', 'recovered', 'closed']);
    expect(nextStatuses('eradicated', false)).toEqual(['recovered', 'closed']);
    expect(nextStatuses('closed', false)).toEqual(['triage']);
    expect(nextStatuses('closed', true)).toEqual([]);
  });
});

describe('transitionProblem', () => {
  const base = { isArchived: false, lessonsLearned: '', note: '' };
  it('refuses moves backwards or to the same status as conflicts', () => {
    expect(transitionProblem({ ...base, from: 'contained', to: 'triage' })?.kind).toBe('conflict');
    expect(transitionProblem({ ...base, from: 'triage', to: 'triage' })?.kind).toBe('conflict');
    expect(transitionProblem({ ...base, from: 'closed', to: 'contained' })?.kind).toBe('conflict');
    expect(transitionProblem({ ...base, from: 'reported', to: 'triage', isArchived: true })?.kind).toBe('conflict');
  });
  it('needs lessons learned to close and a note to reopen', () => {
    expect(transitionProblem({ ...base, from: 'recovered', to: 'closed' })).toMatchObject({ kind: 'field', path: 'lessonsLearned' });
    expect(transitionProblem({ ...base, from: 'recovered', to: 'closed', lessonsLearned: '  ' })).toMatchObject({ path: 'lessonsLearned' });
    expect(transitionProblem({ ...base, from: 'reported', to: 'closed', lessonsLearned: 'Patch faster' })).toBeNull();
    expect(transitionProblem({ ...base, from: 'closed', to: 'triage' })).toMatchObject({ kind: 'field', path: 'note' });
    expect(transitionProblem({ ...base, from: 'closed', to: 'triage', note: 'New evidence' })).toBeNull();
  });
});

describe('retainUntilOf', () => {
  it('adds the years to the closing date in the organization zone, same month and day', () => {
    expect(retainUntilOf('2026-06-15T12:00:00.000Z', 'UTC', 6)).toBe('2032-06-15');
    // 03:00 UTC on 1 January is still 31 December in New York.
    expect(retainUntilOf('2026-01-01T03:00:00.000Z', 'America/New_York', 6)).toBe('2031-12-31');
    expect(retainUntilOf('2026-12-31T23:30:00.000Z', 'Europe/Berlin', 10)).toBe('2037-01-01');
    expect(retainUntilOf(null, 'UTC', 6)).toBeNull();
  });
  it('keeps 29 February to 28 February in a common year and to 29 February in a leap year', () => {
    expect(retainUntilOf('2028-02-29T10:00:00.000Z', 'UTC', 6)).toBe('2034-02-28');
    expect(retainUntilOf('2028-02-29T10:00:00.000Z', 'UTC', 8)).toBe('2036-02-29');
  });
  it('allows disposal from the day after', () => {
    expect(disposableFrom('2034-02-28')).toBe('2034-03-01');
    expect(disposableFrom('2031-12-31')).toBe('2032-01-01');
    expect(localToday(new Date('2026-01-01T03:00:00.000Z'), 'America/New_York')).toBe('2025-12-31');
  });
});

describe('archive and disposal policy', () => {
  const row = { organization_id: 'o', ref_number: 1, status: 'closed', archived_at: '2026-01-01T00:00:00.000Z' };
  it('archives only closed incidents not yet archived', () => {
    expect(archiveProblem({ ...row, archived_at: null })).toBeNull();
    expect(archiveProblem({ ...row, archived_at: null, status: 'recovered' })).toMatch(/not closed/);
    expect(archiveProblem(row)).toMatch(/already archived/);
  });
  it('disposes only of archived, closed incidents after the retention date', () => {
    const dates = { retainUntil: '2032-06-15', mayDisposeFrom: '2032-06-16' };
    expect(disposalProblem(row, { ...dates, today: '2032-06-15' })).toMatch(/kept until 2032-06-15.*from 2032-06-16/);
    expect(disposalProblem(row, { ...dates, today: '2032-06-16' })).toBeNull();
    expect(disposalProblem({ ...row, archived_at: null }, { ...dates, today: '2040-01-01' })).toMatch(/not archived/);
    expect(disposalProblem({ ...row, status: 'triage' }, { retainUntil: null, mayDisposeFrom: null, today: '2040-01-01' })).toMatch(/not closed/);
  });
});
