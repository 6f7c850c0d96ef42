/**
 * The Statement of Applicability at group scale (issue 4 item 9), on the SoA data set
 * (bench/lib/datasets/soa.ts: a group with 20 sites × ~60 controls × ~3 Annex A links):
 *
 * (i)   the group view `GET /soa/sites` (20 × 93 rows with derived status): the service (`siteMatrix`)
 *       and the route through `app.inject` (session, validation, serialisation; no socket);
 * (ii)  one site's SoA `GET /soa` (93 rows with linked controls, evidence counts, the last version's diff);
 * (iii) the SoA PDF of one site (pdfmake, landscape A4): document build + rendering to bytes.
 * Goals: server time ≤ 200 ms for (i) and (ii) (p95), PDF ≤ 2 s (p95).
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp, openContext } from '../../src/server/app.js';
import { listSoa, renderSoaPdf, siteMatrix, soaDocument } from '../../src/server/features/soa/index.js';
import { createSession } from '../../src/server/kernel/auth/sessions.js';
import { principalFromSession, SESSION_COOKIE } from '../../src/server/kernel/auth/principal.js';
import { resolveOrgAccess } from '../../src/server/kernel/authz/membership.js';
import { loadConfig } from '../../src/server/kernel/config.js';
import { timing, type Timing } from './bench-assets.js';
import { ensureSoaData, soaDataDir, type SoaDataManifest } from './datasets/soa.js';

export const SOA_SERVER_GOAL_MS = 200;
export const SOA_PDF_GOAL_MS = 2000;

export interface SoaBenchResult {
  data: Pick<SoaDataManifest, 'spec' | 'controls' | 'links' | 'entries' | 'evidence'> & { generatedNow: boolean };
  goals: { serverMs: number; pdfMs: number };
  groupMatrix: { service: Timing; http: Timing; sites: number; cells: number; responseBytes: number };
  siteSoa: { service: Timing; http: Timing; rows: number; responseBytes: number };
  pdf: { render: Timing; bytes: number; pages: number };
  meetsServerGoal: boolean;
  meetsPdfGoal: boolean;
}

async function measure(runs: number, fn: () => Promise<unknown>): Promise<Timing> {
  for (let w = 0; w < 3; w += 1) await fn();
  const samples: number[] = [];
  for (let r = 0; r < runs; r += 1) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return timing(samples);
}

export async function benchSoa(input: { outDir: string; runs: number; pdfRuns: number; log: (line: string) => void }): Promise<SoaBenchResult> {
  const { log } = input;
  const before = Date.now();
  const manifest = await ensureSoaData(input.outDir, log);
  const generatedNow = Date.parse(manifest.generatedAt) >= before;
  const config = loadConfig({ CUSTOS_DATA_DIR: soaDataDir(input.outDir), LOG_LEVEL: 'silent' });
  const ctx = await openContext(config, { logger: pino({ level: 'silent' }) });
  let app: FastifyInstance | null = null;
  const session = await createSession(ctx, ctx.database.db, { userId: manifest.adminUserId, authMethod: 'password', ip: '127.0.0.1', userAgent: 'custos-bench (soa)' });
  try {
    const principal = await principalFromSession(ctx, session.token);
    if (!principal) throw new Error('soa: the benchmark session is not valid');
    const now = ctx.clock.now();
    const group = await resolveOrgAccess(ctx.database.db, principal, manifest.groupId, now);
    const site = await resolveOrgAccess(ctx.database.db, principal, manifest.siteIds[0]!, now);
    if (!group || !site) throw new Error('soa: the administrator has no access to the group or its first site');
    app = await buildApp(ctx, { rateLimitPerMinute: null, webDir: null });
    await app.ready();
    const headers = { cookie: `${SESSION_COOKIE}=${session.token}`, accept: 'application/json' };
    const inject = async (url: string) => {
      const response = await app!.inject({ method: 'GET', url, headers });
      if (response.statusCode !== 200) throw new Error(`GET ${url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
      return response;
    };

    const matrix = await siteMatrix(ctx, group, principal);
    if (matrix.sites.length !== manifest.siteIds.length || matrix.requirements.length !== 93) throw new Error(`soa: the group view has ${matrix.sites.length} sites × ${matrix.requirements.length} rows`);
    const matrixUrl = `/api/v1/orgs/${manifest.groupId}/soa/sites`;
    const matrixBytes = (await inject(matrixUrl)).rawPayload.length;
    log(`  (i) group view: ${matrix.sites.length} sites × ${matrix.requirements.length} Annex A controls …`);
    const matrixService = await measure(input.runs, () => siteMatrix(ctx, group, principal));
    const matrixHttp = await measure(input.runs, () => inject(matrixUrl));
    log(`      siteMatrix p50 ${matrixService.p50Ms.toFixed(1)} ms / p95 ${matrixService.p95Ms.toFixed(1)} ms; GET /soa/sites p50 ${matrixHttp.p50Ms.toFixed(1)} ms / p95 ${matrixHttp.p95Ms.toFixed(1)} ms (${matrixBytes.toLocaleString('en-US')} B)`);

    const siteUrl = `/api/v1/orgs/${site.organizationId}/soa`;
    const list = await listSoa(ctx, site, {});
    const siteBytes = (await inject(siteUrl)).rawPayload.length;
    log(`  (ii) one site's SoA (${site.organizationName}, ${list.total} rows) …`);
    const siteService = await measure(input.runs, () => listSoa(ctx, site, {}));
    const siteHttp = await measure(input.runs, () => inject(siteUrl));
    log(`      listSoa p50 ${siteService.p50Ms.toFixed(1)} ms / p95 ${siteService.p95Ms.toFixed(1)} ms; GET /soa p50 ${siteHttp.p50Ms.toFixed(1)} ms / p95 ${siteHttp.p95Ms.toFixed(1)} ms (${siteBytes.toLocaleString('en-US')} B)`);

    log(`  (iii) SoA PDF of ${site.organizationName} …`);
    let bytes = 0;
    let pages = 0;
    const pdf = await measure(input.pdfRuns, async () => {
      const buffer = await renderSoaPdf(await soaDocument(ctx, site, undefined));
      bytes = buffer.length;
      pages = Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(buffer.toString('latin1'))?.[1] ?? 0);
    });
    log(`      document + render p50 ${pdf.p50Ms.toFixed(0)} ms / p95 ${pdf.p95Ms.toFixed(0)} ms (${pages} pages, ${(bytes / 1024).toFixed(0)} KiB)`);
    return {
      data: { spec: manifest.spec, controls: manifest.controls, links: manifest.links, entries: manifest.entries, evidence: manifest.evidence, generatedNow },
      goals: { serverMs: SOA_SERVER_GOAL_MS, pdfMs: SOA_PDF_GOAL_MS },
      groupMatrix: { service: matrixService, http: matrixHttp, sites: matrix.sites.length, cells: matrix.sites.length * matrix.requirements.length, responseBytes: matrixBytes },
      siteSoa: { service: siteService, http: siteHttp, rows: list.total, responseBytes: siteBytes },
      pdf: { render: pdf, bytes, pages },
      meetsServerGoal: Math.max(matrixHttp.p95Ms, siteHttp.p95Ms) <= SOA_SERVER_GOAL_MS,
      meetsPdfGoal: pdf.p95Ms <= SOA_PDF_GOAL_MS,
    };
  } finally {
    await app?.close();
    await ctx.database.db.deleteFrom('sessions').where('id', '=', session.id).execute();
    await ctx.database.close();
  }
}

export function defaultSoaDir(benchDir: string): string {
  return path.join(benchDir, 'data', 'soa');
}
