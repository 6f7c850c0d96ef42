/**
 * The demo hospital's risk register (ISO/IEC 27001:2022 6.1.2 assessment, 6.1.3 treatment and the risk
 * owners' acceptance, 8.2 reviews; 45 CFR 164.308(a)(1)(ii)(A)–(B)): about 25 scenarios a 400-bed
 * hospital would record first, each with a catalogue threat and vulnerabilities, its assets, an owner
 * from the demo people, inherent, current and residual assessments (patient safety rated where care is
 * at stake), a treatment with its rationale, the starter-library controls that treat it, tasks (some
 * overdue, some done, with costs), a few acceptances by the roles the method allows (top management for
 * a High risk, with the clinical safety officer's sign-off), and reviews (one risk overdue for review).
 * Everything goes through the risks feature's services, so every record has its audit event.
 */
import { ZControlListQuery } from '../../../shared/contracts/controls.js';
import { ZCreateAcceptanceRequest, ZCreateRiskRequest, ZCreateRiskTaskRequest, type RiskCategory, type TaskStatus, type TreatmentOption } from '../../../shared/contracts/risks.js';
import type { ImpactDimension } from '../../../shared/contracts/risk-method.js';
import { addCalendarMonths } from '../../../shared/risk-method.js';
import { ROLE_PERMISSIONS, type Role } from '../../../shared/permissions.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { listControls } from '../controls/index.js';
import { createAcceptance, createReview, createRisk, createTask, linkControls, organizationToday } from '../risks/index.js';

/** Likelihood, then impacts: c confidentiality, i integrity, a availability, p patient safety. */
type Rating = [number, Partial<Record<'c' | 'i' | 'a' | 'p', number>>];
type Owner = Extract<Role, 'top_management' | 'isms_manager' | 'risk_owner' | 'control_owner' | 'privacy_officer' | 'clinical_safety_officer'>;
/** Title, owner, due in days from today (negative: past), status, one-off and yearly cost. */
type DemoTask = [string, Owner | null, number, TaskStatus, number?, number?];

interface DemoRisk {
  title: string;
  description: string;
  category: RiskCategory;
  threat: string | null;
  sources: string[];
  vulnerabilities: string[];
  assets: string[];
  owner: Owner;
  option: TreatmentOption;
  rationale: string;
  inherent: Rating;
  current: Rating;
  residual: Rating | null;
  controls: string[];
  tasks: DemoTask[];
  status?: 'closed';
}

const DIMENSION: Record<'c' | 'i' | 'a' | 'p', ImpactDimension> = { c: 'confidentiality', i: 'integrity', a: 'availability', p: 'patient_safety' };

