/**
 * Incidents (issue 6): the register, the handling workflow, timeline, communications log, root cause and
 * follow-up actions (ISO/IEC 27001:2022 A.5.24–A.5.28; 45 CFR 164.308(a)(6)), the breach assessment
 * (HIPAA 164.402 exclusions, safe harbor and four-factor assessment; GDPR Arts. 4(12), 33, 34), the
 * obligations the deadline engine derives for an incident, notification drafts, the annual HHS
 * small-breach log (164.408(c)) and retention (164.530(j); GDPR Art. 5(1)(e)).
 *
 * The deadline engine and its what-if calculator are `../breach-clock.ts` and `./breach-clock.ts`.
 * Description, PHI details, timeline texts, communication contents and draft bodies are encrypted at
 * rest; titles are not, so the form says not to put patient identifiers in a title.
 */
import { z } from 'zod';
import { DATA_CATEGORIES } from './assets.js';
import { GDPR_RISKS, GDPR_ROLES, HIPAA_ROLES, US_JURISDICTIONS, ZBreachObligation } from './breach-clock.js';
import { ZId, ZIsoDate, ZIsoInstant, ZName, ZPageQuery, ZSortDirection } from './common.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/u;
/** Free text: trimmed, at most `max` characters, no control characters except tab and newlines. */
export const incidentText = (max: number) =>
  z
    .string({ message: 'must be text' })
    .trim()
    .max(max, { message: `must be at most ${max} characters` })
    .refine((value) => !CONTROL.test(value), { message: 'must not contain control characters' });
const requiredText = (max: number) => incidentText(max).refine((v) => v.length > 0, { message: 'is required' });
const ZCount = z.number({ message: 'must be a whole number ≥ 0' }).int({ message: 'must be a whole number ≥ 0' }).min(0, { message: 'must be a whole number ≥ 0' }).max(1_000_000_000, { message: 'must be at most 1,000,000,000' });

// ---- Vocabulary ----

export const INCIDENT_CATEGORIES = ['malware', 'phishing', 'lost_stolen_device', 'unauthorized_access', 'misdirected_phi', 'medical_device', 'denial_of_service', 'physical', 'other'] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];
export const INCIDENT_CATEGORY_LABELS: Record<IncidentCategory, string> = {
  malware: 'Ransomware / malware',
  phishing: 'Phishing',
  lost_stolen_device: 'Lost or stolen device',
  unauthorized_access: 'Unauthorized access (incl. snooping in patient records)',
  misdirected_phi: 'Misdirected PHI (fax, e-mail, mail)',
  medical_device: 'Medical-device compromise',
  denial_of_service: 'Denial of service',
  physical: 'Physical',
  other: 'Other',
};

/** The handling workflow (A.5.25–A.5.27): each step forward is a timeline entry; closing needs lessons learned. */
export const INCIDENT_STATUSES = ['reported', 'triage', 'contained', 'eradicated', 'recovered', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  reported: 'Reported',
  triage: 'Triage',
  contained: 'Contained',
  eradicated: 'Eradicated',
  recovered: 'Recovered',
  closed: 'Closed',
};

export const ROOT_CAUSE_CATEGORIES = ['human_error', 'malicious_insider', 'external_attack', 'process_gap', 'technical_failure', 'third_party', 'physical_environmental', 'unknown'] as const;
export const ROOT_CAUSE_LABELS: Record<(typeof ROOT_CAUSE_CATEGORIES)[number], string> = {
  human_error: 'Human error',
  malicious_insider: 'Malicious insider',
  external_attack: 'External attack',
  process_gap: 'Missing or unclear process',
  technical_failure: 'Technical failure',
  third_party: 'Third party / business associate',
  physical_environmental: 'Physical or environmental',
  unknown: 'Not yet known',
};

export const ACTION_STATUSES = ['todo', 'in_progress', 'done', 'cancelled'] as const;
export const ACTION_STATUS_LABELS: Record<(typeof ACTION_STATUSES)[number], string> = { todo: 'To do', in_progress: 'In progress', done: 'Done', cancelled: 'Cancelled' };

/** To whom a communication went (issue 6 item 1). */
export const COMMUNICATION_RECIPIENTS = ['individuals', 'hhs', 'supervisory_authority', 'media', 'covered_entity', 'business_associate', 'controller', 'law_enforcement', 'insurer', 'board', 'other'] as const;
export type CommunicationRecipient = (typeof COMMUNICATION_RECIPIENTS)[number];
export const COMMUNICATION_RECIPIENT_LABELS: Record<CommunicationRecipient, string> = {
  individuals: 'Affected individuals',
  hhs: 'HHS (Secretary)',
  supervisory_authority: 'Supervisory authority',
  media: 'Media',
  covered_entity: 'Covered entity',
  business_associate: 'Business associate',
  controller: 'Controller',
  law_enforcement: 'Law enforcement',
  insurer: 'Insurer',
  board: 'Board / top management',
  other: 'Other',
};
export const COMMUNICATION_CHANNELS = ['letter', 'email', 'phone', 'portal', 'press_release', 'website', 'in_person', 'other'] as const;
export const COMMUNICATION_CHANNEL_LABELS: Record<(typeof COMMUNICATION_CHANNELS)[number], string> = {
  letter: 'Letter (first-class mail)',
  email: 'E-mail',
  phone: 'Telephone',
  portal: 'Web portal (e.g. HHS breach portal)',
  press_release: 'Press release',
  website: 'Website notice',
  in_person: 'In person / meeting',
  other: 'Other',
};

