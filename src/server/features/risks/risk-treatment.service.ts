/**
 * Risk treatment (ISO/IEC 27001:2022 6.1.3 b–c: the controls necessary to implement the treatment
 * option, compared with Annex A; 8.3 risk treatment; 45 CFR 164.308(a)(1)(ii)(B) security measures
 * sufficient to reduce risks): a risk's linked controls and its treatment view — controls, tasks,
 * acceptances (with staleness computed now), reviews and cost totals.
 *
 * A control may be linked when it is the organization's own or inherited from a group above it (the
 * same visibility as the control register). Linking and unlinking are audited but do not change the
 * risk's version: they are not fields of the risk form, so they never make an open edit of it stale.
 */
import type { TRiskAcceptance, TRiskControlRef, TRiskReview, TRiskTask, TRiskTreatment } from '../../../shared/contracts/risks.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { toNumber } from '../../kernel/db/database.js';
import { fieldError, notFound } from '../../kernel/errors.js';
import { ancestorOrganizationIds } from '../controls/index.js';
import { recordStaleReasons } from './risk-acceptance.policy.js';
import { acceptanceStage, riskRef } from './risk-stage.js';
import * as repo from './risk-treatment.repository.js';
import { organizationToday } from './risk.service.js';
import type { RiskAcceptancesTable, RiskReviewsTable, RisksTable } from './risk.tables.js';

/** Today in the organization's time zone: the register's `organizationToday` (kept under this name for the treatment plan). */
export const orgToday = organizationToday;

/** The risk, of this organization: not-found otherwise (existence never leaks). */
export async function loadRisk(db: repo.TreatmentDb, access: OrgAccess, riskId: string, options: { lock?: boolean } = {}): Promise<RisksTable> {
  const row = await repo.riskOf(db, access.organizationId, riskId, options);
  if (!row) throw notFound('risk');
  return row;
}

/** Rank of the acceptance stage's level now, or null when no stage is assessed. */
export function acceptanceLevelRank(row: RisksTable): number | null {
  const stage = acceptanceStage(row);
  if (stage === null) return null;
  const rank = row[`${stage}_level_rank`];
  return rank === null ? null : Number(rank);
}

