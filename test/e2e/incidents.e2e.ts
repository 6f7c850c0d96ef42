/**
 * Browser journey: an incident from a staff report to a fulfilled HHS notice (issue 6; ISO/IEC 27001:2022
 * A.6.8, A.5.24–A.5.26; 45 CFR 164.402, 164.404–164.408). On the demo hospital a staff member reports an
 * incident (and cannot see the register); the privacy officer finds it in the register, records when it
 * was discovered and how many people in which State are affected, completes the four-factor assessment
 * and concludes a breach of unsecured PHI, sees the clocks start (individuals, HHS because 500 or more,
 * media for a State with more than 500 residents) with the due date the deadline engine gives, records
 * the HHS notice and sees that obligation turn done while the others stay pending. The staff member still
 * cannot open the incident. Axe checks each page on the way; any CSP violation or page error fails it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, computeBreachClock, formatCivilDate, instantOfLocalDateTime, localDateOf, localDateTimeOf } from '../../src/shared/breach-clock.js';
import { apiAs, parseCredentials, type Api, type Credential } from './support/demo-api.js';
import { expectNoSeriousA11yViolations, recordPageProblems } from './support/page-checks.js';
import { buildWebIfStale, hasChromium, launchBrowser, makeTempDir, runCli, startServer, type RunningServer } from './support/server.js';

const HOSPITAL = 'Northbridge General Hospital';
// Unique among the demo's incidents: the report is found by its title, never by a fixed reference.
const TITLE = 'E2E: ransomware note on the pharmacy dispensing workstation';
const INDIVIDUALS = 640;
const RESIDENTS = { NY: 610, NJ: 30 } as const;
const DAY_MS = 86_400_000;

/** The text `formatInZone` of the Clocks tab shows, formatted by the page's own Intl (same ICU as the UI). */
async function dueTextInPage(page: Page, iso: string, timeZone: string): Promise<string> {
  return page.evaluate(
    ([at, zone]) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'shortOffset' }).format(new Date(at!)),
    [iso, timeZone],
  );
}

