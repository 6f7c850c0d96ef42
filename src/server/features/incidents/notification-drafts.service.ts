/**
 * Notification drafts (issue 6 item 6; 45 CFR 164.404(c), 164.406, 164.408; GDPR Art. 33(3)): a letter
 * filled from the incident by our templates, edited by the privacy officer, reviewed, then sent.
 * draft → reviewed → sent, forward only: only a draft can be edited, only a reviewed draft can be sent.
 * Sending logs the communication (summary = the body, encrypted) and, when the matching obligation is
 * required and still open, fulfils it in the same transaction (164.414(b): proof that notice was given).
 * Bodies are encrypted at rest and never written to the audit trail.
 */
import type { z } from 'zod';
import type { CommunicationRecipient, DraftKind, GdprConclusion, IncidentCategory, TCreateDraftRequest, TNotificationDraft, ZCreateDraftRequest, ZSendDraftRequest } from '../../../shared/contracts/incidents.js';
import { COMMUNICATION_RECIPIENT_LABELS, DRAFT_KIND_LABELS } from '../../../shared/contracts/incidents.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { toNumber } from '../../kernel/db/database.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { changeableIncident, incidentOr404 } from './breach-assessment.service.js';
import { appendTimeline } from './incident-timeline.service.js';
import { renderDraft, type DraftFacts } from './draft-templates.js';
import { openText, sealText } from './incident-crypto.js';
import { fulfilObligation } from './incident-obligations.js';
import { incidentDb, incidentRef, peopleNames, type IncidentExecutor, type IncidentRow } from './incident.repository.js';
import type { IncidentDraftsTable } from './incident.tables.js';

type CreateDraftInput = z.output<typeof ZCreateDraftRequest>;
type SendDraftInput = z.output<typeof ZSendDraftRequest>;

/** Who a sent draft went to. */
export const DRAFT_RECIPIENT: Record<DraftKind, CommunicationRecipient> = {
  individual_notice: 'individuals',
  hhs_notice: 'hhs',
  media_notice: 'media',
  gdpr_sa_checklist: 'supervisory_authority',
};

/** The obligations a sent draft may fulfil, in order of preference (the first required and open one wins). */
export function candidateObligations(kind: DraftKind, stateCode: string | null): string[] {
  switch (kind) {
    case 'individual_notice':
      return ['hipaa.individuals'];
    case 'hhs_notice':
      return ['hipaa.hhs', 'hipaa.hhs_annual_log'];
    case 'media_notice':
      return stateCode ? [`hipaa.media.${stateCode}`] : [];
    case 'gdpr_sa_checklist':
      return ['gdpr.supervisory_authority'];
  }
}

const parseJson = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

/** What the templates read of an incident, decrypted. */
export function draftFacts(ctx: AppContext, access: Pick<OrgAccess, 'organizationName' | 'timeZone'>, row: IncidentRow): DraftFacts {
  return {
    organizationName: access.organizationName,
    timeZone: access.timeZone,
    ref: incidentRef(toNumber(row.ref_number)),
    category: row.category as IncidentCategory,
    description: openText(ctx, 'incidents', 'description', row.id, row.description),
    phiDetails: openText(ctx, 'incidents', 'phi_details', row.id, row.phi_details),
    occurredAt: row.occurred_at,
    discoveredAt: row.discovered_at,
    awareAt: row.aware_at,
    breachStartDate: row.breach_start_date,
    breachEndDate: row.breach_end_date,
    individualsTotal: toNumber(row.individuals_total),
    individualsByState: parseJson<Record<string, number>>(row.individuals_by_state, {}),
    individualsByCountry: parseJson<Record<string, number>>(row.individuals_by_country, {}),
    dataCategories: parseJson<string[]>(row.data_categories, []),
    hhsBreachType: row.hhs_breach_type,
    hhsLocations: parseJson<string[]>(row.hhs_locations, []),
    phiKinds: parseJson<string[]>(row.phi_kinds, []),
    safeguardsInPlace: row.safeguards_in_place,
    actionsTaken: row.actions_taken,
    gdprConclusion: row.gdpr_conclusion as GdprConclusion,
  };
}

