import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../kernel/auth/totp.js';
import type { ManualClock } from '../../kernel/clock.js';
import { buildMember, buildOrganization, buildSession, buildUser, TEST_PASSWORD } from '../../testing/factories.js';
import { browser, request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

async function enrolMfa(t: TestApp, email: string) {
  const login = await request(t.app, 'POST', '/api/v1/auth/login', { body: { email, password: TEST_PASSWORD } });
  const b = browser(login.sessionCookie!, login.body.csrfToken);
  const start = await request(t.app, 'POST', '/api/v1/account/mfa/enrolment', { headers: b.mutationHeaders });
  const clock = t.ctx.clock as ManualClock;
  const confirm = await request(t.app, 'POST', '/api/v1/account/mfa/enrolment/confirm', { headers: b.mutationHeaders, body: { code: await currentTotp(start.body.secret, clock.now()) } });
  expect(confirm.status).toBe(200);
  return { secret: start.body.secret as string, recoveryCodes: confirm.body.recoveryCodes as string[] };
}

describe('POST /api/v1/auth/login', () => {
  let t: TestApp;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await buildOrganization(t.ctx)).id;
  });
  afterAll(() => t.close());

  it('signs in with the right password: HttpOnly SameSite=Strict cookie and a CSRF token', async () => {
    const user = await buildMember(t.ctx, orgId, 'staff');
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email.toUpperCase(), password: TEST_PASSWORD } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ status: 'ok', user: { email: user.email, mfaEnabled: false } });
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/custos_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const events = await t.ctx.database.db.selectFrom('audit_events').select(['type', 'auth_method']).where('chain_id', '=', orgId).where('type', '=', 'auth.login_succeeded').where('actor_label', '=', user.email).execute();
    expect(events).toEqual([{ type: 'auth.login_succeeded', auth_method: 'password' }]);
  });

  it('refuses a wrong password without saying whether the account exists', async () => {
    const user = await buildUser(t.ctx);
    const wrong = await request(t.app, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: 'wrong password here' } });
    const unknown = await request(t.app, 'POST', '/api/v1/auth/login', { body: { email: 'nobody@example.org', password: 'wrong password here' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
    expect(wrong.sessionCookie).toBeNull();
  });

  it('locks an address after 5 failures, even with the right password, and logs it', async () => {
    const user = await buildUser(t.ctx);
    for (let i = 0; i < 5; i += 1) expect((await request(t.app, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: `wrong password ${i}` } })).status).toBe(401);
    const locked = await request(t.app, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: TEST_PASSWORD } });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('locked');
    const lockEvents = await t.ctx.database.db.selectFrom('audit_events').select('type').where('type', '=', 'auth.account_locked').where('subject_id', '=', user.id).execute();
    expect(lockEvents).toHaveLength(1);
    (t.ctx.clock as ManualClock).advance(16 * 60_000);
    expect((await request(t.app, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: TEST_PASSWORD } })).status).toBe(200);
  });

  it('refuses a disabled account', async () => {
    const user = await buildUser(t.ctx, { disabled: true });
    expect((await request(t.app, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: TEST_PASSWORD } })).status).toBe(401);
  });

  it('names the field of a malformed request', async () => {
    const response = await request(t.app, 'POST', '/api/v1/auth/login', { body: { email: 'a@b.org' } });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'validation_failed' });
    expect(response.body.error.message).toMatch(/^body\.password: /);
  });
});

describe('two-factor sign-in', () => {
  let t: TestApp;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await buildOrganization(t.ctx)).id;
  });
  afterAll(() => t.close());

  it('asks for a code, accepts a fresh TOTP, and refuses a replayed one', async () => {
    const user = await buildMember(t.ctx, orgId, 'isms_manager');
    const { secret } = await enrolMfa(t, user.email);
    const clock = t.ctx.clock as ManualClock;
    clock.advance(30_000);
    const first = await request(t.app, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: TEST_PASSWORD } });
    expect(first.body).toEqual({ status: 'mfa_required', challengeId: expect.any(String) });
    expect(first.sessionCookie).toBeNull();
    const code = await currentTotp(secret, clock.now());
    const ok = await request(t.app, 'POST', '/api/v1/auth/mfa', { body: { challengeId: first.body.challengeId, code } });
    expect(ok.status).toBe(200);
    expect(ok.sessionCookie).toBeTruthy();
    const again = await request(t.app, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: TEST_PASSWORD } });
    const replay = await request(t.app, 'POST', '/api/v1/auth/mfa', { body: { challengeId: again.body.challengeId, code } });
    expect(replay.status).toBe(401);
    const event = await t.ctx.database.db.selectFrom('audit_events').select('auth_method').where('chain_id', '=', orgId).where('type', '=', 'auth.login_succeeded').where('actor_label', '=', user.email).orderBy('seq', 'desc').executeTakeFirst();
    expect(event?.auth_method).toBe('password_mfa');
  });

  it('accepts each recovery code once', async () => {
    const user = await buildMember(t.ctx, orgId, 'auditor');
    const { recoveryCodes } = await enrolMfa(t, user.email);
    expect(recoveryCodes).toHaveLength(10);
    const challenge = async () => (await request(t.app, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: TEST_PASSWORD } })).body.challengeId;
    expect((await request(t.app, 'POST', '/api/v1/auth/mfa', { body: { challengeId: await challenge(), code: recoveryCodes[0] } })).status).toBe(200);
    expect((await request(t.app, 'POST', '/api/v1/auth/mfa', { body: { challengeId: await challenge(), code: recoveryCodes[0] } })).status).toBe(401);
  });

  it('gives up a challenge after 5 wrong codes', async () => {
    const user = await buildMember(t.ctx, orgId, 'staff');
    const { secret } = await enrolMfa(t, user.email);
    const clock = t.ctx.clock as ManualClock;
    clock.advance(60_000);
    const { challengeId } = (await request(t.app, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: TEST_PASSWORD } })).body;
    const wrong = await request(t.app, 'POST', '/api/v1/auth/mfa', { body: { challengeId, code: '000000' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toMatch(/^code: is wrong/);
    const failure = await t.ctx.database.db.selectFrom('audit_events').select(['auth_method', 'chain_id']).where('type', '=', 'auth.login_failed').where('subject_id', '=', user.id).executeTakeFirstOrThrow();
    expect(failure).toEqual({ auth_method: 'none', chain_id: orgId });
    for (let i = 0; i < 4; i += 1) await request(t.app, 'POST', '/api/v1/auth/mfa', { body: { challengeId, code: '000000' } });
    const late = await request(t.app, 'POST', '/api/v1/auth/mfa', { body: { challengeId, code: await currentTotp(secret, clock.now()) } });
    expect(late.status).toBe(401);
  });
});

