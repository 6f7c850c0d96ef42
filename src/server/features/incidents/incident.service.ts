/**
 * The incident register's use cases (ISO/IEC 27001:2022 A.6.8 event reporting, A.5.25 assessment and
 * decision, A.5.26 response, A.5.27 learning; 45 CFR 164.308(a)(6)(ii) security incident procedures).
 * One transaction and one audit event per change; audit events name the fields changed and carry values
 * only of fields that are neither free text nor PHI. Every change to an input of the deadline engine
 * recomputes the incident's obligations in the same transaction (`refreshObligations`).
 */
import { INCIDENT_STATUS_LABELS, incidentFieldIssues, type IncidentStatus, type TCreateIncident, type TIncident, type TIncidentListItem, type TIncidentListQuery, type TReportIncidentRequest, type ZIncidentTransitionRequest, type ZReportIncidentRequest, type ZUpdateIncidentRequest } from '../../../shared/contracts/incidents.js';
import type { z } from 'zod';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import type { Db } from '../../kernel/db/database.js';
import { AppError, fieldError, isUniqueViolation } from '../../kernel/errors.js';
import { ancestorOrganizationIds } from '../controls/index.js';
import { sealText } from './incident-crypto.js';
import { lawEnforcementHoldUntil, refreshObligations } from './incident-obligations.js';
import { retainUntilOf } from './incident-retention.js';
import { readSettings } from './incident-settings.service.js';
import { appendTimeline } from './incident-timeline.service.js';
import { isReopening, nextStatuses, transitionProblem } from './incident-workflow.js';
import { AUDITABLE_VALUES, columnsOf, comparable, decrypted, fieldsOf, OBLIGATION_INPUT_FIELDS, type IncidentFieldName, type IncidentFields } from './incident.mapper.js';
import { assertChangeable, visibleIncident } from './incident.policy.js';
import * as repo from './incident.repository.js';

type UpdateInput = z.output<typeof ZUpdateIncidentRequest>;
type TransitionInput = z.output<typeof ZIncidentTransitionRequest>;
type ReportInput = z.output<typeof ZReportIncidentRequest> | Required<TReportIncidentRequest>;

interface Issue {
  path: string;
  message: string;
}

function validationError(issues: Issue[]): AppError {
  const named = issues.map((i) => ({ path: `body.${i.path}`, message: i.message }));
  return new AppError('validation_failed', named.map((i) => `${i.path}: ${i.message}`).join('; '), named);
}

/** Severity, assets and handler of the organization: the checks zod cannot make. */
async function referenceIssues(ctx: AppContext, db: repo.IncidentExecutor, organizationId: string, fields: { severity?: string | null; assetIds?: readonly string[]; handlerUserId?: string | null }): Promise<Issue[]> {
  const issues: Issue[] = [];
  if (fields.severity) {
    const settings = await readSettings(db, organizationId);
    const keys = settings.severities.map((s) => s.key);
    if (!keys.includes(fields.severity)) issues.push({ path: 'severity', message: `"${fields.severity}" is not a severity of this organization (${keys.join(', ')})` });
  }
  if (fields.assetIds && fields.assetIds.length > 0) {
    const known = await repo.assetsOf(db, organizationId, fields.assetIds);
    fields.assetIds.forEach((id, index) => {
      if (!known.has(id)) issues.push({ path: `assetIds.${index}`, message: 'is not an asset of this organization' });
    });
  }
  if (fields.handlerUserId) {
    const orgs = [organizationId, ...(await ancestorOrganizationIds(db as Db, organizationId))];
    if (!(await repo.isMemberOfAny(db, fields.handlerUserId, orgs, ctx.clock.now().toISOString()))) issues.push({ path: 'handlerUserId', message: 'is not a member of this organization or of its group' });
  }
  return issues;
}

// ---- Reading ----

function presentListItem(row: repo.ListRow): TIncidentListItem {
  return {
    id: row.id,
    ref: repo.incidentRef(Number(row.ref_number)),
    title: row.title,
    category: row.category as TIncidentListItem['category'],
    severity: row.severity,
    status: row.status as IncidentStatus,
    reportedAt: row.reported_at,
    discoveredAt: row.discovered_at,
    handler: row.handler_user_id ? { id: row.handler_user_id, name: row.handler_name ?? 'Former user' } : null,
    individualsTotal: Number(row.individuals_total),
    hipaaConclusion: row.hipaa_conclusion as TIncidentListItem['hipaaConclusion'],
    gdprConclusion: row.gdpr_conclusion as TIncidentListItem['gdprConclusion'],
    openObligations: Number(row.open_obligations),
    overdueObligations: Number(row.overdue_obligations),
    nextDueAt: row.next_due_at,
    archivedAt: row.archived_at,
    updatedAt: row.updated_at,
  };
}

