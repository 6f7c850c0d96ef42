/**
 * f. The risk register at 20,000 risks (bench/lib/datasets/risks.ts; 2,000 for small), as the site's
 * administrator:
 *
 * (i)   pages of `GET /api/v1/orgs/:orgId/risks` for realistic filters and sorts, timed as server time:
 *       the service (`listRisks`, what the route's handler calls) and the same SQL raw (the statements
 *       Kysely generated for that very call, captured through a `log` hook and prepared once with
 *       better-sqlite3), alternating; the first case also through `app.inject`;
 * (ii)  the heat map (`getHeatmap`: one GROUP BY over the stage's cells) for the current stage, the
 *       residual stage with a category filter, and through `app.inject`;
 * (iii) re-mapping every assessment after a 5 × 5 → 4 × 4 method change (`saveMethodVersion`, one
 *       transaction: a new version, every stored assessment re-mapped and its derived columns rewritten,
 *       the audit event) and its preview (`previewMethodChange`, first page), on a throw-away copy of the
 *       database: the data set stays as generated. Checked afterwards: no assessment cleared, every one
 *       under the new version.
 * Goals: page p95 ≤ 50 ms; heat map p95 ≤ 100 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { Kysely, SqliteDialect } from 'kysely';
import { buildApp } from '../../src/server/app.js';
import { currentMethod, getHeatmap, listRisks, previewMethodChange, saveMethodVersion } from '../../src/server/features/risks/index.js';
import type { AuditActor } from '../../src/server/kernel/audit/chain.js';
import { createSession } from '../../src/server/kernel/auth/sessions.js';
import { principalFromSession, SESSION_COOKIE, type Principal } from '../../src/server/kernel/auth/principal.js';
import { resolveOrgAccess, type OrgAccess } from '../../src/server/kernel/authz/membership.js';
import type { AppContext } from '../../src/server/kernel/context.js';
import { openSqlite, type Database } from '../../src/server/kernel/db/database.js';
import type { KernelTables } from '../../src/server/kernel/db/schema.js';
import { ZRemapPreviewRequest, ZRiskHeatmapQuery, ZRiskListQuery, ZSaveRiskMethodRequest } from '../../src/shared/contracts/risks.js';
import { ZRiskMethod, type TRiskMethod } from '../../src/shared/contracts/risk-method.js';
import { queryPlan, timing, type Timing } from './bench-assets.js';

export const RISK_PAGE_P95_GOAL_MS = 50;
export const HEATMAP_P95_GOAL_MS = 100;

export interface RiskListCaseResult {
  name: string;
  query: string;
  total: number;
  items: number;
  service: Timing;
  raw: Timing;
  ratioP95: number;
  http: (Timing & { responseBytes: number }) | null;
  statements: { sql: string; rows: number; rawP50Ms: number; plan: string[] }[];
  meetsGoal: boolean;
}

export interface HeatmapCaseResult {
  name: string;
  query: string;
  assessed: number;
  service: Timing;
  http: Timing | null;
  meetsGoal: boolean;
}

export interface RemapResult {
  from: string;
  to: string;
  assessments: number;
  risks: number;
  previewFirstPageSeconds: number;
  saveSeconds: number;
  remapped: number;
  levelChanged: number;
  copySeconds: number;
  check: { clearedAssessments: number; underNewVersion: number; versionAfter: number };
}

export interface RiskBenchResult {
  organizationId: string;
  risks: number;
  runsPerCase: number;
  goals: { pageP95Ms: number; heatmapP95Ms: number };
  cases: RiskListCaseResult[];
  heatmap: HeatmapCaseResult[];
  remap: RemapResult | null;
}

interface ListCase {
  name: string;
  query: string;
  http?: boolean;
}

const elapsedMs = (start: number) => performance.now() - start;

/** The 4 × 4 method the register is moved to: same dimensions and levels, a smaller matrix (monotone in both directions). */
export function fourByFour(from: TRiskMethod): TRiskMethod {
  const scale = (labels: string[]) => labels.map((label, i) => ({ value: i + 1, label, description: `${label} (4-point scale).` }));
  const keys = from.levels.map((l) => l.key);
  const [low, medium, high, critical] = [keys[0]!, keys[Math.min(1, keys.length - 1)]!, keys[Math.min(2, keys.length - 1)]!, keys[keys.length - 1]!];
  return ZRiskMethod.parse({
    ...from,
    name: 'Healthcare 4 × 4',
    likelihood: scale(['Rare', 'Possible', 'Likely', 'Almost certain']),
    impact: scale(['Minor', 'Moderate', 'Major', 'Severe']),
    matrix: [
      [low, low, medium, medium],
      [low, medium, medium, high],
      [medium, medium, high, critical],
      [medium, high, critical, critical],
    ],
  });
}

