/**
 * The HIPAA Security Rule view (45 CFR 164.308–164.316) and the decisions on addressable implementation
 * specifications (164.306(d)(3)). A required specification can only be implemented (164.306(d)(2)): no
 * decision is recorded for it. An addressable one needs a decision: implement it (ii)(A); or document why
 * it is not reasonable and appropriate (ii)(B)(1) and implement an equivalent alternative measure, linked
 * to the controls that implement it (ii)(B)(2); or document why neither is reasonable and appropriate.
 * Every decision names the risk analysis behind it (164.308(a)(1)(ii)(A)), who decided and when.
 * A new decision replaces the previous one; the audit trail keeps both (before/after in the event).
 */
import type { THipaaDecisionHistory, THipaaSpecification, THipaaStandard, THipaaView, TLinkedControlSummary, TRecordHipaaDecisionRequest } from '../../../shared/contracts/compliance.js';
import { hipaaDecisionIssues, ZRecordHipaaDecisionRequest } from '../../../shared/contracts/compliance.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError, fieldError, isUniqueViolation, notFound } from '../../kernel/errors.js';
import { complianceDb, decisionEvents, evidenceCounts, HIPAA_SECURITY_RULE, requirementsOf, usableControls, type RequirementRow } from './compliance.repository.js';
import { assessFramework, childrenOf, countedRequirements, HIPAA_SAFEGUARDS, safeguardOf } from './framework-assessment.js';
import { loadOrganizationInputs } from './organization-inputs.js';
import { figuresOf } from './requirement-status.js';

type ControlLike = { id: string; code: string; name: string; organizationId: string; status: TLinkedControlSummary['status']; effectiveness: TLinkedControlSummary['effectiveness']; inherited: boolean };

function summarise(controls: readonly ControlLike[], evidence: ReadonlyMap<string, number>): TLinkedControlSummary[] {
  return controls.map((c) => ({ id: c.id, code: c.code, name: c.name, organizationId: c.organizationId, status: c.status, effectiveness: c.effectiveness, inherited: c.inherited, evidenceCount: evidence.get(c.id) ?? 0 }));
}

const evidenceTotal = (controls: readonly TLinkedControlSummary[]) => controls.reduce((sum, c) => sum + c.evidenceCount, 0);