const RISKS: DemoRisk[] = [
  {
    title: 'Ransomware encrypts the EHR and its database cluster',
    description: 'A criminal group enters through a phished account or an unpatched server, spreads across the flat server network and encrypts the EHR, its database cluster and reachable backups. Wards fall back to paper; ambulances may be diverted.',
    category: 'cyber', threat: 'hicp.ransomware.encryption-extortion', sources: ['source.adversarial.criminal-group'],
    vulnerabilities: ['vuln.backups-not-isolated', 'vuln.flat-network', 'vuln.no-edr', 'vuln.unpatched-systems'], assets: ['ehr', 'ehrdb', 'backup', 'ad'], owner: 'isms_manager',
    option: 'mitigate', rationale: 'Unacceptable for patient safety: detect early (EDR), contain (segmentation) and recover within the EHR RTO of 4 hours from an immutable copy.',
    inherent: [5, { c: 4, i: 4, a: 5, p: 4 }], current: [4, { c: 4, i: 3, a: 5, p: 4 }], residual: [2, { c: 3, i: 3, a: 4, p: 3 }],
    controls: ['HC-18', 'HC-23', 'HC-50', 'HC-51', 'HC-54', 'HC-56'],
    tasks: [['Deploy EDR to every server and workstation', 'isms_manager', 45, 'in_progress', 85000, 32000], ['Immutable offline copy of the EHR backups', 'isms_manager', -20, 'todo', 40000, 6000], ['Ransomware tabletop exercise with the clinical leads', 'clinical_safety_officer', -60, 'done']],
  },
  {
    title: 'Phishing of clinicians leads to EHR account takeover',
    description: 'Clinicians receive convincing credential-phishing e-mails (fake shift rotas, payroll notices). A captured password gives an attacker remote EHR access and a foothold for further attacks.',
    category: 'cyber', threat: 'hicp.social-engineering.credential-phishing', sources: ['source.adversarial.criminal-group', 'source.adversarial.outsider'],
    vulnerabilities: ['vuln.phishing-susceptible-staff', 'vuln.email-filtering-weak'], assets: ['email', 'ehr'], owner: 'isms_manager',
    option: 'mitigate', rationale: 'Phishing cannot be eliminated; awareness and phishing-resistant MFA bring the remaining risk to Medium, which the ISMS manager accepts.',
    inherent: [5, { c: 4, i: 3, a: 2 }], current: [4, { c: 3, i: 2, a: 2 }], residual: [3, { c: 3, i: 2 }],
    controls: ['HC-13', 'HC-33', 'HC-36', 'HC-47'],
    tasks: [['Monthly phishing simulation for clinical staff', 'isms_manager', 30, 'in_progress', 0, 9500], ['Number-matching MFA for remote EHR access', 'isms_manager', -10, 'todo', 15000]],
  },
  {
    title: 'Lost unencrypted laptop with patient lists',
    description: 'Laptops from the loan pool were issued without disk encryption. A laptop left on a train with exported ward lists would be a reportable breach of ePHI.',
    category: 'privacy', threat: 'hicp.loss-theft.laptop-tablet', sources: ['source.accidental.user', 'source.adversarial.outsider'],
    vulnerabilities: ['vuln.portable-device-unencrypted', 'vuln.mobile-without-mdm'], assets: ['laptops'], owner: 'privacy_officer',
    option: 'mitigate', rationale: 'Encryption makes a lost device a non-event under the HIPAA safe harbor; MDM lets us wipe it.',
    inherent: [4, { c: 4 }], current: [3, { c: 4 }], residual: [2, { c: 2 }],
    controls: ['HC-42', 'HC-44', 'HC-57'],
    tasks: [['Encrypt or retire the 14 loan-pool laptops', 'isms_manager', -30, 'done', 4200], ['Quarterly check of BitLocker status in the MDM report', 'privacy_officer', 60, 'todo']],
  },
  {
    title: 'Unpatched infusion pumps reachable from the clinical network',
    description: 'The FM-700 pump fleet runs firmware with published vulnerabilities, and VLAN 40 is reachable from ward workstations. Tampering with the drug library or pump settings could harm patients.',
    category: 'clinical', threat: 'hicp.medical-devices.therapy-tampering', sources: ['source.adversarial.outsider', 'source.adversarial.criminal-group'],
    vulnerabilities: ['vuln.default-credentials', 'vuln.flat-network', 'vuln.unpatched-systems'], assets: ['pumps', 'pharmacy'], owner: 'control_owner',
    option: 'mitigate', rationale: 'Patch the fleet with the manufacturer and allow VLAN 40 to talk only to the drug library server.',
    inherent: [3, { c: 2, i: 4, a: 4, p: 5 }], current: [3, { i: 4, a: 3, p: 4 }], residual: [2, { i: 3, a: 3, p: 3 }],
    controls: ['HC-15', 'HC-51', 'HC-56'],
    tasks: [['Apply FlowMed FM-700 firmware 4.2 to the fleet', 'control_owner', -15, 'in_progress'], ['Restrict VLAN 40 to the drug library server', 'isms_manager', 20, 'todo', 6000]],
  },
  {
    title: 'Staff look up patient records without a need to know',
    description: 'Staff browse the records of colleagues, neighbours or public figures. EHR access is broad by design for emergencies, and access logs are not reviewed systematically.',
    category: 'privacy', threat: 'hicp.insider.snooping', sources: ['source.adversarial.insider'],
    vulnerabilities: ['vuln.excessive-privileges', 'vuln.no-access-log-review'], assets: ['ehr', 'records'], owner: 'privacy_officer',
    option: 'mitigate', rationale: 'Keep broad access for care, but monitor it: automated alerts and visible sanctions deter snooping.',
    inherent: [4, { c: 3 }], current: [4, { c: 3 }], residual: [3, { c: 3 }],
    controls: ['HC-11', 'HC-12', 'HC-32', 'HC-55'],
    tasks: [['Automated privacy monitoring of EHR access (VIP and same-surname alerts)', 'privacy_officer', 90, 'in_progress', 30000, 12000]],
  },
  {
    title: 'Breach at the billing clearinghouse (business associate)',
    description: 'ClaimBridge processes every claim with diagnoses and insurance details. Ransomware or a data theft at the clearinghouse would expose our patients and stop cash flow for weeks.',
    category: 'supplier', threat: 'hicp.ransomware.supplier-attack', sources: ['source.adversarial.trusted-partner', 'source.adversarial.criminal-group'],
    vulnerabilities: ['vuln.supplier-dependency-unassessed'], assets: ['clearinghouse'], owner: 'top_management',
    option: 'transfer', rationale: 'We cannot control the supplier\'s security: the BAA indemnity and the cyber insurance rider carry the financial loss; an alternate clearinghouse is contracted for continuity.',
    inherent: [3, { c: 4, a: 3 }], current: [3, { c: 4, a: 3 }], residual: [2, { c: 3, a: 3 }],
    controls: ['HC-14', 'HC-16'],
    tasks: [['Annual security questionnaire and SOC 2 review of ClaimBridge', 'privacy_officer', -40, 'done'], ['Cyber insurance rider covering business associate breaches', 'top_management', -100, 'done', 0, 18000]],
  },
  {
    title: 'Unsupported MRI scanner on a flat network',
    description: 'The Radiology 1 MRI scanner is past the vendor\'s end of support (2023), cannot be patched and sends DICOM in clear text. A compromise could stop imaging or alter studies.',
    category: 'clinical', threat: 'hicp.medical-devices.legacy-exploitation', sources: ['source.adversarial.criminal-group', 'source.adversarial.outsider'],
    vulnerabilities: ['vuln.flat-network', 'vuln.medical-device-no-security-info', 'vuln.medical-device-unsupported'], assets: ['mri', 'pacs'], owner: 'risk_owner',
    option: 'accept', rationale: 'Replacement is budgeted for 2027. Until then the scanner sits on a dedicated imaging VLAN that only the PACS gateway can reach; top management accepts the remaining High risk with the clinical safety officer\'s sign-off.',
    inherent: [4, { c: 3, i: 3, a: 3, p: 3 }], current: [3, { c: 3, i: 3, a: 4, p: 3 }], residual: [3, { a: 4, p: 3 }],
    controls: ['HC-15', 'HC-56'],
    tasks: [['Replace the MRI scanner (capital plan 2027)', 'top_management', 400, 'todo', 1800000, 95000], ['Dedicated imaging VLAN with an ACL to the PACS gateway', 'isms_manager', -120, 'done', 8000]],
  },
  {
    title: 'Power outage in the server room',
    description: 'The main campus data centre depends on one UPS string and a generator tested only yearly. A long outage would take down the EHR database cluster and clinical systems.',
    category: 'physical', threat: null, sources: ['source.environmental.utility-outage', 'source.structural.environmental-controls-failure'],
    vulnerabilities: ['vuln.environmental-controls-inadequate', 'vuln.single-point-of-failure'], assets: ['dc', 'ehrdb'], owner: 'isms_manager',
    option: 'mitigate', rationale: 'Renew the UPS batteries and test the generator under load every quarter; the downtime procedures cover the remainder.',
    inherent: [3, { a: 5, p: 4 }], current: [2, { a: 4, p: 3 }], residual: [2, { a: 3, p: 2 }],
    controls: ['HC-22', 'HC-23', 'HC-39'],
    tasks: [['Replace the UPS batteries in Building C', 'isms_manager', -5, 'todo', 22000], ['Quarterly generator load test', null, -35, 'done', 0, 4800]],
  },
  {
    title: 'PACS web viewer exposed to the internet',
    description: 'The PACS web viewer was published for referring physicians without a VPN. Internet scanners find it within hours; a vulnerability or a weak password would expose imaging.',
    category: 'cyber', threat: 'hicp.ransomware.remote-access-entry', sources: ['source.adversarial.criminal-group', 'source.adversarial.outsider'],
    vulnerabilities: ['vuln.exposed-remote-services', 'vuln.no-mfa-remote-access'], assets: ['pacs'], owner: 'risk_owner',
    option: 'mitigate', rationale: 'The viewer now sits behind the VPN gateway with MFA; the owner accepts the Low remaining risk.',
    inherent: [4, { c: 3, a: 3, p: 3 }], current: [2, { c: 3, a: 3, p: 2 }], residual: [1, { c: 3, a: 3, p: 2 }],
    controls: ['HC-47', 'HC-56'],
    tasks: [['Move the PACS web viewer behind the VPN gateway', 'risk_owner', -25, 'done', 3500]],
  },
  {
    title: 'Dictation sent to a cloud service without a BAA',
    description: 'Physicians upload dictation audio to ScribeCloud, a transcription service with no business associate agreement on record: an impermissible disclosure under HIPAA.',
    category: 'supplier', threat: 'hicp.ransomware.supplier-attack', sources: ['source.adversarial.trusted-partner'],
    vulnerabilities: ['vuln.missing-baa', 'vuln.supplier-dependency-unassessed'], assets: ['transcription', 'ehr'], owner: 'privacy_officer',
    option: 'mitigate', rationale: 'Sign the BAA (or move to a vendor that signs one); until then, no psychiatry dictation is uploaded.',
    inherent: [3, { c: 4 }], current: [3, { c: 4 }], residual: [1, { c: 4 }],
    controls: ['HC-14'],
    tasks: [['Sign the BAA with ScribeCloud or switch vendor', 'privacy_officer', -7, 'in_progress'], ['Pause uploads of psychiatry dictation', 'privacy_officer', -21, 'done']],
  },
  {
    title: 'Shared workstation logins in the Emergency Department',
    description: 'ED workstations stay logged in under one account per shift to save time. Record access cannot be attributed, and anyone passing can read or change charts.',
    category: 'privacy', threat: 'hicp.insider.snooping', sources: ['source.adversarial.insider', 'source.accidental.user'],
    vulnerabilities: ['vuln.shared-workstation-logins'], assets: ['nursepcs', 'ehr'], owner: 'clinical_safety_officer',
    option: 'mitigate', rationale: 'Tap-and-go badge login keeps the ED fast and makes every action attributable.',
    inherent: [5, { c: 3, i: 3, p: 2 }], current: [4, { c: 3, i: 3, p: 2 }], residual: [2, { c: 2, i: 2 }],
    controls: ['HC-40', 'HC-47', 'HC-48'],
    tasks: [['Tap-and-go badge login on ED workstations', 'isms_manager', 75, 'todo', 48000, 7000]],
  },
  {
    title: 'PACS backups never restored in a test',
    description: 'Imaging is backed up nightly, but a full restore of the PACS archive has never been tested. We do not know whether, or how fast, imaging could be recovered.',
    category: 'operational', threat: 'hicp.ransomware.encryption-extortion', sources: ['source.structural.software-failure', 'source.adversarial.criminal-group'],
    vulnerabilities: ['vuln.untested-backups'], assets: ['backup', 'pacs'], owner: 'risk_owner',
    option: 'mitigate', rationale: 'A yearly full restore to the DR site proves the backups and measures the real recovery time.',
    inherent: [3, { i: 3, a: 4, p: 3 }], current: [3, { a: 4 }], residual: [2, { a: 3 }],
    controls: ['HC-24', 'HC-54'],
    tasks: [['Full PACS restore test to the DR site', 'isms_manager', 14, 'todo']],
  },
  {
    title: 'Patient portal accounts without multi-factor authentication',
    description: 'Patients sign in to the portal with a password only. Credential stuffing with passwords leaked elsewhere exposes results and letters.',
    category: 'cyber', threat: 'hicp.social-engineering.credential-phishing', sources: ['source.adversarial.outsider'],
    vulnerabilities: ['vuln.mfa-missing-applications', 'vuln.weak-or-reused-passwords'], assets: ['portal'], owner: 'isms_manager',
    option: 'mitigate', rationale: 'Offer app-based MFA and rate-limit sign-in; most portal users are expected to enrol within a year.',
    inherent: [4, { c: 3 }], current: [4, { c: 3 }], residual: [2, { c: 3 }],
    controls: ['HC-47'],
    tasks: [['Offer app-based MFA on the patient portal', 'isms_manager', 60, 'in_progress', 25000, 4000]],
  },
  {
    title: 'Clinicians\' personal phones hold ePHI outside MDM',
    description: 'Clinicians photograph wounds and message colleagues about patients from personal phones that are not enrolled in MDM; passcodes are not enforced.',
    category: 'privacy', threat: 'hicp.loss-theft.smartphone', sources: ['source.accidental.user', 'source.adversarial.outsider'],
    vulnerabilities: ['vuln.byod-unmanaged', 'vuln.mobile-without-mdm'], assets: ['phones'], owner: 'privacy_officer',
    option: 'mitigate', rationale: 'App protection policies keep ePHI in managed apps and let us wipe it, without taking over personal phones.',
    inherent: [4, { c: 3 }], current: [4, { c: 3 }], residual: [2, { c: 2 }],
    controls: ['HC-44'],
    tasks: [['Enrol clinicians\' phones in MDM with app protection policies', 'isms_manager', -30, 'in_progress', 12000, 9000]],
  },
  {
    title: 'Radiology reports sent to the wrong referrer',
    description: 'Reports are occasionally addressed to a referrer with a similar name. Each case discloses one patient\'s report to another clinician.',
    category: 'privacy', threat: 'hicp.insider.misdirected-disclosure', sources: ['source.accidental.user'],
    vulnerabilities: ['vuln.misdirected-communication'], assets: ['pacs', 'email'], owner: 'risk_owner',
    option: 'accept', rationale: 'The recipient is always a clinician bound by confidentiality and the volume is small; the Head of Radiology accepts the Low risk.',
    inherent: [3, { c: 2 }], current: [2, { c: 2 }], residual: null,
    controls: ['HC-10'],
    tasks: [],
  },
  {
    title: 'Misuse of privileged IT accounts',
    description: 'Domain and database administrators use their privileged accounts for everyday work, and their actions on the EHR database are not logged centrally.',
    category: 'cyber', threat: 'hicp.insider.privileged-misuse', sources: ['source.adversarial.privileged-insider'],
    vulnerabilities: ['vuln.admin-accounts-for-daily-use', 'vuln.excessive-privileges', 'vuln.insufficient-logging'], assets: ['ad', 'ehrdb'], owner: 'isms_manager',
    option: 'mitigate', rationale: 'Just-in-time administration from privileged access workstations, with every session logged.',
    inherent: [2, { c: 4, i: 4, a: 4 }], current: [2, { c: 4, i: 4, a: 3 }], residual: [1, { c: 4, i: 4 }],
    controls: ['HC-45', 'HC-55'],
    tasks: [['Privileged access workstations and just-in-time admin rights', 'isms_manager', 120, 'todo', 35000, 10000]],
  },
  {
    title: 'Manufacturer\'s remote access to ICU patient monitors',
    description: 'VitalSense support connects to the ICU monitoring network through an always-on remote access tool with a shared password.',
    category: 'clinical', threat: 'hicp.medical-devices.vendor-access-compromise', sources: ['source.adversarial.trusted-partner'],
    vulnerabilities: ['vuln.default-credentials', 'vuln.vendor-remote-access-uncontrolled'], assets: ['monitors'], owner: 'control_owner',
    option: 'mitigate', rationale: 'Vendor sessions only on request, through the recording gateway with named accounts and MFA.',
    inherent: [3, { i: 4, a: 4, p: 4 }], current: [2, { i: 4, a: 3, p: 4 }], residual: [1, { i: 3, p: 3 }],
    controls: ['HC-15', 'HC-45'],
    tasks: [['Vendor access only through the session-recording gateway', 'isms_manager', -50, 'done', 15000, 3000]],
  },
  {
    title: 'Laboratory results filed to the wrong patient by the interface',
    description: 'A mapping error in the LIS-to-EHR interface could file results to the wrong chart, and clinicians would act on them.',
    category: 'clinical', threat: 'hicp.insider.configuration-error', sources: ['source.structural.software-failure', 'source.accidental.privileged-user'],
    vulnerabilities: ['vuln.insufficient-logging'], assets: ['lis', 'ehr'], owner: 'clinical_safety_officer',
    option: 'mitigate', rationale: 'Change control on interface mappings and a daily reconciliation of results between the LIS and the EHR.',
    inherent: [2, { i: 5, p: 5 }], current: [2, { i: 4, p: 4 }], residual: [1, { i: 4, p: 4 }],
    controls: ['HC-58', 'HC-61'],
    tasks: [['Daily reconciliation report of LIS and EHR results', 'clinical_safety_officer', -14, 'done']],
  },
  {
    title: 'EHR downtime without workable downtime procedures',
    description: 'When the EHR is down, wards need current medication lists and results. Downtime packs are out of date on several wards.',
    category: 'operational', threat: null, sources: ['source.structural.software-failure', 'source.structural.equipment-failure'],
    vulnerabilities: ['vuln.no-incident-response-plan'], assets: ['ehr'], owner: 'clinical_safety_officer',
    option: 'mitigate', rationale: 'Printable downtime reports every four hours and a drill per ward each year keep care safe during an outage.',
    inherent: [3, { a: 4, p: 4 }], current: [3, { a: 3, p: 3 }], residual: [2, { a: 3, p: 3 }],
    controls: ['HC-22', 'HC-24'],
    tasks: [['Downtime drill on wards 3 and 7', 'clinical_safety_officer', 30, 'todo'], ['Print-ready downtime medication reports every 4 hours', 'isms_manager', -45, 'done', 2500]],
  },
  {
    title: 'Accounts of leavers remain active',
    description: 'Accounts are disabled when the manager remembers to raise a ticket; an audit found 37 active accounts of people who had left.',
    category: 'cyber', threat: 'hicp.insider.data-exfiltration', sources: ['source.adversarial.insider', 'source.adversarial.trusted-insider'],
    vulnerabilities: ['vuln.slow-deprovisioning'], assets: ['ad', 'ehr'], owner: 'isms_manager',
    option: 'mitigate', rationale: 'Drive account removal from the HR system on the leaving date, not from tickets.',
    inherent: [4, { c: 3 }], current: [3, { c: 3 }], residual: [2, { c: 3 }],
    controls: ['HC-12', 'HC-34'],
    tasks: [['HR feed to Active Directory: disable accounts on the leaving date', 'isms_manager', -3, 'in_progress', 9000]],
  },
  {
    title: 'Old workstations disposed of without wiping',
    description: 'Retired nurse-station PCs were collected by a recycler without a certificate of data destruction.',
    category: 'privacy', threat: 'hicp.loss-theft.improper-disposal', sources: ['source.accidental.user', 'source.adversarial.trusted-partner'],
    vulnerabilities: ['vuln.insecure-disposal'], assets: ['nursepcs'], owner: 'privacy_officer',
    option: 'mitigate', rationale: 'Disks are now shredded on site with a certificate for every batch.',
    inherent: [2, { c: 4 }], current: [1, { c: 4 }], residual: null,
    controls: ['HC-43'],
    tasks: [],
  },
  {
    title: 'Business e-mail compromise and payment fraud',
    description: 'An attacker impersonating a supplier asks Finance to change bank details; invoices are then paid to the attacker.',
    category: 'cyber', threat: 'hicp.social-engineering.business-email-compromise', sources: ['source.adversarial.criminal-group'],
    vulnerabilities: ['vuln.email-filtering-weak', 'vuln.phishing-susceptible-staff'], assets: ['email'], owner: 'top_management',
    option: 'mitigate', rationale: 'Call-back verification of every change of bank details, on a number from the contract.',
    inherent: [3, { i: 3, c: 2 }], current: [3, { i: 3 }], residual: [2, { i: 3 }],
    controls: ['HC-03', 'HC-33'],
    tasks: [['Call-back verification for supplier bank changes', 'top_management', -80, 'done']],
  },
  {
    title: 'Misconfigured cloud storage behind the patient portal',
    description: 'Letters for the portal are staged in cloud storage; a wrong sharing setting would publish them.',
    category: 'privacy', threat: 'hicp.insider.configuration-error', sources: ['source.accidental.privileged-user'],
    vulnerabilities: ['vuln.cloud-misconfiguration'], assets: ['portal'], owner: 'isms_manager',
    option: 'mitigate', rationale: 'Posture scanning alerts on public buckets within minutes.',
    inherent: [2, { c: 4 }], current: [2, { c: 4 }], residual: [1, { c: 4 }],
    controls: ['HC-17', 'HC-52'],
    tasks: [['Cloud security posture scanning of the portal subscription', 'isms_manager', 45, 'todo', 0, 14000]],
  },
  {
    title: 'Pandemic absence in the IT operations team',
    description: 'Three engineers run the data centre; a pandemic wave could leave nobody who knows the EHR database cluster.',
    category: 'operational', threat: null, sources: ['source.environmental.pandemic'],
    vulnerabilities: ['vuln.single-point-of-failure'], assets: ['ehrdb'], owner: 'top_management',
    option: 'mitigate', rationale: 'Runbooks and a support contract with the EHR vendor cover absences.',
    inherent: [2, { a: 3 }], current: [2, { a: 3 }], residual: [1, { a: 3 }],
    controls: ['HC-23'],
    tasks: [['Runbooks for the EHR database cluster', 'isms_manager', 50, 'in_progress']],
  },
  {
    title: 'Referral faxes sent to the wrong number',
    description: 'Referrals used to be faxed; misdialled numbers sent patient details to strangers.',
    category: 'privacy', threat: 'hicp.insider.misdirected-disclosure', sources: ['source.accidental.user'],
    vulnerabilities: ['vuln.misdirected-communication'], assets: [], owner: 'privacy_officer',
    option: 'avoid', rationale: 'Fax machines were retired in 2025; referrals go through the e-referral service.',
    inherent: [3, { c: 3 }], current: [1, { c: 2 }], residual: null,
    controls: [],
    tasks: [],
    status: 'closed',
  },
];

