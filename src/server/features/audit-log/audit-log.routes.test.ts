import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildOrganization, buildSession, type Credentials } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { tamper } from '../../testing/tamper.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { csvSafe } from '../../kernel/csv.js';

describe('audit log API', () => {
  let t: TestApp;
  let orgId: string;
  let auditor: Credentials;
  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await buildOrganization(t.ctx, { name: '=Formula Hospital' })).id;
    auditor = await buildSession(t.ctx, (await buildMember(t.ctx, orgId, 'auditor', { email: 'auditor@example.org' })).id);
    const admin = await buildSession(t.ctx, (await buildMember(t.ctx, orgId, 'admin', { email: 'admin@example.org' })).id);
    await request(t.app, 'PATCH', `/api/v1/orgs/${orgId}`, { headers: admin.mutationHeaders, body: { name: '+Renamed Hospital' } });
  });
  afterAll(() => t.close());

  it('lists events newest first, filtered by type, actor and period', async () => {
    const all = await request(t.app, 'GET', `/api/v1/orgs/${orgId}/audit-events`, { headers: auditor.headers });
    expect(all.status).toBe(200);
    // org.created, 4 × classification.created (the default scheme), risk_method.changed (the seeded method),
    // 2 × membership.created, org.updated
    expect(all.body.total).toBe(9);
    expect(all.body.items[0]).toMatchObject({ seq: 9, type: 'org.updated', actorLabel: 'admin@example.org', changes: { name: { from: '=Formula Hospital', to: '+Renamed Hospital' } } });
    const byType = await request(t.app, 'GET', `/api/v1/orgs/${orgId}/audit-events?type=membership.created`, { headers: auditor.headers });
    expect(byType.body.total).toBe(2);
    const byActor = await request(t.app, 'GET', `/api/v1/orgs/${orgId}/audit-events?actor=ADMIN@`, { headers: auditor.headers });
    expect(byActor.body.items.map((e: { type: string }) => e.type)).toEqual(['org.updated']);
    const future = await request(t.app, 'GET', `/api/v1/orgs/${orgId}/audit-events?from=2999-01-01T00:00:00Z`, { headers: auditor.headers });
    expect(future.body.total).toBe(0);
    const badType = await request(t.app, 'GET', `/api/v1/orgs/${orgId}/audit-events?type=nonsense`, { headers: auditor.headers });
    expect(badType.status).toBe(400);
    expect(badType.body.error.message).toMatch(/^query\.type: /);
  });

  it('exports CSV with formula cells neutralised, and records the export', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/orgs/${orgId}/audit-events/export?type=org.updated`, headers: auditor.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/csv/);
    const rows = parse(response.body, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.type).toBe('org.updated');
    expect(rows[0]!.changes).toContain('+Renamed Hospital');
    expect(csvSafe('=cmd')).toBe("'=cmd");
    expect(csvSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvSafe('plain')).toBe('plain');
    const exported = await request(t.app, 'GET', `/api/v1/orgs/${orgId}/audit-events?type=audit.exported`, { headers: auditor.headers });
    expect(exported.body.total).toBe(1);
  });

  it('verifies the chain and exports an anchor that is itself in the chain', async () => {
    const ok = await request(t.app, 'GET', `/api/v1/orgs/${orgId}/audit/verify`, { headers: auditor.headers });
    expect(ok.body).toMatchObject({ ok: true, broken: null });
    const anchor = await request(t.app, 'POST', `/api/v1/orgs/${orgId}/audit/anchors`, { headers: auditor.mutationHeaders });
    expect(anchor.status).toBe(201);
    expect(anchor.body).toMatchObject({ format: 'custos-audit-anchor/1', organizationId: orgId, seq: ok.body.headSeq + 1, exportedBy: 'auditor@example.org' });
    expect(anchor.body.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports the first broken event after direct tampering', async () => {
    const id = await tamper(t.ctx.database.db, orgId, 'update', 2);
    const broken = await request(t.app, 'GET', `/api/v1/orgs/${orgId}/audit/verify`, { headers: auditor.headers });
    expect(broken.body.ok).toBe(false);
    expect(broken.body.broken).toMatchObject({ seq: 2, eventId: id });
  });
});
