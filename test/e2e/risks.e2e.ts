/**
 * Browser journey: the risk method and risk acceptance (issue 5; ISO/IEC 27001:2022 6.1.2 risk criteria
 * and assessment, 6.1.3 f acceptance by risk owners; 45 CFR 164.308(a)(1)(ii)(A)–(B)). On the demo
 * hospital, the ISMS manager changes the method from the seeded 5 × 5 to a 4 × 4 in the visual editor,
 * previews every stored assessment re-mapped, applies it and finds every assessment kept (none cleared)
 * and re-mapped to method version 2. A risk is assessed with a patient-safety impact; a risk owner may not
 * accept its level, top management may (it then awaits the clinical safety officer's sign-off), and the
 * clinical safety officer signs it off. Axe checks the method editor, the heat map, the register and the
 * risk detail; any CSP violation or page error fails the journey.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proportionalRemap } from '../../src/shared/risk-method.js';
import { expectNoSeriousA11yViolations, recordPageProblems } from './support/page-checks.js';
import { apiAs, parseCredentials, type Api, type Credential } from './support/demo-api.js';
import { buildWebIfStale, hasChromium, launchBrowser, makeTempDir, runCli, startServer, type RunningServer } from './support/server.js';

const HOSPITAL = 'Northbridge General Hospital';
const STAGES = ['inherent', 'current', 'residual'] as const;
const RISK_TITLE = 'E2E: infusion pump dosing library altered in transit';

interface StoredAssessment {
  likelihood: number;
  impacts: Record<string, number>;
  methodVersion: number;
}

/** Every stored assessment of the organization, by `riskId:stage`. */
async function storedAssessments(api: Api, orgId: string): Promise<Map<string, StoredAssessment>> {
  const ids: string[] = [];
  for (let page = 1; ; page += 1) {
    const list = await api<{ items: { id: string }[]; total: number }>('GET', `/orgs/${orgId}/risks?page=${page}&pageSize=200`);
    ids.push(...list.items.map((r) => r.id));
    if (ids.length >= list.total || list.items.length === 0) break;
  }
  const stored = new Map<string, StoredAssessment>();
  for (const id of ids) {
    const risk = await api<{ assessments: Record<(typeof STAGES)[number], StoredAssessment | null> }>('GET', `/orgs/${orgId}/risks/${id}`);
    for (const stage of STAGES) {
      const view = risk.assessments[stage];
      if (view) stored.set(`${id}:${stage}`, { likelihood: view.likelihood, impacts: view.impacts, methodVersion: view.methodVersion });
    }
  }
  return stored;
}

