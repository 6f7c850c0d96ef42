/**
 * The incident handling workflow (ISO/IEC 27001:2022 A.5.25 assessment and decision, A.5.26 response,
 * A.5.27 learning from incidents; 45 CFR 164.308(a)(6)(ii) identify, respond, mitigate, document).
 * Pure rules, no I/O: an incident moves forward only (it may skip steps, an incident contained at once
 * need not pass every stage), closing needs lessons learned, and a closed incident is reopened to triage
 * with a note saying why. An archived incident moves nowhere.
 */
import { INCIDENT_STATUSES, type IncidentStatus } from '../../../shared/contracts/incidents.js';

export const REOPEN_STATUS: IncidentStatus = 'triage';

/** The statuses an incident may move to now. */
export function nextStatuses(status: IncidentStatus, isArchived: boolean): IncidentStatus[] {
  if (isArchived) return [];
  if (status === 'closed') return [REOPEN_STATUS];
  return INCIDENT_STATUSES.slice(INCIDENT_STATUSES.indexOf(status) + 1);
}

export function isReopening(from: IncidentStatus, to: IncidentStatus): boolean {
  return from === 'closed' && to === REOPEN_STATUS;
}

export interface TransitionCheck {
  from: IncidentStatus;
  to: IncidentStatus;
  isArchived: boolean;
  /** Lessons learned after the move (sent with it, or already recorded). */
  lessonsLearned: string;
  note: string;
}

/**
 * Why the move is refused, or null: `conflict` for a move the workflow does not allow (the state is
 * wrong), `field` for a missing input (the request is incomplete).
 */
export function transitionProblem(check: TransitionCheck): { kind: 'conflict' | 'field'; path?: string; message: string } | null {
  if (check.isArchived) return { kind: 'conflict', message: 'the incident is archived and read-only' };
  if (!nextStatuses(check.from, false).includes(check.to)) {
    if (check.from === 'closed') return { kind: 'conflict', message: `a closed incident can only be reopened to ${REOPEN_STATUS}` };
    return { kind: 'conflict', message: `cannot move from ${check.from} to ${check.to}: the workflow only moves forward (${nextStatuses(check.from, false).join(', ')})` };
  }
  if (check.to === 'closed' && check.lessonsLearned.trim().length === 0) {
    return { kind: 'field', path: 'lessonsLearned', message: 'is required to close the incident: what was learned and what changes as a result (A.5.27)' };
  }
  if (isReopening(check.from, check.to) && check.note.trim().length === 0) {
    return { kind: 'field', path: 'note', message: 'is required to reopen a closed incident: say why' };
  }
  return null;
}
