import { describe, expect, it } from 'vitest';
import { hasIncidentFilters, incidentListQuery, validateIncidentDetailSearch, validateIncidentSearch } from './incident-search.js';

describe('validateIncidentSearch', () => {
  it('keeps valid filters, sort and paging from the URL', () => {
    const search = validateIncidentSearch({ page: '2', pageSize: '100', q: ' laptop ', status: 'open', category: 'phishing', severity: 'high', handler: 'none', breach: 'hipaa', clocks: 'overdue', archived: 'only', sort: 'nextDueAt', dir: 'asc' });
    expect(search).toEqual({ page: 2, pageSize: 100, q: 'laptop', status: 'open', category: 'phishing', severity: 'high', handler: 'none', breach: 'hipaa', clocks: 'overdue', archived: 'only', sort: 'nextDueAt', dir: 'asc' });
  });

  it('drops invalid values instead of breaking the page', () => {
    const search = validateIncidentSearch({ page: '-1', pageSize: '7', status: 'done', category: 'aliens', severity: 'High!', handler: 'bob', breach: 'maybe', clocks: 'all', sort: 'password', dir: 'up' });
    expect(Object.values(search).every((value) => value === undefined)).toBe(true);
  });

  it('leaves the default archived filter out of the URL state', () => {
    expect(validateIncidentSearch({ archived: 'exclude' }).archived).toBeUndefined();
  });

  it('accepts a handler id', () => {
    expect(validateIncidentSearch({ handler: '01A22672-5288-76D0-A738-854148EB486B' }).handler).toBe('01a22672-5288-76d0-a738-854148eb486b');
  });
});

describe('incidentListQuery', () => {
  it('fills the contract defaults: first page, newest reported first, archived hidden', () => {
    expect(incidentListQuery({})).toMatchObject({ page: 1, pageSize: 50, archived: 'exclude', sort: 'reportedAt', dir: 'desc' });
  });

  it('sends the filters as the API names them', () => {
    expect(incidentListQuery({ status: 'open', clocks: 'open', breach: 'any' })).toMatchObject({ status: 'open', clocks: 'open', breach: 'any' });
  });
});

describe('hasIncidentFilters', () => {
  it('is false for paging and sort only, true for a filter', () => {
    expect(hasIncidentFilters({ page: 3, sort: 'ref' })).toBe(false);
    expect(hasIncidentFilters({ archived: 'include' })).toBe(true);
  });
});

describe('validateIncidentDetailSearch', () => {
  it('keeps a known tab and drops an unknown one', () => {
    expect(validateIncidentDetailSearch({ tab: 'communications' })).toEqual({ tab: 'communications' });
    expect(validateIncidentDetailSearch({ tab: 'history' })).toEqual({ tab: 'history' });
    expect(validateIncidentDetailSearch({ tab: 'secrets' })).toEqual({ tab: undefined });
  });
});
