/**
 * The benchmark data set: a Custos data directory (SQLite, migrated with the real migrations, key file
 * beside it) holding one organization group with sites and users, then every dataset in `DATASETS`.
 *
 * Layout of `<outDir>` (default bench/data/<size>, gitignored):
 *   data/custos.db   the database (CUSTOS_DATA_DIR=<outDir>/data)
 *   data.key         the master key file (beside the data directory, as `custos` expects)
 *   manifest.json    what was generated; written last, so its presence means the data set is complete
 *
 * Adding a dataset (e.g. risks): write a `Dataset` in bench/lib/datasets/, add its size to `SizeSpec`,
 * list it in `DATASETS` before the audit chain (which fills the group's chain up to its exact target
 * length, after whatever events the other datasets appended through `AuditChainWriter`), and bump
 * `MANIFEST_FORMAT` so existing data sets are regenerated.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { openContext } from '../../src/server/app.js';
import type { AuditActor } from '../../src/server/kernel/audit/chain.js';
import { ManualClock } from '../../src/server/kernel/clock.js';
import { loadConfig } from '../../src/server/kernel/config.js';
import type { AppContext } from '../../src/server/kernel/context.js';
import { openSqlite, type Database } from '../../src/server/kernel/db/database.js';
import type { KernelTables } from '../../src/server/kernel/db/schema.js';
import { createLogger } from '../../src/server/kernel/logger.js';
import { randomPassword } from '../../src/server/kernel/crypto/tokens.js';
import { addMembershipIn, createOrganizationIn, createUserIn } from '../../src/server/features/organizations/index.js';
import type { Role } from '../../src/shared/permissions.js';
import { assetsDataset } from './datasets/assets.js';
import { auditChainDataset } from './datasets/audit-chain.js';
import { risksDataset } from './datasets/risks.js';
import { createRng, type Rng } from './rng.js';

export const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const REPO_DIR = path.dirname(BENCH_DIR);

export const BENCH_SIZES = ['small', 'large'] as const;
export type BenchSize = (typeof BENCH_SIZES)[number];

export function isBenchSize(value: string): value is BenchSize {
  return (BENCH_SIZES as readonly string[]).includes(value);
}

export interface SizeSpec {
  /** Length of the group's audit chain, in events (setup events included). */
  auditEvents: number;
  users: number;
  /** How far back the history starts. */
  historyDays: number;
  seed: number;
  /** Assets in the hospital site's register (bench/lib/datasets/assets.ts), its data flows and dependencies. */
  assets: number;
  dataFlows: number;
  assetDependencies: number;
  /** Risks in the hospital site's register (bench/lib/datasets/risks.ts), over its assets. */
  risks: number;
}

export const SIZES: Record<BenchSize, SizeSpec> = {
  small: { auditEvents: 100_000, users: 16, historyDays: 180, seed: 0x5eed_0001, assets: 10_000, dataFlows: 500, assetDependencies: 200, risks: 2_000 },
  large: { auditEvents: 1_000_000, users: 48, historyDays: 730, seed: 0x5eed_0002, assets: 100_000, dataFlows: 5_000, assetDependencies: 2_000, risks: 20_000 },
};

export const BENCH_ACTOR: AuditActor = { userId: null, label: 'bench', authMethod: 'system', ip: null, requestId: null };

export interface FixtureSite {
  id: string;
  slug: string;
  name: string;
  kind: 'hospital' | 'clinic' | 'site';
  /** First two octets of the site's network, e.g. "10.20". */
  subnet: string;
}

export interface FixtureUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** The site the person works at (also a member there), or null for group staff. */
  siteId: string | null;
  mfa: boolean;
}

export interface OrgFixture {
  groupId: string;
  groupSlug: string;
  groupName: string;
  groupSubnet: string;
  sites: FixtureSite[];
  users: FixtureUser[];
  /** An administrator of the group: the benchmark signs in as this user. */
  adminUserId: string;
}

