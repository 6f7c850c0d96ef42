#!/usr/bin/env node
// `npm test`: every suite on SQLite, on PostgreSQL when reachable, and the browser journeys when
// Chromium is found. Names every suite it skipped; under CI=true a skipped suite is a failure.
// Last line: `N passed, N failed, N skipped`, summed over every suite that ran.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, '.test-results');
fs.rmSync(resultsDir, { recursive: true, force: true });
fs.mkdirSync(resultsDir, { recursive: true });
const isCi = process.env.CI === 'true' || process.env.CI === '1';
const pgUrl = process.env.CUSTOS_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const chromium = process.env.CUSTOS_CHROMIUM || '/usr/bin/chromium';
const extraArgs = process.argv.slice(2);

const totals = { passed: 0, failed: 0, skipped: 0 };
const skippedSuites = [];
let anyRunFailed = false;

async function postgresReachable() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    return error.message;
  } finally {
    await client.end().catch(() => {});
  }
}

function runVitest(name, config, env) {
  const outputFile = path.join(resultsDir, `${name}.json`);
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${outputFile}`, ...extraArgs], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (!fs.existsSync(outputFile)) {
    console.log(`${name}: the test runner produced no report (exit ${result.status})`);
    totals.failed += 1;
    anyRunFailed = true;
    return;
  }
  const report = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const file of report.testResults ?? []) {
    const all = file.assertionResults ?? [];
    if (all.length > 0 && all.every((a) => a.status === 'skipped' || a.status === 'pending')) skippedSuites.push(`${name}: ${path.relative(root, file.name)} (every test skipped)`);
  }
  if (result.status !== 0) {
    anyRunFailed = true;
    if ((report.numFailedTests ?? 0) === 0) {
      console.log(`${name}: vitest exited ${result.status} (a suite failed to load or run)`);
      totals.failed += report.numFailedTestSuites || 1;
    }
  }
}

runVitest('sqlite', 'vitest.config.ts', { CUSTOS_TEST_ENGINE: 'sqlite' });

const pgState = await postgresReachable();
if (pgState === true) runVitest('postgres', 'vitest.config.ts', { CUSTOS_TEST_ENGINE: 'postgres', CUSTOS_TEST_DATABASE_URL: pgUrl });
else skippedSuites.push(`postgres: every suite (PostgreSQL not reachable at ${pgUrl.replace(/:[^:@/]*@/, ':***@')}: ${pgState})`);

if (fs.existsSync(chromium)) runVitest('browser', 'vitest.e2e.config.ts', { CUSTOS_CHROMIUM: chromium });
else skippedSuites.push(`browser: every journey (Chromium not found at ${chromium}; set CUSTOS_CHROMIUM)`);

console.log('');
for (const suite of skippedSuites) console.log(`SKIPPED ${suite}`);
if (isCi && skippedSuites.length > 0) {
  console.log(`CI=true: ${skippedSuites.length} skipped suite(s) count as failures`);
  anyRunFailed = true;
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(anyRunFailed || totals.failed > 0 ? 1 : 0);
