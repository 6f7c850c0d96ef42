/**
 * A quick, repeatable measurement of the asset CSV import (issue 3, ADR 0013) that needs no bench data set:
 * a fresh migrated SQLite database in the OS temp directory, a generated register of N assets shaped like
 * bench/lib/datasets/assets.ts (types, owners, descriptions, tags, ePHI roles, devices' fields, external
 * references), written as the export writes CSV, then `importAssets` as a dry run and for real (mode `all`)
 * into an empty site, with the read + validate / write split (at the first write progress), and checks:
 * assets stored, `verifyChain` of the site, one `asset.created` event per asset.
 *
 *   node bin/tsx.mjs bench/import-speed.ts [--rows 100000] [--preload] [--runs 1] [--keep-csv FILE]
 *
 * `--preload` first imports the same file into another site (not timed), so the import runs against a
 * register and audit trail that already hold as many rows, as in `npm run bench` (section d (ii)).
 *
 * `--floor` (SQLite): after each run, SQLite's own share of that import without any Custos code: the run's
 * stored asset rows and audit event rows, read back as arrays (not timed), are inserted again under new ids
 * into another site through prepared one-row statements on the raw handle, in one transaction, then committed
 * (with the checkpoint that follows a commit of that size). What no code path can go below on this machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import { ZAssetFields, type TAssetFields } from '../src/shared/contracts/assets.js';
import { importAssets } from '../src/server/features/assets/index.js';
import { ASSET_FILE_HEADER, exportValues, toCsvRecord } from '../src/server/features/assets/asset-io.js';
import { verifyChain } from '../src/server/kernel/audit/chain.js';
import type { OrgAccess } from '../src/server/kernel/authz/membership.js';
import type { AppContext } from '../src/server/kernel/context.js';
import { csvLine } from '../src/server/kernel/csv.js';
import { ROLE_PERMISSIONS } from '../src/shared/permissions.js';
import { buildOrganization, TEST_ACTOR } from '../src/server/testing/factories.js';
import { createTestContext } from '../src/server/testing/test-app.js';
import { createRng } from './lib/rng.js';
import { sqliteHandleOf } from '../src/server/kernel/db/insert-rows.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
};
const ROWS = Number(option('rows', '100000'));
const RUNS = Number(option('runs', '1'));
const PRELOAD = args.includes('--preload');
const KEEP = option('keep-csv', '');
const FLOOR = args.includes('--floor');

const TYPES = [['endpoint', 34], ['mobile_device', 22], ['medical_device', 20], ['infrastructure', 8], ['application', 5], ['information', 3], ['supplier_service', 2], ['people', 3], ['facility', 3]] as const;
const DEPTS = ['Emergency Department', 'Acute Medicine', 'Cardiology', 'Radiology', 'Oncology', 'Pathology', 'Pharmacy', 'Intensive Care', 'Theatres', 'Maternity', 'Paediatrics', 'Outpatients', 'Medical Records', 'IT Infrastructure', 'IT Service Desk', 'Clinical Engineering', 'Estates & Facilities', 'Finance'];
const TAGS = ['clinical', 'corporate', 'tier-1', 'byod', 'imaging', 'dmz', 'legacy', 'pci', 'research', 'contract-renewal-2026'];
const MAKERS = ['Dell', 'HP', 'Lenovo', 'Apple', 'Samsung', 'Zebra', 'BD Alaris', 'Philips', 'GE Healthcare', 'Siemens Healthineers', 'Baxter', 'Mindray'];
const LEVELS = ['Public', 'Internal', 'Confidential', 'Restricted (PHI)'];

/** A register of `rows` assets as CSV bytes, as the export writes it (BOM, header, LF records). */
function generateCsv(rows: number, levelNames: string[]): Buffer {
  const rng = createRng(20261202);
  const parts: string[] = ['\uFEFF' + csvLine(ASSET_FILE_HEADER)];
  const level = (ephi: boolean) => (rng.chance(0.03) ? null : ephi ? levelNames[rng.chance(0.9) ? 3 : 2]! : levelNames[rng.chance(0.85) ? 1 : 0]!);
  const flag = (p: number): boolean | null => (rng.chance(0.05) ? null : rng.chance(p));
  const day = (offset: number) => new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < rows; i += 1) {
    const type = rng.weighted(TYPES);
    const dept = rng.pick(DEPTS);
    const ephi = rng.chance(0.55);
    const device = type === 'endpoint' || type === 'mobile_device' || type === 'medical_device' || type === 'infrastructure';
    const tags = new Set<string>();
    for (let k = rng.int(0, 3); k > 0; k -= 1) tags.add(rng.pick(TAGS));
    const input: Record<string, unknown> = {
      externalRef: `EP-${String(i + 1).padStart(7, '0')}`,
      name: `${type.slice(0, 3).toUpperCase()}-${dept.slice(0, 3).toUpperCase()}-${String(i + 1).padStart(6, '0')}`,
      type,
      description: rng.chance(0.45) ? `${rng.pick(MAKERS)} ${type.replace('_', ' ')}, ${dept} (${rng.pick(['nurses\' station', 'bay', 'clinic room', 'office'])})` : null,
      owner: ephi && rng.chance(0.015) ? null : dept,
      custodian: rng.pick(['IT Service Desk', 'Clinical Engineering', 'IT Infrastructure']),
      location: rng.chance(0.8) ? `Main Block, floor ${rng.int(0, 6)}, ${dept} room ${rng.int(1, 40)}` : null,
      lifecycle: rng.weighted([['in_use', 88], ['planned', 4], ['retired', 8]] as const),
      dataCategories: ephi ? (rng.chance(0.3) ? ['ephi', 'personal_data'] : ['ephi']) : rng.chance(0.5) ? ['personal_data'] : [],
      confidentiality: rng.int(1, 4), integrity: rng.int(1, 4), availability: rng.int(1, 4), patientSafetyImpact: rng.int(0, 4),
      rtoHours: type === 'application' || type === 'infrastructure' ? rng.pick([1, 4, 8, 24]) : null,
      rpoHours: type === 'application' ? rng.pick([0.25, 1, 4]) : null,
      tags: [...tags],
      ephiCreates: ephi && rng.chance(0.3), ephiReceives: ephi, ephiMaintains: ephi && rng.chance(0.5), ephiTransmits: ephi && rng.chance(0.3),
      encryptedAtRest: flag(0.85), encryptedInTransit: flag(0.7), mfaEnabled: type === 'application' ? flag(0.7) : null, ssoEnabled: type === 'application' ? flag(0.6) : null,
      vendor: type === 'application' ? rng.pick(MAKERS) : null, hosting: type === 'application' ? rng.pick(['on_premises', 'cloud', 'saas']) : null,
      manufacturer: device ? rng.pick(MAKERS) : null, model: device ? `Model ${rng.int(100, 999)}` : null, serialNumber: device ? rng.int(1e9, 9e9).toString(16).toUpperCase() : null,
      mds2OnFile: type === 'medical_device' ? flag(0.6) : null, endOfSupport: device && rng.chance(0.8) ? day(rng.int(-2000, 2000)) : null,
      patchable: device ? flag(0.8) : null, networkSegment: device ? rng.pick(['flat', 'VLAN 110 Clinical workstations', 'VLAN 300 Medical devices', 'SSID CLINICAL-WIFI']) : null,
      connectsToEhr: device ? flag(0.5) : null, platform: device ? rng.pick(['Windows 11 Enterprise', 'iOS 17', 'Android 14', 'VxWorks 6.9']) : null,
      mdmEnrolled: type === 'mobile_device' ? flag(0.9) : null, passcodeEnforced: type === 'mobile_device' ? flag(0.94) : null, byod: type === 'mobile_device' ? rng.chance(0.1) : null,
      assignedPerson: type === 'mobile_device' || type === 'endpoint' ? (rng.chance(0.5) ? `Person ${rng.int(1, 5000)}` : null) : null,
      lastCheckIn: type === 'mobile_device' ? new Date(Date.UTC(2026, 10, 1) - rng.int(60, 45 * 86_400) * 1000).toISOString() : null,
    };
    const fields: TAssetFields = ZAssetFields.parse(input);
    parts.push(csvLine(toCsvRecord(exportValues(fields, level(ephi)))));
  }
  return Buffer.from(parts.join(''), 'utf8');
}