describe.skipIf(!hasChromium)('browser journey: change the risk method 5 × 5 → 4 × 4, assess, accept and sign off', () => {
  let workDir = '';
  let server: RunningServer | null = null;
  let browser: BrowserContext | null = null;
  let page: Page;
  let problems: string[] = [];
  let credentials = new Map<string, Credential>();
  let orgId = '';
  let ismsApi: Api;
  let before = new Map<string, StoredAssessment>();
  let riskUrl = '';

  const signIn = async (role: string) => {
    const who = credentials.get(role)!;
    await page.goto(`${server!.baseUrl}/`);
    await page.getByTestId('sign-in-email').fill(who.email);
    await page.getByTestId('sign-in-password').fill(who.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('overview-title').waitFor();
  };
  const signOut = async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-email').waitFor();
  };

  beforeAll(async () => {
    buildWebIfStale();
    workDir = makeTempDir('custos-e2e-risks-');
    // The demo loads only into an empty SQLite database and never with CUSTOS_DEMO=0 or DATABASE_URL.
    const env: NodeJS.ProcessEnv = { ...process.env, CUSTOS_DATA_DIR: path.join(workDir, 'data'), CUSTOS_KEY_FILE: path.join(workDir, 'master.key') };
    delete env.CUSTOS_DEMO;
    delete env.DATABASE_URL;
    credentials = parseCredentials(runCli(['init', '--demo'], { env }));
    for (const role of ['isms_manager', 'risk_owner', 'top_management', 'clinical_safety_officer']) expect(credentials.has(role), `demo sign-in for ${role}`).toBe(true);
    server = await startServer(env);

    ismsApi = await apiAs(server.baseUrl, credentials.get('isms_manager')!);
    const session = await ismsApi<{ memberships: { organizationId: string; organizationName: string }[] }>('GET', '/auth/session');
    orgId = session.memberships.find((m) => m.organizationName === HOSPITAL)!.organizationId;
    // The demo brings its own risks; these make sure every kind of row is there whatever the demo holds.
    const seeded: [string, string, unknown, unknown][] = [
      ['E2E: ransomware encrypts the EHR', 'cyber', { likelihood: 4, impacts: { availability: 5, patient_safety: 4, confidentiality: 4 } }, { likelihood: 3, impacts: { availability: 4, patient_safety: 4 } }],
      ['E2E: phishing of clinicians', 'cyber', { likelihood: 5, impacts: { confidentiality: 3 } }, { likelihood: 4, impacts: { confidentiality: 3, integrity: 2 } }],
      ['E2E: power outage in the server room', 'operational', { likelihood: 2, impacts: { availability: 4 } }, null],
    ];
    for (const [title, category, inherent, current] of seeded) await ismsApi('POST', `/orgs/${orgId}/risks`, { title, category, inherent, current });
    before = await storedAssessments(ismsApi, orgId);
    expect(before.size).toBeGreaterThanOrEqual(5);
    expect([...before.values()].every((a) => a.methodVersion === 1)).toBe(true);

    browser = await launchBrowser(path.join(workDir, 'chromium-profile'));
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(20_000);
    problems = await recordPageProblems(page);
    // Building the web UI, loading the demo and reading every risk back take a while on a busy machine.
  }, 300_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('shows the seeded 5 × 5 method with its versions to the ISMS manager', async () => {
    await signIn('isms_manager');
    await page.goto(`${server!.baseUrl}/o/${orgId}/risk-method`);
    await page.locator('[data-testid="method-version"][data-version="1"]').waitFor();
    await expect(page.getByTestId('method-view-matrix').getByTestId('matrix-likelihood-header').count()).resolves.toBe(5);
    await expect(page.getByTestId('method-view-matrix').getByTestId('matrix-impact-header').count()).resolves.toBe(5);
    await expect(page.getByTestId('method-version-row').count()).resolves.toBe(1);
    await expectNoSeriousA11yViolations(page, 'risk method (read)');
  });

  it('edits the method to 4 × 4: the live matrix adapts and stays valid', async () => {
    await page.getByTestId('method-edit').click();
    await page.getByTestId('method-editor').waitFor();
    await page.getByTestId('scale-likelihood-remove-5').click();
    await page.getByTestId('scale-impact-remove-5').click();
    const matrix = page.getByTestId('method-editor-matrix');
    await expect(matrix.getByTestId('matrix-likelihood-header').count()).resolves.toBe(4);
    await expect(matrix.getByTestId('matrix-impact-header').count()).resolves.toBe(4);
    // Likelihood 4 × impact 4 takes the highest level of the old cells that map onto it.
    await expect(matrix.getByTestId('matrix-cell-4-4').getAttribute('data-level')).resolves.toBe('critical');
    await expect(page.getByTestId('method-issues').count()).resolves.toBe(0);
    await page.getByTestId('method-changes').getByText('Likelihood scale: 5 → 4 levels').waitFor();

    // A cell that breaks the monotone rule is named by its path and blocks the preview until undone.
    await page.getByTestId('matrix-brush').selectOption('low');
    await page.getByTestId('matrix-button-4-4').click();
    await page.getByTestId('method-issues').getByText('matrix.3.3', { exact: false }).first().waitFor();
    await expect(page.getByTestId('method-preview').isDisabled()).resolves.toBe(true);
    await page.getByTestId('matrix-brush').selectOption('critical');
    await page.getByTestId('matrix-button-4-4').click();
    await expect(page.getByTestId('method-issues').count()).resolves.toBe(0);
    await expectNoSeriousA11yViolations(page, 'risk method editor');
  });

  it('previews every stored assessment with its old and new values', async () => {
    await page.getByTestId('method-preview').click();
    await page.getByTestId('remap-preview').waitFor();
    await page.locator(`[data-testid="remap-count-assessments"][data-value="${before.size}"]`).waitFor();
    await page.getByLabel('Rows per page').selectOption('200');
    const rows = page.getByTestId('remap-table').getByTestId('table-row');
    await expect.poll(() => rows.count()).toBe(before.size);
    const shown = await rows.evaluateAll((nodes) =>
      nodes.map((node) => {
        const likelihood = node.querySelector('[data-testid="preview-likelihood"]');
        return { ref: node.getAttribute('data-risk-ref'), old: Number(likelihood?.getAttribute('data-old')), next: Number(likelihood?.getAttribute('data-new')), levels: node.querySelectorAll('[data-testid="preview-level-old"], [data-testid="preview-level-new"]').length };
      }),
    );
    for (const row of shown) {
      expect(row.next, `${row.ref} likelihood ${row.old}`).toBe(proportionalRemap(5, 4, row.old));
      expect(row.levels, `${row.ref}: old and new level`).toBe(2);
    }
    await expect(page.getByTestId('remap-apply').isDisabled()).resolves.toBe(false);
    await expectNoSeriousA11yViolations(page, 're-map preview');
  });

  it('applies version 2: every assessment is kept and re-mapped, none cleared', async () => {
    await page.getByTestId('remap-note').fill('Board decision: a 4 × 4 matrix is enough for us');
    await page.getByTestId('remap-apply').click();
    await page.getByTestId('remap-apply-dialog').getByTestId('confirm-dialog-confirm').click();
    await page.getByTestId('method-applied').waitFor();
    await page.locator('[data-testid="method-version"][data-version="2"]').waitFor();
    await expect(page.getByTestId('method-version-row').count()).resolves.toBe(2);

    const after = await storedAssessments(ismsApi, orgId);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [key, old] of before) {
      const now = after.get(key)!;
      expect(now.methodVersion, key).toBe(2);
      expect(now.likelihood, key).toBe(proportionalRemap(5, 4, old.likelihood));
      for (const [dimension, value] of Object.entries(old.impacts)) expect(now.impacts[dimension], `${key} ${dimension}`).toBe(proportionalRemap(5, 4, value));
    }
  });

  it('shows the re-mapped risks in the register and version 2 on their assessments', async () => {
    await page.getByTestId('nav-risks').click();
    const rows = page.getByTestId('table-row');
    await rows.first().waitFor();
    await expectNoSeriousA11yViolations(page, 'risk register');
    await page.getByText('E2E: ransomware encrypts the EHR').click();
    await page.getByTestId('risk-tab-assessment').click();
    const meta = page.getByTestId('assessment-meta');
    await meta.locator('[data-stage="inherent"][data-method-version="2"]').waitFor();
    await meta.locator('[data-stage="current"][data-method-version="2"]').waitFor();
  });

  it('looks at the heat maps of the new method', async () => {
    await page.getByTestId('nav-risk-heatmap').click();
    const panel = page.locator('[data-testid="heatmap-panel"][data-stage="current"]');
    await panel.getByTestId('heatmap-matrix').waitFor();
    await expect(panel.getByTestId('matrix-likelihood-header').count()).resolves.toBe(4);
    const cells = await panel.locator('[data-testid^="matrix-cell-"]').evaluateAll((nodes) => nodes.reduce((sum, node) => sum + Number(node.getAttribute('data-count') ?? 0), 0));
    const assessed = Number(await panel.getByTestId('heatmap-assessed').getAttribute('data-value'));
    expect(cells).toBe(assessed);
    expect(assessed).toBeGreaterThan(0);
    await expectNoSeriousA11yViolations(page, 'risk heat map');
    await page.getByTestId('heatmap-view').getByText('Side by side').click();
    await expect.poll(() => page.getByTestId('heatmap-panel').count()).toBe(3);
  });

  it('creates a risk and assesses it with a patient-safety impact', async () => {
    await page.goto(`${server!.baseUrl}/o/${orgId}/risks/new`);
    await page.getByTestId('risk-form').waitFor();
    await page.getByTestId('risk-title').fill(RISK_TITLE);
    await page.getByTestId('risk-category').selectOption('clinical');
    // Likelihood 3 × patient safety 4 on the 4 × 4 matrix: High, accepted by top management.
    await page.getByTestId('assessment-current-likelihood').selectOption('3');
    await page.getByTestId('assessment-current-impact-patient_safety').selectOption('4');
    await page.locator('[data-testid="assessment-current-result"][data-level="high"]').waitFor();
    await page.getByTestId('risk-save').click();
    await page.getByTestId('risk-ref').waitFor();
    riskUrl = page.url().replace(/\?.*$/, '');
    await page.getByTestId('risk-header-levels').getByText('High').first().waitFor();
    await expectNoSeriousA11yViolations(page, 'risk detail');
  });

  it('refuses acceptance to a risk owner: a High risk is accepted by top management', async () => {
    await signOut();
    await signIn('risk_owner');
    await page.goto(`${riskUrl}?tab=acceptance`);
    await page.getByTestId('acceptance-panel').waitFor();
    await page.getByTestId('accept-refused').waitFor();
    await expect(page.getByTestId('risk-accept').count()).resolves.toBe(0);
    await expect(page.getByTestId('accept-refused-reason').textContent()).resolves.toMatch(/top management/i);
  });

  it('lets top management accept it; it then awaits the clinical safety officer', async () => {
    await signOut();
    await signIn('top_management');
    await page.goto(`${riskUrl}?tab=acceptance`);
    await page.getByTestId('risk-accept').click();
    await page.getByTestId('acceptance-rationale').fill('Pump replacement is funded for next year; until then the dosing library is checked weekly.');
    const expiry = new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('acceptance-expiresOn').fill(expiry);
    await page.getByTestId('acceptance-confirm').click();
    await page.getByTestId('acceptance-panel').locator('[data-testid="acceptance-state"][data-state="awaiting_sign_off"]').waitFor();
    await page.getByTestId('acceptance-awaiting').waitFor();
  });

  it('lets the clinical safety officer sign it off: the risk is accepted', async () => {
    await signOut();
    await signIn('clinical_safety_officer');
    await page.goto(`${riskUrl}?tab=acceptance`);
    await page.getByTestId('risk-sign-off').click();
    await page.getByTestId('acceptance-rationale').fill('Clinical risk reviewed with pharmacy: weekly library checks and double-checks on high-alert infusions are in place.');
    await page.getByTestId('acceptance-confirm').click();
    await page.getByTestId('acceptance-panel').locator('[data-testid="acceptance-state"][data-state="accepted"]').waitFor();
    await expect(page.locator('[data-testid="acceptance-row"][data-kind="clinical_sign_off"]').count()).resolves.toBe(1);
    await expect(page.locator('[data-testid="acceptance-row"][data-kind="acceptance"]').count()).resolves.toBe(1);
    expect(problems).toEqual([]);
  });
});
