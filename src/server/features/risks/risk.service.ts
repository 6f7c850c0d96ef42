/**
 * The risk register's use cases (ISO/IEC 27001:2022 6.1.2 c–e identify, analyse and evaluate risks with
 * their owners, 8.2 assessment; 45 CFR 164.308(a)(1)(ii)(A) risk analysis). One transaction and one
 * audit event per change. Levels are derived from the method in force by the shared engine and kept in
 * the stage columns by `stageColumns`; ePHI, task counts, review overdue and the acceptance state are
 * computed on read, never stored (`risks.handles_ephi` is kept in step at each risk write for exports,
 * but no read relies on it: an asset's later change shows at once through the linked assets).
 */
import type { z } from 'zod';
import { RISK_STAGES, type RiskStage, type TRiskDetail, type TRiskListQuery, type TRiskSummary, type ZCreateRiskRequest, type ZUpdateRiskRequest } from '../../../shared/contracts/risks.js';
import type { TRiskAssessmentInput, TRiskMethod } from '../../../shared/contracts/risk-method.js';
import { assess, assessmentIssues, nextReviewDate } from '../../../shared/risk-method.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { Principal } from '../../kernel/auth/principal.js';
import { sitesWithPermission, type OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { toNumber, type Db } from '../../kernel/db/database.js';
import { AppError, fieldError, isUniqueViolation, notFound } from '../../kernel/errors.js';
import { ancestorOrganizationIds } from '../controls/index.js';
import { acceptanceState } from './risk-acceptance.policy.js';
import { catalogueTitles, unknownEntries } from './risk-catalogue.service.js';
import { currentMethod, methodVersions, type StoredMethod } from './risk-method.store.js';
import { riskAbilities } from './risk.policy.js';
import * as repo from './risk.repository.js';
import { acceptanceStage, assessmentView, hasPatientSafetyImpact, riskRef, stageColumns, stageLevel, storedAssessment, type StageColumns } from './risk-stage.js';
import type { RisksTable } from './risk.tables.js';

export type CreateRiskInput = z.output<typeof ZCreateRiskRequest>;
export type UpdateRiskInput = z.output<typeof ZUpdateRiskRequest>;
type RiskFields = Omit<CreateRiskInput, 'fromGap'>;

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Today (YYYY-MM-DD) in a time zone: review and expiry dates are the organization's calendar days. */
export function dateIn(timeZone: string, instant: Date): string {
  if (timeZone === 'UTC') return instant.toISOString().slice(0, 10);
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function organizationToday(ctx: AppContext, access: Pick<OrgAccess, 'timeZone'>): string {
  return dateIn(access.timeZone, ctx.clock.now());
}

// ---- Validation shared by the register, the import and the demo ----

export interface RiskIssue {
  /** Relative to the risk, e.g. `current.impacts.patient_safety`, `vulnerabilityIds.2`. */
  path: string;
  message: string;
}

/** Problems of the assessment of one stage under the method (paths `inherent.likelihood` …). */
export function stageIssues(method: TRiskMethod, stage: RiskStage, input: TRiskAssessmentInput | null | undefined): RiskIssue[] {
  if (input === null || input === undefined) return [];
  return assessmentIssues(method, input).map((i) => ({ path: `${stage}.${i.path}`, message: i.message }));
}

/**
 * Every problem of the given risk fields (only those present are checked): assessments against the
 * method in force, catalogue ids (built-in or the organization's own, of the right kind), assets of this
 * organization, an owner who is a member of the organization or of a group above it.
 */
export async function riskInputIssues(db: Db, organizationId: string, fields: Partial<RiskFields>, method: TRiskMethod, now: Date): Promise<RiskIssue[]> {
  const issues: RiskIssue[] = [];
  for (const stage of RISK_STAGES) issues.push(...stageIssues(method, stage, fields[stage]));
  if (fields.threatId) {
    if ((await unknownEntries(db, organizationId, 'threat', [fields.threatId])).length > 0) issues.push({ path: 'threatId', message: `"${fields.threatId}" is not a threat of the catalogue or of your own entries` });
  }
  const listed = async (key: 'threatSourceIds' | 'vulnerabilityIds', kind: 'threat_source' | 'vulnerability', noun: string) => {
    const ids = fields[key];
    if (!ids || ids.length === 0) return;
    const unknown = new Set(await unknownEntries(db, organizationId, kind, ids));
    ids.forEach((id, index) => {
      if (unknown.has(id)) issues.push({ path: `${key}.${index}`, message: `"${id}" is not ${noun} of the catalogue or of your own entries` });
    });
  };
  await listed('threatSourceIds', 'threat_source', 'a threat source');
  await listed('vulnerabilityIds', 'vulnerability', 'a vulnerability');
  if (fields.assetIds && fields.assetIds.length > 0) {
    const known = new Set((await repo.assetsOf(db, organizationId, fields.assetIds)).map((a) => a.id));
    fields.assetIds.forEach((id, index) => {
      if (!known.has(id)) issues.push({ path: `assetIds.${index}`, message: 'is not an asset of this organization' });
    });
  }
  if (fields.ownerUserId) {
    const orgs = [organizationId, ...(await ancestorOrganizationIds(db, organizationId))];
    if (!(await repo.isMemberOfAny(db, fields.ownerUserId, orgs, now.toISOString()))) issues.push({ path: 'ownerUserId', message: 'is not a member of this organization or of its group' });
  }
  return issues;
}

/** Refuse with every issue, each path under `prefix` (`body.current.likelihood: …`). */
export function validationError(issues: RiskIssue[], prefix = 'body'): AppError {
  const named = issues.map((i) => ({ path: `${prefix}.${i.path}`, message: i.message }));
  return new AppError('validation_failed', named.map((i) => `${i.path}: ${i.message}`).join('; '), named);
}

// ---- Reading ----

function presentSummary(row: repo.RiskSummaryRow, method: TRiskMethod, titles: Map<string, string>, today: string): TRiskSummary {
  return {
    id: row.id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    ref: riskRef(toNumber(row.ref_number)),
    title: row.title,
    category: row.category as TRiskSummary['category'],
    status: row.status as TRiskSummary['status'],
    owner: row.owner_user_id ? { id: row.owner_user_id, name: row.owner_name ?? 'Former user' } : null,
    threatId: row.threat_id,
    threatTitle: row.threat_id ? (titles.get(row.threat_id) ?? row.threat_id) : null,
    handlesEphi: toNumber(row.ephi) === 1,
    assetCount: toNumber(row.asset_count),
    inherent: stageLevel(row, 'inherent', method),
    current: stageLevel(row, 'current', method),
    residual: stageLevel(row, 'residual', method),
    patientSafety: toNumber(row.patient_safety) === 1,
    treatmentOption: row.treatment_option as TRiskSummary['treatmentOption'],
    acceptanceState: row.acceptance_state,
    nextReviewOn: row.next_review_on,
    reviewOverdue: row.status === 'open' && row.next_review_on !== null && row.next_review_on < today,
    openTaskCount: toNumber(row.open_task_count),
    overdueTaskCount: toNumber(row.overdue_task_count),
    version: toNumber(row.version),
    updatedAt: row.updated_at,
  };
}

/** The methods in force of the organizations, by organization id. */
async function methodsOf(db: Db, organizationIds: readonly string[]): Promise<Map<string, StoredMethod>> {
  const out = new Map<string, StoredMethod>();
  for (const id of new Set(organizationIds)) out.set(id, await currentMethod(db, id));
  return out;
}

/**
 * The organizations a list or heat map reads: the organization, plus at a group the sites where the
 * caller holds risk.read (includeSites), or one of those (siteId).
 */
export async function scopeOrganizations(ctx: AppContext, access: OrgAccess, principal: Principal | null, query: { siteId?: string; includeSites: 'yes' | 'no' }): Promise<string[]> {
  const needsSites = query.includeSites === 'yes' || (query.siteId !== undefined && query.siteId !== access.organizationId);
  const sites = needsSites && principal ? await sitesWithPermission(ctx.database.db, principal, access.organizationId, 'risk.read', ctx.clock.now()) : [];
  if (query.siteId !== undefined) {
    if (query.siteId === access.organizationId) return [access.organizationId];
    if (!sites.some((s) => s.id === query.siteId)) throw fieldError('query.siteId', 'is not this organization or one of its sites whose risks you may read');
    return [query.siteId];
  }
  return query.includeSites === 'yes' ? [access.organizationId, ...sites.map((s) => s.id)] : [access.organizationId];
}

export async function listRisks(ctx: AppContext, access: OrgAccess, principal: Principal | null, query: TRiskListQuery) {
  const db = ctx.database.db;
  const orgIds = await scopeOrganizations(ctx, access, principal, query);
  const today = organizationToday(ctx, access);
  if (query.level) {
    const { method } = await currentMethod(db, orgIds[0]!);
    if (!method.levels.some((l) => l.key === query.level)) throw fieldError('query.level', `"${query.level}" is not a level of the method in force (${method.levels.map((l) => l.key).join(', ')})`);
  }
  const { ids, total } = await repo.listRiskIds(db, orgIds, query, today);
  const rows = await repo.summaryRows(db, ids, today);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const methods = await methodsOf(db, rows.map((r) => r.organization_id));
  const titles = await threatTitles(db, rows);
  const items = ids.map((id) => byId.get(id)).filter((r): r is repo.RiskSummaryRow => r !== undefined).map((row) => presentSummary(row, methods.get(row.organization_id)!.method, titles, today));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

async function threatTitles(db: Db, rows: readonly { organization_id: string; threat_id: string | null }[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  const byOrg = new Map<string, string[]>();
  for (const row of rows) if (row.threat_id) byOrg.set(row.organization_id, [...(byOrg.get(row.organization_id) ?? []), row.threat_id]);
  for (const [orgId, ids] of byOrg) for (const [id, title] of await catalogueTitles(db, orgId, ids)) titles.set(id, title);
  return titles;
}

/** One risk of the organization with its assessments, links and abilities; not-found for any other. */
export async function getRisk(ctx: AppContext, access: OrgAccess, viewerUserId: string | null, riskId: string): Promise<TRiskDetail> {
  const db = ctx.database.db;
  const today = organizationToday(ctx, access);
  const row = await repo.riskRow(db, access.organizationId, riskId, today);
  if (!row) throw notFound('risk');
  const stored = await currentMethod(db, access.organizationId);
  const versions = RISK_STAGES.map((s) => row[`${s}_method_version`]).filter((v): v is number => v !== null).map(Number);
  const methods = await methodVersions(db, access.organizationId, versions);
  const [assets, controls, vulnerabilityIds] = await Promise.all([repo.linkedAssets(db, riskId), repo.linkedControls(db, riskId), repo.linkedVulnerabilityIds(db, riskId)]);
  const threatSourceIds = JSON.parse(row.threat_source_ids) as string[];
  const titles = await catalogueTitles(db, access.organizationId, [...vulnerabilityIds, ...(row.threat_id ? [row.threat_id] : [])]);
  const people = await repo.peopleNames(db, RISK_STAGES.map((s) => row[`${s}_assessed_by`]));
  const fromGapAsset = row.from_gap_asset_id ? (await repo.assetsOf(db, access.organizationId, [row.from_gap_asset_id]))[0] : undefined;
  const stage = acceptanceStage(row);
  const levelRank = stage === null ? null : toNumber(row[`${stage}_level_rank`]);
  const needsSignOff = toNumber(row.patient_safety) === 1;
  const state = acceptanceState({
    acceptance: row.acceptance_level_rank === null ? null : { levelRank: toNumber(row.acceptance_level_rank), expiresOn: row.acceptance_expires_on },
    signOff: row.sign_off_level_rank === null ? null : { levelRank: toNumber(row.sign_off_level_rank), expiresOn: row.sign_off_expires_on },
    needsSignOff,
    levelRank,
    today,
  });
  return {
    ...presentSummary(row, stored.method, titles, today),
    acceptanceState: state.state,
    description: row.description,
    threatSourceIds,
    vulnerabilities: vulnerabilityIds.map((id) => ({ id, title: titles.get(id) ?? id })),
    assets: assets.map((a) => ({ id: a.id, name: a.name, type: a.type, handlesEphi: toNumber(a.handles_ephi) === 1, criticality: toNumber(a.criticality) })),
    assessments: {
      inherent: assessmentView(row, 'inherent', methods, people),
      current: assessmentView(row, 'current', methods, people),
      residual: assessmentView(row, 'residual', methods, people),
    },
    treatmentRationale: row.treatment_rationale,
    controls: controls.map((c) => ({ id: c.id, code: c.code, name: c.name, status: c.status, effectiveness: c.effectiveness, organizationId: c.organization_id })),
    fromGap: row.from_gap_rule ? { assetId: row.from_gap_asset_id ?? '', assetName: fromGapAsset?.name ?? null, rule: row.from_gap_rule } : null,
    needsClinicalSignOff: needsSignOff,
    staleReasons: state.staleReasons,
    acceptanceStage: stage,
    abilities: riskAbilities({ access, userId: viewerUserId, method: stored.method, risk: { organizationId: row.organization_id, ownerUserId: row.owner_user_id, levelKey: stage === null ? null : row[`${stage}_level_key`], needsSignOff } }),
    createdAt: row.created_at,
  };
}

// ---- Writing ----

type StageRow = Partial<Pick<RisksTable, keyof StageColumns>>;

/** The stage columns of every stage for the given assessments (null: not assessed). */
function allStageColumns(method: StoredMethod, inputs: Record<RiskStage, TRiskAssessmentInput | null>, at: string, by: string | null): StageRow {
  const out: StageRow = {};
  for (const stage of RISK_STAGES) Object.assign(out, stageColumns(stage, method.method, method.version, inputs[stage], at, by));
  return out;
}

/** The acceptance stage's level key, for review scheduling. */
function acceptanceLevelKey(row: StageRow): string | null {
  const stage = acceptanceStage(row);
  return stage === null ? null : (row[`${stage}_level_key`] ?? null);
}

/** What an assessment is, for audit events: its values and level. */
function assessmentFacts(row: StageRow, stage: RiskStage) {
  const input = storedAssessment(row, stage);
  if (input === null) return null;
  return { likelihood: input.likelihood, impacts: input.impacts, level: row[`${stage}_level_key`] ?? null };
}

function sameAssessment(method: TRiskMethod, row: StageRow, stage: RiskStage, input: TRiskAssessmentInput): boolean {
  const stored = storedAssessment(row, stage);
  if (stored === null) return false;
  const a = assess(method, input);
  return stored.likelihood === a.likelihood && JSON.stringify(Object.entries(stored.impacts).sort()) === JSON.stringify(Object.entries(a.impacts).sort());
}

function rowFields(fields: RiskFields) {
  return {
    title: fields.title,
    title_lower: fields.title.toLowerCase(),
    description: fields.description,
    category: fields.category,
    status: fields.status,
    threat_id: fields.threatId,
    threat_source_ids: JSON.stringify([...new Set(fields.threatSourceIds)]),
    owner_user_id: fields.ownerUserId,
    treatment_option: fields.treatmentOption,
    treatment_rationale: fields.treatmentRationale,
  };
}

/** Create a risk (6.1.2 c): numbered R-n per organization, assessed under the method in force, with its links. */
export async function createRisk(ctx: AppContext, access: OrgAccess, actor: AuditActor, input: CreateRiskInput): Promise<TRiskDetail> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const method = await currentMethod(db, access.organizationId);
  const issues = await riskInputIssues(db, access.organizationId, input, method.method, now);
  if (input.fromGap && (await repo.assetsOf(db, access.organizationId, [input.fromGap.assetId])).length === 0) issues.push({ path: 'fromGap.assetId', message: 'is not an asset of this organization' });
  if (issues.length > 0) throw validationError(issues);
  const at = now.toISOString();
  const stages = allStageColumns(method, { inherent: input.inherent, current: input.current, residual: input.residual }, at, actor.userId);
  const levelKey = acceptanceLevelKey(stages);
  const assets = await repo.assetsOf(db, access.organizationId, input.assetIds);
  const id = newId();
  const insert = async () =>
    repo.repoDb(db).transaction().execute(async (trx) => {
      const refNumber = await repo.nextRefNumber(trx, access.organizationId);
      await trx
        .insertInto('risks')
        .values({
          id,
          organization_id: access.organizationId,
          ref_number: refNumber,
          ...rowFields(input),
          ...(stages as StageColumns),
          handles_ephi: assets.some((a) => toNumber(a.handles_ephi) === 1) ? 1 : 0,
          patient_safety: hasPatientSafetyImpact(stages) ? 1 : 0,
          from_gap_asset_id: input.fromGap?.assetId ?? null,
          from_gap_rule: input.fromGap?.rule ?? null,
          next_review_on: levelKey === null ? null : nextReviewDate(method.method, levelKey, organizationToday(ctx, access)),
          last_reviewed_on: null,
          version: 1,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await repo.replaceLinks(trx, { organizationId: access.organizationId, riskId: id, assetIds: input.assetIds, vulnerabilityIds: input.vulnerabilityIds });
      const { fromGap, inherent: _i, current: _c, residual: _r, ...fields } = input;
      await recordEvent(ctx, trx, actor, {
        type: 'risk.created',
        organizationId: access.organizationId,
        subjectType: 'risk',
        subjectId: id,
        changes: { ref: riskRef(refNumber), ...fields, fromGap, methodVersion: method.version, ...Object.fromEntries(RISK_STAGES.map((s) => [s, assessmentFacts(stages, s)])) },
      });
    });
  // Two creations at once can draw the same number: the unique index refuses one, which tries once more.
  await insert().catch((error: unknown) => (isUniqueViolation(error) ? insert() : Promise.reject(error)));
  return getRisk(ctx, access, actor.userId, id);
}

/**
 * The next review after a change of the acceptance stage's level: from the later of the last review and
 * the stage's assessment date, by the new level's cadence (8.2); none while nothing is assessed.
 */
export function rescheduledReview(method: TRiskMethod, row: StageRow & { last_reviewed_on: string | null }, timeZone: string): string | null {
  const stage = acceptanceStage(row);
  if (stage === null) return null;
  const assessedOn = dateIn(timeZone, new Date(row[`${stage}_assessed_at`]!));
  const from = row.last_reviewed_on !== null && row.last_reviewed_on > assessedOn ? row.last_reviewed_on : assessedOn;
  return nextReviewDate(method, row[`${stage}_level_key`]!, from);
}

/** Change a risk (send the version read; 409 when it changed meanwhile). Link sets given replace the old ones; an assessment null clears that stage. */
export async function updateRisk(ctx: AppContext, access: OrgAccess, actor: AuditActor, riskId: string, input: UpdateRiskInput): Promise<TRiskDetail> {
  const db = ctx.database.db;
  const row = await repo.ownRisk(db, access.organizationId, riskId);
  if (!row) throw notFound('risk');
  const conflict = () => new AppError('conflict', `risk: ${riskRef(toNumber(row.ref_number))} was changed by someone else meanwhile; reload it and apply your change again`);
  if (toNumber(row.version) !== input.version) throw conflict();
  const now = ctx.clock.now();
  const method = await currentMethod(db, access.organizationId);
  const { version, ...patch } = input;
  const issues = await riskInputIssues(db, access.organizationId, patch, method.method, now);
  if (issues.length > 0) throw validationError(issues);

  const [assetIdsBefore, vulnerabilityIdsBefore] = await Promise.all([repo.linkedAssetIds(db, riskId), repo.linkedVulnerabilityIds(db, riskId)]);
  const before = {
    title: row.title,
    description: row.description,
    category: row.category,
    status: row.status,
    threatId: row.threat_id,
    threatSourceIds: JSON.parse(row.threat_source_ids) as string[],
    vulnerabilityIds: vulnerabilityIdsBefore,
    assetIds: assetIdsBefore,
    ownerUserId: row.owner_user_id,
    treatmentOption: row.treatment_option,
    treatmentRationale: row.treatment_rationale,
  };
  const after = { ...before };
  for (const key of Object.keys(before) as (keyof typeof before)[]) {
    const value = patch[key];
    if (value !== undefined) (after as Record<string, unknown>)[key] = key === 'assetIds' || key === 'vulnerabilityIds' || key === 'threatSourceIds' ? [...new Set(value as string[])].sort() : value;
  }
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(before) as (keyof typeof before)[]) {
    const from = Array.isArray(before[key]) ? [...(before[key] as string[])].sort() : before[key];
    if (JSON.stringify(from) !== JSON.stringify(after[key])) changes[key] = { from, to: after[key] };
  }

  // Assessments: a stage given anew is re-derived and stamped now; one given unchanged keeps its stamps.
  const at = now.toISOString();
  const stages: StageRow = {};
  for (const stage of RISK_STAGES) {
    const value = patch[stage];
    if (value === undefined) continue;
    if (value !== null && sameAssessment(method.method, row, stage, value) && toNumber(row[`${stage}_method_version`]) === method.version) continue;
    if (value === null && row[`${stage}_likelihood`] === null) continue;
    Object.assign(stages, stageColumns(stage, method.method, method.version, value, at, actor.userId));
    changes[stage] = { from: assessmentFacts(row, stage), to: value === null ? null : assessmentFacts(stages, stage) };
  }
  if (Object.keys(changes).length === 0) return getRisk(ctx, access, actor.userId, riskId);

  const merged = { ...row, ...stages };
  const levelBefore = acceptanceLevelKey(row);
  const levelAfter = acceptanceLevelKey(merged);
  const nextReviewOn = levelAfter === levelBefore && row.next_review_on !== null ? row.next_review_on : rescheduledReview(method.method, merged, access.timeZone);
  if (nextReviewOn !== row.next_review_on) changes.nextReviewOn = { from: row.next_review_on, to: nextReviewOn };
  const assets = await repo.assetsOf(db, access.organizationId, after.assetIds);

  await repo.repoDb(db).transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('risks')
      .set({
        ...rowFields({ ...after, inherent: null, current: null, residual: null } as RiskFields),
        ...stages,
        handles_ephi: assets.some((a) => toNumber(a.handles_ephi) === 1) ? 1 : 0,
        patient_safety: hasPatientSafetyImpact(merged) ? 1 : 0,
        next_review_on: nextReviewOn,
        version: version + 1,
        updated_at: at,
      })
      .where('id', '=', riskId)
      .where('organization_id', '=', access.organizationId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw conflict();
    await repo.replaceLinks(trx, {
      organizationId: access.organizationId,
      riskId,
      assetIds: changes.assetIds ? after.assetIds : undefined,
      vulnerabilityIds: changes.vulnerabilityIds ? after.vulnerabilityIds : undefined,
    });
    await recordEvent(ctx, trx, actor, { type: 'risk.updated', organizationId: access.organizationId, subjectType: 'risk', subjectId: riskId, changes: { ref: riskRef(toNumber(row.ref_number)), ...changes } });
  });
  return getRisk(ctx, access, actor.userId, riskId);
}

/**
 * Remove a risk with its links, tasks and reviews (its history stays in the audit trail). A risk with an
 * acceptance on record is refused: acceptances are append-only records of a decision (6.1.3 f), so such
 * a risk is closed (status closed) rather than removed.
 */
export async function deleteRisk(ctx: AppContext, access: OrgAccess, actor: AuditActor, riskId: string): Promise<void> {
  const db = repo.repoDb(ctx.database.db);
  await db.transaction().execute(async (trx) => {
    const row = await repo.ownRisk(trx, access.organizationId, riskId);
    if (!row) throw notFound('risk');
    const ref = riskRef(toNumber(row.ref_number));
    const accepted = await trx.selectFrom('risk_acceptances').select('id').where('risk_id', '=', riskId).limit(1).executeTakeFirst();
    if (accepted) throw new AppError('conflict', `risk: ${ref} has acceptance records, which are kept; close the risk (status closed) instead of removing it`);
    await trx.deleteFrom('risks').where('id', '=', riskId).where('organization_id', '=', access.organizationId).execute();
    await recordEvent(ctx, trx, actor, { type: 'risk.deleted', organizationId: access.organizationId, subjectType: 'risk', subjectId: riskId, changes: { ref, title: row.title } });
  });
}
