/** `custos risks …` as an operator runs them: a real process, exit codes, stdout and stderr. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZCreateRiskRequest } from '../shared/contracts/risks.js';
import { ROLE_PERMISSIONS } from '../shared/permissions.js';
import { createRisk } from '../server/features/risks/index.js';
import { buildMember, buildOrganization, TEST_ACTOR } from '../server/testing/factories.js';
import { createTestContext } from '../server/testing/test-app.js';
import { testDatabaseUrl, testEngine } from '../server/testing/test-db.js';
import type { AppContext } from '../server/kernel/context.js';
import { generateMasterKey } from '../server/kernel/crypto/keyring.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Each command is a new process that compiles the CLI through tsx: seconds each on a busy machine. */
const SPAWNS_TIMEOUT = 240_000;

function custos(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/custos.mjs'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('custos risks list | export | import | heatmap | treatment-plan (against the test engine)', () => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let env: Record<string, string>;
  let orgId: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-risks-cli-'));
  const file = (name: string, content: string | Buffer) => {
    const full = path.join(dir, name);
    fs.writeFileSync(full, content);
    return full;
  };
  const count = async () => Number((await sql<{ n: number }>`select count(*) as n from risks where organization_id = ${orgId}`.execute(ctx.database.db)).rows[0]!.n);

  beforeAll(async () => {
    const made = await createTestContext();
    ctx = made.ctx;
    drop = made.testDb.drop;
    env = { CUSTOS_MASTER_KEY: generateMasterKey().toString('base64') };
    if (testEngine() === 'sqlite') env.CUSTOS_DATA_DIR = made.testDb.location;
    else env.DATABASE_URL = `${testDatabaseUrl()}?options=${encodeURIComponent(`-c search_path=${made.testDb.location}`)}`;
    const org = await buildOrganization(ctx, { slug: 'cli-risks', name: 'CLI Clinic' });
    orgId = org.id;
    const owner = await buildMember(ctx, orgId, 'risk_owner', { email: 'rita.owner@cli.example', displayName: 'Rita Owner' });
    const access = { organizationId: orgId, organizationName: org.name, mfaRequired: false, isDemo: false, timeZone: 'UTC', role: 'admin' as const, permissions: [...ROLE_PERMISSIONS.admin] };
    await createRisk(ctx, access, TEST_ACTOR, ZCreateRiskRequest.parse({ title: 'Ransomware on the EHR', category: 'cyber', ownerUserId: owner.id, treatmentOption: 'mitigate', current: { likelihood: 4, impacts: { availability: 5, patient_safety: 4 } }, residual: { likelihood: 2, impacts: { availability: 3 } } }));
    await createRisk(ctx, access, TEST_ACTOR, ZCreateRiskRequest.parse({ title: 'Lost laptop', category: 'privacy', current: { likelihood: 2, impacts: { confidentiality: 2 } } }));
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the register as a table and as JSON; --org may be left out with a single organization', () => {
    const table = custos(['risks', 'list'], env);
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Ref\s+Title\s+Category\s+Owner\s+Current\s+Residual\s+Treatment\s+Acceptance\s+Next review$/);
    expect(lines[1]).toMatch(/^R-0001\s+Ransomware on the EHR\s+cyber\s+Rita Owner\s+Critical\s+Medium\s+mitigate\s+none\s+\d{4}-\d{2}-\d{2}$/);
    expect(lines[2]).toMatch(/^R-0002\s+Lost laptop\s+privacy\s+—\s+Low\s+—\s+—\s+none\s+/);
    expect(table.stderr).toContain('2 risks');
    const listed = JSON.parse(custos(['risks', 'list', '--org', 'cli-risks', '--json'], env).stdout) as { ref: string; current: { key: string } }[];
    expect(listed.map((r) => [r.ref, r.current.key])).toEqual([['R-0001', 'critical'], ['R-0002', 'low']]);
  }, SPAWNS_TIMEOUT);

  it('prints the heat map as a text grid, highest likelihood first', () => {
    const grid = custos(['risks', 'heatmap', '--org', 'cli-risks'], env);
    expect(grid.code, grid.stderr).toBe(0);
    expect(grid.stdout).toMatch(/^current risks \(method version 1\): 2 assessed, 0 not assessed$/m);
    const rows = grid.stdout.split('\n').filter((l) => /^\d /.test(l));
    expect(rows.map((r) => r.slice(0, 2))).toEqual(['5 ', '4 ', '3 ', '2 ', '1 ']);
    // Likelihood 4 × impact 5: the ransomware risk; likelihood 2 × impact 2: the laptop.
    expect(rows[1]!.split('│')[1]!.trim().split(/\s{2,}/).at(-1)).toBe('1 critical');
    expect(rows[3]!.split('│')[1]).toMatch(/^\s+0 \w+\s+1 low\s/);
    const residual = JSON.parse(custos(['risks', 'heatmap', '--org', 'cli-risks', '--stage', 'residual', '--json'], env).stdout) as { stage: string; assessed: number; notAssessed: number };
    expect(residual).toMatchObject({ stage: 'residual', assessed: 1, notAssessed: 1 });
  }, SPAWNS_TIMEOUT);

  it('exports CSV to stdout and XLSX to a file; the workbook imports back unchanged', async () => {
    const csv = custos(['risks', 'export', '--org', 'cli-risks'], env);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toMatch(/^ref,title,description,category,status,threat_id,/);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['R-0001,Ransomware on the EHR', 'R-0002,Lost laptop']);
    expect(lines[1]).toContain(',rita.owner@cli.example,');
    const out = path.join(dir, 'register.xlsx');
    const xlsx = custos(['risks', 'export', '--org', 'cli-risks', '--out', out], env);
    expect(xlsx.code, xlsx.stderr).toBe(0);
    expect(xlsx.stderr).toContain(`Exported the risk register of CLI Clinic (2 risks) to ${out}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets[0]!.getRow(2).getCell(2).value).toBe('Ransomware on the EHR');
    const again = custos(['risks', 'import', out, '--org', 'cli-risks'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^unchanged\s+2$/m);
  }, SPAWNS_TIMEOUT);

  it('import: a dry run reports `row N, column C: message` and exits 1; a good file is written', async () => {
    const bad = file('bad.csv', 'ref,title,category,current_likelihood,current_availability\n,Outage,operational,7,2\nR-0001,Renamed,cyber,,\n');
    const dry = custos(['risks', 'import', bad, '--org', 'cli-risks', '--dry-run'], env);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('Dry run: nothing was written.');
    expect(dry.stderr).toMatch(/^row 2, column current_likelihood: must be a whole number from 1 to 5$/m);
    expect(dry.stderr).toMatch(/^1 problems in the file; nothing was written$/m);
    expect(await count()).toBe(2);
    const good = file('good.csv', 'title,category,current_likelihood,current_availability\nPower outage in the server room,physical,3,4\n');
    const imported = custos(['risks', 'import', good, '--org', 'cli-risks'], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^Imported\./);
    expect(imported.stdout).toMatch(/^created\s+1$/m);
    expect(await count()).toBe(3);
    const latin1 = custos(['risks', 'import', file('latin1.csv', Buffer.from('title,category\nCaf\u00e9,cyber\n', 'latin1')), '--org', 'cli-risks'], env);
    expect(latin1.code).toBe(1);
    expect(latin1.stderr).toMatch(/^file: is not UTF-8 text/m);
  }, SPAWNS_TIMEOUT);

  it('writes the treatment plan as PDF and XLSX; refuses another format', async () => {
    const pdf = path.join(dir, 'plan.pdf');
    const result = custos(['risks', 'treatment-plan', '--org', 'cli-risks', '--out', pdf], env);
    expect(result.code, result.stderr).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const xlsx = path.join(dir, 'plan.xlsx');
    expect(custos(['risks', 'treatment-plan', '--org', 'cli-risks', '--format', 'xlsx', '--out', xlsx], env).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.worksheets[0]!.getCell('B2').value).toBe('CLI Clinic');
    const docx = custos(['risks', 'treatment-plan', '--format', 'docx', '--out', path.join(dir, 'x.docx')], env);
    expect(docx.code).toBe(2);
    expect(docx.stderr).toMatch(/^--format: must be pdf, xlsx/m);
  }, SPAWNS_TIMEOUT);

  it('asks for --org once the database holds several organizations', async () => {
    await buildOrganization(ctx, { slug: 'cli-other' });
    const result = custos(['risks', 'list'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^--org: is required \(id or slug\); this database holds several organizations: cli-other, cli-risks/m);
  }, SPAWNS_TIMEOUT);
});
