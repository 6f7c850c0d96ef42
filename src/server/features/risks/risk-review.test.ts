import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credentials } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { AT_LEVEL, treatmentWorld, type SeededLevel, type TreatmentWorld } from './risk-treatment-test-support.js';

describe('POST /api/v1/orgs/:orgId/risks/:riskId/reviews', () => {
  let w: TreatmentWorld;
  const TODAY = '2026-01-31';

  const review = (riskId: string, creds: Credentials, body: Record<string, unknown>) =>
    request(w.t.app, 'POST', w.url(`/risks/${riskId}/reviews`), { headers: creds.mutationHeaders, body: { reviewedOn: TODAY, outcome: 'unchanged', ...body } });
  const detail = async (riskId: string) => (await request(w.t.app, 'GET', w.url(`/risks/${riskId}`), { headers: w.people.isms_manager.creds.headers })).body;
  const riskAt = (level: SeededLevel | null, extra: Record<string, unknown> = {}) =>
    w.createRisk({ title: `Review ${level ?? 'unassessed'}`, ownerUserId: w.people.risk_owner.id, ...(level ? { current: AT_LEVEL[level] } : {}), ...extra });

  beforeAll(async () => {
    w = await treatmentWorld(`${TODAY}T12:00:00.000Z`);
  });
  afterAll(() => w.t.close());

  it('sets the next review from the cadence of the level (calendar months, month ends clamped)', async () => {
    // Seeded cadences: low 12, medium 6, high 3, critical 1 month(s).
    const expected: [SeededLevel, string, string][] = [
      ['low', TODAY, '2027-01-31'],
      ['medium', TODAY, '2026-07-31'],
      ['high', TODAY, '2026-04-30'],
      ['critical', TODAY, '2026-02-28'],
      ['critical', '2024-01-31', '2024-02-29'],
    ];
    for (const [level, reviewedOn, next] of expected) {
      const risk = await riskAt(level);
      const response = await review(risk.id, w.people.risk_owner.creds, { reviewedOn, comment: 'Still valid' });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body).toMatchObject({ riskId: risk.id, reviewer: { id: w.people.risk_owner.id, name: 'Test risk_owner' }, reviewedOn, outcome: 'unchanged', comment: 'Still valid', levelKey: level, nextReviewOn: next });
      const after = await detail(risk.id);
      expect(after.nextReviewOn, `${level} reviewed ${reviewedOn}`).toBe(next);
      expect(after.version).toBe(risk.version);
      const [event] = await w.events('risk.reviewed', risk.id);
      expect(JSON.parse(event!.changes!)).toMatchObject({ reviewedOn, outcome: 'unchanged', level: { key: level }, nextReviewOn: { to: next }, lastReviewedOn: { from: null, to: reviewedOn } });
    }
  });

  it('lists a risk whose review date passed as overdue until it is reviewed again', async () => {
    const risk = await riskAt('critical');
    expect((await review(risk.id, w.people.isms_manager.creds, { reviewedOn: '2025-11-15' })).status).toBe(201);
    const overdue = async () => (await request(w.t.app, 'GET', `${w.url('/risks')}?reviewOverdue=yes&pageSize=200`, { headers: w.people.isms_manager.creds.headers })).body.items.map((r: { id: string }) => r.id);
    expect(await overdue()).toContain(risk.id);
    expect((await review(risk.id, w.people.isms_manager.creds, { outcome: 'reassessed', comment: 'Reassessed with the new EDR in place' })).status).toBe(201);
    expect(await overdue()).not.toContain(risk.id);
    const reviews = (await request(w.t.app, 'GET', w.url(`/risks/${risk.id}/treatment`), { headers: w.people.auditor.creds.headers })).body.reviews;
    expect(reviews.map((r: { reviewedOn: string; outcome: string }) => `${r.reviewedOn} ${r.outcome}`)).toEqual([`${TODAY} reassessed`, '2025-11-15 unchanged']);
  });

  it('refuses a date in the future or before the last review, naming the field', async () => {
    const risk = await riskAt('high');
    const future = await review(risk.id, w.people.isms_manager.creds, { reviewedOn: '2026-02-01' });
    expect(future.status).toBe(400);
    expect(future.body.error.message).toBe('body.reviewedOn: must not be in the future (today is 2026-01-31)');
    expect((await review(risk.id, w.people.isms_manager.creds, { reviewedOn: '2026-01-15' })).status).toBe(201);
    const earlier = await review(risk.id, w.people.isms_manager.creds, { reviewedOn: '2026-01-14' });
    expect(earlier.status).toBe(400);
    expect(earlier.body.error.message).toBe("body.reviewedOn: must not be before the risk's last review (2026-01-15)");
    const badOutcome = await review(risk.id, w.people.isms_manager.creds, { outcome: 'fine' });
    expect(badOutcome.status).toBe(400);
    expect(badOutcome.body.error.message).toMatch(/^body\.outcome: /);
    expect(await w.events('risk.reviewed', risk.id)).toHaveLength(1);
  });

  it('is recorded by the owner, an ISMS manager or an admin; others are refused with the reason', async () => {
    const risk = await riskAt('medium');
    for (const role of ['risk_owner', 'isms_manager', 'admin'] as const) expect((await review(risk.id, w.people[role].creds, {})).status, role).toBe(201);
    const notOwner = await review(risk.id, w.people.privacy_officer.creds, {});
    expect(notOwner.status).toBe(403);
    expect(notOwner.body.error.message).toBe("Only the risk's owner or an ISMS manager may record a review of this risk");
    for (const role of ['top_management', 'auditor', 'clinical_safety_officer', 'staff'] as const) {
      const response = await review(risk.id, w.people[role].creds, {});
      expect(response.status, role).toBe(403);
      expect(response.body.error.code).toBe('permission_denied');
    }
    const owned = await w.createRisk({ title: 'Privacy-owned risk', ownerUserId: w.people.privacy_officer.id, current: AT_LEVEL.low });
    expect((await review(owned.id, w.people.privacy_officer.creds, {})).status).toBe(201);
  });

  it('closes the risk on outcome closed (a change of the risk), after which it takes no review', async () => {
    const risk = await riskAt('high');
    const closed = await review(risk.id, w.people.isms_manager.creds, { outcome: 'closed', comment: 'Legacy PACS decommissioned' });
    expect(closed.status).toBe(201);
    expect(closed.body.nextReviewOn).toBeNull();
    const after = await detail(risk.id);
    expect(after).toMatchObject({ status: 'closed', nextReviewOn: null, version: risk.version + 1 });
    const [event] = await w.events('risk.reviewed', risk.id);
    expect(JSON.parse(event!.changes!)).toMatchObject({ outcome: 'closed', status: { from: 'open', to: 'closed' } });
    const again = await review(risk.id, w.people.isms_manager.creds, {});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/is closed/);
  });

  it('records a review of a risk without a level, with no next review', async () => {
    const risk = await riskAt(null);
    const response = await review(risk.id, w.people.isms_manager.creds, {});
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ levelKey: null, nextReviewOn: null });
    expect((await detail(risk.id)).nextReviewOn).toBeNull();
  });
});
