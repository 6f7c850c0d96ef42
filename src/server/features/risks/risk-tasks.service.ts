/**
 * Risk treatment tasks (ISO/IEC 27001:2022 6.1.3 e risk treatment plan: what will be done, resources,
 * who is responsible, when it will be completed; 6.2; 45 CFR 164.308(a)(1)(ii)(B)) and the task board
 * across the organization's risks. Overdue is computed from today in the organization's time zone, never
 * stored; `completed_on` is set when a task becomes done and cleared when it leaves done. One transaction
 * and one audit event (on the risk, so it shows in the risk's history) per change.
 */
import { ZCreateRiskTaskRequest, type TCreateRiskTaskRequest, type TRiskTask, type TRiskTaskListQuery, type TUpdateRiskTaskRequest } from '../../../shared/contracts/risks.js';
import type { z } from 'zod';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { Principal } from '../../kernel/auth/principal.js';
import { sitesWithPermission, type OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { toNumber } from '../../kernel/db/database.js';
import { AppError, fieldError, notFound } from '../../kernel/errors.js';
import { ancestorOrganizationIds } from '../controls/index.js';
import { loadRisk, presentTask } from './risk-treatment.service.js';
import { organizationToday } from './risk.service.js';
import * as repo from './risk-treatment.repository.js';

type TaskFields = z.output<typeof ZCreateRiskTaskRequest>;

/** The owner must be a current member of the organization or of a group above it. */
async function checkOwner(ctx: AppContext, access: OrgAccess, ownerUserId: string | null): Promise<void> {
  if (ownerUserId === null) return;
  const orgIds = [access.organizationId, ...(await ancestorOrganizationIds(ctx.database.db, access.organizationId))];
  const name = await repo.memberName(repo.treatmentDb(ctx.database.db), ownerUserId, orgIds, ctx.clock.now().toISOString());
  if (name === undefined) throw fieldError('body.ownerUserId', 'must be a member of this organization or of its group');
}

function fieldsOf(row: repo.TaskRow): TaskFields {
  return {
    title: row.title,
    description: row.description,
    ownerUserId: row.owner_user_id,
    dueOn: row.due_on,
    costOneOff: row.cost_one_off === null ? null : Number(row.cost_one_off),
    costYearly: row.cost_yearly === null ? null : Number(row.cost_yearly),
    status: row.status as TaskFields['status'],
  };
}

function columnsOf(fields: TaskFields) {
  return {
    title: fields.title,
    description: fields.description,
    owner_user_id: fields.ownerUserId,
    due_on: fields.dueOn,
    cost_one_off: fields.costOneOff,
    cost_yearly: fields.costYearly,
    status: fields.status,
  };
}

function diff(before: TaskFields | null, after: TaskFields): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as (keyof TaskFields)[]) {
    const from = before ? before[key] : null;
    const to = after[key];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

async function loadTask(ctx: AppContext, access: OrgAccess, riskId: string, taskId: string): Promise<repo.TaskRow> {
  const row = await repo.taskOf(repo.treatmentDb(ctx.database.db), access.organizationId, riskId, taskId);
  if (!row) throw notFound('task');
  return row;
}

/** Checks a task's fields as a whole (the merged record of an update too), naming the field of the first problem. */
function parseFields(input: TCreateRiskTaskRequest): TaskFields {
  const parsed = ZCreateRiskTaskRequest.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw fieldError(`body.${issue.path.join('.')}`, issue.message);
  }
  return parsed.data;
}

export async function createTask(ctx: AppContext, access: OrgAccess, actor: AuditActor, riskId: string, input: TCreateRiskTaskRequest): Promise<TRiskTask> {
  const fields = parseFields(input);
  const db = repo.treatmentDb(ctx.database.db);
  const risk = await loadRisk(db, access, riskId);
  await checkOwner(ctx, access, fields.ownerUserId);
  const id = newId();
  const now = ctx.clock.now().toISOString();
  const today = organizationToday(ctx, access);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('risk_tasks')
      .values({ ...columnsOf(fields), id, organization_id: access.organizationId, risk_id: risk.id, completed_on: fields.status === 'done' ? today : null, version: 1, created_at: now, updated_at: now })
      .execute();
    await recordEvent(ctx, trx, actor, { type: 'risk.task_created', organizationId: access.organizationId, subjectType: 'risk', subjectId: riskId, changes: { task: { id, title: fields.title }, ...diff(null, fields) } });
  });
  return presentTask(await loadTask(ctx, access, riskId, id), today);
}

export async function updateTask(ctx: AppContext, access: OrgAccess, actor: AuditActor, riskId: string, taskId: string, input: TUpdateRiskTaskRequest): Promise<TRiskTask> {
  const row = await loadTask(ctx, access, riskId, taskId);
  const version = toNumber(row.version);
  if (version !== input.version) throw new AppError('conflict', `task: was changed by someone else meanwhile (version ${version}, you had ${input.version}); reload it and apply your change again`);
  const before = fieldsOf(row);
  const { version: _version, ...patch } = input;
  const after = parseFields({ ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) });
  if (patch.ownerUserId !== undefined && patch.ownerUserId !== before.ownerUserId) await checkOwner(ctx, access, after.ownerUserId);
  const today = organizationToday(ctx, access);
  const changes = diff(before, after);
  if (Object.keys(changes).length === 0) return presentTask(row, today);
  // Done records its day; leaving done clears it; staying done keeps the day it was done.
  const completedOn = after.status !== 'done' ? null : before.status === 'done' ? row.completed_on : today;
  const db = repo.treatmentDb(ctx.database.db);
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('risk_tasks')
      .set({ ...columnsOf(after), completed_on: completedOn, version: version + 1, updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', taskId)
      .where('organization_id', '=', access.organizationId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError('conflict', 'task: was changed by someone else meanwhile; reload it and apply your change again');
    await recordEvent(ctx, trx, actor, { type: 'risk.task_updated', organizationId: access.organizationId, subjectType: 'risk', subjectId: riskId, changes: { task: { id: taskId, title: after.title }, ...changes } });
  });
  return presentTask(await loadTask(ctx, access, riskId, taskId), today);
}

export async function deleteTask(ctx: AppContext, access: OrgAccess, actor: AuditActor, riskId: string, taskId: string): Promise<void> {
  const row = await loadTask(ctx, access, riskId, taskId);
  await repo.treatmentDb(ctx.database.db).transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('risk_tasks').where('id', '=', taskId).where('organization_id', '=', access.organizationId).executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) throw notFound('task');
    await recordEvent(ctx, trx, actor, { type: 'risk.task_deleted', organizationId: access.organizationId, subjectType: 'risk', subjectId: riskId, changes: { task: { id: taskId, title: row.title }, status: row.status, dueOn: row.due_on } });
  });
}

/** The task board: the organization's tasks, and at a group its sites' where the caller may read risks. */
export async function listTasks(ctx: AppContext, access: OrgAccess, principal: Principal | null, query: TRiskTaskListQuery) {
  const orgIds = [access.organizationId];
  if (query.includeSites === 'yes' && principal) orgIds.push(...(await sitesWithPermission(ctx.database.db, principal, access.organizationId, 'risk.read', ctx.clock.now())).map((s) => s.id));
  const today = organizationToday(ctx, access);
  const { total, rows } = await repo.listTasks(repo.treatmentDb(ctx.database.db), orgIds, query, today);
  return { items: rows.map((row) => presentTask(row, today)), total, page: query.page, pageSize: query.pageSize };
}