/** 164.402(1)(i)–(iii): uses and disclosures that are not a breach. */
export const HIPAA_EXCLUSIONS = ['none', 'workforce_good_faith', 'authorized_to_authorized', 'unable_to_retain'] as const;
export const HIPAA_EXCLUSION_LABELS: Record<(typeof HIPAA_EXCLUSIONS)[number], string> = {
  none: 'No exclusion applies',
  workforce_good_faith: '164.402(1)(i): unintentional, good-faith acquisition, access or use by a workforce member within the scope of authority',
  authorized_to_authorized: '164.402(1)(ii): inadvertent disclosure between persons authorized at the same covered entity, business associate or OHCA',
  unable_to_retain: '164.402(1)(iii): good-faith belief that the recipient could not reasonably have retained the information',
};
/** HHS guidance under HITECH 13402(h)(2): PHI rendered unusable, unreadable or indecipherable is not "unsecured". */
export const SAFE_HARBORS = ['none', 'encryption', 'destruction'] as const;
export const SAFE_HARBOR_LABELS: Record<(typeof SAFE_HARBORS)[number], string> = {
  none: 'Not secured',
  encryption: 'Encrypted per the HHS guidance (NIST SP 800-111 at rest / SP 800-52, 800-77, 800-113 in motion), key not compromised',
  destruction: 'Destroyed per the HHS guidance (shredded; media sanitized per NIST SP 800-88)',
};
/** The four factors of 164.402(2)(i)–(iv). */
export const FOUR_FACTORS = ['nature_extent', 'unauthorized_person', 'acquired_viewed', 'mitigation'] as const;
export type FourFactor = (typeof FOUR_FACTORS)[number];
export const FOUR_FACTOR_LABELS: Record<FourFactor, { cite: string; label: string }> = {
  nature_extent: { cite: '164.402(2)(i)', label: 'Nature and extent of the PHI, types of identifiers, likelihood of re-identification' },
  unauthorized_person: { cite: '164.402(2)(ii)', label: 'The unauthorized person who used the PHI or to whom it was disclosed' },
  acquired_viewed: { cite: '164.402(2)(iii)', label: 'Whether the PHI was actually acquired or viewed' },
  mitigation: { cite: '164.402(2)(iv)', label: 'The extent to which the risk to the PHI has been mitigated' },
};
/** What a factor's finding points to: a low probability of compromise, or not. */
export const FACTOR_INDICATIONS = ['low', 'not_low'] as const;

/**
 * The HIPAA conclusion, derived by the server from the assessment (never typed in):
 * not_assessed: no PHI assessment yet; no_phi: no PHI involved; excluded: a 164.402(1) exclusion applies;
 * safe_harbor: the PHI was secured; low_probability: all four factors assessed and a low probability of
 * compromise demonstrated; breach: a breach of unsecured PHI (the presumption of 164.402(2)).
 */
export const HIPAA_CONCLUSIONS = ['not_assessed', 'no_phi', 'excluded', 'safe_harbor', 'low_probability', 'breach'] as const;
export type HipaaConclusion = (typeof HIPAA_CONCLUSIONS)[number];
export const HIPAA_CONCLUSION_LABELS: Record<HipaaConclusion, string> = {
  not_assessed: 'Not assessed',
  no_phi: 'No PHI involved',
  excluded: 'Not a breach: exclusion (164.402(1))',
  safe_harbor: 'Not a breach: secured PHI (safe harbor)',
  low_probability: 'Not a breach: low probability of compromise (164.402(2))',
  breach: 'Breach of unsecured PHI',
};
/** GDPR Art. 4(12) and the Art. 33/34 risk judgement: not_assessed, no_breach, or the risk level. */
export const GDPR_CONCLUSIONS = ['not_assessed', 'no_breach', 'none', 'risk', 'high'] as const;
export type GdprConclusion = (typeof GDPR_CONCLUSIONS)[number];
export const GDPR_CONCLUSION_LABELS: Record<GdprConclusion, string> = {
  not_assessed: 'Not assessed',
  no_breach: 'Not a personal data breach',
  none: 'Breach unlikely to result in a risk (Art. 33(1): no notice; documented per Art. 33(5))',
  risk: 'Breach resulting in a risk (Art. 33: notify the supervisory authority)',
  high: 'Breach likely to result in a high risk (Arts. 33 and 34: also the data subjects)',
};

/** Fields the HHS breach portal asks for (164.408). */
export const HHS_BREACH_TYPES = ['hacking_it_incident', 'unauthorized_access_disclosure', 'theft', 'loss', 'improper_disposal'] as const;
export const HHS_BREACH_TYPE_LABELS: Record<(typeof HHS_BREACH_TYPES)[number], string> = {
  hacking_it_incident: 'Hacking/IT incident',
  unauthorized_access_disclosure: 'Unauthorized access/disclosure',
  theft: 'Theft',
  loss: 'Loss',
  improper_disposal: 'Improper disposal',
};
export const HHS_LOCATIONS = ['laptop', 'desktop', 'network_server', 'email', 'ehr', 'other_portable', 'paper_films', 'other'] as const;
export const HHS_LOCATION_LABELS: Record<(typeof HHS_LOCATIONS)[number], string> = {
  laptop: 'Laptop',
  desktop: 'Desktop computer',
  network_server: 'Network server',
  email: 'E-mail',
  ehr: 'Electronic medical record',
  other_portable: 'Other portable electronic device',
  paper_films: 'Paper/films',
  other: 'Other',
};
export const PHI_KINDS = ['demographic', 'financial', 'clinical', 'other'] as const;
export const PHI_KIND_LABELS: Record<(typeof PHI_KINDS)[number], string> = { demographic: 'Demographic', financial: 'Financial', clinical: 'Clinical', other: 'Other' };

