/**
 * The asset register of the group's hospital site: `spec.assets` assets (100,000 large, 10,000 small),
 * `spec.dataFlows` data flows and `spec.assetDependencies` dependencies, with one audit event each in the
 * site's chain (`asset.created`, `data_flow.created`, `asset.dependency_added`, as the services write them).
 *
 * The mix imitates a hospital's CMDB: many endpoints, mobile devices and medical devices; fewer
 * applications and infrastructure; a few information sets, facilities, supplier services and roles.
 * Owners are a few dozen departments (about 1.5% of ePHI assets have none); classifications are the four
 * levels every new organization gets (seeded by the assets feature's hook), ePHI assets mostly at the top
 * level; tags, unique external references, ePHI roles, end-of-support dates (some past), network segments
 * (some 'flat'), and data flows (about a quarter to external parties, a third of those without an
 * agreement). Dependencies only go from a higher to a lower index (a newer asset depends on an older
 * one), so the graph is acyclic, as the service guarantees.
 *
 * Every asset input goes through the contract (`ZAssetFields.parse`) and the feature's own `fieldsToRow`,
 * so derived columns (name_lower, criticality, handles_ephi) are those the service would store, and the
 * register exports and re-imports without a rejected row. Rows are inserted with `bulkInsert` (every row
 * gives every column of the table, as read from the database); events go through `AuditChainWriter`, in
 * creation order, and each chunk of rows commits in the same transaction as its events.
 */
import crypto from 'node:crypto';
import { ZAssetFields, ZDataFlowFields, type TAssetFields, type TDataFlowFields } from '../../../src/shared/contracts/assets.js';
import type { AuditActor } from '../../../src/server/kernel/audit/chain.js';
import type { OrgAccess } from '../../../src/server/kernel/authz/membership.js';
import { fieldsToRow } from '../../../src/server/features/assets/asset.mapper.js';
import { diffFields } from '../../../src/server/features/assets/asset.service.js';
import { gapSummary } from '../../../src/server/features/assets/gap.service.js';
import { addMembershipIn } from '../../../src/server/features/organizations/index.js';
import { ROLE_PERMISSIONS } from '../../../src/shared/permissions.js';
import { AuditChainWriter, type BulkAuditEvent } from '../audit-bulk.js';
import { bulkInsert, rowsPerStatement, type SqlValue } from '../bulk.js';
import type { Dataset, DatasetContext, FixtureUser } from '../data.js';
import { createRng, type Rng, type WeightedTable } from '../rng.js';
import { refreshStoredGaps } from '../../../src/server/features/assets/asset-gaps.js';

type AssetType = TAssetFields['type'];
type AssetInput = Record<string, unknown> & { name: string; type: AssetType };

interface Department {
  name: string;
  code: string;
  clinical: boolean;
  weight: number;
}

/** Owners: the hospital's departments (clinical ones hold most devices). */
const DEPARTMENTS: readonly Department[] = [
  { name: 'Emergency Department', code: 'ED', clinical: true, weight: 7 },
  { name: 'Acute Medicine', code: 'AMU', clinical: true, weight: 5 },
  { name: 'Cardiology', code: 'CAR', clinical: true, weight: 4 },
  { name: 'Radiology', code: 'RAD', clinical: true, weight: 4 },
  { name: 'Oncology', code: 'ONC', clinical: true, weight: 3 },
  { name: 'Haematology', code: 'HAE', clinical: true, weight: 2 },
  { name: 'Pathology', code: 'PAT', clinical: true, weight: 3 },
  { name: 'Pharmacy', code: 'PHA', clinical: true, weight: 3 },
  { name: 'Intensive Care', code: 'ICU', clinical: true, weight: 5 },
  { name: 'Theatres', code: 'THE', clinical: true, weight: 5 },
  { name: 'Anaesthetics', code: 'ANA', clinical: true, weight: 2 },
  { name: 'Maternity', code: 'MAT', clinical: true, weight: 4 },
  { name: 'Neonatal Unit', code: 'NNU', clinical: true, weight: 2 },
  { name: 'Paediatrics', code: 'PAE', clinical: true, weight: 3 },
  { name: 'Orthopaedics', code: 'ORT', clinical: true, weight: 3 },
  { name: 'General Surgery', code: 'GSU', clinical: true, weight: 3 },
  { name: 'Renal Unit', code: 'REN', clinical: true, weight: 2 },
  { name: 'Respiratory Medicine', code: 'RES', clinical: true, weight: 2 },
  { name: 'Neurology', code: 'NEU', clinical: true, weight: 2 },
  { name: 'Stroke Unit', code: 'STR', clinical: true, weight: 2 },
  { name: 'Endoscopy', code: 'END', clinical: true, weight: 1 },
  { name: 'Outpatients', code: 'OPD', clinical: true, weight: 4 },
  { name: 'Physiotherapy', code: 'PHY', clinical: true, weight: 1 },
  { name: 'Dietetics', code: 'DIE', clinical: true, weight: 0.5 },
  { name: 'Mental Health Liaison', code: 'MHL', clinical: true, weight: 1 },
  { name: 'Medical Records', code: 'MRD', clinical: false, weight: 2 },
  { name: 'Clinical Coding', code: 'COD', clinical: false, weight: 1 },
  { name: 'Information Governance', code: 'IGV', clinical: false, weight: 0.5 },
  { name: 'IT Infrastructure', code: 'ITI', clinical: false, weight: 3 },
  { name: 'IT Service Desk', code: 'ISD', clinical: false, weight: 2 },
  { name: 'Clinical Engineering', code: 'CEN', clinical: false, weight: 2 },
  { name: 'Estates & Facilities', code: 'EST', clinical: false, weight: 2 },
  { name: 'Finance', code: 'FIN', clinical: false, weight: 2 },
  { name: 'Human Resources', code: 'HRS', clinical: false, weight: 1.5 },
  { name: 'Procurement', code: 'PRO', clinical: false, weight: 1 },
  { name: 'Research & Development', code: 'RND', clinical: false, weight: 1.5 },
  { name: 'Patient Transport', code: 'PTS', clinical: false, weight: 0.5 },
  { name: 'Switchboard & Communications', code: 'COM', clinical: false, weight: 0.5 },
];
const ALL_DEPTS: WeightedTable<Department> = DEPARTMENTS.map((d) => [d, d.weight]);
const CLINICAL_DEPTS: WeightedTable<Department> = DEPARTMENTS.filter((d) => d.clinical).map((d) => [d, d.weight]);
const IT_DEPTS: WeightedTable<Department> = DEPARTMENTS.filter((d) => ['ITI', 'ISD'].includes(d.code)).map((d) => [d, d.code === 'ITI' ? 4 : 1]);
const deptByCode = (code: string) => DEPARTMENTS.find((d) => d.code === code)!;

