import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildOrganization, buildSession, type Credentials } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

describe('organizations and members', () => {
  let t: TestApp;
  let orgId: string;
  let admin: Credentials & { userId: string; membershipId: string };
  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await buildOrganization(t.ctx, { name: 'St. Example Hospital' })).id;
    const user = await buildMember(t.ctx, orgId, 'admin', { email: 'chief.admin@example.org' });
    admin = { ...(await buildSession(t.ctx, user.id)), userId: user.id, membershipId: user.membershipId };
    for (const [i, role] of (['staff', 'staff', 'auditor', 'risk_owner', 'isms_manager'] as const).entries()) {
      await buildMember(t.ctx, orgId, role, { email: `person${i}@example.org`, displayName: `Person ${String.fromCharCode(69 - i)}` });
    }
  });
  afterAll(() => t.close());

  it('pages, filters and sorts members in SQL', async () => {
    const page1 = await request(t.app, 'GET', `/api/v1/orgs/${orgId}/members?pageSize=2&sort=email&direction=asc`, { headers: admin.headers });
    expect(page1.status).toBe(200);
    expect(page1.body.total).toBe(6);
    expect(page1.body.items.map((m: { email: string }) => m.email)).toEqual(['chief.admin@example.org', 'person0@example.org']);
    const page3 = await request(t.app, 'GET', `/api/v1/orgs/${orgId}/members?pageSize=2&page=3&sort=email&direction=asc`, { headers: admin.headers });
    expect(page3.body.items.map((m: { email: string }) => m.email)).toEqual(['person3@example.org', 'person4@example.org']);
    const staff = await request(t.app, 'GET', `/api/v1/orgs/${orgId}/members?role=staff`, { headers: admin.headers });
    expect(staff.body.total).toBe(2);
    const search = await request(t.app, 'GET', `/api/v1/orgs/${orgId}/members?q=${encodeURIComponent('PERSON 1')}`, { headers: admin.headers });
    expect(search.body.items.map((m: { email: string }) => m.email)).toEqual([]);
    const byName = await request(t.app, 'GET', `/api/v1/orgs/${orgId}/members?q=person%20d`, { headers: admin.headers });
    expect(byName.body.items.map((m: { displayName: string }) => m.displayName)).toEqual(['Person D']);
    const wildcard = await request(t.app, 'GET', `/api/v1/orgs/${orgId}/members?q=%25`, { headers: admin.headers });
    expect(wildcard.body.total).toBe(0);
  });

  it('returns abilities: the last admin and my own membership cannot be changed', async () => {
    const list = await request(t.app, 'GET', `/api/v1/orgs/${orgId}/members?pageSize=50`, { headers: admin.headers });
    const me = list.body.items.find((m: { userId: string }) => m.userId === admin.userId);
    expect(me.abilities).toEqual({ update: false, remove: false });
    const other = list.body.items.find((m: { userId: string }) => m.userId !== admin.userId);
    expect(other.abilities).toEqual({ update: true, remove: true });
    const self = await request(t.app, 'DELETE', `/api/v1/orgs/${orgId}/members/${admin.membershipId}`, { headers: admin.mutationHeaders });
    expect(self.status).toBe(403);
  });

  it('adds a new person with a one-time temporary password, and an existing one without', async () => {
    const created = await request(t.app, 'POST', `/api/v1/orgs/${orgId}/members`, { headers: admin.mutationHeaders, body: { email: 'New.Nurse@Example.org', displayName: 'New Nurse', role: 'staff' } });
    expect(created.status).toBe(201);
    expect(created.body.member).toMatchObject({ email: 'new.nurse@example.org', role: 'staff', abilities: { update: true, remove: true } });
    expect(created.body.temporaryPassword).toMatch(/^\S{20}$/);
    const login = await request(t.app, 'POST', '/api/v1/auth/login', { body: { email: 'new.nurse@example.org', password: created.body.temporaryPassword } });
    expect(login.status).toBe(200);
    const duplicate = await request(t.app, 'POST', `/api/v1/orgs/${orgId}/members`, { headers: admin.mutationHeaders, body: { email: 'new.nurse@example.org', role: 'staff' } });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.message).toMatch(/^body\.email: already has access/);
    const site = await buildOrganization(t.ctx, { parentId: orgId });
    await buildMember(t.ctx, site.id, 'admin').then(async (siteAdmin) => {
      const s = await buildSession(t.ctx, siteAdmin.id);
      const reuse = await request(t.app, 'POST', `/api/v1/orgs/${site.id}/members`, { headers: s.mutationHeaders, body: { email: 'new.nurse@example.org', role: 'auditor' } });
      expect(reuse.status).toBe(201);
      expect(reuse.body.temporaryPassword).toBeNull();
    });
  });

  it('requires an end date in the future for an external auditor', async () => {
    const missing = await request(t.app, 'POST', `/api/v1/orgs/${orgId}/members`, { headers: admin.mutationHeaders, body: { email: 'ext@certifier.example', role: 'external_auditor' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^body\.expiresAt: is required/);
    const past = await request(t.app, 'POST', `/api/v1/orgs/${orgId}/members`, { headers: admin.mutationHeaders, body: { email: 'ext@certifier.example', role: 'external_auditor', expiresAt: '2001-01-01T00:00:00Z' } });
    expect(past.body.error.message).toMatch(/^body\.expiresAt: must be in the future/);
    const ok = await request(t.app, 'POST', `/api/v1/orgs/${orgId}/members`, { headers: admin.mutationHeaders, body: { email: 'ext@certifier.example', role: 'external_auditor', expiresAt: new Date(t.ctx.clock.now().getTime() + 7 * 86_400_000).toISOString() } });
    expect(ok.status).toBe(201);
  });

  it('changes a role and removes access, each with its audit event; removal revokes their tokens', async () => {
    const person = await buildMember(t.ctx, orgId, 'staff');
    const updated = await request(t.app, 'PATCH', `/api/v1/orgs/${orgId}/members/${person.membershipId}`, { headers: admin.mutationHeaders, body: { role: 'control_owner' } });
    expect(updated.status).toBe(200);
    expect(updated.body.role).toBe('control_owner');
    const tokenRow = await t.ctx.database.db.insertInto('api_tokens').values({ id: crypto.randomUUID(), user_id: person.id, organization_id: orgId, name: 'x', prefix: 'cst_x', token_hash: crypto.randomUUID(), permissions: '["org.read"]', created_at: t.ctx.clock.now().toISOString(), expires_at: '2999-01-01T00:00:00.000Z', last_used_at: null, revoked_at: null }).returning('id').executeTakeFirstOrThrow();
    expect((await request(t.app, 'DELETE', `/api/v1/orgs/${orgId}/members/${person.membershipId}`, { headers: admin.mutationHeaders })).status).toBe(200);
    const token = await t.ctx.database.db.selectFrom('api_tokens').select('revoked_at').where('id', '=', tokenRow.id).executeTakeFirstOrThrow();
    expect(token.revoked_at).not.toBeNull();
    const events = await t.ctx.database.db.selectFrom('audit_events').select('type').where('chain_id', '=', orgId).where('subject_id', '=', person.membershipId).orderBy('seq').execute();
    expect(events.map((e) => e.type)).toEqual(['membership.created', 'membership.updated', 'membership.removed']);
  });

  it('updates settings and creates a site whose creator becomes its administrator', async () => {
    const patched = await request(t.app, 'PATCH', `/api/v1/orgs/${orgId}`, { headers: admin.mutationHeaders, body: { timeZone: 'Europe/Berlin' } });
    expect(patched.body.timeZone).toBe('Europe/Berlin');
    const badZone = await request(t.app, 'PATCH', `/api/v1/orgs/${orgId}`, { headers: admin.mutationHeaders, body: { timeZone: 'Mars/Olympus' } });
    expect(badZone.body.error.message).toMatch(/^body\.timeZone: /);
    const site = await request(t.app, 'POST', `/api/v1/orgs/${orgId}/sites`, { headers: admin.mutationHeaders, body: { name: 'North Clinic', slug: 'north-clinic', kind: 'clinic' } });
    expect(site.status).toBe(201);
    const siteView = await request(t.app, 'GET', `/api/v1/orgs/${site.body.id}`, { headers: admin.headers });
    expect(siteView.body).toMatchObject({ name: 'North Clinic', parentId: orgId, timeZone: 'Europe/Berlin', abilities: { update: true } });
    const parentView = await request(t.app, 'GET', `/api/v1/orgs/${orgId}`, { headers: admin.headers });
    expect(parentView.body.sites.map((s: { slug: string }) => s.slug)).toContain('north-clinic');
    const dup = await request(t.app, 'POST', `/api/v1/orgs/${orgId}/sites`, { headers: admin.mutationHeaders, body: { name: 'Again', slug: 'north-clinic', kind: 'clinic' } });
    expect(dup.body.error.message).toMatch(/^body\.slug: /);
  });

  it('never shows one organization\'s members to another organization\'s admin', async () => {
    const other = await buildOrganization(t.ctx);
    const otherAdmin = await buildMember(t.ctx, other.id, 'admin');
    const s = await buildSession(t.ctx, otherAdmin.id);
    const response = await request(t.app, 'GET', `/api/v1/orgs/${orgId}/members`, { headers: s.headers });
    expect(response.status).toBe(404);
    expect(response.text).not.toContain('example.org');
  });

  it('refuses expired access', async () => {
    const person = await buildMember(t.ctx, orgId, 'auditor');
    await t.ctx.database.db.updateTable('memberships').set({ expires_at: new Date(t.ctx.clock.now().getTime() - 1000).toISOString() }).where('id', '=', person.membershipId).execute();
    const s = await buildSession(t.ctx, person.id);
    expect((await request(t.app, 'GET', `/api/v1/orgs/${orgId}`, { headers: s.headers })).status).toBe(404);
  });
});