function access(organizationId: string): OrgAccess {
  return { organizationId, organizationName: 'bench', mfaRequired: false, isDemo: false, timeZone: 'Europe/London', role: 'admin', permissions: [...ROLE_PERMISSIONS.admin] };
}

async function timed(ctx: AppContext, organizationId: string, bytes: Buffer, dryRun: boolean) {
  let firstWrite: number | null = null;
  let cpuAtWrite: NodeJS.CpuUsage | null = null;
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const report = await importAssets(ctx, access(organizationId), TEST_ACTOR, {
    bytes, format: 'csv', dryRun, mode: 'all', filename: 'register.csv',
    onProgress: (p) => {
      if (p.phase === 'write' && firstWrite === null) {
        firstWrite = performance.now();
        cpuAtWrite = process.cpuUsage(cpu0);
      }
    },
  });
  const end = performance.now();
  const cpuEnd = process.cpuUsage(cpu0);
  const cpuSeconds = (c: NodeJS.CpuUsage | null) => (c ? (c.user + c.system) / 1e6 : 0);
  const cpu = { total: cpuSeconds(cpuEnd), validate: cpuSeconds(cpuAtWrite ?? cpuEnd), write: cpuSeconds(cpuEnd) - cpuSeconds(cpuAtWrite ?? cpuEnd) };
  if (report.rejected > 0) throw new Error(`rejected ${report.rejected}: ${JSON.stringify(report.problems.slice(0, 3))}`);
  const seconds = (end - t) / 1000;
  return { cpu, seconds, rate: report.rows / seconds, validate: ((firstWrite ?? end) - t) / 1000, write: (end - (firstWrite ?? end)) / 1000, report };
}