export async function getHipaaView(ctx: AppContext, access: OrgAccess): Promise<THipaaView> {
  const db = complianceDb(ctx.database.db);
  const requirements = await requirementsOf(db, [HIPAA_SECURITY_RULE], { withText: true });
  const abilities = { decide: access.permissions.includes('hipaa.decide') };
  if (requirements.length === 0) {
    return { loaded: false, frameworkId: HIPAA_SECURITY_RULE, figures: figuresOf([]), standardCount: 0, specificationCount: { required: 0, addressable: 0 }, decisionsMissing: 0, safeguards: [], abilities };
  }
  const inputs = await loadOrganizationInputs(ctx, access.organizationId, HIPAA_SECURITY_RULE);
  const assessments = assessFramework(HIPAA_SECURITY_RULE, requirements, inputs);
  const controlIds = [...[...inputs.linked.values()].flat().map((c) => c.id), ...[...inputs.alternativeControls.values()].flat().map((c) => c.id)];
  const evidence = await evidenceCounts(db, controlIds);
  const children = childrenOf(requirements);

  const present = (r: RequirementRow) => {
    const assessment = assessments.get(r.id)!;
    const controls = summarise(inputs.linked.get(r.id) ?? [], evidence);
    return { id: r.id, ref: r.ref, title: r.title, text: r.text ?? null, obligation: r.obligation ?? 'required', implementationStatus: assessment.implementationStatus, status: assessment.status, basis: assessment.basis, controls, evidenceCount: evidenceTotal(controls) };
  };
  const specification = (r: RequirementRow): THipaaSpecification => {
    const base = present(r);
    const row = inputs.decisionRows.get(r.id);
    if (!row || r.obligation !== 'addressable') return { ...base, decision: null };
    const altControls = summarise(
      (inputs.alternativeControls.get(r.id) ?? []).map((c) => ({ id: c.id, code: c.code, name: c.name, organizationId: c.control_org_id, status: c.status, effectiveness: c.effectiveness, inherited: c.inherited })),
      evidence,
    );
    const decision = { decision: row.decision, rationale: row.rationale, alternativeMeasure: row.alternative_measure, riskAnalysisRef: row.risk_analysis_ref, decidedBy: { id: row.decided_by, name: row.decided_by_name ?? row.decided_by }, decidedAt: row.decided_at, controls: altControls };
    // The evidence behind an alternative measure is that of its controls.
    return { ...base, evidenceCount: row.decision === 'alternative' ? evidenceTotal(altControls) : base.evidenceCount, decision };
  };

  const safeguards = new Map<string, THipaaStandard[]>();
  for (const standard of requirements.filter((r) => r.kind === 'standard')) {
    const key = safeguardOf(standard.theme, standard.ref);
    const specs = (children.get(standard.id) ?? []).filter((c) => c.kind === 'implementation_specification').map(specification);
    const list = safeguards.get(key) ?? [];
    list.push({ ...present(standard), specifications: specs });
    safeguards.set(key, list);
  }
  const counted = countedRequirements(requirements);
  const statusesIn = (ids: Set<string>) => counted.filter((r) => ids.has(r.id)).map((r) => assessments.get(r.id)!.status);
  const order = Object.keys(HIPAA_SAFEGUARDS);
  const specs = requirements.filter((r) => r.kind === 'implementation_specification');
  return {
    loaded: true,
    frameworkId: HIPAA_SECURITY_RULE,
    figures: figuresOf(counted.map((r) => assessments.get(r.id)!.status)),
    standardCount: requirements.filter((r) => r.kind === 'standard').length,
    specificationCount: { required: specs.filter((s) => s.obligation !== 'addressable').length, addressable: specs.filter((s) => s.obligation === 'addressable').length },
    decisionsMissing: specs.filter((s) => assessments.get(s.id)!.basis === 'decision_missing').length,
    safeguards: [...safeguards.entries()]
      .sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99))
      .map(([key, standards]) => {
        const ids = new Set(standards.flatMap((s) => [s.id, ...s.specifications.map((x) => x.id)]));
        return { key, label: HIPAA_SAFEGUARDS[key]?.label ?? key, cfr: HIPAA_SAFEGUARDS[key]?.cfr ?? '', figures: figuresOf(statusesIn(ids)), standards };
      }),
    abilities,
  };
}

/** The specification with this CFR citation, or not found. */
async function findSpecification(ctx: AppContext, ref: string): Promise<RequirementRow> {
  const db = complianceDb(ctx.database.db);
  const row = await db
    .selectFrom('requirements')
    .select(['id', 'framework_id', 'parent_id', 'ref', 'kind', 'title', 'obligation', 'theme', 'assessable', 'sort_order', 'text'])
    .where('framework_id', '=', HIPAA_SECURITY_RULE)
    .where('ref', '=', ref)
    .executeTakeFirst();
  if (!row) throw notFound('HIPAA Security Rule specification');
  return row;
}

interface DecisionSnapshot {
  decision: string;
  rationale: string;
  alternativeMeasure: string | null;
  riskAnalysisRef: string;
  controls: { id: string; code: string }[];
  decidedBy: string;
  decidedAt: string;
}

