/**
 * Import of the risk register from CSV, XLSX or JSON (ISO/IEC 27001:2022 6.1.2, 8.2: an assessment made
 * outside Custos, or a register moved between organizations; A.8.15 logging: every change is audited).
 *
 * Invariants:
 * - Every row is judged before any is written, by the register's own rules: the contract
 *   (ZCreateRiskRequest), the assessments against the method in force and the catalogue ids (S1's
 *   `stageIssues`, `unknownEntries`), assets of this organization, an owner who is a member of the
 *   organization or of a group above it. A problem in any row writes nothing; a dry run writes nothing.
 * - Upsert by ref: a row whose ref (R-0001) names a risk of this organization updates it (columns absent
 *   from the file keep their values); any other row creates a risk, numbered as its ref says when it has
 *   one, else after the highest number in use or in the file. A ref may appear once per file.
 * - One transaction: the inserts and updates with the same derived columns as the register
 *   (`stageColumns`), one `risk.created` or `risk.updated` event per changed risk, one `risks.imported`
 *   summary (counts, SHA-256 and name of the file). Unchanged rows write nothing. A risk changed by
 *   someone else since it was read refuses the whole import.
 */
import crypto from 'node:crypto';
import { RISK_STAGES, ZCreateRiskRequest, type RiskStage, type TRiskImportReport } from '../../../shared/contracts/risks.js';
import { ZRiskAssessmentInput, type TRiskAssessmentInput } from '../../../shared/contracts/risk-method.js';
import { nextReviewDate } from '../../../shared/risk-method.js';
import { appendAuditEvents, type AuditActor, type AuditEventInput } from '../../kernel/audit/chain.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { toNumber } from '../../kernel/db/database.js';
import { AppError, isUniqueViolation } from '../../kernel/errors.js';
import { ancestorOrganizationIds } from '../controls/index.js';
import { unknownEntries } from './risk-catalogue.service.js';
import { columnOf, fileRowInput, mergeStage, parseRef, sameFields, storedFields, type PlannedRisk, type RowInput, type StoredRisk } from './risk-import-rows.js';
import { parseNameAndType, readRiskFile, type RiskFileFormat } from './risk-io.js';
import { currentMethod, type StoredMethod } from './risk-method.store.js';
import { acceptanceStage, hasPatientSafetyImpact, riskRef, stageColumns, storedAssessment, type StageColumns } from './risk-stage.js';
import { organizationToday, rescheduledReview, stageIssues } from './risk.service.js';
import * as repo from './risk.repository.js';
import type { RisksTable } from './risk.tables.js';

export const MAX_REPORTED_ERRORS = 1000;
/** Rows per multi-row INSERT of risks: ~50 columns × 300 rows stays under SQLite's 32,766 bound parameters. */
const INSERT_BATCH = 300;
const LINK_BATCH = 2000;
const EVENT_BATCH = 2000;

export interface RiskImportOptions {
  bytes: Buffer;
  format: RiskFileFormat;
  dryRun: boolean;
  filename?: string | null;
}

type ReportError = TRiskImportReport['errors'][number];

interface Lookups {
  method: StoredMethod;
  existing: Map<number, StoredRisk>;
  assetsByRef: Map<string, { id: string; ephi: boolean }>;
  assetsByNameType: Map<string, { id: string; ephi: boolean }[]>;
  assetEphi: Map<string, boolean>;
  usersByEmail: Map<string, { id: string; isMember: boolean }>;
  unknown: { threat: Set<string>; threat_source: Set<string>; vulnerability: Set<string> };
}

