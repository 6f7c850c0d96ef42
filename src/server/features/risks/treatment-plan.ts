/**
 * The risk treatment plan (ISO/IEC 27001:2022 6.1.3 e: formulate a risk treatment plan; 6.1.3 f: the risk
 * owners' approval of the plan and acceptance of the residual risks; 8.3; 45 CFR 164.308(a)(1)(ii)(B)
 * risk management): every open risk with its current and residual level, the treatment option and its
 * rationale, the linked controls with their status, the tasks (owner, due date, status, costs) and the
 * latest acceptance and clinical sign-off. Built once here so the XLSX and the PDF say the same thing.
 *
 * Invariants:
 * - Seven queries whatever the size of the register, each scoped to the organization.
 * - Costs total the tasks that are not cancelled. Overdue and stale are computed on the organization's
 *   today, by the same rules as the register (risk-treatment.service, risk-acceptance.policy).
 */
import { CONTROL_STATUS_LABELS, EFFECTIVENESS_LABELS, type ControlStatus, type Effectiveness } from '../../../shared/compliance.js';
import { RISK_CATEGORY_LABELS, TASK_STATUS_LABELS, TREATMENT_OPTION_LABELS, type RiskCategory, type TaskStatus, type TreatmentOption } from '../../../shared/contracts/risks.js';
import { ROLE_LABELS, type Role } from '../../../shared/permissions.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { recordStaleReasons } from './risk-acceptance.policy.js';
import { currentMethod, riskDb } from './risk-method.store.js';
import { riskRef, stageLevel } from './risk-stage.js';
import { acceptanceLevelRank, orgToday } from './risk-treatment.service.js';

export interface PlanLevel {
  label: string;
  colour: string;
  rank: number;
}

export interface PlanControl {
  code: string;
  name: string;
  status: string;
  effectiveness: string;
}

export interface PlanTask {
  title: string;
  owner: string | null;
  dueOn: string | null;
  status: string;
  isOverdue: boolean;
  costOneOff: number | null;
  costYearly: number | null;
}

export interface PlanAcceptance {
  kind: 'acceptance' | 'clinical_sign_off';
  by: string;
  role: string;
  acceptedOn: string;
  levelLabel: string;
  expiresOn: string | null;
  /** Empty when it still holds. */
  staleReasons: ('level_rose' | 'expired')[];
}

export interface PlanRisk {
  ref: string;
  title: string;
  category: string;
  owner: string | null;
  current: PlanLevel | null;
  residual: PlanLevel | null;
  option: string | null;
  rationale: string;
  controls: PlanControl[];
  tasks: PlanTask[];
  acceptances: PlanAcceptance[];
  costOneOff: number;
  costYearly: number;
}

export interface TreatmentPlanDocument {
  organizationName: string;
  timeZone: string;
  methodName: string;
  methodVersion: number;
  generatedAt: string;
  today: string;
  risks: PlanRisk[];
  totals: { risks: number; tasks: number; openTasks: number; overdueTasks: number; costOneOff: number; costYearly: number };
}

const cents = (value: number) => Math.round(value * 100) / 100;

