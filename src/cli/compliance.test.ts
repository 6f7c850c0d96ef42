/** `custos readiness` as an auditor runs it: a real process against the test engine, text and JSON. */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildControl, buildImportedFramework } from '../server/features/compliance/compliance.fixtures.js';
import type { AppContext } from '../server/kernel/context.js';
import { generateMasterKey } from '../server/kernel/crypto/keyring.js';
import { buildOrganization } from '../server/testing/factories.js';
import { createTestContext } from '../server/testing/test-app.js';
import { testDatabaseUrl, testEngine } from '../server/testing/test-db.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function custos(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/custos.mjs'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('custos readiness (against the test engine)', () => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let env: Record<string, string>;
  let fw: string;

  beforeAll(async () => {
    const made = await createTestContext();
    ctx = made.ctx;
    drop = made.testDb.drop;
    env = { CUSTOS_MASTER_KEY: generateMasterKey().toString('base64') };
    if (testEngine() === 'sqlite') env.CUSTOS_DATA_DIR = made.testDb.location;
    else env.DATABASE_URL = `${testDatabaseUrl()}?options=${encodeURIComponent(`-c search_path=${made.testDb.location}`)}`;
    const group = await buildOrganization(ctx, { slug: 'cli-ready-group', name: 'CLI Group', kind: 'group' });
    const site = await buildOrganization(ctx, { slug: 'cli-ready', name: 'CLI Readiness Hospital', parentId: group.id });
    fw = await buildImportedFramework(ctx, site.id);
    await buildControl(ctx, site.id, { code: 'C1', requirements: [`${fw}:AA-1`, `${fw}:AA-2`] });
    await buildControl(ctx, site.id, { code: 'C2', status: 'in_progress', requirements: [`${fw}:BB-1`] });
    await buildControl(ctx, group.id, { code: 'G1', inheritable: true, requirements: ['iso27001-2022:A.5.1'] });
  });
  afterAll(() => drop());

  it('prints per-framework and per-section figures for one framework', () => {
    const result = custos(['readiness', '--org', 'cli-ready', '--framework', fw], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Readiness of CLI Readiness Hospital');
    // 5 assessable: 2 compliant, 1 partial, 2 non-compliant → 40.0%.
    expect(result.stdout).toMatch(new RegExp(`^TEST \\(${fw}\\)\\s+2\\s+1\\s+2\\s+0\\s+5\\s+40\\.0%$`, 'm'));
    expect(result.stdout).toMatch(/^ {2}AA Alpha family\s+2\s+0\s+1\s+0\s+3\s+66\.7%$/m);
    expect(result.stdout).toMatch(/^ {2}BB Beta family\s+0\s+1\s+1\s+0\s+2\s+0\.0%$/m);
  });

  it('prints JSON with every framework, and a group\'s sites', () => {
    const site = custos(['readiness', '--org', 'cli-ready', '--json'], env);
    expect(site.code, site.stderr).toBe(0);
    const report = JSON.parse(site.stdout);
    const iso = report.frameworks.find((f: { frameworkId: string }) => f.frameworkId === 'iso27001-2022');
    expect(iso.sections.find((s: { key: string }) => s.key === 'A.5').figures.counts.compliant).toBe(1);
    const group = custos(['readiness', '--org', 'cli-ready-group', '--framework', 'iso27001-2022'], env);
    expect(group.code, group.stderr).toBe(0);
    expect(group.stdout).toMatch(/^Sites \(built-in frameworks, readiness\)$/m);
    expect(group.stdout).toMatch(/^CLI Readiness Hospital\s+\d+\.\d%$/m);
  });

  it('names the flag of an unknown framework or organization', () => {
    const framework = custos(['readiness', '--org', 'cli-ready', '--framework', 'nope'], env);
    expect(framework.code).toBe(2);
    expect(framework.stderr).toMatch(/^--framework: "nope" is not a framework of this organization/m);
    const org = custos(['readiness', '--org', 'no-such-org'], env);
    expect(org.code).toBe(1);
    expect(org.stderr).toMatch(/^--org: no organization/m);
  });
});
