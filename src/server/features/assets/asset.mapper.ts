/** Maps the asset contract (camelCase, typed) to its row (snake_case, 0/1 flags, JSON text) and back. */
import type { TAssetFields } from '../../../shared/contracts/assets.js';
import type { AssetsTable } from './asset.tables.js';
import { criticalityOf, handlesEphi } from './asset-derived.js';

type Kind = 'text' | 'number' | 'bool' | 'nullableBool' | 'list';
type FieldKey = keyof TAssetFields;

/** Every editable field, its column and how it is stored. The CSV/XLSX/JSON columns follow this order. */
export const ASSET_FIELD_COLUMNS: readonly { field: FieldKey; column: keyof AssetsTable & string; kind: Kind }[] = [
  { field: 'externalRef', column: 'external_ref', kind: 'text' },
  { field: 'name', column: 'name', kind: 'text' },
  { field: 'type', column: 'type', kind: 'text' },
  { field: 'description', column: 'description', kind: 'text' },
  { field: 'owner', column: 'owner', kind: 'text' },
  { field: 'custodian', column: 'custodian', kind: 'text' },
  { field: 'location', column: 'location', kind: 'text' },
  { field: 'lifecycle', column: 'lifecycle', kind: 'text' },
  { field: 'dataCategories', column: 'data_categories', kind: 'list' },
  { field: 'confidentiality', column: 'confidentiality', kind: 'number' },
  { field: 'integrity', column: 'integrity', kind: 'number' },
  { field: 'availability', column: 'availability', kind: 'number' },
  { field: 'patientSafetyImpact', column: 'patient_safety_impact', kind: 'number' },
  { field: 'rtoHours', column: 'rto_hours', kind: 'number' },
  { field: 'rpoHours', column: 'rpo_hours', kind: 'number' },
  { field: 'tags', column: 'tags', kind: 'list' },
  { field: 'ephiCreates', column: 'ephi_creates', kind: 'bool' },
  { field: 'ephiReceives', column: 'ephi_receives', kind: 'bool' },
  { field: 'ephiMaintains', column: 'ephi_maintains', kind: 'bool' },
  { field: 'ephiTransmits', column: 'ephi_transmits', kind: 'bool' },
  { field: 'encryptedAtRest', column: 'encrypted_at_rest', kind: 'nullableBool' },
  { field: 'encryptedInTransit', column: 'encrypted_in_transit', kind: 'nullableBool' },
  { field: 'mfaEnabled', column: 'mfa_enabled', kind: 'nullableBool' },
  { field: 'ssoEnabled', column: 'sso_enabled', kind: 'nullableBool' },
  { field: 'vendor', column: 'vendor', kind: 'text' },
  { field: 'hosting', column: 'hosting', kind: 'text' },
  { field: 'manufacturer', column: 'manufacturer', kind: 'text' },
  { field: 'model', column: 'model', kind: 'text' },
  { field: 'serialNumber', column: 'serial_number', kind: 'text' },
  { field: 'mds2OnFile', column: 'mds2_on_file', kind: 'nullableBool' },
  { field: 'endOfSupport', column: 'end_of_support', kind: 'text' },
  { field: 'patchable', column: 'patchable', kind: 'nullableBool' },
  { field: 'networkSegment', column: 'network_segment', kind: 'text' },
  { field: 'connectsToEhr', column: 'connects_to_ehr', kind: 'nullableBool' },
  { field: 'platform', column: 'platform', kind: 'text' },
  { field: 'mdmEnrolled', column: 'mdm_enrolled', kind: 'nullableBool' },
  { field: 'passcodeEnforced', column: 'passcode_enforced', kind: 'nullableBool' },
  { field: 'byod', column: 'byod', kind: 'nullableBool' },
  { field: 'assignedPerson', column: 'assigned_person', kind: 'text' },
  { field: 'lastCheckIn', column: 'last_check_in', kind: 'text' },
];

const toFlag = (v: unknown) => (v === true ? 1 : v === false ? 0 : null);
const fromFlag = (v: unknown) => (v === 1 ? true : v === 0 ? false : null);

type StoredRow = Omit<AssetsTable, 'id' | 'organization_id' | 'created_at' | 'updated_at'>;
export type StoredValue = string | number | null;

/** The columns `storedValues` fills, in its order: the editable fields, then the derived columns. */
export const STORED_COLUMNS: readonly (keyof AssetsTable & string)[] = [...ASSET_FIELD_COLUMNS.map((c) => c.column), 'name_lower', 'search_text', 'classification_id', 'criticality', 'handles_ephi'];

/**
 * Stored values for a complete set of fields, in `STORED_COLUMNS` order, derived columns included (never
 * typed in), written from index 0 of `values` (a bulk insert passes a longer array for its own columns).
 * An array, for bulk inserts (the import); `fieldsToRow` names the same values.
 */
export function storedValues(fields: TAssetFields, classificationId: string | null, values: StoredValue[] = new Array<StoredValue>(STORED_COLUMNS.length)): StoredValue[] {
  let i = 0;
  for (const { field, kind } of ASSET_FIELD_COLUMNS) {
    const value = fields[field];
    if (kind === 'list') values[i] = JSON.stringify(value ?? []);
    else if (kind === 'bool') values[i] = value ? 1 : 0;
    else if (kind === 'nullableBool') values[i] = toFlag(value);
    else values[i] = value === undefined || value === '' ? null : (value as string | number | null);
    i += 1;
  }
  values[i++] = fields.name.toLowerCase();
  // What text search reads (one LIKE over one indexed column, ADR 0013).
  values[i++] = [fields.name, fields.externalRef ?? '', fields.description ?? ''].join('\n').toLowerCase();
  values[i++] = classificationId;
  values[i++] = criticalityOf(fields);
  values[i] = handlesEphi(fields) ? 1 : 0;
  return values;
}

/** Stored columns for a complete set of fields, derived columns included (never typed in). */
export function fieldsToRow(fields: TAssetFields, classificationId: string | null): StoredRow {
  const values = storedValues(fields, classificationId);
  const row: Record<string, unknown> = {};
  STORED_COLUMNS.forEach((column, i) => {
    row[column] = values[i];
  });
  return row as unknown as StoredRow;
}

/** The editable fields of a stored asset. */
export function rowToFields(row: AssetsTable): TAssetFields {
  const out: Record<string, unknown> = {};
  for (const { field, column, kind } of ASSET_FIELD_COLUMNS) {
    const value = row[column];
    if (kind === 'list') out[field] = JSON.parse(String(value ?? '[]')) as string[];
    else if (kind === 'bool') out[field] = value === 1;
    else if (kind === 'nullableBool') out[field] = fromFlag(value);
    else if (kind === 'number') out[field] = value === null || value === undefined ? null : Number(value);
    else out[field] = value ?? null;
  }
  out.classificationId = row.classification_id;
  return out as TAssetFields;
}
