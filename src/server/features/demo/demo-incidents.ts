/**
 * The demo hospital's incident register (ISO/IEC 27001:2022 A.5.24–A.5.28; 45 CFR 164.308(a)(6),
 * 164.400–414; GDPR Arts. 33, 34): three incidents that show the three outcomes of a breach assessment.
 * - A lost, encrypted clinician laptop (about 40 days ago): PHI involved but secured, so the HIPAA safe
 *   harbor applies; a personal data breach unlikely to result in a risk; closed with lessons learned.
 * - A referral fax sent to the wrong clinic (earlier this calendar year): 3 patients, the four factors do
 *   not show a low probability of compromise, so a breach; the letters went out, and only the annual HHS
 *   log (164.408(c)) is still open, with every portal field filled.
 * - Ransomware on the imaging system, reported by a nurse (discovered 2 days ago, aware 30 hours ago):
 *   12,000 patients in two States and some EU residents, a breach and a high risk, so every clock runs
 *   (individuals, HHS, media per State, the supervisory authority's 72 hours, data subjects).
 * Instants are relative to the clock at load time, so the clocks are running whenever the demo starts.
 * Everything goes through the incidents feature's services (audit events, encryption, obligations);
 * those services stamp reporting, status changes and audit events with the real load time (the audit
 * trail is never back-dated), while occurrence, discovery, awareness and the narrative timeline carry the
 * story's instants. The patients are fictional and never named.
 */
import { ZBreachAssessmentRequest, ZCreateCommunicationRequest, ZCreateIncidentActionRequest, ZCreateIncidentRequest, ZIncidentTransitionRequest, ZUpdateIncidentRequest, type IncidentStatus, type TBreachAssessmentRequest } from '../../../shared/contracts/incidents.js';
import { formatCivilDate, HHS_LOG_DAYS_AFTER_YEAR_END, addCalendarDays, localDateOf, startOfLocalDay } from '../../../shared/breach-clock.js';
import { ROLE_PERMISSIONS, type Role } from '../../../shared/permissions.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { addTimelineEntry, createAction, createDraft, createIncident, getSettings, recordCommunication, reportIncident, saveAssessment, saveSettings, transitionIncident, updateIncident } from '../incidents/index.js';

const TIME_ZONE = 'America/New_York';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DemoIncidentPeople {
  actor: (role: Role) => AuditActor;
  userId: (role: Role) => string;
}

export interface DemoIncidentIds {
  laptop: string;
  fax: string;
  ransomware: string;
}

function accessAs(hospital: { id: string; name: string }, role: Role): OrgAccess {
  return { organizationId: hospital.id, organizationName: hospital.name, mfaRequired: false, isDemo: true, timeZone: TIME_ZONE, role, permissions: [...ROLE_PERMISSIONS[role]] };
}

const dateIn = (instantMs: number) => formatCivilDate(localDateOf(instantMs, TIME_ZONE));

/** Forward through the workflow, one step at a time (each step is a status entry on the timeline). */
async function moveThrough(ctx: AppContext, access: OrgAccess, actor: AuditActor, incidentId: string, steps: [IncidentStatus, string, string?][]): Promise<void> {
  for (const [to, note, lessonsLearned] of steps) await transitionIncident(ctx, access, actor, incidentId, ZIncidentTransitionRequest.parse({ to, note, ...(lessonsLearned ? { lessonsLearned } : {}) }));
}

/** Steps taken, at the story's instants (never later than now: a demo loaded on 1 January squeezes the fax's story). */
async function narrate(ctx: AppContext, access: OrgAccess, actor: AuditActor, incidentId: string, entries: [number, string][]): Promise<void> {
  const now = ctx.clock.now().getTime();
  for (const [atMs, text] of entries) await addTimelineEntry(ctx, access, actor, incidentId, { at: new Date(Math.min(atMs, now)).toISOString(), text, kind: 'action' });
}

async function assess(ctx: AppContext, access: OrgAccess, actor: AuditActor, incidentId: string, input: TBreachAssessmentRequest): Promise<void> {
  await saveAssessment(ctx, access, actor, incidentId, ZBreachAssessmentRequest.parse(input));
}