/** The register: filtered, sorted and paged in SQL. */
export async function listIncidents(ctx: AppContext, access: OrgAccess, query: TIncidentListQuery & { page: number; pageSize: number }) {
  const settings = await readSettings(ctx.database.db, access.organizationId);
  const { rows, total } = await repo.listIncidents(ctx.database.db, { organizationId: access.organizationId, query, now: ctx.clock.now().toISOString(), severityKeys: settings.severities.map((s) => s.key) });
  return { items: rows.map(presentListItem), total, page: query.page, pageSize: query.pageSize };
}

/** The caller's own reports (a staff member sees what they reported, not the register). */
export async function myReports(ctx: AppContext, access: OrgAccess, actor: AuditActor) {
  if (!actor.userId) return [];
  const rows = await repo.reportsBy(ctx.database.db, access.organizationId, actor.userId);
  return rows.map((r) => ({ id: r.id, ref: repo.incidentRef(Number(r.ref_number)), title: r.title, category: r.category as TIncident['category'], status: r.status as IncidentStatus, reportedAt: r.reported_at }));
}

/** One incident of the organization with its decrypted fields, assets and derived dates; not-found for any other. */
export async function getIncident(ctx: AppContext, access: OrgAccess, incidentId: string): Promise<TIncident> {
  const db = ctx.database.db;
  const row = visibleIncident(access.organizationId, await repo.ownIncident(db, access.organizationId, incidentId));
  const now = ctx.clock.now().toISOString();
  const [assets, counts, people, settings] = await Promise.all([
    repo.linkedAssets(db, incidentId),
    repo.obligationCounts(db, incidentId, now),
    repo.peopleNames(db, [row.handler_user_id, row.reported_by]),
    readSettings(db, access.organizationId),
  ]);
  const fields = fieldsOf(ctx, row);
  const person = (id: string | null) => (id ? { id, name: people.get(id) ?? 'Former user' } : null);
  const status = row.status as IncidentStatus;
  return {
    ...fields,
    id: row.id,
    ref: repo.incidentRef(Number(row.ref_number)),
    status,
    reportedAt: row.reported_at,
    handler: person(row.handler_user_id),
    hipaaConclusion: row.hipaa_conclusion as TIncident['hipaaConclusion'],
    gdprConclusion: row.gdpr_conclusion as TIncident['gdprConclusion'],
    openObligations: counts.open,
    overdueObligations: counts.overdue,
    nextDueAt: counts.nextDueAt,
    archivedAt: row.archived_at,
    updatedAt: row.updated_at,
    assets: assets.map((a) => ({ id: a.id, name: a.name, type: a.type, handlesEphi: Number(a.handles_ephi) === 1 })),
    lawEnforcementHoldUntil: lawEnforcementHoldUntil(row),
    phiMayBeInvolved: Number(row.phi_may_be_involved) === 1,
    reportedBy: person(row.reported_by),
    closedAt: row.closed_at,
    retainUntil: retainUntilOf(row.closed_at, access.timeZone, settings.retentionYears),
    nextStatuses: nextStatuses(status, row.archived_at !== null),
    createdAt: row.created_at,
  };
}

// ---- Writing ----

const EMPTY_FIELDS: Omit<IncidentFields, 'title' | 'category' | 'description'> = {
  severity: null,
  occurredAt: null,
  detectedAt: null,
  discoveredAt: null,
  awareAt: null,
  dataCategories: [],
  phiDetails: '',
  individualsTotal: 0,
  individualsByState: {},
  individualsByCountry: {},
  handlerUserId: null,
  rootCauseCategory: null,
  rootCauseAnalysis: '',
  lessonsLearned: '',
  breachStartDate: null,
  breachEndDate: null,
  hhsBreachType: null,
  hhsLocations: [],
  phiKinds: [],
  safeguardsInPlace: '',
  actionsTaken: '',
  lawEnforcementStatement: 'none',
  lawEnforcementStatementAt: null,
  lawEnforcementWrittenUntil: null,
  lawEnforcementOfficial: '',
};

interface NewIncident {
  fields: IncidentFields;
  assetIds: readonly string[];
  phiMayBeInvolved: boolean;
  event: 'incident.reported' | 'incident.created';
}

