import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RISK_CATEGORIES } from '../../../shared/contracts/risks.js';
import { defaultMethod, riskLevel } from '../../../shared/risk-method.js';
import { ManualClock } from '../../kernel/clock.js';
import { runHousekeepingHooks } from '../../kernel/hooks.js';
import { buildMember, buildMembership, buildOrganization, buildSession } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { repoDb } from './risk.repository.js';
import { takeMonthlySnapshots } from './risk-snapshots.js';
import { buildRisk, buildRiskMember, rated, resizedMethod, type TestMember } from './risk-test-support.js';

/** A small deterministic pseudo-random sequence (the same risks on every run). */
function sequence(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 48271) % 2147483647;
    return state % n;
  };
}

describe('risk heat map and trends', () => {
  let t: TestApp;
  let orgId: string;
  let manager: TestMember;
  let other: TestMember;
  const url = (path: string, org = orgId) => `/api/v1/orgs/${org}${path}`;
  const heatmap = async (query: string, who: TestMember = manager, org = orgId) => {
    const response = await request(t.app, 'GET', url(`/risks/heatmap?${query}`, org), { headers: who.headers });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    // Mid-month, so moving the clock by weeks stays in known months.
    t = await createTestApp({ clock: new ManualClock('2027-03-14T10:00:00Z') });
    orgId = (await buildOrganization(t.ctx, { name: 'Heat Map Hospital' })).id;
    manager = await buildRiskMember(t.ctx, orgId, 'isms_manager');
    other = await buildRiskMember(t.ctx, orgId, 'risk_owner');
    const next = sequence(42);
    for (let n = 0; n < 40; n += 1) {
      const assessment = () => (next(5) === 0 ? null : rated(1 + next(5), { confidentiality: 1 + next(5), patient_safety: next(2) ? 1 + next(5) : null }));
      await buildRisk(t.ctx, orgId, {
        title: `Risk ${n}`,
        category: RISK_CATEGORIES[next(RISK_CATEGORIES.length)]!,
        status: next(6) === 0 ? 'closed' : 'open',
        ownerUserId: next(2) ? other.id : null,
        inherent: assessment(),
        current: assessment(),
        residual: assessment(),
      });
    }
  });
  afterAll(() => t.close());

  it('counts each cell, level and unassessed risk exactly as a count over the register does', async () => {
    const method = defaultMethod();
    const rows = await repoDb(t.ctx.database.db).selectFrom('risks').selectAll().where('organization_id', '=', orgId).execute();
    for (const stage of ['inherent', 'current', 'residual'] as const) {
      for (const filter of [{ query: '', keep: () => true }, { query: 'category=cyber', keep: (r: (typeof rows)[number]) => r.category === 'cyber' }, { query: `ownerUserId=${other.id}`, keep: (r: (typeof rows)[number]) => r.owner_user_id === other.id }]) {
        const body = await heatmap(`stage=${stage}&${filter.query}`);
        const open = rows.filter((r) => r.status === 'open' && filter.keep(r));
        expect(body.cells).toHaveLength(25);
        expect(body.methodVersion).toBe(1);
        for (const cell of body.cells) {
          const manual = open.filter((r) => Number(r[`${stage}_likelihood`]) === cell.likelihood && Number(r[`${stage}_impact`]) === cell.impact).length;
          expect(cell.count, `${stage} ${filter.query} ${cell.likelihood}×${cell.impact}`).toBe(manual);
          expect(cell.levelKey).toBe(riskLevel(method, cell.likelihood, cell.impact).key);
        }
        for (const level of body.levels) expect(level.count).toBe(open.filter((r) => r[`${stage}_level_key`] === level.key).length);
        expect(body.notAssessed).toBe(open.filter((r) => r[`${stage}_likelihood`] === null).length);
        expect(body.assessed + body.notAssessed).toBe(open.length);
      }
    }
    // Each cell links to the register filtered to it: the same count.
    const current = await heatmap('stage=current');
    for (const cell of current.cells.filter((c: { count: number }) => c.count > 0).slice(0, 4)) {
      const page = await request(t.app, 'GET', url(`/risks?status=open&levelStage=current&likelihood=${cell.likelihood}&impact=${cell.impact}`), { headers: manager.headers });
      expect(page.body.total).toBe(cell.count);
    }
    const closed = await heatmap('status=closed');
    expect(closed.assessed + closed.notAssessed).toBe(rows.filter((r) => r.status === 'closed').length);
    expect(closed.cells.some((c: { count: number }) => c.count > 0) || closed.assessed === 0).toBe(true);
    const bad = await request(t.app, 'GET', url('/risks/heatmap?stage=future'), { headers: manager.headers });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^query\.stage: /);
  });

  it('at a group, adds the sites whose risks the caller may read, and leaves out a site whose method has other scales', async () => {
    const group = await buildOrganization(t.ctx, { kind: 'group', name: 'Heat Group' });
    const same = await buildOrganization(t.ctx, { parentId: group.id, name: 'Same scales' });
    const resized = await buildOrganization(t.ctx, { parentId: group.id, name: 'Resized site' });
    const hidden = await buildOrganization(t.ctx, { parentId: group.id, name: 'Hidden site' });
    const user = await buildMember(t.ctx, group.id, 'isms_manager');
    await buildMembership(t.ctx, { organizationId: same.id, userId: user.id, role: 'auditor' });
    await buildMembership(t.ctx, { organizationId: resized.id, userId: user.id, role: 'auditor' });
    await buildRisk(t.ctx, group.id, { current: rated(5, { availability: 5 }) });
    await buildRisk(t.ctx, same.id, { current: rated(5, { availability: 5 }) });
    await buildRisk(t.ctx, resized.id, { current: rated(1, { availability: 1 }) });
    await buildRisk(t.ctx, hidden.id, { current: rated(5, { availability: 5 }) });
    const siteManager = await buildRiskMember(t.ctx, resized.id, 'isms_manager');
    const saved = await request(t.app, 'POST', url('/risk-method/versions', resized.id), { headers: siteManager.mutationHeaders, body: { method: resizedMethod(defaultMethod(), { likelihood: 3, impact: 3 }), baseVersion: 1 } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const s = { ...(await buildSession(t.ctx, user.id)), id: user.id, email: user.email, role: 'isms_manager' as const };
    const own = await heatmap('stage=current', s, group.id);
    expect(own.assessed).toBe(1);
    const all = await heatmap('stage=current&includeSites=yes', s, group.id);
    expect(all.cells.find((c: { likelihood: number; impact: number }) => c.likelihood === 5 && c.impact === 5).count).toBe(2);
    expect(all.excludedSites).toEqual([{ id: resized.id, name: 'Resized site' }]);
    const site = await heatmap(`stage=current&siteId=${resized.id}`, s, group.id);
    expect(site).toMatchObject({ methodVersion: 2, assessed: 1, excludedSites: [] });
    expect(site.cells).toHaveLength(9);
  });

  it('takes one snapshot per organization and month (idempotent), and shows the trend with a live point', async () => {
    const first = await takeMonthlySnapshots(t.ctx);
    expect(first.organizations).toBeGreaterThan(0);
    const again = await takeMonthlySnapshots(t.ctx);
    expect(again.organizations).toBe(0);
    const snapshot = await repoDb(t.ctx.database.db).selectFrom('risk_level_snapshots').selectAll().where('organization_id', '=', orgId).execute();
    expect(new Set(snapshot.map((r) => r.month))).toEqual(new Set(['2027-03']));
    expect(snapshot).toHaveLength(3 * 4);
    const live = await heatmap('stage=current');
    for (const level of live.levels) expect(snapshot.find((r) => r.stage === 'current' && r.level_key === level.key)!.count).toBe(level.count);

    // A new high risk in April, then April's snapshot from the housekeeping hook.
    (t.ctx.clock as ManualClock).set('2027-04-02T08:00:00Z');
    await buildRisk(t.ctx, orgId, { current: rated(4, { confidentiality: 4 }) });
    const outcomes = await runHousekeepingHooks(t.ctx);
    expect(outcomes['risk level snapshots']).toMatchObject({ organizations: expect.any(Number) });
    Object.assign(manager, await buildSession(t.ctx, manager.id));
    const trend = await request(t.app, 'GET', url('/risks/trends?stage=current&months=6'), { headers: manager.headers });
    expect(trend.status, JSON.stringify(trend.body)).toBe(200);
    expect(trend.body.levels.map((l: { key: string }) => l.key)).toEqual(['low', 'medium', 'high', 'critical']);
    expect(trend.body.points.map((p: { month: string; live: boolean }) => [p.month, p.live])).toEqual([['2027-03', false], ['2027-04', false], ['2027-04', true]]);
    const [march, april, now] = trend.body.points;
    expect(april.counts.high).toBe(march.counts.high + 1);
    expect(now.counts).toEqual(april.counts);
    const short = await request(t.app, 'GET', url('/risks/trends?months=1'), { headers: manager.headers });
    expect(short.body.points.map((p: { month: string }) => p.month)).toEqual(['2027-04', '2027-04']);
  });
});
