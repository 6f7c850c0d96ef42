import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiToken, buildMember, buildOrganization, buildSession, type Credentials } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

const URL = '/api/v1/breach-clock/preview';

const scenario = {
  timezone: 'America/New_York',
  hipaaRole: 'covered_entity',
  gdprRole: 'controller',
  discoveredAt: '2027-12-31T17:00:00Z',
  awareAt: '2026-03-06T17:00:00Z',
  hipaaBreach: true,
  individuals: 12000,
  residentsByState: { NY: 9000, NJ: 500 },
  gdprRisk: 'high',
};

describe('POST /api/v1/breach-clock/preview', () => {
  let t: TestApp;
  let orgId: string;
  let staff: Credentials;
  let staffId: string;

  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await buildOrganization(t.ctx, { name: 'Breach Clock Hospital' })).id;
    staffId = (await buildMember(t.ctx, orgId, 'staff')).id;
    staff = await buildSession(t.ctx, staffId);
  });
  afterAll(() => t.close());

  it('answers every obligation of the scenario, for any signed-in member (here: staff)', async () => {
    const response = await request(t.app, 'POST', URL, { headers: staff.mutationHeaders, body: scenario });
    expect(response.status, response.text).toBe(200);
    const byId = Object.fromEntries(response.body.obligations.map((o: { id: string }) => [o.id, o]));
    expect(Object.keys(byId)).toEqual(['hipaa.individuals', 'hipaa.hhs', 'hipaa.hhs_annual_log', 'hipaa.media.NJ', 'hipaa.media.NY', 'gdpr.supervisory_authority', 'gdpr.data_subjects']);
    expect(byId['hipaa.individuals']).toMatchObject({ required: true, cite: '45 CFR 164.404(b)', dueDate: '2028-02-29', dueAt: '2028-03-01T04:59:59.999Z' });
    expect(byId['hipaa.hhs']).toMatchObject({ required: true, dueDate: '2028-02-29' });
    expect(byId['hipaa.hhs_annual_log']).toMatchObject({ required: false, dueAt: null });
    expect(byId['hipaa.media.NY'].required).toBe(true);
    expect(byId['hipaa.media.NJ'].required).toBe(false);
    expect(byId['gdpr.supervisory_authority']).toMatchObject({ required: true, dueAt: '2026-03-09T17:00:00.000Z', dueDate: '2026-03-09' });
    expect(byId['gdpr.data_subjects']).toMatchObject({ required: true, dueAt: null });
  });

  it('refuses bad input with 400 naming the field', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...scenario, timezone: 'Mars/Olympus_Mons' }, /^body\.timezone: must be an IANA time zone/],
      [{ ...scenario, residentsByState: { NY: 12001 } }, /^body\.residentsByState: adds up to 12001, more than individuals \(12000\)/],
      [{ ...scenario, residentsByState: { QQ: 1 } }, /^body\.residentsByState\.QQ: is not a US state or territory code/],
      [{ ...scenario, baNoticeDays: 10 }, /^body\.baNoticeDays: applies only when hipaaRole is business_associate/],
      [{ ...scenario, hipaaRole: 'business_associate', baNoticeDays: 90 }, /^body\.baNoticeDays: must be a whole number from 1 to 60/],
      [{ ...scenario, discoveredAt: 'yesterday' }, /^body\.discoveredAt: /],
      [{ ...scenario, individuals: -3 }, /^body\.individuals: /],
    ];
    for (const [body, message] of cases) {
      const response = await request(t.app, 'POST', URL, { headers: staff.mutationHeaders, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
      expect(response.body.error.message).toMatch(message);
    }
  });

  it('refuses a caller without a session (401), a cookie without the CSRF token (403) and an API token (403)', async () => {
    expect((await request(t.app, 'POST', URL, { body: scenario })).status).toBe(401);
    expect((await request(t.app, 'POST', URL, { headers: staff.headers, body: scenario })).status).toBe(403);
    const token = await buildApiToken(t.ctx, { userId: staffId, organizationId: orgId, permissions: ['org.read'] });
    expect((await request(t.app, 'POST', URL, { headers: token.headers, body: scenario })).status).toBe(403);
  });

  it('writes nothing: no audit event for a calculation', async () => {
    const count = async () => Number((await t.ctx.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    await request(t.app, 'POST', URL, { headers: staff.mutationHeaders, body: scenario });
    expect(await count()).toBe(before);
  });
});