/** EU/EEA member states (ISO 3166-1 alpha-2, with EL for Greece as the EU uses it). */
export const EEA_COUNTRIES = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'EL', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO'] as const;

export const LAW_ENFORCEMENT_STATEMENTS = ['none', 'written', 'oral'] as const;

/** Obligation status: pending, done (a communication fulfilled it), overdue, or not required (with the reason). */
export const OBLIGATION_STATUSES = ['pending', 'done', 'overdue', 'not_required'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

export const DRAFT_KINDS = ['individual_notice', 'hhs_notice', 'media_notice', 'gdpr_sa_checklist'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];
export const DRAFT_KIND_LABELS: Record<DraftKind, string> = {
  individual_notice: 'Notice to individuals (164.404(c))',
  hhs_notice: 'Notice to HHS (164.408)',
  media_notice: 'Notice to the media (164.406)',
  gdpr_sa_checklist: 'Supervisory authority notification, Art. 33(3) checklist',
};
export const DRAFT_STATES = ['draft', 'reviewed', 'sent'] as const;

export const INCIDENT_SORT_FIELDS = ['ref', 'title', 'severity', 'status', 'category', 'reportedAt', 'discoveredAt', 'updatedAt', 'nextDueAt'] as const;

// ---- Settings (per organization) ----

export const ZSeverityLevel = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, { message: 'must be lower-case letters, digits and _ (at most 32)' }),
    label: ZName,
    colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a colour like #c0392b' }),
    description: incidentText(500).default(''),
  })
  .strict();
export type TSeverityLevel = z.output<typeof ZSeverityLevel>;

export const ZIncidentSettings = z
  .object({
    /** Lowest first; 2 to 8 levels, keys unique. */
    severities: z.array(ZSeverityLevel).min(2, { message: 'must have at least 2 levels' }).max(8, { message: 'must have at most 8 levels' }),
    /** The organization's usual roles; each breach assessment may set its own. */
    hipaaRole: z.enum(HIPAA_ROLES, { message: 'must be covered_entity, business_associate or none' }),
    gdprRole: z.enum(GDPR_ROLES, { message: 'must be controller, processor or none' }),
    /** Years a closed incident is kept (164.530(j): at least 6). */
    retentionYears: z.number({ message: 'must be a whole number of years from 6 to 50' }).int({ message: 'must be a whole number of years from 6 to 50' }).min(6, { message: 'must be at least 6 years (45 CFR 164.530(j)(2))' }).max(50, { message: 'must be at most 50 years' }),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.severities.forEach((level, i) => {
      if (seen.has(level.key)) ctx.addIssue({ code: 'custom', path: ['severities', i, 'key'], message: `repeats the key ${level.key}` });
      seen.add(level.key);
    });
  });
export type TIncidentSettings = z.output<typeof ZIncidentSettings>;

// ---- Incident ----

const ZCountsByCode = (codes: readonly string[], what: string) =>
  z.record(z.string(), ZCount).superRefine((value, ctx) => {
    for (const key of Object.keys(value)) if (!codes.includes(key)) ctx.addIssue({ code: 'custom', path: [key], message: `is not ${what}` });
  });

const incidentFieldShape = {
  title: ZName,
  /** Encrypted at rest. */
  description: incidentText(20_000),
  category: z.enum(INCIDENT_CATEGORIES, { message: `must be one of ${INCIDENT_CATEGORIES.join(', ')}` }),
  severity: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, { message: 'must be a severity key of the organization' }).nullable(),
  occurredAt: ZIsoInstant.nullable(),
  detectedAt: ZIsoInstant.nullable(),
  /** HIPAA discovery (164.404(a)(2)): the HIPAA clocks run from here. */
  discoveredAt: ZIsoInstant.nullable(),
  /** GDPR awareness (Art. 33(1)): the 72 hours run from here. */
  awareAt: ZIsoInstant.nullable(),
  assetIds: z.array(ZId).max(200, { message: 'must list at most 200 assets' }),
  dataCategories: z.array(z.enum(DATA_CATEGORIES)).max(DATA_CATEGORIES.length),
  /** Encrypted at rest: which identifiers and health information were involved (no patient names needed). */
  phiDetails: incidentText(20_000),
  individualsTotal: ZCount,
  individualsByState: ZCountsByCode(US_JURISDICTIONS, 'a US state or territory code (e.g. NY, DC, PR)'),
  individualsByCountry: ZCountsByCode(EEA_COUNTRIES, 'an EU/EEA country code (e.g. DE, FR, EL)'),
  handlerUserId: ZId.nullable(),
  rootCauseCategory: z.enum(ROOT_CAUSE_CATEGORIES).nullable(),
  rootCauseAnalysis: incidentText(20_000),
  lessonsLearned: incidentText(20_000),
  /** The HHS breach portal fields. */
  breachStartDate: ZIsoDate.nullable(),
  breachEndDate: ZIsoDate.nullable(),
  hhsBreachType: z.enum(HHS_BREACH_TYPES).nullable(),
  hhsLocations: z.array(z.enum(HHS_LOCATIONS)).max(HHS_LOCATIONS.length),
  phiKinds: z.array(z.enum(PHI_KINDS)).max(PHI_KINDS.length),
  safeguardsInPlace: incidentText(5_000),
  actionsTaken: incidentText(5_000),
  /** 164.412: a law-enforcement statement that notice would impede an investigation. */
  lawEnforcementStatement: z.enum(LAW_ENFORCEMENT_STATEMENTS),
  lawEnforcementStatementAt: ZIsoInstant.nullable(),
  /** For a written statement: the end of the period it specifies. */
  lawEnforcementWrittenUntil: ZIsoInstant.nullable(),
  lawEnforcementOfficial: incidentText(300),
};

