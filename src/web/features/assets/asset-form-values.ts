/**
 * The asset form's values and their mapping to the contract (ZAssetFields): empty text is "not recorded"
 * (null), booleans that may be unknown are yes / no / unknown, and the last MDM check-in is typed as a
 * local date-time in the organization's zone. Which further fields a type asks for lives here too.
 */
import {
  ASSET_TYPES,
  ZAssetFields,
  type DATA_CATEGORIES,
  type HOSTING,
  type LIFECYCLE_STATUSES,
  type TAsset,
  type TAssetFields,
  type TCreateAssetRequest,
} from '../../../shared/contracts/assets.js';

type AssetType = (typeof ASSET_TYPES)[number];
export type TriState = 'yes' | 'no' | 'unknown';

export const FLAG_FIELDS = ['encryptedAtRest', 'encryptedInTransit', 'mfaEnabled', 'ssoEnabled', 'mds2OnFile', 'patchable', 'connectsToEhr', 'mdmEnrolled', 'passcodeEnforced', 'byod'] as const;
export const TEXT_FIELDS = ['description', 'owner', 'custodian', 'location', 'externalRef', 'vendor', 'manufacturer', 'model', 'serialNumber', 'networkSegment', 'platform', 'assignedPerson'] as const;
export const EPHI_ROLES = ['ephiCreates', 'ephiReceives', 'ephiMaintains', 'ephiTransmits'] as const;
type FlagField = (typeof FLAG_FIELDS)[number];
type TextField = (typeof TEXT_FIELDS)[number];

export type AssetFormValues = {
  name: string;
  type: AssetType;
  lifecycle: (typeof LIFECYCLE_STATUSES)[number];
  classificationId: string;
  dataCategories: (typeof DATA_CATEGORIES)[number][];
  confidentiality: number;
  integrity: number;
  availability: number;
  patientSafetyImpact: number;
  rtoHours: string;
  rpoHours: string;
  tags: string[];
  ephiCreates: boolean;
  ephiReceives: boolean;
  ephiMaintains: boolean;
  ephiTransmits: boolean;
  hosting: '' | (typeof HOSTING)[number];
  endOfSupport: string;
  /** `YYYY-MM-DDTHH:mm` in the organization's zone. */
  lastCheckIn: string;
} & Record<TextField, string> &
  Record<FlagField, TriState>;

/** Fields the contract cannot do without (no default, not optional): marked required in the form. */
export const REQUIRED_FIELDS: ReadonlySet<string> = new Set(
  Object.entries(ZAssetFields.shape)
    .filter(([, schema]) => !schema.safeParse(undefined).success)
    .map(([key]) => key),
);

// ---- Type-specific sections ----
export type TypeSection = 'application' | 'medical' | 'mobile' | 'protection';

export const SECTION_FIELDS: Record<TypeSection, readonly (keyof AssetFormValues)[]> = {
  application: ['vendor', 'hosting', 'ssoEnabled', 'mfaEnabled', 'encryptedAtRest', 'encryptedInTransit'],
  medical: ['manufacturer', 'model', 'serialNumber', 'mds2OnFile', 'endOfSupport', 'patchable', 'networkSegment', 'connectsToEhr', 'encryptedAtRest', 'encryptedInTransit'],
  mobile: ['platform', 'mdmEnrolled', 'encryptedAtRest', 'passcodeEnforced', 'byod', 'assignedPerson', 'lastCheckIn'],
  protection: ['encryptedAtRest', 'encryptedInTransit'],
};
const TYPE_SPECIFIC = new Set<string>(Object.values(SECTION_FIELDS).flat());

/** The section of further fields a type asks for; facilities and people have none. */
export function sectionOfType(type: AssetType): TypeSection | null {
  if (type === 'application' || type === 'supplier_service') return 'application';
  if (type === 'medical_device') return 'medical';
  if (type === 'mobile_device') return 'mobile';
  if (type === 'facility' || type === 'people') return null;
  return 'protection';
}

// ---- Time-zone helpers for the check-in instant ----
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Math.round((Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second')) - instant.getTime()) / 60_000);
}

export function localToInstant(local: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return local.trim() === '' ? null : local;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  let instant = asUtc - offsetMinutes(new Date(asUtc), timeZone) * 60_000;
  instant = asUtc - offsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant).toISOString();
}

