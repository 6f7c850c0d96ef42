/**
 * `npm run bench [-- --size small|large] [--duration S] [--connections N] [--warmup S] [--cold-runs N] [--asset-runs N] [--asset-budget S] [--soa-runs N] [--only audit,http,cold,assets,soa]`
 *
 * a. audit-chain verification (verifyChain over the group's chain: 1,000,000 events for large) against
 *    SHA-256 alone over the same bytes;
 * b. authenticated small GET throughput and p99 (autocannon) against the real app, beside a bare Fastify route;
 * c. cold start of `custos serve` on SQLite to the first 200 from /readyz;
 * d. the asset register at 100,000 assets: filtered and sorted pages (service vs the same SQL raw, one case
 *    through app.inject), and the CSV export → import round trip into an empty site (rows/s);
 * e. the Statement of Applicability of a 20-site group (group view, one site's SoA, the SoA PDF) on its own
 *    data set (bench/data/soa; `--only soa` needs nothing else);
 * f. the risk register at 20,000 risks: filtered and sorted pages (service vs the same SQL raw), the heat map,
 *    and re-mapping every assessment after a 5 × 5 → 4 × 4 method change (on a copy); also written to
 *    bench/results/latest-risks.json.
 * Generates the data set first when it is missing. Prints the figures and writes bench/results/latest.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Kysely, SqliteDialect } from 'kysely';
import pino from 'pino';
import { openContext } from '../src/server/app.js';
import { loadConfig } from '../src/server/kernel/config.js';
import { openSqlite, type Database } from '../src/server/kernel/db/database.js';
import type { KernelTables } from '../src/server/kernel/db/schema.js';
import { benchAssets, type AssetBenchResult } from './lib/bench-assets.js';
import { benchAuditVerify, type AuditBenchResult } from './lib/bench-audit.js';
import { benchColdStart, type ColdStartResult } from './lib/bench-cold.js';
import { benchHttp, type HttpBenchResult } from './lib/bench-http.js';
import { benchSoa, defaultSoaDir, type SoaBenchResult } from './lib/bench-soa.js';
import { benchRisks, type RiskBenchResult } from './lib/bench-risks.js';
import { BENCH_DIR, defaultOutDir, ensureEmptyDataDir, generateBenchData, isBenchSize, readManifest, round, type BenchManifest, type BenchSize } from './lib/data.js';

const USAGE = 'usage: npm run bench -- [--size small|large] [--data DIR] [--duration S] [--connections N] [--warmup S] [--cold-runs N] [--asset-runs N] [--asset-budget S] [--soa-runs N] [--risk-runs N] [--only audit,http,cold,assets,soa,risks]\n';
const SECTIONS = ['audit', 'http', 'cold', 'assets', 'soa', 'risks'] as const;
type Section = (typeof SECTIONS)[number];

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}`);
  process.exit(2);
}

function positiveInt(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) fail(`--${name}: must be an integer from 0 to ${max}`);
  return value;
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      size: { type: 'string', default: 'large' },
      data: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      'cold-runs': { type: 'string' },
      'asset-runs': { type: 'string' },
      'asset-budget': { type: 'string' },
      'soa-runs': { type: 'string' },
      'risk-runs': { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const { values } = parsed;
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const size = values.size ?? 'large';
if (!isBenchSize(size)) fail('--size: must be small or large');
const durationSeconds = positiveInt('duration', values.duration, 10, 600) || 10;
const connections = positiveInt('connections', values.connections, 10, 1_000) || 10;
const warmupSeconds = positiveInt('warmup', values.warmup, 2, 60);
const coldRuns = positiveInt('cold-runs', values['cold-runs'], 3, 20) || 3;
const assetRuns = positiveInt('asset-runs', values['asset-runs'], 200, 10_000) || 200;
const assetBudgetSeconds = positiveInt('asset-budget', values['asset-budget'], 60, 3_600) || 60;
const soaRuns = positiveInt('soa-runs', values['soa-runs'], 100, 10_000) || 100;
const riskRuns = positiveInt('risk-runs', values['risk-runs'], 200, 10_000) || 200;
const only = new Set<Section>();
for (const name of (values.only ?? SECTIONS.join(',')).split(',').map((s) => s.trim()).filter(Boolean)) {
  if (!(SECTIONS as readonly string[]).includes(name)) fail(`--only: unknown section ${name} (${SECTIONS.join(', ')})`);
  only.add(name as Section);
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

interface Results {
  format: 'custos-bench-results/2';
  startedAt: string;
  finishedAt: string;
  totalSeconds: number;
  machine: { node: string; platform: string; cpus: number; cpuModel: string; memoryGiB: number; loadAverage1mAtStart: number; loadAverage1mAtEnd: number };
  size: BenchSize;
  data: { dir: string; generatedNow: boolean; generationSeconds: number; databaseBytes: number; auditEvents: number; generatedAt: string; openSqliteMs: number; quickCheckMs: number };
  auditVerify: AuditBenchResult | null;
  http: HttpBenchResult | null;
  coldStart: ColdStartResult | null;
  assets: AssetBenchResult | null;
  soa: SoaBenchResult | null;
  risks: RiskBenchResult | null;
}

async function ensureData(benchSize: BenchSize, outDir: string): Promise<{ manifest: BenchManifest; generatedNow: boolean }> {
  const existing = readManifest(outDir, benchSize);
  if (existing) return { manifest: existing, generatedNow: false };
  log(`No complete ${benchSize} data set in ${path.relative(process.cwd(), outDir)}: generating it first.`);
  return { manifest: await generateBenchData({ size: benchSize, outDir, log }), generatedNow: true };
}

async function main(benchSize: BenchSize): Promise<void> {
  const startedAt = new Date();
  const t0 = performance.now();
  const outDir = path.resolve(values.data ?? defaultOutDir(benchSize));
  const { manifest, generatedNow } = await ensureData(benchSize, outDir);
  const dataDir = path.join(outDir, manifest.dataDir);
  const sqliteFile = path.join(dataDir, 'custos.db');
  const audit = manifest.datasets.find((d) => d.name === 'audit-chain');
  const chainId = manifest.fixture.groupId;
  const auditEvents = Number(audit?.details.headSeq ?? manifest.spec.auditEvents);

  // The benchmark's own context on the data set: a raw handle too (for the raw-read comparison).
  let t = performance.now();
  const sqlite = openSqlite(sqliteFile); // includes PRAGMA quick_check, as every start does
  const openSqliteMs = performance.now() - t;
  t = performance.now();
  sqlite.pragma('quick_check');
  const quickCheckMs = performance.now() - t;
  const db = new Kysely<KernelTables>({ dialect: new SqliteDialect({ database: sqlite }) });
  const database: Database = { db, engine: 'sqlite', location: sqliteFile, close: () => db.destroy() };
  const config = loadConfig({ CUSTOS_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const ctx = await openContext(config, { database, logger: pino({ level: 'silent' }) });

  const results: Results = {
    format: 'custos-bench-results/2',
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    totalSeconds: 0,
    machine: { node: process.version, platform: `${os.platform()} ${os.release()} ${os.arch()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: round(os.totalmem() / 1024 ** 3, 1), loadAverage1mAtStart: round(os.loadavg()[0] ?? 0, 2), loadAverage1mAtEnd: 0 },
    size: benchSize,
    data: { dir: path.relative(process.cwd(), outDir), generatedNow, generationSeconds: manifest.totalSeconds, databaseBytes: fs.statSync(sqliteFile).size, auditEvents, generatedAt: manifest.generatedAt, openSqliteMs: round(openSqliteMs, 1), quickCheckMs: round(quickCheckMs, 1) },
    auditVerify: null,
    http: null,
    coldStart: null,
    assets: null,
    soa: null,
    risks: null,
  };
  log(`Custos benchmarks: size ${benchSize}, ${fmt(auditEvents)} events in the audit chain, ${fmt(results.data.databaseBytes / 1024 ** 2)} MiB database; ${results.machine.cpus} × ${results.machine.cpuModel}, Node ${process.version}`);
  log(`data set ${generatedNow ? 'generated now' : 'reused'} (generation took ${fmt(manifest.totalSeconds, 1)} s)`);
  const load = os.loadavg()[0] ?? 0;
  if (load > results.machine.cpus / 2) log(`warning: load average ${fmt(load, 2)} on ${results.machine.cpus} CPUs: other processes compete with the benchmark; figures will be noisy`);

  try {
    if (only.has('audit')) {
      log(`\n[a] audit-chain verification …`);
      results.auditVerify = await benchAuditVerify({ db, sqlite, sqliteFile, chainId, expectedEvents: auditEvents, log });
    }
    if (only.has('http')) {
      log(`\n[b] authenticated GET throughput …`);
      results.http = await benchHttp({ ctx, dataDir, organizationId: chainId, userId: manifest.fixture.adminUserId, settings: { connections, durationSeconds, warmupSeconds }, log });
    }
    if (only.has('assets')) {
      const assets = manifest.datasets.find((d) => d.name === 'assets');
      if (!assets) throw new Error('the data set has no assets dataset: regenerate it (npm run bench:data)');
      const count = Number(assets.details.assets);
      log(`\n[d] asset register at ${fmt(count)} assets (${assetRuns} runs per page, at most ${assetBudgetSeconds} s each) …`);
      results.assets = await benchAssets({ ctx, sqlite, sqliteFile, organizationId: String(assets.details.organizationId), groupId: manifest.fixture.groupId, adminUserId: manifest.fixture.adminUserId, expectedAssets: count, runs: assetRuns, budgetSeconds: assetBudgetSeconds, withImport: true, log });
    }
    if (only.has('risks')) {
      const risks = manifest.datasets.find((d) => d.name === 'risks');
      if (!risks) throw new Error('the data set has no risks dataset: regenerate it (npm run bench:data)');
      log(`\n[f] risk register at ${fmt(Number(risks.details.risks))} risks (${riskRuns} runs per case) …`);
      results.risks = await benchRisks({ ctx, sqlite, sqliteFile, organizationId: String(risks.details.organizationId), adminUserId: manifest.fixture.adminUserId, expectedRisks: Number(risks.details.risks), runs: riskRuns, withRemap: true, log });
      const resultsDir = path.join(BENCH_DIR, 'results');
      fs.mkdirSync(resultsDir, { recursive: true });
      fs.writeFileSync(path.join(resultsDir, 'latest-risks.json'), `${JSON.stringify({ format: 'custos-bench-risks-results/1', finishedAt: new Date().toISOString(), size: benchSize, machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', loadAverage1m: round(os.loadavg()[0] ?? 0, 2) }, risks: results.risks }, null, 2)}\n`);
    }
  } finally {
    await database.close();
  }
  if (only.has('soa')) results.soa = await runSoa();
  if (only.has('cold')) {
    log(`\n[c] cold start of custos serve …`);
    const emptyDataDir = await ensureEmptyDataDir();
    results.coldStart = await benchColdStart({ dataDir, emptyDataDir, runs: coldRuns, log });
  }

  results.finishedAt = new Date().toISOString();
  results.machine.loadAverage1mAtEnd = round(os.loadavg()[0] ?? 0, 2);
  results.totalSeconds = round((performance.now() - t0) / 1000, 1);
  printSummary(results);
  const resultsDir = path.join(BENCH_DIR, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  // `--only risks` alone keeps the full run's files: its figures are in latest-risks.json.
  if (only.size === 1 && only.has('risks')) {
    log(`\nwritten to bench/results/latest-risks.json (run took ${fmt(results.totalSeconds, 1)} s)`);
    return;
  }
  const file = path.join(resultsDir, 'latest.json');
  const text = `${JSON.stringify(results, null, 2)}\n`;
  fs.writeFileSync(file, text);
  fs.writeFileSync(path.join(resultsDir, `latest-${benchSize}.json`), text);
  log(`\nwritten to ${path.relative(process.cwd(), file)} and latest-${benchSize}.json beside it (run took ${fmt(results.totalSeconds, 1)} s)`);
}

function printSummary(r: Results): void {
  const line = (label: string, value: string) => log(`  ${label.padEnd(52)} ${value}`);
  log('\n================ Custos benchmark results ================');
  if (r.auditVerify) {
    const a = r.auditVerify;
    log(`a. Audit-chain verification of ${fmt(a.events)} events (verifyChain, SQLite)`);
    line('verifyChain wall time', `${fmt(a.verifySeconds, 2)} s`);
    line('events/s', fmt(a.eventsPerSecond));
    line('SHA-256 alone over the same bytes (node:crypto)', `${fmt(a.hashOnlySeconds, 2)} s (${fmt(a.bytesHashed / 1024 ** 2)} MiB)`);
    line('ratio verify / hash-only', `${fmt(a.ratioToHashOnly, 1)}×`);
    log('  where the time goes (measured separately):');
    line('  read rows via Kysely (10k batches)', `${fmt(a.breakdown.readKyselySeconds, 2)} s`);
    line('  read rows via raw better-sqlite3', `${fmt(a.breakdown.readRawSeconds, 2)} s`);
    line('  canonicalEvent (JSON.parse + JCS)', `${fmt(a.breakdown.canonicalizeSeconds, 2)} s`);
    line('  SHA-256 only', `${fmt(a.breakdown.hashOnlySeconds, 2)} s`);
    line('  remainder (verify − read − canon − hash)', `${fmt(a.verifySeconds - a.breakdown.readKyselySeconds - a.breakdown.canonicalizeSeconds - a.breakdown.hashOnlySeconds, 2)} s`);
  }
  if (r.http) {
    const h = r.http;
    log(`b. Authenticated small GET, autocannon ${h.settings.connections} connections × ${h.settings.durationSeconds} s (after ${h.settings.warmupSeconds} s warm-up), 127.0.0.1`);
    line(`Custos GET /api/v1/orgs/:orgId (${h.custos.responseBytes} B)`, `${fmt(h.custos.requestsPerSecond)} req/s, p99 ${fmt(h.custos.latencyP99Ms)} ms (p50 ${fmt(h.custos.latencyP50Ms)} ms)`);
    line(`bare Fastify GET /x (${h.bare.responseBytes} B)`, `${fmt(h.bare.requestsPerSecond)} req/s, p99 ${fmt(h.bare.latencyP99Ms)} ms (p50 ${fmt(h.bare.latencyP50Ms)} ms)`);
    line('ratio bare / Custos throughput', `${fmt(h.throughputRatio, 1)}×`);
    // autocannon reports whole milliseconds: a bare p99 of 0 means under 1 ms, so no ratio can be given.
    line('ratio Custos / bare p99', h.bare.latencyP99Ms < 1 ? `n/a (bare p99 < 1 ms, autocannon's resolution)` : `${fmt(h.p99Ratio, 1)}×`);
  }
  if (r.coldStart) {
    const c = r.coldStart;
    log(`c. Cold start: spawn \`custos serve\` → first 200 from /readyz (SQLite), ${c.dataSet.runsMs.length} runs, polled every ${c.pollIntervalMs} ms`);
    line(`on the data set (${fmt(r.data.databaseBytes / 1024 ** 2)} MiB): median`, `${fmt(c.dataSet.medianMs)} ms`);
    line('on the data set: max', `${fmt(c.dataSet.maxMs)} ms`);
    line('on the data set: runs', c.dataSet.runsMs.map((ms) => `${fmt(ms)} ms`).join(', '));
    line('on an empty database (baseline): median / max', `${fmt(c.emptyDatabase.medianMs)} ms / ${fmt(c.emptyDatabase.maxMs)} ms`);
    line('PRAGMA quick_check on the data set (measured apart)', `${fmt(r.data.quickCheckMs)} ms (run once at server start)`);
  }
  if (r.assets) printAssets(r.assets, line);
  if (r.soa) printSoa(r.soa, line);
  if (r.risks) printRisks(r.risks, line);
  log(`  (load average 1 min: ${fmt(r.machine.loadAverage1mAtStart, 2)} at start, ${fmt(r.machine.loadAverage1mAtEnd, 2)} at end, ${r.machine.cpus} CPUs)`);
  log('==========================================================');
}

function printAssets(a: AssetBenchResult, line: (label: string, value: string) => void): void {
  const ms = (v: number) => `${fmt(v, v < 10 ? 2 : 1)} ms`;
  const mark = (ok: boolean) => (ok ? 'yes' : 'NO');
  log(`d. Asset register at ${fmt(a.assets)} assets (one site; SQLite)`);
  log(`  (i) one page, server time over ${a.runsPerCase} runs per case (fewer when a case exceeds ${a.caseBudgetSeconds} s); goals: p95 ≤ ${a.goals.pageP95Ms} ms and ≤ ${a.goals.rawRatio}× the same SQL raw`);
  for (const c of a.cases) {
    log(`  ${c.name}: ?${c.query}  (${fmt(c.total)} match, ${c.service.runs} runs)`);
    line('    listAssets (service) p50 / p95', `${ms(c.service.p50Ms)} / ${ms(c.service.p95Ms)}`);
    line(`    same SQL raw (${c.statements.length} statements) p50 / p95`, `${ms(c.raw.p50Ms)} / ${ms(c.raw.p95Ms)}`);
    line('      raw p50 per statement', c.statements.map((st) => `${st.label} ${ms(st.rawP50Ms)}`).join(', '));
    line('    ratio service / raw at p50 / p95', `${fmt(c.ratioP50, 2)}× / ${fmt(c.ratioP95, 2)}×`);
    if (c.http) line(`    via app.inject (HTTP, ${fmt(c.http.responseBytes)} B) p50 / p95`, `${ms(c.http.p50Ms)} / ${ms(c.http.p95Ms)}`);
    line(`    goals: p95 ≤ ${a.goals.pageP95Ms} ms / ≤ ${a.goals.rawRatio}× raw`, `${mark(c.meetsP95Goal)} / ${mark(c.meetsRatioGoal)}`);
  }
  if (a.import) {
    const i = a.import;
    log(`  (ii) CSV round trip (on a copy of the database): ${fmt(i.rows)} rows, ${fmt(i.csvBytes / 1024 ** 2, 1)} MiB; goal ≥ ${fmt(a.goals.importRowsPerSecond)} rows/s`);
    line('    exportAssets (CSV)', `${fmt(i.exportSeconds, 2)} s (${fmt(i.exportRowsPerSecond)} rows/s)`);
    line('    importAssets dry run (full validation)', `${fmt(i.dryRun.seconds, 2)} s (${fmt(i.dryRun.rowsPerSecond)} rows/s)`);
    line('    importAssets into an empty site (mode all)', `${fmt(i.import.seconds, 2)} s (${fmt(i.import.rowsPerSecond)} rows/s)`);
    line('      of which read + validate / write + audit', `${fmt(i.import.validateSeconds, 2)} s / ${fmt(i.import.writeSeconds, 2)} s`);
    line(`    goal ≥ ${fmt(a.goals.importRowsPerSecond)} rows/s (dry run and import)`, mark(i.meetsGoal));
    if (i.importLimitBytes > i.defaultImportLimitBytes) line('    note: default import limit (CUSTOS_IMPORT_LIMIT_MB)', `${fmt(i.defaultImportLimitBytes / 1024 ** 2)} MiB < file; raised to ${fmt(i.importLimitBytes / 1024 ** 2)} MiB`);
    line('    check: stored / chain / re-export identical', `${fmt(i.check.assetsStored)} / ${i.check.chainOk ? 'OK' : 'BROKEN'} (${fmt(i.check.chainEvents)} events) / ${i.check.reexportIdentical ? 'yes' : 'NO'}`);
  }
}

/** e. The SoA benchmark on its own data set; its figures also go to bench/results/latest-soa.json. */
async function runSoa(): Promise<SoaBenchResult> {
  log(`\n[e] Statement of Applicability of a 20-site group (${soaRuns} runs per case) …`);
  const result = await benchSoa({ outDir: defaultSoaDir(BENCH_DIR), runs: soaRuns, pdfRuns: Math.max(5, Math.min(30, Math.round(soaRuns / 5))), log });
  const resultsDir = path.join(BENCH_DIR, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'latest-soa.json'), `${JSON.stringify({ format: 'custos-bench-soa-results/1', finishedAt: new Date().toISOString(), machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown' }, soa: result }, null, 2)}\n`);
  return result;
}

