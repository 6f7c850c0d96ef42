import { describe, expect, it } from 'vitest';
import { deriveImplementationStatus, soaEffectiveStatus, type ImplementationStatus, type LinkedControlState } from '../../../shared/compliance.js';
import { applicabilityScope } from './framework-assessment.js';
import { assessRequirement, figuresOf, rollUpStatus } from './requirement-status.js';

const done: LinkedControlState = { status: 'implemented', effectiveness: 'effective' };
const started: LinkedControlState = { status: 'in_progress', effectiveness: 'not_assessed' };
const outOfScope: LinkedControlState = { status: 'not_applicable', effectiveness: 'not_assessed' };

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

describe('not applicable only by a justified decision (ISO 6.1.3 d; 45 CFR 164.306(d)(2))', () => {
  it('ISO: an applicable Annex A control whose controls are all not applicable is "none" and non-compliant; only an SoA exclusion is not applicable', () => {
    expect(applicabilityScope('iso27001-2022')).toBe('soa');
    const noEntry = assessRequirement({ scope: 'soa', obligation: null, controls: [outOfScope] });
    expect(noEntry).toEqual({ implementationStatus: 'none', status: 'non_compliant', basis: 'controls' });
    expect(assessRequirement({ scope: 'soa', obligation: null, controls: [outOfScope, outOfScope], soa: { applicable: true, statusOverride: null } })).toEqual(noEntry);
    // An override of not_applicable recorded before the rule counts as none, never as out of scope.
    expect(assessRequirement({ scope: 'soa', obligation: null, controls: [done], soa: { applicable: true, statusOverride: 'not_applicable' } })).toEqual({ implementationStatus: 'none', status: 'non_compliant', basis: 'soa_override' });
    expect(assessRequirement({ scope: 'soa', obligation: null, controls: [outOfScope], soa: { applicable: false, statusOverride: null } })).toEqual({ implementationStatus: 'not_applicable', status: 'not_applicable', basis: 'soa_excluded' });
    expect(figuresOf([noEntry.status, 'compliant']).readinessPercent).toBe(50);
  });

  it('ISO: the SoA and readiness agree, row by row', () => {
    const controlSets: LinkedControlState[][] = [[], [outOfScope], [outOfScope, done], [started], [done]];
    const overrides: (ImplementationStatus | null)[] = [null, 'none', 'planned', 'partial', 'implemented', 'not_applicable'];
    for (const controls of controlSets) {
      for (const applicable of [true, false]) {
        for (const statusOverride of overrides) {
          const shown = soaEffectiveStatus({ applicable, statusOverride }, deriveImplementationStatus(controls));
          const counted = assessRequirement({ scope: 'soa', obligation: null, controls, soa: { applicable, statusOverride } });
          expect(counted.implementationStatus, JSON.stringify({ controls, applicable, statusOverride })).toBe(shown);
          expect(shown === 'not_applicable').toBe(!applicable);
          expect(counted.status === 'not_applicable').toBe(!applicable);
        }
      }
    }
  });

  it('HIPAA: a specification is never not applicable, whatever its controls or decision', () => {
    expect(applicabilityScope('hipaa-security-rule')).toBe('hipaa');
    expect(assessRequirement({ scope: 'hipaa', obligation: 'required', controls: [outOfScope] })).toEqual({ implementationStatus: 'none', status: 'non_compliant', basis: 'controls' });
    expect(assessRequirement({ scope: 'hipaa', obligation: null, controls: [outOfScope, outOfScope] })).toMatchObject({ implementationStatus: 'none', status: 'non_compliant' });
    expect(assessRequirement({ scope: 'hipaa', obligation: 'addressable', controls: [outOfScope], decision: { decision: 'implement', controls: [] } })).toEqual({ implementationStatus: 'none', status: 'non_compliant', basis: 'controls' });
    expect(assessRequirement({ scope: 'hipaa', obligation: 'addressable', controls: [], decision: { decision: 'alternative', controls: [outOfScope] } })).toEqual({ implementationStatus: 'none', status: 'non_compliant', basis: 'alternative_controls' });
    expect(assessRequirement({ scope: 'hipaa', obligation: 'addressable', controls: [outOfScope] })).toMatchObject({ implementationStatus: 'none', status: 'non_compliant', basis: 'decision_missing' });
    expect(assessRequirement({ scope: 'hipaa', obligation: 'addressable', controls: [outOfScope], decision: { decision: 'not_implemented', controls: [] } })).toMatchObject({ implementationStatus: 'none', status: 'compliant' });
    for (const obligation of ['required', 'addressable', null] as const) {
      for (const decision of [null, 'implement', 'alternative', 'not_implemented'] as const) {
        const assessed = assessRequirement({ scope: 'hipaa', obligation, controls: [outOfScope], decision: decision ? { decision, controls: [outOfScope] } : null });
        expect([assessed.status, assessed.implementationStatus]).not.toContain('not_applicable');
      }
    }
  });

  it('other frameworks keep "every linked control not applicable" as not applicable', () => {
    expect(applicabilityScope('gdpr')).toBe('controls');
    expect(assessRequirement({ obligation: null, controls: [outOfScope] })).toEqual({ implementationStatus: 'not_applicable', status: 'not_applicable', basis: 'controls' });
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
