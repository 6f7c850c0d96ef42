/**
 * Follow-up actions of an incident (A.5.27 learning from information security incidents; A.5.26 response;
 * 45 CFR 164.308(a)(6)(ii) mitigate harmful effects): corrective steps with an owner, a due date and a
 * status. Overdue is computed against today in the organization's zone, never stored.
 */
import type { z } from 'zod';
import type { TIncidentAction, ZCreateIncidentActionRequest, ZUpdateIncidentActionRequest } from '../../../shared/contracts/incidents.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { fieldError, notFound } from '../../kernel/errors.js';
import { ancestorOrganizationIds } from '../controls/index.js';
import { localToday } from './incident-retention.js';
import { assertChangeable, visibleIncident } from './incident.policy.js';
import { incidentDb, incidentRef, isMemberOfAny, ownIncident, type IncidentExecutor } from './incident.repository.js';

type CreateInput = z.output<typeof ZCreateIncidentActionRequest>;
type UpdateInput = z.output<typeof ZUpdateIncidentActionRequest>;

const OPEN_STATUSES = new Set(['todo', 'in_progress']);

async function actionRows(db: IncidentExecutor, incidentId: string, today: string, actionId?: string): Promise<TIncidentAction[]> {
  let query = incidentDb(db)
    .selectFrom('incident_actions as a')
    .leftJoin('users as u', 'u.id', 'a.owner_user_id')
    .selectAll('a')
    .select('u.display_name')
    .where('a.incident_id', '=', incidentId);
  if (actionId) query = query.where('a.id', '=', actionId);
  const rows = await query.orderBy('a.created_at').orderBy('a.id').execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    owner: r.owner_user_id ? { id: r.owner_user_id, name: r.display_name ?? 'Former user' } : null,
    dueOn: r.due_on,
    status: r.status as TIncidentAction['status'],
    overdue: OPEN_STATUSES.has(r.status) && r.due_on !== null && r.due_on < today,
    completedAt: r.completed_at,
    createdAt: r.created_at,
  }));
}

/** The owner must hold a current membership in the organization or a group above it. */
async function assertOwner(ctx: AppContext, organizationId: string, ownerUserId: string | null | undefined): Promise<void> {
  if (!ownerUserId) return;
  const db = ctx.database.db;
  const orgs = [organizationId, ...(await ancestorOrganizationIds(db, organizationId))];
  if (!(await isMemberOfAny(db, ownerUserId, orgs, ctx.clock.now().toISOString()))) throw fieldError('body.ownerUserId', 'is not a member of this organization or of its group');
}

export async function listActions(ctx: AppContext, access: OrgAccess, incidentId: string): Promise<TIncidentAction[]> {
  const db = ctx.database.db;
  visibleIncident(access.organizationId, await ownIncident(db, access.organizationId, incidentId));
  return actionRows(db, incidentId, localToday(ctx.clock.now(), access.timeZone));
}

export async function createAction(ctx: AppContext, access: OrgAccess, actor: AuditActor, incidentId: string, input: CreateInput): Promise<TIncidentAction> {
  await assertOwner(ctx, access.organizationId, input.ownerUserId);
  const id = newId();
  await incidentDb(ctx.database.db)
    .transaction()
    .execute(async (trx) => {
      const row = visibleIncident(access.organizationId, await ownIncident(trx, access.organizationId, incidentId));
      const ref = incidentRef(Number(row.ref_number));
      assertChangeable(row, ref);
      const now = ctx.clock.now().toISOString();
      await trx
        .insertInto('incident_actions')
        .values({ id, incident_id: incidentId, organization_id: access.organizationId, title: input.title, owner_user_id: input.ownerUserId, due_on: input.dueOn, status: input.status, completed_at: input.status === 'done' ? now : null, created_at: now, created_by: actor.userId, updated_at: now })
        .execute();
      await trx.updateTable('incidents').set({ updated_at: now }).where('id', '=', incidentId).execute();
      await recordEvent(ctx, trx, actor, { type: 'incident.action_created', organizationId: access.organizationId, subjectType: 'incident', subjectId: incidentId, changes: { ref, actionId: id, title: input.title, ownerUserId: input.ownerUserId, dueOn: input.dueOn, status: input.status } });
    });
  const [action] = await actionRows(ctx.database.db, incidentId, localToday(ctx.clock.now(), access.timeZone), id);
  return action!;
}

export async function updateAction(ctx: AppContext, access: OrgAccess, actor: AuditActor, incidentId: string, actionId: string, input: UpdateInput): Promise<TIncidentAction> {
  await assertOwner(ctx, access.organizationId, input.ownerUserId);
  await incidentDb(ctx.database.db)
    .transaction()
    .execute(async (trx) => {
      const row = visibleIncident(access.organizationId, await ownIncident(trx, access.organizationId, incidentId));
      const ref = incidentRef(Number(row.ref_number));
      const action = await trx.selectFrom('incident_actions').selectAll().where('id', '=', actionId).where('incident_id', '=', incidentId).executeTakeFirst();
      if (!action) throw notFound('action');
      assertChangeable(row, ref);
      const before = { title: action.title, ownerUserId: action.owner_user_id, dueOn: action.due_on, status: action.status };
      const after = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
      const changes = Object.fromEntries((Object.keys(before) as (keyof typeof before)[]).filter((k) => before[k] !== after[k]).map((k) => [k, { from: before[k], to: after[k] }]));
      if (Object.keys(changes).length === 0) return;
      const now = ctx.clock.now().toISOString();
      const completedAt = after.status === 'done' ? (action.status === 'done' ? action.completed_at : now) : null;
      await trx
        .updateTable('incident_actions')
        .set({ title: after.title, owner_user_id: after.ownerUserId, due_on: after.dueOn, status: after.status, completed_at: completedAt, updated_at: now })
        .where('id', '=', actionId)
        .execute();
      await trx.updateTable('incidents').set({ updated_at: now }).where('id', '=', incidentId).execute();
      await recordEvent(ctx, trx, actor, { type: 'incident.action_updated', organizationId: access.organizationId, subjectType: 'incident', subjectId: incidentId, changes: { ref, actionId, ...changes } });
    });
  const [action] = await actionRows(ctx.database.db, incidentId, localToday(ctx.clock.now(), access.timeZone), actionId);
  return action!;
}