/** Cross-field rules shared by create and update (applied to the merged record on update). */
export function incidentFieldIssues(value: Partial<z.output<z.ZodObject<typeof incidentFieldShape>>>): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  const total = value.individualsTotal ?? 0;
  const states = Object.values(value.individualsByState ?? {}).reduce((a, b) => a + b, 0);
  const countries = Object.values(value.individualsByCountry ?? {}).reduce((a, b) => a + b, 0);
  if (states > total) issues.push({ path: ['individualsByState'], message: `adds up to ${states}, more than individualsTotal (${total})` });
  if (countries > total) issues.push({ path: ['individualsByCountry'], message: `adds up to ${countries}, more than individualsTotal (${total})` });
  const occurred = value.occurredAt ? Date.parse(value.occurredAt) : null;
  for (const key of ['detectedAt', 'discoveredAt', 'awareAt'] as const) {
    const at = value[key];
    if (occurred !== null && at && Date.parse(at) < occurred) issues.push({ path: [key], message: 'must not be before occurredAt' });
  }
  if (value.breachStartDate && value.breachEndDate && value.breachEndDate < value.breachStartDate) issues.push({ path: ['breachEndDate'], message: 'must not be before breachStartDate' });
  if (value.lawEnforcementStatement && value.lawEnforcementStatement !== 'none' && !value.lawEnforcementStatementAt) issues.push({ path: ['lawEnforcementStatementAt'], message: 'is required when a law-enforcement statement was made' });
  if (value.lawEnforcementStatement === 'written' && !value.lawEnforcementWrittenUntil) issues.push({ path: ['lawEnforcementWrittenUntil'], message: 'is required for a written statement: the end of the period it specifies (164.412(a))' });
  if (value.lawEnforcementStatement !== 'written' && value.lawEnforcementWrittenUntil) issues.push({ path: ['lawEnforcementWrittenUntil'], message: 'applies only to a written statement' });
  if (value.lawEnforcementStatementAt && value.lawEnforcementWrittenUntil && Date.parse(value.lawEnforcementWrittenUntil) <= Date.parse(value.lawEnforcementStatementAt)) issues.push({ path: ['lawEnforcementWrittenUntil'], message: 'must be after lawEnforcementStatementAt' });
  return issues;
}

const ZIncidentFields = z.object(incidentFieldShape).strict();

/** POST …/incidents (handlers): everything but the title, description and category may be left out. */
export const ZCreateIncidentRequest = ZIncidentFields.extend({
  description: incidentText(20_000).default(''),
  severity: incidentFieldShape.severity.default(null),
  occurredAt: ZIsoInstant.nullable().default(null),
  detectedAt: ZIsoInstant.nullable().default(null),
  discoveredAt: ZIsoInstant.nullable().default(null),
  awareAt: ZIsoInstant.nullable().default(null),
  assetIds: incidentFieldShape.assetIds.default([]),
  dataCategories: incidentFieldShape.dataCategories.default([]),
  phiDetails: incidentText(20_000).default(''),
  individualsTotal: ZCount.default(0),
  individualsByState: incidentFieldShape.individualsByState.default({}),
  individualsByCountry: incidentFieldShape.individualsByCountry.default({}),
  handlerUserId: ZId.nullable().default(null),
  rootCauseCategory: incidentFieldShape.rootCauseCategory.default(null),
  rootCauseAnalysis: incidentText(20_000).default(''),
  lessonsLearned: incidentText(20_000).default(''),
  breachStartDate: ZIsoDate.nullable().default(null),
  breachEndDate: ZIsoDate.nullable().default(null),
  hhsBreachType: incidentFieldShape.hhsBreachType.default(null),
  hhsLocations: incidentFieldShape.hhsLocations.default([]),
  phiKinds: incidentFieldShape.phiKinds.default([]),
  safeguardsInPlace: incidentText(5_000).default(''),
  actionsTaken: incidentText(5_000).default(''),
  lawEnforcementStatement: incidentFieldShape.lawEnforcementStatement.default('none'),
  lawEnforcementStatementAt: ZIsoInstant.nullable().default(null),
  lawEnforcementWrittenUntil: ZIsoInstant.nullable().default(null),
  lawEnforcementOfficial: incidentText(300).default(''),
}).superRefine((value, ctx) => {
  for (const issue of incidentFieldIssues(value)) ctx.addIssue({ code: 'custom', ...issue });
});
export type TCreateIncidentRequest = z.input<typeof ZCreateIncidentRequest>;
export type TCreateIncident = z.output<typeof ZCreateIncidentRequest>;