/** The plan of the organization as it is now. */
export async function treatmentPlanDocument(ctx: AppContext, access: OrgAccess): Promise<TreatmentPlanDocument> {
  const db = riskDb(ctx.database.db);
  const organizationId = access.organizationId;
  const generatedAt = ctx.clock.now().toISOString();
  const today = orgToday(ctx, access);
  const { method, version } = await currentMethod(ctx.database.db, organizationId);
  const [risks, controls, tasks, acceptances] = await Promise.all([
    db.selectFrom('risks').selectAll().where('organization_id', '=', organizationId).where('status', '=', 'open').orderBy('ref_number').execute(),
    db
      .selectFrom('risk_controls as rc')
      .innerJoin('controls as c', 'c.id', 'rc.control_id')
      .select(['rc.risk_id', 'c.code', 'c.name', 'c.status', 'c.effectiveness'])
      .where('rc.organization_id', '=', organizationId)
      .orderBy('c.code')
      .execute(),
    db.selectFrom('risk_tasks').selectAll().where('organization_id', '=', organizationId).orderBy('due_on').orderBy('title').execute(),
    db.selectFrom('risk_acceptances').selectAll().where('organization_id', '=', organizationId).orderBy('accepted_at', 'desc').execute(),
  ]);
  const userIds = [...new Set([...risks.map((r) => r.owner_user_id), ...tasks.map((t) => t.owner_user_id)].filter((id): id is string => id !== null))];
  const names = new Map<string, string>();
  for (let i = 0; i < userIds.length; i += 500) {
    for (const user of await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds.slice(i, i + 500)).execute()) names.set(user.id as string, user.display_name as string);
  }
  const name = (id: string | null) => (id === null ? null : (names.get(id) ?? 'Former user'));

  const byRisk = <T extends { risk_id: string }>(rows: readonly T[]) => {
    const out = new Map<string, T[]>();
    for (const row of rows) {
      let list = out.get(row.risk_id);
      if (!list) out.set(row.risk_id, (list = []));
      list.push(row);
    }
    return out;
  };
  const controlsOf = byRisk(controls as { risk_id: string; code: string; name: string; status: ControlStatus; effectiveness: Effectiveness }[]);
  const tasksOf = byRisk(tasks);
  const acceptancesOf = byRisk(acceptances);

  const totals = { risks: risks.length, tasks: 0, openTasks: 0, overdueTasks: 0, costOneOff: 0, costYearly: 0 };
  const planRisks = risks.map((row): PlanRisk => {
    const level = (stage: 'current' | 'residual'): PlanLevel | null => {
      const ref = stageLevel(row, stage, method);
      return ref ? { label: ref.label, colour: ref.colour, rank: ref.rank } : null;
    };
    let costOneOff = 0;
    let costYearly = 0;
    const planTasks = (tasksOf.get(row.id) ?? []).map((t): PlanTask => {
      const isOpen = t.status === 'todo' || t.status === 'in_progress';
      const isOverdue = isOpen && t.due_on !== null && t.due_on < today;
      if (t.status !== 'cancelled') {
        costOneOff += Number(t.cost_one_off ?? 0);
        costYearly += Number(t.cost_yearly ?? 0);
      }
      totals.tasks += 1;
      if (isOpen) totals.openTasks += 1;
      if (isOverdue) totals.overdueTasks += 1;
      return { title: t.title, owner: name(t.owner_user_id), dueOn: t.due_on, status: TASK_STATUS_LABELS[t.status as TaskStatus] ?? t.status, isOverdue, costOneOff: t.cost_one_off === null ? null : Number(t.cost_one_off), costYearly: t.cost_yearly === null ? null : Number(t.cost_yearly) };
    });
    // The latest acceptance and the latest sign-off (the full history is on the risk's page).
    const latest = new Map<string, (typeof acceptances)[number]>();
    for (const a of acceptancesOf.get(row.id) ?? []) if (!latest.has(a.kind)) latest.set(a.kind, a);
    const levelRankNow = acceptanceLevelRank(row);
    const planAcceptances = [...latest.values()].map((a): PlanAcceptance => {
      return {
        kind: a.kind as PlanAcceptance['kind'],
        by: a.accepted_by_name,
        role: ROLE_LABELS[a.role as Role] ?? a.role,
        acceptedOn: a.accepted_at.slice(0, 10),
        levelLabel: a.level_label,
        expiresOn: a.expires_on,
        staleReasons: recordStaleReasons({ levelRank: Number(a.level_rank), expiresOn: a.expires_on }, levelRankNow, today),
      };
    });
    planAcceptances.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'acceptance' ? -1 : 1));
    totals.costOneOff += costOneOff;
    totals.costYearly += costYearly;
    return {
      ref: riskRef(Number(row.ref_number)),
      title: row.title,
      category: RISK_CATEGORY_LABELS[row.category as RiskCategory] ?? row.category,
      owner: name(row.owner_user_id),
      current: level('current'),
      residual: level('residual'),
      option: row.treatment_option ? (TREATMENT_OPTION_LABELS[row.treatment_option as TreatmentOption] ?? row.treatment_option) : null,
      rationale: row.treatment_rationale,
      controls: (controlsOf.get(row.id) ?? []).map((c) => ({ code: c.code, name: c.name, status: CONTROL_STATUS_LABELS[c.status] ?? c.status, effectiveness: EFFECTIVENESS_LABELS[c.effectiveness] ?? c.effectiveness })),
      tasks: planTasks,
      acceptances: planAcceptances,
      costOneOff: cents(costOneOff),
      costYearly: cents(costYearly),
    };
  });
  totals.costOneOff = cents(totals.costOneOff);
  totals.costYearly = cents(totals.costYearly);
  return { organizationName: access.organizationName, timeZone: access.timeZone, methodName: method.name, methodVersion: version, generatedAt, today, risks: planRisks, totals };
}

// ---- Texts shared by the XLSX and the PDF ----

export function money(value: number | null): string {
  if (value === null) return '';
  return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function levelText(level: PlanLevel | null): string {
  return level ? level.label : 'Not assessed';
}

export function controlText(c: PlanControl): string {
  return `${c.code} ${c.name} (${c.status}; ${c.effectiveness})`;
}

export function taskText(t: PlanTask): string {
  const parts = [t.status, t.owner ?? 'no owner', t.dueOn ? `due ${t.dueOn}${t.isOverdue ? ' (OVERDUE)' : ''}` : 'no due date'];
  const costs = [t.costOneOff !== null ? `${money(t.costOneOff)} one-off` : null, t.costYearly !== null ? `${money(t.costYearly)} a year` : null].filter(Boolean);
  if (costs.length > 0) parts.push(costs.join(', '));
  return `${t.title} — ${parts.join('; ')}`;
}

export function acceptanceText(a: PlanAcceptance): string {
  const what = a.kind === 'acceptance' ? `Accepted (${a.levelLabel})` : 'Clinical sign-off';
  const stale = a.staleReasons.length === 0 ? '' : ` — STALE: ${a.staleReasons.map((r) => (r === 'expired' ? 'expired' : 'level rose')).join(', ')}`;
  return `${what} by ${a.by}, ${a.role}, on ${a.acceptedOn}${a.expiresOn ? `, until ${a.expiresOn}` : ''}${stale}`;
}

export function summaryText(doc: TreatmentPlanDocument): string {
  const t = doc.totals;
  return `${t.risks} open risks; ${t.tasks} treatment tasks (${t.openTasks} open, ${t.overdueTasks} overdue); costs ${money(t.costOneOff)} one-off and ${money(t.costYearly)} a year (tasks not cancelled).`;
}

export function identificationLines(doc: TreatmentPlanDocument): [string, string][] {
  return [
    ['Organization', doc.organizationName],
    ['Risk method', `${doc.methodName}, version ${doc.methodVersion}`],
    ['Date', doc.today],
    ['Generated', `${doc.generatedAt.replace('T', ' ').slice(0, 16)} UTC`],
  ];
}
