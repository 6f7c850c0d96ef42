/**
 * What the workflow tab offers (A.5.25–A.5.27): the steps with their state, the forward moves the
 * server allows (`nextStatuses`), and reopening a closed incident (back to triage with a note). Pure, so
 * it can be tested; the server decides in the end.
 */
import { INCIDENT_STATUSES, type IncidentStatus } from '../../../shared/contracts/incidents.js';

export type StepState = 'done' | 'current' | 'todo';

export function stepStates(status: IncidentStatus): { status: IncidentStatus; state: StepState }[] {
  const index = INCIDENT_STATUSES.indexOf(status);
  return INCIDENT_STATUSES.map((step, i) => ({ status: step, state: i < index ? 'done' : i === index ? 'current' : 'todo' }));
}

export interface WorkflowMoves {
  /** Later statuses, in workflow order. */
  forward: IncidentStatus[];
  /** A closed incident may be reopened (to triage). */
  canReopen: boolean;
}

export function workflowMoves(incident: { status: IncidentStatus; nextStatuses: readonly IncidentStatus[]; archivedAt: string | null }): WorkflowMoves {
  if (incident.archivedAt) return { forward: [], canReopen: false };
  const index = INCIDENT_STATUSES.indexOf(incident.status);
  const forward = INCIDENT_STATUSES.filter((status, i) => i > index && incident.nextStatuses.includes(status));
  const canReopen = incident.status === 'closed' && incident.nextStatuses.includes('triage');
  return { forward, canReopen };
}