/** Many endpoints, mobile devices and medical devices; fewer applications and infrastructure. */
const TYPE_MIX: WeightedTable<AssetType> = [
  ['endpoint', 40],
  ['mobile_device', 20],
  ['medical_device', 22],
  ['infrastructure', 6],
  ['application', 4],
  ['information', 3],
  ['supplier_service', 2],
  ['people', 2],
  ['facility', 1],
];
const EXTERNAL_REF_PREFIX: Record<AssetType, string> = {
  endpoint: 'EP', mobile_device: 'MOB', medical_device: 'MED', infrastructure: 'INF', application: 'APP', information: 'DAT', supplier_service: 'SUP', people: 'PPL', facility: 'FAC',
};

const BUILDINGS = ['Main Block', 'Tower A', 'Tower B', "Women & Children's Centre", 'Outpatient Pavilion', 'Imaging Centre', 'Estates Yard', 'Data Centre'] as const;
const FIRST = ['Aisha', 'Ben', 'Carys', 'Dmitri', 'Efua', 'Finn', 'Gita', 'Hamid', 'Isla', 'Jakub', 'Kofi', 'Lena', 'Mateo', 'Nia', 'Oren', 'Pia', 'Rhys', 'Sana', 'Tomasz', 'Valentina', 'Wei', 'Zara'] as const;
const LAST = ['Ahmed', 'Brennan', 'Costa', 'Dlamini', 'Evans', 'Fraser', 'Gupta', 'Hughes', 'Ivanova', 'Jones', 'Khan', 'Lewis', 'Mensah', 'Nowak', "O'Neill", 'Price', 'Quinn', 'Reid', 'Singh', 'Taylor', 'Walsh', 'Young'] as const;
const TAGS = ['clinical', 'corporate', 'critical-care', 'imaging', 'legacy', 'windows-10', 'cyber-essentials', 'dspt', 'dmz', 'wifi', 'ward-7', 'ward-12', 'theatres', 'research', 'pci-dss', 'lab', 'telemetry', 'shared-device', 'kiosk', 'loan-pool', 'tier-1', 'out-of-hours', 'contract-renewal-2026', 'decommission-candidate'] as const;