/** Insert an incident numbered INC-n (max + 1 inside the transaction; a race retries once on the unique index). */
async function insertIncident(ctx: AppContext, access: OrgAccess, actor: AuditActor, input: NewIncident): Promise<{ id: string; ref: string; reportedAt: string }> {
  const id = newId();
  const now = ctx.clock.now().toISOString();
  const names = await repo.peopleNames(ctx.database.db, [actor.userId]);
  const who = (actor.userId && names.get(actor.userId)) || actor.label;
  let ref = '';
  const attempt = () =>
    repo.incidentDb(ctx.database.db).transaction().execute(async (trx) => {
      const refNumber = await repo.nextRefNumber(trx, access.organizationId);
      ref = repo.incidentRef(refNumber);
      await trx
        .insertInto('incidents')
        .values({
          ...(columnsOf(ctx, id, input.fields) as Required<ReturnType<typeof columnsOf>>),
          id,
          organization_id: access.organizationId,
          ref_number: refNumber,
          status: 'reported',
          reported_at: now,
          reported_by: actor.userId,
          phi_may_be_involved: input.phiMayBeInvolved ? 1 : 0,
          hipaa_conclusion: 'not_assessed',
          gdpr_conclusion: 'not_assessed',
          closed_at: null,
          archived_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await repo.replaceAssets(trx, id, input.assetIds);
      await appendTimeline(ctx, trx, { incidentId: id, at: now, kind: 'status', text: input.event === 'incident.reported' ? `Reported by ${who}` : `Recorded in the register by ${who}`, byUserId: actor.userId });
      await refreshObligations(trx, ctx, id);
      await recordEvent(ctx, trx, actor, {
        type: input.event,
        organizationId: access.organizationId,
        subjectType: 'incident',
        subjectId: id,
        changes: { ref, title: input.fields.title, category: input.fields.category, assetIds: [...input.assetIds], phiMayBeInvolved: input.phiMayBeInvolved, ...(input.event === 'incident.created' ? { fields: filledFields(input.fields), ...auditValues(input.fields) } : {}) },
      });
    });
  await attempt().catch((error: unknown) => (isUniqueViolation(error) ? attempt() : Promise.reject(error)));
  return { id, ref, reportedAt: now };
}

/** Names of the fields given a non-empty value (for the audit event of a creation). */
function filledFields(fields: IncidentFields): string[] {
  const empty: Partial<IncidentFields> = { ...EMPTY_FIELDS, description: '' };
  return (Object.keys(fields) as IncidentFieldName[]).filter((k) => k !== 'title' && k !== 'category' && comparable(fields[k]) !== comparable(empty[k]));
}

function auditValues(fields: Partial<IncidentFields>): Record<string, unknown> {
  return Object.fromEntries(AUDITABLE_VALUES.filter((k) => fields[k] !== undefined && fields[k] !== null).map((k) => [k, fields[k]]));
}

/** A staff member's report (A.6.8; 164.308(a)(6)(ii)): status reported, with the assets they named. */
export async function reportIncident(ctx: AppContext, access: OrgAccess, actor: AuditActor, input: ReportInput) {
  const issues = await referenceIssues(ctx, ctx.database.db, access.organizationId, { assetIds: input.assetIds });
  if (issues.length > 0) throw validationError(issues);
  return insertIncident(ctx, access, actor, {
    // 164.404(a)(2): a breach is discovered on the first day any workforce member knows of it. A report that
    // says patient information may be involved starts the HIPAA clock now; the handler may set it earlier.
    fields: { ...EMPTY_FIELDS, title: input.title, description: input.description, category: input.category, occurredAt: input.occurredAt, discoveredAt: input.phiMayBeInvolved && !(input.occurredAt && Date.parse(input.occurredAt) > ctx.clock.now().getTime()) ? ctx.clock.now().toISOString() : null },
    assetIds: input.assetIds,
    phiMayBeInvolved: input.phiMayBeInvolved,
    event: 'incident.reported',
  });
}

/** A handler records an incident directly in the register (A.5.25). */
export async function createIncident(ctx: AppContext, access: OrgAccess, actor: AuditActor, input: TCreateIncident): Promise<TIncident> {
  const issues = await referenceIssues(ctx, ctx.database.db, access.organizationId, input);
  if (issues.length > 0) throw validationError(issues);
  const { assetIds, ...fields } = input;
  const { id } = await insertIncident(ctx, access, actor, { fields, assetIds, phiMayBeInvolved: false, event: 'incident.created' });
  return getIncident(ctx, access, id);
}

/**
 * Change an incident: only the fields sent change; the merged record must pass the cross-field rules.
 * An archived incident is read-only (409).
 */
export async function updateIncident(ctx: AppContext, access: OrgAccess, actor: AuditActor, incidentId: string, patch: UpdateInput): Promise<TIncident> {
  await repo.incidentDb(ctx.database.db).transaction().execute(async (trx) => {
    const row = visibleIncident(access.organizationId, await repo.ownIncident(trx, access.organizationId, incidentId));
    const ref = repo.incidentRef(Number(row.ref_number));
    assertChangeable(row, ref);
    const before = fieldsOf(ctx, row);
    const merged = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && k !== 'assetIds')) } as IncidentFields;
    const issues: Issue[] = incidentFieldIssues(merged).map((i) => ({ path: i.path.join('.'), message: i.message }));
    issues.push(...(await referenceIssues(ctx, trx, access.organizationId, { severity: patch.severity, assetIds: patch.assetIds, handlerUserId: patch.handlerUserId })));
    if (issues.length > 0) throw validationError(issues);

    const changed = (Object.keys(merged) as IncidentFieldName[]).filter((k) => comparable(before[k]) !== comparable(merged[k]));
    const assetsBefore = await repo.linkedAssetIds(trx, incidentId);
    const assetsChanged = patch.assetIds !== undefined && comparable([...new Set(patch.assetIds)]) !== comparable(assetsBefore);
    if (changed.length === 0 && !assetsChanged) return;

    const now = ctx.clock.now().toISOString();
    const delta = Object.fromEntries(changed.map((k) => [k, merged[k]])) as Partial<IncidentFields>;
    await trx.updateTable('incidents').set({ ...columnsOf(ctx, incidentId, delta), updated_at: now }).where('id', '=', incidentId).execute();
    if (assetsChanged) await repo.replaceAssets(trx, incidentId, patch.assetIds!);
    if (changed.some((k) => OBLIGATION_INPUT_FIELDS.includes(k))) await refreshObligations(trx, ctx, incidentId);
    const values = Object.fromEntries(changed.filter((k) => AUDITABLE_VALUES.includes(k)).map((k) => [k, { from: before[k], to: merged[k] }]));
    await recordEvent(ctx, trx, actor, {
      type: 'incident.updated',
      organizationId: access.organizationId,
      subjectType: 'incident',
      subjectId: incidentId,
      changes: { ref, fields: [...changed, ...(assetsChanged ? ['assetIds'] : [])], ...values, ...(assetsChanged ? { assetIds: { from: assetsBefore, to: [...new Set(patch.assetIds)].sort() } } : {}) },
    });
  });
  return getIncident(ctx, access, incidentId);
}

