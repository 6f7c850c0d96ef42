/**
 * Notification drafts (issue 6 item 6): our own plain-language letters, filled from the incident, for
 * the privacy officer to edit, review and send. Pure: no I/O, no clock (the caller passes `now`).
 *
 * - Individual notice: every element of 45 CFR 164.404(c)(1) (A) what happened, with the date of the
 *   breach and of discovery; (B) the types of unsecured PHI; (C) steps individuals should take; (D) what
 *   the organization is doing to investigate, mitigate and protect; (E) contact procedures, which must
 *   include a toll-free number, an e-mail address, a web site or a postal address.
 * - Media notice (164.406): the same content, for prominent outlets serving one State or jurisdiction.
 * - HHS notice (164.408): the fields the HHS breach portal asks for.
 * - GDPR Art. 33(3) checklist for the supervisory authority: (a)–(d), and the Art. 33(1) reasons for a
 *   delay when more than 72 hours have passed since awareness.
 * What we do not know is left as a bracketed field, e.g. "[toll-free number]", so it cannot be missed.
 */
import { DATA_CATEGORY_LABELS } from '../../../shared/contracts/assets.js';
import { GDPR_SA_HOURS, HHS_IMMEDIATE_THRESHOLD } from '../../../shared/breach-clock.js';
import {
  HHS_BREACH_TYPE_LABELS,
  HHS_LOCATION_LABELS,
  INCIDENT_CATEGORY_LABELS,
  PHI_KIND_LABELS,
  type DraftKind,
  type GdprConclusion,
  type IncidentCategory,
} from '../../../shared/contracts/incidents.js';

/** What the templates read of an incident (decrypted by the caller). */
export interface DraftFacts {
  organizationName: string;
  timeZone: string;
  ref: string;
  category: IncidentCategory;
  description: string;
  phiDetails: string;
  occurredAt: string | null;
  discoveredAt: string | null;
  awareAt: string | null;
  breachStartDate: string | null;
  breachEndDate: string | null;
  individualsTotal: number;
  individualsByState: Record<string, number>;
  individualsByCountry: Record<string, number>;
  dataCategories: string[];
  hhsBreachType: string | null;
  hhsLocations: string[];
  phiKinds: string[];
  safeguardsInPlace: string;
  actionsTaken: string;
  gdprConclusion: GdprConclusion;
}

export interface DraftRequest {
  kind: DraftKind;
  stateCode: string | null;
  /** The instant the draft is written (ISO), for the Art. 33(1) delay line. */
  now: string;
}

/** USPS codes of 164.406 "State or jurisdiction" → their names (US_JURISDICTIONS). */
export const JURISDICTION_NAMES: Record<string, string> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut', DE: 'Delaware', FL: 'Florida', GA: 'Georgia',
  HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland',
  MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana', NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey',
  NM: 'New Mexico', NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina',
  SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah', VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
  DC: 'the District of Columbia', PR: 'Puerto Rico', VI: 'the U.S. Virgin Islands', GU: 'Guam', AS: 'American Samoa', MP: 'the Northern Mariana Islands',
};

const HOUR_MS = 3_600_000;

// ---- Formatting ----

const longDates = new Map<string, Intl.DateTimeFormat>();
function longDate(timeZone: string): Intl.DateTimeFormat {
  let f = longDates.get(timeZone);
  if (!f) longDates.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'long', day: 'numeric' })));
  return f;
}

/** An instant as the organization's calendar date ("December 31, 2026"). */
export function dateOfInstant(instant: string, timeZone: string): string {
  return longDate(timeZone).format(new Date(instant));
}

