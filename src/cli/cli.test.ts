/** The CLI as an operator and an auditor use it: a real process, real exit codes, stdout and stderr. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildOrganization } from '../server/testing/factories.js';
import { tamper, type Tampering } from '../server/testing/tamper.js';
import { createTestContext } from '../server/testing/test-app.js';
import { testDatabaseUrl, testEngine } from '../server/testing/test-db.js';
import type { AppContext } from '../server/kernel/context.js';
import { generateMasterKey } from '../server/kernel/crypto/keyring.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function custos(args: string[], env: Record<string, string>, input?: string) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/custos.mjs'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), LOG_LEVEL: 'warn', ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('custos audit verify (against the test engine)', () => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let env: Record<string, string>;
  const orgs: Record<Tampering, string> = { update: '', delete: '', insert: '', swap: '' };

  beforeAll(async () => {
    const made = await createTestContext();
    ctx = made.ctx;
    drop = made.testDb.drop;
    env = { CUSTOS_MASTER_KEY: generateMasterKey().toString('base64') };
    if (testEngine() === 'sqlite') env.CUSTOS_DATA_DIR = made.testDb.location;
    else env.DATABASE_URL = `${testDatabaseUrl()}?options=${encodeURIComponent(`-c search_path=${made.testDb.location}`)}`;
    for (const kind of Object.keys(orgs) as Tampering[]) {
      const org = await buildOrganization(ctx, { slug: `cli-${kind}` });
      for (const role of ['admin', 'staff', 'auditor', 'risk_owner'] as const) await buildMember(ctx, org.id, role);
      orgs[kind] = org.id;
    }
  });
  afterAll(() => drop());

  it('says OK and exits 0 on an intact trail', () => {
    const result = custos(['audit', 'verify'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^OK /gm)?.length).toBe(4);
  });

  for (const kind of ['update', 'delete', 'insert', 'swap'] as Tampering[]) {
    it(`exits non-zero naming the broken event after a direct-SQL ${kind}`, async () => {
      const eventId = await tamper(ctx.database.db, orgs[kind], kind, 3);
      const result = custos(['audit', 'verify', '--org', `cli-${kind}`], env);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^BROKEN /m);
      expect(result.stderr).toContain(`event seq 3 (id ${eventId})`);
      const json = custos(['audit', 'verify', '--org', orgs[kind], '--json'], env);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout).chains[0].broken).toMatchObject({ seq: 3, eventId });
    });
  }

  it('answers a bad flag with field: problem and exit code 2', () => {
    const result = custos(['audit', 'verify', '--org', 'no-such-org'], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/^--org: no organization/m);
  });
});

// Engine-specific by nature (demo data, VACUUM INTO): registered only in the SQLite run.
if (testEngine() === 'sqlite') describe('custos on an embedded SQLite data directory', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-cli-'));
  const env = { CUSTOS_DATA_DIR: path.join(dir, 'data') };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('init --demo creates the key file beside the data directory and a verifiable demo trail', () => {
    const init = custos(['init', '--demo'], env);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/admin\s+admin@northbridge\.example\s+\S{20}/);
    const keyFile = path.join(dir, 'data.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(path.join(dir, 'data', 'custos.db'))).toBe(true);
    const verify = custos(['audit', 'verify'], env);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^OK\s+Northbridge General Hospital/m);
  });

  it('adds a user with a password from stdin and refuses a weak one', () => {
    const weak = custos(['user', 'add', '--email', 'weak@example.org', '--org', 'northbridge', '--role', 'staff', '--password-stdin'], env, 'password1234\n');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/^password: /m);
    const ok = custos(['user', 'add', '--email', 'nurse@example.org', '--org', 'northbridge', '--role', 'staff', '--password-stdin'], env, 'lantern harbour violet 7\n');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('nurse@example.org is now staff in Northbridge Health');
    const ext = custos(['user', 'add', '--email', 'ext@example.org', '--org', 'northbridge', '--role', 'external_auditor'], env);
    expect(ext.stderr).toMatch(/^--expires: is required/m);
  });

  it('backs up with VACUUM INTO, rotates the master key, restores, and the trail still verifies', () => {
    const backupFile = path.join(dir, 'backup.db');
    const backup = custos(['backup', backupFile], env);
    expect(backup.code, backup.stderr).toBe(0);
    expect(fs.readFileSync(backupFile).subarray(0, 15).toString()).toBe('SQLite format 3');
    const keyBefore = fs.readFileSync(path.join(dir, 'data.key'), 'utf8');
    expect(fs.readFileSync(backupFile).includes(Buffer.from(JSON.parse(keyBefore).keys[JSON.parse(keyBefore).activeKeyId], 'base64'))).toBe(false);
    // The demo's evidence files (disk store) are copied beside the backup, still encrypted.
    const evidenceCopy = `${backupFile}.evidence`;
    const copied = fs.readdirSync(evidenceCopy, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(copied.length).toBe(4);
    for (const entry of copied) expect(fs.readFileSync(path.join(entry.parentPath, entry.name)).includes(Buffer.from('Restore test of the EHR database'))).toBe(false);
    fs.rmSync(path.join(dir, 'data', 'evidence'), { recursive: true, force: true });
    const rotate = custos(['keys', 'rotate'], env);
    expect(rotate.code, rotate.stderr).toBe(0);
    expect(rotate.stdout).toMatch(/Master key rotated: \w+ → \w+/);
    expect(fs.readFileSync(path.join(dir, 'data.key'), 'utf8')).not.toBe(keyBefore);
    const refused = custos(['restore', backupFile], env);
    expect(refused.code).toBe(2);
    const restore = custos(['restore', backupFile, '--yes'], env);
    expect(restore.code, restore.stderr).toBe(0);
    expect(custos(['audit', 'verify'], env).code).toBe(0);
    // The evidence came back with the database: every file is present and matches its SHA-256. Rotation
    // retired the old master key, so (as an operator would) the key file kept with the backup goes back too.
    fs.writeFileSync(path.join(dir, 'data.key'), keyBefore, { mode: 0o600 });
    const evidence = custos(['evidence', 'verify', '--org', 'northbridge-general'], env);
    expect(evidence.code, evidence.stdout + evidence.stderr).toBe(0);
  });

  it('exports the audit trail as CSV', () => {
    const result = custos(['audit', 'export', '--org', 'northbridge'], env);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('seq,occurred_at,type,actor_label,actor_user_id,auth_method,ip,request_id,subject_type,subject_id,changes,prev_hash,hash');
    expect(result.stdout).toContain('system.demo_loaded');
  });
});