function printSoa(s: SoaBenchResult, line: (label: string, value: string) => void): void {
  const ms = (t: { p50Ms: number; p95Ms: number }) => `${fmt(t.p50Ms, 1)} / ${fmt(t.p95Ms, 1)} ms`;
  const mark = (ok: boolean) => (ok ? 'yes' : 'NO');
  log(`e. Statement of Applicability: ${s.data.spec.sites} sites, ${fmt(s.data.controls)} controls, ${fmt(s.data.links)} Annex A links, ${fmt(s.data.entries)} edited rows (SQLite); p50 / p95`);
  line(`group view siteMatrix (${s.groupMatrix.sites} × 93 = ${fmt(s.groupMatrix.cells)} cells)`, ms(s.groupMatrix.service));
  line(`GET /soa/sites via app.inject (${fmt(s.groupMatrix.responseBytes)} B)`, ms(s.groupMatrix.http));
  line(`one site listSoa (${s.siteSoa.rows} rows)`, ms(s.siteSoa.service));
  line(`GET /soa via app.inject (${fmt(s.siteSoa.responseBytes)} B)`, ms(s.siteSoa.http));
  line(`SoA PDF, build + render (${s.pdf.pages} pages, ${fmt(s.pdf.bytes / 1024)} KiB, ${s.pdf.render.runs} runs)`, ms(s.pdf.render));
  line(`goals: server ≤ ${s.goals.serverMs} ms (p95) / PDF ≤ ${fmt(s.goals.pdfMs)} ms (p95)`, `${mark(s.meetsServerGoal)} / ${mark(s.meetsPdfGoal)}`);
}

