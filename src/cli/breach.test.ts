/** `custos breach clock` as an operator runs it: a real process, exit codes, stdout and stderr, no database. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZBreachClockResult } from '../shared/contracts/breach-clock.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function custos(args: string[]) {
  // A data directory that does not exist and a database nobody listens on: the command must not touch either.
  const missing = path.join(os.tmpdir(), `custos-breach-no-data-${process.pid}`);
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/custos.mjs'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), LOG_LEVEL: 'warn', CUSTOS_DATA_DIR: missing, DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none' },
    encoding: 'utf8',
    timeout: 110_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, dataDirCreated: fs.existsSync(missing) };
}

describe('custos breach clock --input FILE.json', { timeout: 240_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-breach-cli-'));
  const file = (name: string, content: unknown) => {
    const full = path.join(dir, name);
    fs.writeFileSync(full, typeof content === 'string' ? content : JSON.stringify(content));
    return full;
  };

  it('prints only the JSON result on stdout, without opening a database', () => {
    const input = file('ransomware.json', {
      timezone: 'Europe/Berlin',
      hipaaRole: 'business_associate',
      gdprRole: 'controller',
      discoveredAt: '2026-10-20T08:00:00Z',
      awareAt: '2026-10-23T08:00:00Z',
      hipaaBreach: true,
      individuals: 3,
      residentsByState: { NY: 2 },
      gdprRisk: 'risk',
      baNoticeDays: 5,
    });
    const result = custos(['breach', 'clock', '--input', input]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.dataDirCreated).toBe(false);
    const parsed = ZBreachClockResult.parse(JSON.parse(result.stdout));
    const byId = Object.fromEntries(parsed.obligations.map((o) => [o.id, o]));
    expect(byId['hipaa.ba_to_ce']).toMatchObject({ required: true, dueDate: '2026-10-25', dueAt: '2026-10-25T22:59:59.999Z' });
    expect(byId['hipaa.media.NY']).toMatchObject({ required: false });
    expect(byId['gdpr.supervisory_authority']).toMatchObject({ required: true, dueAt: '2026-10-26T08:00:00.000Z' });
  });

  it('exits non-zero with field: problem on stderr for bad input, and prints nothing on stdout', () => {
    const input = file('bad.json', { timezone: 'Nowhere/Land', hipaaRole: 'covered_entity', gdprRole: 'none', discoveredAt: '2026-10-20T08:00:00Z', hipaaBreach: true, individuals: 1, residentsByState: { NY: 2 }, gdprRisk: 'none' });
    const result = custos(['breach', 'clock', '--input', input]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('timezone: must be an IANA time zone');
    expect(result.stderr).toContain('residentsByState: adds up to 2, more than individuals (1)');
  });

  it('exits non-zero naming --input for a missing file and for a file that is not JSON', () => {
    const missing = custos(['breach', 'clock', '--input', path.join(dir, 'absent.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^--input: .*absent\.json cannot be read/);
    const notJson = custos(['breach', 'clock', '--input', file('notes.txt', 'discovered on Monday')]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^--input: .*is not valid JSON/);
  });
});
