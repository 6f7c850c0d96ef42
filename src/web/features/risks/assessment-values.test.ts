import { describe, expect, it } from 'vitest';
import { ZRiskMethod, type TRiskMethod } from '../../../shared/contracts/risk-method.js';
import { defaultMethod } from '../../../shared/risk-method.js';
import { assessmentIssueKey, assessmentProblems, assessmentValuesOf, changedStages, emptyAssessment, liveStage, ratesPatientSafety, stageRequest } from './assessment-values.js';

const method = defaultMethod();

function weighted(): TRiskMethod {
  const base = defaultMethod();
  return ZRiskMethod.parse({ ...base, aggregation: { rule: 'weighted', weights: { confidentiality: 1, integrity: 1, availability: 1, patient_safety: 3 } } });
}

describe('liveStage (the assessment form\'s derived level)', () => {
  it('says "not assessed" while nothing is chosen', () => {
    expect(liveStage(method, { likelihood: null, impacts: {} })).toEqual({ state: 'not_assessed' });
    expect(liveStage(method, { likelihood: null, impacts: { confidentiality: null } })).toEqual({ state: 'not_assessed' });
  });

  it('derives the level of the matrix cell from the highest rated dimension, leaving unrated ones out', () => {
    const live = liveStage(method, { likelihood: 4, impacts: { confidentiality: 2, patient_safety: 5, integrity: null } });
    expect(live.state).toBe('assessed');
    if (live.state !== 'assessed') return;
    expect(live.result.impact).toBe(5);
    expect(live.result.levelKey).toBe('critical');
    expect(live.result.notAssessed).toEqual(['integrity', 'availability']);
    expect(live.input).toEqual({ likelihood: 4, impacts: { confidentiality: 2, patient_safety: 5 } });
  });

  it('follows the seeded matrix: likelihood 3 × impact 3 is Medium, 3 × 4 is High', () => {
    const medium = liveStage(method, { likelihood: 3, impacts: { availability: 3 } });
    const high = liveStage(method, { likelihood: 3, impacts: { availability: 4 } });
    expect(medium.state === 'assessed' && medium.result.levelKey).toBe('medium');
    expect(high.state === 'assessed' && high.result.levelKey).toBe('high');
  });

  it('uses the weighted rule when the method says so (mean rounded half up)', () => {
    // (1·2 + 3·5) ÷ 4 = 4.25 → 4; with highest it would be 5.
    const live = liveStage(weighted(), { likelihood: 2, impacts: { confidentiality: 2, patient_safety: 5 } });
    expect(live.state === 'assessed' && live.result.impact).toBe(4);
    expect(live.state === 'assessed' && live.result.levelKey).toBe('medium');
  });

  it('names what is missing, worded like the API', () => {
    const noLikelihood = liveStage(method, { likelihood: null, impacts: { confidentiality: 3 } });
    expect(noLikelihood).toEqual({ state: 'incomplete', issues: { likelihood: 'choose a likelihood' } });
    const noImpact = liveStage(method, { likelihood: 3, impacts: {} });
    expect(noImpact.state).toBe('incomplete');
    expect(noImpact.state === 'incomplete' && noImpact.issues.impacts).toMatch(/must rate at least one dimension/);
  });

  it('refuses a value beyond the method\'s scale (a 4 × 4 method has no impact 5)', () => {
    const small = ZRiskMethod.parse({
      ...method,
      likelihood: method.likelihood.slice(0, 4),
      impact: method.impact.slice(0, 4),
      matrix: method.matrix.slice(0, 4).map((row) => row.slice(0, 4)),
    });
    const live = liveStage(small, { likelihood: 2, impacts: { confidentiality: 5 } });
    expect(live.state === 'incomplete' && live.issues['impacts.confidentiality']).toMatch(/from 1 to 4/);
  });
});

describe('assessment requests', () => {
  it('sends null for a stage with nothing chosen and only the rated dimensions otherwise', () => {
    expect(stageRequest(method, { likelihood: null, impacts: {} })).toBeNull();
    expect(stageRequest(method, { likelihood: 2, impacts: { integrity: 3, availability: null } })).toEqual({ likelihood: 2, impacts: { integrity: 3 } });
  });

  it('lists every problem of the three stages keyed by stage', () => {
    const values = emptyAssessment();
    values.inherent = { likelihood: 5, impacts: { confidentiality: 4 } };
    values.residual = { likelihood: null, impacts: { confidentiality: 2 } };
    expect(assessmentProblems(method, values)).toEqual({ 'residual.likelihood': 'choose a likelihood' });
  });

  it('sends only the stages that changed', () => {
    const initial = assessmentValuesOf({ inherent: { likelihood: 4, impacts: { confidentiality: 4 } }, current: { likelihood: 3, impacts: { confidentiality: 4 } }, residual: null }, method);
    const next = structuredClone(initial);
    next.residual = { likelihood: 2, impacts: { confidentiality: 3 } };
    expect(changedStages(method, initial, next)).toEqual(['residual']);
    next.inherent.impacts.patient_safety = null;
    expect(changedStages(method, initial, next)).toEqual(['residual']);
  });

  it('flags patient safety rated above its lowest value', () => {
    const values = emptyAssessment();
    values.current = { likelihood: 2, impacts: { patient_safety: 1 } };
    expect(ratesPatientSafety(method, values)).toBe(false);
    values.residual = { likelihood: 1, impacts: { patient_safety: 2 } };
    expect(ratesPatientSafety(method, values)).toBe(true);
  });
});

describe('assessmentIssueKey', () => {
  it('maps API issue paths onto the form\'s fields', () => {
    expect(assessmentIssueKey('body.current.impacts.patient_safety')).toBe('current.impacts.patient_safety');
    expect(assessmentIssueKey('inherent.likelihood')).toBe('inherent.likelihood');
    expect(assessmentIssueKey('residual')).toBe('residual');
    expect(assessmentIssueKey('body.title')).toBeNull();
  });
});