const ENDPOINT_KINDS: WeightedTable<{ code: string; label: string }> = [
  [{ code: 'WS', label: 'Workstation' }, 55],
  [{ code: 'LT', label: 'Laptop' }, 25],
  [{ code: 'TC', label: 'Thin client' }, 10],
  [{ code: 'PR', label: 'Printer' }, 7],
  [{ code: 'KI', label: 'Self check-in kiosk' }, 3],
];
/** Platform, weight, end of support (null: supported for the foreseeable future). */
const DESKTOP_OS: WeightedTable<{ platform: string; eos: string | null }> = [
  [{ platform: 'Windows 11 Enterprise 23H2', eos: '2026-11-10' }, 45],
  [{ platform: 'Windows 11 Enterprise 24H2', eos: '2027-10-12' }, 20],
  [{ platform: 'Windows 10 Enterprise 22H2', eos: '2025-10-14' }, 22],
  [{ platform: 'Windows 10 Enterprise LTSC 2019', eos: '2029-01-09' }, 6],
  [{ platform: 'Windows 7 Embedded', eos: '2020-01-14' }, 2],
  [{ platform: 'Ubuntu 22.04 LTS', eos: '2027-06-01' }, 5],
];
const PC_MAKERS = [['Dell', ['OptiPlex 7010', 'OptiPlex 5000', 'Latitude 5440', 'Latitude 7440']], ['HP', ['EliteDesk 800 G6', 'ProBook 450 G9', 'EliteBook 840 G10']], ['Lenovo', ['ThinkCentre M70q', 'ThinkPad T14 Gen 4', 'ThinkPad L15']]] as const;
const MOBILE_KINDS: WeightedTable<{ code: string; label: string; manufacturer: string; model: string; platform: string; eos: string | null }> = [
  [{ code: 'IPH', label: 'iPhone', manufacturer: 'Apple', model: 'iPhone 13', platform: 'iOS 18.1', eos: null }, 30],
  [{ code: 'IPH', label: 'iPhone', manufacturer: 'Apple', model: 'iPhone SE (2nd gen)', platform: 'iOS 17.7', eos: '2025-09-15' }, 8],
  [{ code: 'IPD', label: 'iPad', manufacturer: 'Apple', model: 'iPad (9th gen)', platform: 'iPadOS 18.1', eos: null }, 15],
  [{ code: 'AND', label: 'Android phone', manufacturer: 'Samsung', model: 'Galaxy XCover6 Pro', platform: 'Android 14', eos: '2027-07-01' }, 15],
  [{ code: 'HHD', label: 'Handheld scanner', manufacturer: 'Zebra', model: 'TC52', platform: 'Android 11', eos: '2024-12-31' }, 20],
  [{ code: 'WPH', label: 'Ward phone', manufacturer: 'Spectralink', model: 'Versity 95', platform: 'Android 12', eos: '2026-06-30' }, 12],
];
interface MedicalKind { label: string; manufacturer: string; model: string; safety: number; imaging?: boolean; creates: boolean }
const MEDICAL_KINDS: WeightedTable<MedicalKind> = [
  [{ label: 'Infusion pump', manufacturer: 'BD', model: 'Alaris 8015 PC Unit', safety: 4, creates: false }, 14],
  [{ label: 'Infusion pump', manufacturer: 'B. Braun', model: 'Space Infusomat', safety: 4, creates: false }, 10],
  [{ label: 'Syringe driver', manufacturer: 'Baxter', model: 'Sigma Spectrum', safety: 4, creates: false }, 6],
  [{ label: 'Patient monitor', manufacturer: 'Philips', model: 'IntelliVue MX450', safety: 3, creates: true }, 14],
  [{ label: 'Patient monitor', manufacturer: 'GE Healthcare', model: 'CARESCAPE B450', safety: 3, creates: true }, 9],
  [{ label: 'Ventilator', manufacturer: 'Hamilton Medical', model: 'HAMILTON-C6', safety: 4, creates: true }, 4],
  [{ label: 'ECG cart', manufacturer: 'GE Healthcare', model: 'MAC 5500 HD', safety: 2, creates: true }, 6],
  [{ label: 'Defibrillator', manufacturer: 'ZOLL', model: 'R Series', safety: 4, creates: true }, 6],
  [{ label: 'Ultrasound', manufacturer: 'Philips', model: 'EPIQ 7', safety: 2, imaging: true, creates: true }, 4],
  [{ label: 'CT scanner', manufacturer: 'Siemens Healthineers', model: 'SOMATOM go.Top', safety: 3, imaging: true, creates: true }, 0.5],
  [{ label: 'MRI scanner', manufacturer: 'Siemens Healthineers', model: 'MAGNETOM Vida', safety: 3, imaging: true, creates: true }, 0.4],
  [{ label: 'Digital X-ray', manufacturer: 'Carestream', model: 'DRX-Evolution Plus', safety: 2, imaging: true, creates: true }, 1.5],
  [{ label: 'Blood gas analyser', manufacturer: 'Radiometer', model: 'ABL90 FLEX', safety: 2, creates: true }, 3],
  [{ label: 'Glucose meter', manufacturer: 'Abbott', model: 'FreeStyle Precision Pro', safety: 2, creates: true }, 8],
  [{ label: 'Dialysis machine', manufacturer: 'Fresenius', model: '5008S CorDiax', safety: 4, creates: true }, 3],
  [{ label: 'Fetal monitor', manufacturer: 'Philips', model: 'Avalon FM30', safety: 3, creates: true }, 3],
  [{ label: 'Bladder scanner', manufacturer: 'Verathon', model: 'BladderScan Prime', safety: 1, creates: true }, 2],
];
const APPLICATIONS: readonly { name: string; vendor: string; clinical: boolean; ephi: boolean }[] = [
  { name: 'EPR (Oracle Health Millennium)', vendor: 'Oracle Health', clinical: true, ephi: true },
  { name: 'PACS (Sectra IDS7)', vendor: 'Sectra', clinical: true, ephi: true },
  { name: 'RIS (CRIS)', vendor: 'Magentus', clinical: true, ephi: true },
  { name: 'LIMS (WinPath)', vendor: 'Clinisys', clinical: true, ephi: true },
  { name: 'e-Prescribing (JAC)', vendor: 'JAC', clinical: true, ephi: true },
  { name: 'Theatre management (Bluespier)', vendor: 'Bluespier', clinical: true, ephi: true },
  { name: 'Maternity record (BadgerNet)', vendor: 'Clevermed', clinical: true, ephi: true },
  { name: 'Oncology management (ARIA)', vendor: 'Varian', clinical: true, ephi: true },
  { name: 'Patient flow (Careflow)', vendor: 'System C', clinical: true, ephi: true },
  { name: 'Digital dictation (BigHand)', vendor: 'BigHand', clinical: true, ephi: true },
  { name: 'Clinical photography', vendor: 'in-house', clinical: true, ephi: true },
  { name: 'Integration engine (Rhapsody)', vendor: 'Rhapsody', clinical: true, ephi: true },
  { name: 'Finance ledger (Oracle EBS)', vendor: 'Oracle', clinical: false, ephi: false },
  { name: 'e-Rostering (Allocate)', vendor: 'RLDatix', clinical: false, ephi: false },
  { name: 'Incident reporting (Datix)', vendor: 'RLDatix', clinical: false, ephi: true },
  { name: 'Intranet (SharePoint)', vendor: 'Microsoft', clinical: false, ephi: false },
  { name: 'E-mail (Exchange Online)', vendor: 'Microsoft', clinical: false, ephi: true },
  { name: 'Procurement portal', vendor: 'Atamis', clinical: false, ephi: false },
  { name: 'Research data platform', vendor: 'in-house', clinical: false, ephi: true },
  { name: 'Service desk (TOPdesk)', vendor: 'TOPdesk', clinical: false, ephi: false },
];
const ENVIRONMENTS: WeightedTable<string> = [['Production', 5], ['Test', 2], ['Training', 1], ['Development', 1], ['DR', 1]];
const INFRA_KINDS: WeightedTable<{ code: string; label: string; vendor: string; platform: string; eos: string | null; ephi: boolean }> = [
  [{ code: 'SRV', label: 'Server', vendor: 'Dell', platform: 'Windows Server 2019', eos: '2029-01-09', ephi: true }, 30],
  [{ code: 'SRV', label: 'Server', vendor: 'HPE', platform: 'Windows Server 2012 R2', eos: '2023-10-10', ephi: true }, 6],
  [{ code: 'SRV', label: 'Server', vendor: 'Dell', platform: 'Red Hat Enterprise Linux 8', eos: '2029-05-31', ephi: true }, 15],
  [{ code: 'ESX', label: 'Hypervisor host', vendor: 'Dell', platform: 'VMware ESXi 8.0', eos: '2027-10-11', ephi: true }, 8],
  [{ code: 'SW', label: 'Switch', vendor: 'Cisco', platform: 'Cisco IOS XE 17.9', eos: '2027-09-30', ephi: false }, 20],
  [{ code: 'FW', label: 'Firewall', vendor: 'Palo Alto Networks', platform: 'PAN-OS 11.1', eos: '2028-05-03', ephi: false }, 4],
  [{ code: 'AP', label: 'Wireless access point', vendor: 'Aruba', platform: 'ArubaOS 8.10', eos: '2026-10-31', ephi: false }, 12],
  [{ code: 'SAN', label: 'Storage array', vendor: 'NetApp', platform: 'ONTAP 9.13', eos: '2028-06-30', ephi: true }, 5],
];
const INFORMATION_SETS = ['Patient demographics extract', 'Discharge summaries archive', 'Radiology reports', 'Pathology results archive', 'Clinic letters', 'Safeguarding referrals', 'Staff records', 'Payroll extract', 'Clinical audit data set', 'Research cohort (pseudonymised)', 'Complaints case files', 'Scanned paper notes'] as const;
const SUPPLIER_SERVICES = [['Transcription service', 'Acme Transcription Ltd'], ['Cloud backup', 'VaultSafe plc'], ['Courier (specimens)', 'MediCourier'], ['Telehealth platform', 'CareLink Video'], ['Shredding service', 'SecureShred'], ['Payroll bureau', 'PayPoint Services'], ['Managed print', 'PrintWorks'], ['Outsourced reporting (teleradiology)', 'NightHawk Radiology']] as const;
const PEOPLE_ROLES = ['Ward clerks', 'Medical secretaries', 'Bank nurses', 'Agency locums', 'Porters', 'Volunteers', 'Students on placement', 'Switchboard operators'] as const;
const FACILITIES = ['Server room', 'Comms cupboard', 'Medical records store', 'Pharmacy store', 'Plant room'] as const;

