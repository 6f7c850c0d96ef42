/**
 * d. The asset register at 100,000 assets (bench/lib/datasets/assets.ts):
 *
 * (i) Filtered and sorted pages of `GET /api/v1/orgs/:orgId/assets`, timed as server time: the service
 *     function (`listAssets`, what the route's handler calls) over N runs per case, and the same SQL run
 *     directly. The SQL is what Kysely generated for that very call (captured once through a Kysely `log`
 *     hook on the same connection), prepared once with better-sqlite3 (bypassing Custos's statement cache)
 *     and run with the same parameters. Service and raw runs alternate, so both see the same machine load.
 *     One case also goes through `app.inject` (routing, session, validation, serialisation: no socket).
 * (ii) CSV round trip on a throw-away copy of the database (the data set stays as generated): `exportAssets`
 *     of the register, then `importAssets` of that file into a new, empty site (its four classification
 *     levels seeded by the hook) as a dry run and for real (mode `all`), with full validation.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { Kysely, SqliteDialect } from 'kysely';
import { buildApp } from '../../src/server/app.js';
import { exportAssets, importAssets, listAssets } from '../../src/server/features/assets/index.js';
import { createOrganizationIn } from '../../src/server/features/organizations/index.js';
import { verifyChain, type AuditActor } from '../../src/server/kernel/audit/chain.js';
import { createSession } from '../../src/server/kernel/auth/sessions.js';
import { principalFromSession, SESSION_COOKIE, type Principal } from '../../src/server/kernel/auth/principal.js';
import { resolveOrgAccess, type OrgAccess } from '../../src/server/kernel/authz/membership.js';
import type { AppContext } from '../../src/server/kernel/context.js';
import { openSqlite, type Database } from '../../src/server/kernel/db/database.js';
import type { KernelTables } from '../../src/server/kernel/db/schema.js';
import { ZAssetExportQuery, ZAssetListQuery, type TAssetImportReport } from '../../src/shared/contracts/assets.js';

export const PAGE_P95_GOAL_MS = 50;
export const RAW_RATIO_GOAL = 3;
export const IMPORT_GOAL_ROWS_PER_SECOND = 20_000;

export interface Timing {
  runs: number;
  p50Ms: number;
  p95Ms: number;
  meanMs: number;
  minMs: number;
  maxMs: number;
}

export interface CapturedStatement {
  /** count, count+ids (a text search), page, supportingCritical (or other). */
  label: string;
  sql: string;
  parameters: unknown[];
  rows: number;
  /** This statement alone, raw, p50 over the runs. */
  rawP50Ms: number;
  plan: string[];
}

export interface ListCaseResult {
  name: string;
  query: string;
  total: number;
  items: number;
  service: Timing;
  raw: Timing;
  /** service / raw, at p50 and at p95. */
  ratioP50: number;
  ratioP95: number;
  http: (Timing & { responseBytes: number; status: number }) | null;
  statements: CapturedStatement[];
  meetsP95Goal: boolean;
  meetsRatioGoal: boolean;
}

export interface ImportRun {
  seconds: number;
  rowsPerSecond: number;
  /** Reading and validating (until the first write progress), and writing (rows, audit events, commit). */
  validateSeconds: number;
  writeSeconds: number;
  report: Omit<TAssetImportReport, 'problems'> & { firstProblems: TAssetImportReport['problems'] };
}

export interface ImportBenchResult {
  rows: number;
  csvBytes: number;
  defaultImportLimitBytes: number;
  importLimitBytes: number;
  copySeconds: number;
  exportSeconds: number;
  exportRowsPerSecond: number;
  dryRun: ImportRun;
  import: ImportRun;
  meetsGoal: boolean;
  /** The new site after the import: assets stored, its chain verified (events), a re-export byte-identical to the file. */
  check: { assetsStored: number; chainOk: boolean; chainEvents: number; verifySeconds: number; reexportIdentical: boolean };
}

export interface AssetBenchResult {
  organizationId: string;
  assets: number;
  runsPerCase: number;
  caseBudgetSeconds: number;
  goals: { pageP95Ms: number; rawRatio: number; importRowsPerSecond: number };
  cases: ListCaseResult[];
  import: ImportBenchResult | null;
}

interface ListCase {
  name: string;
  query: string;
  http?: boolean;
}