/** See `--floor` above. A new id keeps the UUIDv7 order (the same b-tree positions at the end) and is unique. */
async function floor(ctx: AppContext, fromOrg: string) {
  const handle = sqliteHandleOf(ctx.database.db);
  if (!handle) return console.log('  floor: SQLite only');
  const target = await buildOrganization(ctx);
  const columnsOf = (table: string) => (handle.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
  const read = (table: string, where: string) => handle.prepare(`select * from ${table} where ${where}`).raw(true).all(fromOrg) as unknown[][];
  const renamed = (id: unknown) => (typeof id === 'string' ? `f${id.slice(1)}` : id);
  const assetColumns = columnsOf('assets');
  const eventColumns = columnsOf('audit_events');
  const at = (columns: string[], name: string) => columns.indexOf(name);
  const assets = read('assets', 'organization_id = ?').map((row) => {
    row[at(assetColumns, 'id')] = renamed(row[at(assetColumns, 'id')]);
    row[at(assetColumns, 'organization_id')] = target.id;
    return row;
  });
  const events = read('audit_events', "chain_id = ? and type = 'asset.created'").map((row) => {
    row[at(eventColumns, 'id')] = renamed(row[at(eventColumns, 'id')]);
    row[at(eventColumns, 'chain_id')] = target.id;
    row[at(eventColumns, 'organization_id')] = target.id;
    row[at(eventColumns, 'subject_id')] = renamed(row[at(eventColumns, 'subject_id')]);
    return row;
  });
  const insert = (table: string, columns: string[]) => handle.prepare(`insert into ${table} (${columns.join(',')}) values (${columns.map(() => '?').join(',')})`);
  const assetInsert = insert('assets', assetColumns);
  const eventInsert = insert('audit_events', eventColumns);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  handle.exec('begin immediate');
  for (const row of assets) assetInsert.run(row);
  const t1 = performance.now();
  for (const row of events) eventInsert.run(row);
  const t2 = performance.now();
  handle.exec('commit');
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const s = (ms: number) => (ms / 1000).toFixed(2);
  console.log(`  floor (SQLite alone, no Custos code): ${assets.length} asset rows ${s(t1 - t0)} s, ${events.length} event rows ${s(t2 - t1)} s, commit ${s(t3 - t2)} s; total ${s(t3 - t0)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s) = at most ${Math.round(assets.length / ((t3 - t0) / 1000)).toLocaleString('en-US')} rows/s with nothing read or validated`);
}

const { ctx, testDb } = await createTestContext();
try {
  const config = { ...ctx.config, importLimitBytes: 1024 ** 3 };
  const benchCtx: AppContext = { ...ctx, config, clock: { now: () => new Date() } };
  let t = performance.now();
  const bytes = generateCsv(ROWS, LEVELS);
  console.log(`generated ${ROWS.toLocaleString('en-US')} rows, ${(bytes.length / 1024 ** 2).toFixed(1)} MiB CSV in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  if (KEEP) fs.writeFileSync(KEEP, bytes);
  if (PRELOAD) {
    const other = await buildOrganization(benchCtx);
    t = performance.now();
    await timed(benchCtx, other.id, bytes, false);
    console.log(`preloaded ${ROWS.toLocaleString('en-US')} assets into another site in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  for (let run = 1; run <= RUNS; run += 1) {
    const org = await buildOrganization(benchCtx);
    console.log(`run ${run}: load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const dry = await timed(benchCtx, org.id, bytes, true);
    console.log(`  dry run: ${dry.seconds.toFixed(2)} s, ${Math.round(dry.rate).toLocaleString('en-US')} rows/s; CPU ${dry.cpu.total.toFixed(2)} s`);
    const real = await timed(benchCtx, org.id, bytes, false);
    console.log(`  mode all: ${real.seconds.toFixed(2)} s, ${Math.round(real.rate).toLocaleString('en-US')} rows/s (validate ${real.validate.toFixed(2)} s, write ${real.write.toFixed(2)} s; created ${real.report.created}); CPU ${real.cpu.total.toFixed(2)} s (validate ${real.cpu.validate.toFixed(2)}, write ${real.cpu.write.toFixed(2)})`);
    const db = ctx.database.db.withTables<{ assets: { organization_id: string } }>();
    const stored = await db.selectFrom('assets').select((eb) => eb.fn.countAll<number>().as('n')).where('organization_id', '=', org.id).executeTakeFirstOrThrow();
    const created = await ctx.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('chain_id', '=', org.id).where('type', '=', 'asset.created').executeTakeFirstOrThrow();
    t = performance.now();
    const verified = await verifyChain(ctx.database.db, org.id);
    if (FLOOR) await floor(benchCtx, org.id);
    console.log(`  check: ${Number(stored.n)} assets, ${Number(created.n)} asset.created events, chain ${verified.ok ? 'verifies' : `BROKEN ${JSON.stringify(verified.broken)}`} (${verified.checked} events, ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  }
  if (ctx.database.engine === 'sqlite') console.log(`database file ${(fs.statSync(`${testDb.location}/custos.db`).size / 1024 ** 2).toFixed(0)} MiB`);
} finally {
  await testDb.drop();
}
