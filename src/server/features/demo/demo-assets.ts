/**
 * The demo hospital's inventory: the systems, devices and flows a 400-bed hospital would list first,
 * with a few honest gaps (an unsupported MRI on a flat network, unmanaged BYOD phones with ePHI,
 * dictation sent to a cloud service without a BAA on record, a portal without MFA).
 */
import type { TAssetFields, TDataFlowFields } from '../../../shared/contracts/assets.js';
import { ROLE_PERMISSIONS } from '../../../shared/permissions.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { ZAssetFields } from '../../../shared/contracts/assets.js';
import { addDependency, createAsset, createFlow, listLevels } from '../assets/index.js';

type DemoAsset = Omit<Partial<TAssetFields>, 'classificationId'> & { key: string; name: string; type: TAssetFields['type']; level?: string };

const ASSETS: DemoAsset[] = [
  { key: 'ehr', name: 'Electronic health record (EHR)', type: 'application', externalRef: 'CMDB-APP-001', vendor: 'Epicure Health Systems', hosting: 'on_premises', owner: 'Chief Medical Information Officer', custodian: 'IT Applications', level: 'Restricted (PHI)', dataCategories: ['ephi', 'personal_data', 'financial'], confidentiality: 4, integrity: 4, availability: 4, patientSafetyImpact: 4, rtoHours: 4, rpoHours: 0.25, ephiCreates: true, ephiReceives: true, ephiMaintains: true, ephiTransmits: true, encryptedAtRest: true, encryptedInTransit: true, mfaEnabled: true, ssoEnabled: true, tags: ['clinical', 'tier-1'] },
  { key: 'ehrdb', name: 'EHR database cluster', type: 'infrastructure', externalRef: 'CMDB-SRV-014', owner: 'Head of IT Infrastructure', level: 'Restricted (PHI)', dataCategories: ['ephi'], confidentiality: 4, integrity: 4, availability: 4, ephiMaintains: true, encryptedAtRest: true, encryptedInTransit: true, location: 'Main campus data centre', tags: ['tier-1'] },
  { key: 'pacs', name: 'Picture archiving (PACS)', type: 'application', externalRef: 'CMDB-APP-002', vendor: 'Radiant Imaging', hosting: 'on_premises', owner: 'Head of Radiology', level: 'Restricted (PHI)', dataCategories: ['ephi'], confidentiality: 3, integrity: 3, availability: 3, patientSafetyImpact: 3, ephiReceives: true, ephiMaintains: true, ephiTransmits: true, encryptedAtRest: true, encryptedInTransit: true, mfaEnabled: true, tags: ['clinical'] },
  { key: 'lis', name: 'Laboratory information system (LIS)', type: 'application', externalRef: 'CMDB-APP-003', vendor: 'LabLine', hosting: 'on_premises', owner: 'Laboratory Director', level: 'Restricted (PHI)', dataCategories: ['ephi'], confidentiality: 3, integrity: 3, availability: 3, patientSafetyImpact: 3, ephiCreates: true, ephiTransmits: true, encryptedAtRest: true, encryptedInTransit: true, mfaEnabled: true, tags: ['clinical'] },
  { key: 'pharmacy', name: 'Pharmacy system', type: 'application', externalRef: 'CMDB-APP-004', vendor: 'RxCentral', hosting: 'on_premises', owner: 'Chief Pharmacist', level: 'Restricted (PHI)', dataCategories: ['ephi'], confidentiality: 4, integrity: 4, availability: 4, patientSafetyImpact: 4, ephiReceives: true, ephiMaintains: true, encryptedAtRest: true, encryptedInTransit: true, mfaEnabled: true, tags: ['clinical'] },
  { key: 'portal', name: 'Patient portal', type: 'application', externalRef: 'CMDB-APP-005', vendor: 'Epicure Health Systems', hosting: 'cloud', owner: 'Director of Digital Services', level: 'Restricted (PHI)', dataCategories: ['ephi', 'personal_data'], confidentiality: 3, integrity: 3, availability: 2, ephiTransmits: true, encryptedAtRest: true, encryptedInTransit: true, mfaEnabled: false, tags: ['internet-facing'] },
  { key: 'email', name: 'E-mail (Microsoft 365)', type: 'supplier_service', externalRef: 'CMDB-SVC-010', vendor: 'Microsoft', hosting: 'saas', owner: 'Head of IT Infrastructure', level: 'Confidential', dataCategories: ['personal_data', 'ephi'], confidentiality: 3, integrity: 3, availability: 3, ephiTransmits: true, encryptedAtRest: true, encryptedInTransit: true, mfaEnabled: true, ssoEnabled: true },
  { key: 'backup', name: 'Backup system', type: 'infrastructure', externalRef: 'CMDB-SRV-020', owner: 'Head of IT Infrastructure', level: 'Restricted (PHI)', dataCategories: ['ephi'], confidentiality: 3, integrity: 3, availability: 3, ephiMaintains: true, encryptedAtRest: true, encryptedInTransit: true, rtoHours: 24, location: 'Secondary site' },
  { key: 'ad', name: 'Active Directory', type: 'infrastructure', externalRef: 'CMDB-SRV-001', owner: 'Head of IT Infrastructure', level: 'Confidential', dataCategories: ['personal_data'], confidentiality: 3, integrity: 4, availability: 4, encryptedAtRest: true, encryptedInTransit: true, tags: ['tier-1', 'identity'] },
  { key: 'dc', name: 'Main campus data centre', type: 'facility', owner: 'Facilities Manager', confidentiality: 2, integrity: 2, availability: 3, location: 'Building C, basement' },
  { key: 'pumps', name: 'Infusion pumps (fleet of 240)', type: 'medical_device', externalRef: 'BIOMED-IP-FLEET', manufacturer: 'FlowMed', model: 'FM-700', owner: 'Biomedical Engineering', level: 'Confidential', dataCategories: ['ephi'], confidentiality: 2, integrity: 4, availability: 4, patientSafetyImpact: 4, ephiReceives: true, mds2OnFile: true, endOfSupport: '2029-06-30', patchable: true, networkSegment: 'VLAN 40 medical devices', connectsToEhr: true, encryptedAtRest: true, encryptedInTransit: true },
  { key: 'mri', name: 'MRI scanner (Radiology 1)', type: 'medical_device', externalRef: 'BIOMED-MRI-01', manufacturer: 'Magnetix', model: 'MX 1.5T', serialNumber: 'MX15-88213', owner: 'Head of Radiology', level: 'Confidential', dataCategories: ['ephi'], confidentiality: 3, integrity: 3, availability: 3, patientSafetyImpact: 3, ephiCreates: true, ephiTransmits: true, mds2OnFile: false, endOfSupport: '2023-12-31', patchable: false, networkSegment: 'flat', connectsToEhr: true, encryptedAtRest: true },
  { key: 'monitors', name: 'Patient monitors (ICU)', type: 'medical_device', externalRef: 'BIOMED-PM-ICU', manufacturer: 'VitalSense', model: 'VS-12', owner: 'Biomedical Engineering', level: 'Confidential', dataCategories: ['ephi'], confidentiality: 3, integrity: 4, availability: 4, patientSafetyImpact: 4, ephiCreates: true, ephiTransmits: true, mds2OnFile: true, endOfSupport: '2028-01-31', patchable: true, networkSegment: 'VLAN 41 ICU monitoring', connectsToEhr: true, encryptedAtRest: true, encryptedInTransit: true },
  { key: 'nursepcs', name: 'Nurse-station PCs', type: 'endpoint', externalRef: 'CMDB-EP-NURSE', owner: 'IT Service Desk', level: 'Restricted (PHI)', dataCategories: ['ephi'], confidentiality: 3, integrity: 2, availability: 2, ephiReceives: true, encryptedAtRest: true, tags: ['shared-workstation'] },
  { key: 'phones', name: "Clinicians' phones (BYOD)", type: 'mobile_device', externalRef: 'MDM-BYOD-CLIN', owner: 'IT Service Desk', level: 'Restricted (PHI)', dataCategories: ['ephi'], confidentiality: 3, integrity: 2, availability: 1, ephiReceives: true, platform: 'iOS / Android', mdmEnrolled: false, encryptedAtRest: true, passcodeEnforced: false, byod: true, assignedPerson: 'Clinical staff' },
  { key: 'laptops', name: "Clinicians' laptops", type: 'mobile_device', externalRef: 'MDM-LAP-CLIN', owner: 'IT Service Desk', level: 'Restricted (PHI)', dataCategories: ['ephi'], confidentiality: 3, integrity: 2, availability: 2, ephiReceives: true, ephiMaintains: true, platform: 'Windows 11', mdmEnrolled: true, encryptedAtRest: true, passcodeEnforced: true, byod: false, lastCheckIn: '2026-11-27T08:15:00.000Z' },
  { key: 'transcription', name: 'Cloud transcription service', type: 'supplier_service', externalRef: 'VENDOR-SCRIBE', vendor: 'ScribeCloud', hosting: 'saas', owner: 'Chief Medical Information Officer', level: 'Restricted (PHI)', dataCategories: ['ephi'], confidentiality: 3, integrity: 2, availability: 2, ephiReceives: true, encryptedAtRest: true, encryptedInTransit: true, mfaEnabled: true },
  { key: 'clearinghouse', name: 'Billing clearinghouse', type: 'supplier_service', externalRef: 'VENDOR-CLAIMS', vendor: 'ClaimBridge', hosting: 'saas', owner: 'Director of Revenue Cycle', level: 'Restricted (PHI)', dataCategories: ['ephi', 'financial'], confidentiality: 3, integrity: 3, availability: 2, ephiReceives: true, ephiTransmits: true, encryptedAtRest: true, encryptedInTransit: true, mfaEnabled: true },
  { key: 'records', name: 'Patient records (data set)', type: 'information', owner: 'Health Information Management', level: 'Restricted (PHI)', dataCategories: ['ephi', 'personal_data'], confidentiality: 4, integrity: 4, availability: 4, ephiMaintains: true, encryptedAtRest: true },
];

