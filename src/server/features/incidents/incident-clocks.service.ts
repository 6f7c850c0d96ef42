/**
 * The clocks of one incident and the open-clocks tile. One incident: the rows the one writer
 * (`incident-obligations.ts`) keeps, in the engine's order, with their status at read time, the
 * communication that fulfilled each, and what the engine was given (or what it still lacks).
 * The open-clocks tile (issue 6 item 5; 45 CFR 164.404–164.410, GDPR Arts. 33, 34): every required
 * obligation not yet done of the incidents that are not archived, of this organization and of its
 * direct sites where the caller also holds incident.read (deny by default). One statement over
 * incident_obligations (index organization, required, done_at, due_at) joined to incidents and
 * organizations, sorted by due instant with "without undue delay" (no due instant) first. Whether a
 * clock is overdue is computed against now, never stored.
 */
import { sql } from 'kysely';
import type { CommunicationRecipient, TIncidentObligation, TIncidentObligations, TOpenClock, TOpenClockList } from '../../../shared/contracts/incidents.js';
import type { Principal } from '../../kernel/auth/principal.js';
import { sitesWithPermission, type OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { toNumber } from '../../kernel/db/database.js';
import { incidentOr404 } from './breach-assessment.service.js';
import { engineInputFor, isLate, lawEnforcementHoldUntil, obligationStatus } from './incident-obligations.js';
import { readSettings } from './incident-settings.service.js';
import { incidentDb, incidentRef } from './incident.repository.js';

const WEEK_MS = 7 * 86_400_000;

export async function listOpenClocks(ctx: AppContext, access: OrgAccess, principal: Principal | null): Promise<TOpenClockList> {
  const now = ctx.clock.now();
  const db = incidentDb(ctx.database.db);
  const sites = principal ? await sitesWithPermission(ctx.database.db, principal, access.organizationId, 'incident.read', now) : [];
  const organizationIds = [access.organizationId, ...sites.map((s) => s.id)];
  const rows = await db
    .selectFrom('incident_obligations as ob')
    .innerJoin('incidents as i', 'i.id', 'ob.incident_id')
    .innerJoin('organizations as org', 'org.id', 'i.organization_id')
    .select(['org.id as organization_id', 'org.name as organization_name', 'i.id as incident_id', 'i.ref_number', 'i.title', 'i.severity', 'ob.obligation_id', 'ob.rule', 'ob.cite', 'ob.due_at', 'ob.due_date', 'ob.held_until'])
    .where('ob.organization_id', 'in', organizationIds)
    .where('ob.required', '=', 1)
    .where('ob.done_at', 'is', null)
    .where('i.archived_at', 'is', null)
    // Nulls first on both engines (SQLite sorts them first, PostgreSQL last).
    .orderBy(sql`case when ob.due_at is null then 0 else 1 end`)
    .orderBy('ob.due_at')
    .orderBy('org.name')
    .orderBy('i.ref_number')
    .orderBy('ob.position')
    .execute();
  const nowMs = now.getTime();
  let overdue = 0;
  let dueWithin7Days = 0;
  const items = rows.map((r): TOpenClock => {
    const dueMs = r.due_at === null ? null : Date.parse(r.due_at);
    const isOverdue = dueMs !== null && dueMs < nowMs;
    if (isOverdue) overdue += 1;
    else if (dueMs !== null && dueMs - nowMs <= WEEK_MS) dueWithin7Days += 1;
    return {
      organization: { id: r.organization_id, name: r.organization_name },
      incident: { id: r.incident_id, ref: incidentRef(toNumber(r.ref_number)), title: r.title, severity: r.severity },
      obligationId: r.obligation_id,
      rule: r.rule,
      cite: r.cite,
      dueAt: r.due_at,
      dueDate: r.due_date,
      ...(r.held_until ? { heldUntil: r.held_until } : {}),
      status: isOverdue ? 'overdue' : 'pending',
    };
  });
  return { items, overdue, dueWithin7Days, computedAt: now.toISOString() };
}

export async function getIncidentObligations(ctx: AppContext, access: OrgAccess, incidentId: string): Promise<TIncidentObligations> {
  const now = ctx.clock.now();
  const db = incidentDb(ctx.database.db);
  const incident = await incidentOr404(db, access, incidentId);
  const assessment = (await db.selectFrom('incident_assessments').select(['hipaa_role', 'gdpr_role', 'ba_notice_days', 'hipaa_conclusion', 'gdpr_conclusion']).where('incident_id', '=', incidentId).executeTakeFirst()) ?? null;
  const engine = engineInputFor(incident, assessment, access.timeZone);
  // Without an assessment the organization's usual roles say which law would apply.
  const roles = assessment ? { hipaaRole: assessment.hipaa_role, gdprRole: assessment.gdpr_role } : await readSettings(db, access.organizationId);
  const gdpr = assessment?.gdpr_conclusion;
  const basis: TIncidentObligations['basis'] = {
    timezone: access.timeZone,
    hipaaRole: (engine.input?.hipaaRole ?? roles.hipaaRole) as TIncidentObligations['basis']['hipaaRole'],
    gdprRole: (engine.input?.gdprRole ?? roles.gdprRole) as TIncidentObligations['basis']['gdprRole'],
    hipaaBreach: engine.input?.hipaaBreach ?? assessment?.hipaa_conclusion === 'breach',
    gdprRisk: engine.input?.gdprRisk ?? (gdpr === 'risk' || gdpr === 'high' ? gdpr : 'none'),
    discoveredAt: incident.discovered_at,
    awareAt: incident.aware_at,
    individuals: toNumber(incident.individuals_total),
    lawEnforcementHoldUntil: lawEnforcementHoldUntil(incident),
  };
  const rows = await db
    .selectFrom('incident_obligations as ob')
    .leftJoin('incident_communications as c', (join) => join.onRef('c.id', '=', 'ob.communication_id').onRef('c.incident_id', '=', 'ob.incident_id'))
    .selectAll('ob')
    .select(['c.id as comm_id', 'c.sent_at as comm_sent_at', 'c.recipient as comm_recipient'])
    .where('ob.incident_id', '=', incidentId)
    .orderBy('ob.position')
    .execute();
  const obligations = rows.map((r): TIncidentObligation => ({
    id: r.obligation_id as TIncidentObligation['id'],
    rule: r.rule,
    cite: r.cite,
    required: toNumber(r.required) === 1,
    dueAt: r.due_at,
    dueDate: r.due_date,
    reason: r.reason,
    ...(r.held_until ? { heldUntil: r.held_until } : {}),
    status: obligationStatus({ required: toNumber(r.required), communication_id: r.communication_id, due_at: r.due_at }, now),
    communication: r.comm_id && r.comm_sent_at && r.comm_recipient ? { id: r.comm_id, sentAt: r.comm_sent_at, recipient: r.comm_recipient as CommunicationRecipient } : null,
    late: isLate(r),
  }));
  return { basis, blockedBy: engine.blockedBy, obligations, computedAt: now.toISOString() };
}