/** A lost laptop that was encrypted: not a breach of unsecured PHI (safe harbor); closed. */
async function lostLaptop(ctx: AppContext, people: DemoIncidentPeople, hospital: { id: string; name: string }, assetIds: Map<string, string>, now: number): Promise<string> {
  const privacy = accessAs(hospital, 'privacy_officer');
  const dpo = people.actor('privacy_officer');
  const lostAt = now - 40 * DAY - 6 * HOUR;
  const noticedAt = lostAt + 14 * HOUR;
  const incident = await createIncident(ctx, privacy, dpo, ZCreateIncidentRequest.parse({
    title: 'Encrypted clinician laptop lost on a commuter train',
    description: 'A hospitalist left a hospital laptop on the evening train and reported it missing the next morning. The laptop is enrolled in device management; full-disk encryption was reported active at its last check-in and the device was shut down (pre-boot PIN required).',
    category: 'lost_stolen_device',
    severity: 'moderate',
    occurredAt: new Date(lostAt).toISOString(),
    detectedAt: new Date(noticedAt).toISOString(),
    discoveredAt: new Date(noticedAt).toISOString(),
    awareAt: new Date(noticedAt).toISOString(),
    assetIds: [assetIds.get('laptops')].filter((id): id is string => id !== undefined),
    dataCategories: ['ephi', 'personal_data'],
    phiDetails: 'Possibly cached discharge letters of one ward (identifiers and diagnoses); no exports found in the device inventory.',
    handlerUserId: people.userId('privacy_officer'),
    rootCauseCategory: 'human_error',
    rootCauseAnalysis: 'Device left behind while commuting. Encryption and device management worked as designed; the only gap was that the loss was reported the next morning rather than at once.',
  }));
  await narrate(ctx, privacy, dpo, incident.id, [
    [noticedAt, 'Loss reported to the service desk; user confirms the laptop was shut down, not asleep.'],
    [noticedAt + 1 * HOUR, 'Device management: BitLocker status "protected" at the last check-in; remote lock and wipe queued.'],
    [noticedAt + 3 * HOUR, 'Recovery key confirmed held in the directory only; the user\'s password reset and sessions revoked.'],
    [noticedAt + 6 * HOUR, 'Loss reported to the transit police lost-property office.'],
  ]);
  await assess(ctx, privacy, dpo, incident.id, {
    hipaaRole: 'covered_entity', gdprRole: 'controller', phiInvolved: true,
    safeHarbor: 'encryption',
    safeHarborEvidence: 'BitLocker XTS-AES 256, FIPS 140-2 validated module, recovery key in AD, not on the device',
    personalDataBreach: true, gdprRisk: 'none',
    gdprRationale: 'State-of-the-art encryption with the key kept apart from the device, and the data still held in the EHR: unlikely to result in a risk to the rights and freedoms of the patients (Art. 33(1)); documented here per Art. 33(5).',
  });
  await createAction(ctx, privacy, dpo, incident.id, ZCreateIncidentActionRequest.parse({ title: 'Issue a replacement laptop from the loan pool', ownerUserId: people.userId('isms_manager'), dueOn: dateIn(noticedAt + 2 * DAY), status: 'done' }));
  await createAction(ctx, privacy, dpo, incident.id, ZCreateIncidentActionRequest.parse({ title: 'Add "report a lost device at once, day or night" to the awareness training', ownerUserId: people.userId('privacy_officer'), dueOn: dateIn(now - 10 * DAY), status: 'done' }));
  await moveThrough(ctx, privacy, dpo, incident.id, [
    ['triage', 'Safe harbor check started.'],
    ['contained', 'Device locked remotely; credentials reset.'],
    ['closed', 'No notification due: PHI secured per the HHS guidance.', 'Encryption and device management turned a lost laptop into a non-event. Staff should report a loss at once, including out of hours: the service desk number is now on every laptop sticker.'],
  ]);
  return incident.id;
}

