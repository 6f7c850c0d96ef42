import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../kernel/auth/totp.js';
import type { ManualClock } from '../../kernel/clock.js';
import { decryptString } from '../../kernel/crypto/envelope.js';
import { buildMember, buildOrganization, buildSession, TEST_PASSWORD } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testEngine } from '../../testing/test-db.js';

describe('My account', () => {
  let t: TestApp;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await buildOrganization(t.ctx)).id;
  });
  afterAll(() => t.close());

  it('stores the TOTP secret only encrypted: the raw database never holds it in plain text', async () => {
    const user = await buildMember(t.ctx, orgId, 'privacy_officer');
    const session = await buildSession(t.ctx, user.id);
    const start = await request(t.app, 'POST', '/api/v1/account/mfa/enrolment', { headers: session.mutationHeaders });
    expect(start.status).toBe(200);
    expect(start.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Custos:/);
    expect(start.body.qrCodeSvg).toMatch(/^<svg/);
    const secret: string = start.body.secret;
    const code = await currentTotp(secret, t.ctx.clock.now());
    expect((await request(t.app, 'POST', '/api/v1/account/mfa/enrolment/confirm', { headers: session.mutationHeaders, body: { code } })).status).toBe(200);

    const row = await t.ctx.database.db.selectFrom('users').select(['totp_secret', 'totp_pending_secret', 'mfa_enabled']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.mfa_enabled).toBe(1);
    expect(row.totp_pending_secret).toBeNull();
    expect(row.totp_secret).toMatch(/^cx1\./);
    expect(row.totp_secret).not.toContain(secret);
    expect(decryptString(t.ctx.keyring, row.totp_secret!, `users.totp_secret:${user.id}`)).toBe(secret);

    // Search every text column of every table for the secret (and its lower-case form).
    const tables = ['users', 'sessions', 'mfa_challenges', 'recovery_codes', 'api_tokens', 'audit_events', 'audit_chain_heads', 'memberships', 'organizations', 'settings', 'auth_throttle'];
    for (const table of tables) {
      const rows = (await sql`select * from ${sql.table(table)}`.execute(t.ctx.database.db)).rows;
      const dump = JSON.stringify(rows);
      expect(dump.includes(secret), `${table} holds the TOTP secret`).toBe(false);
      expect(dump.toLowerCase().includes(secret.toLowerCase()), `${table} holds the TOTP secret`).toBe(false);
    }
    if (testEngine() === 'sqlite') {
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(t.ctx.database.db);
      const file = fs.readFileSync(path.join(t.testDb.location, 'custos.db')).toString('latin1');
      expect(file.includes(secret)).toBe(false);
    }
  });

  it('changes the password under the policy and ends the other sessions', async () => {
    const user = await buildMember(t.ctx, orgId, 'staff');
    const current = await buildSession(t.ctx, user.id);
    const other = await buildSession(t.ctx, user.id);
    const weak = await request(t.app, 'POST', '/api/v1/account/password', { headers: current.mutationHeaders, body: { currentPassword: TEST_PASSWORD, newPassword: 'password1234' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/^body\.newPassword: .*common/);
    const wrongCurrent = await request(t.app, 'POST', '/api/v1/account/password', { headers: current.mutationHeaders, body: { currentPassword: 'nope', newPassword: 'lantern harbour violet 7' } });
    expect(wrongCurrent.body.error.message).toMatch(/^body\.currentPassword: /);
    const ok = await request(t.app, 'POST', '/api/v1/account/password', { headers: current.mutationHeaders, body: { currentPassword: TEST_PASSWORD, newPassword: 'lantern harbour violet 7' } });
    expect(ok.status).toBe(200);
    expect((await request(t.app, 'GET', '/api/v1/auth/session', { headers: current.headers })).status).toBe(200);
    expect((await request(t.app, 'GET', '/api/v1/auth/session', { headers: other.headers })).status).toBe(401);
    expect((await request(t.app, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: 'lantern harbour violet 7' } })).status).toBe(200);
  });

  it('lists my sessions and revokes one, but never another user\'s', async () => {
    const user = await buildMember(t.ctx, orgId, 'staff');
    const stranger = await buildMember(t.ctx, orgId, 'staff');
    const mine = await buildSession(t.ctx, user.id);
    const second = await buildSession(t.ctx, user.id);
    const theirs = await buildSession(t.ctx, stranger.id);
    const list = await request(t.app, 'GET', '/api/v1/account/sessions', { headers: mine.headers });
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items.filter((s: { isCurrent: boolean }) => s.isCurrent)).toHaveLength(1);
    expect((await request(t.app, 'DELETE', `/api/v1/account/sessions/${theirs.sessionId}`, { headers: mine.mutationHeaders })).status).toBe(404);
    expect((await request(t.app, 'DELETE', `/api/v1/account/sessions/${second.sessionId}`, { headers: mine.mutationHeaders })).status).toBe(200);
    expect((await request(t.app, 'GET', '/api/v1/auth/session', { headers: second.headers })).status).toBe(401);
    expect((await request(t.app, 'GET', '/api/v1/auth/session', { headers: theirs.headers })).status).toBe(200);
  });

  it('creates an API token shown once, scoped to permissions the owner holds, stored hashed, revocable', async () => {
    const user = await buildMember(t.ctx, orgId, 'isms_manager');
    const session = await buildSession(t.ctx, user.id);
    const tooMuch = await request(t.app, 'POST', '/api/v1/account/tokens', { headers: session.mutationHeaders, body: { name: 'SIEM export', organizationId: orgId, permissions: ['member.manage'], expiresInDays: 30 } });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.message).toMatch(/^body\.permissions: /);
    const created = await request(t.app, 'POST', '/api/v1/account/tokens', { headers: session.mutationHeaders, body: { name: 'SIEM export', organizationId: orgId, permissions: ['audit.read'], expiresInDays: 30 } });
    expect(created.status).toBe(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^cst_/);
    const stored = await t.ctx.database.db.selectFrom('api_tokens').select(['token_hash']).where('id', '=', created.body.item.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await request(t.app, 'GET', `/api/v1/orgs/${orgId}/audit-events`, { headers: bearer })).status).toBe(200);
    expect((await request(t.app, 'GET', `/api/v1/orgs/${orgId}/members`, { headers: bearer })).status).toBe(403);
    expect((await request(t.app, 'GET', '/api/v1/account/tokens', { headers: bearer })).status).toBe(403);
    const list = await request(t.app, 'GET', '/api/v1/account/tokens', { headers: session.headers });
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect((await request(t.app, 'DELETE', `/api/v1/account/tokens/${created.body.item.id}`, { headers: session.mutationHeaders })).status).toBe(200);
    expect((await request(t.app, 'GET', `/api/v1/orgs/${orgId}/audit-events`, { headers: bearer })).status).toBe(401);
  });

  it('refuses an expired API token', async () => {
    const user = await buildMember(t.ctx, orgId, 'isms_manager');
    const session = await buildSession(t.ctx, user.id);
    const created = await request(t.app, 'POST', '/api/v1/account/tokens', { headers: session.mutationHeaders, body: { name: 'short', organizationId: orgId, permissions: ['org.read'], expiresInDays: 1 } });
    (t.ctx.clock as ManualClock).advance(2 * 86_400_000);
    expect((await request(t.app, 'GET', `/api/v1/orgs/${orgId}`, { headers: { authorization: `Bearer ${created.body.token}` } })).status).toBe(401);
  });
});