describe('sessions, CSRF and mandatory MFA', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses a cookie-authenticated mutation without the CSRF header', async () => {
    const org = await buildOrganization(t.ctx);
    const user = await buildMember(t.ctx, org.id, 'admin');
    const session = await buildSession(t.ctx, user.id);
    const without = await request(t.app, 'PATCH', `/api/v1/orgs/${org.id}`, { headers: session.headers, body: { name: 'Renamed' } });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('csrf_failed');
    const wrong = await request(t.app, 'PATCH', `/api/v1/orgs/${org.id}`, { headers: { ...session.headers, 'x-csrf-token': 'forged' }, body: { name: 'Renamed' } });
    expect(wrong.status).toBe(403);
    const ok = await request(t.app, 'PATCH', `/api/v1/orgs/${org.id}`, { headers: session.mutationHeaders, body: { name: 'Renamed' } });
    expect(ok.status).toBe(200);
  });

  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const clock = t.ctx.clock as ManualClock;
    const user = await buildUser(t.ctx);
    const idle = await buildSession(t.ctx, user.id);
    expect((await request(t.app, 'GET', '/api/v1/auth/session', { headers: idle.headers })).status).toBe(200);
    clock.advance(31 * 60_000);
    expect((await request(t.app, 'GET', '/api/v1/auth/session', { headers: idle.headers })).status).toBe(401);
    const busy = await buildSession(t.ctx, user.id);
    for (let minutes = 0; minutes < 12 * 60; minutes += 20) {
      clock.advance(20 * 60_000);
      if ((await request(t.app, 'GET', '/api/v1/auth/session', { headers: busy.headers })).status !== 200) break;
    }
    expect((await request(t.app, 'GET', '/api/v1/auth/session', { headers: busy.headers })).status).toBe(401);
  });

  it('signs out: the session is revoked', async () => {
    const user = await buildUser(t.ctx);
    const session = await buildSession(t.ctx, user.id);
    expect((await request(t.app, 'POST', '/api/v1/auth/logout', { headers: session.mutationHeaders })).status).toBe(200);
    const after = await request(t.app, 'GET', '/api/v1/auth/session', { headers: session.headers });
    expect(after.status).toBe(401);
    expect(after.body.error.message).toMatch(/session has ended/);
    expect((await request(t.app, 'GET', '/api/v1/auth/session')).body.error.message).toBe('sign in first');
  });

  it('keeps a member without MFA out of an organization that requires it, but lets them enrol', async () => {
    const org = await buildOrganization(t.ctx, { mfaRequired: true });
    const user = await buildMember(t.ctx, org.id, 'isms_manager');
    const session = await buildSession(t.ctx, user.id);
    const refused = await request(t.app, 'GET', `/api/v1/orgs/${org.id}`, { headers: session.headers });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('mfa_enrolment_required');
    const info = await request(t.app, 'GET', '/api/v1/auth/session', { headers: session.headers });
    expect(info.body.mustEnrolMfa).toBe(true);
    expect((await request(t.app, 'POST', '/api/v1/account/mfa/enrolment', { headers: session.mutationHeaders })).status).toBe(200);
  });
});

describe('housekeeping', () => {
  it('removes ended sessions and used challenges, and keeps live ones', async () => {
    const t = await createTestApp();
    try {
      const { sweepExpiredAuthState } = await import('../../kernel/auth/housekeeping.js');
      const user = await buildUser(t.ctx);
      const live = await buildSession(t.ctx, user.id);
      const ended = await buildSession(t.ctx, user.id);
      await request(t.app, 'POST', '/api/v1/auth/logout', { headers: ended.mutationHeaders });
      const removed = await sweepExpiredAuthState(t.ctx);
      expect(removed.sessions).toBe(1);
      expect((await request(t.app, 'GET', '/api/v1/auth/session', { headers: live.headers })).status).toBe(200);
      (t.ctx.clock as ManualClock).advance(13 * 3_600_000);
      expect((await sweepExpiredAuthState(t.ctx)).sessions).toBe(1);
    } finally {
      await t.close();
    }
  });
});