async function present(ctx: AppContext, db: IncidentExecutor, rows: IncidentDraftsTable[]): Promise<TNotificationDraft[]> {
  const names = await peopleNames(db, rows.flatMap((r) => [r.created_by, r.reviewed_by]));
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? 'Former user' } : null);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as DraftKind,
    state: r.state as TNotificationDraft['state'],
    stateCode: r.state_code,
    body: openText(ctx, 'incident_drafts', 'body', r.id, r.body),
    createdBy: person(r.created_by),
    createdAt: r.created_at,
    reviewedBy: person(r.reviewed_by),
    reviewedAt: r.reviewed_at,
    communicationId: r.communication_id,
    updatedAt: r.updated_at,
  }));
}

async function presentOne(ctx: AppContext, incidentId: string, draftId: string): Promise<TNotificationDraft> {
  const db = incidentDb(ctx.database.db);
  const row = await db.selectFrom('incident_drafts').selectAll().where('incident_id', '=', incidentId).where('id', '=', draftId).executeTakeFirstOrThrow();
  return (await present(ctx, db, [row]))[0]!;
}

export async function listDrafts(ctx: AppContext, access: OrgAccess, incidentId: string): Promise<TNotificationDraft[]> {
  const db = incidentDb(ctx.database.db);
  await incidentOr404(db, access, incidentId);
  const rows = await db.selectFrom('incident_drafts').selectAll().where('incident_id', '=', incidentId).orderBy('created_at').orderBy('id').execute();
  return present(ctx, db, rows);
}

export async function createDraft(ctx: AppContext, access: OrgAccess, actor: AuditActor, incidentId: string, input: CreateDraftInput | TCreateDraftRequest): Promise<TNotificationDraft> {
  const kind = input.kind;
  const stateCode = input.stateCode ?? null;
  const id = newId();
  await incidentDb(ctx.database.db).transaction().execute(async (trx) => {
    const incident = await changeableIncident(trx, access, incidentId);
    const now = ctx.clock.now().toISOString();
    const body = renderDraft(draftFacts(ctx, access, incident), { kind, stateCode, now });
    await trx
      .insertInto('incident_drafts')
      .values({ id, incident_id: incidentId, kind, state_code: stateCode, state: 'draft', body: sealText(ctx, 'incident_drafts', 'body', id, body), created_by: actor.userId, created_at: now, reviewed_by: null, reviewed_at: null, communication_id: null, updated_at: now })
      .execute();
    await recordEvent(ctx, trx, actor, { type: 'incident.draft_created', organizationId: access.organizationId, subjectType: 'incident', subjectId: incidentId, changes: { ref: incidentRef(toNumber(incident.ref_number)), draftId: id, kind, stateCode } });
  });
  return presentOne(ctx, incidentId, id);
}

/** The draft of the incident (not-found otherwise), with its incident, for a change. */
async function changeableDraft(trx: IncidentExecutor, access: OrgAccess, incidentId: string, draftId: string) {
  const incident = await changeableIncident(trx, access, incidentId);
  const draft = await incidentDb(trx).selectFrom('incident_drafts').selectAll().where('incident_id', '=', incidentId).where('id', '=', draftId).executeTakeFirst();
  if (!draft) throw notFound('draft');
  return { incident, draft };
}

function stateConflict(draft: IncidentDraftsTable, action: string, needed: string): AppError {
  return new AppError('conflict', `draft: is ${draft.state}; only a ${needed} draft can be ${action}`);
}

export async function updateDraft(ctx: AppContext, access: OrgAccess, actor: AuditActor, incidentId: string, draftId: string, input: { body: string }): Promise<TNotificationDraft> {
  await incidentDb(ctx.database.db).transaction().execute(async (trx) => {
    const { incident, draft } = await changeableDraft(trx, access, incidentId, draftId);
    if (draft.state !== 'draft') throw stateConflict(draft, 'edited', 'draft (not yet reviewed)');
    const now = ctx.clock.now().toISOString();
    await trx.updateTable('incident_drafts').set({ body: sealText(ctx, 'incident_drafts', 'body', draftId, input.body), updated_at: now }).where('id', '=', draftId).execute();
    await recordEvent(ctx, trx, actor, { type: 'incident.draft_updated', organizationId: access.organizationId, subjectType: 'incident', subjectId: incidentId, changes: { ref: incidentRef(toNumber(incident.ref_number)), draftId, kind: draft.kind, fields: ['body'] } });
  });
  return presentOne(ctx, incidentId, draftId);
}