const EXTERNAL_PARTIES = ['NHS Spine (PDS)', 'Regional imaging network', 'National cancer registry', 'GP practices (MESH)', 'Acme Transcription Ltd', 'VaultSafe plc', 'University research partner', 'PayPoint Services', 'Public health agency', 'Pathology network hub', 'CareLink Video', 'NightHawk Radiology', 'Private insurer clearing house'] as const;
const FLOW_PURPOSES = ['Results to EPR (HL7 ORU)', 'Orders from EPR (HL7 ORM)', 'Images to PACS (DICOM C-STORE)', 'Vital signs to EPR (HL7)', 'Nightly backup', 'Patient demographics lookup (PDS)', 'Discharge summary to GP (MESH)', 'Cancer registry submission', 'Invoice export', 'Research extract (pseudonymised)', 'Audit log forwarding to SIEM', 'Dictation upload for transcription', 'Drug library update', 'Telemetry to central station', 'Referral letters', 'Remote reporting of studies'] as const;
const FLOW_CATEGORIES: WeightedTable<TDataFlowFields['dataCategories']> = [[['ephi'], 45], [['ephi', 'personal_data'], 15], [['personal_data'], 15], [['financial'], 8], [['research'], 5], [['research', 'ephi'], 4], [['public'], 8]];

/** The lower of the types whose assets are depended upon (services), by preference. */
const SERVICE_TYPES = new Set<AssetType>(['application', 'infrastructure', 'supplier_service', 'information']);

