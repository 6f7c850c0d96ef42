/** `custos soa export` as an operator runs it: a real process, exit codes, the file written. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishVersion } from '../server/features/soa/index.js';
import { buildMember, buildOrganization, TEST_ACTOR } from '../server/testing/factories.js';
import { createTestContext } from '../server/testing/test-app.js';
import { testDatabaseUrl, testEngine } from '../server/testing/test-db.js';
import type { AppContext } from '../server/kernel/context.js';
import { generateMasterKey } from '../server/kernel/crypto/keyring.js';
import { ROLE_PERMISSIONS } from '../shared/permissions.js';
import { countEvents, ensureAnnexA } from '../server/features/soa/soa-test-support.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function custos(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/custos.mjs'), ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), LOG_LEVEL: 'warn', ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('custos soa export (against the test engine)', () => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let env: Record<string, string>;
  let orgId: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-soa-cli-'));

  beforeAll(async () => {
    const made = await createTestContext();
    ctx = made.ctx;
    drop = made.testDb.drop;
    env = { CUSTOS_MASTER_KEY: generateMasterKey().toString('base64') };
    if (testEngine() === 'sqlite') env.CUSTOS_DATA_DIR = made.testDb.location;
    else env.DATABASE_URL = `${testDatabaseUrl()}?options=${encodeURIComponent(`-c search_path=${made.testDb.location}`)}`;
    await ensureAnnexA(ctx);
    orgId = (await buildOrganization(ctx, { slug: 'cli-soa', name: 'CLI SoA Clinic' })).id;
    const publisher = await buildMember(ctx, orgId, 'isms_manager');
    await publishVersion(ctx, { organizationId: orgId, organizationName: 'CLI SoA Clinic', mfaRequired: false, isDemo: false, timeZone: 'UTC', role: 'admin', permissions: [...ROLE_PERMISSIONS.admin] }, { ...TEST_ACTOR, userId: publisher.id }, { note: null });
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a published version as XLSX and the draft as PDF, each recorded', async () => {
    const xlsx = path.join(dir, 'soa.xlsx');
    const result = custos(['soa', 'export', '--org', 'cli-soa', '--version', '1', '--out', xlsx], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^Exported the SoA of CLI SoA Clinic \(version 1, 93 rows\) to /);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.worksheets[0]!.getCell('B3').value).toBe('Version 1');
    const pdf = path.join(dir, 'soa.pdf');
    const draft = custos(['soa', 'export', '--org', orgId, '--out', pdf], env);
    expect(draft.code, draft.stderr).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await countEvents(ctx, orgId, 'soa.exported')).toBe(2);
  });

  it('names the option in its refusals', () => {
    const badFormat = custos(['soa', 'export', '--org', 'cli-soa', '--format', 'docx', '--out', path.join(dir, 'x.docx')], env);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('--format: must be xlsx or pdf');
    const badVersion = custos(['soa', 'export', '--org', 'cli-soa', '--version', '0', '--out', path.join(dir, 'x.pdf')], env);
    expect(badVersion.stderr).toContain('--version: must be a published version number');
    const missing = custos(['soa', 'export', '--org', 'cli-soa', '--version', '5', '--out', path.join(dir, 'x.pdf')], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('SoA version 5 not found');
    expect(fs.existsSync(path.join(dir, 'x.pdf'))).toBe(false);
  });
});
