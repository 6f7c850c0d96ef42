import { describe, expect, it } from 'vitest';
import type { TBreachAssessment } from '../../../shared/contracts/incidents.js';
import { assessmentIssueKey, assessmentProblems, assessmentRequest, assessmentValuesOf, type AssessmentValues } from './assessment-values.js';

const notAssessed: TBreachAssessment = { assessed: false, input: null, hipaaConclusion: 'not_assessed', gdprConclusion: 'not_assessed', assessedBy: null, assessedAt: null };

function breachValues(): AssessmentValues {
  const values = assessmentValuesOf(notAssessed, { phiMayBeInvolved: true }, { hipaaRole: 'covered_entity', gdprRole: 'controller' });
  return { ...values, personalDataBreach: true, gdprRisk: 'high', gdprRationale: 'Health data of 3 patients sent to the wrong clinic.' };
}

describe('breach assessment form values', () => {
  it('starts a new assessment from the organization\'s roles and the reporter\'s PHI hint', () => {
    const values = assessmentValuesOf(notAssessed, { phiMayBeInvolved: true }, { hipaaRole: 'business_associate', gdprRole: 'processor' });
    expect(values).toMatchObject({ hipaaRole: 'business_associate', gdprRole: 'processor', phiInvolved: true, lowProbabilityOfCompromise: false, personalDataBreach: false });
  });

  it('sends a breach (the presumption) when the low probability is not ticked', () => {
    const request = assessmentRequest(breachValues());
    expect(assessmentProblems(breachValues())).toEqual({});
    expect(request).toMatchObject({ phiInvolved: true, exclusion: 'none', safeHarbor: 'none', lowProbabilityOfCompromise: false, gdprRisk: 'high' });
  });

  it('leaves out answers that other answers make irrelevant', () => {
    const values: AssessmentValues = { ...breachValues(), phiInvolved: false, exclusion: 'unable_to_retain', safeHarbor: 'encryption', lowProbabilityOfCompromise: true, baNoticeDays: '10', personalDataBreach: false };
    const request = assessmentRequest(values);
    expect(request).toMatchObject({ exclusion: 'none', safeHarbor: 'none', lowProbabilityOfCompromise: false, baNoticeDays: null, gdprRisk: null, gdprRationale: '' });
    expect(request.factors).toBeUndefined();
    expect(assessmentProblems(values)).toEqual({});
  });

  it('names each factor that must point to a low probability before one can be concluded', () => {
    const values = breachValues();
    values.lowProbabilityOfCompromise = true;
    values.factors.nature_extent = { finding: 'Only appointment dates.', indicates: 'low' };
    values.factors.unauthorized_person = { finding: 'Another covered entity.', indicates: 'not_low' };
    const problems = assessmentProblems(values);
    expect(problems['factors.unauthorized_person.indicates']).toMatch(/must point to a low probability/);
    expect(problems['factors.acquired_viewed.finding']).toMatch(/is required/);
    expect(problems['factors.nature_extent.finding']).toBeUndefined();
  });

  it('keys API issue paths like the form\'s own', () => {
    expect(assessmentIssueKey('body.factors.mitigation.finding')).toBe('factors.mitigation.finding');
    expect(assessmentIssueKey(['gdprRisk'])).toBe('gdprRisk');
  });

  it('sends agreed days only for a business associate', () => {
    const values: AssessmentValues = { ...breachValues(), hipaaRole: 'business_associate', baNoticeDays: '15' };
    expect(assessmentRequest(values).baNoticeDays).toBe(15);
    expect(assessmentProblems({ ...values, baNoticeDays: '90' }).baNoticeDays).toMatch(/1 to 60/);
  });
});