function printRisks(r: RiskBenchResult, line: (label: string, value: string) => void): void {
  const ms = (t: { p50Ms: number; p95Ms: number }) => `${fmt(t.p50Ms, 2)} / ${fmt(t.p95Ms, 2)} ms`;
  const mark = (ok: boolean) => (ok ? 'yes' : 'NO');
  log(`f. Risk register at ${fmt(r.risks)} risks (one site; SQLite); p50 / p95 over ${r.runsPerCase} runs; goals: page p95 ≤ ${r.goals.pageP95Ms} ms, heat map p95 ≤ ${r.goals.heatmapP95Ms} ms`);
  for (const c of r.cases) {
    line(`${c.name} (${fmt(c.total)} match)`, `${ms(c.service)} (raw SQL ${ms(c.raw)}) ${mark(c.meetsGoal)}`);
    if (c.http) line(`  via app.inject (${fmt(c.http.responseBytes)} B)`, ms(c.http));
  }
  for (const h of r.heatmap) {
    line(`heat map: ${h.name}`, `${ms(h.service)} ${mark(h.meetsGoal)}`);
    if (h.http) line('  via app.inject', ms(h.http));
  }
  if (r.remap) {
    const m = r.remap;
    line(`re-map ${m.from} → ${m.to}: ${fmt(m.assessments)} assessments`, `${fmt(m.saveSeconds, 2)} s (${fmt(m.levelChanged)} changed level)`);
    line('  preview, first page', `${fmt(m.previewFirstPageSeconds, 2)} s`);
    line('  check: cleared / under the new version', `${fmt(m.check.clearedAssessments)} / ${fmt(m.check.underNewVersion)} (version ${m.check.versionAfter})`);
  }
}

try {
  if (only.size === 1 && only.has('soa')) {
    // The SoA benchmark has its own data set: the large audit data set is not needed.
    const result = await runSoa();
    log('\n================ Custos benchmark results ================');
    printSoa(result, (label, value) => log(`  ${label.padEnd(52)} ${value}`));
    log('==========================================================');
    log('written to bench/results/latest-soa.json');
    process.exit(0);
  }
  await main(size);
  process.exit(0);
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