describe.skipIf(!hasChromium)('browser journey: a staff report becomes a HIPAA breach with running clocks and a fulfilled HHS notice', () => {
  let workDir = '';
  let server: RunningServer | null = null;
  let browser: BrowserContext | null = null;
  let page: Page;
  let problems: string[] = [];
  let credentials = new Map<string, Credential>();
  let orgId = '';
  let timeZone = '';
  let privacyApi: Api;
  let incidentRef = '';
  let incidentId = '';
  let incidentUrl = '';
  // The HIPAA discovery instant as typed (local time in the hospital's zone), three days ago so every clock is open.
  let discoveredLocal = '';
  let awareLocal = '';

  const signIn = async (role: string) => {
    const who = credentials.get(role)!;
    await page.goto(`${server!.baseUrl}/`);
    await page.getByTestId('sign-in-email').fill(who.email);
    await page.getByTestId('sign-in-password').fill(who.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('overview-title').waitFor();
    // Group-wide roles may land on the group; the journey happens at the hospital.
    await page.goto(`${server!.baseUrl}/o/${orgId}/overview`);
    await page.getByTestId('overview-title').waitFor();
  };
  const signOut = async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-email').waitFor();
  };
  const obligationRow = (id: string): Locator => page.getByTestId('incident-obligations').getByTestId(`obligation-${id}`);

  beforeAll(async () => {
    buildWebIfStale();
    workDir = makeTempDir('custos-e2e-incidents-');
    // The demo loads only into an empty SQLite database and never with CUSTOS_DEMO=0 or DATABASE_URL.
    const env: NodeJS.ProcessEnv = { ...process.env, CUSTOS_DATA_DIR: path.join(workDir, 'data'), CUSTOS_KEY_FILE: path.join(workDir, 'master.key') };
    delete env.CUSTOS_DEMO;
    delete env.DATABASE_URL;
    credentials = parseCredentials(runCli(['init', '--demo'], { env }));
    for (const role of ['staff', 'privacy_officer']) expect(credentials.has(role), `demo sign-in for ${role}`).toBe(true);
    server = await startServer(env);

    privacyApi = await apiAs(server.baseUrl, credentials.get('privacy_officer')!);
    const session = await privacyApi<{ memberships: { organizationId: string; organizationName: string }[] }>('GET', '/auth/session');
    orgId = session.memberships.find((m) => m.organizationName === HOSPITAL)!.organizationId;
    timeZone = (await privacyApi<{ timeZone: string }>('GET', `/orgs/${orgId}`)).timeZone;
    discoveredLocal = localDateTimeOf(Date.now() - 3 * DAY_MS, timeZone);
    awareLocal = localDateTimeOf(Date.now() - 3 * DAY_MS + 2 * 3_600_000, timeZone);

    browser = await launchBrowser(path.join(workDir, 'chromium-profile'));
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(20_000);
    problems = await recordPageProblems(page);
    // Building the web UI and loading the demo take a while on a busy machine.
  }, 300_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('lets a staff member report an incident and see it under My reports, without the register', async () => {
    await signIn('staff');
    await expect(page.getByTestId('nav-incidents').count()).resolves.toBe(0);
    await page.getByTestId('nav-report-incident').click();
    const form = page.getByTestId('report-incident-form');
    await form.waitFor();
    await form.getByLabel('Title').fill(TITLE);
    await form.getByLabel('What happened').fill('At 07:40 the dispensing workstation in the inpatient pharmacy showed a ransom note; the medication profiles of patients were open on screen. I unplugged the network cable and called the service desk.');
    await form.getByLabel('Category').selectOption({ label: 'Ransomware / malware' });
    await form.getByLabel('When it happened').fill(discoveredLocal);
    await form.getByLabel('Patient information may be involved').check();
    await expectNoSeriousA11yViolations(page, 'report an incident');
    await form.getByRole('button', { name: 'Send report' }).click();

    const sent = page.getByTestId('report-sent');
    await sent.waitFor();
    incidentRef = (await sent.getAttribute('data-incident-ref')) ?? '';
    expect(incidentRef).toMatch(/^INC-/);
    const mine = page.locator(`[data-testid="my-report-row"][data-incident-ref="${incidentRef}"]`);
    await mine.waitFor();
    await expect(mine.textContent()).resolves.toContain(TITLE);
    // Without incident.read the reference is not a link to the incident.
    await expect(mine.getByRole('link').count()).resolves.toBe(0);
    await expectNoSeriousA11yViolations(page, 'report sent and my reports');
  });

  it('lets the privacy officer find the report in the register and record discovery and the individuals affected', async () => {
    await signOut();
    await signIn('privacy_officer');
    await page.getByTestId('nav-incidents').click();
    await page.getByTestId('incident-table').waitFor();
    await page.getByTestId('incident-search').fill(TITLE);
    const row = page.locator(`[data-testid="table-row"][data-incident-ref="${incidentRef}"]`);
    await row.waitFor();
    await expect.poll(() => page.getByTestId('table-row').count()).toBe(1);
    incidentId = (await row.getAttribute('data-incident-id')) ?? '';
    await expectNoSeriousA11yViolations(page, 'incident register');
    // The export carries the search shown: one row, the register's columns, and no description.
    await page.getByTestId('incident-export').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('incident-export-csv').click()]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    expect(download.suggestedFilename()).toMatch(/^incidents-.*\.csv$/);
    const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('Reference,Title,Category,Status,Severity,Reported,HIPAA discovery,Handler,Individuals affected,HIPAA conclusion,GDPR conclusion,Open obligations,Overdue obligations,Next due,Archived,Last changed');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(incidentRef);
    expect(csv).not.toContain('ransom note');
    // Column choice: the HIPAA discovery date is one click away and goes again.
    const table = page.getByTestId('incident-table');
    await page.getByTestId('incident-columns').click();
    const discovered = page.getByRole('checkbox', { name: 'Discovered (HIPAA)' });
    await discovered.check();
    await expect.poll(() => table.getByRole('columnheader', { name: /Discovered \(HIPAA\)/ }).count()).toBe(1);
    await discovered.uncheck();
    await expect.poll(() => table.getByRole('columnheader', { name: /Discovered \(HIPAA\)/ }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await row.getByRole('link', { name: TITLE }).click();
    await expect.poll(() => page.getByTestId('incident-ref').textContent()).toBe(incidentRef);
    incidentUrl = page.url().replace(/\?.*$/, '');
    expect(incidentUrl).toContain(`/incidents/${incidentId}`);
    await page.getByTestId('incident-phi-flag').waitFor();

    await page.getByTestId('incident-overview').waitFor();
    await page.getByRole('button', { name: 'Edit incident' }).click();
    const form = page.getByTestId('incident-form');
    await form.waitFor();
    await form.getByLabel('Discovered (HIPAA)', { exact: true }).fill(discoveredLocal);
    await form.getByLabel('Became aware (GDPR)', { exact: true }).fill(awareLocal);
    await form.getByLabel('Individuals affected (total)', { exact: true }).fill(String(INDIVIDUALS));
    const states = form.getByTestId('incident-form-states');
    for (const [index, [code, count]] of Object.entries(RESIDENTS).entries()) {
      await states.getByRole('button', { name: 'Add a State' }).click();
      await states.getByLabel('State', { exact: true }).nth(index).selectOption(code);
      await states.getByLabel(`Individuals (${code})`, { exact: true }).fill(String(count));
    }
    await expectNoSeriousA11yViolations(page, 'incident edit form');
    await form.getByRole('button', { name: 'Save changes' }).click();

    const overview = page.getByTestId('incident-overview');
    await overview.waitFor();
    await overview.getByText(`NY: ${RESIDENTS.NY}`).waitFor();
    const stored = await privacyApi<{ discoveredAt: string | null; awareAt: string | null; individualsTotal: number; individualsByState: Record<string, number> }>('GET', `/orgs/${orgId}/incidents/${incidentId}`);
    expect(Date.parse(stored.discoveredAt!)).toBe(instantOfLocalDateTime(discoveredLocal, timeZone));
    expect(Date.parse(stored.awareAt!)).toBe(instantOfLocalDateTime(awareLocal, timeZone));
    expect(stored.individualsTotal).toBe(INDIVIDUALS);
    expect(stored.individualsByState).toEqual(RESIDENTS);
  });

  it('completes the four-factor assessment and concludes a breach of unsecured PHI', async () => {
    await page.getByTestId('incident-tab-assessment').click();
    const tab = page.getByTestId('assessment-tab');
    await tab.waitFor();
    await tab.locator('[data-testid="hipaa-conclusion"][data-conclusion="not_assessed"]').waitFor();
    await tab.getByLabel('HIPAA role', { exact: true }).selectOption('covered_entity');
    await tab.getByLabel('GDPR role', { exact: true }).selectOption('none');
    await tab.getByRole('checkbox', { name: 'PHI involved' }).check();
    await tab.getByRole('radio', { name: 'No exclusion applies' }).check();
    await tab.getByRole('radio', { name: 'Not secured' }).check();
    const findings: [string, string, 'low' | 'not_low'][] = [
      ['nature_extent', '164.402(2)(i)', 'not_low'],
      ['unauthorized_person', '164.402(2)(ii)', 'not_low'],
      ['acquired_viewed', '164.402(2)(iii)', 'not_low'],
      ['mitigation', '164.402(2)(iv)', 'low'],
    ];
    const text: Record<string, string> = {
      nature_extent: 'Names, dates of birth, medication profiles and allergies of inpatients: re-identification is certain.',
      unauthorized_person: 'An unknown criminal group with an extortion motive.',
      acquired_viewed: 'The gang claims to have copied the pharmacy database; exfiltration cannot be ruled out.',
      mitigation: 'The workstation was isolated within minutes and the pharmacy database credentials were rotated.',
    };
    for (const [factor, cite, indicates] of findings) {
      await tab.getByLabel(`Finding ${cite}`, { exact: true }).fill(text[factor]!);
      await tab
        .getByTestId(`factor-${factor}`)
        .getByRole('radio', { name: indicates === 'low' ? 'Points to a low probability of compromise' : 'Does not point to a low probability', exact: true })
        .check();
    }
    await expect(tab.getByRole('checkbox', { name: 'A low probability of compromise is demonstrated' }).isChecked()).resolves.toBe(false);
    await expectNoSeriousA11yViolations(page, 'breach assessment');
    await tab.getByRole('button', { name: 'Save assessment' }).click();
    await tab.locator('[data-testid="hipaa-conclusion"][data-conclusion="breach"]').waitFor();
    // The header follows once the incident is read again.
    await page.locator('[data-testid="incident-hipaa-conclusion"][data-conclusion="breach"]').first().waitFor();
  });

  it('shows the clocks started: individuals, HHS (500 or more) and media for NY, due 60 days after discovery', async () => {
    await page.getByTestId('incident-tab-clocks').click();
    await page.getByTestId('incident-obligations').waitFor();

    // The oracle: the deadline engine on the same inputs, and independently discovery date + 60 calendar days.
    const discoveredAt = new Date(instantOfLocalDateTime(discoveredLocal, timeZone)!).toISOString();
    const expected = computeBreachClock({ timezone: timeZone, hipaaRole: 'covered_entity', gdprRole: 'none', discoveredAt, hipaaBreach: true, individuals: INDIVIDUALS, residentsByState: { ...RESIDENTS }, gdprRisk: 'none' });
    const sixtyDays = formatCivilDate(addCalendarDays(localDateOf(Date.parse(discoveredAt), timeZone), 60));
    const byId = new Map(expected.obligations.map((o) => [o.id, o]));

    for (const id of ['hipaa.individuals', 'hipaa.hhs', 'hipaa.media.NY']) {
      const want = byId.get(id)!;
      expect(want.required, id).toBe(true);
      expect(want.dueDate, id).toBe(sixtyDays);
      const row = obligationRow(id);
      await expect.poll(() => row.getAttribute('data-status'), { message: id }).toBe('pending');
      await expect(row.getByTestId('clock-countdown').textContent()).resolves.toMatch(/^Due in \d+ days?\b/);
      const dueCell = (await row.locator('td').nth(2).textContent()) ?? '';
      expect(dueCell, id).toContain(await dueTextInPage(page, want.dueAt!, timeZone));
    }
    // Not required: the annual log (HHS is told now) and media in NJ (30 residents, not more than 500).
    for (const id of ['hipaa.hhs_annual_log', 'hipaa.media.NJ']) {
      expect(byId.get(id)!.required, id).toBe(false);
      await expect(obligationRow(id).getAttribute('data-status')).resolves.toBe('not_required');
    }
    const api = await privacyApi<{ obligations: { id: string; dueAt: string | null }[] }>('GET', `/orgs/${orgId}/incidents/${incidentId}/obligations`);
    expect(Object.fromEntries(api.obligations.map((o) => [o.id, o.dueAt]))).toEqual(Object.fromEntries(expected.obligations.map((o) => [o.id, o.dueAt])));
    await expectNoSeriousA11yViolations(page, 'incident clocks');
  });

  it('records the HHS notice from the clocks: that obligation turns done, the others stay pending', async () => {
    await obligationRow('hipaa.hhs').getByRole('link', { name: /^Record notification: / }).click();
    const form = page.getByTestId('communication-form');
    await form.waitFor();
    expect(new URL(page.url()).searchParams.get('obligation')).toBe('hipaa.hhs');
    // The link preselects the obligation and the recipient it is addressed to.
    await expect.poll(() => form.getByRole('combobox', { name: 'Fulfils obligation' }).inputValue()).toBe('hipaa.hhs');
    const recipient = page.getByTestId('communication-recipient');
    await expect.poll(() => recipient.inputValue()).toBe('hhs');
    await expect(recipient.locator('option:checked').textContent()).resolves.toBe('HHS (Secretary)');
    await form.getByRole('combobox', { name: 'Channel' }).selectOption({ label: 'Web portal (e.g. HHS breach portal)' });
    await form.getByLabel('Sent on').fill(localDateTimeOf(Date.now() - 3_600_000, timeZone));
    await form.getByRole('textbox', { name: 'What was communicated' }).fill('Breach report submitted on the HHS OCR breach portal: 640 individuals, ransomware on the pharmacy dispensing workstation.');
    await expectNoSeriousA11yViolations(page, 'record a communication');
    await form.getByRole('button', { name: 'Record communication' }).click();
    const dialog = page.getByTestId('communication-confirm-dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Record and fulfil' }).click();
    await page.locator('[data-testid="communication-row"][data-obligation="hipaa.hhs"]').waitFor();

    await page.getByTestId('incident-tab-clocks').click();
    await page.getByTestId('incident-obligations').waitFor();
    const hhs = obligationRow('hipaa.hhs');
    await expect.poll(() => hhs.getAttribute('data-status')).toBe('done');
    await expect(hhs.getByTestId('obligation-communication').textContent()).resolves.toMatch(/^Notified HHS \(Secretary\) on /);
    await expect(hhs.getByTestId('clock-countdown').count()).resolves.toBe(0);
    await expect(obligationRow('hipaa.individuals').getAttribute('data-status')).resolves.toBe('pending');
    await expect(obligationRow('hipaa.media.NY').getAttribute('data-status')).resolves.toBe('pending');
    await expectNoSeriousA11yViolations(page, 'incident clocks after the HHS notice');
  });

  it('shows the incident\'s history from the audit trail: field names and conclusions, never the encrypted contents', async () => {
    await page.getByTestId('incident-tab-history').click();
    const history = page.getByTestId('incident-history');
    await history.waitFor();
    await expect.poll(() => history.getByTestId('history-event').count()).toBeGreaterThanOrEqual(4);
    const events = await history.getByTestId('history-event').allTextContents();
    // Newest first: the HHS notice, then the assessment and the edit, the report last.
    expect(events[0]).toMatch(/^Communication about an incident recorded/);
    expect(events.at(-1)).toMatch(/^Incident reported by a staff member/);
    expect(events.some((e) => e.startsWith('Breach assessment recorded'))).toBe(true);
    expect(events.some((e) => e.startsWith('Incident changed'))).toBe(true);
    const text = (await history.textContent()) ?? '';
    expect(text).toContain('Fields changed:');
    expect(text).toContain('Individuals affected (total)');
    expect(text).toContain(`Reference: ${incidentRef}`);
    // The staff member's account of what happened is encrypted at rest and never in the audit trail.
    expect(text).not.toContain('ransom note');
    await expectNoSeriousA11yViolations(page, 'incident history');
  });

  it('still keeps the incident from the staff member who reported it', async () => {
    await signOut();
    await signIn('staff');
    await page.goto(incidentUrl);
    await page.getByTestId('no-permission').waitFor();
    await expect(page.getByTestId('incident-ref').count()).resolves.toBe(0);
    await expect(page.getByText(TITLE).count()).resolves.toBe(0);
    const staffApi = await apiAs(server!.baseUrl, credentials.get('staff')!);
    await expect(staffApi('GET', `/orgs/${orgId}/incidents`)).rejects.toThrow(/answered 403/);
    await expect(staffApi('GET', `/orgs/${orgId}/incidents/${incidentId}`)).rejects.toThrow(/answered 403/);
    expect(problems).toEqual([]);
  });
});
