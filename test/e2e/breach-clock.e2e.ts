/**
 * Browser journey: the what-if breach clock (issue 6 items 4 and 7; 45 CFR 164.404–164.412, GDPR Art. 33,
 * 34). A signed-in person opens Check → Breach clock, enters a scenario, and reads each obligation with
 * its rule, citation, due time in the zone and in UTC, and a countdown stated in words; bad input is named
 * by field; a law-enforcement hold shows its rule. Accessibility is checked with axe on the way.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations, recordPageProblems } from './support/page-checks.js';
import { buildWebIfStale, hasChromium, launchBrowser, makeTempDir, runCli, startServer, type RunningServer } from './support/server.js';

const EMAIL = 'clock@example.org';
const PASSWORD = 'Quartz-Meadow-Beacon-41';

describe.skipIf(!hasChromium)('browser journey: the what-if breach clock', () => {
  let workDir = '';
  let server: RunningServer | null = null;
  let browser: BrowserContext | null = null;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    buildWebIfStale();
    workDir = makeTempDir('custos-e2e-breach-');
    const env = { ...process.env, CUSTOS_DATA_DIR: path.join(workDir, 'data'), CUSTOS_DEMO: '0' };
    runCli(['init', '--admin-email', EMAIL, '--org-name', 'Harbor Hospital', '--org-slug', 'harbor', '--password-stdin'], { env, input: PASSWORD });
    server = await startServer(env);
    browser = await launchBrowser(path.join(workDir, 'chromium-profile'));
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(20_000);
    await page.setViewportSize({ width: 1440, height: 1000 });
    problems = await recordPageProblems(page);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('opens from the navigation with the organization\'s time zone', async () => {
    await page.goto(`${server!.baseUrl}/`);
    await page.getByTestId('sign-in-email').fill(EMAIL);
    await page.getByTestId('sign-in-password').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(/\/o\/[^/]+\//);
    await page.getByTestId('nav-breach-clock').click();
    await page.getByTestId('breach-clock-form').waitFor();
    await expect.poll(() => page.getByTestId('breach-timezone').inputValue()).toBe('UTC');
    await expectNoSeriousA11yViolations(page, 'the breach clock');
  });

  it('names the field of a bad scenario', async () => {
    await page.getByTestId('breach-individuals').fill('10');
    await page.getByTestId('breach-add-state').click();
    const rows = page.getByTestId('breach-residents').locator('tbody tr');
    await rows.nth(0).getByLabel('State').selectOption('NY');
    await rows.nth(0).getByLabel('Residents').fill('9000');
    await page.getByTestId('breach-calculate').click();
    await page.getByText('Residents per State: adds up to 9000, more than individuals (10)').waitFor();
  });

  it('lists every obligation with its rule, citation, due times and a countdown in words', async () => {
    await page.getByTestId('breach-timezone').fill('America/New_York');
    await page.getByTestId('breach-discovered-at').fill('2027-12-31T12:00');
    await page.getByTestId('breach-individuals').fill('12000');
    await page.getByTestId('breach-add-state').click();
    const second = page.getByTestId('breach-residents').locator('tbody tr').nth(1);
    await second.getByLabel('State').selectOption('NJ');
    await second.getByLabel('Residents').fill('500');
    await page.getByTestId('breach-aware-at').fill('2026-03-06T12:00');
    await page.getByTestId('breach-gdpr-risk').selectOption('high');
    await page.getByTestId('breach-calculate').click();
    await page.getByTestId('breach-obligations').waitFor();

    const individuals = page.getByTestId('obligation-hipaa.individuals');
    await expect.poll(() => individuals.innerText()).toMatch(/45 CFR 164\.404\(b\)/);
    const text = await individuals.innerText();
    expect(text).toMatch(/Required/);
    expect(text).toMatch(/29 Feb 2028, 23:59:59 GMT-5/);
    expect(text).toMatch(/01 Mar 2028, 04:59:59/);
    expect(await page.getByTestId('obligation-hipaa.hhs_annual_log').innerText()).toMatch(/Not required/);
    expect(await page.getByTestId('obligation-hipaa.media.NJ').innerText()).toMatch(/Not required[\s\S]*not more than 500/);
    expect(await page.getByTestId('obligation-hipaa.media.NY').innerText()).toMatch(/Required/);
    const authority = page.getByTestId('obligation-gdpr.supervisory_authority');
    expect(await authority.innerText()).toMatch(/GDPR Art\. 33\(1\)[\s\S]*09 Mar 2026, 13:00:00 GMT-4[\s\S]*09 Mar 2026, 17:00:00/);
    await expect.poll(() => authority.locator('[data-urgency]').getAttribute('data-urgency')).toBe('overdue');
    expect(await authority.innerText()).toMatch(/Overdue by \d+ d/);
    expect(await page.getByTestId('obligation-gdpr.data_subjects').innerText()).toMatch(/Without undue delay/);
    await expectNoSeriousA11yViolations(page, 'the breach clock with obligations');
  });

  it('states the rule for a law-enforcement hold and shows the hold on each held notice', async () => {
    await page.getByTestId('breach-hold').fill('2028-04-01T10:00');
    await page.getByTestId('breach-calculate').click();
    await page.getByTestId('breach-hold-rule').waitFor();
    expect(await page.getByTestId('breach-hold-rule').innerText()).toMatch(/later of the original due time and the end of the hold/);
    expect(await page.getByTestId('obligation-hipaa.individuals').innerText()).toMatch(/Held until 01 Apr 2028, 10:00:00 GMT-4 \(164\.412\)/);
    expect(problems).toEqual([]);
  });
});