/**
 * PATCH …/incidents/{id}: only the fields sent change (no defaults here, so nothing is reset).
 * The server checks `incidentFieldIssues` on the merged record.
 */
export const ZUpdateIncidentRequest = ZIncidentFields.partial().refine((v) => Object.keys(v).length > 0, { message: 'must change at least one field' });
export type TUpdateIncidentRequest = z.input<typeof ZUpdateIncidentRequest>;

/** POST …/incidents/report: the short form any staff member can send (permission incident.report). */
export const ZReportIncidentRequest = z
  .object({
    title: ZName,
    description: requiredText(20_000),
    category: incidentFieldShape.category,
    occurredAt: ZIsoInstant.nullable().default(null),
    /** The systems involved, when the reporter knows them (ids from the asset register picker). */
    assetIds: z.array(ZId).max(20, { message: 'must list at most 20 assets' }).default([]),
    /** "Patient information may be involved": lets the handler see the PHI question first. */
    phiMayBeInvolved: z.boolean().default(false),
  })
  .strict();
export type TReportIncidentRequest = z.input<typeof ZReportIncidentRequest>;
export const ZReportIncidentResponse = z.object({ id: ZId, ref: z.string(), reportedAt: ZIsoInstant });

/** GET …/incidents/my-reports: the caller's own reports, without anything added by the handlers. */
export const ZMyIncidentReport = z.object({ id: ZId, ref: z.string(), title: z.string(), category: z.enum(INCIDENT_CATEGORIES), status: z.enum(INCIDENT_STATUSES), reportedAt: ZIsoInstant });
export const ZMyIncidentReportList = z.array(ZMyIncidentReport);

export const ZPersonRef = z.object({ id: ZId, name: z.string() });

/** One row of the register. */
export const ZIncidentListItem = z.object({
  id: ZId,
  ref: z.string(),
  title: z.string(),
  category: z.enum(INCIDENT_CATEGORIES),
  severity: z.string().nullable(),
  status: z.enum(INCIDENT_STATUSES),
  reportedAt: ZIsoInstant,
  discoveredAt: ZIsoInstant.nullable(),
  handler: ZPersonRef.nullable(),
  individualsTotal: z.number().int(),
  hipaaConclusion: z.enum(HIPAA_CONCLUSIONS),
  gdprConclusion: z.enum(GDPR_CONCLUSIONS),
  /** Obligations pending or overdue, and the earliest due instant among them. */
  openObligations: z.number().int(),
  overdueObligations: z.number().int(),
  nextDueAt: ZIsoInstant.nullable(),
  archivedAt: ZIsoInstant.nullable(),
  updatedAt: ZIsoInstant,
});
export type TIncidentListItem = z.infer<typeof ZIncidentListItem>;

export const ZIncidentListQuery = ZPageQuery.extend({
  /** Ref or title (descriptions are encrypted and not searched). */
  q: z.string().trim().max(200).optional(),
  status: z.enum([...INCIDENT_STATUSES, 'open'] as const).optional(),
  category: z.enum(INCIDENT_CATEGORIES).optional(),
  severity: z.string().max(32).optional(),
  handler: z.union([ZId, z.literal('none')]).optional(),
  breach: z.enum(['hipaa', 'gdpr', 'any', 'none', 'not_assessed']).optional(),
  clocks: z.enum(['open', 'overdue']).optional(),
  archived: z.enum(['exclude', 'only', 'include']).default('exclude'),
  sort: z.enum(INCIDENT_SORT_FIELDS).default('reportedAt'),
  dir: ZSortDirection.default('desc'),
});
export type TIncidentListQuery = z.input<typeof ZIncidentListQuery>;

export const ZAssetRef = z.object({ id: ZId, name: z.string(), type: z.string(), handlesEphi: z.boolean() });

export const ZIncident = ZIncidentListItem.extend({
  description: z.string(),
  phiDetails: z.string(),
  severity: z.string().nullable(),
  occurredAt: ZIsoInstant.nullable(),
  detectedAt: ZIsoInstant.nullable(),
  awareAt: ZIsoInstant.nullable(),
  assets: z.array(ZAssetRef),
  dataCategories: z.array(z.enum(DATA_CATEGORIES)),
  individualsByState: z.record(z.string(), z.number().int()),
  individualsByCountry: z.record(z.string(), z.number().int()),
  rootCauseCategory: z.enum(ROOT_CAUSE_CATEGORIES).nullable(),
  rootCauseAnalysis: z.string(),
  lessonsLearned: z.string(),
  breachStartDate: ZIsoDate.nullable(),
  breachEndDate: ZIsoDate.nullable(),
  hhsBreachType: z.enum(HHS_BREACH_TYPES).nullable(),
  hhsLocations: z.array(z.enum(HHS_LOCATIONS)),
  phiKinds: z.array(z.enum(PHI_KINDS)),
  safeguardsInPlace: z.string(),
  actionsTaken: z.string(),
  lawEnforcementStatement: z.enum(LAW_ENFORCEMENT_STATEMENTS),
  lawEnforcementStatementAt: ZIsoInstant.nullable(),
  lawEnforcementWrittenUntil: ZIsoInstant.nullable(),
  lawEnforcementOfficial: z.string(),
  /** The end of the 164.412 hold derived from the statement (written: its date; oral: 30 days after it). */
  lawEnforcementHoldUntil: ZIsoInstant.nullable(),
  phiMayBeInvolved: z.boolean(),
  reportedBy: ZPersonRef.nullable(),
  closedAt: ZIsoInstant.nullable(),
  /** closedAt + the retention period; null while open. */
  retainUntil: ZIsoDate.nullable(),
  /** The next statuses this incident may move to. */
  nextStatuses: z.array(z.enum(INCIDENT_STATUSES)),
  createdAt: ZIsoInstant,
});
export type TIncident = z.infer<typeof ZIncident>;