/** What a dataset receives. */
export interface DatasetContext {
  /** Custos context whose clock is a ManualClock at `timeline.start` (move it if services are used). */
  ctx: AppContext;
  clock: ManualClock;
  /** The raw handle, for bulk inserts (bench/lib/bulk.ts) inside `sqlite.transaction(...)`. */
  sqlite: SQLite.Database;
  size: BenchSize;
  spec: SizeSpec;
  fixture: OrgFixture;
  rng: Rng;
  /** The generated history spans [start, end]; `end` is shortly before generation began. */
  timeline: { start: Date; end: Date };
  log: (line: string) => void;
}

export type DatasetDetails = Record<string, number | string>;

export interface Dataset {
  name: string;
  generate(dc: DatasetContext): Promise<DatasetDetails>;
}

/** In order. The audit chain stays last: it tops the group chain up to its exact target length. */
export const DATASETS: Dataset[] = [assetsDataset, risksDataset, auditChainDataset];

/**
 * The manifest format, bumped whenever the generator makes different data (a dataset added or changed):
 * a data set made by an older generator is regenerated by `npm run bench`.
 * 2: the hospital site's asset register (assets dataset).
 * 3: the hospital site's risk register (risks dataset).
 */
export const MANIFEST_FORMAT = 'custos-bench-data/3';

export interface BenchManifest {
  format: typeof MANIFEST_FORMAT;
  size: BenchSize;
  spec: SizeSpec;
  generatedAt: string;
  /** Relative to the manifest's directory. */
  dataDir: string;
  keyFile: string;
  fixture: OrgFixture;
  datasets: { name: string; seconds: number; details: DatasetDetails }[];
  setupSeconds: number;
  totalSeconds: number;
  databaseBytes: number;
}

export function defaultOutDir(size: BenchSize): string {
  return path.join(BENCH_DIR, 'data', size);
}

export function manifestPath(outDir: string): string {
  return path.join(outDir, 'manifest.json');
}

/** The manifest of a complete data set, or null when missing, partial or of another size. */
export function readManifest(outDir: string, size?: BenchSize): BenchManifest | null {
  const file = manifestPath(outDir);
  if (!fs.existsSync(file)) return null;
  let parsed: BenchManifest;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchManifest;
  } catch {
    return null;
  }
  if (parsed.format !== MANIFEST_FORMAT || !isBenchSize(parsed.size) || (size && parsed.size !== size)) return null;
  // Generated by an older generator (other sizes, or without a dataset added since): regenerate.
  if (JSON.stringify(parsed.spec) !== JSON.stringify(SIZES[parsed.size])) return null;
  if (!DATASETS.every((d) => parsed.datasets.some((g) => g.name === d.name))) return null;
  if (!fs.existsSync(path.join(outDir, parsed.dataDir, 'custos.db')) || !fs.existsSync(path.join(outDir, parsed.keyFile))) return null;
  return parsed;
}

/** Start from an empty directory; refuse to wipe a directory that is not a bench data set. */
function prepareOutDir(outDir: string): void {
  if (fs.existsSync(outDir)) {
    const entries = fs.readdirSync(outDir);
    const ours = new Set(['data', 'data.key', 'manifest.json']);
    const foreign = entries.filter((e) => !ours.has(e));
    if (foreign.length > 0) throw new Error(`--out: ${outDir} holds files that are not a bench data set (${foreign.slice(0, 3).join(', ')}); choose an empty or new directory`);
    fs.rmSync(manifestPath(outDir), { force: true });
    fs.rmSync(path.join(outDir, 'data'), { recursive: true, force: true });
    fs.rmSync(path.join(outDir, 'data.key'), { force: true });
  }
  fs.mkdirSync(path.join(outDir, 'data'), { recursive: true });
}