/** Everything the rows are judged against, read once: a handful of queries whatever the file's size. */
async function lookups(ctx: AppContext, organizationId: string, rows: RowInput[]): Promise<Lookups> {
  const db = repo.repoDb(ctx.database.db);
  const method = await currentMethod(ctx.database.db, organizationId);
  const [risks, riskAssets, riskVulns, assets] = await Promise.all([
    db.selectFrom('risks').selectAll().where('organization_id', '=', organizationId).execute(),
    db.selectFrom('risk_assets').select(['risk_id', 'asset_id']).where('organization_id', '=', organizationId).execute(),
    db.selectFrom('risk_vulnerabilities').select(['risk_id', 'vulnerability_id']).where('organization_id', '=', organizationId).execute(),
    db.selectFrom('assets').select(['id', 'external_ref', 'name', 'type', 'handles_ephi']).where('organization_id', '=', organizationId).execute(),
  ]);
  const linked = (pairs: readonly { risk_id: string }[], value: (p: never) => string) => {
    const out = new Map<string, string[]>();
    for (const p of pairs) out.set(p.risk_id, [...(out.get(p.risk_id) ?? []), value(p as never)]);
    return out;
  };
  const assetsOf = linked(riskAssets, (p: { asset_id: string }) => p.asset_id);
  const vulnsOf = linked(riskVulns, (p: { vulnerability_id: string }) => p.vulnerability_id);
  const existing = new Map<number, StoredRisk>();
  for (const row of risks) existing.set(toNumber(row.ref_number), { row, assetIds: assetsOf.get(row.id) ?? [], vulnerabilityIds: vulnsOf.get(row.id) ?? [] });

  const assetsByRef = new Map<string, { id: string; ephi: boolean }>();
  const assetsByNameType = new Map<string, { id: string; ephi: boolean }[]>();
  const assetEphi = new Map<string, boolean>();
  for (const a of assets) {
    const entry = { id: a.id, ephi: toNumber(a.handles_ephi) === 1 };
    assetEphi.set(a.id, entry.ephi);
    if (a.external_ref !== null) assetsByRef.set(a.external_ref, entry);
    const key = `${a.type}\u0000${a.name}`;
    assetsByNameType.set(key, [...(assetsByNameType.get(key) ?? []), entry]);
  }

  const emails = [...new Set(rows.flatMap((r) => (typeof r.ownerEmail === 'string' ? [r.ownerEmail.toLowerCase()] : [])))];
  const usersByEmail = new Map<string, { id: string; isMember: boolean }>();
  if (emails.length > 0) {
    const orgs = [organizationId, ...(await ancestorOrganizationIds(ctx.database.db, organizationId))];
    const now = ctx.clock.now().toISOString();
    for (let i = 0; i < emails.length; i += 500) {
      const users = await db.selectFrom('users').select(['id', 'email']).where('email', 'in', emails.slice(i, i + 500)).execute();
      for (const user of users) usersByEmail.set(user.email.toLowerCase(), { id: user.id, isMember: await repo.isMemberOfAny(ctx.database.db, user.id, orgs, now) });
    }
  }

  const ids = (pick: (r: (typeof rows)[number]) => unknown) => [...new Set(rows.flatMap((r) => { const v = pick(r); return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []; }))];
  const unknown = {
    threat: new Set(await unknownEntries(ctx.database.db, organizationId, 'threat', ids((r) => r.fields.threatId))),
    threat_source: new Set(await unknownEntries(ctx.database.db, organizationId, 'threat_source', ids((r) => r.fields.threatSourceIds))),
    vulnerability: new Set(await unknownEntries(ctx.database.db, organizationId, 'vulnerability', ids((r) => r.fields.vulnerabilityIds))),
  };
  return { method, existing, assetsByRef, assetsByNameType, assetEphi, usersByEmail, unknown };
}

