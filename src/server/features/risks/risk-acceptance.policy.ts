/**
 * Who may accept a risk, sign it off or review it, and whether the acceptance on record still holds
 * (ISO/IEC 27001:2022 6.1.2 a 1 risk acceptance criteria, 6.1.3 f risk owners' approval of the residual
 * risk, 8.2 review at planned intervals). Pure: no I/O and no clock; the services and the risk detail's
 * abilities share it, so the UI never re-implements the rules. Deny by default.
 *
 * The accepting authority is the caller's highest of: top management (membership role top_management),
 * ISMS manager (membership role isms_manager), risk owner (the caller owns this risk). An administrator
 * is not an accepting authority unless they own the risk: administering the system is not a mandate to
 * accept risk on the organization's behalf. A clinical sign-off is given only by a member whose role is
 * clinical_safety_officer, and only for a risk that needs one (patient-safety impact above its lowest
 * value). A review is recorded by the risk's owner, or by an ISMS manager or administrator (who run the
 * ISMS cycle), with the risk.write permission.
 */
import type { AcceptanceState } from '../../../shared/contracts/risks.js';
import { type AcceptingRole, type TRiskMethod } from '../../../shared/contracts/risk-method.js';
import type { Permission, Role } from '../../../shared/permissions.js';
import { acceptanceStaleReasons, canAccept, type AcceptanceStaleReason } from '../../../shared/risk-method.js';

export interface AcceptanceAbilityInput {
  /** The method in force. */
  method: TRiskMethod;
  /** The level key of the risk's acceptance stage under `method`, or null when no stage is assessed. */
  levelKey: string | null;
  /** The caller's membership role in the risk's organization. */
  role: Role;
  userId: string | null;
  /** The risk's owner, or null. */
  ownerUserId: string | null;
  /** The caller's effective permissions in the organization. */
  permissions: readonly Permission[];
  /** Patient safety is assessed above its lowest value at some stage. */
  needsSignOff: boolean;
}

export interface AcceptanceAbility {
  accept: boolean;
  /** Why `accept` is false (safe to show), or null when it is true. */
  acceptReason: string | null;
  signOff: boolean;
  review: boolean;
}

const AUTHORITY_WORDS: Record<AcceptingRole, string> = { risk_owner: "the risk's owner", isms_manager: 'the ISMS manager', top_management: 'top management' };

/** The caller's highest accepting authority for this risk, or null when they hold none. */
export function acceptingRole(input: Pick<AcceptanceAbilityInput, 'role' | 'userId' | 'ownerUserId'>): AcceptingRole | null {
  if (input.role === 'top_management') return 'top_management';
  if (input.role === 'isms_manager') return 'isms_manager';
  if (input.userId !== null && input.ownerUserId !== null && input.userId === input.ownerUserId) return 'risk_owner';
  return null;
}

/** Who may accept a level, in words: "the risk's owner, the ISMS manager or top management". */
function whoMayAccept(required: AcceptingRole): string {
  if (required === 'top_management') return 'top management';
  if (required === 'isms_manager') return 'the ISMS manager or top management';
  return "the risk's owner, the ISMS manager or top management";
}

/** "a High risk" / "an Extreme risk". */
function aLevel(label: string): string {
  return `${/^[aeiou]/iu.test(label) ? 'an' : 'a'} ${label} risk`;
}

type Refusal = { kind: 'permission' | 'not_assessed' | 'unknown_level' } | { kind: 'never'; label: string } | { kind: 'authority'; label: string; required: AcceptingRole; role: AcceptingRole | null };

/** Why the caller may not accept the risk's level, or null when they may. */
function acceptanceRefusalOf(input: AcceptanceAbilityInput): Refusal | null {
  if (!input.permissions.includes('risk.accept')) return { kind: 'permission' };
  if (input.levelKey === null) return { kind: 'not_assessed' };
  const level = input.method.levels.find((l) => l.key === input.levelKey);
  if (!level) return { kind: 'unknown_level' };
  if (level.acceptance === 'never') return { kind: 'never', label: level.label };
  const role = acceptingRole(input);
  if (role === null || !canAccept(input.method, level.key, role)) return { kind: 'authority', label: level.label, required: level.acceptance, role };
  return null;
}

