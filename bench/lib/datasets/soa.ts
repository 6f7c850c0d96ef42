/**
 * The SoA benchmark's data set (issue 4 item 9): a hospital group with 20 sites, each with about 60
 * controls of the healthcare-starter kind linked to about 3 Annex A controls each, some SoA entries edited
 * (exclusions with their justification, inclusion reasons, a few overrides), evidence on most controls,
 * and about 20 inheritable group-level controls that every site inherits. Rows are written directly
 * with Kysely in one transaction per site (what the services would store; this measures reads).
 *
 * It lives in its own data directory (default bench/data/soa), so `npm run bench -- --only soa` does not
 * need the large audit-chain data set. `soa-manifest.json` is written last: its presence means complete.
 */
import crypto from 'node:crypto';
import type { Insertable } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import { openContext } from '../../../src/server/app.js';
import type { ControlRequirementsTable, ControlsTable, EvidenceTable } from '../../../src/server/features/controls/control.tables.js';
import type { ComplianceOnlyTables } from '../../../src/server/features/soa/soa.tables.js';
import { addMembershipIn, createOrganizationIn, createUserIn } from '../../../src/server/features/organizations/index.js';
import type { AppContext } from '../../../src/server/kernel/context.js';
import { loadConfig } from '../../../src/server/kernel/config.js';
import { randomPassword } from '../../../src/server/kernel/crypto/tokens.js';
import { createLogger } from '../../../src/server/kernel/logger.js';
import { INCLUSION_REASONS } from '../../../src/shared/compliance.js';
import { SOA_FRAMEWORK_ID } from '../../../src/shared/contracts/soa.js';
import { BENCH_ACTOR } from '../data.js';
import { createRng, type Rng, type WeightedTable } from '../rng.js';

export const SOA_DATA_FORMAT = 'custos-bench-soa/1';

export interface SoaDataSpec {
  sites: number;
  controlsPerSite: number;
  linksPerControl: number;
  groupControls: number;
  seed: number;
}

export const SOA_SPEC: SoaDataSpec = { sites: 20, controlsPerSite: 60, linksPerControl: 3, groupControls: 20, seed: 0x50a_2026 };

export interface SoaDataManifest {
  format: typeof SOA_DATA_FORMAT;
  spec: SoaDataSpec;
  generatedAt: string;
  dataDir: string;
  groupId: string;
  siteIds: string[];
  adminUserId: string;
  controls: number;
  links: number;
  entries: number;
  evidence: number;
  seconds: number;
}

const CONTROL_NAMES = [
  'Information security policy set', 'Roles and responsibilities matrix', 'Access provisioning and reviews', 'Privileged access management', 'Multi-factor authentication',
  'Supplier security agreements', 'Cloud service due diligence', 'Incident response plan', 'Security event monitoring', 'Backup and restore testing',
  'Business continuity for clinical systems', 'Security awareness training', 'Screening of staff', 'Disciplinary process', 'Clear desk and screen',
  'Physical entry controls', 'Equipment maintenance', 'Secure disposal of media', 'Endpoint protection', 'Patch management',
  'Vulnerability scanning', 'Secure configuration baseline', 'Network segmentation of medical devices', 'Encryption of ePHI at rest', 'Encryption in transit',
  'Logging and audit trails', 'Clock synchronisation', 'Change management', 'Secure development lifecycle', 'Data masking for test data',
];
const STATUS_MIX: WeightedTable<ControlsTable['status']> = [['implemented', 55], ['in_progress', 20], ['planned', 18], ['not_applicable', 7]];

export function soaDataDir(outDir: string): string {
  return path.join(outDir, 'data');
}

export function readSoaManifest(outDir: string): SoaDataManifest | null {
  const file = path.join(outDir, 'soa-manifest.json');
  if (!fs.existsSync(file)) return null;
  try {
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as SoaDataManifest;
    if (manifest.format !== SOA_DATA_FORMAT || JSON.stringify(manifest.spec) !== JSON.stringify(SOA_SPEC)) return null;
    return fs.existsSync(path.join(soaDataDir(outDir), 'custos.db')) ? manifest : null;
  } catch {
    return null;
  }
}

