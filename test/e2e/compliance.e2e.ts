/**
 * Browser journey: controls, evidence, the Statement of Applicability and readiness (issue 4; ISO/IEC
 * 27001:2022 6.1.3 d), A.5.3 segregation of duties; 45 CFR 164.308(a)(7)(ii)(A) data backup plan). The
 * ISMS administrator adopts the starter library, marks "Backup of ePHI" implemented with an evidence
 * file, sees its SoA row (A.8.13) and its HIPAA specification turn implemented and the ISO and HIPAA
 * readiness rise, publishes SoA version 1; top management approves it; both download the XLSX and the PDF.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations, recordPageProblems } from './support/page-checks.js';
import { buildWebIfStale, hasChromium, launchBrowser, makeTempDir, runCli, startServer, type RunningServer } from './support/server.js';

const ADMIN_EMAIL = 'ciso-e2e@example.org';
const ADMIN_PASSWORD = 'Granite-Lantern-Orchard-58';
const CEO_EMAIL = 'ceo-e2e@example.org';
const CEO_PASSWORD = 'Meadow-Compass-Harvest-41';
const CONTROL = 'Backup of ePHI';
const HIPAA_SPEC = '164.308(a)(7)(ii)(A)';

describe.skipIf(!hasChromium)('browser journey: starter library, evidence, SoA publication and approval, readiness', () => {
  let workDir = '';
  let server: RunningServer | null = null;
  let browser: BrowserContext | null = null;
  let page: Page;
  let problems: string[] = [];
  const before = { iso: '', hipaa: '' };

  const signIn = async (email: string, password: string) => {
    await page.goto(`${server!.baseUrl}/`);
    await page.getByTestId('sign-in-email').fill(email);
    await page.getByTestId('sign-in-password').fill(password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('overview-title').filter({ hasText: 'Harbor Hospital' }).waitFor();
  };
  const readiness = async (frameworkId: string) => (await page.locator(`[data-testid="readiness-framework"][data-framework="${frameworkId}"] [data-testid="framework-readiness"]`).textContent())?.trim() ?? '';
  const percent = (text: string) => Number(/(\d+(?:\.\d+)?)\s*%/.exec(text)?.[1] ?? NaN);
  const download = async (testId: string, opener: () => Promise<void>) => {
    const [file] = await Promise.all([page.waitForEvent('download'), (async () => {
      await opener();
      await page.getByTestId(testId).click();
    })()]);
    const target = path.join(workDir, file.suggestedFilename());
    await file.saveAs(target);
    return { name: file.suggestedFilename(), bytes: fs.readFileSync(target) };
  };

  beforeAll(async () => {
    buildWebIfStale();
    workDir = makeTempDir('custos-e2e-compliance-');
    const env = { ...process.env, CUSTOS_DATA_DIR: path.join(workDir, 'data'), CUSTOS_DEMO: '0' };
    runCli(['init', '--admin-email', ADMIN_EMAIL, '--org-name', 'Harbor Hospital', '--org-slug', 'harbor', '--password-stdin'], { env, input: ADMIN_PASSWORD });
    runCli(['user', 'add', '--email', CEO_EMAIL, '--org', 'harbor', '--role', 'top_management', '--name', 'Dr. Casey Chief', '--password-stdin'], { env, input: CEO_PASSWORD });
    server = await startServer(env);
    browser = await launchBrowser(path.join(workDir, 'chromium-profile'));
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(20_000);
    problems = await recordPageProblems(page);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('adopts the healthcare starter library in one click', async () => {
    await signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByTestId('nav-controls').click();
    await page.getByTestId('control-empty-adopt').click();
    await page.getByTestId('adopt-starter-dialog').waitFor();
    await page.getByTestId('confirm-dialog-confirm').click();
    await page.getByTestId('control-link').filter({ hasText: 'Information security policy set' }).waitFor();
    await expect(page.getByTestId('control-link').count()).resolves.toBeGreaterThanOrEqual(50);
    await expectNoSeriousA11yViolations(page, 'control register');
  });

  it('reads the readiness before any control is implemented', async () => {
    await page.getByTestId('nav-readiness').click();
    await page.locator('[data-testid="readiness-framework"][data-framework="iso27001-2022"]').waitFor();
    before.iso = await readiness('iso27001-2022');
    before.hipaa = await readiness('hipaa-security-rule');
    expect(percent(before.iso)).toBe(0);
    expect(percent(before.hipaa)).toBe(0);
  });

  it('marks "Backup of ePHI" implemented and attaches a restore-test report as evidence', async () => {
    await page.getByTestId('nav-controls').click();
    await page.getByTestId('control-search').fill('Backup of ePHI');
    await page.getByTestId('control-link').filter({ hasText: CONTROL }).first().click();
    await page.getByTestId('page-title').filter({ hasText: CONTROL }).waitFor();
    await page.getByTestId('control-edit').click();
    await page.getByTestId('control-form').waitFor();
    await page.getByTestId('control-status').selectOption('implemented');
    await page.getByTestId('control-implementedOn').fill(new Date().toISOString().slice(0, 10));
    await page.getByTestId('control-save').click();
    await page.getByTestId('control-header-badges').filter({ hasText: 'Implemented' }).waitFor();

    await page.getByTestId('control-tab-evidence').click();
    await page.getByTestId('evidence-upload').locator('input[type="file"]').setInputFiles({ name: 'restore-test.txt', mimeType: 'text/plain', buffer: Buffer.from('Restore test of the EHR database: completed in 3 h 12 min, checksums matched.\n') });
    await page.getByTestId('evidence-title').fill('Restore test report');
    await page.getByTestId('evidence-upload-submit').click();
    await page.getByTestId('evidence-table').getByText('Restore test report').waitFor();
    await expectNoSeriousA11yViolations(page, 'control evidence');
  });

  it('shows the SoA row A.8.13 and the HIPAA data backup plan implemented, and readiness risen', async () => {
    await page.getByTestId('nav-soa').click();
    const row = page.locator('[data-testid="soa-row"][data-ref="A.8.13"]');
    await row.getByTestId('soa-status').filter({ hasText: 'Implemented' }).waitFor();
    await expect(row.getByTestId('soa-evidence').textContent()).resolves.toContain('1');
    await expectNoSeriousA11yViolations(page, 'statement of applicability');

    await page.getByTestId('nav-hipaa').click();
    const spec = page.locator(`[data-testid="hipaa-spec"][data-ref="${HIPAA_SPEC}"]`);
    await spec.getByTestId('compliance-status').filter({ hasText: 'Compliant' }).waitFor();

    await page.getByTestId('nav-readiness').click();
    await page.locator('[data-testid="readiness-framework"][data-framework="iso27001-2022"]').waitFor();
    await expect.poll(async () => percent(await readiness('iso27001-2022'))).toBeGreaterThan(percent(before.iso));
    await expect.poll(async () => percent(await readiness('hipaa-security-rule'))).toBeGreaterThan(percent(before.hipaa));
  });

  it('publishes SoA version 1, which its publisher may not approve', async () => {
    await page.getByTestId('nav-soa').click();
    await page.getByTestId('soa-publish').click();
    await page.getByTestId('soa-publish-dialog-note').fill('For the stage 1 audit');
    await page.getByTestId('soa-publish-dialog-confirm').click();
    await page.getByTestId('soa-tab-versions').click();
    const version = page.locator('[data-testid="soa-version-row"][data-version="1"]');
    await version.waitFor();
    await expect(version.getByTestId('soa-approve').count()).resolves.toBe(0);
  });

  it('lets top management approve the version and download the XLSX and the PDF', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-email').waitFor();
    await signIn(CEO_EMAIL, CEO_PASSWORD);
    await page.getByTestId('nav-soa').click();
    await page.getByTestId('soa-tab-versions').click();
    const version = page.locator('[data-testid="soa-version-row"][data-version="1"]');
    await version.getByTestId('soa-approve').click();
    await page.getByTestId('soa-approve-dialog-confirm').click();
    await version.getByText('Dr. Casey Chief').waitFor();

    const openMenu = async () => { await version.getByTestId('soa-download-1').click(); };
    const xlsx = await download('soa-export-xlsx', openMenu);
    expect(xlsx.name).toMatch(/\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const pdf = await download('soa-export-pdf', openMenu);
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(problems).toEqual([]);
  });
});
