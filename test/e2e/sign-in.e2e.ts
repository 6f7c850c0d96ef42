/**
 * Browser journey: sign in, enrol two-factor authentication, sign in again with a TOTP code, switch
 * organization, and find the sign-in in the audit trail (A.8.5 secure authentication; A.8.15 logging;
 * 45 CFR 164.312(b), (d)). Accessibility is checked with axe on the way (WCAG 2.1 AA).
 */
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { generate } from 'otplib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebIfStale, hasChromium, launchBrowser, makeTempDir, runCli, startServer, type RunningServer } from './support/server.js';

const ADMIN_EMAIL = 'e2e@example.org';
const ADMIN_PASSWORD = 'Tidal-Lantern-Orchard-58';
const TOTP_STEP_MS = 30_000;

async function expectNoSeriousA11yViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const report = serious
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.nodes
          .map((node) => `${node.target.join(' ')}: ${node.html.slice(0, 160)}`)
          .slice(0, 5)
          .join('\n  ')}`,
    )
    .join('\n');
  expect(report, `axe found serious or critical violations on ${where}`).toBe('');
}

/** A code for a time step after `afterStep`: the server refuses a step already used (replay). */
async function freshTotp(secret: string, afterStep: number): Promise<{ code: string; step: number }> {
  const nextStepAt = (afterStep + 1) * TOTP_STEP_MS;
  const wait = nextStepAt - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 250));
  const now = Date.now();
  return { code: await generate({ secret, epoch: Math.floor(now / 1000) }), step: Math.floor(now / TOTP_STEP_MS) };
}

async function signIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByTestId('sign-in-form').waitFor();
  await page.getByTestId('sign-in-email').fill(ADMIN_EMAIL);
  await page.getByTestId('sign-in-password').fill(ADMIN_PASSWORD);
  await page.getByTestId('sign-in-submit').click();
}

async function switchOrganization(page: Page, name: string): Promise<void> {
  await page.getByTestId('org-switcher').click();
  await page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
  await page.getByTestId('overview-title').filter({ hasText: name }).waitFor();
}

describe.skipIf(!hasChromium)('browser journey: sign-in with two-factor authentication', () => {
  let workDir = '';
  let server: RunningServer | null = null;
  let browser: BrowserContext | null = null;
  let page: Page;
  let baseUrl = '';
  let totpSecret = '';
  let lastStep = 0;
  const consoleProblems: string[] = [];

  beforeAll(async () => {
    buildWebIfStale();
    workDir = makeTempDir('custos-e2e-');
    const env = { ...process.env, CUSTOS_DATA_DIR: path.join(workDir, 'data'), CUSTOS_DEMO: '0' };
    runCli(['init', '--admin-email', ADMIN_EMAIL, '--org-name', 'Harbor Hospital', '--org-slug', 'harbor', '--password-stdin'], { env, input: ADMIN_PASSWORD });
    runCli(['org', 'add', '--name', 'Harbor Clinic', '--slug', 'harbor-clinic', '--parent', 'harbor', '--kind', 'clinic', '--admin-email', ADMIN_EMAIL], { env });
    server = await startServer(env);
    baseUrl = server.baseUrl;
    browser = await launchBrowser(path.join(workDir, 'chromium-profile'));
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(15_000);
    // Every CSP violation fires this event, including ones the page catches (and so never logs).
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`));
    });
    page.on('console', (message) => {
      if (/Content Security Policy|CSP violation/i.test(message.text())) consoleProblems.push(message.text());
    });
    page.on('pageerror', (error) => consoleProblems.push(`page error: ${error.message}`));
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('shows an accessible sign-in page', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('sign-in-form').waitFor();
    await expectNoSeriousA11yViolations(page, 'the sign-in page');
  });

  it('signs in with e-mail and password and opens the overview', async () => {
    await signIn(page, baseUrl);
    await page.getByTestId('overview-title').filter({ hasText: 'Harbor Hospital' }).waitFor();
  });

  it('enrols two-factor authentication under My account and shows the recovery codes once', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-menu-account').click();
    await page.getByTestId('mfa-section').waitFor();
    await page.getByTestId('mfa-start').click();
    totpSecret = ((await page.getByTestId('mfa-secret').textContent()) ?? '').trim();
    expect(totpSecret).toMatch(/^[A-Z2-7]{16,}$/);
    const { code, step } = await freshTotp(totpSecret, Math.floor(Date.now() / TOTP_STEP_MS) - 1);
    lastStep = step;
    await page.getByTestId('mfa-confirm-code').fill(code);
    await page.getByTestId('mfa-confirm').click();
    await page.getByTestId('recovery-codes').waitFor();
    expect(await page.getByTestId('recovery-code').count()).toBeGreaterThanOrEqual(5);
    await page.getByTestId('mfa-status').filter({ hasText: 'On' }).waitFor();
  });

  it('signs out', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-notice').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('asks for a code at the next sign-in and accepts a fresh TOTP code', async () => {
    await signIn(page, baseUrl);
    await page.getByTestId('mfa-form').waitFor();
    const { code } = await freshTotp(totpSecret, lastStep);
    await page.getByTestId('mfa-code').fill(code);
    await page.getByTestId('mfa-submit').click();
    await page.getByTestId('overview-title').filter({ hasText: 'Harbor Hospital' }).waitFor();
  });

  it('switches to Harbor Clinic and back with the organization switcher', async () => {
    const hospitalPath = new URL(page.url()).pathname;
    await switchOrganization(page, 'Harbor Clinic');
    expect(new URL(page.url()).pathname).not.toBe(hospitalPath);
    await switchOrganization(page, 'Harbor Hospital');
    expect(new URL(page.url()).pathname).toBe(hospitalPath);
  });

  it('finds the two-factor sign-in in the audit log', async () => {
    await page.getByTestId('nav-audit-log').click();
    await page.getByTestId('audit-table').waitFor();
    const row = page.locator('[data-testid="table-row"][data-event-type="auth.login_succeeded"][data-auth-method="password_mfa"]').first();
    await row.waitFor();
    await expect(row.getByTestId('audit-event-label').textContent()).resolves.toBe('Signed in');
    await expect(row.getByTestId('audit-event-method').textContent()).resolves.toBe('password_mfa');
  });

  it('keeps the audit log accessible', async () => {
    await expectNoSeriousA11yViolations(page, 'the audit log');
  });

  it('ran without Content Security Policy violations or page errors', () => {
    expect(consoleProblems).toEqual([]);
  });
});
