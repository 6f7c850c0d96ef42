/**
 * Checks every browser journey makes on the way: accessibility with axe (WCAG 2.1 AA, failing on serious
 * or critical findings) and a record of Content Security Policy violations and page errors.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export async function expectNoSeriousA11yViolations(page: Page, where: string): Promise<void> {
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

/** Collects CSP violations (also ones the page catches and never logs) and uncaught page errors. */
export async function recordPageProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`));
  });
  page.on('console', (message) => {
    if (/Content Security Policy|CSP violation/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}
