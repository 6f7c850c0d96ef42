/** The import's fast path judges a row exactly as the contract does: same output when valid, zod otherwise. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASSET_TYPES, DATA_CATEGORIES, HOSTING, LIFECYCLE_STATUSES, ZAssetFields } from '../../../shared/contracts/assets.js';
import { fastAssetFields } from './asset-io.js';

let taken = 0;
function agrees(input: Record<string, unknown>): boolean {
  const fast = fastAssetFields(input);
  if (fast !== null) taken += 1;
  const parsed = ZAssetFields.safeParse(input);
  if (fast === null) return true; // zod judges it (valid or not): the fast path only ever declines
  expect(parsed.success).toBe(true);
  expect(fast).toStrictEqual(parsed.data);
  return true;
}

describe('fastAssetFields', () => {
  it('gives what ZAssetFields gives for any row, and declines every row the contract refuses', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constantFrom('', ' ', '  padded  ', '\t', 'a\u0000b', 'a\u007Fb', 'a\u0085b', 'line\nbreak', 'tab\there', 'x'.repeat(50), 'x'.repeat(51), 'x'.repeat(120), 'x'.repeat(121), 'x'.repeat(200), 'x'.repeat(201), ' '.repeat(3) + 'x'.repeat(200) + ' ', '\u00A0nbsp\u00A0', '\uFEFFbom'),
    );
    // Mostly plausible cells (so many rows pass), some hostile ones (so every check is crossed).
    const plain = fc.oneof(fc.constantFrom('Intensive Care', ' Radiology ', 'EP-0000001', 'Philips'), fc.string({ maxLength: 12 }));
    const text = fc.oneof({ arbitrary: plain, weight: 12 }, { arbitrary: fc.constant(null), weight: 4 }, { arbitrary: fc.constant(undefined), weight: 4 }, hostile, fc.integer(), fc.boolean());
    const number = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 4 }), weight: 20 }, fc.integer({ min: -2, max: 6 }), fc.double(), fc.constantFrom(-0, 0.5, 100000, 100000.5, Number.NaN, Number.POSITIVE_INFINITY), fc.constant(null), fc.constant(undefined), fc.string({ maxLength: 3 }));
    const flag = fc.oneof({ arbitrary: fc.boolean(), weight: 20 }, { arbitrary: fc.constant(null), weight: 5 }, fc.constant(null), fc.constant(undefined), fc.constantFrom('yes', 0, 1));
    const pick = (values: readonly string[]) => fc.oneof({ arbitrary: fc.constantFrom(...values), weight: 30 }, text);
    const list = (values: readonly string[]) => fc.oneof({ arbitrary: fc.array(fc.constantFrom(...values), { maxLength: 3 }), weight: 30 }, fc.array(fc.oneof(fc.constantFrom(...values), hostile), { maxLength: 7 }), text);
    const date = fc.oneof({ arbitrary: fc.constantFrom('2026-02-28', null), weight: 30 }, fc.constantFrom('2026-02-28', '2026-02-29', '2024-02-29', '2026-13-01', '2026-1-01', '2026-11-30T00:00:00Z'), text);
    const instant = fc.oneof({ arbitrary: fc.constantFrom('2026-11-28T10:00:00.000Z', null), weight: 30 }, fc.constantFrom('2026-11-28T10:00:00Z', '2026-11-28T10:00:00.123+01:00', '2026-11-28T10:00:00', '2026-11-28 10:00:00Z', '2026-11-28T25:00:00Z'), text);
    const id = fc.oneof({ arbitrary: fc.uuid(), weight: 30 }, fc.constantFrom('01a22665-c357-7755-a804-6322baeae257', 'not-a-uuid'), text);
    const row = fc.record(
      {
        name: text, description: text, type: pick(ASSET_TYPES), owner: text, custodian: text, location: text, lifecycle: pick(LIFECYCLE_STATUSES), classificationId: id,
        dataCategories: list(DATA_CATEGORIES), confidentiality: number, integrity: number, availability: number, patientSafetyImpact: number, rtoHours: number, rpoHours: number,
        tags: list(['clinical', 'tier-1', ' spaced ']), externalRef: text, ephiCreates: flag, ephiReceives: flag, ephiMaintains: flag, ephiTransmits: flag,
        encryptedAtRest: flag, encryptedInTransit: flag, mfaEnabled: flag, ssoEnabled: flag, vendor: text, hosting: pick(HOSTING), manufacturer: text, model: text, serialNumber: text,
        mds2OnFile: flag, endOfSupport: date, patchable: flag, networkSegment: text, connectsToEhr: flag, platform: text, mdmEnrolled: flag, passcodeEnforced: flag, byod: flag,
        assignedPerson: text, lastCheckIn: instant, unknownColumn: text,
      },
      { requiredKeys: [] },
    );
    const named = fc.tuple(row, fc.constantFrom(...ASSET_TYPES), plain).map(([r, type, name]) => ({ ...r, type: r.type === undefined ? type : r.type, name: r.name === undefined ? name : r.name }));
    // Valid rows, and valid rows with one cell made hostile: the boundary between the two paths.
    const ok = fc.oneof(fc.constantFrom('Intensive Care', ' Radiology ', 'x'.repeat(120)), fc.constant(null));
    const okFlag = fc.oneof(fc.boolean(), fc.constant(null));
    const level = fc.integer({ min: 1, max: 4 });
    const valid = fc.record({
      name: fc.constantFrom('Pump', ' padded name ', 'x'.repeat(200)), type: fc.constantFrom(...ASSET_TYPES), description: ok, owner: ok, lifecycle: fc.constantFrom(...LIFECYCLE_STATUSES),
      classificationId: fc.oneof(fc.uuid(), fc.constant(null)), dataCategories: fc.uniqueArray(fc.constantFrom(...DATA_CATEGORIES)), confidentiality: level, integrity: level, availability: level,
      patientSafetyImpact: fc.integer({ min: 0, max: 4 }), rtoHours: fc.oneof(fc.double({ min: 0, max: 100000, noNaN: true }), fc.constant(null)), tags: fc.array(fc.constantFrom('clinical', ' tier-1 ', 'x'.repeat(50)), { maxLength: 30 }),
      externalRef: fc.constantFrom('EP-1', null), ephiCreates: fc.boolean(), encryptedAtRest: okFlag, hosting: fc.oneof(fc.constantFrom(...HOSTING), fc.constant(null)), serialNumber: ok,
      endOfSupport: fc.constantFrom('2026-02-28', '2024-02-29', null), platform: ok, byod: okFlag, lastCheckIn: fc.constantFrom('2026-11-28T10:00:00.000Z', '2026-11-28T10:00:00+01:00', null),
    }, { requiredKeys: ['name', 'type'] });
    const anyCell = fc.oneof(hostile, fc.integer({ min: -1, max: 5 }), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(hostile, { maxLength: 3 }), fc.constantFrom('2026-02-29', 'planned ', 'EPHI'));
    const mutated = fc.tuple(valid, fc.constantFrom(...Object.keys(ZAssetFields.shape)), anyCell).map(([r, key, cell]) => ({ ...r, [key]: cell }));
    taken = 0;
    fc.assert(fc.property(fc.oneof(row, named, valid, mutated), (input) => agrees(input as Record<string, unknown>)), { numRuns: 3000 });
    // Both sides are exercised: some rows the fast path takes, the others zod judges.
    expect(taken).toBeGreaterThan(500);
    expect(taken).toBeLessThan(2900);
  });

  it('takes the common rows (valid and complete, or sparse with defaults) itself', () => {
    const full = {
      name: '  Infusion pump ICU-00001 ', type: 'medical_device', description: 'Line one\nline two', owner: 'Intensive Care', custodian: null, location: undefined, lifecycle: 'retired',
      classificationId: '01a22665-c357-7755-a804-6322baeae257', dataCategories: ['ephi', 'personal_data'], confidentiality: 4, integrity: 3, availability: 1, patientSafetyImpact: 0,
      rtoHours: 0.25, rpoHours: null, tags: [' clinical ', 'tier-1'], externalRef: 'EP-0000001', ephiCreates: true, ephiReceives: false, ephiMaintains: true, ephiTransmits: false,
      encryptedAtRest: null, encryptedInTransit: true, mfaEnabled: false, ssoEnabled: null, vendor: null, hosting: 'saas', manufacturer: 'BD', model: 'Alaris 8015', serialNumber: 'A1B2',
      mds2OnFile: true, endOfSupport: '2024-02-29', patchable: false, networkSegment: 'flat', connectsToEhr: true, platform: 'VxWorks 6.9', mdmEnrolled: null, passcodeEnforced: null, byod: null,
      assignedPerson: null, lastCheckIn: '2026-11-28T10:00:00.000Z',
    };
    for (const input of [full, { name: 'Sparse', type: 'people' }, { name: 'Defaults', type: 'facility', lifecycle: undefined, tags: undefined, confidentiality: undefined, owner: undefined }]) {
      expect(fastAssetFields(input)).not.toBeNull();
      agrees(input);
    }
  });
});
