/** `custos incidents …` as an operator runs them: a real process, exit codes, stdout and stderr. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZBreachAssessmentRequest, ZCreateIncidentRequest, ZIncidentTransitionRequest, type TBreachAssessmentRequest, type TCreateIncidentRequest } from '../shared/contracts/incidents.js';
import { addCalendarDays, formatCivilDate } from '../shared/breach-clock.js';
import { ROLE_PERMISSIONS } from '../shared/permissions.js';
import { createIncident, saveAssessment, transitionIncident } from '../server/features/incidents/index.js';
import type { OrgAccess } from '../server/kernel/authz/membership.js';
import type { AppContext } from '../server/kernel/context.js';
import { generateMasterKey } from '../server/kernel/crypto/keyring.js';
import { buildOrganization, TEST_ACTOR } from '../server/testing/factories.js';
import { createTestContext } from '../server/testing/test-app.js';
import { testDatabaseUrl, testEngine } from '../server/testing/test-db.js';
import { dueText, formatInstant } from './commands/incidents.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Each command is a new process that compiles the CLI through tsx: seconds each on a busy machine. */
const SPAWNS_TIMEOUT = 240_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function custos(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/custos.mjs'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dueText and formatInstant', () => {
  const now = new Date('2026-06-15T12:00:00.000Z');
  it('says how long until a clock runs out, or how long ago it did', () => {
    expect(dueText('2026-06-17T06:30:00.000Z', now)).toBe('due in 1 d 18 h');
    expect(dueText('2026-06-15T08:55:00.000Z', now)).toBe('overdue by 3 h 5 min');
    expect(dueText('2026-06-15T12:07:30.000Z', now)).toBe('due in 7 min');
    expect(dueText(null, now)).toBe('without undue delay');
  });
  it('prints an instant in the organization\'s zone with its abbreviation', () => {
    expect(formatInstant('2027-01-27T04:59:59.999Z', 'America/New_York')).toBe('2027-01-26 23:59 EST');
    expect(formatInstant('2026-07-01T00:30:00.000Z', 'UTC')).toBe('2026-07-01 00:30 UTC');
  });
});