/**
 * Move an incident forward (A.5.26), close it with lessons learned (A.5.27) or reopen a closed one to
 * triage with a note. Each move is a timeline entry of kind `status`.
 */
export async function transitionIncident(ctx: AppContext, access: OrgAccess, actor: AuditActor, incidentId: string, input: TransitionInput): Promise<TIncident> {
  await repo.incidentDb(ctx.database.db).transaction().execute(async (trx) => {
    const row = visibleIncident(access.organizationId, await repo.ownIncident(trx, access.organizationId, incidentId));
    const ref = repo.incidentRef(Number(row.ref_number));
    const from = row.status as IncidentStatus;
    const note = input.note ?? '';
    const storedLessons = decrypted(ctx, row, 'lessonsLearned');
    const lessons = input.lessonsLearned ?? storedLessons;
    const problem = transitionProblem({ from, to: input.to, isArchived: row.archived_at !== null, lessonsLearned: lessons, note });
    if (problem?.kind === 'conflict') throw new AppError('conflict', `incident: ${ref} ${problem.message}`);
    if (problem?.kind === 'field') throw fieldError(`body.${problem.path}`, problem.message);

    const now = ctx.clock.now().toISOString();
    const lessonsChanged = input.lessonsLearned !== undefined && input.lessonsLearned !== storedLessons;
    await trx
      .updateTable('incidents')
      .set({
        status: input.to,
        closed_at: input.to === 'closed' ? now : isReopening(from, input.to) ? null : row.closed_at,
        ...(lessonsChanged ? { lessons_learned: sealText(ctx, 'incidents', 'lessons_learned', incidentId, input.lessonsLearned!) } : {}),
        updated_at: now,
      })
      .where('id', '=', incidentId)
      .execute();
    const verb = isReopening(from, input.to) ? 'Reopened' : 'Status';
    await appendTimeline(ctx, trx, { incidentId, at: now, kind: 'status', text: `${verb}: ${INCIDENT_STATUS_LABELS[from]} → ${INCIDENT_STATUS_LABELS[input.to]}${note ? `. ${note}` : ''}`, byUserId: actor.userId });
    await refreshObligations(trx, ctx, incidentId);
    await recordEvent(ctx, trx, actor, {
      type: 'incident.status_changed',
      organizationId: access.organizationId,
      subjectType: 'incident',
      subjectId: incidentId,
      changes: { ref, from, to: input.to, reopened: isReopening(from, input.to), withNote: note.length > 0, ...(lessonsChanged ? { fields: ['lessonsLearned'] } : {}) },
    });
  });
  return getIncident(ctx, access, incidentId);
}
