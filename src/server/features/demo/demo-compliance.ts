/**
 * The demo hospital's compliance programme, built through the features' own services (so every record
 * has its audit event): the starter control library adopted and brought to a realistic mid-programme
 * state (most controls implemented, some in progress or planned, two not applicable, one tested
 * ineffective), owners and test dates, a few evidence files and links, two justified SoA exclusions,
 * inclusion reasons, HIPAA addressable decisions, and SoA version 1 published by the CISO and approved
 * by the CEO. The group holds one inheritable control that its sites inherit.
 */
import type { CONTROL_STATUSES, EFFECTIVENESS } from '../../../shared/compliance.js';
import { ZControlListQuery, ZCreateControlRequest } from '../../../shared/contracts/controls.js';
import { ROLE_PERMISSIONS } from '../../../shared/permissions.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { addEvidenceLink, adoptStarterLibrary, createControl, linkAssets, linkRequirements, listControls, updateControl, uploadEvidenceFile } from '../controls/index.js';
import { recordHipaaDecision } from '../compliance/index.js';
import { approveVersion, markApplicable, publishVersion, updateEntry } from '../soa/index.js';

type Status = (typeof CONTROL_STATUSES)[number];
type Effect = (typeof EFFECTIVENESS)[number];

/** Code → [status, effectiveness, owner, months since implemented / last test]. Unlisted: planned, not assessed. */
const STATE: Record<string, [Status, Effect, string, number?]> = {
  'HC-01': ['implemented', 'effective', 'Sam Security (CISO)', 10],
  'HC-02': ['implemented', 'effective', 'Chief Executive Officer', 14],
  'HC-03': ['implemented', 'partially_effective', 'Director of Finance', 8],
  'HC-04': ['implemented', 'effective', 'Pat Privacy (DPO)', 12],
  'HC-06': ['implemented', 'not_assessed', 'Head of Procurement', 5],
  'HC-07': ['implemented', 'effective', 'Head of IT Infrastructure', 6],
  'HC-08': ['implemented', 'effective', 'HR Director', 11],
  'HC-09': ['implemented', 'effective', 'Health Information Management', 9],
  'HC-10': ['in_progress', 'not_assessed', 'Head of IT Infrastructure'],
  'HC-11': ['implemented', 'effective', 'Head of IT Applications', 13],
  'HC-12': ['implemented', 'partially_effective', 'IT Service Desk', 7],
  'HC-13': ['implemented', 'effective', 'Head of IT Infrastructure', 9],
  'HC-14': ['in_progress', 'not_assessed', 'Pat Privacy (DPO)'],
  'HC-15': ['in_progress', 'not_assessed', 'Biomedical Engineering'],
  'HC-18': ['implemented', 'effective', 'Sam Security (CISO)', 8],
  'HC-19': ['in_progress', 'not_assessed', 'Security Operations'],
  'HC-20': ['in_progress', 'not_assessed', 'Sam Security (CISO)'],
  'HC-23': ['implemented', 'partially_effective', 'Head of IT Infrastructure', 4],
  'HC-24': ['in_progress', 'not_assessed', 'Emergency Preparedness Lead'],
  'HC-26': ['implemented', 'effective', 'General Counsel', 12],
  'HC-28': ['implemented', 'effective', 'Pat Privacy (DPO)', 12],
  'HC-29': ['in_progress', 'not_assessed', 'Avery Audit'],
  'HC-31': ['implemented', 'effective', 'HR Director', 24],
  'HC-32': ['implemented', 'effective', 'HR Director', 24],
  'HC-33': ['implemented', 'effective', 'Learning & Development', 6],
  'HC-36': ['implemented', 'effective', 'Sam Security (CISO)', 10],
  'HC-37': ['implemented', 'effective', 'Facilities Manager', 18],
  'HC-38': ['implemented', 'effective', 'Facilities Manager', 18],
  'HC-39': ['implemented', 'effective', 'Facilities Manager', 15],
  'HC-40': ['implemented', 'ineffective', 'Chief Nursing Officer', 3],
  'HC-43': ['implemented', 'effective', 'IT Service Desk', 9],
  'HC-44': ['in_progress', 'not_assessed', 'IT Service Desk'],
  'HC-45': ['in_progress', 'not_assessed', 'Head of IT Infrastructure'],
  'HC-46': ['not_applicable', 'not_assessed', 'Head of IT Applications'],
  'HC-47': ['implemented', 'effective', 'Head of IT Infrastructure', 11],
  'HC-48': ['implemented', 'effective', 'Head of IT Applications', 11],
  'HC-50': ['implemented', 'effective', 'Security Operations', 20],
  'HC-51': ['in_progress', 'not_assessed', 'Security Operations'],
  'HC-52': ['in_progress', 'not_assessed', 'Head of IT Infrastructure'],
  'HC-53': ['in_progress', 'not_assessed', 'Pat Privacy (DPO)'],
  'HC-54': ['implemented', 'effective', 'Head of IT Infrastructure', 5],
  'HC-55': ['implemented', 'partially_effective', 'Security Operations', 6],
  'HC-56': ['implemented', 'partially_effective', 'Head of IT Infrastructure', 9],
  'HC-57': ['implemented', 'effective', 'Head of IT Infrastructure', 10],
  'HC-58': ['in_progress', 'not_assessed', 'Head of IT Applications'],
  'HC-59': ['not_applicable', 'not_assessed', 'Head of IT Applications'],
  'HC-61': ['implemented', 'effective', 'Head of IT Applications', 9],
  'HC-63': ['implemented', 'effective', 'Sam Security (CISO)', 4],
};

