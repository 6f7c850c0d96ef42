/** `custos controls adopt-starter` and `custos evidence verify` as an operator runs them: a real process, exit codes, output. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../shared/permissions.js';
import { createControl, evidenceSettings, uploadEvidenceFile } from '../server/features/controls/index.js';
import { controlDb } from '../server/features/controls/control.repository.js';
import { DiskEvidenceStore } from '../server/features/controls/evidence-store.js';
import type { OrgAccess } from '../server/kernel/authz/membership.js';
import type { AppContext } from '../server/kernel/context.js';
import { generateMasterKey, keyIdOf } from '../server/kernel/crypto/keyring.js';
import { buildOrganization, TEST_ACTOR } from '../server/testing/factories.js';
import { createTestContext } from '../server/testing/test-app.js';
import { testDatabaseUrl, testEngine } from '../server/testing/test-db.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
// Each run is a real `custos` process (tsx start-up): slow on a loaded machine, hence the longer timeouts.

function custos(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/custos.mjs'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('custos controls adopt-starter | evidence verify (against the test engine)', () => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let env: Record<string, string>;
  let access: OrgAccess;

  beforeAll(async () => {
    const made = await createTestContext();
    ctx = made.ctx;
    drop = made.testDb.drop;
    // The CLI must open the same evidence with the same master key.
    const key = generateMasterKey();
    ctx.keyring = { activeKeyId: keyIdOf(key), keys: new Map([[keyIdOf(key), key]]), source: 'test' };
    env = { CUSTOS_MASTER_KEY: key.toString('base64'), CUSTOS_EVIDENCE_DIR: evidenceSettings(ctx.config).directory };
    if (testEngine() === 'sqlite') env.CUSTOS_DATA_DIR = made.testDb.location;
    else env.DATABASE_URL = `${testDatabaseUrl()}?options=${encodeURIComponent(`-c search_path=${made.testDb.location}`)}`;
    const org = await buildOrganization(ctx, { slug: 'cli-controls', name: 'CLI Controls Clinic' });
    access = { organizationId: org.id, organizationName: org.name, mfaRequired: false, isDemo: false, timeZone: 'UTC', role: 'admin', permissions: [...ROLE_PERMISSIONS.admin] };
  });
  afterAll(() => drop());

  it('adopts the starter library, then says nothing more was added', () => {
    const first = custos(['controls', 'adopt-starter', '--org', 'cli-controls'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/CLI Controls Clinic: \d+ control\(s\) adopted/);
    const again = custos(['controls', 'adopt-starter', '--org', 'cli-controls', '--json'], env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0 });
  }, 180_000);

  it('verifies every evidence file, and exits 1 naming an altered one', async () => {
    const control = await createControl(ctx, access, TEST_ACTOR, { name: 'Backups', category: 'technological', status: 'planned', effectiveness: 'not_assessed', inheritable: false });
    const good = await uploadEvidenceFile(ctx, access, TEST_ACTOR, control.id, { bytes: Buffer.from('%PDF-1.7 restore test passed\n'), declaredType: 'application/pdf', fileName: 'restore-test.pdf' });
    const other = await uploadEvidenceFile(ctx, access, TEST_ACTOR, control.id, { bytes: Buffer.from('date,result\n2026-11-01,ok\n'), declaredType: 'text/csv', fileName: 'log.csv' });
    const ok = custos(['evidence', 'verify', '--org', 'cli-controls'], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('OK: 2 evidence file(s)');

    const row = await controlDb(ctx.database.db).selectFrom('evidence').selectAll().where('id', '=', other.id).executeTakeFirstOrThrow();
    const file = new DiskEvidenceStore(env.CUSTOS_EVIDENCE_DIR!).pathOf(row.storage_key!);
    const raw = fs.readFileSync(file);
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 0x01;
    fs.writeFileSync(file, raw);
    const bad = custos(['evidence', 'verify', '--org', 'cli-controls'], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`FAIL ${control.code} log.csv (evidence ${other.id})`);
    expect(bad.stdout).not.toContain(good.id);
    expect(bad.stdout).toContain('1 of 2 evidence file(s)');

    fs.rmSync(file);
    const missing = custos(['evidence', 'verify', '--org', 'cli-controls', '--json'], env);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).problems[0].problem).toMatch(/missing from the evidence store/);
  }, 240_000);
});