const DEPENDENCIES: [string, string][] = [
  ['ehr', 'ehrdb'], ['ehr', 'ad'], ['ehrdb', 'dc'], ['pacs', 'ad'], ['pacs', 'dc'], ['lis', 'ehr'], ['pharmacy', 'ehr'], ['portal', 'ehr'], ['nursepcs', 'ehr'], ['backup', 'dc'], ['ad', 'dc'],
];

const FLOWS: (Omit<TDataFlowFields, 'sourceAssetId' | 'targetAssetId'> & { from: string; to?: string })[] = [
  { from: 'lis', to: 'ehr', purpose: 'Lab results to the patient chart (HL7)', dataCategories: ['ephi'], transportEncrypted: true },
  { from: 'pacs', to: 'ehr', purpose: 'Imaging reports and links', dataCategories: ['ephi'], transportEncrypted: true },
  { from: 'mri', to: 'pacs', purpose: 'DICOM images', dataCategories: ['ephi'], transportEncrypted: false },
  { from: 'monitors', to: 'ehr', purpose: 'Vital signs to flowsheets', dataCategories: ['ephi'], transportEncrypted: true },
  { from: 'ehr', to: 'pharmacy', purpose: 'Medication orders', dataCategories: ['ephi'], transportEncrypted: true },
  { from: 'pharmacy', to: 'pumps', purpose: 'Drug library and infusion orders', dataCategories: ['ephi'], transportEncrypted: true },
  { from: 'ehr', to: 'portal', purpose: 'Results and letters for patients', dataCategories: ['ephi', 'personal_data'], transportEncrypted: true },
  { from: 'ehrdb', to: 'backup', purpose: 'Nightly encrypted backups', dataCategories: ['ephi'], transportEncrypted: true },
  { from: 'ehr', externalParty: 'ScribeCloud Inc. (transcription)', purpose: 'Dictation audio for transcription', dataCategories: ['ephi'], transportEncrypted: true, agreementReference: null },
  { from: 'ehr', externalParty: 'ClaimBridge LLC (clearinghouse)', purpose: 'Claims (837) and remittances', dataCategories: ['ephi', 'financial'], transportEncrypted: true, agreementReference: 'BAA-2024-007' },
  { from: 'lis', externalParty: 'State public health department', purpose: 'Reportable conditions (required by law)', dataCategories: ['ephi'], transportEncrypted: true, agreementReference: 'Public health reporting, 45 CFR 164.512(b)' },
];

/** Loads the inventory; returns the new assets' ids by their key in this file. */
export async function loadDemoAssets(ctx: AppContext, actor: AuditActor, hospital: { id: string; name: string }): Promise<Map<string, string>> {
  const access: OrgAccess = { organizationId: hospital.id, organizationName: hospital.name, mfaRequired: false, isDemo: true, timeZone: 'America/New_York', role: 'admin', permissions: [...ROLE_PERMISSIONS.admin] };
  const levels = new Map((await listLevels(ctx, access)).items.map((l) => [l.name, l.id]));
  const ids = new Map<string, string>();
  for (const { key, level, ...fields } of ASSETS) {
    const parsed = ZAssetFields.parse({ ...fields, classificationId: level ? levels.get(level) : null });
    ids.set(key, (await createAsset(ctx, access, actor, parsed)).id);
  }
  for (const [from, to] of DEPENDENCIES) await addDependency(ctx, access, actor, ids.get(from)!, ids.get(to)!);
  for (const { from, to, ...flow } of FLOWS) await createFlow(ctx, access, actor, { ...flow, sourceAssetId: ids.get(from)!, targetAssetId: to ? ids.get(to)! : null });
  return ids;
}
