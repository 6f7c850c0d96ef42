import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, type Role } from '../../../shared/permissions.js';
import { defaultMethod } from '../../../shared/risk-method.js';
import { acceptanceAbility, acceptanceRefusal, acceptanceState, acceptingRole, type AcceptanceAbilityInput } from './risk-acceptance.policy.js';

const method = defaultMethod();
const OWNER = 'owner-user';
const OTHER = 'other-user';

function input(role: Role, levelKey: string | null, overrides: Partial<AcceptanceAbilityInput> = {}): AcceptanceAbilityInput {
  return { method, levelKey, role, userId: OTHER, ownerUserId: OWNER, permissions: ROLE_PERMISSIONS[role], needsSignOff: false, ...overrides };
}

describe('acceptingRole', () => {
  it('takes the highest of top management, ISMS manager and owner of this risk', () => {
    expect(acceptingRole({ role: 'top_management', userId: OWNER, ownerUserId: OWNER })).toBe('top_management');
    expect(acceptingRole({ role: 'isms_manager', userId: OWNER, ownerUserId: OWNER })).toBe('isms_manager');
    expect(acceptingRole({ role: 'risk_owner', userId: OWNER, ownerUserId: OWNER })).toBe('risk_owner');
    expect(acceptingRole({ role: 'admin', userId: OWNER, ownerUserId: OWNER })).toBe('risk_owner');
    expect(acceptingRole({ role: 'risk_owner', userId: OTHER, ownerUserId: OWNER })).toBeNull();
    expect(acceptingRole({ role: 'admin', userId: OTHER, ownerUserId: OWNER })).toBeNull();
    expect(acceptingRole({ role: 'risk_owner', userId: OTHER, ownerUserId: null })).toBeNull();
  });
});

describe('acceptanceAbility', () => {
  // The seeded method: low → risk owner, medium → ISMS manager, high → top management, critical → never.
  const cases: [string, (Partial<AcceptanceAbilityInput> & { role: Role }), Record<string, boolean>][] = [
    ['the owner (risk_owner role)', { role: 'risk_owner', userId: OWNER }, { low: true, medium: false, high: false, critical: false }],
    ['a risk owner who does not own the risk', { role: 'risk_owner' }, { low: false, medium: false, high: false, critical: false }],
    ['the ISMS manager', { role: 'isms_manager' }, { low: true, medium: true, high: false, critical: false }],
    ['top management', { role: 'top_management' }, { low: true, medium: true, high: true, critical: false }],
    ['an admin who does not own the risk', { role: 'admin' }, { low: false, medium: false, high: false, critical: false }],
    ['an admin who owns the risk', { role: 'admin', userId: OWNER }, { low: true, medium: false, high: false, critical: false }],
    ['the clinical safety officer', { role: 'clinical_safety_officer' }, { low: false, medium: false, high: false, critical: false }],
    ['an auditor who owns the risk (no risk.accept)', { role: 'auditor', userId: OWNER }, { low: false, medium: false, high: false, critical: false }],
    ['a privacy officer who owns the risk (no risk.accept)', { role: 'privacy_officer', userId: OWNER }, { low: false, medium: false, high: false, critical: false }],
  ];
  for (const [who, overrides, expected] of cases) {
    it(`lets ${who} accept exactly ${Object.entries(expected).filter(([, v]) => v).map(([k]) => k).join(', ') || 'nothing'}`, () => {
      for (const [level, allowed] of Object.entries(expected)) {
        const ability = acceptanceAbility(input(overrides.role, level, overrides));
        expect(ability.accept, `${who} at ${level}`).toBe(allowed);
        expect(ability.acceptReason === null, `${who} at ${level}: ${ability.acceptReason}`).toBe(allowed);
      }
    });
  }

  it('explains who may accept a level', () => {
    expect(acceptanceAbility(input('risk_owner', 'high', { userId: OWNER })).acceptReason).toBe("A High risk is accepted by top management, not by the risk's owner");
    expect(acceptanceAbility(input('isms_manager', 'high')).acceptReason).toBe('A High risk is accepted by top management, not by the ISMS manager');
    expect(acceptanceAbility(input('admin', 'low')).acceptReason).toBe("A Low risk is accepted by the risk's owner, the ISMS manager or top management");
    expect(acceptanceAbility(input('top_management', 'critical')).acceptReason).toBe('A Critical risk must be treated: the method allows no acceptance');
    expect(acceptanceAbility(input('top_management', null)).acceptReason).toBe('Assess the risk first: there is no level to accept');
    expect(acceptanceAbility(input('auditor', 'low', { userId: OWNER })).acceptReason).toMatch(/permission to accept/);
    expect(acceptanceAbility(input('top_management', 'gone')).acceptReason).toMatch(/not one of the method in force/);
  });

  it('names the method version in the API refusal', () => {
    expect(acceptanceRefusal({ ...input('isms_manager', 'high'), methodVersion: 2 })).toBe('Only top management may accept a High risk under method version 2');
    expect(acceptanceRefusal({ ...input('top_management', 'critical'), methodVersion: 2 })).toBe('A Critical risk must be treated: method version 2 allows no acceptance');
    expect(acceptanceRefusal({ ...input('top_management', 'high'), methodVersion: 2 })).toBeNull();
  });

  it('lets only a clinical safety officer sign off, and only a risk that needs it', () => {
    expect(acceptanceAbility(input('clinical_safety_officer', 'high', { needsSignOff: true })).signOff).toBe(true);
    expect(acceptanceAbility(input('clinical_safety_officer', 'high', { needsSignOff: false })).signOff).toBe(false);
    for (const role of ['top_management', 'isms_manager', 'admin', 'risk_owner'] as const) expect(acceptanceAbility(input(role, 'high', { needsSignOff: true, userId: OWNER })).signOff, role).toBe(false);
  });

  it('lets the owner, an ISMS manager or an admin review, with risk.write', () => {
    expect(acceptanceAbility(input('risk_owner', 'low', { userId: OWNER })).review).toBe(true);
    expect(acceptanceAbility(input('privacy_officer', 'low', { userId: OWNER })).review).toBe(true);
    expect(acceptanceAbility(input('isms_manager', 'low')).review).toBe(true);
    expect(acceptanceAbility(input('admin', 'low')).review).toBe(true);
    expect(acceptanceAbility(input('risk_owner', 'low')).review).toBe(false);
    expect(acceptanceAbility(input('privacy_officer', 'low')).review).toBe(false);
    expect(acceptanceAbility(input('top_management', 'low', { userId: OWNER })).review).toBe(false);
    expect(acceptanceAbility(input('auditor', 'low', { userId: OWNER })).review).toBe(false);
  });
});