/** Discovery earlier this calendar year (in the hospital's zone), far enough back for the letters to have gone out. */
function faxDiscovery(now: number): number {
  const yearStart = startOfLocalDay({ year: localDateOf(now, TIME_ZONE).year, month: 1, day: 1 }, TIME_ZONE);
  const sinceYearStart = now - yearStart;
  return sinceYearStart > 80 * DAY ? now - 75 * DAY : yearStart + Math.floor(sinceYearStart / 4);
}

/** A misdirected fax: a breach of 3 patients' PHI; notices sent, only the annual HHS log remains. */
async function misdirectedFax(ctx: AppContext, people: DemoIncidentPeople, hospital: { id: string; name: string }, now: number): Promise<string> {
  const privacy = accessAs(hospital, 'privacy_officer');
  const dpo = people.actor('privacy_officer');
  const discoveredAt = faxDiscovery(now);
  const sentAt = discoveredAt - Math.min(3 * HOUR, Math.floor((discoveredAt - startOfLocalDay(localDateOf(discoveredAt, TIME_ZONE), TIME_ZONE)) / 2));
  const lettersAt = discoveredAt + Math.min(9 * DAY, Math.floor((now - discoveredAt) / 2));
  const incident = await createIncident(ctx, privacy, dpo, ZCreateIncidentRequest.parse({
    title: 'Referral fax sent to the wrong clinic',
    description: 'A referral fax to the orthopaedic practice went to another clinic after a mistyped speed-dial entry. The receiving clinic\'s office manager called the same afternoon; she said the pages were set aside but could not confirm that they were destroyed.',
    category: 'misdirected_phi',
    severity: 'moderate',
    occurredAt: new Date(sentAt).toISOString(),
    detectedAt: new Date(discoveredAt).toISOString(),
    discoveredAt: new Date(discoveredAt).toISOString(),
    awareAt: new Date(discoveredAt).toISOString(),
    dataCategories: ['ephi', 'personal_data'],
    phiDetails: 'Referral forms of 3 patients: names, dates of birth, insurance member numbers and referral diagnoses.',
    individualsTotal: 3,
    individualsByState: { NY: 3 },
    handlerUserId: people.userId('privacy_officer'),
    rootCauseCategory: 'process_gap',
    rootCauseAnalysis: 'Speed-dial numbers were kept by hand on the fax machine and never checked against the referral directory.',
    breachStartDate: dateIn(sentAt),
    breachEndDate: dateIn(discoveredAt),
    hhsBreachType: 'unauthorized_access_disclosure',
    hhsLocations: ['paper_films'],
    phiKinds: ['demographic', 'financial', 'clinical'],
    safeguardsInPlace: 'Fax cover sheet with a confidentiality notice; privacy training for front-desk staff; referral directory.',
    actionsTaken: 'Recipient asked in writing to destroy the pages; speed-dial entries checked against the directory; referrals to this practice moved to the e-referral service; staff retrained.',
  }));
  await narrate(ctx, privacy, dpo, incident.id, [
    [discoveredAt, 'The receiving clinic calls: three referral forms arrived that were not meant for them.'],
    [discoveredAt + 2 * HOUR, 'Written request to the clinic to destroy the pages and confirm; no confirmation received.'],
    [discoveredAt + 1 * DAY, 'Speed-dial entries compared with the referral directory: two more wrong numbers corrected.'],
  ]);
  await assess(ctx, privacy, dpo, incident.id, {
    hipaaRole: 'covered_entity', gdprRole: 'none', phiInvolved: true,
    factors: {
      nature_extent: { finding: 'Direct identifiers with insurance numbers and diagnoses: re-identification is certain.', indicates: 'not_low' },
      unauthorized_person: { finding: 'A healthcare provider, itself bound by HIPAA.', indicates: 'low' },
      acquired_viewed: { finding: 'The office manager read the pages to identify the sender.', indicates: 'not_low' },
      mitigation: { finding: 'The clinic could not confirm that the pages were destroyed.', indicates: 'not_low' },
    },
    lowProbabilityOfCompromise: false,
    personalDataBreach: false,
    gdprRationale: 'The three patients live in New York; no data of residents of the EU/EEA were involved.',
  });
  await recordCommunication(ctx, privacy, dpo, incident.id, ZCreateCommunicationRequest.parse({
    recipient: 'individuals', channel: 'letter', sentAt: new Date(lettersAt).toISOString(), obligationId: 'hipaa.individuals',
    summary: 'First-class letters to the 3 patients (164.404(c)): what happened, the information involved, steps they can take, what the hospital is doing, and the toll-free contact number.',
  }));
  const year = localDateOf(discoveredAt, TIME_ZONE).year;
  await createAction(ctx, privacy, dpo, incident.id, ZCreateIncidentActionRequest.parse({ title: 'Move referrals to the orthopaedic practice to the e-referral service', ownerUserId: people.userId('control_owner'), dueOn: dateIn(discoveredAt + 14 * DAY), status: 'done' }));
  await createAction(ctx, privacy, dpo, incident.id, ZCreateIncidentActionRequest.parse({ title: `Submit the ${year} small-breach log to HHS`, ownerUserId: people.userId('privacy_officer'), dueOn: formatCivilDate(addCalendarDays({ year, month: 12, day: 31 }, HHS_LOG_DAYS_AFTER_YEAR_END)), status: 'todo' }));
  await moveThrough(ctx, privacy, dpo, incident.id, [
    ['triage', 'Four-factor assessment started.'],
    ['contained', 'Recipient asked to destroy the pages.'],
    ['recovered', 'Letters sent; the breach goes into the annual HHS log.'],
  ]);
  return incident.id;
}

