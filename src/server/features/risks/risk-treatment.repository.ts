/**
 * The queries of risk treatment (linked controls, tasks), acceptances and reviews (ISO/IEC 27001:2022
 * 6.1.3, 8.3). Every read is scoped to the organization in SQL; the task board is paged, filtered and
 * sorted in SQL with one count and one page query (no N+1).
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { TRiskTaskListQuery } from '../../../shared/contracts/risks.js';
import type { Trx } from '../../kernel/audit/record.js';
import type { Db } from '../../kernel/db/database.js';
import { engineOf } from '../../kernel/db/migrate.js';
import { toNumber } from '../../kernel/db/database.js';
import type { RiskTables, RisksTable } from './risk.tables.js';

export type TreatmentDb = Kysely<RiskTables>;
export const treatmentDb = (db: Db | Trx): TreatmentDb => db as unknown as TreatmentDb;

/**
 * A risk of the organization, or undefined. `lock` (inside a transaction that writes): PostgreSQL locks the
 * row (FOR UPDATE) so two acceptances or reviews of one risk are checked against what the other wrote;
 * SQLite serialises writers itself.
 */
export function riskOf(db: TreatmentDb, organizationId: string, riskId: string, options: { lock?: boolean } = {}): Promise<RisksTable | undefined> {
  let query = db.selectFrom('risks').selectAll().where('organization_id', '=', organizationId).where('id', '=', riskId);
  if (options.lock && engineOf(db) === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

export function linkedControls(db: TreatmentDb, organizationId: string, riskId: string) {
  return db
    .selectFrom('risk_controls as rc')
    .innerJoin('controls as c', 'c.id', 'rc.control_id')
    .select(['c.id', 'c.code', 'c.name', 'c.status', 'c.effectiveness', 'c.organization_id'])
    .where('rc.risk_id', '=', riskId)
    .where('rc.organization_id', '=', organizationId)
    .orderBy('c.code')
    .orderBy('c.id')
    .execute();
}

/** The organization's own controls, and the inheritable ones of the groups above it, among `ids`. */
export function visibleControls(db: TreatmentDb, organizationId: string, ancestors: readonly string[], ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('controls as c')
    .select(['c.id', 'c.code', 'c.name', 'c.organization_id'])
    .where('c.id', 'in', [...ids])
    .where((eb) => (ancestors.length === 0 ? eb('c.organization_id', '=', organizationId) : eb.or([eb('c.organization_id', '=', organizationId), eb.and([eb('c.organization_id', 'in', [...ancestors]), eb('c.inheritable', '=', 1)])])))
    .execute();
}

/** The person's display name, or undefined when they hold no current membership in any of `organizationIds`. */
export async function memberName(db: TreatmentDb, userId: string, organizationIds: readonly string[], now: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.display_name')
    .where('m.user_id', '=', userId)
    .where('m.organization_id', 'in', [...organizationIds])
    .where((eb) => eb.or([eb('m.expires_at', 'is', null), eb('m.expires_at', '>', now)]))
    .executeTakeFirst();
  return row?.display_name;
}

export async function userName(db: TreatmentDb, userId: string): Promise<string> {
  const row = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return row?.display_name ?? 'Former user';
}

// ---- Tasks ----

function taskColumns(db: TreatmentDb) {
  return db
    .selectFrom('risk_tasks as t')
    .innerJoin('risks as r', 'r.id', 't.risk_id')
    .leftJoin('users as u', 'u.id', 't.owner_user_id')
    .selectAll('t')
    .select(['r.ref_number as risk_ref_number', 'r.title as risk_title', 'u.display_name as owner_name']);
}

export type TaskRow = Awaited<ReturnType<ReturnType<typeof taskColumns>['execute']>>[number];

export function taskOf(db: TreatmentDb, organizationId: string, riskId: string, taskId: string): Promise<TaskRow | undefined> {
  return taskColumns(db).where('t.organization_id', '=', organizationId).where('t.risk_id', '=', riskId).where('t.id', '=', taskId).executeTakeFirst();
}

/** The tasks of one risk: open ones first by due date (none last), then done and cancelled. */
export function tasksOfRisk(db: TreatmentDb, organizationId: string, riskId: string): Promise<TaskRow[]> {
  return taskColumns(db)
    .where('t.organization_id', '=', organizationId)
    .where('t.risk_id', '=', riskId)
    .orderBy(statusOrder())
    .orderBy(sql`case when t.due_on is null then 1 else 0 end`)
    .orderBy('t.due_on')
    .orderBy('t.created_at')
    .orderBy('t.id')
    .execute();
}

/** Workflow order of a status (to do, in progress, done, cancelled): a text sort would mean nothing. */
function statusOrder(): RawBuilder<number> {
  return sql<number>`case t.status when 'todo' then 0 when 'in_progress' then 1 when 'done' then 2 else 3 end`;
}

/** Overdue: a due date before today, and neither done nor cancelled (computed from today, never stored). */
export function overdueCondition(today: string): RawBuilder<SqlBool> {
  // Null-safe, so `not overdue` keeps the tasks without a due date.
  return sql<SqlBool>`(t.due_on is not null and t.due_on < ${today} and t.status in ('todo', 'in_progress'))`;
}

function boardConditions(organizationIds: readonly string[], query: TRiskTaskListQuery, today: string): RawBuilder<SqlBool> {
  const where: RawBuilder<SqlBool>[] = [sql<SqlBool>`t.organization_id in (${sql.join([...organizationIds])})`];
  if (query.status) where.push(sql<SqlBool>`t.status = ${query.status}`);
  if (query.ownerUserId) where.push(sql<SqlBool>`t.owner_user_id = ${query.ownerUserId}`);
  if (query.riskId) where.push(sql<SqlBool>`t.risk_id = ${query.riskId}`);
  if (query.overdue === 'yes') where.push(overdueCondition(today));
  if (query.overdue === 'no') where.push(sql<SqlBool>`not ${overdueCondition(today)}`);
  return sql<SqlBool>`${sql.join(where, sql` and `)}`;
}

/** The treatment task board: one count and one page query, filtered and sorted in SQL. */
export async function listTasks(db: TreatmentDb, organizationIds: readonly string[], query: TRiskTaskListQuery, today: string): Promise<{ total: number; rows: TaskRow[] }> {
  const where = boardConditions(organizationIds, query, today);
  const countRow = await db.selectFrom('risk_tasks as t').where(where).select((eb) => eb.fn.countAll().as('total')).executeTakeFirst();
  const direction = query.direction === 'desc' ? sql.raw('desc') : sql.raw('asc');
  let page = taskColumns(db).where(where);
  switch (query.sort) {
    case 'dueOn':
      // Tasks without a due date sort after every dated one (both engines alike).
      page = page.orderBy(sql`case when t.due_on is null then 1 else 0 end ${direction}`).orderBy(sql`t.due_on ${direction}`);
      break;
    case 'status':
      page = page.orderBy(sql`${statusOrder()} ${direction}`).orderBy(sql`case when t.due_on is null then 1 else 0 end`).orderBy('t.due_on');
      break;
    case 'title':
      page = page.orderBy(sql`lower(t.title) ${direction}`);
      break;
    case 'riskRef':
      page = page.orderBy(sql`r.ref_number ${direction}`).orderBy(sql`${statusOrder()}`);
      break;
    case 'updatedAt':
      page = page.orderBy(sql`t.updated_at ${direction}`);
      break;
  }
  const rows = await page
    .orderBy(sql`t.created_at ${direction}`)
    .orderBy(sql`t.id ${direction}`)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { total: toNumber(countRow?.total), rows };
}

// ---- Acceptances and reviews ----

/** Every acceptance and sign-off of a risk, newest first (append-only: never updated or deleted here). */
export function acceptancesOf(db: TreatmentDb, organizationId: string, riskId: string) {
  return db.selectFrom('risk_acceptances').selectAll().where('organization_id', '=', organizationId).where('risk_id', '=', riskId).orderBy('accepted_at', 'desc').orderBy('id', 'desc').execute();
}

export function reviewsOf(db: TreatmentDb, organizationId: string, riskId: string) {
  return db.selectFrom('risk_reviews').selectAll().where('organization_id', '=', organizationId).where('risk_id', '=', riskId).orderBy('reviewed_on', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}