/** Evidence the controls carry: files (plain text and CSV, as a hospital would export them) and links. */
const EVIDENCE_FILES: { code: string; fileName: string; type: string; title: string; body: string; expiresInDays?: number }[] = [
  { code: 'HC-12', fileName: 'access-review-2026-Q3.csv', type: 'text/csv', title: 'Quarterly access review, EHR (Q3 2026)', expiresInDays: 60, body: 'system,accounts_reviewed,removed,changed,reviewer,completed_on\nEHR,1842,37,54,Head of IT Applications,2026-10-04\nPACS,312,6,9,Head of Radiology,2026-10-06\nLIS,221,4,3,Laboratory Director,2026-10-07\n' },
  { code: 'HC-33', fileName: 'training-completion-2026.csv', type: 'text/csv', title: 'Security awareness completion by department (2026)', expiresInDays: 330, body: 'department,staff,completed,percent\nNursing,1210,1148,94.9\nMedicine,402,361,89.8\nRadiology,96,94,97.9\nAdministration,318,309,97.2\n' },
  { code: 'HC-54', fileName: 'restore-test-2026-09.txt', type: 'text/plain', title: 'EHR database restore test (September 2026)', expiresInDays: 90, body: 'Restore test of the EHR database cluster from the nightly encrypted backup.\nBackup set: 2026-09-14 02:00; restored to the isolated test cluster in 3 h 12 min (RTO 4 h).\nIntegrity: row counts and checksums of 40 sampled tables matched production.\nSigned off: Head of IT Infrastructure, 2026-09-15.\n' },
  { code: 'HC-63', fileName: 'risk-analysis-summary-2026.txt', type: 'text/plain', title: 'Enterprise risk analysis summary (45 CFR 164.308(a)(1)(ii)(A))', body: 'Scope: all systems that create, receive, maintain or transmit ePHI at Northbridge General Hospital.\nMethod: 5x5 likelihood and impact with a patient-safety dimension; asset register and gaps as input.\nTop risks: unsupported MRI on a flat network; BYOD phones with ePHI outside MDM; dictation to a cloud service without a BAA.\nApproved by the ISMS steering group on 2026-08-21.\n' },
];
const EVIDENCE_LINKS: { code: string; title: string; url: string }[] = [
  { code: 'HC-01', title: 'Information security policy v4.2 (intranet)', url: 'https://intranet.northbridge.example/policies/information-security' },
  { code: 'HC-18', title: 'Incident response plan v3 (intranet)', url: 'https://intranet.northbridge.example/policies/incident-response' },
];

/** Annex A controls excluded from the SoA, with the justification ISO 6.1.3 d) asks for. */
const EXCLUSIONS: Record<string, string> = {
  'A.8.28': 'Northbridge develops no software in house: clinical and business systems are bought as products or services, and the suppliers\' development practices are assessed under A.5.19–A.5.22.',
  'A.8.4': 'No source code is held or developed by Northbridge; vendor source code escrow is handled in supplier agreements (A.5.20).',
};

const DAY = 86_400_000;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export interface DemoPeople {
  ismsManager: AuditActor;
  topManagement: AuditActor;
  privacyOfficer: AuditActor;
}

function adminAccess(id: string, name: string, isDemo = true): OrgAccess {
  return { organizationId: id, organizationName: name, mfaRequired: false, isDemo, timeZone: 'America/New_York', role: 'admin', permissions: [...ROLE_PERMISSIONS.admin] };
}