/** POST …/incidents/{id}/transition. Closing needs lessons learned (sent here or already recorded). */
export const ZIncidentTransitionRequest = z
  .object({
    to: z.enum(INCIDENT_STATUSES, { message: `must be one of ${INCIDENT_STATUSES.join(', ')}` }),
    note: incidentText(5_000).default(''),
    lessonsLearned: incidentText(20_000).optional(),
  })
  .strict();
export type TIncidentTransitionRequest = z.input<typeof ZIncidentTransitionRequest>;

// ---- Timeline, communications, actions ----

export const TIMELINE_KINDS = ['action', 'status', 'assessment', 'communication', 'note'] as const;
export const ZTimelineEntry = z.object({
  id: ZId,
  at: ZIsoInstant,
  kind: z.enum(TIMELINE_KINDS),
  /** Encrypted at rest. */
  text: z.string(),
  by: ZPersonRef.nullable(),
  recordedAt: ZIsoInstant,
});
export type TTimelineEntry = z.infer<typeof ZTimelineEntry>;
/** Timeline entries are append-only: a correction is a new entry. */
export const ZCreateTimelineEntryRequest = z.object({ at: ZIsoInstant, text: requiredText(5_000), kind: z.enum(['action', 'note']).default('action') }).strict();
export type TCreateTimelineEntryRequest = z.input<typeof ZCreateTimelineEntryRequest>;

export const ZCommunication = z.object({
  id: ZId,
  recipient: z.enum(COMMUNICATION_RECIPIENTS),
  recipientName: z.string(),
  channel: z.enum(COMMUNICATION_CHANNELS),
  sentAt: ZIsoInstant,
  /** What was said (encrypted at rest). */
  summary: z.string(),
  /** The obligation this communication fulfils (an obligation id of the engine, e.g. hipaa.hhs), if any. */
  obligationId: z.string().nullable(),
  draftId: ZId.nullable(),
  recordedBy: ZPersonRef.nullable(),
  recordedAt: ZIsoInstant,
});
export type TCommunication = z.infer<typeof ZCommunication>;
export const ZObligationId = z.string().regex(/^(hipaa\.(individuals|hhs|hhs_annual_log|ba_to_ce|media\.[A-Z]{2})|gdpr\.(supervisory_authority|processor_to_controller|data_subjects))$/, { message: 'must be an obligation id, e.g. hipaa.hhs or hipaa.media.NY' });
/** Communications are append-only. An obligationId must be one of the incident's required obligations not yet done. */
export const ZCreateCommunicationRequest = z
  .object({
    recipient: z.enum(COMMUNICATION_RECIPIENTS, { message: `must be one of ${COMMUNICATION_RECIPIENTS.join(', ')}` }),
    recipientName: incidentText(300).default(''),
    channel: z.enum(COMMUNICATION_CHANNELS, { message: `must be one of ${COMMUNICATION_CHANNELS.join(', ')}` }),
    sentAt: ZIsoInstant,
    summary: requiredText(20_000),
    obligationId: ZObligationId.nullable().default(null),
  })
  .strict();
export type TCreateCommunicationRequest = z.input<typeof ZCreateCommunicationRequest>;

export const ZIncidentAction = z.object({
  id: ZId,
  title: z.string(),
  owner: ZPersonRef.nullable(),
  dueOn: ZIsoDate.nullable(),
  status: z.enum(ACTION_STATUSES),
  overdue: z.boolean(),
  completedAt: ZIsoInstant.nullable(),
  createdAt: ZIsoInstant,
});
export type TIncidentAction = z.infer<typeof ZIncidentAction>;
export const ZCreateIncidentActionRequest = z
  .object({ title: ZName, ownerUserId: ZId.nullable().default(null), dueOn: ZIsoDate.nullable().default(null), status: z.enum(ACTION_STATUSES).default('todo') })
  .strict();
export type TCreateIncidentActionRequest = z.input<typeof ZCreateIncidentActionRequest>;
export const ZUpdateIncidentActionRequest = z
  .object({ title: ZName, ownerUserId: ZId.nullable(), dueOn: ZIsoDate.nullable(), status: z.enum(ACTION_STATUSES) })
  .strict()
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'must change at least one field' });
export type TUpdateIncidentActionRequest = z.input<typeof ZUpdateIncidentActionRequest>;

// ---- Breach assessment ----

export const ZFactorFinding = z.object({ finding: incidentText(5_000), indicates: z.enum(FACTOR_INDICATIONS).nullable() }).strict();

