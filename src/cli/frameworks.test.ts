/** `custos frameworks list | import-oscal` as an operator runs them: a real process, exit codes, stdout and stderr. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization } from '../server/testing/factories.js';
import { createTestContext } from '../server/testing/test-app.js';
import { testDatabaseUrl, testEngine } from '../server/testing/test-db.js';
import type { AppContext } from '../server/kernel/context.js';
import { generateMasterKey } from '../server/kernel/crypto/keyring.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURE = path.join(ROOT, 'src/server/features/frameworks/fixtures/NIST_SP-800-53_rev5_PRIVACY-baseline-resolved-profile_catalog.json.gz');

function custos(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/custos.mjs'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each spawn starts the CLI under tsx (several seconds on a loaded machine): allow for a few per test.
describe('custos frameworks import-oscal | list (against the test engine)', { timeout: 180_000 }, () => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let env: Record<string, string>;
  let orgId: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-frameworks-cli-'));
  const privacy = zlib.gunzipSync(fs.readFileSync(FIXTURE));
  const file = (name: string, content: string | Buffer) => {
    const full = path.join(dir, name);
    fs.writeFileSync(full, content);
    return full;
  };
  const frameworks = async () => (await sql<{ id: string; organization_id: string | null; key: string; origin: string }>`select id, organization_id, key, origin from frameworks where origin = 'oscal' order by created_at`.execute(ctx.database.db)).rows;

  beforeAll(async () => {
    const made = await createTestContext();
    ctx = made.ctx;
    drop = made.testDb.drop;
    env = { CUSTOS_MASTER_KEY: generateMasterKey().toString('base64') };
    if (testEngine() === 'sqlite') env.CUSTOS_DATA_DIR = made.testDb.location;
    else env.DATABASE_URL = `${testDatabaseUrl()}?options=${encodeURIComponent(`-c search_path=${made.testDb.location}`)}`;
    orgId = (await buildOrganization(ctx, { slug: 'cli-frameworks', name: 'CLI Frameworks Clinic' })).id;
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a corrupted catalog naming the instance and schema path, exits 1 and writes nothing', () => {
    const corrupted = JSON.parse(privacy.toString('utf8'));
    corrupted.catalog.groups[0].controls[0].title = 42;
    const result = custos(['frameworks', 'import-oscal', file('corrupted.json', JSON.stringify(corrupted))], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/file\/catalog\/groups\/0\/controls\/0\/title: must be string \(schema path #\//);
    return expect(frameworks()).resolves.toEqual([]);
  });

  it('imports the PRIVACY baseline for one organization by slug, then refuses the same key and version', async () => {
    const result = custos(['frameworks', 'import-oscal', file('privacy.json', privacy), '--org', 'cli-frameworks', '--key', 'nist-privacy'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Imported NIST Special Publication 800-53 Revision 5\.1\.1 PRIVACY BASELINE 5\.1\.1\+u4 as framework [0-9a-f-]{36} \(key nist-privacy\)/);
    expect(result.stderr).toContain(`Visible to organization ${orgId} only.`);
    expect(await frameworks()).toMatchObject([{ organization_id: orgId, key: 'nist-privacy' }]);
    const again = custos(['frameworks', 'import-oscal', path.join(dir, 'privacy.json'), '--org', orgId, '--key', 'nist-privacy'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/key: is already imported with this version/);
  });

  it('imports without --org as a framework every organization sees, and lists it', async () => {
    const result = custos(['frameworks', 'import-oscal', path.join(dir, 'privacy.json'), '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body.framework).toMatchObject({ organizationId: null, origin: 'oscal', key: 'nist-special-publication-800-53-revision-5-1-1-privacy-baseline' });
    const list = custos(['frameworks', 'list', '--json'], env);
    expect(list.code).toBe(0);
    const ids = JSON.parse(list.stdout).map((f: { id: string }) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['iso27001-2022', 'hipaa-security-rule', body.framework.id]));
    expect(ids).toHaveLength(6);
    const withOrg = custos(['frameworks', 'list', '--org', 'cli-frameworks'], env);
    expect(withOrg.stdout.trim().split('\n')).toHaveLength(7);
  });

  it('refuses a bad key and a missing file with exit code 2', () => {
    expect(custos(['frameworks', 'import-oscal', path.join(dir, 'privacy.json'), '--key', 'Bad Key'], env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^--key: /) });
    expect(custos(['frameworks', 'import-oscal', path.join(dir, 'missing.json')], env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^FILE: /) });
  });
});