async function runListCase(input: {
  ctx: AppContext; captureCtx: AppContext; captured: { sql: string; parameters: unknown[] }[]; sqlite: SQLite.Database; access: OrgAccess; principal: Principal;
  app: FastifyInstance | null; cookie: string; organizationId: string; kase: ListCase; runs: number; log: (line: string) => void;
}): Promise<RiskListCaseResult> {
  const { ctx, sqlite, access, principal, kase, log } = input;
  const query = ZRiskListQuery.parse(Object.fromEntries(new URLSearchParams(kase.query)));
  input.captured.length = 0;
  const expected = await listRisks(input.captureCtx, access, principal, query);
  const statements = input.captured.map((s) => ({ sql: s.sql, parameters: s.parameters }));
  const prepared = statements.map((s) => SQLite.prototype.prepare.call(sqlite, s.sql) as SQLite.Statement<unknown[]>);
  const rowsOf = prepared.map((p, i) => (p.reader ? p.all(...statements[i]!.parameters).length : 0));
  const perStatement = prepared.map(() => [] as number[]);
  const runRaw = (record: boolean) => {
    const t = performance.now();
    prepared.forEach((p, i) => {
      const ts = performance.now();
      if (p.reader) p.all(...statements[i]!.parameters);
      if (record) perStatement[i]!.push(performance.now() - ts);
    });
    return elapsedMs(t);
  };
  const url = `/api/v1/orgs/${input.organizationId}/risks?${kase.query}`;
  const headers = { cookie: input.cookie, accept: 'application/json' };
  let responseBytes = 0;
  const runHttp = async () => {
    const t = performance.now();
    const response = await input.app!.inject({ method: 'GET', url, headers });
    const ms = elapsedMs(t);
    if (response.statusCode !== 200) throw new Error(`${kase.name}: GET ${url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
    responseBytes = response.rawPayload.length;
    return ms;
  };
  const withHttp = Boolean(kase.http && input.app);
  for (let w = 0; w < 3; w += 1) {
    await listRisks(ctx, access, principal, query);
    runRaw(false);
    if (withHttp) await runHttp();
  }
  const service: number[] = [];
  const raw: number[] = [];
  const http: number[] = [];
  for (let r = 0; r < input.runs; r += 1) {
    if (r % 2 === 0) {
      const t = performance.now();
      await listRisks(ctx, access, principal, query);
      service.push(elapsedMs(t));
      raw.push(runRaw(true));
    } else {
      raw.push(runRaw(true));
      const t = performance.now();
      await listRisks(ctx, access, principal, query);
      service.push(elapsedMs(t));
    }
    if (withHttp) http.push(await runHttp());
  }
  const s = timing(service);
  const w = timing(raw);
  const result: RiskListCaseResult = {
    name: kase.name,
    query: kase.query,
    total: expected.total,
    items: expected.items.length,
    service: s,
    raw: w,
    ratioP95: s.p95Ms / Math.max(w.p95Ms, 1e-6),
    http: withHttp ? { ...timing(http), responseBytes } : null,
    statements: statements.map((st, i) => ({ sql: st.sql, rows: rowsOf[i]!, rawP50Ms: timing(perStatement[i]!).p50Ms, plan: queryPlan(sqlite, st.sql, st.parameters) })),
    meetsGoal: s.p95Ms <= RISK_PAGE_P95_GOAL_MS,
  };
  log(`  ${kase.name}: service p50 ${s.p50Ms.toFixed(2)} / p95 ${s.p95Ms.toFixed(2)} ms; raw SQL (${statements.length} statements) p50 ${w.p50Ms.toFixed(2)} / p95 ${w.p95Ms.toFixed(2)} ms; total ${expected.total.toLocaleString('en-US')}`);
  for (const st of result.statements) {
    if (st.rawP50Ms < 10) continue;
    log(`    EXPLAIN QUERY PLAN (raw p50 ${st.rawP50Ms.toFixed(1)} ms): ${st.sql.slice(0, 160)}…`);
    for (const line of st.plan) log(`      ${line}`);
  }
  return result;
}

async function measure(runs: number, fn: () => Promise<unknown>): Promise<Timing> {
  for (let w = 0; w < 3; w += 1) await fn();
  const samples: number[] = [];
  for (let r = 0; r < runs; r += 1) {
    const t = performance.now();
    await fn();
    samples.push(elapsedMs(t));
  }
  return timing(samples);
}

/** (iii) on a copy of the database file, so the data set is never changed. */
async function benchRemap(input: { ctx: AppContext; sqlite: SQLite.Database; sqliteFile: string; principal: Principal; actor: AuditActor; organizationId: string; log: (line: string) => void }): Promise<RemapResult> {
  const { ctx, log } = input;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-bench-remap-'));
  let copy: Database | null = null;
  try {
    let t = performance.now();
    const copyFile = path.join(tmp, 'custos.db');
    const [checkpoint] = input.sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
    if (checkpoint && checkpoint.busy === 0 && checkpoint.log <= 0) fs.copyFileSync(input.sqliteFile, copyFile, fs.constants.COPYFILE_FICLONE);
    else await input.sqlite.backup(copyFile);
    const copySeconds = elapsedMs(t) / 1000;
    const handle = openSqlite(copyFile);
    const db = new Kysely<KernelTables>({ dialect: new SqliteDialect({ database: handle }) });
    copy = { db, engine: 'sqlite', location: copyFile, close: () => db.destroy() };
    const copyCtx: AppContext = { ...ctx, database: copy };
    const access = await resolveOrgAccess(db, input.principal, input.organizationId, ctx.clock.now());
    if (!access) throw new Error('remap: the administrator has no access to the hospital site');
    const assessedCount = () =>
      handle.prepare<[{ org: string }], { n: number; risks: number }>(`select
        (select count(*) from risks where organization_id = @org and inherent_likelihood is not null) + (select count(*) from risks where organization_id = @org and current_likelihood is not null) + (select count(*) from risks where organization_id = @org and residual_likelihood is not null) as n,
        (select count(*) from risks where organization_id = @org) as risks`).get({ org: input.organizationId })!;
    const before = assessedCount();
    const current = await currentMethod(db, input.organizationId);
    const target = fourByFour(current.method);
    const from = `${current.method.likelihood.length} × ${current.method.impact.length} (version ${current.version})`;
    t = performance.now();
    const preview = await previewMethodChange(copyCtx, access, ZRemapPreviewRequest.parse({ method: target, baseVersion: current.version }));
    const previewFirstPageSeconds = elapsedMs(t) / 1000;
    log(`  previewMethodChange (first page of ${preview.total.toLocaleString('en-US')} assessments, ${preview.levelChanged.toLocaleString('en-US')} change level): ${previewFirstPageSeconds.toFixed(2)} s`);
    t = performance.now();
    const saved = await saveMethodVersion(copyCtx, access, input.actor, ZSaveRiskMethodRequest.parse({ method: target, baseVersion: current.version, note: 'Benchmark: 5 × 5 → 4 × 4' }));
    const saveSeconds = elapsedMs(t) / 1000;
    const after = assessedCount();
    const versionAfter = (await currentMethod(db, input.organizationId)).version;
    const stale = handle
      .prepare<[{ org: string; v: number }], { n: number }>(`select count(*) as n from risks where organization_id = @org and ((inherent_likelihood is not null and inherent_method_version <> @v) or (current_likelihood is not null and current_method_version <> @v) or (residual_likelihood is not null and residual_method_version <> @v))`)
      .get({ org: input.organizationId, v: versionAfter })!;
    const check = { clearedAssessments: before.n - after.n, underNewVersion: after.n - stale.n, versionAfter };
    log(`  saveMethodVersion ${from} → 4 × 4: ${saveSeconds.toFixed(2)} s for ${saved.remapped.toLocaleString('en-US')} assessments of ${before.risks.toLocaleString('en-US')} risks (${saved.levelChanged.toLocaleString('en-US')} changed level); check: ${check.clearedAssessments} cleared, ${check.underNewVersion.toLocaleString('en-US')} under version ${versionAfter}`);
    return { from, to: '4 × 4', assessments: before.n, risks: before.risks, previewFirstPageSeconds, saveSeconds, remapped: saved.remapped, levelChanged: saved.levelChanged, copySeconds, check };
  } finally {
    await copy?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export async function benchRisks(input: { ctx: AppContext; sqlite: SQLite.Database; sqliteFile: string; organizationId: string; adminUserId: string; expectedRisks: number; runs: number; withRemap: boolean; log: (line: string) => void }): Promise<RiskBenchResult> {
  const { ctx, sqlite, log } = input;
  const session = await createSession(ctx, ctx.database.db, { userId: input.adminUserId, authMethod: 'password', ip: '127.0.0.1', userAgent: 'custos-bench (risks)' });
  let app: FastifyInstance | null = null;
  try {
    const principal = await principalFromSession(ctx, session.token);
    if (!principal) throw new Error('risks: the benchmark session is not valid');
    const access = await resolveOrgAccess(ctx.database.db, principal, input.organizationId, ctx.clock.now());
    if (!access) throw new Error('risks: the administrator is not a member of the hospital site (regenerate the data set)');
    const actor: AuditActor = { userId: principal.userId, label: principal.email, authMethod: 'password', ip: '127.0.0.1', requestId: null };
    // A data set generated before the risk tables' migration gained its list indexes is measured without them.
    const missing = ['risk_acceptances_org_idx', 'risks_org_current_key_idx'].filter((name) => !sqlite.prepare("select 1 from sqlite_master where type = 'index' and name = ?").get(name));
    if (missing.length > 0) log(`  warning: the data set lacks the risk indexes ${missing.join(', ')} of the current migration: regenerate it (npm run bench:data)`);
    const owner = sqlite.prepare<[string], { owner_user_id: string }>('select owner_user_id from risks where organization_id = ? and owner_user_id is not null group by owner_user_id order by count(*) desc limit 1').get(input.organizationId);
    const cases: ListCase[] = [
      { name: 'default (ref order), page 1', query: 'sort=ref&direction=asc&page=1&pageSize=50', http: true },
      { name: 'current level desc, page 3', query: 'sort=current&direction=desc&page=3&pageSize=50' },
      { name: 'category + owner, residual desc', query: `category=clinical&ownerUserId=${owner?.owner_user_id ?? ''}&sort=residual&direction=desc&page=1&pageSize=50` },
      { name: 'text search (q)', query: 'q=ransomware&sort=title&direction=asc&page=1&pageSize=50' },
      { name: 'level filter (current high), updated desc', query: 'level=high&levelStage=current&sort=updatedAt&direction=desc&page=2&pageSize=50' },
      { name: 'review overdue, next review asc', query: 'reviewOverdue=yes&sort=nextReviewOn&direction=asc&page=1&pageSize=50' },
      { name: 'acceptance stale', query: 'acceptance=stale&sort=ref&direction=asc&page=1&pageSize=50' },
    ];
    const captured: { sql: string; parameters: unknown[] }[] = [];
    const captureDb = new Kysely<KernelTables>({
      dialect: new SqliteDialect({ database: sqlite }),
      log: (event) => {
        if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: [...event.query.parameters] });
      },
    });
    const captureCtx: AppContext = { ...ctx, database: { ...ctx.database, db: captureDb } };
    app = await buildApp(ctx, { rateLimitPerMinute: null, webDir: null });
    await app.ready();
    const cookie = `${SESSION_COOKIE}=${session.token}`;
    log(`  (i) one page of GET /risks, ${input.runs} runs per case`);
    const results: RiskListCaseResult[] = [];
    for (const kase of cases) results.push(await runListCase({ ctx, captureCtx, captured, sqlite, access, principal, app, cookie, organizationId: input.organizationId, kase, runs: input.runs, log }));
    void captureDb;

    log(`  (ii) heat map, ${input.runs} runs per case`);
    const heatmap: HeatmapCaseResult[] = [];
    for (const [name, query, http] of [['current stage (open risks)', 'stage=current', true], ['residual stage, category cyber', 'stage=residual&category=cyber', false], ['inherent stage, owner filter', `stage=inherent&ownerUserId=${owner?.owner_user_id ?? ''}`, false]] as const) {
      const parsed = ZRiskHeatmapQuery.parse(Object.fromEntries(new URLSearchParams(query)));
      const map = await getHeatmap(ctx, access, principal, parsed);
      const service = await measure(input.runs, () => getHeatmap(ctx, access, principal, parsed));
      const url = `/api/v1/orgs/${input.organizationId}/risks/heatmap?${query}`;
      const viaHttp = http
        ? await measure(input.runs, async () => {
            const response = await app!.inject({ method: 'GET', url, headers: { cookie, accept: 'application/json' } });
            if (response.statusCode !== 200) throw new Error(`GET ${url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
          })
        : null;
      heatmap.push({ name, query, assessed: map.assessed, service, http: viaHttp, meetsGoal: service.p95Ms <= HEATMAP_P95_GOAL_MS });
      log(`  heat map ${name}: getHeatmap p50 ${service.p50Ms.toFixed(2)} / p95 ${service.p95Ms.toFixed(2)} ms${viaHttp ? `; via app.inject p50 ${viaHttp.p50Ms.toFixed(2)} / p95 ${viaHttp.p95Ms.toFixed(2)} ms` : ''} (${map.assessed.toLocaleString('en-US')} assessed)`);
    }
    await app.close();
    app = null;

    log('  (iii) re-map after a method change (on a copy of the database)');
    const remap = input.withRemap ? await benchRemap({ ctx, sqlite, sqliteFile: input.sqliteFile, principal, actor, organizationId: input.organizationId, log }) : null;
    return { organizationId: input.organizationId, risks: input.expectedRisks, runsPerCase: input.runs, goals: { pageP95Ms: RISK_PAGE_P95_GOAL_MS, heatmapP95Ms: HEATMAP_P95_GOAL_MS }, cases: results, heatmap, remap };
  } finally {
    await app?.close();
    await ctx.database.db.deleteFrom('sessions').where('id', '=', session.id).execute();
  }
}
