/**
 * Contract fuzzing: for every registered route, at least 100 hostile or invalid requests derived from
 * its zod contracts (fast-check): wrong types, boundary numbers, injection strings, oversized and
 * malformed bodies, prototype-pollution keys, hostile path parameters. Each must answer < 500, the
 * server must keep answering, and a rejected request (4xx) must change no data.
 * Returns failures (empty = pass) so the meta-test can prove it catches a crashing route.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../kernel/context.js';
import { isMutation, type AnyRouteDef } from '../kernel/http/route.js';
import { buildMember, buildOrganization, buildSession } from './factories.js';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "1; DROP TABLE users; --",
  "\" OR \"\"=\"",
  "admin'--",
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '0',
  '1e309',
  '9'.repeat(400),
  '🏥'.repeat(60),
  '\ud800',
  "=HYPERLINK(\"http://x\")",
  'null',
  '[]',
  '{}',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-4fff-bfff-ffffffffffff',
  '2026-02-30T25:61:61Z',
];

const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ minLength: 3000, maxLength: 6000 }));
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 0, -1, 1e21),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 10 }), hostileString, { maxKeys: 4 }),
);

function plausible(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  if (!schema) return hostileValue;
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map(plausible));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'email') return fc.oneof(fc.emailAddress(), hostileString);
      if (schema.format === 'uuid') return fc.oneof(fc.uuid(), hostileString);
      if (schema.format === 'date-time') return fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), hostileString);
      return fc.oneof(fc.string({ maxLength: 40 }), hostileString);
    case 'integer':
    case 'number':
      return fc.oneof(fc.integer({ min: -5, max: 500 }), fc.double(), fc.constantFrom('12', 'abc'));
    case 'boolean':
      return fc.oneof(fc.boolean(), fc.constantFrom('true', 1, 0));
    case 'array':
      return fc.array(plausible(schema.items), { maxLength: 6 });
    case 'object':
      return objectFrom(schema);
    default:
      return hostileValue;
  }
}

function objectFrom(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const keys = Object.keys(properties);
  const parts: Record<string, fc.Arbitrary<unknown>> = {};
  for (const key of keys) parts[key] = fc.oneof({ weight: 3, arbitrary: plausible(properties[key]) }, { weight: 1, arbitrary: hostileValue });
  return fc.tuple(fc.record(parts, { requiredKeys: [] }), fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', 'role', 'organizationId'), hostileValue, { maxKeys: 2 })).map(([known, extra]) => ({ ...extra, ...known }));
}

function toSchema(type: z.ZodType | undefined): JsonSchema | undefined {
  if (!type) return undefined;
  try {
    return z.toJSONSchema(type, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return undefined;
  }
}

interface FuzzRequest {
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; contentType: string } | { kind: 'none' };
}

function requestArbitrary(route: AnyRouteDef, orgId: string): fc.Arbitrary<FuzzRequest> {
  const paramNames = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  const pathParts: Record<string, fc.Arbitrary<string>> = {};
  for (const name of paramNames) {
    pathParts[name] = name === 'orgId' ? fc.oneof({ weight: 6, arbitrary: fc.constant(orgId) }, { weight: 1, arbitrary: hostileString.filter((s) => s.length > 0 && s.length < 150) }) : fc.oneof(fc.uuid(), hostileString.filter((s) => s.length > 0 && s.length < 150));
  }
  const querySchema = toSchema(route.query);
  const bodySchema = toSchema(route.body);
  const body: fc.Arbitrary<FuzzRequest['body']> = isMutation(route.method)
    ? fc.oneof(
        { weight: 6, arbitrary: (bodySchema?.type === 'object' ? objectFrom(bodySchema) : hostileValue).map((value) => ({ kind: 'json' as const, value })) },
        { weight: 2, arbitrary: hostileValue.map((value) => ({ kind: 'json' as const, value })) },
        { weight: 1, arbitrary: fc.constantFrom('{"a":', 'not json', '[[[[[[[[[[[[[[[[[[[[', '{"__proto__":{"isAdmin":true}}', `{"x":"${'a'.repeat(2_000_000)}"}`).map((text) => ({ kind: 'raw' as const, text, contentType: 'application/json' })) },
        { weight: 1, arbitrary: fc.constantFrom('email=a&password=b', '<xml/>').map((text) => ({ kind: 'raw' as const, text, contentType: 'text/plain' })) },
      )
    : fc.constant({ kind: 'none' as const });
  const query = querySchema?.type === 'object' ? objectFrom(querySchema) : fc.dictionary(fc.constantFrom('page', 'q', 'sort', '__proto__'), hostileString, { maxKeys: 2 });
  return fc.record({ path: fc.record(pathParts), query, body });
}

function buildUrl(route: AnyRouteDef, request: FuzzRequest): string {
  // Lone surrogates cannot be percent-encoded; a client would send U+FFFD.
  const encode = (value: string) => encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '\ufffd'));
  const path = route.url.replace(/:([A-Za-z]+)/g, (_m, name: string) => encode(request.path[name] ?? 'x'));
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query)) {
    if (value === undefined) continue;
    params.append(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Rows that a request could change. Sign-in failures are logged by design (system chain, throttle). */
