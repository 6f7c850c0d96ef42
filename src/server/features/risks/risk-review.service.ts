/**
 * Risk reviews (ISO/IEC 27001:2022 8.2 risk assessment at planned intervals, 6.1.3 treatment still
 * valid; 45 CFR 164.308(a)(1)(ii)(B) and 164.316(b)(2)(iii) review periodically): a record of who
 * reviewed the risk, when, with which outcome; it moves the risk's next review to the review date plus
 * the cadence of the acceptance stage's level under the method in force (calendar months, 31 Jan + 1
 * month = 28/29 Feb) and sets its last review date.
 *
 * Who: the risk's owner, or an ISMS manager or administrator (they run the ISMS cycle), with risk.write
 * (`acceptanceAbility(...).review`); anyone else with risk.write is refused with the reason. A review
 * date lies in the organization's past or today and not before the risk's last review. A closed risk is
 * not reviewed (reopen it first). Outcome `closed` closes the risk (a change of the risk: its version
 * moves on, and it then has no next review); other outcomes change only the review dates.
 */
import type { TCreateRiskReviewRequest, TRiskReview } from '../../../shared/contracts/risks.js';
import { nextReviewDate } from '../../../shared/risk-method.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { toNumber } from '../../kernel/db/database.js';
import { AppError, fieldError } from '../../kernel/errors.js';
import { acceptanceAbility } from './risk-acceptance.policy.js';
import { currentMethod } from './risk-method.store.js';
import { acceptanceStage } from './risk-stage.js';
import { loadRisk, presentReview } from './risk-treatment.service.js';
import { organizationToday } from './risk.service.js';
import * as repo from './risk-treatment.repository.js';
import type { RiskReviewsTable } from './risk.tables.js';

export async function createReview(ctx: AppContext, access: OrgAccess, actor: AuditActor, riskId: string, input: TCreateRiskReviewRequest): Promise<TRiskReview> {
  const userId = actor.userId;
  if (userId === null) throw new AppError('permission_denied', 'Only a person can review a risk');
  const today = organizationToday(ctx, access);
  if (input.reviewedOn > today) throw fieldError('body.reviewedOn', `must not be in the future (today is ${today})`);
  const db = repo.treatmentDb(ctx.database.db);
  const name = await repo.userName(db, userId);
  const now = ctx.clock.now().toISOString();
  const id = newId();

  const record = await db.transaction().execute(async (trx) => {
    const risk = await loadRisk(repo.treatmentDb(trx), access, riskId, { lock: true });
    const { version: methodVersion, method } = await currentMethod(trx, access.organizationId);
    const stage = acceptanceStage(risk);
    const levelKey = stage === null ? null : risk[`${stage}_level_key`];
    const ability = acceptanceAbility({ method, levelKey, role: access.role, userId, ownerUserId: risk.owner_user_id, permissions: access.permissions, needsSignOff: toNumber(risk.patient_safety) === 1 });
    if (!ability.review) throw new AppError('permission_denied', "Only the risk's owner or an ISMS manager may record a review of this risk");
    if (risk.status === 'closed') throw new AppError('conflict', 'risk: is closed; reopen it before recording a review');
    if (risk.last_reviewed_on !== null && input.reviewedOn < risk.last_reviewed_on) throw fieldError('body.reviewedOn', `must not be before the risk's last review (${risk.last_reviewed_on})`);

    const isClosing = input.outcome === 'closed';
    const level = levelKey === null ? undefined : method.levels.find((l) => l.key === levelKey);
    // A risk without a level has no cadence (assess it); a closed risk has no next review.
    const nextReviewOn = isClosing || !level ? null : nextReviewDate(method, level.key, input.reviewedOn);
    const row: RiskReviewsTable = {
      id,
      organization_id: access.organizationId,
      risk_id: riskId,
      reviewer_id: userId,
      reviewer_name: name,
      reviewed_on: input.reviewedOn,
      outcome: input.outcome,
      comment: input.comment ?? '',
      level_key: level?.key ?? null,
      next_review_on: nextReviewOn,
      created_at: now,
    };
    await trx.insertInto('risk_reviews').values(row).execute();
    const version = toNumber(risk.version);
    await trx
      .updateTable('risks')
      .set({ next_review_on: nextReviewOn, last_reviewed_on: input.reviewedOn, updated_at: now, ...(isClosing ? { status: 'closed', version: version + 1 } : {}) })
      .where('id', '=', riskId)
      .where('organization_id', '=', access.organizationId)
      .execute();
    await recordEvent(ctx, trx, actor, {
      type: 'risk.reviewed',
      organizationId: access.organizationId,
      subjectType: 'risk',
      subjectId: riskId,
      changes: {
        reviewId: id,
        reviewedOn: input.reviewedOn,
        outcome: input.outcome,
        comment: row.comment,
        level: level ? { key: level.key, label: level.label, cadenceMonths: level.reviewCadenceMonths } : null,
        methodVersion,
        nextReviewOn: { from: risk.next_review_on, to: nextReviewOn },
        lastReviewedOn: { from: risk.last_reviewed_on, to: input.reviewedOn },
        ...(isClosing ? { status: { from: risk.status, to: 'closed' } } : {}),
      },
    });
    return row;
  });
  return presentReview(record);
}