/** The pages a register user opens: a type with a name sort deep in the list, owner + criticality, search, ePHI, gaps. */
export const LIST_CASES: readonly ListCase[] = [
  { name: 'type filter, name sort, page 3', query: 'type=endpoint&sort=name&direction=asc&page=3&pageSize=50', http: true },
  { name: 'owner filter, criticality desc', query: 'owner=radiology&sort=criticality&direction=desc&page=1&pageSize=50' },
  { name: 'text search (q)', query: 'q=alaris&sort=name&direction=asc&page=1&pageSize=50' },
  { name: 'ePHI only, updated desc', query: 'ephi=yes&sort=updatedAt&direction=desc&page=2&pageSize=50' },
  { name: 'gaps only (every gap rule per row)', query: 'gaps=yes&sort=name&direction=asc&page=1&pageSize=50' },
];

export function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return { runs: samples.length, p50Ms: round(at(0.5)), p95Ms: round(at(0.95)), meanMs: round(samples.reduce((s, v) => s + v, 0) / Math.max(1, samples.length)), minMs: round(sorted[0] ?? 0), maxMs: round(sorted[sorted.length - 1] ?? 0) };
}

/** EXPLAIN QUERY PLAN as an indented tree. */
export function queryPlan(sqlite: SQLite.Database, sql: string, parameters: unknown[]): string[] {
  const statement = SQLite.prototype.prepare.call(sqlite, `explain query plan ${sql}`) as SQLite.Statement<unknown[]>;
  const rows = statement.all(...parameters) as { id: number; parent: number; detail: string }[];
  const depth = new Map<number, number>([[0, -1]]);
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? -1) + 1;
    depth.set(r.id, d);
    return `${'  '.repeat(d)}${r.detail}`;
  });
}

const elapsedMs = (start: number) => performance.now() - start;

function statementLabel(sql: string): string {
  const text = sql.trim().toLowerCase();
  if (text.startsWith('select count(*)')) return 'count';
  // A text search counts and picks the page's ids in one statement, then reads those rows (ADR 0013).
  if (text.startsWith('select "a"."id", count(*) over ()')) return 'count+ids';
  if (text.startsWith('with recursive up')) return 'supportingCritical';
  if (text.startsWith('select "a".*')) return 'page';
  return 'other';
}

/** Statements slower than this (raw p50) get their EXPLAIN QUERY PLAN printed. */
const PLAN_PRINT_MS = 10;

