/**
 * The communications log of an incident (A.5.26 response: communicating with interested parties;
 * 45 CFR 164.404–164.410 notices to individuals, the media, HHS and covered entities, 164.414(b) burden
 * of proof; GDPR Arts. 33, 34). Append-only: what was sent is a fact, a correction is a new entry. The
 * summary may hold PHI and is encrypted at rest. A communication that discharges an obligation of the
 * deadline engine is linked to it in the same transaction (`fulfilObligation`, 409 unless the
 * obligation is required and still open).
 */
import type { z } from 'zod';
import { COMMUNICATION_CHANNEL_LABELS, COMMUNICATION_RECIPIENT_LABELS, type TCommunication, type ZCreateCommunicationRequest } from '../../../shared/contracts/incidents.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { fieldError } from '../../kernel/errors.js';
import { openText, sealText } from './incident-crypto.js';
import { fulfilObligation } from './incident-obligations.js';
import { appendTimeline } from './incident-timeline.service.js';
import { assertChangeable, visibleIncident } from './incident.policy.js';
import { incidentDb, incidentRef, ownIncident, type IncidentExecutor } from './incident.repository.js';

type CreateInput = z.output<typeof ZCreateCommunicationRequest>;

/** A clock a few minutes fast on the sender's machine is not a communication from the future. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

async function communicationRows(ctx: AppContext, db: IncidentExecutor, incidentId: string, id?: string): Promise<TCommunication[]> {
  let query = incidentDb(db)
    .selectFrom('incident_communications as c')
    .leftJoin('users as u', 'u.id', 'c.recorded_by')
    .selectAll('c')
    .select('u.display_name')
    .where('c.incident_id', '=', incidentId);
  if (id) query = query.where('c.id', '=', id);
  const rows = await query.orderBy('c.sent_at').orderBy('c.recorded_at').orderBy('c.id').execute();
  return rows.map((r) => ({
    id: r.id,
    recipient: r.recipient as TCommunication['recipient'],
    recipientName: r.recipient_name,
    channel: r.channel as TCommunication['channel'],
    sentAt: r.sent_at,
    summary: openText(ctx, 'incident_communications', 'summary', r.id, r.summary),
    obligationId: r.obligation_id,
    draftId: r.draft_id,
    recordedBy: r.recorded_by ? { id: r.recorded_by, name: r.display_name ?? 'Former user' } : null,
    recordedAt: r.recorded_at,
  }));
}

export async function listCommunications(ctx: AppContext, access: OrgAccess, incidentId: string): Promise<TCommunication[]> {
  const db = ctx.database.db;
  visibleIncident(access.organizationId, await ownIncident(db, access.organizationId, incidentId));
  return communicationRows(ctx, db, incidentId);
}

/** Record a communication; with an obligation id it fulfils that obligation (409 when it is not a required, open one). */
export async function recordCommunication(ctx: AppContext, access: OrgAccess, actor: AuditActor, incidentId: string, input: CreateInput): Promise<TCommunication> {
  const now = ctx.clock.now();
  if (Date.parse(input.sentAt) > now.getTime() + FUTURE_TOLERANCE_MS) throw fieldError('body.sentAt', 'must not be in the future');
  const id = newId();
  await incidentDb(ctx.database.db)
    .transaction()
    .execute(async (trx) => {
      const row = visibleIncident(access.organizationId, await ownIncident(trx, access.organizationId, incidentId));
      const ref = incidentRef(Number(row.ref_number));
      assertChangeable(row, ref);
      const at = now.toISOString();
      await trx
        .insertInto('incident_communications')
        .values({
          id,
          incident_id: incidentId,
          recipient: input.recipient,
          recipient_name: input.recipientName,
          channel: input.channel,
          sent_at: input.sentAt,
          summary: sealText(ctx, 'incident_communications', 'summary', id, input.summary),
          obligation_id: input.obligationId,
          draft_id: null,
          recorded_by: actor.userId,
          recorded_at: at,
        })
        .execute();
      if (input.obligationId) await fulfilObligation(trx, { incidentId, obligationId: input.obligationId, communicationId: id, sentAt: input.sentAt });
      const to = COMMUNICATION_RECIPIENT_LABELS[input.recipient] + (input.recipientName ? ` (${input.recipientName})` : '');
      await appendTimeline(ctx, trx, {
        incidentId,
        at: input.sentAt,
        kind: 'communication',
        text: `Communication to ${to} by ${COMMUNICATION_CHANNEL_LABELS[input.channel].toLowerCase()}${input.obligationId ? `; fulfils ${input.obligationId}` : ''}`,
        byUserId: actor.userId,
      });
      await trx.updateTable('incidents').set({ updated_at: at }).where('id', '=', incidentId).execute();
      // The recipient's name may be a patient's: the event keeps the kind of recipient only.
      await recordEvent(ctx, trx, actor, {
        type: 'incident.communication_recorded',
        organizationId: access.organizationId,
        subjectType: 'incident',
        subjectId: incidentId,
        changes: { ref, communicationId: id, recipient: input.recipient, channel: input.channel, sentAt: input.sentAt, obligationId: input.obligationId },
      });
    });
  const [communication] = await communicationRows(ctx, ctx.database.db, incidentId, id);
  return communication!;
}