interface Generated {
  fields: TAssetFields;
  classificationId: string | null;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function createAssetGenerator(rng: Rng, levels: { public: string; internal: string; confidential: string; restricted: string }, endMs: number) {
  const seq = new Map<string, number>();
  const next = (key: string) => {
    const n = (seq.get(key) ?? 0) + 1;
    seq.set(key, n);
    return n;
  };
  const pad = (n: number, width = 6) => String(n).padStart(width, '0');
  const location = (dept: Department) => `${rng.pick(BUILDINGS)}, floor ${rng.int(0, 6)}, ${dept.name} room ${rng.int(1, 40)}`;
  const person = () => `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
  const serial = () => crypto.randomBytes(5).toString('hex').toUpperCase();
  const tags = (extra: string[] = []) => {
    const out = new Set(extra);
    for (let k = rng.weighted([[0, 30], [1, 35], [2, 22], [3, 10], [4, 3]] as const); k > 0; k -= 1) out.add(rng.pick(TAGS));
    return [...out];
  };
  const lifecycle = () => rng.weighted([['in_use', 88], ['planned', 4], ['retired', 8]] as const);
  const cia = (min: number) => ({ confidentiality: rng.int(min, 4), integrity: rng.int(Math.max(1, min - 1), 4), availability: rng.int(1, 4) });
  const flag = (pTrue: number, pNull = 0.03): boolean | null => (rng.chance(pNull) ? null : rng.chance(pTrue));
  const checkIn = () => new Date(endMs - rng.int(60, 45 * 86_400) * 1000).toISOString();
  /** A supported product's date (if any), moved within ±120 days. */
  const eos = (date: string | null) => (date === null ? null : isoDate(new Date(`${date}T00:00:00Z`).getTime() + rng.int(-120, 120) * 86_400_000));
  /** Owner: ePHI assets occasionally have none (a gap). */
  const owner = (dept: Department, ephi: boolean) => (ephi && rng.chance(0.015) ? null : dept.name);
  const classify = (ephi: boolean, sensitive: boolean): string | null => {
    if (rng.chance(0.03)) return null; // not classified yet
    if (ephi) return rng.chance(0.9) ? levels.restricted : levels.confidential;
    if (sensitive) return rng.chance(0.7) ? levels.confidential : levels.internal;
    return rng.chance(0.85) ? levels.internal : levels.public;
  };
  const segment = (kind: 'clinical' | 'corporate' | 'medical' | 'imaging' | 'server' | 'mgmt' | 'wifi'): string | null => {
    const table: Record<typeof kind, string> = {
      clinical: 'VLAN 110 Clinical workstations', corporate: 'VLAN 120 Corporate', medical: 'VLAN 300 Medical devices', imaging: 'VLAN 310 Imaging modalities', server: 'VLAN 20 Data centre servers', mgmt: 'VLAN 5 Network management', wifi: 'SSID CLINICAL-WIFI',
    };
    const roll = rng.next();
    if (roll < 0.08) return 'flat';
    if (roll < 0.1) return null;
    return table[kind];
  };

  const generators: Record<AssetType, (dept: Department) => AssetInput> = {
    endpoint: (dept) => {
      const kind = rng.weighted(ENDPOINT_KINDS);
      const os = kind.code === 'TC' ? { platform: 'IGEL OS 11', eos: '2026-12-31' } : kind.code === 'PR' ? { platform: 'Printer firmware', eos: null } : rng.weighted(DESKTOP_OS);
      const [manufacturer, models] = kind.code === 'PR' ? (['HP', ['LaserJet Enterprise M507', 'Color LaserJet M555']] as const) : rng.pick(PC_MAKERS);
      const ephi = dept.clinical ? rng.chance(0.75) : ['MRD', 'COD', 'IGV'].includes(dept.code) && rng.chance(0.8);
      const laptop = kind.code === 'LT';
      return {
        name: `${kind.code}-${dept.code}-${pad(next(`EP${kind.code}${dept.code}`), 5)}`,
        description: rng.chance(0.35) ? `${kind.label}, ${dept.name}${dept.clinical ? ` (${rng.pick(['nurses\' station', 'doctors\' office', 'reception', 'bay', 'clinic room'])})` : ''}` : null,
        type: 'endpoint', owner: owner(dept, ephi), custodian: 'IT Service Desk', location: location(dept), lifecycle: lifecycle(),
        dataCategories: ephi ? (rng.chance(0.3) ? ['ephi', 'personal_data'] : ['ephi']) : rng.chance(0.5) ? ['personal_data'] : [],
        ...cia(ephi ? 3 : 1), patientSafetyImpact: dept.clinical ? rng.int(0, 2) : 0,
        tags: tags(dept.clinical ? ['clinical'] : ['corporate']), ephiReceives: ephi, ephiMaintains: ephi && laptop, ephiCreates: ephi && rng.chance(0.3),
        encryptedAtRest: flag(laptop ? 0.97 : 0.85), mfaEnabled: null, ssoEnabled: flag(0.6, 0.2),
        manufacturer, model: rng.pick(models), serialNumber: serial(), endOfSupport: eos(os.eos), patchable: flag(0.92), networkSegment: laptop ? segment('wifi') : segment(dept.clinical ? 'clinical' : 'corporate'),
        connectsToEhr: dept.clinical ? flag(0.8) : flag(0.1), platform: os.platform, mdmEnrolled: laptop ? flag(0.9) : null, passcodeEnforced: null, byod: false,
        assignedPerson: laptop ? person() : null, lastCheckIn: kind.code === 'PR' ? null : checkIn(),
      };
    },
    mobile_device: (dept) => {
      const kind = rng.weighted(MOBILE_KINDS);
      const byod = kind.code === 'IPH' || kind.code === 'AND' ? rng.chance(0.12) : false;
      const ephi = dept.clinical ? rng.chance(0.8) : rng.chance(0.2);
      return {
        name: `${kind.code}-${dept.code}-${pad(next(`MOB${kind.code}${dept.code}`), 5)}`,
        description: rng.chance(0.25) ? `${kind.label} (${kind.model})${byod ? ', personal device' : ''}` : null,
        type: 'mobile_device', owner: owner(dept, ephi), custodian: 'IT Service Desk', location: dept.name, lifecycle: lifecycle(),
        dataCategories: ephi ? ['ephi'] : [], ...cia(ephi ? 3 : 1), patientSafetyImpact: kind.code === 'HHD' ? 2 : 0,
        tags: tags(byod ? ['byod'] : []), ephiReceives: ephi, ephiMaintains: ephi && rng.chance(0.5), ephiTransmits: ephi && kind.code === 'HHD',
        encryptedAtRest: flag(0.95), manufacturer: kind.manufacturer, model: kind.model, serialNumber: serial(), endOfSupport: eos(kind.eos), patchable: flag(0.85),
        networkSegment: segment('wifi'), connectsToEhr: ephi ? flag(0.7) : false, platform: kind.platform,
        mdmEnrolled: byod ? flag(0.55) : flag(0.93), passcodeEnforced: flag(0.94), byod, assignedPerson: kind.code === 'WPH' || kind.code === 'HHD' ? null : person(), lastCheckIn: checkIn(),
      };
    },
    medical_device: (dept) => {
      const kind = rng.weighted(MEDICAL_KINDS);
      const network = rng.chance(0.8);
      const ehr = network && rng.chance(0.55);
      const ephi = kind.creates && (ehr || rng.chance(0.3));
      const past = rng.chance(0.25);
      const supportMs = past ? endMs - rng.int(30, 6 * 365) * 86_400_000 : endMs + rng.int(30, 8 * 365) * 86_400_000;
      return {
        name: `${kind.label} ${dept.code}-${pad(next(`MED${dept.code}`), 5)}`,
        description: rng.chance(0.6) ? `${kind.manufacturer} ${kind.model} ${kind.label.toLowerCase()}, ${dept.name}` : null,
        type: 'medical_device', owner: owner(dept, ephi), custodian: 'Clinical Engineering', location: location(dept), lifecycle: lifecycle(),
        dataCategories: ephi ? ['ephi'] : [], ...cia(ephi ? 3 : 1), patientSafetyImpact: Math.max(0, kind.safety - (rng.chance(0.2) ? 1 : 0)),
        tags: tags(kind.imaging ? ['imaging', 'clinical'] : ['clinical']), ephiCreates: ephi, ephiTransmits: ephi && ehr, ephiMaintains: ephi && rng.chance(0.3),
        encryptedAtRest: flag(0.35, 0.25), encryptedInTransit: network ? flag(0.45, 0.2) : null,
        manufacturer: kind.manufacturer, model: kind.model, serialNumber: serial(), mds2OnFile: flag(0.6, 0.1), endOfSupport: rng.chance(0.9) ? isoDate(supportMs) : null,
        patchable: flag(0.45, 0.15), networkSegment: network ? segment(kind.imaging ? 'imaging' : 'medical') : null, connectsToEhr: network ? ehr : false,
        platform: rng.chance(0.4) ? rng.pick(['Windows 10 IoT Enterprise', 'Windows 7 Embedded', 'VxWorks 6.9', 'embedded Linux']) : null, lastCheckIn: null,
      };
    },
    infrastructure: () => {
      const kind = rng.weighted(INFRA_KINDS);
      const dept = kind.code === 'SW' || kind.code === 'AP' || kind.code === 'FW' ? deptByCode('ITI') : rng.weighted(IT_DEPTS);
      return {
        name: `${kind.code}-${rng.pick(['DC1', 'DC2', 'MB', 'TWA', 'TWB'])}-${pad(next(`INF${kind.code}`), 5)}`,
        description: rng.chance(0.5) ? `${kind.label} (${kind.platform})` : null,
        type: 'infrastructure', owner: dept.name, custodian: 'IT Infrastructure', location: `${rng.pick(['Data Centre hall 1', 'Data Centre hall 2', 'Main Block comms room', 'Tower A comms room'])}`, lifecycle: lifecycle(),
        dataCategories: kind.ephi ? ['ephi', 'personal_data'] : [], ...cia(kind.ephi ? 3 : 2), patientSafetyImpact: kind.ephi ? rng.int(0, 3) : rng.int(0, 2),
        rtoHours: rng.pick([1, 4, 8, 24, 72]), rpoHours: rng.pick([0.25, 1, 4, 24]), tags: tags(kind.code === 'FW' ? ['dmz'] : []), ephiMaintains: kind.ephi, ephiTransmits: kind.ephi && rng.chance(0.3),
        encryptedAtRest: kind.ephi ? flag(0.8) : null, encryptedInTransit: flag(0.85), mfaEnabled: flag(0.7), vendor: kind.vendor, hosting: 'on_premises',
        manufacturer: kind.vendor, model: null, serialNumber: serial(), endOfSupport: eos(kind.eos), patchable: flag(0.9),
        networkSegment: kind.code === 'SRV' || kind.code === 'SAN' || kind.code === 'ESX' ? segment('server') : segment('mgmt'), platform: kind.platform,
      };
    },
    application: () => {
      const app = rng.pick(APPLICATIONS);
      const env = rng.weighted(ENVIRONMENTS);
      const dept = app.clinical ? rng.weighted(CLINICAL_DEPTS) : rng.weighted(ALL_DEPTS);
      const ephi = app.ephi && env !== 'Development' && (env !== 'Training' || rng.chance(0.3));
      const hosting = rng.weighted([['on_premises', 5], ['cloud', 2], ['saas', 3]] as const);
      return {
        name: `${app.name} – ${env} ${pad(next(`APP${app.name}${env}`), 4)}`,
        description: rng.chance(0.7) ? `${app.name}, ${env.toLowerCase()} instance used by ${dept.name}` : null,
        type: 'application', owner: owner(dept, ephi), custodian: 'IT Infrastructure', lifecycle: lifecycle(),
        dataCategories: ephi ? ['ephi', 'personal_data'] : app.ephi ? ['personal_data'] : ['financial'], ...cia(ephi ? 3 : 2), patientSafetyImpact: app.clinical && env === 'Production' ? rng.int(2, 4) : 0,
        rtoHours: env === 'Production' ? rng.pick([1, 2, 4, 8]) : rng.pick([24, 72, 168]), rpoHours: env === 'Production' ? rng.pick([0.25, 1, 4]) : 24,
        tags: tags(env === 'Production' ? ['tier-1'] : []), ephiCreates: ephi && app.clinical, ephiReceives: ephi, ephiMaintains: ephi, ephiTransmits: ephi && rng.chance(0.6),
        encryptedAtRest: flag(0.85), encryptedInTransit: flag(0.9), mfaEnabled: flag(0.72), ssoEnabled: flag(0.65), vendor: app.vendor, hosting,
        platform: hosting === 'saas' ? null : rng.pick(['Windows Server 2019', 'Red Hat Enterprise Linux 8', 'Kubernetes (AKS)']),
      };
    },
    information: (dept) => {
      const set = rng.pick(INFORMATION_SETS);
      const ephi = !['Staff records', 'Payroll extract'].includes(set);
      return {
        name: `${set} – ${dept.name} ${pad(next(`DAT${set}${dept.code}`), 3)}`,
        description: rng.chance(0.5) ? `${set} held by ${dept.name}` : null,
        type: 'information', owner: owner(dept, ephi), custodian: rng.pick(['Medical Records', 'Information Governance', dept.name]), lifecycle: lifecycle(),
        dataCategories: ephi ? ['ephi', 'personal_data'] : ['personal_data', 'financial'], ...cia(3), tags: tags(), ephiMaintains: ephi, ephiReceives: ephi && rng.chance(0.5),
        encryptedAtRest: flag(0.75),
      };
    },
    supplier_service: () => {
      const [service, vendor] = rng.pick(SUPPLIER_SERVICES);
      const ephi = !['Payroll bureau', 'Managed print'].includes(service);
      const dept = rng.weighted(ALL_DEPTS);
      return {
        name: `${service} (${vendor}) ${pad(next(`SUP${service}`), 4)}`,
        description: rng.chance(0.5) ? `Contracted ${service.toLowerCase()} for ${dept.name}` : null,
        type: 'supplier_service', owner: owner(dept, ephi), custodian: 'Procurement', lifecycle: lifecycle(),
        dataCategories: ephi ? ['ephi'] : ['personal_data', 'financial'], ...cia(ephi ? 3 : 2), rtoHours: rng.pick([24, 72]), tags: tags(['contract-renewal-2026']),
        ephiReceives: ephi, ephiMaintains: ephi && rng.chance(0.6), encryptedAtRest: flag(0.8, 0.2), encryptedInTransit: flag(0.9, 0.1), mfaEnabled: flag(0.7, 0.1), ssoEnabled: flag(0.3, 0.2), vendor, hosting: 'saas',
      };
    },
    people: (dept) => {
      const role = rng.pick(PEOPLE_ROLES);
      return {
        name: `${role} – ${dept.name} ${pad(next(`PPL${role}${dept.code}`), 3)}`,
        type: 'people', owner: dept.name, lifecycle: lifecycle(), dataCategories: dept.clinical ? ['ephi'] : ['personal_data'], ...cia(2), tags: tags(),
        ephiReceives: dept.clinical, ephiCreates: dept.clinical && rng.chance(0.5),
      };
    },
    facility: (dept) => {
      const facility = rng.pick(FACILITIES);
      return {
        name: `${facility} ${rng.pick(BUILDINGS)} ${pad(next(`FAC${facility}`), 3)}`,
        type: 'facility', owner: facility === 'Server room' || facility === 'Comms cupboard' ? 'IT Infrastructure' : 'Estates & Facilities', custodian: 'Estates & Facilities', location: location(dept), lifecycle: lifecycle(),
        dataCategories: facility === 'Medical records store' ? ['ephi'] : [], ...cia(1), tags: tags(), ephiMaintains: facility === 'Medical records store',
      };
    },
  };

  return (type: AssetType, index: number): Generated => {
    const dept = type === 'medical_device' ? rng.weighted(CLINICAL_DEPTS) : rng.weighted(ALL_DEPTS);
    const input = generators[type](dept);
    input.externalRef = `${EXTERNAL_REF_PREFIX[type]}-${pad(index + 1, 7)}`;
    const ephi = (input.dataCategories as string[]).includes('ephi') || Boolean(input.ephiCreates || input.ephiReceives || input.ephiMaintains || input.ephiTransmits);
    const classificationId = classify(ephi, (input.dataCategories as string[]).some((c) => c === 'personal_data' || c === 'financial'));
    // The contract fills the defaults and refuses anything the API would refuse.
    const fields = ZAssetFields.parse({ ...input, classificationId });
    return { fields, classificationId };
  };
}

/** Column names of a table, in the database's order: every row gives every column. */
function tableColumns(dc: DatasetContext, table: string): string[] {
  return dc.sqlite.prepare<[], { name: string }>(`select name from pragma_table_info('${table}') order by cid`).all().map((c) => c.name);
}

function toValues(table: string, columns: readonly string[], row: Record<string, unknown>): SqlValue[] {
  if (Object.keys(row).length !== columns.length) throw new Error(`assets dataset: a ${table} row has the columns ${Object.keys(row).sort().join(', ')}; the table has ${[...columns].sort().join(', ')}`);
  return columns.map((column) => {
    const value = row[column];
    if (value === undefined) throw new Error(`assets dataset: a ${table} row has no value for ${column}`);
    return value as SqlValue;
  });
}

type Item = { at: number; kind: 'asset' | 'flow' | 'dependency'; index: number };

export const assetsDataset: Dataset = {
  name: 'assets',
  async generate(dc: DatasetContext) {
    const { fixture, spec, timeline, log, ctx, clock } = dc;
    // Its own random stream: adding this dataset leaves the audit chain's content as it was.
    const rng = createRng((spec.seed ^ 0xa55e_7500) >>> 0);
    const site = fixture.sites.find((s) => s.kind === 'hospital') ?? fixture.sites[0]!;
    const organizationId = site.id;
    const admin = fixture.users.find((u) => u.id === fixture.adminUserId)!;

    // The group's administrator also administers the hospital's register (the benchmark lists it as them).
    clock.set(new Date(timeline.start.getTime() + 60_000));
    const cli: AuditActor = { userId: null, label: 'cli:custos@isms-app-01', authMethod: 'cli', ip: null, requestId: null };
    await ctx.database.db.transaction().execute((trx) => addMembershipIn(ctx, trx, cli, { organizationId, userId: admin.id, role: 'admin', expiresAt: null }));

    const levelRows = dc.sqlite.prepare<[string], { id: string; name: string; rank: number }>('select id, name, rank from classification_levels where organization_id = ? order by rank').all(organizationId);
    if (levelRows.length < 4) throw new Error(`assets dataset: the site ${site.slug} has ${levelRows.length} classification levels; expected the 4 seeded ones`);
    const levels = { public: levelRows[0]!.id, internal: levelRows[1]!.id, confidential: levelRows[2]!.id, restricted: levelRows[levelRows.length - 1]!.id };

    // Who records assets: the site's staff who may write to the register, the administrator, and a CMDB sync (API token).
    const writers = fixture.users.filter((u): u is FixtureUser => u.siteId === site.id && ROLE_PERMISSIONS[u.role].includes('asset.write'));
    const people = writers.length > 0 ? [...writers, admin] : [admin];
    const actor = (): AuditActor => {
      if (rng.chance(0.45)) return { userId: admin.id, label: admin.email, authMethod: 'api_token', ip: `${site.subnet}.1.25`, requestId: crypto.randomUUID() };
      const user = rng.pick(people);
      return { userId: user.id, label: user.email, authMethod: user.mfa ? 'password_mfa' : 'password', ip: rng.chance(0.85) ? `${site.subnet}.${rng.int(1, 254)}.${rng.int(2, 254)}` : `172.16.${rng.int(0, 31)}.${rng.int(2, 254)}`, requestId: crypto.randomUUID() };
    };

    // ---- Assets: creation times ascending with the index (40% in a first inventory load, then steady growth) ----
    const t0 = performance.now();
    const startMs = timeline.start.getTime() + 3_600_000;
    const endMs = timeline.end.getTime() - 3_600_000;
    const spanMs = endMs - startMs;
    const created = Array.from({ length: spec.assets }, () => Math.round(rng.chance(0.4) ? startMs + rng.next() * spanMs * 0.03 : startMs + rng.next() * spanMs)).sort((a, b) => a - b);
    const generate = createAssetGenerator(rng, levels, timeline.end.getTime());
    const assetColumns = tableColumns(dc, 'assets');
    const assetIds: string[] = new Array<string>(spec.assets);
    const assetNames: string[] = new Array<string>(spec.assets);
    const assetTypes: AssetType[] = new Array<AssetType>(spec.assets);
    const assetRows: SqlValue[][] = new Array<SqlValue[]>(spec.assets);
    const assetEvents: BulkAuditEvent[] = new Array<BulkAuditEvent>(spec.assets);
    const typeCounts: Record<string, number> = {};
    let ephiCount = 0;
    let pastSupport = 0;
    let flat = 0;
    let unclassified = 0;
    const todayIso = isoDate(timeline.end.getTime());
    for (let i = 0; i < spec.assets; i += 1) {
      const type = rng.weighted(TYPE_MIX);
      const { fields, classificationId } = generate(type, i);
      const id = crypto.randomUUID();
      const at = new Date(created[i]!).toISOString();
      const row = { ...fieldsToRow(fields, classificationId), id, organization_id: organizationId, created_at: at, updated_at: at, gap_count_stored: 0, unsupported_flat_candidate: 0 };
      assetRows[i] = toValues('assets', assetColumns, row);
      assetIds[i] = id;
      assetNames[i] = fields.name;
      assetTypes[i] = type;
      typeCounts[type] = (typeCounts[type] ?? 0) + 1;
      if (row.handles_ephi === 1) ephiCount += 1;
      if (fields.endOfSupport && fields.endOfSupport < todayIso) pastSupport += 1;
      if (fields.networkSegment === 'flat') flat += 1;
      if (classificationId === null) unclassified += 1;
      assetEvents[i] = { occurredAt: at, actor: actor(), type: 'asset.created', subjectType: 'asset', subjectId: id, changes: diffFields(null, { ...fields, classificationId }) };
    }
    log(`  assets: ${spec.assets.toLocaleString('en-US')} assets built and validated in ${((performance.now() - t0) / 1000).toFixed(1)} s (${Object.entries(typeCounts).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(', ')})`);

    // ---- Data flows: from an asset to an older or newer asset, or to an external party; recorded after both ends exist ----
    const byType = new Map<AssetType, number[]>();
    for (let i = 0; i < assetTypes.length; i += 1) {
      let list = byType.get(assetTypes[i]!);
      if (!list) byType.set(assetTypes[i]!, (list = []));
      list.push(i);
    }
    const pickOf = (types: WeightedTable<AssetType>): number => {
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const list = byType.get(rng.weighted(types));
        if (list && list.length > 0) return rng.pick(list);
      }
      return rng.int(0, spec.assets - 1);
    };
    const SOURCE_TYPES: WeightedTable<AssetType> = [['application', 35], ['medical_device', 30], ['infrastructure', 15], ['information', 10], ['endpoint', 5], ['supplier_service', 5]];
    const TARGET_TYPES: WeightedTable<AssetType> = [['application', 50], ['infrastructure', 25], ['information', 15], ['supplier_service', 10]];
    const flowColumns = tableColumns(dc, 'data_flows');
    const flowRows: SqlValue[][] = [];
    const flowEvents: BulkAuditEvent[] = [];
    const flowTimes: number[] = [];
    let externalFlows = 0;
    let externalWithoutAgreement = 0;
    for (let k = 0; k < spec.dataFlows; k += 1) {
      const source = pickOf(SOURCE_TYPES);
      const external = rng.chance(0.25);
      let target: number | null = null;
      if (!external) {
        target = pickOf(TARGET_TYPES);
        if (target === source) target = (source + 1) % spec.assets;
      }
      const categories = rng.weighted(FLOW_CATEGORIES);
      const agreement = external ? (rng.chance(0.65) ? `${rng.pick(['DSA', 'BAA', 'DPA'])}-${rng.int(2019, 2026)}-${String(rng.int(1, 250)).padStart(3, '0')}` : null) : rng.chance(0.15) ? `ISA-${rng.int(100, 999)}` : null;
      if (external) {
        externalFlows += 1;
        if (!agreement) externalWithoutAgreement += 1;
      }
      const input: TDataFlowFields = ZDataFlowFields.parse({
        sourceAssetId: assetIds[source]!, targetAssetId: target === null ? null : assetIds[target]!, externalParty: external ? rng.pick(EXTERNAL_PARTIES) : null,
        purpose: rng.pick(FLOW_PURPOSES), dataCategories: categories, transportEncrypted: rng.chance(0.88), agreementReference: agreement,
      });
      const ready = Math.max(created[source]!, target === null ? 0 : created[target]!);
      const at = Math.min(endMs, ready + rng.int(60, 60 * 86_400) * 1000);
      const iso = new Date(at).toISOString();
      const id = crypto.randomUUID();
      const row = {
        id, organization_id: organizationId, source_asset_id: input.sourceAssetId, target_asset_id: input.targetAssetId ?? null, external_party: input.targetAssetId ? null : (input.externalParty ?? null),
        purpose: input.purpose, data_categories: JSON.stringify([...new Set(input.dataCategories)]), has_ephi: input.dataCategories.includes('ephi') ? 1 : 0,
        transport_encrypted: input.transportEncrypted ? 1 : 0, agreement_reference: input.agreementReference || null, created_at: iso, updated_at: iso,
      };
      flowRows.push(toValues('data_flows', flowColumns, row));
      flowTimes.push(at);
      flowEvents.push({ occurredAt: iso, actor: actor(), type: 'data_flow.created', subjectType: 'data_flow', subjectId: id, changes: { ...input } });
    }

    // ---- Dependencies: only from a higher to a lower index (acyclic), mostly on services ----
    const serviceIndices = assetTypes.flatMap((type, i) => (SERVICE_TYPES.has(type) ? [i] : []));
    const depColumns = tableColumns(dc, 'asset_dependencies');
    const depRows: SqlValue[][] = [];
    const depEvents: BulkAuditEvent[] = [];
    const depTimes: number[] = [];
    const pairs = new Set<string>();
    let guard = 0;
    while (depRows.length < spec.assetDependencies && guard < spec.assetDependencies * 20) {
      guard += 1;
      const from = rng.int(1, spec.assets - 1);
      // The services created before `from` are serviceIndices[0 .. below): pick among them, else any older asset.
      let below = 0;
      for (let lo = 0, hi = serviceIndices.length; lo < hi; ) {
        const mid = (lo + hi) >> 1;
        if (serviceIndices[mid]! < from) lo = below = mid + 1;
        else hi = mid;
      }
      const to = below > 0 && rng.chance(0.9) ? serviceIndices[rng.int(0, below - 1)]! : rng.int(0, from - 1);
      const key = `${from}>${to}`;
      if (pairs.has(key)) continue;
      pairs.add(key);
      const at = Math.min(endMs, created[from]! + rng.int(60, 30 * 86_400) * 1000);
      const iso = new Date(at).toISOString();
      depRows.push(toValues('asset_dependencies', depColumns, { id: crypto.randomUUID(), organization_id: organizationId, asset_id: assetIds[from]!, depends_on_id: assetIds[to]!, created_at: iso }));
      depTimes.push(at);
      depEvents.push({ occurredAt: iso, actor: actor(), type: 'asset.dependency_added', subjectType: 'asset', subjectId: assetIds[from]!, changes: { dependsOnId: assetIds[to]!, dependsOnName: assetNames[to]! } });
    }
    if (depRows.length < spec.assetDependencies) throw new Error(`assets dataset: only ${depRows.length} distinct dependencies found`);

    // ---- Write in creation order: each chunk's rows and their audit events in one transaction ----
    const items: Item[] = [
      ...created.map((at, index): Item => ({ at, kind: 'asset', index })),
      ...flowTimes.map((at, index): Item => ({ at, kind: 'flow', index })),
      ...depTimes.map((at, index): Item => ({ at, kind: 'dependency', index })),
    ];
    // Stable: an asset sorts before a flow or dependency of the same instant (both ends exist first).
    const order = { asset: 0, flow: 1, dependency: 2 } as const;
    items.sort((a, b) => a.at - b.at || order[a.kind] - order[b.kind] || a.index - b.index);
    const writer = new AuditChainWriter(dc.sqlite, organizationId, { rowsPerTransaction: Number.MAX_SAFE_INTEGER, rowsPerStatement: 5_000 });
    const setupEvents = writer.headSeq;
    const CHUNK = 10_000;
    const t1 = performance.now();
    let insertSeconds = 0;
    for (let start = 0; start < items.length; start += CHUNK) {
      const chunk = items.slice(start, start + CHUNK);
      const assets: SqlValue[][] = [];
      const flows: SqlValue[][] = [];
      const deps: SqlValue[][] = [];
      for (const item of chunk) {
        if (item.kind === 'asset') {
          assets.push(assetRows[item.index]!);
          writer.push(assetEvents[item.index]!);
        } else if (item.kind === 'flow') {
          flows.push(flowRows[item.index]!);
          writer.push(flowEvents[item.index]!);
        } else {
          deps.push(depRows[item.index]!);
          writer.push(depEvents[item.index]!);
        }
      }
      const t = performance.now();
      // Assets first (a flow or dependency of this chunk may point at an asset of this chunk); the writer's
      // own transaction nests as a savepoint, so rows and events commit together.
      dc.sqlite.transaction(() => {
        bulkInsert(dc.sqlite, 'assets', assetColumns, assets);
        bulkInsert(dc.sqlite, 'data_flows', flowColumns, flows);
        bulkInsert(dc.sqlite, 'asset_dependencies', depColumns, deps);
        writer.flush();
      })();
      insertSeconds += (performance.now() - t) / 1000;
    }
    const chain = writer.finish();
    log(`  assets: ${items.length.toLocaleString('en-US')} rows and events written in ${((performance.now() - t1) / 1000).toFixed(1)} s (${insertSeconds.toFixed(1)} s inserting; ${Math.round(chain.changesBytes / Math.max(1, chain.events))} bytes of changes per event); chain ${organizationId} head seq ${chain.headSeq}`);

    // The stored gap columns, as the services keep them (bulk inserts bypass the services).
    const tRefresh = performance.now();
    await refreshStoredGaps(ctx.database.db, organizationId, { all: true });
    log(`  assets: stored gap columns computed in ${((performance.now() - tRefresh) / 1000).toFixed(1)} s`);

    // What the register looks like to the gaps page (every rule evaluated once), for the manifest.
    clock.set(timeline.end);
    const access: OrgAccess = { organizationId, organizationName: site.name, mfaRequired: false, isDemo: false, timeZone: 'Europe/London', role: 'admin', permissions: [...ROLE_PERMISSIONS.admin] };
    const gaps = await gapSummary(ctx, access);
    log(`  assets: gaps ${gaps.total.toLocaleString('en-US')} (${gaps.rules.filter((r) => r.count > 0).map((r) => `${r.rule} ${r.count}`).join(', ')})`);
    return {
      organizationId,
      organizationSlug: site.slug,
      assets: spec.assets,
      dataFlows: flowRows.length,
      externalFlows,
      externalFlowsWithoutAgreement: externalWithoutAgreement,
      dependencies: depRows.length,
      ephiAssets: ephiCount,
      endOfSupportPast: pastSupport,
      flatNetwork: flat,
      classificationLevels: levelRows.map((l) => l.name).join(', '),
      unclassified,
      gapsTotal: gaps.total,
      ...Object.fromEntries(Object.entries(typeCounts).map(([type, n]) => [`type.${type}`, n])),
      ...Object.fromEntries(gaps.rules.map((r) => [`gaps.${r.rule}`, r.count])),
      setupEvents,
      headSeq: chain.headSeq,
      headHash: chain.headHash,
      insertSeconds: Math.round(insertSeconds * 100) / 100,
      rowsPerAssetStatement: rowsPerStatement(assetColumns.length),
    };
  },
};