export interface DemoRiskPeople {
  actor: (role: Role) => AuditActor;
  userId: (role: Role) => string;
}

const assessment = ([likelihood, impacts]: Rating) => ({ likelihood, impacts: Object.fromEntries(Object.entries(impacts).map(([k, v]) => [DIMENSION[k as keyof typeof DIMENSION], v])) });

function accessAs(hospital: { id: string; name: string }, role: Role): OrgAccess {
  return { organizationId: hospital.id, organizationName: hospital.name, mfaRequired: false, isDemo: true, timeZone: 'America/New_York', role, permissions: [...ROLE_PERMISSIONS[role]] };
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Loads the register; returns the number of risks. */
export async function loadDemoRisks(ctx: AppContext, people: DemoRiskPeople, hospital: { id: string; name: string }, assetIds: Map<string, string>): Promise<number> {
  const admin = accessAs(hospital, 'admin');
  const ciso = people.actor('isms_manager');
  const today = organizationToday(ctx, admin);
  const controls = (await listControls(ctx, admin, ZControlListQuery.parse({ pageSize: 200, inherited: 'no' }))).items;
  const controlIds = new Map(controls.map((c) => [c.code, c.id]));
  const created = new Map<string, { id: string; version: number }>();

  for (const risk of RISKS) {
    const detail = await createRisk(ctx, admin, ciso, ZCreateRiskRequest.parse({
      title: risk.title, description: risk.description, category: risk.category, status: risk.status ?? 'open', threatId: risk.threat, threatSourceIds: risk.sources, vulnerabilityIds: risk.vulnerabilities,
      assetIds: risk.assets.map((key) => assetIds.get(key)).filter((id): id is string => id !== undefined), ownerUserId: people.userId(risk.owner), treatmentOption: risk.option, treatmentRationale: risk.rationale,
      inherent: assessment(risk.inherent), current: assessment(risk.current), residual: risk.residual ? assessment(risk.residual) : null,
    }));
    created.set(risk.title, { id: detail.id, version: detail.version });
    const ids = risk.controls.map((code) => controlIds.get(code)).filter((id): id is string => id !== undefined);
    if (ids.length > 0 && risk.status !== 'closed') await linkControls(ctx, admin, ciso, detail.id, ids);
    for (const [title, owner, due, status, oneOff, yearly] of risk.tasks) {
      await createTask(ctx, admin, ciso, detail.id, ZCreateRiskTaskRequest.parse({ title, ownerUserId: owner ? people.userId(owner) : null, dueOn: addDays(today, due), status, costOneOff: oneOff || null, costYearly: yearly || null }));
    }
  }

  // Acceptances by the authority the method names for each level, and one clinical sign-off.
  const accept = async (title: string, role: Owner, kind: 'acceptance' | 'clinical_sign_off', rationale: string, months: number | null) => {
    const risk = created.get(title)!;
    await createAcceptance(ctx, accessAs(hospital, role), people.actor(role), risk.id, ZCreateAcceptanceRequest.parse({ kind, rationale, expiresOn: months === null ? null : addCalendarMonths(today, months), riskVersion: risk.version }));
  };
  await accept('Unsupported MRI scanner on a flat network', 'top_management', 'acceptance', 'Accepted by the executive board until the replacement scanner is installed (capital plan 2027); the imaging VLAN contains the exposure.', 12);
  await accept('Unsupported MRI scanner on a flat network', 'clinical_safety_officer', 'clinical_sign_off', 'Downtime of the scanner diverts MRI to Radiology 2; no clinical hazard beyond delay. Signed off for the same period.', 12);
  await accept('Phishing of clinicians leads to EHR account takeover', 'isms_manager', 'acceptance', 'Residual Medium after MFA and training is within appetite; revisit after the phishing-resistant MFA rollout.', 12);
  await accept('Breach at the billing clearinghouse (business associate)', 'top_management', 'acceptance', 'Financial impact transferred to insurance and the BAA indemnity; alternate clearinghouse contracted.', 24);
  await accept('Radiology reports sent to the wrong referrer', 'risk_owner', 'acceptance', 'Low risk: recipients are clinicians bound by confidentiality; each case is handled as an incident.', 12);

  // Reviews: the ISMS manager's quarterly review of a High risk, and a Low risk last reviewed 14 months ago (overdue now).
  await createReview(ctx, accessAs(hospital, 'isms_manager'), ciso, created.get('Unsupported MRI scanner on a flat network')!.id, { reviewedOn: addDays(today, -20), outcome: 'unchanged', comment: 'VLAN ACL verified; replacement order on track.' });
  await createReview(ctx, accessAs(hospital, 'privacy_officer'), people.actor('privacy_officer'), created.get('Old workstations disposed of without wiping')!.id, { reviewedOn: addCalendarMonths(today, -14), outcome: 'unchanged', comment: 'Recycler certificates on file for every batch.' });
  return RISKS.length;
}