/** PUT …/incidents/{id}/assessment (incident.assess): the whole assessment, replaced each time (history in the audit trail). */
export const ZBreachAssessmentRequest = z
  .object({
    hipaaRole: z.enum(HIPAA_ROLES, { message: 'must be covered_entity, business_associate or none' }),
    gdprRole: z.enum(GDPR_ROLES, { message: 'must be controller, processor or none' }),
    /** A shorter notice period agreed in the business associate agreement (164.410; 164.504(e)). */
    baNoticeDays: z.number({ message: 'must be a whole number from 1 to 60' }).int({ message: 'must be a whole number from 1 to 60' }).min(1, { message: 'must be a whole number from 1 to 60' }).max(60, { message: 'must be a whole number from 1 to 60' }).nullable().default(null),
    /** HIPAA: was PHI (of which this organization is a covered entity or business associate) involved? */
    phiInvolved: z.boolean(),
    exclusion: z.enum(HIPAA_EXCLUSIONS).default('none'),
    exclusionRationale: incidentText(5_000).default(''),
    safeHarbor: z.enum(SAFE_HARBORS).default('none'),
    safeHarborEvidence: incidentText(5_000).default(''),
    factors: z.object({ nature_extent: ZFactorFinding, unauthorized_person: ZFactorFinding, acquired_viewed: ZFactorFinding, mitigation: ZFactorFinding }).strict().optional(),
    /** The assessor's conclusion from the four factors: a low probability of compromise was demonstrated. */
    lowProbabilityOfCompromise: z.boolean().default(false),
    /** GDPR Art. 4(12). */
    personalDataBreach: z.boolean(),
    gdprRisk: z.enum(GDPR_RISKS, { message: 'must be none, risk or high' }).nullable().default(null),
    gdprRationale: incidentText(5_000).default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    const add = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (v.baNoticeDays !== null && v.hipaaRole !== 'business_associate') add(['baNoticeDays'], 'applies only when hipaaRole is business_associate (164.410)');
    if (v.phiInvolved && v.hipaaRole === 'none') add(['phiInvolved'], 'needs a HIPAA role: covered_entity or business_associate');
    if (!v.phiInvolved && (v.exclusion !== 'none' || v.safeHarbor !== 'none' || v.lowProbabilityOfCompromise)) add(['phiInvolved'], 'is false: exclusion, safe harbor and the four-factor conclusion apply only when PHI is involved');
    if (v.exclusion !== 'none' && v.exclusionRationale.length === 0) add(['exclusionRationale'], 'is required when an exclusion is applied (164.414(b): the burden of proof)');
    if (v.safeHarbor !== 'none' && v.safeHarborEvidence.length === 0) add(['safeHarborEvidence'], 'is required for the safe harbor: how the PHI was secured and that the key was not compromised');
    if (v.lowProbabilityOfCompromise) {
      for (const factor of FOUR_FACTORS) {
        const f = v.factors?.[factor];
        if (!f || f.finding.length === 0) add(['factors', factor, 'finding'], 'is required to conclude a low probability of compromise (164.402(2))');
        else if (f.indicates !== 'low') add(['factors', factor, 'indicates'], 'must point to a low probability to conclude one');
      }
    }
    if (v.personalDataBreach && v.gdprRole === 'none') add(['personalDataBreach'], 'needs a GDPR role: controller or processor');
    if (v.personalDataBreach && v.gdprRisk === null) add(['gdprRisk'], 'is required for a personal data breach: none, risk or high');
    if (!v.personalDataBreach && v.gdprRisk !== null) add(['gdprRisk'], 'applies only to a personal data breach');
    if (v.personalDataBreach && v.gdprRationale.length === 0) add(['gdprRationale'], 'is required: why the breach does or does not result in a risk (Art. 33(5))');
  });
export type TBreachAssessmentRequest = z.input<typeof ZBreachAssessmentRequest>;
export type TBreachAssessmentInput = z.output<typeof ZBreachAssessmentRequest>;

export const ZBreachAssessment = z.object({
  assessed: z.boolean(),
  input: ZBreachAssessmentRequest.nullable(),
  hipaaConclusion: z.enum(HIPAA_CONCLUSIONS),
  gdprConclusion: z.enum(GDPR_CONCLUSIONS),
  assessedBy: ZPersonRef.nullable(),
  assessedAt: ZIsoInstant.nullable(),
});
export type TBreachAssessment = z.infer<typeof ZBreachAssessment>;

// ---- Obligations and clocks ----

export const ZIncidentObligation = ZBreachObligation.extend({
  status: z.enum(OBLIGATION_STATUSES),
  /** The communication that fulfilled it (status done). */
  communication: z.object({ id: ZId, sentAt: ZIsoInstant, recipient: z.enum(COMMUNICATION_RECIPIENTS) }).nullable(),
  /** True when it was done after its due instant. */
  late: z.boolean(),
});
export type TIncidentObligation = z.infer<typeof ZIncidentObligation>;

export const ZIncidentObligations = z.object({
  /** What the engine was given, so the page can show why. */
  basis: z.object({
    timezone: z.string(),
    hipaaRole: z.enum(HIPAA_ROLES),
    gdprRole: z.enum(GDPR_ROLES),
    hipaaBreach: z.boolean(),
    gdprRisk: z.enum(GDPR_RISKS),
    discoveredAt: ZIsoInstant.nullable(),
    awareAt: ZIsoInstant.nullable(),
    individuals: z.number().int(),
    lawEnforcementHoldUntil: ZIsoInstant.nullable(),
  }),
  /** Why there are no clocks yet (e.g. the assessment is missing, or discoveredAt is not set); null when computed. */
  blockedBy: z.array(z.object({ field: z.string(), message: z.string() })),
  obligations: z.array(ZIncidentObligation),
  computedAt: ZIsoInstant,
});
export type TIncidentObligations = z.infer<typeof ZIncidentObligations>;

