/**
 * The one writer of `incident_obligations` (45 CFR 164.404–164.412; GDPR Arts. 33, 34): what the deadline
 * engine (`src/shared/breach-clock.ts`) derives from an incident's instants, counts, law-enforcement
 * statement and breach assessment, stored so the register's counts and the clocks tile run in SQL.
 * Recomputed in the same transaction as every change to those inputs. A fulfilment link (the
 * communication that discharged an obligation) survives every recomputation; an obligation that the
 * current facts no longer derive is kept while a communication fulfilled it, marked not required.
 *
 * Status is computed when read, never stored: done (a communication fulfilled it), not required,
 * overdue (now is past its due instant), else pending.
 */
import { computeBreachClock, formatCivilDate, localDateOf } from '../../../shared/breach-clock.js';
import { type TBreachClockInput, ZBreachClockInput, type TBreachObligation } from '../../../shared/contracts/breach-clock.js';
import { GDPR_CONCLUSION_LABELS, HIPAA_CONCLUSION_LABELS, type GdprConclusion, type HipaaConclusion, type ObligationStatus } from '../../../shared/contracts/incidents.js';
import type { Trx } from '../../kernel/audit/record.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/errors.js';
import type { IncidentDb, IncidentObligationsTable, IncidentsTable } from './incident.tables.js';

/** 164.412(b): an oral statement delays notice at most 30 days from the statement, unless a written one follows. */
export const ORAL_HOLD_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The end of the 164.412 hold from the incident's law-enforcement fields; null when there is none. */
export function lawEnforcementHoldUntil(incident: Pick<IncidentsTable, 'le_statement' | 'le_statement_at' | 'le_written_until'>): string | null {
  if (incident.le_statement === 'written') return incident.le_written_until;
  if (incident.le_statement === 'oral' && incident.le_statement_at) return new Date(Date.parse(incident.le_statement_at) + ORAL_HOLD_DAYS * DAY_MS).toISOString();
  return null;
}

export interface AssessmentFacts {
  hipaa_role: string;
  gdpr_role: string;
  ba_notice_days: number | null;
  hipaa_conclusion: string;
  gdpr_conclusion: string;
}

export interface EngineBasis {
  /** The engine's input, or null when something is missing (then `blockedBy` says what). */
  input: TBreachClockInput | null;
  blockedBy: { field: string; message: string }[];
}

type IncidentFacts = Pick<IncidentsTable, 'discovered_at' | 'aware_at' | 'individuals_total' | 'individuals_by_state' | 'le_statement' | 'le_statement_at' | 'le_written_until'>;

/**
 * The engine's input for an incident: the roles come from its breach assessment; a HIPAA breach is the
 * assessment's conclusion `breach`; a GDPR breach that is not a personal data breach counts as risk none
 * (its obligations are then relabelled by `relabel`). A hold that ends before discovery has no effect.
 */
export function engineInputFor(incident: IncidentFacts, assessment: AssessmentFacts | null, timeZone: string): EngineBasis {
  if (!assessment) {
    return { input: null, blockedBy: [{ field: 'assessment', message: 'Record the breach assessment: until then no obligations are derived. The GDPR 72 hours already run from awareness (Art. 33(1)) and the HIPAA 60 days from discovery (164.404(a)(2)).' }] };
  }
  const blockedBy: EngineBasis['blockedBy'] = [];
  const hipaaRole = assessment.hipaa_role as TBreachClockInput['hipaaRole'];
  const gdprRole = assessment.gdpr_role as TBreachClockInput['gdprRole'];
  if (hipaaRole !== 'none' && !incident.discovered_at) blockedBy.push({ field: 'discoveredAt', message: 'Set when the breach was discovered (164.404(a)(2)): the HIPAA clocks run from that day.' });
  if (gdprRole !== 'none' && !incident.aware_at) blockedBy.push({ field: 'awareAt', message: 'Set when the organization became aware of the breach (Art. 33(1)): the 72 hours run from then.' });
  if (blockedBy.length > 0) return { input: null, blockedBy };
  let hold = lawEnforcementHoldUntil(incident);
  if (hold && incident.discovered_at && Date.parse(hold) <= Date.parse(incident.discovered_at)) hold = null;
  const gdprConclusion = assessment.gdpr_conclusion as GdprConclusion;
  const candidate = {
    timezone: timeZone,
    hipaaRole,
    gdprRole,
    ...(hipaaRole !== 'none' && incident.discovered_at ? { discoveredAt: incident.discovered_at } : {}),
    ...(gdprRole !== 'none' && incident.aware_at ? { awareAt: incident.aware_at } : {}),
    hipaaBreach: assessment.hipaa_conclusion === 'breach',
    individuals: incident.individuals_total,
    residentsByState: hipaaRole !== 'none' ? (JSON.parse(incident.individuals_by_state) as Record<string, number>) : {},
    gdprRisk: gdprConclusion === 'risk' || gdprConclusion === 'high' ? gdprConclusion : 'none',
    ...(hipaaRole === 'business_associate' && assessment.ba_notice_days ? { baNoticeDays: assessment.ba_notice_days } : {}),
    ...(hipaaRole !== 'none' && hold ? { lawEnforcementHoldUntil: hold } : {}),
  };
  const parsed = ZBreachClockInput.safeParse(candidate);
  if (!parsed.success) return { input: null, blockedBy: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'incident', message: issue.message })) };
  return { input: parsed.data, blockedBy: [] };
}