/** Judges every row; returns the risks to write and the errors, by row. */
function judge(rows: RowInput[], l: Lookups): { planned: PlannedRisk[]; unchanged: number; errors: ReportError[] } {
  const errors: ReportError[] = [];
  const planned: PlannedRisk[] = [];
  let unchanged = 0;
  const firstRowOfRef = new Map<number, number>();
  for (const r of rows) {
    if (r.isUnreadable) {
      for (const p of r.problems) errors.push({ row: r.row, field: p.column, message: p.message });
      continue;
    }
    const problems = [...r.problems];
    const add = (field: string | null, message: string) => problems.push({ column: field, message });
    let refNumber: number | null = null;
    if (r.ref !== null) {
      refNumber = parseRef(r.ref);
      if (refNumber === null) add('ref', 'must be R- followed by a number (R-0001), or empty for a new risk');
      else if (firstRowOfRef.has(refNumber)) add('ref', `repeats the ref of row ${firstRowOfRef.get(refNumber)}; a ref may appear once per file`);
      else firstRowOfRef.set(refNumber, r.row);
    }
    const existing = refNumber === null ? null : (l.existing.get(refNumber) ?? null);
    const fields = { ...(existing ? storedFields(existing) : {}), ...r.fields } as Record<string, unknown>;
    for (const stage of RISK_STAGES) {
      const merged = mergeStage(stage, r.stages[stage], existing ? storedAssessment(existing.row, stage) : null);
      fields[stage] = merged.value;
      if (merged.problem && ![...r.unreadable].some((c) => c.startsWith(`${stage}_`))) add(`${stage}_likelihood`, merged.problem);
    }
    // Assets by reference: the external reference, else `name [type]`; both must name exactly one asset here.
    if (r.assetRefs !== undefined) {
      const assetIds: string[] = [];
      r.assetRefs.forEach((ref, i) => {
        if (typeof ref !== 'string') return add('assets', `item ${i + 1}: must be text`);
        const found = l.assetsByRef.get(ref);
        if (found) return void assetIds.push(found.id);
        const named = parseNameAndType(ref);
        const candidates = named ? (l.assetsByNameType.get(`${named.type}\u0000${named.name}`) ?? []) : [];
        if (candidates.length === 1) return void assetIds.push(candidates[0]!.id);
        if (candidates.length > 1) return add('assets', `"${ref.slice(0, 80)}" names ${candidates.length} assets of this organization; give them external references and use those`);
        add('assets', `"${ref.slice(0, 80)}" is not an asset of this organization (an asset's external reference, or its name and type as "name [type]")`);
      });
      fields.assetIds = assetIds;
    }
    if (r.ownerEmail !== undefined) {
      if (r.ownerEmail === null) fields.ownerUserId = null;
      else if (typeof r.ownerEmail !== 'string') add('owner_email', 'must be an e-mail address');
      else {
        const user = l.usersByEmail.get(r.ownerEmail.toLowerCase());
        if (!user || !user.isMember) add('owner_email', `"${r.ownerEmail.slice(0, 80)}" is not a member of this organization or of its group`);
        else fields.ownerUserId = user.id;
      }
    }
    const parsed = ZCreateRiskRequest.safeParse({ ...fields, fromGap: null });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = columnOf(issue.path);
        if (column === 'assets' || column === 'owner_email') continue; // reported above, by reference
        const [, index] = issue.path;
        const prefix = typeof index === 'number' && issue.path.length === 2 ? `item ${index + 1}: ` : '';
        const given = issue.path.reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined), fields);
        const message = issue.code === 'invalid_value' ? `must be one of: ${issue.values.map(String).join(', ')}` : issue.code === 'invalid_type' && given === undefined ? 'is required' : issue.message;
        add(column, prefix + message);
      }
    }
    // The method and the catalogue judge what the contract let through, even when another cell is wrong.
    for (const stage of RISK_STAGES) {
      const value = ZRiskAssessmentInput.nullable().safeParse(fields[stage]);
      if (!value.success) continue;
      for (const i of stageIssues(l.method.method, stage, value.data)) {
        if (i.path === `${stage}.impacts`) add(null, `${stage}: ${i.message}`);
        else add(columnOf(i.path.split('.')), i.message);
      }
    }
    const threatId = fields.threatId;
    if (typeof threatId === 'string' && l.unknown.threat.has(threatId)) add('threat_id', `"${threatId.slice(0, 120)}" is not a threat of the catalogue or of your own entries`);
    const unknownItems = (value: unknown, set: Set<string>, column: string, noun: string) => {
      if (!Array.isArray(value)) return;
      value.forEach((id, i) => typeof id === 'string' && set.has(id) && add(column, `item ${i + 1}: "${id.slice(0, 120)}" is not ${noun} of the catalogue or of your own entries`));
    };
    unknownItems(fields.threatSourceIds, l.unknown.threat_source, 'threat_source_ids', 'a threat source');
    unknownItems(fields.vulnerabilityIds, l.unknown.vulnerability, 'vulnerability_ids', 'a vulnerability');
    if (parsed.success && problems.length === 0) {
      if (existing && sameFields(existing, parsed.data, l.method)) unchanged += 1;
      else planned.push({ row: r.row, refNumber, existing, input: parsed.data });
    }
    for (const p of problems) errors.push({ row: r.row, field: p.column, message: p.message });
  }
  return { planned, unchanged, errors };
}