export function instantToLocal(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

// ---- Values ↔ contract ----
const toTri = (value: boolean | null | undefined): TriState => (value === true ? 'yes' : value === false ? 'no' : 'unknown');
const fromTri = (value: TriState): boolean | null => (value === 'yes' ? true : value === 'no' ? false : null);
const toNumber = (value: string): number | null => (value.trim() === '' ? null : Number(value));

export function emptyValues(): AssetFormValues {
  return {
    name: '',
    type: 'application',
    lifecycle: 'in_use',
    classificationId: '',
    dataCategories: [],
    confidentiality: 2,
    integrity: 2,
    availability: 2,
    patientSafetyImpact: 0,
    rtoHours: '',
    rpoHours: '',
    tags: [],
    ephiCreates: false,
    ephiReceives: false,
    ephiMaintains: false,
    ephiTransmits: false,
    hosting: '',
    endOfSupport: '',
    lastCheckIn: '',
    ...(Object.fromEntries(TEXT_FIELDS.map((field) => [field, ''])) as Record<TextField, string>),
    ...(Object.fromEntries(FLAG_FIELDS.map((field) => [field, 'unknown'])) as Record<FlagField, TriState>),
  };
}

export function valuesOfAsset(asset: TAsset, timeZone: string): AssetFormValues {
  return {
    name: asset.name,
    type: asset.type,
    lifecycle: asset.lifecycle,
    classificationId: asset.classificationId ?? '',
    dataCategories: [...asset.dataCategories],
    confidentiality: asset.confidentiality,
    integrity: asset.integrity,
    availability: asset.availability,
    patientSafetyImpact: asset.patientSafetyImpact,
    rtoHours: asset.rtoHours === null ? '' : String(asset.rtoHours),
    rpoHours: asset.rpoHours === null ? '' : String(asset.rpoHours),
    tags: [...asset.tags],
    ephiCreates: asset.ephiCreates,
    ephiReceives: asset.ephiReceives,
    ephiMaintains: asset.ephiMaintains,
    ephiTransmits: asset.ephiTransmits,
    hosting: asset.hosting ?? '',
    endOfSupport: asset.endOfSupport ?? '',
    lastCheckIn: instantToLocal(asset.lastCheckIn, timeZone),
    ...(Object.fromEntries(TEXT_FIELDS.map((field) => [field, asset[field] ?? ''])) as Record<TextField, string>),
    ...(Object.fromEntries(FLAG_FIELDS.map((field) => [field, toTri(asset[field])])) as Record<FlagField, TriState>),
  };
}

/** Every field as the contract takes it. */
export function fieldsOfValues(values: AssetFormValues, timeZone: string): Record<keyof TAssetFields, unknown> {
  return {
    name: values.name,
    type: values.type,
    lifecycle: values.lifecycle,
    classificationId: values.classificationId || null,
    dataCategories: values.dataCategories,
    confidentiality: values.confidentiality,
    integrity: values.integrity,
    availability: values.availability,
    patientSafetyImpact: values.patientSafetyImpact,
    rtoHours: toNumber(values.rtoHours),
    rpoHours: toNumber(values.rpoHours),
    tags: values.tags,
    ephiCreates: values.ephiCreates,
    ephiReceives: values.ephiReceives,
    ephiMaintains: values.ephiMaintains,
    ephiTransmits: values.ephiTransmits,
    hosting: values.hosting || null,
    endOfSupport: values.endOfSupport || null,
    lastCheckIn: localToInstant(values.lastCheckIn, timeZone),
    ...(Object.fromEntries(TEXT_FIELDS.map((field) => [field, values[field].trim() || null])) as Record<TextField, string | null>),
    ...(Object.fromEntries(FLAG_FIELDS.map((field) => [field, fromTri(values[field])])) as Record<FlagField, boolean | null>),
  };
}

/** A new asset: the fields its type does not ask for are left out (nothing hidden is sent). */
export function createRequestOf(values: AssetFormValues, timeZone: string): TCreateAssetRequest {
  const fields = fieldsOfValues(values, timeZone);
  const section = sectionOfType(values.type);
  const asked = new Set<string>(section ? SECTION_FIELDS[section] : []);
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !TYPE_SPECIFIC.has(key) || asked.has(key))) as TCreateAssetRequest;
}

/** A change: only what differs from the record as loaded (the audit event then records exactly that). */
export function updateRequestOf(values: AssetFormValues, initial: AssetFormValues, timeZone: string): Record<string, unknown> {
  const now = fieldsOfValues(values, timeZone);
  const before = fieldsOfValues(initial, timeZone);
  return Object.fromEntries(Object.entries(now).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key as keyof TAssetFields])));
}