/** The engine says why an obligation is not required in general terms; the assessment knows the precise reason. */
function relabel(obligation: TBreachObligation, assessment: AssessmentFacts): TBreachObligation {
  const hipaa = assessment.hipaa_conclusion as HipaaConclusion;
  const gdpr = assessment.gdpr_conclusion as GdprConclusion;
  if (obligation.id.startsWith('hipaa.') && !obligation.required && hipaa !== 'breach' && hipaa !== 'not_assessed') {
    return { ...obligation, reason: `${HIPAA_CONCLUSION_LABELS[hipaa]}: no HIPAA breach notification is due (164.414(b): the assessment is kept as the proof).` };
  }
  if (obligation.id.startsWith('gdpr.') && gdpr === 'no_breach') {
    return { ...obligation, required: false, dueAt: null, dueDate: null, reason: `${GDPR_CONCLUSION_LABELS.no_breach} (Art. 4(12)): Arts. 33 and 34 do not apply.` };
  }
  return obligation;
}

/** Recompute the incident's obligations and rewrite its rows, keeping every fulfilment link. */
export async function refreshObligations(trx: Trx, ctx: Pick<AppContext, 'clock'>, incidentId: string): Promise<void> {
  void ctx;
  const db = trx as unknown as IncidentDb;
  const incident = await db
    .selectFrom('incidents')
    .innerJoin('organizations', 'organizations.id', 'incidents.organization_id')
    .select(['incidents.organization_id', 'incidents.discovered_at', 'incidents.aware_at', 'incidents.individuals_total', 'incidents.individuals_by_state', 'incidents.le_statement', 'incidents.le_statement_at', 'incidents.le_written_until', 'organizations.time_zone'])
    .where('incidents.id', '=', incidentId)
    .executeTakeFirst();
  if (!incident) return;
  const assessment = (await db.selectFrom('incident_assessments').select(['hipaa_role', 'gdpr_role', 'ba_notice_days', 'hipaa_conclusion', 'gdpr_conclusion']).where('incident_id', '=', incidentId).executeTakeFirst()) ?? null;
  const basis = engineInputFor(incident, assessment, incident.time_zone);
  const derived = basis.input && assessment ? computeBreachClock(basis.input).obligations.map((o) => relabel(o, assessment)) : [];

  const previous = await db.selectFrom('incident_obligations').selectAll().where('incident_id', '=', incidentId).execute();
  const fulfilled = new Map(previous.filter((row) => row.communication_id !== null).map((row) => [row.obligation_id, row]));
  const rows: IncidentObligationsTable[] = derived.map((o, position) => ({
    incident_id: incidentId,
    organization_id: incident.organization_id,
    obligation_id: o.id,
    position,
    rule: o.rule,
    cite: o.cite,
    required: o.required ? 1 : 0,
    due_at: o.dueAt,
    due_date: o.dueDate,
    held_until: o.heldUntil ?? null,
    reason: o.reason,
    communication_id: fulfilled.get(o.id)?.communication_id ?? null,
    done_at: fulfilled.get(o.id)?.done_at ?? null,
  }));
  // A fulfilled obligation the facts no longer derive stays on record, after the derived ones.
  for (const [obligationId, row] of fulfilled) {
    if (rows.some((r) => r.obligation_id === obligationId)) continue;
    rows.push({ ...row, position: rows.length, required: 0, reason: 'No longer derived from the incident\'s current facts; kept because a communication fulfilled it.' });
  }
  await db.deleteFrom('incident_obligations').where('incident_id', '=', incidentId).execute();
  if (rows.length > 0) await db.insertInto('incident_obligations').values(rows).execute();
}

/**
 * Link a communication to the obligation it discharges. Refused (409) unless the obligation is one of the
 * incident's required obligations and is not done yet.
 */
export async function fulfilObligation(trx: Trx, link: { incidentId: string; obligationId: string; communicationId: string; sentAt: string }): Promise<void> {
  const db = trx as unknown as IncidentDb;
  const row = await db.selectFrom('incident_obligations').select(['required', 'communication_id', 'done_at']).where('incident_id', '=', link.incidentId).where('obligation_id', '=', link.obligationId).executeTakeFirst();
  if (!row || row.required !== 1) throw new AppError('conflict', `obligationId: ${link.obligationId} is not a required obligation of this incident`, [{ path: 'body.obligationId', message: `${link.obligationId} is not a required obligation of this incident` }]);
  if (row.communication_id !== null) throw new AppError('conflict', `obligationId: ${link.obligationId} was already fulfilled on ${row.done_at}`, [{ path: 'body.obligationId', message: `already fulfilled on ${row.done_at}` }]);
  await db.updateTable('incident_obligations').set({ communication_id: link.communicationId, done_at: link.sentAt }).where('incident_id', '=', link.incidentId).where('obligation_id', '=', link.obligationId).execute();
}

/** pending / done / overdue / not_required, at `now`. */
export function obligationStatus(row: Pick<IncidentObligationsTable, 'required' | 'communication_id' | 'due_at'>, now: Date): ObligationStatus {
  if (row.communication_id !== null) return 'done';
  if (row.required !== 1) return 'not_required';
  if (row.due_at !== null && now.getTime() > Date.parse(row.due_at)) return 'overdue';
  return 'pending';
}

/** Done after its due instant (shown as "late" beside a done obligation). */
export function isLate(row: Pick<IncidentObligationsTable, 'done_at' | 'due_at'>): boolean {
  return row.done_at !== null && row.due_at !== null && Date.parse(row.done_at) > Date.parse(row.due_at);
}

/** The discovery date of an incident in the organization's zone (YYYY-MM-DD), for the HHS annual log. */
export function discoveryDateIn(discoveredAt: string, timeZone: string): string {
  return formatCivilDate(localDateOf(Date.parse(discoveredAt), timeZone));
}
