/**
 * b. Authenticated small GET throughput: autocannon (in this process) against the real app and against a
 * bare Fastify route, each served by its own child process (bench/serve-target.ts), same settings.
 */
import path from 'node:path';
import autocannon from 'autocannon';
import { createSession } from '../../src/server/kernel/auth/sessions.js';
import { SESSION_COOKIE } from '../../src/server/kernel/auth/principal.js';
import type { AppContext } from '../../src/server/kernel/context.js';
import { BENCH_DIR, REPO_DIR } from './data.js';
import { spawnTracked, stopChild, waitForLine } from './processes.js';

export interface LoadSettings {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

export interface LoadResult {
  target: string;
  path: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  responseBytes: number;
}

export interface HttpBenchResult {
  settings: LoadSettings;
  custos: LoadResult;
  bare: LoadResult;
  /** bare / custos requests per second. */
  throughputRatio: number;
  /** custos / bare p99 latency. */
  p99Ratio: number;
}

async function withTarget<T>(args: string[], fn: (port: number) => Promise<T>): Promise<T> {
  const child = spawnTracked(process.execPath, [path.join(REPO_DIR, 'bin', 'tsx.mjs'), path.join(BENCH_DIR, 'serve-target.ts'), ...args], { cwd: REPO_DIR, env: process.env });
  try {
    const match = await waitForLine(child, /^READY (\d+)$/, 60_000);
    return await fn(Number(match[1]));
  } finally {
    await stopChild(child);
  }
}

async function load(target: string, port: number, urlPath: string, headers: Record<string, string>, settings: LoadSettings): Promise<LoadResult> {
  // One request first: the load must measure a 200 with the expected body, not an error page.
  const check = await fetch(`http://127.0.0.1:${port}${urlPath}`, { headers });
  const body = await check.text();
  if (check.status !== 200) throw new Error(`${target}: GET ${urlPath} answered ${check.status}: ${body.slice(0, 300)}`);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${urlPath}`,
    connections: settings.connections,
    duration: settings.durationSeconds,
    pipelining: 1,
    timeout: 10,
    headers,
    ...(settings.warmupSeconds > 0 ? { warmup: { connections: settings.connections, duration: settings.warmupSeconds } } : {}),
  });
  return {
    target,
    path: urlPath,
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    requests: result.requests.total ?? 0,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    responseBytes: Buffer.byteLength(body),
  };
}

export async function benchHttp(input: { ctx: AppContext; dataDir: string; organizationId: string; userId: string; settings: LoadSettings; log: (line: string) => void }): Promise<HttpBenchResult> {
  const { ctx, settings, log } = input;
  const session = await createSession(ctx, ctx.database.db, { userId: input.userId, authMethod: 'password', ip: '127.0.0.1', userAgent: 'custos-bench (autocannon)' });
  try {
    const headers = { cookie: `${SESSION_COOKIE}=${session.token}`, accept: 'application/json' };
    log(`  bare Fastify route: ${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s …`);
    const bare = await withTarget(['--target', 'bare'], (port) => load('bare fastify', port, '/x', { accept: 'application/json' }, settings));
    log(`  Custos GET /api/v1/orgs/:orgId (session cookie): same settings …`);
    const custos = await withTarget(['--target', 'custos', '--data-dir', input.dataDir], (port) => load('custos', port, `/api/v1/orgs/${input.organizationId}`, headers, settings));
    for (const r of [bare, custos]) {
      if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0) throw new Error(`${r.target}: ${r.non2xx} non-2xx responses, ${r.errors} errors, ${r.timeouts} timeouts under load`);
    }
    return { settings, custos, bare, throughputRatio: bare.requestsPerSecond / custos.requestsPerSecond, p99Ratio: custos.latencyP99Ms / Math.max(bare.latencyP99Ms, 1e-9) };
  } finally {
    await ctx.database.db.deleteFrom('sessions').where('id', '=', session.id).execute();
  }
}