const GROUP = { name: 'Bench Health Group', slug: 'bench-health', subnet: '10.10' };
const SITES: readonly Omit<FixtureSite, 'id'>[] = [
  { slug: 'bench-st-aldhelm', name: 'St Aldhelm Hospital', kind: 'hospital', subnet: '10.20' },
  { slug: 'bench-riverside', name: 'Riverside Clinic', kind: 'clinic', subnet: '10.30' },
  { slug: 'bench-eastgate', name: 'Eastgate Clinic', kind: 'clinic', subnet: '10.40' },
  { slug: 'bench-datacentre', name: 'Regional Data Centre', kind: 'site', subnet: '10.50' },
];
const FIRST_NAMES = ['Amara', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kemi', 'Liam', 'Maya', 'Noah', 'Olga', 'Priya', 'Quentin', 'Rosa', 'Sami', 'Tara', 'Uma', 'Victor', 'Wen', 'Yusuf'];
const LAST_NAMES = ['Okafor', 'Lindqvist', 'Moreau', 'Patel', 'García', 'Haddad', 'Kowalski', 'Nakamura', 'Fischer', 'Byrne', 'Adeyemi', 'Rossi', 'Novak', 'Silva', 'Müller', 'Chen'];
/** Role mix of an ISMS team in a hospital group: few administrators, many owners and staff. */
const ROLE_MIX: readonly Role[] = ['admin', 'isms_manager', 'risk_owner', 'control_owner', 'privacy_officer', 'clinical_safety_officer', 'auditor', 'staff', 'control_owner', 'risk_owner', 'staff', 'top_management', 'staff', 'control_owner', 'external_auditor', 'staff'];

async function createFixture(ctx: AppContext, clock: ManualClock, spec: SizeSpec, rng: Rng, log: (line: string) => void): Promise<OrgFixture> {
  const tick = () => clock.advance(rng.int(2_000, 90_000));
  return ctx.database.db.transaction().execute(async (trx) => {
    const groupId = await createOrganizationIn(ctx, trx, BENCH_ACTOR, { name: GROUP.name, slug: GROUP.slug, kind: 'group', parentId: null, timeZone: 'Europe/London', adminUserId: null });
    const sites: FixtureSite[] = [];
    for (const site of SITES) {
      tick();
      const id = await createOrganizationIn(ctx, trx, BENCH_ACTOR, { name: site.name, slug: site.slug, kind: site.kind, parentId: groupId, timeZone: 'Europe/London', adminUserId: null });
      sites.push({ ...site, id });
    }
    const users: FixtureUser[] = [];
    for (let i = 0; i < spec.users; i += 1) {
      tick();
      const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
      const last = LAST_NAMES[(i * 7) % LAST_NAMES.length]!;
      const displayName = `${first} ${last}`;
      const email = `${first}.${last}.${i + 1}`.toLowerCase().normalize('NFD').replace(/[^a-z0-9.]/g, '') + '@bench-health.example.org';
      const role = i === 0 ? 'admin' : ROLE_MIX[i % ROLE_MIX.length]!;
      // Passwords are random and never kept: the benchmark signs in by creating a session row.
      const id = await createUserIn(ctx, trx, BENCH_ACTOR, { email, displayName, password: randomPassword() }, groupId);
      const expiresAt = role === 'external_auditor' ? new Date(Date.now() + 365 * 86_400_000).toISOString() : null;
      await addMembershipIn(ctx, trx, BENCH_ACTOR, { organizationId: groupId, userId: id, role, expiresAt });
      const siteId = i === 0 || rng.chance(0.3) ? null : rng.pick(sites).id;
      if (siteId) await addMembershipIn(ctx, trx, BENCH_ACTOR, { organizationId: siteId, userId: id, role, expiresAt });
      users.push({ id, email, displayName, role, siteId, mfa: rng.chance(0.6) });
    }
    log(`fixture: group ${GROUP.name} (${groupId}), ${sites.length} sites, ${users.length} users`);
    return { groupId, groupSlug: GROUP.slug, groupName: GROUP.name, groupSubnet: GROUP.subnet, sites, users, adminUserId: users[0]!.id };
  });
}

export interface GenerateOptions {
  size: BenchSize;
  outDir?: string;
  log?: (line: string) => void;
}

/** Create the data set from scratch (the previous one in `outDir` is replaced). */
export async function generateBenchData(options: GenerateOptions): Promise<BenchManifest> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const spec = SIZES[options.size];
  const outDir = path.resolve(options.outDir ?? defaultOutDir(options.size));
  prepareOutDir(outDir);
  const dataDir = path.join(outDir, 'data');
  // Only the variables that matter: nothing from the caller's environment leaks into the data set.
  const config = loadConfig({ CUSTOS_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const sqliteFile = path.join(dataDir, 'custos.db');
  const sqlite = openSqlite(sqliteFile);
  // A bulk load, for this connection only: a page cache that holds the index b-trees of 1M events, and no
  // WAL or fsync while loading (a crash leaves no manifest.json, so the data set is regenerated anyway).
  // WAL and synchronous=FULL are restored before closing (and every open sets them again).
  sqlite.pragma('cache_size = -1048576');
  sqlite.pragma('journal_mode = MEMORY');
  sqlite.pragma('synchronous = OFF');
  const db = new Kysely<KernelTables>({ dialect: new SqliteDialect({ database: sqlite }) });
  const database: Database = { db, engine: 'sqlite', location: sqliteFile, close: () => db.destroy() };

  const end = new Date(Date.now() - 60_000);
  const start = new Date(end.getTime() - spec.historyDays * 86_400_000);
  const clock = new ManualClock(start);
  const rng = createRng(spec.seed);
  log(`generating the ${options.size} data set in ${path.relative(process.cwd(), outDir) || '.'} (${spec.auditEvents.toLocaleString('en-US')} audit events)`);
  const datasets: BenchManifest['datasets'] = [];
  let fixture: OrgFixture;
  let setupSeconds: number;
  try {
    const ctx = await openContext(config, { createKeyIfMissing: true, logger: createLogger('warn'), clock, database });
    fixture = await createFixture(ctx, clock, spec, rng, log);
    setupSeconds = (performance.now() - started) / 1000;
    log(`setup (migrations, key file, organizations, users): ${setupSeconds.toFixed(1)} s`);
    const dc: DatasetContext = { ctx, clock, sqlite, size: options.size, spec, fixture, rng, timeline: { start: clock.now(), end }, log };
    for (const dataset of DATASETS) {
      const t0 = performance.now();
      const details = await dataset.generate(dc);
      const seconds = (performance.now() - t0) / 1000;
      datasets.push({ name: dataset.name, seconds: round(seconds, 2), details });
      log(`${dataset.name}: done in ${seconds.toFixed(1)} s`);
    }
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
  } finally {
    await database.close();
  }
  const totalSeconds = (performance.now() - started) / 1000;
  const manifest: BenchManifest = {
    format: MANIFEST_FORMAT,
    size: options.size,
    spec,
    generatedAt: new Date().toISOString(),
    dataDir: 'data',
    keyFile: path.relative(outDir, config.keyFile),
    fixture,
    datasets,
    setupSeconds: round(setupSeconds, 2),
    totalSeconds: round(totalSeconds, 2),
    databaseBytes: fs.statSync(sqliteFile).size,
  };
  fs.writeFileSync(manifestPath(outDir), `${JSON.stringify(manifest, null, 2)}\n`);
  log(`data set ready in ${totalSeconds.toFixed(1)} s: ${(manifest.databaseBytes / 1024 / 1024).toFixed(0)} MiB database; CUSTOS_DATA_DIR=${path.relative(process.cwd(), dataDir) || dataDir}`);
  return manifest;
}

/**
 * A migrated, empty data directory (key file beside it): the baseline for the cold start, so the part of
 * start-up that grows with the database can be told apart. Created once in bench/data/empty.
 */
export async function ensureEmptyDataDir(outDir = path.join(BENCH_DIR, 'data', 'empty')): Promise<string> {
  const dataDir = path.join(outDir, 'data');
  if (fs.existsSync(manifestPath(outDir)) && fs.existsSync(path.join(dataDir, 'custos.db'))) return dataDir;
  prepareOutDir(outDir);
  const config = loadConfig({ CUSTOS_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const ctx = await openContext(config, { createKeyIfMissing: true, logger: createLogger('warn') });
  await ctx.database.close();
  fs.writeFileSync(manifestPath(outDir), `${JSON.stringify({ format: 'custos-bench-empty/1', generatedAt: new Date().toISOString() }, null, 2)}\n`);
  return dataDir;
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