/** Ransomware on the imaging system: reported by a nurse; a breach with a high risk, every clock running. */
async function pacsRansomware(ctx: AppContext, people: DemoIncidentPeople, hospital: { id: string; name: string }, assetIds: Map<string, string>, now: number): Promise<string> {
  const ciso = people.actor('isms_manager');
  const handler = accessAs(hospital, 'isms_manager');
  const privacy = accessAs(hospital, 'privacy_officer');
  const dpo = people.actor('privacy_officer');
  const discoveredAt = now - 2 * DAY;
  const awareAt = now - 30 * HOUR;
  const pacs = assetIds.get('pacs');
  const reported = await reportIncident(ctx, accessAs(hospital, 'staff'), people.actor('staff'), {
    title: 'Images do not load, ransom note on the PACS workstations',
    description: 'In the radiology reading room the images stopped loading and a text file asking for payment opened on two workstations. I called the service desk.',
    category: 'malware',
    occurredAt: new Date(discoveredAt - 20 * 60_000).toISOString(),
    assetIds: pacs ? [pacs] : [],
    phiMayBeInvolved: true,
  });
  const id = reported.id;
  await updateIncident(ctx, handler, ciso, id, ZUpdateIncidentRequest.parse({
    title: 'Ransomware on the imaging system (PACS)',
    severity: 'critical',
    occurredAt: new Date(discoveredAt - 9 * HOUR).toISOString(),
    detectedAt: new Date(discoveredAt - 20 * 60_000).toISOString(),
    discoveredAt: new Date(discoveredAt).toISOString(),
    awareAt: new Date(awareAt).toISOString(),
    assetIds: [pacs, assetIds.get('backup')].filter((a): a is string => a !== undefined),
    dataCategories: ['ephi', 'personal_data'],
    phiDetails: 'Imaging archive and worklist: names, dates of birth, record numbers, study descriptions and reports of about 12,000 patients.',
    individualsTotal: 12_000,
    individualsByState: { NY: 9_200, NJ: 2_650 },
    individualsByCountry: { DE: 38, FR: 12 },
    handlerUserId: people.userId('isms_manager'),
    rootCauseCategory: 'external_attack',
    rootCauseAnalysis: 'Preliminary: entry through the imaging vendor\'s remote-support account, which had no MFA; the archive was copied out before encryption.',
    breachStartDate: dateIn(discoveredAt - 9 * HOUR),
    hhsBreachType: 'hacking_it_incident',
    hhsLocations: ['network_server'],
    phiKinds: ['demographic', 'clinical'],
    safeguardsInPlace: 'Encrypted storage, MFA for staff remote access, nightly backups.',
  }));
  await narrate(ctx, handler, ciso, id, [
    [discoveredAt - 20 * 60_000, 'Radiographer finds a ransom note on two reading workstations and calls the service desk.'],
    [discoveredAt, 'Service desk escalates to the ISMS manager: ransomware confirmed on the PACS servers.'],
    [discoveredAt + 1 * HOUR, 'PACS servers disconnected; imaging diverted to the film fallback and the partner hospital.'],
    [discoveredAt + 5 * HOUR, 'Incident response firm engaged under the cyber insurance policy.'],
    [awareAt, 'Forensics: firewall logs show the imaging archive was copied out, including studies of patients living in Germany and France.'],
    [awareAt + 2 * HOUR, 'FBI field office informed; no request to delay notification.'],
  ]);
  await moveThrough(ctx, handler, ciso, id, [
    ['triage', 'Critical: clinical imaging unavailable.'],
    ['contained', 'Attacker access removed: vendor account disabled, PACS network isolated.'],
  ]);
  await assess(ctx, privacy, dpo, id, {
    hipaaRole: 'covered_entity', gdprRole: 'controller', phiInvolved: true,
    factors: {
      nature_extent: { finding: 'Identifiers with imaging reports: sensitive clinical information, re-identification certain.', indicates: 'not_low' },
      unauthorized_person: { finding: 'A criminal group that publishes stolen data.', indicates: 'not_low' },
      acquired_viewed: { finding: 'Exfiltration confirmed from firewall logs.', indicates: 'not_low' },
      mitigation: { finding: 'No assurance that the copy will be deleted.', indicates: 'not_low' },
    },
    personalDataBreach: true, gdprRisk: 'high',
    gdprRationale: 'Health data of EU residents taken by a criminal group: likely to result in a high risk (Arts. 33 and 34).',
  });
  await createDraft(ctx, privacy, dpo, id, { kind: 'gdpr_sa_checklist' });
  const dueIn = (days: number) => dateIn(now + days * DAY);
  const actions: [string, Role, number, 'todo' | 'in_progress' | 'done'][] = [
    ['Disable the vendor remote-support account and require MFA for every vendor', 'isms_manager', -1, 'done'],
    ['Restore PACS from the immutable backup and verify study integrity', 'isms_manager', 3, 'in_progress'],
    ['Send the Art. 33 notification to the supervisory authority', 'privacy_officer', 1, 'in_progress'],
    ['Engage the mailing vendor for the individual notices', 'privacy_officer', 14, 'todo'],
    ['Forensic report from the incident response firm', 'isms_manager', 21, 'todo'],
  ];
  for (const [title, owner, due, status] of actions) await createAction(ctx, handler, ciso, id, ZCreateIncidentActionRequest.parse({ title, ownerUserId: people.userId(owner), dueOn: dueIn(due), status }));
  return id;
}

/** Settings (a covered entity that is also a GDPR controller: it treats EU residents) and the three incidents. */
export async function loadDemoIncidents(ctx: AppContext, people: DemoIncidentPeople, hospital: { id: string; name: string }, assetIds: Map<string, string>): Promise<DemoIncidentIds> {
  const privacy = accessAs(hospital, 'privacy_officer');
  const settings = await getSettings(ctx, privacy);
  await saveSettings(ctx, privacy, people.actor('privacy_officer'), { ...settings, hipaaRole: 'covered_entity', gdprRole: 'controller', retentionYears: 6 });
  const now = ctx.clock.now().getTime();
  const laptop = await lostLaptop(ctx, people, hospital, assetIds, now);
  const fax = await misdirectedFax(ctx, people, hospital, now);
  const ransomware = await pacsRansomware(ctx, people, hospital, assetIds, now);
  return { laptop, fax, ransomware };
}