function reasonText(refusal: Refusal, methodVersion: number | null): string {
  const under = methodVersion === null ? '' : ` under method version ${methodVersion}`;
  switch (refusal.kind) {
    case 'permission':
      return 'You do not have the permission to accept risks in this organization';
    case 'not_assessed':
      return 'Assess the risk first: there is no level to accept';
    case 'unknown_level':
      return 'Assess the risk again: its level is not one of the method in force';
    case 'never':
      return `${capitalise(aLevel(refusal.label))} must be treated: ${methodVersion === null ? 'the method' : `method version ${methodVersion}`} allows no acceptance`;
    case 'authority':
      if (methodVersion !== null) return `Only ${whoMayAccept(refusal.required)} may accept ${aLevel(refusal.label)}${under}`;
      return `${capitalise(aLevel(refusal.label))} is accepted by ${whoMayAccept(refusal.required)}${refusal.role === null ? '' : `, not by ${AUTHORITY_WORDS[refusal.role]}`}`;
  }
}

/** What the caller may do with the risk's acceptance and review, with the reason when acceptance is refused. */
export function acceptanceAbility(input: AcceptanceAbilityInput): AcceptanceAbility {
  const signOff = input.permissions.includes('risk.accept') && input.role === 'clinical_safety_officer' && input.needsSignOff;
  const isOwner = input.userId !== null && input.ownerUserId !== null && input.userId === input.ownerUserId;
  const review = input.permissions.includes('risk.write') && (isOwner || input.role === 'isms_manager' || input.role === 'admin');
  const refusal = acceptanceRefusalOf(input);
  return { accept: refusal === null, acceptReason: refusal === null ? null : reasonText(refusal, null), signOff, review };
}

/**
 * The API's refusal of an acceptance attempt, naming the method version ("Only top management may
 * accept a High risk under method version 2"), or null when the caller may accept.
 */
export function acceptanceRefusal(input: AcceptanceAbilityInput & { methodVersion: number }): string | null {
  const refusal = acceptanceRefusalOf(input);
  return refusal === null ? null : reasonText(refusal, input.methodVersion);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One acceptance or sign-off on record, as the staleness rules need it. */
export interface RecordedAcceptance {
  levelRank: number;
  expiresOn: string | null;
}

export interface AcceptanceStateInput {
  /** The latest acceptance (kind acceptance), or null. */
  acceptance: RecordedAcceptance | null;
  /** The latest clinical sign-off, or null. */
  signOff: RecordedAcceptance | null;
  needsSignOff: boolean;
  /** Rank of the acceptance stage's level now, or null when no stage is assessed (then the level cannot have risen). */
  levelRank: number | null;
  /** Today in the organization's time zone (YYYY-MM-DD). */
  today: string;
}

/** Why a recorded acceptance or sign-off no longer holds (computed, never stored). */
export function recordStaleReasons(record: RecordedAcceptance, levelRank: number | null, today: string): AcceptanceStaleReason[] {
  return acceptanceStaleReasons({ acceptedLevelRank: record.levelRank, currentLevelRank: levelRank ?? record.levelRank, expiresOn: record.expiresOn, today });
}

/**
 * The acceptance state of a risk: none (never accepted), stale (the latest acceptance expired or the
 * level rose above the one accepted; `staleReasons` says which), awaiting_sign_off (the acceptance
 * holds but a patient-safety risk lacks a clinical sign-off that holds by the same rules), accepted.
 * Only the latest of each kind counts: a newer acceptance supersedes an older one.
 */
export function acceptanceState(input: AcceptanceStateInput): { state: AcceptanceState; staleReasons: AcceptanceStaleReason[] } {
  if (input.acceptance === null) return { state: 'none', staleReasons: [] };
  const staleReasons = recordStaleReasons(input.acceptance, input.levelRank, input.today);
  if (staleReasons.length > 0) return { state: 'stale', staleReasons };
  if (input.needsSignOff && (input.signOff === null || recordStaleReasons(input.signOff, input.levelRank, input.today).length > 0)) return { state: 'awaiting_sign_off', staleReasons: [] };
  return { state: 'accepted', staleReasons: [] };
}