async function insertControls(ctx: AppContext, rng: Rng, input: { organizationId: string; count: number; inheritable: boolean; prefix: string; refs: string[]; today: string }) {
  const db = ctx.database.db.withTables<ComplianceOnlyTables>();
  const now = new Date().toISOString();
  let links = 0;
  let evidence = 0;
  await db.transaction().execute(async (trx) => {
    const controls: Insertable<ControlsTable>[] = [];
    const linkRows: Insertable<ControlRequirementsTable>[] = [];
    const evidenceRows: Insertable<EvidenceTable>[] = [];
    for (let i = 0; i < input.count; i += 1) {
      const id = crypto.randomUUID();
      const name = `${rng.pick(CONTROL_NAMES)}${i >= CONTROL_NAMES.length ? ` (${i + 1})` : ''}`;
      const status = rng.weighted(STATUS_MIX);
      controls.push({
        id, organization_id: input.organizationId, code: `${input.prefix}-${String(i + 1).padStart(2, '0')}`, name, name_lower: name.toLowerCase(), description: null, owner: 'Information security', category: rng.pick(['organizational', 'people', 'physical', 'technological'] as const),
        status, implemented_on: status === 'implemented' ? '2026-03-01' : null, effectiveness: status === 'implemented' ? rng.pick(['effective', 'partially_effective', 'not_assessed'] as const) : 'not_assessed', last_tested_on: null,
        cost_one_off: null, cost_yearly: null, effort_days: null, review_cadence_months: 12, next_review_on: '2027-03-01', inheritable: input.inheritable ? 1 : 0, starter_key: null, version: 1, created_at: now, updated_at: now,
      });
      const picked = new Set<string>();
      const want = Math.max(1, input.count > 0 ? rng.int(2, 4) : 3);
      while (picked.size < want) picked.add(rng.pick(input.refs));
      for (const requirementId of picked) linkRows.push({ control_id: id, requirement_id: requirementId, organization_id: input.organizationId });
      const evidenceCount = rng.int(0, 2);
      for (let e = 0; e < evidenceCount; e += 1) {
        evidenceRows.push({ id: crypto.randomUUID(), organization_id: input.organizationId, control_id: id, kind: 'link' as const, title: 'Procedure document', url: 'https://intranet.example.org/isms/doc', file_name: null, content_type: null, size_bytes: null, sha256: null, store: null, storage_key: null, expires_on: rng.chance(0.15) ? '2025-12-31' : null, created_by: null, created_at: now });
      }
    }
    for (let i = 0; i < controls.length; i += 100) await trx.insertInto('controls').values(controls.slice(i, i + 100)).execute();
    for (let i = 0; i < linkRows.length; i += 200) await trx.insertInto('control_requirements').values(linkRows.slice(i, i + 200)).execute();
    for (let i = 0; i < evidenceRows.length; i += 100) await trx.insertInto('evidence').values(evidenceRows.slice(i, i + 100)).execute();
    links = linkRows.length;
    evidence = evidenceRows.length;
  });
  return { links, evidence };
}

