/**
 * The breach assessment of an incident (45 CFR 164.402: exclusions, safe harbor, the four-factor
 * assessment; 164.414(b) burden of proof; GDPR Art. 4(12), 33(5)). The whole assessment is replaced on
 * each save; earlier versions live in the audit trail as their conclusions (never the findings, which
 * may hold PHI and are stored only as an encrypted envelope). The conclusions are derived
 * (`breach-assessment.ts`), copied onto the incident for the register, and the obligations are
 * recomputed in the same transaction.
 */
import { ZBreachAssessmentRequest, type TBreachAssessment, type TBreachAssessmentInput, type GdprConclusion, type HipaaConclusion } from '../../../shared/contracts/incidents.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { toNumber } from '../../kernel/db/database.js';
import { assessmentConclusions, assessmentSummary } from './breach-assessment.js';
import { openText, sealText } from './incident-crypto.js';
import { assertChangeable, visibleIncident } from './incident.policy.js';
import { appendTimeline } from './incident-timeline.service.js';
import { refreshObligations } from './incident-obligations.js';
import { incidentDb, incidentRef, ownIncident, peopleNames, type IncidentExecutor, type IncidentRow } from './incident.repository.js';

/** The incident of the organization, or not-found (also for another organization's). */
export async function incidentOr404(db: IncidentExecutor, access: Pick<OrgAccess, 'organizationId'>, incidentId: string): Promise<IncidentRow> {
  return visibleIncident(access.organizationId, await ownIncident(db, access.organizationId, incidentId));
}

/** As `incidentOr404`, and refuses an archived incident: archived records are read-only (A.5.33). */
export async function changeableIncident(db: IncidentExecutor, access: Pick<OrgAccess, 'organizationId'>, incidentId: string): Promise<IncidentRow> {
  const row = await incidentOr404(db, access, incidentId);
  assertChangeable(row, incidentRef(toNumber(row.ref_number)));
  return row;
}

export async function getAssessment(ctx: AppContext, access: OrgAccess, incidentId: string): Promise<TBreachAssessment> {
  const db = incidentDb(ctx.database.db);
  await incidentOr404(db, access, incidentId);
  const row = await db.selectFrom('incident_assessments').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
  if (!row) return { assessed: false, input: null, hipaaConclusion: 'not_assessed', gdprConclusion: 'not_assessed', assessedBy: null, assessedAt: null };
  const input = ZBreachAssessmentRequest.parse(JSON.parse(openText(ctx, 'incident_assessments', 'input', incidentId, row.input)));
  const names = await peopleNames(db, [row.assessed_by]);
  return {
    assessed: true,
    input,
    hipaaConclusion: row.hipaa_conclusion as HipaaConclusion,
    gdprConclusion: row.gdpr_conclusion as GdprConclusion,
    assessedBy: row.assessed_by ? { id: row.assessed_by, name: names.get(row.assessed_by) ?? 'Former user' } : null,
    assessedAt: row.assessed_at,
  };
}

/** Record the assessment (replacing any earlier one), its conclusions, a timeline entry and the audit event; then recompute the clocks. */
export async function saveAssessment(ctx: AppContext, access: OrgAccess, actor: AuditActor, incidentId: string, input: TBreachAssessmentInput): Promise<TBreachAssessment> {
  const conclusions = assessmentConclusions(input);
  await incidentDb(ctx.database.db).transaction().execute(async (trx) => {
    const incident = await changeableIncident(trx, access, incidentId);
    const now = ctx.clock.now().toISOString();
    const before = await trx.selectFrom('incident_assessments').select(['hipaa_conclusion', 'gdpr_conclusion']).where('incident_id', '=', incidentId).executeTakeFirst();
    const values = {
      input: sealText(ctx, 'incident_assessments', 'input', incidentId, JSON.stringify(input)),
      hipaa_role: input.hipaaRole,
      gdpr_role: input.gdprRole,
      hipaa_conclusion: conclusions.hipaaConclusion,
      gdpr_conclusion: conclusions.gdprConclusion,
      ba_notice_days: input.baNoticeDays,
      assessed_by: actor.userId,
      assessed_at: now,
    };
    await trx
      .insertInto('incident_assessments')
      .values({ incident_id: incidentId, ...values })
      .onConflict((oc) => oc.column('incident_id').doUpdateSet(values))
      .execute();
    await trx.updateTable('incidents').set({ hipaa_conclusion: conclusions.hipaaConclusion, gdpr_conclusion: conclusions.gdprConclusion, updated_at: now }).where('id', '=', incidentId).execute();
    await appendTimeline(ctx, trx, { incidentId, kind: 'assessment', text: assessmentSummary(conclusions), at: now, byUserId: actor.userId });
    await recordEvent(ctx, trx, actor, {
      type: 'incident.assessed',
      organizationId: access.organizationId,
      subjectType: 'incident',
      subjectId: incidentId,
      // Enumerated facts only: the rationales, evidence and factor findings are encrypted and stay out of the trail.
      changes: {
        ref: incidentRef(toNumber(incident.ref_number)),
        hipaaConclusion: { from: before?.hipaa_conclusion ?? 'not_assessed', to: conclusions.hipaaConclusion },
        gdprConclusion: { from: before?.gdpr_conclusion ?? 'not_assessed', to: conclusions.gdprConclusion },
        hipaaRole: input.hipaaRole,
        gdprRole: input.gdprRole,
        baNoticeDays: input.baNoticeDays,
        phiInvolved: input.phiInvolved,
        exclusion: input.exclusion,
        safeHarbor: input.safeHarbor,
        factorIndications: input.factors ? Object.fromEntries(Object.entries(input.factors).map(([k, f]) => [k, f.indicates])) : null,
        lowProbabilityOfCompromise: input.lowProbabilityOfCompromise,
        personalDataBreach: input.personalDataBreach,
        gdprRisk: input.gdprRisk,
      },
    });
    await refreshObligations(trx, ctx, incidentId);
  });
  return getAssessment(ctx, access, incidentId);
}
