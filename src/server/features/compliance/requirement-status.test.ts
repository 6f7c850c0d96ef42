import { describe, expect, it } from 'vitest';
import type { LinkedControlState } from '../../../shared/compliance.js';
import { assessRequirement, figuresOf, rollUpStatus } from './requirement-status.js';

const done: LinkedControlState = { status: 'implemented', effectiveness: 'effective' };
const started: LinkedControlState = { status: 'in_progress', effectiveness: 'not_assessed' };

describe('assessRequirement', () => {
  it('derives a required specification from its controls', () => {
    expect(assessRequirement({ obligation: 'required', controls: [done] })).toEqual({ implementationStatus: 'implemented', status: 'compliant', basis: 'controls' });
    expect(assessRequirement({ obligation: 'required', controls: [] })).toEqual({ implementationStatus: 'none', status: 'non_compliant', basis: 'controls' });
  });

  it('flags an addressable specification without a decision as non-compliant, whatever its controls', () => {
    expect(assessRequirement({ obligation: 'addressable', controls: [done] })).toMatchObject({ status: 'non_compliant', basis: 'decision_missing' });
  });

  it('follows the decision: implement → mapped controls, alternative → its controls, not implemented → compliant by documentation', () => {
    expect(assessRequirement({ obligation: 'addressable', controls: [started], decision: { decision: 'implement', controls: [done] } })).toMatchObject({ status: 'partially_compliant', basis: 'controls' });
    expect(assessRequirement({ obligation: 'addressable', controls: [started], decision: { decision: 'alternative', controls: [done] } })).toMatchObject({ status: 'compliant', basis: 'alternative_controls' });
    expect(assessRequirement({ obligation: 'addressable', controls: [], decision: { decision: 'alternative', controls: [] } })).toMatchObject({ status: 'non_compliant' });
    expect(assessRequirement({ obligation: 'addressable', controls: [], decision: { decision: 'not_implemented', controls: [] } })).toMatchObject({ status: 'compliant', basis: 'documented_not_implemented' });
  });

  it('puts an SoA exclusion before everything, and uses an SoA override with the controls\' effectiveness', () => {
    expect(assessRequirement({ obligation: null, controls: [done], soa: { applicable: false, statusOverride: null } })).toMatchObject({ status: 'not_applicable', basis: 'soa_excluded' });
    expect(assessRequirement({ obligation: null, controls: [], soa: { applicable: true, statusOverride: 'partial' } })).toMatchObject({ status: 'partially_compliant', basis: 'soa_override' });
    expect(assessRequirement({ obligation: null, controls: [started], soa: { applicable: true, statusOverride: 'nonsense' } })).toMatchObject({ status: 'partially_compliant', basis: 'controls' });
  });
});

describe('rollUpStatus (a HIPAA standard from its specifications)', () => {
  it('is compliant only when every applicable specification is', () => {
    expect(rollUpStatus(['compliant', 'not_applicable', 'compliant'])).toBe('compliant');
    expect(rollUpStatus(['compliant', 'non_compliant'])).toBe('partially_compliant');
    expect(rollUpStatus(['non_compliant', 'non_compliant', 'not_applicable'])).toBe('non_compliant');
    expect(rollUpStatus(['not_applicable'])).toBe('not_applicable');
    expect(rollUpStatus(['partially_compliant'])).toBe('partially_compliant');
  });
});

describe('figuresOf', () => {
  it('gives counts, shares of the total and readiness over the applicable ones', () => {
    expect(figuresOf(['compliant', 'compliant', 'non_compliant', 'not_applicable', 'partially_compliant', 'non_compliant'])).toEqual({
      counts: { compliant: 2, partially_compliant: 1, non_compliant: 2, not_applicable: 1 },
      total: 6,
      applicable: 5,
      percentages: { compliant: 33.3, partially_compliant: 16.7, non_compliant: 33.3, not_applicable: 16.7 },
      readinessPercent: 40,
    });
    expect(figuresOf([]).readinessPercent).toBeNull();
    expect(figuresOf(['not_applicable']).readinessPercent).toBeNull();
  });
});