async function fingerprint(ctx: AppContext): Promise<string> {
  const result = await sql<Record<string, unknown>>`select
      (select count(*) from organizations) as organizations,
      (select count(*) from users) as users,
      (select count(*) from memberships) as memberships,
      (select count(*) from api_tokens where revoked_at is null) as api_tokens,
      (select count(*) from recovery_codes) as recovery_codes,
      (select count(*) from audit_events where chain_id <> 'system') as audit_events,
      (select max(updated_at) from organizations) as org_updated,
      (select max(updated_at) from users) as users_updated,
      (select max(updated_at) from memberships) as memberships_updated`.execute(ctx.database.db);
  return JSON.stringify(result.rows[0], (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
}

export interface FuzzOptions {
  runsPerRoute?: number;
  seed?: number;
  filter?: (route: AnyRouteDef) => boolean;
}

export async function runContractFuzz(app: FastifyInstance, ctx: AppContext, options: FuzzOptions = {}): Promise<string[]> {
  const runs = options.runsPerRoute ?? 100;
  const seed = options.seed ?? 20261128;
  const failures: string[] = [];
  const org = await buildOrganization(ctx, { name: 'Fuzz General Hospital' });
  const admin = await buildMember(ctx, org.id, 'admin');
  const routes = app.custos.routes.filter(options.filter ?? (() => true));
  for (const [index, route] of routes.entries()) {
    const label = `${route.method} ${route.url}`;
    const samples = fc.sample(requestArbitrary(route, org.id), { numRuns: runs, seed: seed + index });
    for (const [n, request] of samples.entries()) {
      const session = await buildSession(ctx, admin.id);
      const before = await fingerprint(ctx);
      const headers: Record<string, string> = { ...(isMutation(route.method) ? session.mutationHeaders : session.headers) };
      let payload: string | undefined;
      if (request.body.kind === 'json') {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(request.body.value) ?? 'null';
      } else if (request.body.kind === 'raw') {
        headers['content-type'] = request.body.contentType;
        payload = request.body.text;
      }
      let status: number;
      try {
        const response = await app.inject({ method: route.method, url: buildUrl(route, request), headers, ...(payload !== undefined ? { payload } : {}) });
        status = response.statusCode;
      } catch (error) {
        failures.push(`${label}: request ${n} (seed ${seed + index}) crashed the server: ${(error as Error).message}`);
        continue;
      }
      if (status >= 500) {
        failures.push(`${label}: request ${n} (seed ${seed + index}) answered ${status}: ${JSON.stringify(request).slice(0, 300)}`);
      } else if (status >= 400 && (await fingerprint(ctx)) !== before) {
        failures.push(`${label}: request ${n} (seed ${seed + index}) was rejected (${status}) but changed data`);
      }
      // Undo a successful settings change that would lock the fuzzing admin out (mandatory MFA).
      await ctx.database.db.updateTable('organizations').set({ mfa_required: 0 }).where('id', '=', org.id).execute();
    }
  }
  const health = await app.inject({ method: 'GET', url: '/healthz' });
  if (health.statusCode !== 200) failures.push(`the server stopped answering after fuzzing (${health.statusCode})`);
  return failures;
}
