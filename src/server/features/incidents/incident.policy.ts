/**
 * Per-object rules of the incident register (A.5.15 access control; A.5.33 protection of records;
 * 45 CFR 164.530(j) retention), deny by default. The route's permission says who may act at all; here:
 * an incident of another organization does not exist for the caller (not-found wording, so existence
 * does not leak), an archived incident is a record kept for its retention period and is read-only, and
 * an incident is disposed of only when archived, closed and past the date it must be kept until.
 */
import { AppError, notFound } from '../../kernel/errors.js';

interface IncidentState {
  organization_id: string;
  archived_at: string | null;
  status: string;
  ref_number: number | string;
}

/** The incident, if it is the organization's; otherwise not found. */
export function visibleIncident<T extends IncidentState>(organizationId: string, row: T | undefined): T {
  if (!row || row.organization_id !== organizationId) throw notFound('incident');
  return row;
}

/** Refuses any change to an archived incident (409): it is kept as it was when archived. */
export function assertChangeable(row: IncidentState, ref: string): void {
  if (row.archived_at !== null) throw new AppError('conflict', `incident: ${ref} is archived and read-only`);
}

/** Only a closed incident that is not archived yet can be archived. */
export function archiveProblem(row: IncidentState): string | null {
  if (row.archived_at !== null) return 'is already archived';
  if (row.status !== 'closed') return 'is not closed: only a closed incident can be archived';
  return null;
}

/**
 * Why the incident cannot be disposed of today, or null. `retainUntil` is the last day it must be kept;
 * disposal is allowed from the day after (`today` and the dates are YYYY-MM-DD in the organization's zone).
 */
export function disposalProblem(row: IncidentState, input: { retainUntil: string | null; today: string; mayDisposeFrom: string | null }): string | null {
  if (row.status !== 'closed' || input.retainUntil === null) return 'is not closed: only closed, archived incidents past their retention date can be disposed of';
  if (row.archived_at === null) return 'is not archived: archive it first';
  if (input.today <= input.retainUntil) return `must be kept until ${input.retainUntil} (45 CFR 164.530(j)); it may be disposed of from ${input.mayDisposeFrom}`;
  return null;
}
