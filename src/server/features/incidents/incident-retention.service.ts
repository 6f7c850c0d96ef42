/**
 * Keeping and disposing of incident records (A.5.33 protection of records; 45 CFR 164.530(j)(2) six
 * years; GDPR Art. 5(1)(e) storage limitation). A closed incident is archived (read-only from then on);
 * once past the date it must be kept until, it may be disposed of: the incident and every child row go,
 * and what is left is a row in incident_disposals and the audit event, neither with a description or
 * PHI. There is no other way to delete an incident.
 */
import type { z } from 'zod';
import type { TDisposalRecord, TIncident, ZDisposeIncidentRequest } from '../../../shared/contracts/incidents.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError, fieldError } from '../../kernel/errors.js';
import { disposableFrom, localToday, retainUntilOf } from './incident-retention.js';
import { readSettings } from './incident-settings.service.js';
import { appendTimeline } from './incident-timeline.service.js';
import { getIncident } from './incident.service.js';
import { archiveProblem, disposalProblem, visibleIncident } from './incident.policy.js';
import { incidentDb, incidentRef, ownIncident, peopleNames } from './incident.repository.js';

type DisposeInput = z.output<typeof ZDisposeIncidentRequest>;

/** Archive a closed incident: it stays readable and becomes read-only. */
export async function archiveIncident(ctx: AppContext, access: OrgAccess, actor: AuditActor, incidentId: string): Promise<TIncident> {
  await incidentDb(ctx.database.db)
    .transaction()
    .execute(async (trx) => {
      const row = visibleIncident(access.organizationId, await ownIncident(trx, access.organizationId, incidentId));
      const ref = incidentRef(Number(row.ref_number));
      const problem = archiveProblem(row);
      if (problem) throw new AppError('conflict', `incident: ${ref} ${problem}`);
      const now = ctx.clock.now().toISOString();
      await appendTimeline(ctx, trx, { incidentId, at: now, kind: 'note', text: 'Archived: the record is kept read-only for its retention period', byUserId: actor.userId });
      await trx.updateTable('incidents').set({ archived_at: now, updated_at: now }).where('id', '=', incidentId).execute();
      await recordEvent(ctx, trx, actor, { type: 'incident.archived', organizationId: access.organizationId, subjectType: 'incident', subjectId: incidentId, changes: { ref, closedAt: row.closed_at } });
    });
  return getIncident(ctx, access, incidentId);
}

/**
 * Dispose of an archived, closed incident past its retention date. The ref typed back confirms the
 * intent; a disposal that comes too early is refused (409) with the first day it is allowed.
 */
export async function disposeIncident(ctx: AppContext, access: OrgAccess, actor: AuditActor, incidentId: string, input: DisposeInput): Promise<TDisposalRecord> {
  const now = ctx.clock.now();
  const record = await incidentDb(ctx.database.db)
    .transaction()
    .execute(async (trx) => {
      const row = visibleIncident(access.organizationId, await ownIncident(trx, access.organizationId, incidentId));
      const ref = incidentRef(Number(row.ref_number));
      const { retentionYears } = await readSettings(trx, access.organizationId);
      const retainUntil = retainUntilOf(row.closed_at, access.timeZone, retentionYears);
      const problem = disposalProblem(row, { retainUntil, today: localToday(now, access.timeZone), mayDisposeFrom: retainUntil ? disposableFrom(retainUntil) : null });
      if (problem) throw new AppError('conflict', `incident: ${ref} ${problem}`);
      if (input.confirmRef.trim().toUpperCase() !== ref) throw fieldError('body.confirmRef', `must be ${ref}, the reference of the incident to dispose of`);
      const disposedAt = now.toISOString();
      const values = { id: incidentId, organization_id: access.organizationId, ref, category: row.category, closed_at: row.closed_at!, retain_until: retainUntil!, retention_years: retentionYears, disposed_at: disposedAt, disposed_by: actor.userId, reason: input.reason };
      // Children (assets links, timeline, communications, actions, assessment, obligations, drafts) cascade.
      await trx.deleteFrom('incidents').where('id', '=', incidentId).where('organization_id', '=', access.organizationId).execute();
      await trx.insertInto('incident_disposals').values(values).execute();
      await recordEvent(ctx, trx, actor, {
        type: 'incident.disposed',
        organizationId: access.organizationId,
        subjectType: 'incident',
        subjectId: incidentId,
        changes: { ref, category: row.category, closedAt: row.closed_at, retainUntil, retentionYears, reason: input.reason },
      });
      return values;
    });
  const names = await peopleNames(ctx.database.db, [actor.userId]);
  return { id: record.id, ref: record.ref, closedAt: record.closed_at, retainUntil: record.retain_until, disposedAt: record.disposed_at, disposedBy: actor.userId ? { id: actor.userId, name: names.get(actor.userId) ?? 'Former user' } : null, reason: record.reason };
}

/** The disposal log, newest first. */
export async function listDisposals(ctx: AppContext, access: OrgAccess): Promise<TDisposalRecord[]> {
  const rows = await incidentDb(ctx.database.db)
    .selectFrom('incident_disposals as d')
    .leftJoin('users as u', 'u.id', 'd.disposed_by')
    .selectAll('d')
    .select('u.display_name')
    .where('d.organization_id', '=', access.organizationId)
    .orderBy('d.disposed_at', 'desc')
    .orderBy('d.ref', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, ref: r.ref, closedAt: r.closed_at, retainUntil: r.retain_until, disposedAt: r.disposed_at, disposedBy: r.disposed_by ? { id: r.disposed_by, name: r.display_name ?? 'Former user' } : null, reason: r.reason }));
}
