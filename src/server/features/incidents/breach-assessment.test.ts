import { describe, expect, it } from 'vitest';
import { ZBreachAssessmentRequest, type TBreachAssessmentRequest } from '../../../shared/contracts/incidents.js';
import { assessmentConclusions, assessmentSummary, gdprConclusionOf, hipaaConclusionOf } from './breach-assessment.js';

const lowFactors = {
  nature_extent: { finding: 'Names only, no identifiers', indicates: 'low' },
  unauthorized_person: { finding: 'Another covered entity', indicates: 'low' },
  acquired_viewed: { finding: 'Returned unopened', indicates: 'low' },
  mitigation: { finding: 'Attestation of destruction', indicates: 'low' },
} as const;

const base: TBreachAssessmentRequest = { hipaaRole: 'covered_entity', gdprRole: 'controller', phiInvolved: true, personalDataBreach: true, gdprRisk: 'high', gdprRationale: 'Health data of many patients' };

function parsed(overrides: Partial<TBreachAssessmentRequest>) {
  return ZBreachAssessmentRequest.parse({ ...base, ...overrides });
}

describe('hipaaConclusionOf', () => {
  it('says no_phi when no PHI is involved, whatever else', () => {
    expect(hipaaConclusionOf(parsed({ phiInvolved: false }))).toBe('no_phi');
  });
  it('says excluded when a 164.402(1) exclusion applies, before the safe harbor', () => {
    expect(hipaaConclusionOf(parsed({ exclusion: 'unable_to_retain', exclusionRationale: 'Envelope returned sealed', safeHarbor: 'encryption', safeHarborEvidence: 'AES-256' }))).toBe('excluded');
  });
  it('says safe_harbor when the PHI was encrypted or destroyed per the guidance, before the four factors', () => {
    expect(hipaaConclusionOf(parsed({ safeHarbor: 'encryption', safeHarborEvidence: 'BitLocker, key escrowed apart', lowProbabilityOfCompromise: true, factors: lowFactors }))).toBe('safe_harbor');
    expect(hipaaConclusionOf(parsed({ safeHarbor: 'destruction', safeHarborEvidence: 'Shredded' }))).toBe('safe_harbor');
  });
  it('says low_probability when the four factors demonstrate it', () => {
    expect(hipaaConclusionOf(parsed({ lowProbabilityOfCompromise: true, factors: lowFactors }))).toBe('low_probability');
  });
  it('presumes a breach otherwise (164.402(2)), even with factors recorded but no low-probability conclusion', () => {
    expect(hipaaConclusionOf(parsed({}))).toBe('breach');
    expect(hipaaConclusionOf(parsed({ factors: lowFactors }))).toBe('breach');
  });
});

describe('gdprConclusionOf', () => {
  it('says no_breach when it is not a personal data breach', () => {
    expect(gdprConclusionOf(parsed({ personalDataBreach: false, gdprRisk: null, gdprRationale: '' }))).toBe('no_breach');
  });
  it('gives the assessed risk of a personal data breach', () => {
    for (const risk of ['none', 'risk', 'high'] as const) expect(gdprConclusionOf(parsed({ gdprRisk: risk }))).toBe(risk);
  });
});

describe('assessmentConclusions and assessmentSummary', () => {
  it('derives both and words the timeline line without findings', () => {
    const conclusions = assessmentConclusions(parsed({}));
    expect(conclusions).toEqual({ hipaaConclusion: 'breach', gdprConclusion: 'high' });
    expect(assessmentSummary(conclusions)).toBe('HIPAA: Breach of unsecured PHI; GDPR: high risk');
    expect(assessmentSummary({ hipaaConclusion: 'safe_harbor', gdprConclusion: 'no_breach' })).toBe('HIPAA: Not a breach: secured PHI (safe harbor); GDPR: not a personal data breach');
  });
});