async function runCase(input: {
  ctx: AppContext; captureCtx: AppContext; captured: { sql: string; parameters: unknown[] }[]; sqlite: SQLite.Database; access: OrgAccess; principal: Principal;
  app: FastifyInstance | null; cookie: string; organizationId: string; kase: ListCase; runs: number; budgetSeconds: number; log: (line: string) => void;
}): Promise<ListCaseResult> {
  const { ctx, sqlite, access, principal, kase, log } = input;
  const query = ZAssetListQuery.parse(Object.fromEntries(new URLSearchParams(kase.query)));

  // The SQL of this very call, as Kysely generated it (same clock day, same parameters).
  input.captured.length = 0;
  const expected = await listAssets(input.captureCtx, access, principal, query);
  const statements = input.captured.map((s) => ({ sql: s.sql, parameters: s.parameters }));
  if (statements.length === 0) throw new Error(`${kase.name}: no SQL captured`);
  // Prepared once, outside Custos's statement cache; `.all` as Kysely's driver does for a select.
  const prepared = statements.map((s) => SQLite.prototype.prepare.call(sqlite, s.sql) as SQLite.Statement<unknown[]>);
  const rowsOf = prepared.map((p, i) => p.all(...statements[i]!.parameters).length);
  const runRaw = (perStatement: number[][]) => {
    const t = performance.now();
    for (let i = 0; i < prepared.length; i += 1) {
      const ts = performance.now();
      prepared[i]!.all(...statements[i]!.parameters);
      perStatement[i]!.push(performance.now() - ts);
    }
    return elapsedMs(t);
  };
  const url = `/api/v1/orgs/${input.organizationId}/assets?${kase.query}`;
  const headers = { cookie: input.cookie, accept: 'application/json' };
  let responseBytes = 0;
  let status = 0;
  const runHttp = async () => {
    const t = performance.now();
    const response = await input.app!.inject({ method: 'GET', url, headers });
    const ms = elapsedMs(t);
    status = response.statusCode;
    responseBytes = response.rawPayload.length;
    if (response.statusCode !== 200) throw new Error(`${kase.name}: GET ${url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
    return ms;
  };
  const withHttp = Boolean(kase.http && input.app);

  // Warm-up: plans, page cache, JIT.
  const scratch = prepared.map(() => [] as number[]);
  for (let w = 0; w < 3; w += 1) {
    await listAssets(ctx, access, principal, query);
    runRaw(scratch);
    if (withHttp) await runHttp();
  }
  if (withHttp) {
    const body = JSON.parse((await input.app!.inject({ method: 'GET', url, headers })).body) as { total: number; items: unknown[] };
    if (body.total !== expected.total || body.items.length !== expected.items.length) throw new Error(`${kase.name}: HTTP answered total ${body.total}, the service ${expected.total}`);
  }

  const service: number[] = [];
  const raw: number[] = [];
  const http: number[] = [];
  const perStatement = prepared.map(() => [] as number[]);
  const started = performance.now();
  for (let r = 0; r < input.runs; r += 1) {
    // Alternate which goes first, so neither always runs on a cache the other warmed.
    if (r % 2 === 0) {
      const t = performance.now();
      await listAssets(ctx, access, principal, query);
      service.push(elapsedMs(t));
      raw.push(runRaw(perStatement));
    } else {
      raw.push(runRaw(perStatement));
      const t = performance.now();
      await listAssets(ctx, access, principal, query);
      service.push(elapsedMs(t));
    }
    if (withHttp) http.push(await runHttp());
    if (r >= 19 && elapsedMs(started) > input.budgetSeconds * 1000) break;
  }
  const s = timing(service);
  const w = timing(raw);
  const result: ListCaseResult = {
    name: kase.name,
    query: kase.query,
    total: expected.total,
    items: expected.items.length,
    service: s,
    raw: w,
    ratioP50: s.p50Ms / Math.max(w.p50Ms, 1e-6),
    ratioP95: s.p95Ms / Math.max(w.p95Ms, 1e-6),
    http: withHttp ? { ...timing(http), responseBytes, status } : null,
    statements: statements.map((st, i) => ({ label: statementLabel(st.sql), sql: st.sql, parameters: st.parameters, rows: rowsOf[i]!, rawP50Ms: timing(perStatement[i]!).p50Ms, plan: queryPlan(sqlite, st.sql, st.parameters) })),
    meetsP95Goal: s.p95Ms <= PAGE_P95_GOAL_MS,
    meetsRatioGoal: s.p95Ms <= RAW_RATIO_GOAL * w.p95Ms,
  };
  log(`  ${kase.name}: ${s.runs} runs, service p50 ${s.p50Ms.toFixed(2)} ms / p95 ${s.p95Ms.toFixed(2)} ms; raw SQL p50 ${w.p50Ms.toFixed(2)} ms / p95 ${w.p95Ms.toFixed(2)} ms (${result.statements.map((st) => `${st.label} ${st.rawP50Ms.toFixed(1)}`).join(' + ')} ms); total ${expected.total.toLocaleString('en-US')}`);
  for (const st of result.statements) {
    if (st.rawP50Ms < PLAN_PRINT_MS) continue;
    log(`    EXPLAIN QUERY PLAN of the ${st.label} statement (raw p50 ${st.rawP50Ms.toFixed(1)} ms, ${st.rows} rows):`);
    for (const line of st.plan) log(`      ${line}`);
  }
  return result;
}

async function collect(body: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

function summarise(report: TAssetImportReport): ImportRun['report'] {
  const { problems, ...rest } = report;
  return { ...rest, firstProblems: problems.slice(0, 5) };
}

async function timedImport(ctx: AppContext, access: OrgAccess, actor: AuditActor, bytes: Buffer, dryRun: boolean, filename: string): Promise<ImportRun> {
  let firstWrite: number | null = null;
  const t = performance.now();
  const report = await importAssets(ctx, access, actor, {
    bytes, format: 'csv', dryRun, mode: 'all', filename,
    onProgress: (p) => {
      if (p.phase === 'write' && firstWrite === null) firstWrite = performance.now();
    },
  });
  const end = performance.now();
  const seconds = (end - t) / 1000;
  const validateSeconds = ((firstWrite ?? end) - t) / 1000;
  return { seconds, rowsPerSecond: report.rows / seconds, validateSeconds, writeSeconds: seconds - validateSeconds, report: summarise(report) };
}

/** (ii) on a copy of the database file: export the register, import it into a new empty site (dry run, then for real). */
async function benchImport(input: { ctx: AppContext; sqlite: SQLite.Database; sqliteFile: string; principal: Principal; actor: AuditActor; organizationId: string; groupId: string; adminUserId: string; expectedRows: number; log: (line: string) => void }): Promise<ImportBenchResult> {
  const { ctx, log } = input;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-bench-import-'));
  let copy: Database | null = null;
  try {
    // Everything written below (the export's audit event, the new site, the import) goes to the copy.
    let t = performance.now();
    const copyFile = path.join(tmp, 'custos.db');
    // A checkpoint leaves the whole database in the main file; if another connection holds the WAL, the
    // online backup API copies a consistent snapshot instead (slower).
    const [checkpoint] = input.sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    const byFileCopy = Boolean(checkpoint && checkpoint.busy === 0 && checkpoint.log <= 0);
    if (byFileCopy) fs.copyFileSync(input.sqliteFile, copyFile, fs.constants.COPYFILE_FICLONE);
    else await input.sqlite.backup(copyFile);
    const copySeconds = elapsedMs(t) / 1000;
    const handle = openSqlite(copyFile);
    const db = new Kysely<KernelTables>({ dialect: new SqliteDialect({ database: handle }) });
    copy = { db, engine: 'sqlite', location: copyFile, close: () => db.destroy() };
    log(`  copied the database for the import (${(fs.statSync(copyFile).size / 1024 ** 2).toFixed(0)} MiB, ${byFileCopy ? 'file copy after a checkpoint' : 'online backup'}) in ${copySeconds.toFixed(1)} s`);
    const now = ctx.clock.now();
    const baseCtx: AppContext = { ...ctx, database: copy };
    const access = await resolveOrgAccess(db, input.principal, input.organizationId, now);
    if (!access) throw new Error('import: the administrator has no access to the hospital site');

    t = performance.now();
    const exported = await exportAssets(baseCtx, access, input.actor, ZAssetExportQuery.parse({ format: 'csv' }));
    const bytes = await collect(exported.body);
    const exportSeconds = elapsedMs(t) / 1000;
    if (exported.rows !== input.expectedRows) throw new Error(`export: ${exported.rows} rows, expected ${input.expectedRows}`);
    log(`  exportAssets: ${exported.rows.toLocaleString('en-US')} rows, ${(bytes.length / 1024 ** 2).toFixed(1)} MiB CSV in ${exportSeconds.toFixed(2)} s`);

    // The default limit (CUSTOS_IMPORT_LIMIT_MB) may be smaller than the register: raise it for the benchmark, and say so.
    const defaultLimit = ctx.config.importLimitBytes;
    const importLimitBytes = Math.max(defaultLimit, Math.ceil(bytes.length / 1024 ** 2 + 1) * 1024 ** 2);
    if (importLimitBytes > defaultLimit) log(`  note: the export (${(bytes.length / 1024 ** 2).toFixed(1)} MiB) is larger than the default import limit (${defaultLimit / 1024 ** 2} MiB, CUSTOS_IMPORT_LIMIT_MB); the benchmark raises it to ${importLimitBytes / 1024 ** 2} MiB`);
    const importCtx: AppContext = { ...baseCtx, config: { ...ctx.config, importLimitBytes } };

    const targetId = await db.transaction().execute((trx) =>
      createOrganizationIn(importCtx, trx, input.actor, { name: 'Bench Import Target', slug: `bench-import-${crypto.randomBytes(3).toString('hex')}`, kind: 'site', parentId: input.groupId, timeZone: 'Europe/London', adminUserId: input.adminUserId }),
    );
    const target = await resolveOrgAccess(db, input.principal, targetId, now);
    if (!target) throw new Error('import: no access to the new site');
    const filename = exported.filename;

    log(`  importAssets dry run (mode all) into an empty site …`);
    const dryRun = await timedImport(importCtx, target, input.actor, bytes, true, filename);
    if (dryRun.report.rejected > 0 || dryRun.report.created !== input.expectedRows) throw new Error(`import dry run: ${dryRun.report.rejected} rows rejected, ${dryRun.report.created} would be created; first problems: ${JSON.stringify(dryRun.report.firstProblems)}`);
    log(`  importAssets dry run: ${dryRun.seconds.toFixed(2)} s (${Math.round(dryRun.rowsPerSecond).toLocaleString('en-US')} rows/s)`);
    log(`  importAssets (dryRun false, mode all) …`);
    const real = await timedImport(importCtx, target, input.actor, bytes, false, filename);
    if (!real.report.written || real.report.created !== input.expectedRows) throw new Error(`import: written ${real.report.written}, created ${real.report.created}`);
    log(`  importAssets: ${real.seconds.toFixed(2)} s (${Math.round(real.rowsPerSecond).toLocaleString('en-US')} rows/s; validate ${real.validateSeconds.toFixed(2)} s, write ${real.writeSeconds.toFixed(2)} s)`);

    // Checks (not timed into the figures): what was stored, the new site's chain, and export → import → export.
    const stored = await db.withTables<{ assets: { organization_id: string } }>().selectFrom('assets').select((eb) => eb.fn.countAll<number>().as('n')).where('organization_id', '=', targetId).executeTakeFirstOrThrow();
    t = performance.now();
    const verified = await verifyChain(db, targetId);
    const verifySeconds = elapsedMs(t) / 1000;
    const again = await collect((await exportAssets(importCtx, target, input.actor, ZAssetExportQuery.parse({ format: 'csv' }))).body);
    const reexportIdentical = crypto.createHash('sha256').update(again).digest('hex') === crypto.createHash('sha256').update(bytes).digest('hex');
    log(`  check: ${Number(stored.n).toLocaleString('en-US')} assets stored; the new site's chain ${verified.ok ? 'verifies' : 'is BROKEN'} (${verified.checked.toLocaleString('en-US')} events, ${verifySeconds.toFixed(1)} s); re-export ${reexportIdentical ? 'byte-identical' : 'DIFFERS'}`);
    return {
      rows: exported.rows,
      csvBytes: bytes.length,
      defaultImportLimitBytes: defaultLimit,
      importLimitBytes,
      copySeconds,
      exportSeconds,
      exportRowsPerSecond: exported.rows / exportSeconds,
      dryRun,
      import: real,
      meetsGoal: dryRun.rowsPerSecond >= IMPORT_GOAL_ROWS_PER_SECOND && real.rowsPerSecond >= IMPORT_GOAL_ROWS_PER_SECOND,
      check: { assetsStored: Number(stored.n), chainOk: verified.ok, chainEvents: verified.checked, verifySeconds, reexportIdentical },
    };
  } finally {
    await copy?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export async function benchAssets(input: {
  ctx: AppContext; sqlite: SQLite.Database; sqliteFile: string; organizationId: string; groupId: string; adminUserId: string; expectedAssets: number;
  runs: number; budgetSeconds: number; withImport: boolean; log: (line: string) => void;
}): Promise<AssetBenchResult> {
  const { ctx, sqlite, log } = input;
  const session = await createSession(ctx, ctx.database.db, { userId: input.adminUserId, authMethod: 'password', ip: '127.0.0.1', userAgent: 'custos-bench (assets)' });
  let app: FastifyInstance | null = null;
  try {
    const principal = await principalFromSession(ctx, session.token);
    if (!principal) throw new Error('assets: the benchmark session is not valid');
    const access = await resolveOrgAccess(ctx.database.db, principal, input.organizationId, ctx.clock.now());
    if (!access) throw new Error('assets: the administrator is not a member of the hospital site (regenerate the data set)');
    const actor: AuditActor = { userId: principal.userId, label: principal.email, authMethod: 'password', ip: '127.0.0.1', requestId: null };

    // A second Kysely on the same connection whose log hook records the SQL of one call.
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

    const cases: ListCaseResult[] = [];
    for (const kase of LIST_CASES) {
      cases.push(await runCase({ ctx, captureCtx, captured, sqlite, access, principal, app, cookie: `${SESSION_COOKIE}=${session.token}`, organizationId: input.organizationId, kase, runs: input.runs, budgetSeconds: input.budgetSeconds, log }));
    }
    await app.close();
    app = null;
    // Never destroyed: destroying it would close the shared connection.
    void captureDb;

    const imported = input.withImport ? await benchImport({ ctx, sqlite, sqliteFile: input.sqliteFile, principal, actor, organizationId: input.organizationId, groupId: input.groupId, adminUserId: input.adminUserId, expectedRows: input.expectedAssets, log }) : null;
    return {
      organizationId: input.organizationId,
      assets: input.expectedAssets,
      runsPerCase: input.runs,
      caseBudgetSeconds: input.budgetSeconds,
      goals: { pageP95Ms: PAGE_P95_GOAL_MS, rawRatio: RAW_RATIO_GOAL, importRowsPerSecond: IMPORT_GOAL_ROWS_PER_SECOND },
      cases,
      import: imported,
    };
  } finally {
    await app?.close();
    await ctx.database.db.deleteFrom('sessions').where('id', '=', session.id).execute();
  }
}