describe('custos incidents list | clocks | hhs-log (against the test engine)', () => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let env: Record<string, string>;
  let siteDiscoveredAt: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-incidents-cli-'));

  const accessTo = (org: { id: string; name: string }, timeZone: string): OrgAccess => ({ organizationId: org.id, organizationName: org.name, mfaRequired: false, isDemo: false, timeZone, role: 'admin', permissions: [...ROLE_PERMISSIONS.admin] });
  const record = async (access: OrgAccess, incident: TCreateIncidentRequest, assessment: TBreachAssessmentRequest | null) => {
    const created = await createIncident(ctx, access, TEST_ACTOR, ZCreateIncidentRequest.parse(incident));
    if (assessment) await saveAssessment(ctx, access, TEST_ACTOR, created.id, ZBreachAssessmentRequest.parse(assessment));
    return created;
  };

  beforeAll(async () => {
    const made = await createTestContext();
    ctx = made.ctx;
    drop = made.testDb.drop;
    env = { CUSTOS_MASTER_KEY: generateMasterKey().toString('base64') };
    if (testEngine() === 'sqlite') env.CUSTOS_DATA_DIR = made.testDb.location;
    else env.DATABASE_URL = `${testDatabaseUrl()}?options=${encodeURIComponent(`-c search_path=${made.testDb.location}`)}`;
    // A group (UTC) with one site in Chicago: the records go through the same services as the API.
    const group = await buildOrganization(ctx, { slug: 'cli-group', name: 'CLI Health', kind: 'group' });
    const site = await buildOrganization(ctx, { slug: 'cli-site', name: 'CLI Site Hospital', kind: 'hospital', parentId: group.id });
    await ctx.database.db.updateTable('organizations').set({ time_zone: 'America/Chicago' }).where('id', '=', site.id).execute();
    const now = ctx.clock.now().getTime();
    const at = (ms: number) => new Date(now - ms).toISOString();
    const siteAccess = accessTo(site, 'America/Chicago');
    const groupAccess = accessTo(group, 'UTC');
    siteDiscoveredAt = at(10 * DAY);
    // Site: 3 patients, aware 80 hours ago with a GDPR risk, so the supervisory authority is 8 hours overdue.
    await record(siteAccess, {
      title: 'Lab results e-mailed to the wrong patient', category: 'misdirected_phi', severity: 'high', discoveredAt: siteDiscoveredAt, awareAt: at(80 * HOUR),
      individualsTotal: 3, individualsByState: { IL: 3 }, individualsByCountry: { DE: 1 }, breachStartDate: siteDiscoveredAt.slice(0, 10), hhsBreachType: 'unauthorized_access_disclosure', hhsLocations: ['email'],
    }, { hipaaRole: 'covered_entity', gdprRole: 'controller', phiInvolved: true, personalDataBreach: true, gdprRisk: 'risk', gdprRationale: 'Lab values of one EU resident.' });
    const phishing = await record(siteAccess, { title: 'Phishing e-mail reported by a nurse', category: 'phishing', severity: 'low', lessonsLearned: 'The report button works.' }, null);
    await transitionIncident(ctx, siteAccess, TEST_ACTOR, phishing.id, ZIncidentTransitionRequest.parse({ to: 'closed' }));
    // Group: 600 Texans and EU residents, aware an hour ago, high risk: the 72 hours and "without undue delay" run.
    await record(groupAccess, {
      title: 'Ransomware on the billing servers', category: 'malware', severity: 'critical', discoveredAt: at(2 * HOUR), awareAt: at(1 * HOUR),
      individualsTotal: 650, individualsByState: { TX: 600 }, individualsByCountry: { FR: 50 },
    }, { hipaaRole: 'covered_entity', gdprRole: 'controller', phiInvolved: true, personalDataBreach: true, gdprRisk: 'high', gdprRationale: 'Health and financial data.' });
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the register as a table, and filtered as JSON', () => {
    const table = custos(['incidents', 'list', '--org', 'cli-site'], env);
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Ref\s+Title\s+Category\s+Severity\s+Status\s+Reported\s+HIPAA\s+GDPR\s+Open clocks\s+Next due$/);
    // The site's zone (CST/CDT) for the reported date and the next due instant: the 72 hours, 8 hours overdue.
    expect(lines[1]).toMatch(/^INC-0001\s+Lab results e-mailed to the wrong patient\s+misdirected_phi\s+high\s+reported\s+\d{4}-\d{2}-\d{2}\s+breach\s+risk\s+3 \(1 overdue\)\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} C[SD]T$/);
    expect(lines[2]).toMatch(/^INC-0002\s+Phishing e-mail reported by a nurse\s+phishing\s+low\s+closed\s+\S+\s+not_assessed\s+not_assessed\s+0\s+—$/);
    expect(table.stderr).toContain('2 incidents');
    const open = custos(['incidents', 'list', '--org', 'cli-site', '--status', 'open', '--json'], env);
    expect(open.code, open.stderr).toBe(0);
    expect((JSON.parse(open.stdout) as { ref: string; openObligations: number }[]).map((i) => [i.ref, i.openObligations])).toEqual([['INC-0001', 3]]);
  }, SPAWNS_TIMEOUT);

  it('lists the open clocks of the group and its site: overdue first, then "without undue delay", then by due instant', () => {
    const result = custos(['incidents', 'clocks', '--org', 'cli-group'], env);
    expect(result.code, result.stderr).toBe(0);
    const rows = result.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^Organization\s+Ref\s+Title\s+Obligation\s+Due\s+When$/);
    const clocks = rows.slice(1).map((r) => ({ org: r.slice(0, 28).trim(), obligation: r.match(/\s((?:hipaa|gdpr)\.\S+)\s/)![1], when: r.match(/(due in .+|overdue by .+|without undue delay)$/)![1] }));
    expect(clocks[0]).toMatchObject({ org: 'CLI Site Hospital', obligation: 'gdpr.supervisory_authority', when: expect.stringMatching(/^overdue by (7|8) h/) });
    expect(clocks[1]).toMatchObject({ org: 'CLI Health', obligation: 'gdpr.data_subjects', when: 'without undue delay' });
    expect(clocks[2]).toMatchObject({ org: 'CLI Health', obligation: 'gdpr.supervisory_authority', when: expect.stringMatching(/^due in (2 d 2[23] h|3 d 0 h)$/) });
    expect(clocks.map((c) => c.obligation).sort()).toEqual(['gdpr.data_subjects', 'gdpr.supervisory_authority', 'gdpr.supervisory_authority', 'hipaa.hhs', 'hipaa.hhs_annual_log', 'hipaa.individuals', 'hipaa.individuals', 'hipaa.media.TX']);
    // The group's clocks in UTC, the site's in Chicago time.
    expect(rows.find((r) => r.includes('CLI Health') && r.includes('hipaa.hhs '))).toMatch(/ UTC\s+due in /);
    expect(rows.find((r) => r.includes('hipaa.hhs_annual_log'))).toMatch(/ C[SD]T\s+due in /);
    expect(result.stderr).toMatch(/^8 open clocks: 1 overdue, 1 due within 7 days$/m);
  }, SPAWNS_TIMEOUT);

  it('writes the HHS log of a year as CSV to stdout and JSON to a file, naming the missing portal fields', () => {
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago', year: 'numeric' }).format(new Date(siteDiscoveredAt));
    const csv = custos(['incidents', 'hhs-log', '--org', 'cli-site', '--year', year], env);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toMatch(/^incident_ref,title,covered_entity,breach_start_date,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^INC-0001,Lab results e-mailed to the wrong patient,CLI Site Hospital,/);
    expect(lines[1]).toMatch(/,no,breachEndDate; phiKinds; safeguardsInPlace; actionsTaken$/);
    const out = path.join(dir, 'log.json');
    const file = custos(['incidents', 'hhs-log', '--org', 'cli-site', '--year', year, '--out', out], env);
    expect(file.code, file.stderr).toBe(0);
    expect(file.stderr).toContain(`Exported the HHS breach log ${year} of CLI Site Hospital (1 breach, due ${formatCivilDate(addCalendarDays({ year: Number(year), month: 12, day: 31 }, 60))}) to ${out}`);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toMatchObject({ year: Number(year), entries: [{ incident: { ref: 'INC-0001' }, individuals: 3 }] });
  }, SPAWNS_TIMEOUT);

  it('exports the register as JSON with the list items, filtered by status, and no encrypted contents', () => {
    const result = custos(['incidents', 'export', '--org', 'cli-site', '--format', 'json', '--status', 'closed'], env);
    expect(result.code, result.stderr).toBe(0);
    const exported = JSON.parse(result.stdout) as { organization: { name: string }; filters: Record<string, unknown>; items: { ref: string; title: string; status: string }[] };
    expect(exported.organization.name).toBe('CLI Site Hospital');
    expect(exported.filters).toMatchObject({ status: 'closed', sort: 'ref', dir: 'asc' });
    expect(exported.items.map((i) => [i.ref, i.title, i.status])).toEqual([['INC-0002', 'Phishing e-mail reported by a nurse', 'closed']]);
    expect(result.stdout).not.toContain('The report button works.');
  }, SPAWNS_TIMEOUT);

  it('refuses bad usage with exit 2 and `--flag: problem`', () => {
    const year = custos(['incidents', 'hhs-log', '--org', 'cli-site', '--year', '26'], env);
    expect(year.code).toBe(2);
    expect(year.stderr).toMatch(/^--year: must be a year from 2009 to 2199/m);
    const org = custos(['incidents', 'clocks'], env);
    expect(org.code).toBe(2);
    expect(org.stderr).toMatch(/^--org: is required/m);
  }, SPAWNS_TIMEOUT);
});