export async function loadDemoCompliance(ctx: AppContext, people: DemoPeople, group: { id: string; name: string }, hospital: { id: string; name: string }, assetIds: Map<string, string>): Promise<void> {
  const now = ctx.clock.now().getTime();
  const access = adminAccess(hospital.id, hospital.name);
  const { ismsManager: ciso, topManagement: ceo, privacyOfficer: dpo } = people;

  // The group's governance control, inherited by every site (shown as inherited in their SoA).
  const groupAccess = adminAccess(group.id, group.name);
  const governance = await createControl(ctx, groupAccess, ciso, ZCreateControlRequest.parse({
    code: 'NH-GOV-01', name: 'Group information security governance', description: 'The group ISMS steering committee sets the security policy framework, approves group-wide risk criteria and reviews the sites\' ISMS performance every quarter.',
    owner: 'Group Chief Information Security Officer', category: 'organizational', status: 'implemented', implementedOn: isoDate(now - 400 * DAY), effectiveness: 'effective', lastTestedOn: isoDate(now - 90 * DAY), reviewCadenceMonths: 12, inheritable: true,
  }));
  await linkRequirements(ctx, groupAccess, ciso, governance.id, ['iso27001-2022:A.5.1', 'iso27001-2022:A.5.4', 'iso27001-2022:5.1', 'iso27001-2022:9.3.1', 'hipaa-security-rule:164.308(a)(2)']);

  await adoptStarterLibrary(ctx, access, ciso);
  const controls = (await listControls(ctx, access, ZControlListQuery.parse({ pageSize: 200, inherited: 'no' }))).items;
  const byCode = new Map(controls.map((c) => [c.code, c]));
  for (const [code, [status, effectiveness, owner, months]] of Object.entries(STATE)) {
    const control = byCode.get(code);
    if (!control) continue;
    const implementedOn = status === 'implemented' && months !== undefined ? isoDate(now - months * 30 * DAY) : null;
    const lastTestedOn = effectiveness !== 'not_assessed' ? isoDate(now - Math.min(months ?? 1, 6) * 20 * DAY) : null;
    await updateControl(ctx, access, ciso, control.id, { version: control.version, status, effectiveness, owner, implementedOn, lastTestedOn });
  }

  // Controls that protect named assets (keys of the demo inventory).
  const links: [string, string[]][] = [
    ['HC-54', ['ehrdb', 'backup']],
    ['HC-56', ['mri', 'pumps', 'monitors']],
    ['HC-44', ['phones', 'laptops']],
    ['HC-57', ['ehr', 'ehrdb', 'laptops']],
  ];
  for (const [code, keys] of links) {
    const ids = keys.map((key) => assetIds.get(key)).filter((id): id is string => Boolean(id));
    const control = byCode.get(code);
    if (control && ids.length > 0) await linkAssets(ctx, access, ciso, control.id, ids);
  }

  for (const file of EVIDENCE_FILES) {
    const control = byCode.get(file.code);
    if (!control) continue;
    await uploadEvidenceFile(ctx, access, ciso, control.id, { bytes: Buffer.from(file.body, 'utf8'), declaredType: file.type, fileName: file.fileName, title: file.title, expiresOn: file.expiresInDays ? isoDate(now + file.expiresInDays * DAY) : undefined });
  }
  for (const link of EVIDENCE_LINKS) {
    const control = byCode.get(link.code);
    if (control) await addEvidenceLink(ctx, access, ciso, control.id, { title: link.title, url: link.url });
  }

  // SoA: every control applicable by risk treatment and law (HIPAA), the two exclusions justified.
  const annex = Array.from({ length: 37 }, (_, i) => `A.5.${i + 1}`)
    .concat(Array.from({ length: 8 }, (_, i) => `A.6.${i + 1}`), Array.from({ length: 14 }, (_, i) => `A.7.${i + 1}`), Array.from({ length: 34 }, (_, i) => `A.8.${i + 1}`))
    .filter((ref) => !(ref in EXCLUSIONS));
  await markApplicable(ctx, access, ciso, { refs: annex, inclusionReasons: ['risk_treatment', 'legal_regulatory'], inclusionJustification: 'Selected in the 2026 risk treatment plan; supports the HIPAA Security Rule safeguards.' });
  for (const [ref, justification] of Object.entries(EXCLUSIONS)) {
    await updateEntry(ctx, access, ciso, ref, { applicable: false, exclusionJustification: justification });
  }

  // HIPAA addressable specifications: documented decisions (164.306(d)(3)).
  const riskRef = 'Enterprise risk analysis 2026, section 4';
  await recordHipaaDecision(ctx, access, dpo, '164.312(a)(2)(iv)', { decision: 'implement', rationale: 'Encryption at rest is reasonable and appropriate for every system holding ePHI; implemented by HC-57.', riskAnalysisRef: riskRef });
  await recordHipaaDecision(ctx, access, dpo, '164.310(d)(2)(iii)', { decision: 'implement', rationale: 'Movements of hardware and media holding ePHI are recorded in the asset register and the service desk.', riskAnalysisRef: riskRef });
  await recordHipaaDecision(ctx, access, dpo, '164.308(a)(5)(ii)(A)', { decision: 'implement', rationale: 'Monthly security reminders are part of the awareness programme (HC-33).', riskAnalysisRef: riskRef });
  const network = byCode.get('HC-56');
  if (network) {
    await recordHipaaDecision(ctx, access, dpo, '164.312(e)(2)(ii)', {
      decision: 'alternative',
      rationale: 'The MRI scanner\'s vendor software cannot encrypt DICOM transfers and the device is past end of support; encrypting that link is not reasonable and appropriate until the scanner is replaced (budgeted for 2027).',
      alternativeMeasure: 'DICOM traffic from the MRI scanner is confined to a dedicated imaging VLAN with access lists allowing only the PACS gateway; the link is monitored by the network IDS.',
      riskAnalysisRef: `${riskRef}, risk R-07 (unsupported MRI)`,
      controlIds: [network.id],
    });
  }

  const version = await publishVersion(ctx, access, ciso, { note: 'First SoA for the 2027 certification audit' });
  await approveVersion(ctx, access, ceo, version.number, { note: 'Approved at the management review of the ISMS steering group' });
}
