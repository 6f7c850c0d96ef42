/** `custos assets import | export` as an operator runs them: a real process, exit codes, stdout and stderr. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization } from '../server/testing/factories.js';
import { createTestContext } from '../server/testing/test-app.js';
import { testDatabaseUrl, testEngine } from '../server/testing/test-db.js';
import type { AppContext } from '../server/kernel/context.js';
import { generateMasterKey } from '../server/kernel/crypto/keyring.js';

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

describe('custos assets import | export (against the test engine)', () => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let env: Record<string, string>;
  let orgId: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-assets-cli-'));
  const file = (name: string, content: string | Buffer) => {
    const full = path.join(dir, name);
    fs.writeFileSync(full, content);
    return full;
  };
  const count = async () => Number((await sql<{ n: number }>`select count(*) as n from assets where organization_id = ${orgId}`.execute(ctx.database.db)).rows[0]!.n);

  beforeAll(async () => {
    const made = await createTestContext();
    ctx = made.ctx;
    drop = made.testDb.drop;
    env = { CUSTOS_MASTER_KEY: generateMasterKey().toString('base64') };
    if (testEngine() === 'sqlite') env.CUSTOS_DATA_DIR = made.testDb.location;
    else env.DATABASE_URL = `${testDatabaseUrl()}?options=${encodeURIComponent(`-c search_path=${made.testDb.location}`)}`;
    orgId = (await buildOrganization(ctx, { slug: 'cli-assets', name: 'CLI Clinic' })).id;
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const good = 'external_ref,name,type,classification,tags,mfa_enabled\nC-1,EHR,application,Restricted (PHI),clinical;tier-1,yes\nC-2,"Scanner, MRI",medical_device,,,\n';
  const bad = 'external_ref,name,type\nC-1,EHR,application\nC-2,Router,router\n';

  it('dry run: reports the problems as `row N, column C: message`, exits 1 and writes nothing', () => {
    const result = custos(['assets', 'import', file('bad.csv', bad), '--org', 'cli-assets', '--dry-run'], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Dry run: nothing was written.');
    expect(result.stdout).toMatch(/^rejected\s+1$/m);
    expect(result.stderr).toMatch(/^row 3, column type: must be one of: information, application, /m);
    expect(result.stderr).toMatch(/^1 of 2 rows have problems$/m);
    const valid = custos(['assets', 'import', file('good.csv', good), '--org', orgId, '--dry-run'], env);
    expect(valid.code, valid.stderr).toBe(0);
    expect(valid.stdout).toMatch(/^created\s+2$/m);
  });

  it('refuses the whole file when a row is bad, then imports and upserts a good one', async () => {
    const refused = custos(['assets', 'import', path.join(dir, 'bad.csv'), '--org', 'cli-assets'], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Nothing was written');
    expect(await count()).toBe(0);
    const imported = custos(['assets', 'import', path.join(dir, 'good.csv'), '--org', 'cli-assets'], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^Imported\./);
    expect(imported.stdout).toMatch(/^created\s+2$/m);
    expect(await count()).toBe(2);
    const partial = custos(['assets', 'import', path.join(dir, 'bad.csv'), '--org', 'cli-assets', '--valid-only'], env);
    expect(partial.code, partial.stderr).toBe(0);
    // C-1 names only columns whose values it already has: the others (classification, tags…) are kept.
    expect(partial.stdout).toMatch(/^updated\s+0$/m);
    expect(partial.stdout).toMatch(/^unchanged\s+1$/m);
    expect(partial.stderr).toMatch(/^row 3, column type: /m);
  });

  it('exports CSV to stdout, and XLSX and JSON to files', async () => {
    const csv = custos(['assets', 'export', '--org', 'cli-assets', '--format', 'csv'], env);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toMatch(/^external_ref,name,type,description,/);
    expect(lines.slice(1).map((l) => l.slice(0, 4))).toEqual(['C-1,', 'C-2,']);
    expect(lines[1]).toContain(',Restricted (PHI),');
    const out = path.join(dir, 'register.xlsx');
    const xlsx = custos(['assets', 'export', '--org', 'cli-assets', '--out', out], env);
    expect(xlsx.code, xlsx.stderr).toBe(0);
    expect(xlsx.stderr).toContain(`Exported 2 assets of CLI Clinic to ${out}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets[0]!.getRow(2).getCell(2).value).toBe('EHR');
    const json = custos(['assets', 'export', '--org', 'cli-assets', '--format', 'json'], env);
    expect(JSON.parse(json.stdout)).toHaveLength(2);
    // The exported workbook imports back unchanged.
    const again = custos(['assets', 'import', out, '--org', 'cli-assets'], env);
    expect(again.stdout).toMatch(/^unchanged\s+2$/m);
  });

  it('answers an unreadable file and a bad flag with `field: problem`', () => {
    const latin1 = custos(['assets', 'import', file('latin1.csv', Buffer.from('name,type\nCaf\u00e9,application\n', 'latin1')), '--org', 'cli-assets'], env);
    expect(latin1.code).toBe(1);
    expect(latin1.stderr).toMatch(/^file: is not UTF-8 text/m);
    const extension = custos(['assets', 'import', file('register.txt', good), '--org', 'cli-assets'], env);
    expect(extension.code).toBe(2);
    expect(extension.stderr).toMatch(/^FILE \(its extension\): must be csv, xlsx or json/m);
    const format = custos(['assets', 'export', '--org', 'cli-assets', '--format', 'pdf'], env);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/^--format: must be csv, xlsx or json/m);
  });
});
