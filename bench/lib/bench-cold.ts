/**
 * c. Cold start on SQLite: from spawning `custos serve` to the first 200 from GET /readyz, on the data
 * set and, interleaved run by run, on an empty migrated database (what does not grow with the data).
 */
import path from 'node:path';
import { REPO_DIR } from './data.js';
import { freePort, outputOf, probe, sleep, spawnTracked, stopChild } from './processes.js';

export interface ColdStartSeries {
  runsMs: number[];
  medianMs: number;
  maxMs: number;
}

export interface ColdStartResult {
  pollIntervalMs: number;
  dataSet: ColdStartSeries;
  emptyDatabase: ColdStartSeries;
}

const POLL_MS = 10;
const GIVE_UP_MS = 120_000;

/** Variables that would point the server elsewhere than the data set are dropped. */
function serveEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'CUSTOS_MASTER_KEY', 'CUSTOS_KEY_FILE', 'CUSTOS_TLS_CERT', 'CUSTOS_TLS_KEY', 'CUSTOS_TRUST_PROXY']) delete env[name];
  return { ...env, CUSTOS_DATA_DIR: dataDir, CUSTOS_DEMO: '0', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
}

/** One start: spawn → first 200 from /readyz, in milliseconds; the process is stopped afterwards. */
async function coldStartOnce(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawnTracked(process.execPath, [path.join(REPO_DIR, 'bin', 'custos.mjs'), 'serve'], { cwd: REPO_DIR, env: serveEnv(dataDir, port) });
  try {
    while (performance.now() - started < GIVE_UP_MS) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`custos serve exited (${String(child.exitCode ?? child.signalCode)}) before /readyz answered 200:\n${outputOf(child)}`);
      if ((await probe(port, '/readyz', 1_000)) === 200) return performance.now() - started;
      await sleep(POLL_MS);
    }
    throw new Error(`custos serve: no 200 from /readyz within ${GIVE_UP_MS / 1000} s:\n${outputOf(child)}`);
  } finally {
    await stopChild(child);
  }
}

function series(runsMs: number[]): ColdStartSeries {
  const sorted = [...runsMs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const medianMs = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { runsMs, medianMs, maxMs: sorted[sorted.length - 1]! };
}

export async function benchColdStart(input: { dataDir: string; emptyDataDir: string; runs: number; log: (line: string) => void }): Promise<ColdStartResult> {
  const data: number[] = [];
  const empty: number[] = [];
  for (let run = 1; run <= input.runs; run += 1) {
    data.push(await coldStartOnce(input.dataDir));
    empty.push(await coldStartOnce(input.emptyDataDir));
    input.log(`  run ${run}: data set ${Math.round(data[data.length - 1]!)} ms, empty database ${Math.round(empty[empty.length - 1]!)} ms`);
  }
  return { pollIntervalMs: POLL_MS, dataSet: series(data), emptyDatabase: series(empty) };
}
