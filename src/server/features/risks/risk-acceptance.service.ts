/**
 * Risk acceptance and clinical sign-off (ISO/IEC 27001:2022 6.1.3 f: the risk owners approve the
 * treatment plan and accept the residual information security risks, within the criteria of 6.1.2 a 1).
 *
 * Append-only: a new acceptance supersedes the previous one; no route changes or deletes an acceptance
 * ("stale" is computed on read: the level rose above the one accepted, or the acceptance expired). An
 * acceptance covers the acceptance stage (residual when assessed, else current, else inherent) at its
 * level now, under the method in force; only a person the criteria allow for that level may give it
 * (`acceptanceAbility`). A risk with a patient-safety impact also needs the clinical safety officer's
 * sign-off, a separate record of kind clinical_sign_off, which goes stale by the same rules.
 *
 * Accepting is not a change of the risk: it does not bump the risk's version nor change the treatment
 * option (the person chooses it), but it is in the audit trail with the values accepted. The risk's
 * version the person read must still be the risk's version (409 otherwise: accept what you saw).
 */
import type { TCreateAcceptanceRequest, TRiskAcceptance } from '../../../shared/contracts/risks.js';
import type { z } from 'zod';
import type { ZCreateAcceptanceRequest } from '../../../shared/contracts/risks.js';
import { addCalendarMonths } from '../../../shared/risk-method.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { toNumber } from '../../kernel/db/database.js';
import { AppError, fieldError } from '../../kernel/errors.js';
import { acceptanceRefusal, acceptingRole } from './risk-acceptance.policy.js';
import { currentMethod } from './risk-method.store.js';
import { acceptanceStage } from './risk-stage.js';
import { acceptanceLevelRank, loadRisk, presentAcceptance } from './risk-treatment.service.js';
import { organizationToday } from './risk.service.js';
import * as repo from './risk-treatment.repository.js';
import type { RiskAcceptancesTable } from './risk.tables.js';

/** An acceptance holds for at most three years: risk acceptance is revisited at least that often. */
export const ACCEPTANCE_MAX_MONTHS = 36;

type AcceptanceInput = z.output<typeof ZCreateAcceptanceRequest>;

function checkExpiry(expiresOn: string | null, today: string, isRequired: boolean): void {
  if (expiresOn === null) {
    if (isRequired) throw fieldError('body.expiresOn', 'is required for an acceptance: the last day it holds, at most 3 years ahead');
    return;
  }
  if (expiresOn <= today) throw fieldError('body.expiresOn', `must be after today (${today})`);
  const latest = addCalendarMonths(today, ACCEPTANCE_MAX_MONTHS);
  if (expiresOn > latest) throw fieldError('body.expiresOn', `must be at most 3 years ahead (${latest} at the latest)`);
}

/** Record an acceptance or a clinical sign-off of the risk's level now. */
export async function createAcceptance(ctx: AppContext, access: OrgAccess, actor: AuditActor, riskId: string, input: TCreateAcceptanceRequest): Promise<TRiskAcceptance> {
  const body = input as AcceptanceInput;
  const userId = actor.userId;
  if (userId === null) throw new AppError('permission_denied', 'Only a person can accept a risk');
  const today = organizationToday(ctx, access);
  const db = repo.treatmentDb(ctx.database.db);
  const id = newId();
  const now = ctx.clock.now().toISOString();
  const name = await repo.userName(db, userId);

  const { row, levelRankNow } = await db.transaction().execute(async (trx) => {
    const tdb = repo.treatmentDb(trx);
    const risk = await loadRisk(tdb, access, riskId, { lock: true });
    const { version: methodVersion, method } = await currentMethod(trx, access.organizationId);
    const stage = acceptanceStage(risk);
    const levelKey = stage === null ? null : risk[`${stage}_level_key`];
    // A sign-off needs an assessed level too: patient safety is only ever rated inside an assessment.
    if (stage === null || levelKey === null) throw new AppError('bad_request', 'Assess the risk first: there is no level to accept or sign off');
    const level = method.levels.find((l) => l.key === levelKey);
    if (!level) throw new AppError('conflict', `risk: its level "${levelKey}" is not one of method version ${methodVersion}; assess it again`);
    // The stored derived flag (patient safety above its lowest value at any stage), as the register's state reads it.
    const needsSignOff = toNumber(risk.patient_safety) === 1;
    const ability = { method, levelKey, role: access.role, userId, ownerUserId: risk.owner_user_id, permissions: access.permissions, needsSignOff };

    let role: RiskAcceptancesTable['role'];
    if (body.kind === 'acceptance') {
      const refusal = acceptanceRefusal({ ...ability, methodVersion });
      if (refusal !== null) throw new AppError('permission_denied', refusal);
      role = acceptingRole(ability)!;
    } else {
      if (access.role !== 'clinical_safety_officer') throw new AppError('permission_denied', 'Only a clinical safety officer may sign off a risk with a patient-safety impact');
      if (!needsSignOff) throw fieldError('body.kind', 'this risk needs no clinical sign-off: its patient-safety impact is not assessed above the lowest level');
      role = 'clinical_safety_officer';
    }
    const version = toNumber(risk.version);
    if (version !== body.riskVersion) throw new AppError('conflict', `risk: was changed by someone else meanwhile (version ${version}, you read ${body.riskVersion}); reload it and accept what you see`);
    checkExpiry(body.expiresOn, today, body.kind === 'acceptance');
    const record: RiskAcceptancesTable = {
      id,
      organization_id: access.organizationId,
      risk_id: riskId,
      kind: body.kind,
      accepted_by: userId,
      accepted_by_name: name,
      role,
      accepted_at: now,
      stage,
      level_key: level.key,
      level_label: level.label,
      level_rank: level.rank,
      method_version: methodVersion,
      rationale: body.rationale,
      expires_on: body.expiresOn,
    };
    await trx.insertInto('risk_acceptances').values(record).execute();
    await recordEvent(ctx, trx, actor, {
      type: body.kind === 'acceptance' ? 'risk.accepted' : 'risk.signed_off',
      organizationId: access.organizationId,
      subjectType: 'risk',
      subjectId: riskId,
      changes: { acceptanceId: id, role, stage, level: { key: level.key, label: level.label, rank: level.rank }, methodVersion, rationale: body.rationale, expiresOn: body.expiresOn, riskVersion: version },
    });
    return { row: record, levelRankNow: acceptanceLevelRank(risk) };
  });
  return presentAcceptance(row, levelRankNow, today);
}
