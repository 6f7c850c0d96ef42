import { describe, expect, it } from 'vitest';
import { defaultMethod } from '../../../shared/risk-method.js';
import type { TRiskDetail } from '../../../shared/contracts/risks.js';
import { createRequestOf, updateRequestOf, valuesOfRisk, emptyRiskValues } from './risk-form-values.js';
import { hasRiskFilters, riskListQuery, taskListQuery, validateRiskNewSearch, validateRiskSearch, validateTaskBoardSearch } from './risk-search.js';

const OWNER = '01a225c8-7341-72d8-8f5b-f3c081721f04';

describe('validateRiskSearch', () => {
  it('keeps valid filters and drops what the URL got wrong', () => {
    const search = validateRiskSearch({ q: '  ransomware ', category: 'cyber', level: 'high', levelStage: 'residual', ownerUserId: OWNER, acceptance: 'stale', reviewOverdue: 'yes', sort: 'current', direction: 'desc', page: '2', pageSize: '100' });
    expect(search).toMatchObject({ q: 'ransomware', category: 'cyber', level: 'high', levelStage: 'residual', ownerUserId: OWNER, acceptance: 'stale', reviewOverdue: 'yes', sort: 'current', direction: 'desc', page: 2, pageSize: 100 });
    const bad = validateRiskSearch({ category: 'weather', level: 'High Risk', ownerUserId: 'bob', acceptance: 'maybe', sort: 'colour', page: '-1', pageSize: '7' });
    expect(bad).toEqual(validateRiskSearch({}));
    expect(hasRiskFilters(bad)).toBe(false);
  });
});

describe('riskListQuery', () => {
  it('sends the contract defaults for paging and sorting and leaves unset filters out', () => {
    expect(riskListQuery({}, { hasSites: false })).toEqual({ page: 1, pageSize: 50, sort: 'ref', direction: 'asc', q: undefined, category: undefined, status: undefined, ownerUserId: undefined, siteId: undefined, treatmentOption: undefined, level: undefined, levelStage: undefined, ephi: undefined, acceptance: undefined, reviewOverdue: undefined, assetId: undefined, controlId: undefined, includeSites: undefined });
  });

  it('sends the level stage only with a level, defaulting to current', () => {
    expect(riskListQuery({ levelStage: 'inherent' }, { hasSites: false }).levelStage).toBeUndefined();
    expect(riskListQuery({ level: 'high' }, { hasSites: false }).levelStage).toBe('current');
    expect(riskListQuery({ level: 'high', levelStage: 'residual' }, { hasSites: false }).levelStage).toBe('residual');
  });

  it('includes sites and a site filter only at a group', () => {
    expect(riskListQuery({ includeSites: 'yes', siteId: OWNER }, { hasSites: false })).toMatchObject({ includeSites: undefined, siteId: undefined });
    expect(riskListQuery({ includeSites: 'yes', siteId: OWNER }, { hasSites: true })).toMatchObject({ includeSites: 'yes', siteId: OWNER });
    expect(riskListQuery({ siteId: OWNER }, { hasSites: true }).siteId).toBeUndefined();
  });
});

describe('validateRiskNewSearch ("create risk from gap")', () => {
  it('needs both the asset and the rule', () => {
    expect(validateRiskNewSearch({ fromAsset: OWNER, rule: 'ephi_unencrypted' })).toEqual({ fromAsset: OWNER, rule: 'ephi_unencrypted' });
    expect(validateRiskNewSearch({ fromAsset: OWNER })).toEqual({});
    expect(validateRiskNewSearch({ fromAsset: 'x', rule: 'ephi_unencrypted' })).toEqual({});
  });
});

describe('task board search', () => {
  it('reads status, overdue and owner and defaults to the due date', () => {
    const search = validateTaskBoardSearch({ status: 'in_progress', overdue: 'yes', ownerUserId: OWNER, sort: 'nonsense' });
    expect(search).toMatchObject({ status: 'in_progress', overdue: 'yes', ownerUserId: OWNER, sort: undefined });
    expect(taskListQuery(search, { hasSites: false })).toMatchObject({ status: 'in_progress', overdue: 'yes', ownerUserId: OWNER, sort: 'dueOn', direction: 'asc', page: 1, pageSize: 50 });
  });
});

describe('risk form requests', () => {
  const method = defaultMethod();

  it('creates with only the assessed stages and the gap it came from', () => {
    const values = { ...emptyRiskValues(), title: 'Lost laptop', inherent: { likelihood: 3, impacts: { confidentiality: 4, integrity: null } } };
    const request = createRequestOf(values, { method, fromGap: { assetId: OWNER, rule: 'ephi_unencrypted' } });
    expect(request).toMatchObject({ title: 'Lost laptop', threatId: null, ownerUserId: null, treatmentOption: null, inherent: { likelihood: 3, impacts: { confidentiality: 4 } }, current: null, residual: null, fromGap: { assetId: OWNER, rule: 'ephi_unencrypted' } });
  });

  it('updates only what changed, with the version read, never the assessments', () => {
    const risk = {
      title: 'Phishing of clinicians',
      description: '',
      category: 'cyber',
      status: 'open',
      threatId: 'hicp.email-phishing',
      threatSourceIds: [],
      vulnerabilities: [{ id: 'vuln.no-mfa', title: 'No MFA' }],
      assets: [],
      owner: { id: OWNER, name: 'Sam' },
      treatmentOption: null,
      treatmentRationale: '',
    } as unknown as TRiskDetail;
    const initial = valuesOfRisk(risk);
    const changed = { ...initial, treatmentOption: 'mitigate' as const, inherent: { likelihood: 5, impacts: { confidentiality: 5 } } };
    expect(updateRequestOf(changed, initial, 7)).toEqual({ version: 7, treatmentOption: 'mitigate' });
    expect(updateRequestOf({ ...initial, ownerUserId: '' }, initial, 7)).toEqual({ version: 7, ownerUserId: null });
  });
});