export async function reviewDraft(ctx: AppContext, access: OrgAccess, actor: AuditActor, incidentId: string, draftId: string): Promise<TNotificationDraft> {
  await incidentDb(ctx.database.db).transaction().execute(async (trx) => {
    const { incident, draft } = await changeableDraft(trx, access, incidentId, draftId);
    if (draft.state !== 'draft') throw stateConflict(draft, 'reviewed', 'draft');
    const now = ctx.clock.now().toISOString();
    await trx.updateTable('incident_drafts').set({ state: 'reviewed', reviewed_by: actor.userId, reviewed_at: now, updated_at: now }).where('id', '=', draftId).execute();
    await recordEvent(ctx, trx, actor, { type: 'incident.draft_reviewed', organizationId: access.organizationId, subjectType: 'incident', subjectId: incidentId, changes: { ref: incidentRef(toNumber(incident.ref_number)), draftId, kind: draft.kind, state: { from: 'draft', to: 'reviewed' } } });
  });
  return presentOne(ctx, incidentId, draftId);
}

/** The first candidate obligation that is required and not done yet, or null. */
async function openObligationFor(trx: IncidentExecutor, incidentId: string, candidates: string[]): Promise<string | null> {
  if (candidates.length === 0) return null;
  const rows = await incidentDb(trx)
    .selectFrom('incident_obligations')
    .select('obligation_id')
    .where('incident_id', '=', incidentId)
    .where('obligation_id', 'in', candidates)
    .where('required', '=', 1)
    .where('done_at', 'is', null)
    .execute();
  const open = new Set(rows.map((r) => r.obligation_id));
  return candidates.find((c) => open.has(c)) ?? null;
}

export async function sendDraft(ctx: AppContext, access: OrgAccess, actor: AuditActor, incidentId: string, draftId: string, input: SendDraftInput): Promise<TNotificationDraft> {
  await incidentDb(ctx.database.db).transaction().execute(async (trx) => {
    const { incident, draft } = await changeableDraft(trx, access, incidentId, draftId);
    if (draft.state !== 'reviewed') throw stateConflict(draft, 'sent', 'reviewed');
    const now = ctx.clock.now().toISOString();
    const kind = draft.kind as DraftKind;
    const recipient = DRAFT_RECIPIENT[kind];
    const body = openText(ctx, 'incident_drafts', 'body', draftId, draft.body);
    const obligationId = await openObligationFor(trx, incidentId, candidateObligations(kind, draft.state_code));
    const communicationId = newId();
    await trx
      .insertInto('incident_communications')
      .values({
        id: communicationId,
        incident_id: incidentId,
        recipient,
        recipient_name: input.recipientName,
        channel: input.channel,
        sent_at: input.sentAt,
        summary: sealText(ctx, 'incident_communications', 'summary', communicationId, body),
        obligation_id: obligationId,
        draft_id: draftId,
        recorded_by: actor.userId,
        recorded_at: now,
      })
      .execute();
    if (obligationId) await fulfilObligation(trx, { incidentId, obligationId, communicationId, sentAt: input.sentAt });
    await trx.updateTable('incident_drafts').set({ state: 'sent', communication_id: communicationId, updated_at: now }).where('id', '=', draftId).execute();
    const to = `${COMMUNICATION_RECIPIENT_LABELS[recipient]}${draft.state_code ? ` (${draft.state_code})` : ''}`;
    await appendTimeline(ctx, trx, { incidentId, kind: 'communication', text: `${DRAFT_KIND_LABELS[kind]} sent to ${to}${input.recipientName ? `: ${input.recipientName}` : ''} by ${input.channel}${obligationId ? `; fulfils ${obligationId}` : ''}`, at: input.sentAt, byUserId: actor.userId });
    await recordEvent(ctx, trx, actor, {
      type: 'incident.draft_sent',
      organizationId: access.organizationId,
      subjectType: 'incident',
      subjectId: incidentId,
      changes: { ref: incidentRef(toNumber(incident.ref_number)), draftId, kind, stateCode: draft.state_code, communicationId, recipient, channel: input.channel, sentAt: input.sentAt, obligationId, state: { from: 'reviewed', to: 'sent' } },
    });
  });
  return presentOne(ctx, incidentId, draftId);
}
