/** The harness must catch what it exists to catch: an unprotected route and a crashing route. */
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineRoute } from '../kernel/http/route.js';
import { buildApp } from '../app.js';
import { runContractFuzz } from './contract-fuzz.js';
import { runPermissionMatrix } from './permission-matrix.js';
import { createTestApp, type TestApp } from './test-app.js';

const crashing = defineRoute({
  method: 'POST',
  url: '/api/v1/orgs/:orgId/meta-crash',
  operationId: 'meta.crash',
  summary: 'Deliberately crashes on valid input',
  access: 'org.read',
  tags: ['meta'],
  params: z.object({ orgId: z.uuid() }),
  body: z.object({ n: z.number().optional() }).passthrough(),
  response: z.object({ ok: z.boolean() }),
  handler: async () => {
    throw new Error('deliberate crash');
  },
});

describe('harness meta-test', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      beforeReady: (app) => {
        // Registered behind the harness's back: no declared permission, no authentication.
        app.get('/api/v1/orgs/:orgId/meta-unprotected', async () => ({ secret: 'leaked' }));
      },
      extraFeatures: [{ name: 'meta', routes: [crashing] }],
    });
  });
  afterAll(() => t.close());

  it('the permission matrix fails on a route without a declared permission', async () => {
    const failures = await runPermissionMatrix(t.app, t.ctx, { filter: (r) => r.url.includes('meta-') });
    expect(failures.some((f) => f.includes('/meta-unprotected') && f.includes('without a declared permission'))).toBe(true);
    expect(failures.some((f) => f.includes('/meta-unprotected') && f.includes('without a session'))).toBe(true);
  });

  it('the contract fuzz fails on a crashing route', async () => {
    const failures = await runContractFuzz(t.app, t.ctx, { runsPerRoute: 20, filter: (r) => r.operationId === 'meta.crash' });
    expect(failures.some((f) => f.includes('/meta-crash') && f.includes('answered 500'))).toBe(true);
  });

  it('refuses to register a route that declares no permission', async () => {
    const undeclared = { ...crashing, operationId: 'meta.undeclared', url: '/api/v1/orgs/:orgId/meta-undeclared', access: undefined as unknown as 'org.read' };
    await expect(buildApp(t.ctx, { features: [{ name: 'meta', routes: [undeclared] }], webDir: null, rateLimitPerMinute: null })).rejects.toThrow(/access \(permission\) is required/);
  });
});