const amount = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export function presentTask(row: repo.TaskRow, today: string): TRiskTask {
  return {
    id: row.id,
    riskId: row.risk_id,
    riskRef: riskRef(Number(row.risk_ref_number)),
    riskTitle: row.risk_title,
    organizationId: row.organization_id,
    title: row.title,
    description: row.description,
    owner: row.owner_user_id === null ? null : { id: row.owner_user_id, name: row.owner_name ?? 'Former user' },
    dueOn: row.due_on,
    costOneOff: amount(row.cost_one_off),
    costYearly: amount(row.cost_yearly),
    status: row.status as TRiskTask['status'],
    overdue: row.due_on !== null && row.due_on < today && (row.status === 'todo' || row.status === 'in_progress'),
    completedOn: row.completed_on,
    version: toNumber(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentAcceptance(row: RiskAcceptancesTable, levelRankNow: number | null, today: string): TRiskAcceptance {
  const staleReasons = recordStaleReasons({ levelRank: Number(row.level_rank), expiresOn: row.expires_on }, levelRankNow, today);
  return {
    id: row.id,
    riskId: row.risk_id,
    kind: row.kind as TRiskAcceptance['kind'],
    acceptedBy: { id: row.accepted_by, name: row.accepted_by_name },
    role: row.role as TRiskAcceptance['role'],
    acceptedAt: row.accepted_at,
    stage: row.stage as TRiskAcceptance['stage'],
    levelKey: row.level_key,
    levelLabel: row.level_label,
    levelRank: Number(row.level_rank),
    methodVersion: Number(row.method_version),
    rationale: row.rationale,
    expiresOn: row.expires_on,
    stale: staleReasons.length > 0,
    staleReasons,
  };
}

export function presentReview(row: RiskReviewsTable): TRiskReview {
  return {
    id: row.id,
    riskId: row.risk_id,
    reviewer: { id: row.reviewer_id, name: row.reviewer_name },
    reviewedOn: row.reviewed_on,
    outcome: row.outcome as TRiskReview['outcome'],
    comment: row.comment,
    levelKey: row.level_key,
    nextReviewOn: row.next_review_on,
    createdAt: row.created_at,
  };
}

function presentControl(row: Awaited<ReturnType<typeof repo.linkedControls>>[number]): TRiskControlRef {
  return { id: row.id, code: row.code, name: row.name, status: row.status, effectiveness: row.effectiveness, organizationId: row.organization_id };
}

/** Sum in whole cents, so 0.1 + 0.2 is 0.3. */
function total(values: (number | null)[]): number {
  return values.reduce<number>((sum, v) => sum + Math.round((v ?? 0) * 100), 0) / 100;
}

/** Treatment, acceptance and review history of one risk: five indexed queries, whatever their sizes. */
export async function getTreatment(ctx: AppContext, access: OrgAccess, riskId: string): Promise<TRiskTreatment> {
  const db = repo.treatmentDb(ctx.database.db);
  const row = await loadRisk(db, access, riskId);
  const today = organizationToday(ctx, access);
  const [controls, tasks, acceptances, reviews] = await Promise.all([
    repo.linkedControls(db, access.organizationId, riskId),
    repo.tasksOfRisk(db, access.organizationId, riskId),
    repo.acceptancesOf(db, access.organizationId, riskId),
    repo.reviewsOf(db, access.organizationId, riskId),
  ]);
  const levelRankNow = acceptanceLevelRank(row);
  const counted = tasks.filter((t) => t.status !== 'cancelled');
  return {
    controls: controls.map(presentControl),
    tasks: tasks.map((t) => presentTask(t, today)),
    acceptances: acceptances.map((a) => presentAcceptance(a, levelRankNow, today)),
    reviews: reviews.map(presentReview),
    costOneOffTotal: total(counted.map((t) => amount(t.cost_one_off))),
    costYearlyTotal: total(counted.map((t) => amount(t.cost_yearly))),
  };
}

/** Link controls to the risk's treatment; links that exist already are left as they are (idempotent). */
export async function linkControls(ctx: AppContext, access: OrgAccess, actor: AuditActor, riskId: string, controlIds: string[]): Promise<TRiskTreatment> {
  const db = repo.treatmentDb(ctx.database.db);
  await loadRisk(db, access, riskId);
  const ids = [...new Set(controlIds)];
  const ancestors = await ancestorOrganizationIds(ctx.database.db, access.organizationId);
  const found = await repo.visibleControls(db, access.organizationId, ancestors, ids);
  if (found.length !== ids.length) {
    const known = new Set(found.map((c) => c.id));
    throw fieldError('body.controlIds', `not a control of this organization or inherited from its group: ${ids.filter((id) => !known.has(id)).slice(0, 5).join(', ')}`);
  }
  await db.transaction().execute(async (trx) => {
    const existing = new Set((await trx.selectFrom('risk_controls').select('control_id').where('risk_id', '=', riskId).where('control_id', 'in', ids).execute()).map((r) => r.control_id));
    const added = found.filter((c) => !existing.has(c.id)).sort((a, b) => a.code.localeCompare(b.code));
    if (added.length === 0) return;
    await trx.insertInto('risk_controls').values(added.map((c) => ({ risk_id: riskId, control_id: c.id, organization_id: access.organizationId }))).execute();
    await recordEvent(ctx, trx, actor, {
      type: 'risk.controls_linked',
      organizationId: access.organizationId,
      subjectType: 'risk',
      subjectId: riskId,
      changes: { controls: added.map((c) => ({ id: c.id, code: c.code, name: c.name, inheritedFrom: c.organization_id === access.organizationId ? null : c.organization_id })) },
    });
  });
  return getTreatment(ctx, access, riskId);
}

export async function unlinkControl(ctx: AppContext, access: OrgAccess, actor: AuditActor, riskId: string, controlId: string): Promise<TRiskTreatment> {
  const db = repo.treatmentDb(ctx.database.db);
  await loadRisk(db, access, riskId);
  await db.transaction().execute(async (trx) => {
    const control = await trx.selectFrom('controls').select(['id', 'code', 'name']).where('id', '=', controlId).executeTakeFirst();
    const result = await trx.deleteFrom('risk_controls').where('risk_id', '=', riskId).where('control_id', '=', controlId).where('organization_id', '=', access.organizationId).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0 || !control) throw notFound('control link');
    await recordEvent(ctx, trx, actor, { type: 'risk.control_unlinked', organizationId: access.organizationId, subjectType: 'risk', subjectId: riskId, changes: { control: { id: control.id, code: control.code, name: control.name } } });
  });
  return getTreatment(ctx, access, riskId);
}