/** GET …/incident-clocks: every open clock of the organization and, for a group, of its sites. */
export const ZOpenClock = z.object({
  organization: z.object({ id: ZId, name: z.string() }),
  incident: z.object({ id: ZId, ref: z.string(), title: z.string(), severity: z.string().nullable() }),
  obligationId: z.string(),
  rule: z.string(),
  cite: z.string(),
  dueAt: ZIsoInstant.nullable(),
  dueDate: ZIsoDate.nullable(),
  heldUntil: ZIsoInstant.optional(),
  status: z.enum(['pending', 'overdue']),
});
export type TOpenClock = z.infer<typeof ZOpenClock>;
export const ZOpenClockList = z.object({ items: z.array(ZOpenClock), overdue: z.number().int(), dueWithin7Days: z.number().int(), computedAt: ZIsoInstant });
export type TOpenClockList = z.infer<typeof ZOpenClockList>;

// ---- Notification drafts ----

export const ZNotificationDraft = z.object({
  id: ZId,
  kind: z.enum(DRAFT_KINDS),
  state: z.enum(DRAFT_STATES),
  /** For a media notice: the State it is for. */
  stateCode: z.string().nullable(),
  /** Encrypted at rest; filled from the incident, then edited by the privacy officer. */
  body: z.string(),
  createdBy: ZPersonRef.nullable(),
  createdAt: ZIsoInstant,
  reviewedBy: ZPersonRef.nullable(),
  reviewedAt: ZIsoInstant.nullable(),
  communicationId: ZId.nullable(),
  updatedAt: ZIsoInstant,
});
export type TNotificationDraft = z.infer<typeof ZNotificationDraft>;
export const ZCreateDraftRequest = z
  .object({ kind: z.enum(DRAFT_KINDS, { message: `must be one of ${DRAFT_KINDS.join(', ')}` }), stateCode: z.enum(US_JURISDICTIONS).nullable().default(null) })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === 'media_notice' && v.stateCode === null) ctx.addIssue({ code: 'custom', path: ['stateCode'], message: 'is required for a media notice (164.406: per State or jurisdiction)' });
    if (v.kind !== 'media_notice' && v.stateCode !== null) ctx.addIssue({ code: 'custom', path: ['stateCode'], message: 'applies only to a media notice' });
  });
export type TCreateDraftRequest = z.input<typeof ZCreateDraftRequest>;
/** Only a draft in state draft can be edited; editing a reviewed draft is refused (409). */
export const ZUpdateDraftRequest = z.object({ body: requiredText(50_000) }).strict();
/** Marks a reviewed draft sent: records the communication (and fulfils the matching obligation). */
export const ZSendDraftRequest = z
  .object({ sentAt: ZIsoInstant, channel: z.enum(COMMUNICATION_CHANNELS), recipientName: incidentText(300).default('') })
  .strict();
export type TSendDraftRequest = z.input<typeof ZSendDraftRequest>;

// ---- HHS annual log, retention ----

export const ZHhsLogEntry = z.object({
  incident: z.object({ id: ZId, ref: z.string(), title: z.string() }),
  organization: z.object({ id: ZId, name: z.string() }),
  breachStartDate: ZIsoDate.nullable(),
  breachEndDate: ZIsoDate.nullable(),
  discoveryDate: ZIsoDate,
  individuals: z.number().int(),
  breachType: z.enum(HHS_BREACH_TYPES).nullable(),
  locations: z.array(z.enum(HHS_LOCATIONS)),
  phiKinds: z.array(z.enum(PHI_KINDS)),
  safeguardsInPlace: z.string(),
  actionsTaken: z.string(),
  /** Fields the portal needs that are still empty. */
  missing: z.array(z.string()),
  submitted: z.boolean(),
});
export type THhsLogEntry = z.infer<typeof ZHhsLogEntry>;
export const ZHhsLog = z.object({
  year: z.number().int(),
  /** 60 days after 31 December of the year (164.408(c)), end of that day in the organization's zone. */
  dueAt: ZIsoInstant,
  dueDate: ZIsoDate,
  entries: z.array(ZHhsLogEntry),
});
export type THhsLog = z.infer<typeof ZHhsLog>;
export const ZHhsLogQuery = z.object({ year: z.coerce.number().int().min(2009).max(2199) });
export const ZHhsLogExportQuery = ZHhsLogQuery.extend({ format: z.enum(['csv', 'xlsx', 'json']).default('csv') });
/** GET …/incidents/export: the register's filters and sort (never its paging) and the file format. */
export const ZIncidentExportQuery = ZIncidentListQuery.omit({ page: true, pageSize: true }).extend({ format: z.enum(['csv', 'xlsx', 'json']).default('csv') });
export type TIncidentExportQuery = z.input<typeof ZIncidentExportQuery>;

/** POST …/incidents/{id}/dispose: only closed incidents past their retention date. */
export const ZDisposeIncidentRequest = z.object({ confirmRef: z.string().max(32), reason: requiredText(2_000) }).strict();
export const ZDisposalRecord = z.object({ id: ZId, ref: z.string(), closedAt: ZIsoInstant, retainUntil: ZIsoDate, disposedAt: ZIsoInstant, disposedBy: ZPersonRef.nullable(), reason: z.string() });
export type TDisposalRecord = z.infer<typeof ZDisposalRecord>;
