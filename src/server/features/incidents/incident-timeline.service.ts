/**
 * The incident timeline (A.5.26 response, A.5.28 collection of evidence; 45 CFR 164.308(a)(6)(ii)
 * "document security incidents and their outcomes"). Append-only: an entry is never changed or removed,
 * a correction is a new entry. The text may hold PHI and is encrypted at rest; the audit event records
 * the entry's id, kind and instant, never its text.
 */
import type { TCreateTimelineEntryRequest, TTimelineEntry, ZCreateTimelineEntryRequest } from '../../../shared/contracts/incidents.js';
import type { z } from 'zod';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { openText, sealText } from './incident-crypto.js';
import { assertChangeable, visibleIncident } from './incident.policy.js';
import { incidentDb, incidentRef, ownIncident, type IncidentExecutor } from './incident.repository.js';

export type TimelineKind = TTimelineEntry['kind'];

/** Writes one timeline entry in the caller's transaction; returns its id. */
export async function appendTimeline(ctx: AppContext, trx: IncidentExecutor, entry: { incidentId: string; at: string; kind: TimelineKind; text: string; byUserId: string | null }): Promise<string> {
  const id = newId();
  await incidentDb(trx)
    .insertInto('incident_timeline')
    .values({ id, incident_id: entry.incidentId, at: entry.at, kind: entry.kind, text: sealText(ctx, 'incident_timeline', 'text', id, entry.text), by_user_id: entry.byUserId, recorded_at: ctx.clock.now().toISOString() })
    .execute();
  return id;
}

async function timelineRows(ctx: AppContext, db: IncidentExecutor, incidentId: string, entryId?: string): Promise<TTimelineEntry[]> {
  let query = incidentDb(db)
    .selectFrom('incident_timeline as t')
    .leftJoin('users as u', 'u.id', 't.by_user_id')
    .select(['t.id', 't.at', 't.kind', 't.text', 't.by_user_id', 'u.display_name', 't.recorded_at'])
    .where('t.incident_id', '=', incidentId);
  if (entryId) query = query.where('t.id', '=', entryId);
  const rows = await query.orderBy('t.at').orderBy('t.recorded_at').orderBy('t.id').execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    kind: r.kind as TimelineKind,
    text: openText(ctx, 'incident_timeline', 'text', r.id, r.text),
    by: r.by_user_id ? { id: r.by_user_id, name: r.display_name ?? 'Former user' } : null,
    recordedAt: r.recorded_at,
  }));
}

/** The incident's timeline, by instant and then by when it was recorded. */
export async function listTimeline(ctx: AppContext, access: OrgAccess, incidentId: string): Promise<TTimelineEntry[]> {
  const db = ctx.database.db;
  visibleIncident(access.organizationId, await ownIncident(db, access.organizationId, incidentId));
  return timelineRows(ctx, db, incidentId);
}

/** Add an entry (a step taken, a note). Refused on an archived incident (409). */
export async function addTimelineEntry(ctx: AppContext, access: OrgAccess, actor: AuditActor, incidentId: string, input: z.output<typeof ZCreateTimelineEntryRequest> | TCreateTimelineEntryRequest): Promise<TTimelineEntry> {
  const kind = input.kind ?? 'action';
  const id = await incidentDb(ctx.database.db)
    .transaction()
    .execute(async (trx) => {
      const row = visibleIncident(access.organizationId, await ownIncident(trx, access.organizationId, incidentId));
      const ref = incidentRef(Number(row.ref_number));
      assertChangeable(row, ref);
      const entryId = await appendTimeline(ctx, trx, { incidentId, at: input.at, kind, text: input.text, byUserId: actor.userId });
      await trx.updateTable('incidents').set({ updated_at: ctx.clock.now().toISOString() }).where('id', '=', incidentId).execute();
      await recordEvent(ctx, trx, actor, { type: 'incident.timeline_added', organizationId: access.organizationId, subjectType: 'incident', subjectId: incidentId, changes: { ref, entryId, kind, at: input.at } });
      return entryId;
    });
  const [entry] = await timelineRows(ctx, ctx.database.db, incidentId, id);
  return entry!;
}