/** Validates the file and, unless it is a dry run or a row has a problem, writes it (see the invariants above). */
export async function importRisks(ctx: AppContext, access: OrgAccess, actor: AuditActor, options: RiskImportOptions): Promise<TRiskImportReport> {
  const { bytes, format } = options;
  const limit = ctx.config.importLimitBytes;
  if (bytes.length > limit) throw new AppError('payload_too_large', `file: is larger than the import limit of ${limit / (1024 * 1024)} MB (CUSTOS_IMPORT_LIMIT_MB)`, [{ path: 'file', message: 'is larger than the import limit' }]);
  if (bytes.length === 0) throw new AppError('validation_failed', 'file: is empty', [{ path: 'file', message: 'is empty' }]);
  const file = await readRiskFile(format, bytes);
  const rows = file.rows.map((row) => fileRowInput(row, file.isSheet));
  const l = await lookups(ctx, access.organizationId, rows);
  const { planned, unchanged, errors } = judge(rows, l);
  const created = planned.filter((p) => !p.existing).length;
  const updated = planned.length - created;
  const report = { dryRun: options.dryRun, format, rows: rows.length, created, updated, unchanged, errors: errors.slice(0, MAX_REPORTED_ERRORS), errorCount: errors.length, written: false };
  if (options.dryRun || errors.length > 0) return report;
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  await write(ctx, access, actor, l, planned, { format, filename: options.filename ?? null, sha256, bytes: bytes.length, rows: rows.length, created, updated, unchanged });
  return { ...report, written: true };
}

const facts = (row: Partial<StageColumns>, stage: RiskStage) => {
  const input = storedAssessment(row, stage);
  return input === null ? null : { likelihood: input.likelihood, impacts: input.impacts, level: row[`${stage}_level_key`] ?? null };
};

function sameStage(row: RisksTable, stage: RiskStage, input: TRiskAssessmentInput | null, methodVersion: number): boolean {
  const stored = storedAssessment(row, stage);
  if (stored === null || input === null) return stored === input;
  const impacts = (x: Record<string, number | null | undefined>) => JSON.stringify(Object.entries(x).filter(([, v]) => v !== null && v !== undefined).sort());
  return stored.likelihood === input.likelihood && impacts(stored.impacts) === impacts(input.impacts) && toNumber(row[`${stage}_method_version`]) === methodVersion;
}