/** Build the data set in `outDir` (replacing an older one), or reuse a complete one. */
export async function ensureSoaData(outDir: string, log: (line: string) => void): Promise<SoaDataManifest> {
  const existing = readSoaManifest(outDir);
  if (existing) return existing;
  const started = performance.now();
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(soaDataDir(outDir), { recursive: true });
  log(`generating the SoA data set in ${path.relative(process.cwd(), outDir)} (${SOA_SPEC.sites} sites × ${SOA_SPEC.controlsPerSite} controls)`);
  const config = loadConfig({ CUSTOS_DATA_DIR: soaDataDir(outDir), LOG_LEVEL: 'warn' });
  const ctx = await openContext(config, { createKeyIfMissing: true, logger: createLogger('warn') });
  try {
    const rng = createRng(SOA_SPEC.seed);
    const requirements = await ctx.database.db.withTables<ComplianceOnlyTables>().selectFrom('requirements').select('id').where('framework_id', '=', SOA_FRAMEWORK_ID).where('kind', '=', 'control').execute();
    if (requirements.length !== 93) throw new Error(`the ISO/IEC 27001:2022 catalogue has ${requirements.length} Annex A controls loaded, expected 93`);
    const refs = requirements.map((r) => r.id);
    const { groupId, siteIds, adminUserId } = await ctx.database.db.transaction().execute(async (trx) => {
      const group = await createOrganizationIn(ctx, trx, BENCH_ACTOR, { name: 'Bench SoA Health Group', slug: 'bench-soa-group', kind: 'group', parentId: null, timeZone: 'Europe/London', adminUserId: null });
      const admin = await createUserIn(ctx, trx, BENCH_ACTOR, { email: 'soa.admin@bench-health.example.org', displayName: 'Sofia Admin', password: randomPassword() }, group);
      await addMembershipIn(ctx, trx, BENCH_ACTOR, { organizationId: group, userId: admin, role: 'admin', expiresAt: null });
      const sites: string[] = [];
      for (let i = 0; i < SOA_SPEC.sites; i += 1) {
        const site = await createOrganizationIn(ctx, trx, BENCH_ACTOR, { name: `Bench Site ${String(i + 1).padStart(2, '0')}`, slug: `bench-soa-site-${i + 1}`, kind: i % 4 === 0 ? 'hospital' : 'clinic', parentId: group, timeZone: 'Europe/London', adminUserId: null });
        await addMembershipIn(ctx, trx, BENCH_ACTOR, { organizationId: site, userId: admin, role: 'admin', expiresAt: null });
        sites.push(site);
      }
      return { groupId: group, siteIds: sites, adminUserId: admin };
    });
    const today = new Date().toISOString().slice(0, 10);
    let controls = SOA_SPEC.groupControls;
    let { links, evidence } = await insertControls(ctx, rng, { organizationId: groupId, count: SOA_SPEC.groupControls, inheritable: true, prefix: 'GRP', refs, today });
    let entries = 0;
    const entryDb = ctx.database.db.withTables<ComplianceOnlyTables>();
    for (const siteId of siteIds) {
      const made = await insertControls(ctx, rng, { organizationId: siteId, count: SOA_SPEC.controlsPerSite, inheritable: false, prefix: 'HC', refs, today });
      controls += SOA_SPEC.controlsPerSite;
      links += made.links;
      evidence += made.evidence;
      // About a third of the rows edited: reasons, some exclusions, a few overrides.
      const rows = refs.filter(() => rng.chance(0.35)).map((requirementId) => {
        const excluded = rng.chance(0.08);
        const override = !excluded && rng.chance(0.05);
        return {
          organization_id: siteId, requirement_id: requirementId, applicable: excluded ? 0 : 1,
          inclusion_reasons: JSON.stringify(excluded ? [] : [rng.pick([...INCLUSION_REASONS])]), inclusion_justification: excluded ? null : 'Selected in the risk treatment plan',
          exclusion_justification: excluded ? 'Not relevant to the services of this site' : null, status_override: override ? ('partial' as const) : null, override_reason: override ? 'Implemented outside the control register' : null,
          updated_at: new Date().toISOString(), updated_by: adminUserId,
        };
      });
      if (rows.length) await entryDb.insertInto('soa_entries').values(rows).execute();
      entries += rows.length;
    }
    const manifest: SoaDataManifest = { format: SOA_DATA_FORMAT, spec: SOA_SPEC, generatedAt: new Date().toISOString(), dataDir: 'data', groupId, siteIds, adminUserId, controls, links, entries, evidence, seconds: (performance.now() - started) / 1000 };
    fs.writeFileSync(path.join(outDir, 'soa-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    log(`SoA data set: ${controls} controls, ${links} Annex A links, ${entries} edited SoA rows, ${evidence} evidence items in ${manifest.seconds.toFixed(1)} s`);
    return manifest;
  } finally {
    await ctx.database.close();
  }
}
