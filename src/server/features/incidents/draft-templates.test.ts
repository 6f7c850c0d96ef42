import { describe, expect, it } from 'vitest';
import { dateOfCivil, dateOfInstant, renderDraft, type DraftFacts } from './draft-templates.js';

function buildFacts(overrides: Partial<DraftFacts> = {}): DraftFacts {
  return {
    organizationName: 'St. Example Hospital',
    timeZone: 'America/New_York',
    ref: 'INC-0007',
    category: 'malware',
    description: 'Ransomware encrypted the imaging archive',
    phiDetails: 'Names, dates of birth and imaging reports',
    occurredAt: '2026-03-01T12:00:00Z',
    // 23:30 in New York on 5 March is already 6 March in UTC: the letter must say March 5.
    discoveredAt: '2026-03-06T04:30:00Z',
    awareAt: '2026-03-06T04:30:00Z',
    breachStartDate: '2026-02-27',
    breachEndDate: '2026-03-02',
    individualsTotal: 12000,
    individualsByState: { NY: 9000, NJ: 500 },
    individualsByCountry: { DE: 40, FR: 2 },
    dataCategories: ['ephi', 'personal_data'],
    hhsBreachType: 'hacking_it_incident',
    hhsLocations: ['network_server', 'ehr'],
    phiKinds: ['demographic', 'clinical'],
    safeguardsInPlace: 'Firewalls, nightly backups',
    actionsTaken: 'Restored from backups and reset every password.',
    gdprConclusion: 'high',
    ...overrides,
  };
}

const NOW = '2026-03-07T10:00:00Z';

describe('date helpers', () => {
  it('reads an instant as the date in the organization zone, and a civil date as written', () => {
    expect(dateOfInstant('2026-03-06T04:30:00Z', 'America/New_York')).toBe('March 5, 2026');
    expect(dateOfCivil('2026-12-31')).toBe('December 31, 2026');
  });
});

describe('individual notice (164.404(c))', () => {
  const body = renderDraft(buildFacts(), { kind: 'individual_notice', stateCode: null, now: NOW });

  it('has every element (A)–(E) under its own heading', () => {
    for (const heading of ['WHAT HAPPENED', 'WHAT INFORMATION WAS INVOLVED', 'WHAT YOU CAN DO', 'WHAT WE ARE DOING', 'FOR MORE INFORMATION']) expect(body).toContain(heading);
  });
  it('(A) gives the date of the breach and the date of discovery in the organization zone', () => {
    expect(body).toContain('Between February 27, 2026 and March 2, 2026');
    expect(body).toContain('We discovered this on March 5, 2026');
  });
  it('(B) names the types of PHI from the incident', () => {
    expect(body).toContain('demographic and clinical information');
    expect(body).toContain('Names, dates of birth and imaging reports');
  });
  it('(D) says what the organization did, from the incident', () => {
    expect(body).toContain('Restored from backups and reset every password.');
  });
  it('(E) leaves marked fields for the contact procedures we do not know', () => {
    for (const placeholder of ['[toll-free number]', '[e-mail address]', '[website address]', '[postal address]']) expect(body).toContain(placeholder);
    expect(body).toContain('INC-0007');
  });
  it('marks missing dates and PHI types instead of inventing them', () => {
    const empty = renderDraft(buildFacts({ breachStartDate: null, breachEndDate: null, occurredAt: null, discoveredAt: null, phiKinds: [], phiDetails: '', actionsTaken: '' }), { kind: 'individual_notice', stateCode: null, now: NOW });
    expect(empty).toContain('On [date of the breach]');
    expect(empty).toContain('[date of discovery]');
    expect(empty).toContain('[the types of information involved');
    expect(empty).toContain('[What we did to investigate');
  });
});

describe('media notice (164.406)', () => {
  const body = renderDraft(buildFacts(), { kind: 'media_notice', stateCode: 'NY', now: NOW });
  it('names the State and its residents affected', () => {
    expect(body).toContain('notifies New York residents');
    expect(body).toContain('about 9,000 residents of New York');
  });
  it('carries the same 164.404(c) content', () => {
    for (const text of ['WHAT HAPPENED', 'We discovered this on March 5, 2026', 'demographic and clinical information', 'WHAT AFFECTED PEOPLE CAN DO', 'WHAT WE ARE DOING', '[toll-free number]', '12,000 people']) expect(body).toContain(text);
  });
});

describe('HHS notice (164.408)', () => {
  it('fills the portal fields of a large breach', () => {
    const body = renderDraft(buildFacts(), { kind: 'hhs_notice', stateCode: null, now: NOW });
    for (const text of ['164.408(b)', 'Breach start date: February 27, 2026', 'Breach end date: March 2, 2026', 'Discovery date: March 5, 2026', 'Approximate number of individuals affected: 12,000', 'Type of breach: Hacking/IT incident', 'Location of breached information: Network server; Electronic medical record', 'Type of protected health information involved: Demographic; Clinical', 'Safeguards in place prior to the breach: Firewalls, nightly backups', 'Actions taken in response: Restored from backups', 'NJ 500, NY 9,000']) {
      expect(body).toContain(text);
    }
  });
  it('points a small breach to the annual log and marks empty portal fields', () => {
    const body = renderDraft(buildFacts({ individualsTotal: 3, individualsByState: {}, hhsBreachType: null, hhsLocations: [], safeguardsInPlace: '' }), { kind: 'hhs_notice', stateCode: null, now: NOW });
    expect(body).toContain('164.408(c)');
    expect(body).toContain('fewer than 500');
    expect(body).toContain('Type of breach: [hacking/IT incident');
    expect(body).toContain('Location of breached information: [laptop');
    expect(body).toContain('Safeguards in place prior to the breach: [safeguards');
  });
});

describe('GDPR Art. 33(3) checklist', () => {
  it('has (a) to (d) with the numbers filled in', () => {
    const body = renderDraft(buildFacts(), { kind: 'gdpr_sa_checklist', stateCode: null, now: NOW });
    for (const text of ['(a) Nature of the breach', '(b) Contact point', '(c) Likely consequences', '(d) Measures taken or proposed', '12,000 in total, of whom 42 in the EU/EEA (DE 40, FR 2)', 'ePHI; Other personal data', '[approximate number of records]', 'high risk', 'Restored from backups']) expect(body).toContain(text);
    expect(body).not.toContain('Reasons for the delay');
  });
  it('asks for the reasons for the delay once more than 72 hours have passed since awareness', () => {
    const late = renderDraft(buildFacts(), { kind: 'gdpr_sa_checklist', stateCode: null, now: '2026-03-09T04:30:00.001Z' });
    expect(late).toContain('Reasons for the delay (Art. 33(1))');
    const onTime = renderDraft(buildFacts(), { kind: 'gdpr_sa_checklist', stateCode: null, now: '2026-03-09T04:30:00.000Z' });
    expect(onTime).not.toContain('Reasons for the delay');
  });
});