/** A civil date YYYY-MM-DD as words ("March 1, 2027"). */
export function dateOfCivil(date: string): string {
  return longDate('UTC').format(new Date(`${date}T00:00:00Z`));
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function field(value: string, placeholder: string): string {
  const text = value.trim();
  return text.length > 0 ? text : `[${placeholder}]`;
}

function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function breachDates(f: DraftFacts): string {
  if (f.breachStartDate && f.breachEndDate && f.breachEndDate !== f.breachStartDate) return `between ${dateOfCivil(f.breachStartDate)} and ${dateOfCivil(f.breachEndDate)}`;
  if (f.breachStartDate) return `on ${dateOfCivil(f.breachStartDate)}`;
  if (f.occurredAt) return `on ${dateOfInstant(f.occurredAt, f.timeZone)}`;
  return 'on [date of the breach]';
}

function discoveryDate(f: DraftFacts): string {
  return f.discoveredAt ? dateOfInstant(f.discoveredAt, f.timeZone) : '[date of discovery]';
}

const WHAT_HAPPENED: Record<IncidentCategory, string> = {
  malware: 'malicious software (such as ransomware) affected some of our computer systems',
  phishing: 'a deceptive e-mail led to someone outside our organization gaining access to an account or system',
  lost_stolen_device: 'a device or records holding information about you were lost or stolen',
  unauthorized_access: 'someone looked at or obtained information about you without permission',
  misdirected_phi: 'information about you was sent to the wrong recipient by fax, e-mail or mail',
  medical_device: 'a medical device connected to our systems was compromised',
  denial_of_service: 'an attack made some of our systems unavailable',
  physical: 'a physical security event affected records or equipment holding information about you',
  other: '[describe in plain words what happened]',
};

function phiTypes(f: DraftFacts): string {
  const kinds = f.phiKinds.map((k) => (PHI_KIND_LABELS as Record<string, string>)[k]?.toLowerCase() ?? k);
  const parts: string[] = [];
  if (kinds.length > 0) parts.push(`${listOf(kinds)} information`);
  if (f.phiDetails.trim().length > 0) parts.push(f.phiDetails.trim());
  return parts.length > 0 ? parts.join('. Specifically: ') : '[the types of information involved, e.g. name, date of birth, medical record number, diagnosis, insurance details]';
}

// ---- The letters ----

/** The body of 164.404(c)(1), shared by the individual notice and the media notice (164.406(c)). */
function noticeElements(f: DraftFacts, audience: 'you' | 'public'): string[] {
  const isYou = audience === 'you';
  return [
    'WHAT HAPPENED',
    `${capitalise(breachDates(f))}, ${WHAT_HAPPENED[f.category]}. We discovered this on ${discoveryDate(f)}. ` +
      (isYou ? '' : `About ${count(f.individualsTotal)} people in total may be affected. `) +
      '[Add any further facts that help readers understand what happened.]',
    '',
    'WHAT INFORMATION WAS INVOLVED',
    `The information involved was: ${phiTypes(f)}.`,
    '',
    isYou ? 'WHAT YOU CAN DO' : 'WHAT AFFECTED PEOPLE CAN DO',
    `${isYou ? 'We recommend that you' : 'We recommend that affected people'}: review the statements you receive from your health insurer and health-care providers and report any service you did not receive; ` +
      'watch your bank and credit card statements; consider placing a fraud alert or credit freeze with the credit reporting agencies; and be careful with unexpected calls or e-mails that ask for personal details. ' +
      '[Add any step specific to this incident, e.g. how to enrol in the credit monitoring we offer.]',
    '',
    'WHAT WE ARE DOING',
    `We are investigating what happened, limiting the harm and protecting against it happening again. ${f.actionsTaken.trim().length > 0 ? `So far we have: ${f.actionsTaken.trim()}` : '[What we did to investigate, mitigate harm and protect against further breaches.]'}`,
    '',
    'FOR MORE INFORMATION',
    `If you have questions, call us toll-free at [toll-free number], write to [e-mail address], visit [website address], or write to ${f.organizationName}, [postal address]. Please quote reference ${f.ref}.`,
  ];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function individualNotice(f: DraftFacts): string {
  return [
    `${f.organizationName}`,
    '[Date of the letter]',
    '',
    '[Name of the individual]',
    '[Postal address]',
    '',
    'Notice of a breach of your health information',
    '',
    `Dear [name],`,
    '',
    `We are writing to tell you about an incident that involved some of your health information held by ${f.organizationName}. We take the privacy of your information seriously and are sorry for any concern this may cause.`,
    '',
    ...noticeElements(f, 'you'),
    '',
    'Sincerely,',
    '[Name and title]',
    f.organizationName,
  ].join('\n');
}

function mediaNotice(f: DraftFacts, stateCode: string): string {
  const state = JURISDICTION_NAMES[stateCode] ?? stateCode;
  const residents = f.individualsByState[stateCode] ?? 0;
  return [
    'FOR IMMEDIATE RELEASE',
    '[Date]',
    '',
    `${f.organizationName} notifies ${state} residents of a breach of health information`,
    '',
    `${f.organizationName} is notifying about ${count(residents)} residents of ${state} that some of their health information was involved in a security incident. Affected people are also receiving a letter.`,
    '',
    ...noticeElements(f, 'public'),
    '',
    `Media contact: [name], [telephone number], [e-mail address]. Reference ${f.ref}.`,
  ].join('\n');
}

function labelsOf(values: string[], labels: Record<string, string>): string {
  return values.length > 0 ? values.map((v) => labels[v] ?? v).join('; ') : '';
}

function hhsNotice(f: DraftFacts): string {
  const isLarge = f.individualsTotal >= HHS_IMMEDIATE_THRESHOLD;
  const line = (label: string, value: string, placeholder: string) => `${label}: ${field(value, placeholder)}`;
  return [
    `Notice to the Secretary of HHS of a breach of unsecured protected health information (45 CFR 164.408${isLarge ? '(b)' : '(c)'})`,
    isLarge
      ? `${count(f.individualsTotal)} individuals are affected (500 or more): submit through the HHS breach portal at the same time as the individual notices, no later than 60 days after discovery.`
      : `${count(f.individualsTotal)} individuals are affected (fewer than 500): record in the annual log and submit through the HHS breach portal no later than 60 days after the end of the calendar year of discovery.`,
    '',
    line('Covered entity', f.organizationName, 'name of the covered entity'),
    'Covered entity contact: [name, telephone number, e-mail address]',
    'Business associate involved: [yes or no; if yes, its name and contact]',
    line('Breach start date', f.breachStartDate ? dateOfCivil(f.breachStartDate) : '', 'breach start date'),
    line('Breach end date', f.breachEndDate ? dateOfCivil(f.breachEndDate) : '', 'breach end date'),
    line('Discovery date', f.discoveredAt ? dateOfInstant(f.discoveredAt, f.timeZone) : '', 'discovery date'),
    `Approximate number of individuals affected: ${count(f.individualsTotal)}`,
    line('Type of breach', f.hhsBreachType ? (HHS_BREACH_TYPE_LABELS as Record<string, string>)[f.hhsBreachType] ?? f.hhsBreachType : '', 'hacking/IT incident, unauthorized access/disclosure, theft, loss or improper disposal'),
    line('Location of breached information', labelsOf(f.hhsLocations, HHS_LOCATION_LABELS), 'laptop, desktop computer, network server, e-mail, electronic medical record, other portable electronic device, paper/films or other'),
    line('Type of protected health information involved', labelsOf(f.phiKinds, PHI_KIND_LABELS), 'demographic, financial, clinical or other'),
    line('Safeguards in place prior to the breach', f.safeguardsInPlace, 'safeguards in place before the breach'),
    line('Actions taken in response', f.actionsTaken, 'actions taken in response'),
    `Individual notice: [date the individual notices were sent]${Object.keys(f.individualsByState).length > 0 ? `; residents by State: ${Object.entries(f.individualsByState).sort(([a], [b]) => (a < b ? -1 : 1)).map(([s, n]) => `${s} ${count(n)}`).join(', ')}` : ''}`,
    `Internal reference: ${f.ref}`,
  ].join('\n');
}

const CONSEQUENCES: Record<GdprConclusion, string> = {
  not_assessed: '[The breach has not been assessed yet: describe the likely consequences.]',
  no_breach: '[Assessed as not a personal data breach: explain why a notification is made all the same.]',
  none: 'Assessed as unlikely to result in a risk to the rights and freedoms of natural persons. [Explain.]',
  risk: 'Assessed as likely to result in a risk to the rights and freedoms of the data subjects. [Describe the likely consequences, e.g. loss of confidentiality of health data, identity fraud, distress.]',
  high: 'Assessed as likely to result in a high risk to the rights and freedoms of the data subjects; they are being informed (Art. 34). [Describe the likely consequences, e.g. discrimination, identity fraud, damage to reputation, distress.]',
};

function gdprChecklist(f: DraftFacts, now: string): string {
  const inEea = Object.values(f.individualsByCountry).reduce((a, b) => a + b, 0);
  const byCountry = Object.entries(f.individualsByCountry).sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, n]) => `${c} ${count(n)}`).join(', ');
  const categories = labelsOf(f.dataCategories, DATA_CATEGORY_LABELS);
  const lines = [
    `Personal data breach notification to the supervisory authority (GDPR Art. 33) — ${f.organizationName}, reference ${f.ref}`,
    '',
    `Became aware: ${f.awareAt ? `${dateOfInstant(f.awareAt, f.timeZone)} (${f.awareAt})` : '[date and time of awareness]'}`,
    `Breach period: ${breachDates(f)}`,
    '',
    '(a) Nature of the breach',
    `- What happened: ${INCIDENT_CATEGORY_LABELS[f.category]}. ${field(f.description, 'short description of the breach')}`,
    '- Categories of data subjects: [e.g. patients, staff, relatives]',
    `- Approximate number of data subjects: ${count(f.individualsTotal)} in total${inEea > 0 ? `, of whom ${count(inEea)} in the EU/EEA (${byCountry})` : ''}`,
    `- Categories of personal data: ${field(categories, 'categories of personal data, e.g. health data, contact details')}`,
    '- Approximate number of personal data records: [approximate number of records]',
    '',
    '(b) Contact point',
    '- Data protection officer or other contact point: [name, e-mail address, telephone number]',
    '',
    '(c) Likely consequences',
    `- ${CONSEQUENCES[f.gdprConclusion]}`,
    '',
    '(d) Measures taken or proposed',
    `- ${field(f.actionsTaken, 'measures taken or proposed to address the breach, including measures to mitigate its possible adverse effects')}`,
  ];
  if (f.awareAt && Date.parse(now) - Date.parse(f.awareAt) > GDPR_SA_HOURS * HOUR_MS) {
    lines.push('', 'Reasons for the delay (Art. 33(1))', '- This notification is made more than 72 hours after we became aware of the breach. Reasons for the delay: [reasons for the delay]');
  }
  lines.push('', 'Information not yet available may be provided in phases without undue further delay (Art. 33(4)).');
  return lines.join('\n');
}

/** The body of a new draft of the given kind, filled from the incident. */
export function renderDraft(facts: DraftFacts, request: DraftRequest): string {
  switch (request.kind) {
    case 'individual_notice':
      return individualNotice(facts);
    case 'media_notice':
      return mediaNotice(facts, request.stateCode ?? '[State]');
    case 'hhs_notice':
      return hhsNotice(facts);
    case 'gdpr_sa_checklist':
      return gdprChecklist(facts, request.now);
  }
}
