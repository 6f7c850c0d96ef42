/**
 * Browser journey: the asset register (A.5.9 inventory; A.5.14 information transfer; 45 CFR
 * 164.308(b)(1) business associate contracts). An administrator records a medical device, adds an ePHI
 * flow from it to an external party without an agreement, sees the gap on the asset and in the gaps
 * list, sees the flow in the diagram, and exports the register as CSV. Accessibility is checked with axe
 * on the register and the asset page; any CSP violation fails the journey.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations, recordPageProblems } from './support/page-checks.js';
import { buildWebIfStale, hasChromium, launchBrowser, makeTempDir, runCli, startServer, type RunningServer } from './support/server.js';

const ADMIN_EMAIL = 'assets-e2e@example.org';
const ADMIN_PASSWORD = 'Copper-Harbour-Willow-73';
const DEVICE = 'Infusion pump fleet (Ward 4)';
const PARTY = 'PumpCloud Analytics Inc.';

describe.skipIf(!hasChromium)('browser journey: asset register, ePHI flow and its gap', () => {
  let workDir = '';
  let server: RunningServer | null = null;
  let browser: BrowserContext | null = null;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    buildWebIfStale();
    workDir = makeTempDir('custos-e2e-assets-');
    const env = { ...process.env, CUSTOS_DATA_DIR: path.join(workDir, 'data'), CUSTOS_DEMO: '0' };
    runCli(['init', '--admin-email', ADMIN_EMAIL, '--org-name', 'Harbor Hospital', '--org-slug', 'harbor', '--password-stdin'], { env, input: ADMIN_PASSWORD });
    server = await startServer(env);
    browser = await launchBrowser(path.join(workDir, 'chromium-profile'));
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(15_000);
    problems = await recordPageProblems(page);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('signs in and opens an empty register that offers an import and a first asset', async () => {
    await page.goto(`${server!.baseUrl}/`);
    await page.getByTestId('sign-in-email').fill(ADMIN_EMAIL);
    await page.getByTestId('sign-in-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('overview-title').filter({ hasText: 'Harbor Hospital' }).waitFor();
    await page.getByTestId('nav-assets').click();
    await page.getByTestId('asset-empty').waitFor();
    await expect(page.getByTestId('asset-empty').textContent()).resolves.toContain('Import assets from CSV');
  });

  it('adds a medical device with the form derived from the contract', async () => {
    await page.getByTestId('asset-add').click();
    await page.getByTestId('asset-form').waitFor();
    // The contract requires a name: the form says so inline before asking the API.
    await page.getByTestId('asset-save').click();
    await expect(page.getByTestId('asset-form').getByText('Name: is required').count()).resolves.toBe(1);
    await page.getByTestId('asset-name').fill(DEVICE);
    await page.getByTestId('asset-type').selectOption('medical_device');
    await page.getByTestId('asset-section-medical').waitFor();
    await page.getByTestId('asset-owner').fill('Biomedical Engineering');
    await page.getByTestId('asset-classification').selectOption({ label: 'Restricted (PHI)' });
    await page.getByTestId('asset-category-ephi').check();
    await page.getByTestId('asset-ephiMaintains').check();
    await page.getByTestId('asset-ephiTransmits').check();
    await page.getByTestId('asset-manufacturer').fill('FlowMed');
    await page.getByTestId('asset-model').fill('FM-900');
    await page.getByTestId('asset-networkSegment').fill('VLAN 40 medical devices');
    await page.getByTestId('asset-encryptedAtRest').getByLabel('Yes').check();
    await page.getByTestId('asset-encryptedInTransit').getByLabel('Yes').check();
    await page.getByTestId('asset-save').click();
    await page.getByTestId('page-title').filter({ hasText: DEVICE }).waitFor();
    await page.getByTestId('ephi-badge').first().waitFor();
    await expect(page.getByTestId('asset-header-gaps').textContent()).resolves.toBe('0 gaps');
  });

  it('keeps the asset page accessible', async () => {
    await page.getByTestId('asset-overview').waitFor();
    await expectNoSeriousA11yViolations(page, 'the asset page');
  });

  it('edits one field and keeps every other as it was (the form sends only what changed)', async () => {
    const assetPath = new URL(page.url()).pathname.replace(/^\/o\//, '/api/v1/orgs/');
    const read = () => page.evaluate(async (path) => (await fetch(path, { credentials: 'same-origin' })).json(), assetPath) as Promise<Record<string, unknown>>;
    const before = await read();
    expect(before).toMatchObject({ name: DEVICE, ephiMaintains: true, ephiTransmits: true, dataCategories: ['ephi'], classificationName: 'Restricted (PHI)' });
    await page.getByTestId('asset-edit').click();
    await page.getByTestId('asset-form').waitFor();
    await page.getByTestId('asset-description').fill('Volumetric pumps on the surgical wards');
    await page.getByTestId('asset-save').click();
    await page.getByTestId('page-title').filter({ hasText: DEVICE }).waitFor();
    await expect.poll(async () => (await read()).description).toBe('Volumetric pumps on the surgical wards');
    const after = await read();
    for (const key of ['lifecycle', 'confidentiality', 'integrity', 'availability', 'patientSafetyImpact', 'dataCategories', 'tags', 'ephiCreates', 'ephiReceives', 'ephiMaintains', 'ephiTransmits', 'classificationName', 'owner', 'manufacturer', 'networkSegment', 'encryptedAtRest']) {
      expect(after[key], key).toEqual(before[key]);
    }
  });

  it('adds an ePHI flow to an external party without an agreement', async () => {
    await page.getByTestId('asset-tab-flows').click();
    await page.getByTestId('flow-add').click();
    await page.getByTestId('flow-form').waitFor();
    await page.getByTestId('flow-direction-out').check();
    await page.getByTestId('flow-kind-external').check();
    await page.getByTestId('flow-external-party').fill(PARTY);
    await page.getByTestId('flow-purpose').fill('Pump telemetry for fleet analytics');
    await page.getByTestId('flow-category-ephi').check();
    await page.getByTestId('flow-save').click();
    const row = page.locator('[data-testid="flow-row"][data-risky="true"]');
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(PARTY);
    await expect(row.getByTestId('flow-risk').textContent()).resolves.toBe('No agreement');
  });

  it('shows the gap on the asset: its count and its Gaps tab with rule and reference', async () => {
    await page.getByTestId('asset-header-gaps').filter({ hasText: '1 gap' }).waitFor();
    await page.getByTestId('asset-tab-gaps').click();
    const gap = page.locator('[data-testid="asset-gaps"] [data-testid="table-row"][data-rule="ephi_flow_without_agreement"]');
    await gap.waitFor();
    await expect(gap.getByTestId('gap-title').textContent()).resolves.toBe('ePHI flows to an external party without an agreement on record');
    await expect(gap.getByTestId('gap-reference').textContent()).resolves.toContain('45 CFR 164.308(b)(1)');
    await expect(gap.getByTestId('gap-detail').textContent()).resolves.toContain(PARTY);
    await expectNoSeriousA11yViolations(page, "the asset's Gaps tab");
  });

  it('lists the gap in the gaps list, counted under its rule', async () => {
    await page.getByTestId('nav-gaps').click();
    const card = page.getByTestId('gap-rule-ephi_flow_without_agreement');
    await card.getByTestId('gap-rule-count').filter({ hasText: '1' }).waitFor();
    await card.click();
    await page.waitForURL(/rule=ephi_flow_without_agreement/);
    const row = page.locator('[data-testid="gaps-table"] [data-testid="table-row"][data-rule="ephi_flow_without_agreement"]');
    await row.waitFor();
    await expect(row.getByTestId('gap-asset').textContent()).resolves.toBe(DEVICE);
    await expect(page.locator('[data-testid="gaps-table"] [data-testid="table-row"]').count()).resolves.toBe(1);
  });

  it('draws the flow in the ePHI diagram with the external party marked and the risk labelled', async () => {
    await page.getByTestId('nav-data-flows').click();
    const diagram = page.getByTestId('flow-diagram');
    await diagram.locator('.react-flow__node-external').filter({ hasText: PARTY }).waitFor();
    await expect(diagram.locator('.react-flow__node-external').filter({ hasText: PARTY }).textContent()).resolves.toContain('External');
    await diagram.locator('.react-flow__node-asset').filter({ hasText: DEVICE }).waitFor();
    await diagram.getByText('⚠ No agreement').waitFor();
    await page.getByTestId('flows-tab-table').click();
    await page.locator('[data-testid="flows-table"] [data-testid="flow-row"][data-risky="true"]').waitFor();
  });

  it('shows the device and its gap count in the register, which stays accessible', async () => {
    await page.getByTestId('nav-assets').click();
    const row = page.locator(`[data-testid="table-row"][data-asset-name="${DEVICE}"]`);
    await row.waitFor();
    await expect(row.getByTestId('asset-gap-count').textContent()).resolves.toBe('1 gap');
    await expect(row.getByTestId('criticality-badge').count()).resolves.toBe(1);
    await expectNoSeriousA11yViolations(page, 'the asset register');
  });

  it('exports the register as a CSV file that contains the device', async () => {
    await page.getByTestId('asset-export').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('asset-export-csv').click()]);
    const file = await download.path();
    const csv = fs.readFileSync(file, 'utf8');
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(csv.split('\n')[0]).toContain('name');
    expect(csv).toContain(DEVICE);
    expect(csv).toContain('medical_device');
  });

  it('ran without Content Security Policy violations or page errors', () => {
    expect(problems).toEqual([]);
  });
});