export async function recordHipaaDecision(ctx: AppContext, access: OrgAccess, actor: AuditActor, ref: string, input: TRecordHipaaDecisionRequest): Promise<THipaaSpecification> {
  const parsed = ZRecordHipaaDecisionRequest.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw fieldError(`body.${issue.path.map(String).join('.')}`, issue.message);
  }
  const body = parsed.data;
  const spec = await findSpecification(ctx, ref);
  if (spec.kind !== 'implementation_specification') {
    throw new AppError('conflict', `ref: ${spec.ref} is a standard, and every standard is required (164.306(c)); decisions are recorded only for addressable implementation specifications`, [{ path: 'params.ref', message: 'is a standard, not an addressable implementation specification' }]);
  }
  if (spec.obligation !== 'addressable') {
    throw new AppError('conflict', `ref: ${spec.ref} is a required implementation specification: it can only be implemented (164.306(d)(2)), so there is no decision to record`, [{ path: 'params.ref', message: 'is a required implementation specification' }]);
  }
  const issues = hipaaDecisionIssues(body);
  if (issues.length > 0) throw new AppError('validation_failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);

  const db = complianceDb(ctx.database.db);
  const controlIds = [...new Set(body.controlIds)];
  const inputs = await loadOrganizationInputs(ctx, access.organizationId, HIPAA_SECURITY_RULE);
  const controls = await usableControls(db, access.organizationId, inputs.ancestors, controlIds);
  const unknown = controlIds.find((id) => !controls.some((c) => c.id === id));
  if (unknown) throw fieldError('body.controlIds', `${unknown} is not a control of this organization or one inherited from its group`);

  const before = inputs.decisionRows.get(spec.id);
  const beforeSnapshot: DecisionSnapshot | null = before
    ? {
        decision: before.decision,
        rationale: before.rationale,
        alternativeMeasure: before.alternative_measure,
        riskAnalysisRef: before.risk_analysis_ref,
        controls: (inputs.alternativeControls.get(spec.id) ?? []).map((c) => ({ id: c.id, code: c.code })),
        decidedBy: before.decided_by_name ?? before.decided_by,
        decidedAt: before.decided_at,
      }
    : null;
  const now = ctx.clock.now().toISOString();
  const decidedBy = actor.userId ?? actor.label;
  const row = {
    organization_id: access.organizationId,
    requirement_id: spec.id,
    decision: body.decision,
    rationale: body.rationale,
    alternative_measure: body.decision === 'alternative' ? (body.alternativeMeasure ?? null) : null,
    risk_analysis_ref: body.riskAnalysisRef,
    decided_by: decidedBy,
    decided_at: now,
  };
  const after: DecisionSnapshot = {
    decision: row.decision,
    rationale: row.rationale,
    alternativeMeasure: row.alternative_measure,
    riskAnalysisRef: row.risk_analysis_ref,
    controls: controls.sort((a, b) => a.code.localeCompare(b.code)).map((c) => ({ id: c.id, code: c.code })),
    decidedBy: actor.label,
    decidedAt: now,
  };
  await db
    .transaction()
    .execute(async (trx) => {
      await trx.deleteFrom('hipaa_decision_controls').where('organization_id', '=', access.organizationId).where('requirement_id', '=', spec.id).execute();
      await trx
        .insertInto('hipaa_decisions')
        .values(row)
        .onConflict((oc) => oc.columns(['organization_id', 'requirement_id']).doUpdateSet({ decision: row.decision, rationale: row.rationale, alternative_measure: row.alternative_measure, risk_analysis_ref: row.risk_analysis_ref, decided_by: row.decided_by, decided_at: row.decided_at }))
        .execute();
      if (row.decision === 'alternative') {
        await trx.insertInto('hipaa_decision_controls').values(controls.map((c) => ({ organization_id: access.organizationId, requirement_id: spec.id, control_id: c.id }))).execute();
      }
      await recordEvent(ctx, trx, actor, { type: 'hipaa.decision_recorded', organizationId: access.organizationId, subjectType: 'hipaa_specification', subjectId: spec.id, changes: { ref: spec.ref, before: beforeSnapshot, after } });
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'ref: the decision was changed by someone else at the same moment; reload and try again');
      throw error;
    });
  const view = await getHipaaView(ctx, access);
  const found = view.safeguards.flatMap((s) => s.standards.flatMap((st) => st.specifications)).find((s) => s.id === spec.id);
  if (!found) throw notFound('HIPAA Security Rule specification');
  return found;
}

export async function hipaaDecisionHistory(ctx: AppContext, access: OrgAccess, ref: string): Promise<THipaaDecisionHistory> {
  const spec = await findSpecification(ctx, ref);
  const rows = await decisionEvents(complianceDb(ctx.database.db), access.organizationId, spec.id);
  const asRecord = (value: unknown): Record<string, unknown> | null => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null);
  return {
    ref: spec.ref,
    items: rows.map((r) => {
      const changes = asRecord(typeof r.changes === 'string' ? (JSON.parse(r.changes) as unknown) : r.changes);
      return { id: r.id, occurredAt: new Date(r.occurred_at).toISOString(), actorLabel: r.actor_label, before: asRecord(changes?.before), after: asRecord(changes?.after) };
    }),
  };
}