async function write(ctx: AppContext, access: OrgAccess, actor: AuditActor, l: Lookups, planned: PlannedRisk[], summary: Record<string, unknown>): Promise<void> {
  const organizationId = access.organizationId;
  const { method, version } = l.method;
  const at = ctx.clock.now().toISOString();
  const today = organizationToday(ctx, access);
  let nextRef = Math.max(0, ...l.existing.keys(), ...planned.map((p) => p.refNumber ?? 0)) + 1;
  const ephi = (assetIds: readonly string[]) => (assetIds.some((id) => l.assetEphi.get(id)) ? 1 : 0);
  const events: Omit<AuditEventInput, 'organizationId'>[] = [];
  const inserts: Record<string, unknown>[] = [];
  const links: { riskId: string; assetIds: string[]; vulnerabilityIds: string[] }[] = [];
  const updates: { id: string; version: number; set: Record<string, unknown>; links: { assetIds?: string[]; vulnerabilityIds?: string[] } }[] = [];

  for (const p of planned) {
    const { input } = p;
    const base = {
      title: input.title, title_lower: input.title.toLowerCase(), description: input.description, category: input.category, status: input.status, threat_id: input.threatId,
      threat_source_ids: JSON.stringify([...new Set(input.threatSourceIds)]), owner_user_id: input.ownerUserId, treatment_option: input.treatmentOption, treatment_rationale: input.treatmentRationale,
    };
    const assetIds = [...new Set(input.assetIds)];
    const vulnerabilityIds = [...new Set(input.vulnerabilityIds)];
    if (!p.existing) {
      const id = newId();
      const refNumber = p.refNumber ?? nextRef++;
      const stages: Partial<StageColumns> = {};
      for (const stage of RISK_STAGES) Object.assign(stages, stageColumns(stage, method, version, input[stage], at, actor.userId));
      const stage = acceptanceStage(stages);
      const levelKey = stage === null ? null : (stages[`${stage}_level_key`] ?? null);
      inserts.push({
        id, organization_id: organizationId, ref_number: refNumber, ...base, ...stages, handles_ephi: ephi(assetIds), patient_safety: hasPatientSafetyImpact(stages) ? 1 : 0,
        from_gap_asset_id: null, from_gap_rule: null, next_review_on: levelKey === null ? null : nextReviewDate(method, levelKey, today), last_reviewed_on: null, version: 1, created_at: at, updated_at: at,
      });
      links.push({ riskId: id, assetIds, vulnerabilityIds });
      const { inherent: _i, current: _c, residual: _r, ...fields } = input;
      events.push({ type: 'risk.created', subjectType: 'risk', subjectId: id, changes: { ref: riskRef(refNumber), ...fields, methodVersion: version, ...Object.fromEntries(RISK_STAGES.map((s) => [s, facts(stages, s)])), imported: true, row: p.row } });
      continue;
    }
    const { row } = p.existing;
    const before = storedFields(p.existing);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(before) as (keyof typeof before)[]) {
      const norm = (v: unknown) => (Array.isArray(v) ? [...new Set(v as string[])].sort() : v);
      if (JSON.stringify(norm(before[key])) !== JSON.stringify(norm(input[key]))) changes[key] = { from: norm(before[key]), to: norm(input[key]) };
    }
    const stages: Partial<StageColumns> = {};
    for (const stage of RISK_STAGES) {
      if (sameStage(row, stage, input[stage], version)) continue;
      Object.assign(stages, stageColumns(stage, method, version, input[stage], at, actor.userId));
      changes[stage] = { from: facts(row, stage), to: facts(stages, stage) };
    }
    const merged = { ...row, ...stages };
    const stageBefore = acceptanceStage(row);
    const stageAfter = acceptanceStage(merged);
    const keyOf = (r: Partial<RisksTable>, s: RiskStage | null) => (s === null ? null : (r[`${s}_level_key`] ?? null));
    const nextReviewOn = keyOf(row, stageBefore) === keyOf(merged, stageAfter) && row.next_review_on !== null ? row.next_review_on : rescheduledReview(method, merged, access.timeZone);
    if (nextReviewOn !== row.next_review_on) changes.nextReviewOn = { from: row.next_review_on, to: nextReviewOn };
    updates.push({
      id: row.id,
      version: toNumber(row.version),
      set: { ...base, ...stages, handles_ephi: ephi(assetIds), patient_safety: hasPatientSafetyImpact(merged) ? 1 : 0, next_review_on: nextReviewOn, version: toNumber(row.version) + 1, updated_at: at },
      links: { assetIds: changes.assetIds ? assetIds : undefined, vulnerabilityIds: changes.vulnerabilityIds ? vulnerabilityIds : undefined },
    });
    events.push({ type: 'risk.updated', subjectType: 'risk', subjectId: row.id, changes: { ref: riskRef(toNumber(row.ref_number)), ...changes, imported: true, row: p.row } });
  }
  events.push({ type: 'risks.imported', subjectType: 'organization', subjectId: organizationId, changes: summary });

  await repo
    .repoDb(ctx.database.db)
    .transaction()
    .execute(async (trx) => {
      for (let i = 0; i < inserts.length; i += INSERT_BATCH) await trx.insertInto('risks').values(inserts.slice(i, i + INSERT_BATCH) as never).execute();
      const assetRows = links.flatMap((k) => k.assetIds.map((asset_id) => ({ risk_id: k.riskId, asset_id, organization_id: organizationId })));
      const vulnRows = links.flatMap((k) => k.vulnerabilityIds.map((vulnerability_id) => ({ risk_id: k.riskId, vulnerability_id, organization_id: organizationId })));
      for (let i = 0; i < assetRows.length; i += LINK_BATCH) await trx.insertInto('risk_assets').values(assetRows.slice(i, i + LINK_BATCH)).execute();
      for (let i = 0; i < vulnRows.length; i += LINK_BATCH) await trx.insertInto('risk_vulnerabilities').values(vulnRows.slice(i, i + LINK_BATCH)).execute();
      for (const u of updates) {
        const result = await trx.updateTable('risks').set(u.set as never).where('id', '=', u.id).where('organization_id', '=', organizationId).where('version', '=', u.version).executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw new AppError('conflict', 'risk: a risk of the file was changed by someone else during the import; nothing was written, run it again');
        await repo.replaceLinks(trx, { organizationId, riskId: u.id, ...u.links });
      }
      for (let i = 0; i < events.length; i += EVENT_BATCH) await appendAuditEvents(trx, actor, organizationId, events.slice(i, i + EVENT_BATCH), { clock: ctx.clock });
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'ref: another risk took one of the file\'s refs during the import; nothing was written, run it again');
      throw error;
    });
}

