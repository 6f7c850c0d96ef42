import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildOrganization, buildSession } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

describe('HTTP hardening', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('sends a strict CSP with a per-response style nonce, nosniff, no framing, no caching of API answers', async () => {
    const a = await t.app.inject({ method: 'GET', url: '/healthz' });
    const b = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    const csp = String(a.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(String(b.headers['content-security-policy'])).not.toBe(csp);
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    expect(b.headers['cache-control']).toBe('no-store');
    expect(a.headers['strict-transport-security']).toBeUndefined();
  });

  it('answers an unknown API route with a JSON 404', async () => {
    const response = await request(t.app, 'GET', '/api/v1/nope');
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({ code: 'not_found', requestId: expect.any(String) });
  });

  it('answers malformed JSON and oversized bodies with 4xx and no internals', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toMatch(/at \w+ \(|node_modules|SyntaxError/);
    const huge = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2_000_000) }) });
    expect(huge.statusCode).toBe(413);
    const wrongType = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(wrongType.statusCode).toBe(415);
  });

  it('rejects NUL characters with a field-named 400 (PostgreSQL text cannot hold them)', async () => {
    const response = await request(t.app, 'POST', '/api/v1/auth/login', { body: { email: 'a\u0000@b.org', password: 'x' } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('body.email: must not contain NUL characters');
  });

  it('reports readiness with the engine, and Prometheus metrics by route', async () => {
    expect((await request(t.app, 'GET', '/readyz')).body).toEqual({ status: 'ready', database: t.ctx.database.engine });
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('custos_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('route="/readyz"');
  });

  it('hides an organization that does not exist and one the caller does not belong to alike', async () => {
    const org = await buildOrganization(t.ctx);
    const s = await buildSession(t.ctx, (await buildMember(t.ctx, org.id, 'admin')).id);
    const other = await buildOrganization(t.ctx);
    const missing = await request(t.app, 'GET', '/api/v1/orgs/7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a', { headers: s.headers });
    const foreign = await request(t.app, 'GET', `/api/v1/orgs/${other.id}`, { headers: s.headers });
    const garbage = await request(t.app, 'GET', "/api/v1/orgs/1'%20or%20'1'='1", { headers: s.headers });
    expect([missing.status, foreign.status, garbage.status]).toEqual([404, 404, 404]);
    expect(missing.body.error.message).toBe(foreign.body.error.message);
  });
});