describe('acceptanceState', () => {
  const today = '2026-06-15';
  const held = { levelRank: 3, expiresOn: '2027-06-15' };

  it('is none without an acceptance, even with a sign-off', () => {
    expect(acceptanceState({ acceptance: null, signOff: held, needsSignOff: true, levelRank: 3, today })).toEqual({ state: 'none', staleReasons: [] });
  });

  it('is accepted while the level and the expiry hold', () => {
    expect(acceptanceState({ acceptance: held, signOff: null, needsSignOff: false, levelRank: 3, today })).toEqual({ state: 'accepted', staleReasons: [] });
    // A level that fell keeps the acceptance; no end date never expires.
    expect(acceptanceState({ acceptance: { levelRank: 3, expiresOn: null }, signOff: null, needsSignOff: false, levelRank: 1, today })).toEqual({ state: 'accepted', staleReasons: [] });
    // Expiry is the last valid day.
    expect(acceptanceState({ acceptance: { levelRank: 3, expiresOn: today }, signOff: null, needsSignOff: false, levelRank: 3, today }).state).toBe('accepted');
  });

  it('is stale when the level rose or it expired, naming why', () => {
    expect(acceptanceState({ acceptance: held, signOff: null, needsSignOff: false, levelRank: 4, today })).toEqual({ state: 'stale', staleReasons: ['level_rose'] });
    expect(acceptanceState({ acceptance: { levelRank: 3, expiresOn: '2026-06-14' }, signOff: null, needsSignOff: false, levelRank: 3, today })).toEqual({ state: 'stale', staleReasons: ['expired'] });
    expect(acceptanceState({ acceptance: { levelRank: 2, expiresOn: '2026-01-01' }, signOff: null, needsSignOff: false, levelRank: 3, today })).toEqual({ state: 'stale', staleReasons: ['level_rose', 'expired'] });
  });

  it('awaits the clinical sign-off of a patient-safety risk until one holds', () => {
    expect(acceptanceState({ acceptance: held, signOff: null, needsSignOff: true, levelRank: 3, today }).state).toBe('awaiting_sign_off');
    expect(acceptanceState({ acceptance: held, signOff: { levelRank: 3, expiresOn: null }, needsSignOff: true, levelRank: 3, today }).state).toBe('accepted');
    // The sign-off goes stale by the same rules: the level rose above it, or it expired.
    expect(acceptanceState({ acceptance: { levelRank: 4, expiresOn: null }, signOff: { levelRank: 3, expiresOn: null }, needsSignOff: true, levelRank: 4, today }).state).toBe('awaiting_sign_off');
    expect(acceptanceState({ acceptance: held, signOff: { levelRank: 3, expiresOn: '2026-06-01' }, needsSignOff: true, levelRank: 3, today }).state).toBe('awaiting_sign_off');
    // A stale acceptance is stale, whatever the sign-off.
    expect(acceptanceState({ acceptance: { levelRank: 2, expiresOn: null }, signOff: { levelRank: 4, expiresOn: null }, needsSignOff: true, levelRank: 3, today }).state).toBe('stale');
  });

  it('cannot see a level rise on a risk that is no longer assessed', () => {
    expect(acceptanceState({ acceptance: held, signOff: null, needsSignOff: false, levelRank: null, today }).state).toBe('accepted');
  });
});
