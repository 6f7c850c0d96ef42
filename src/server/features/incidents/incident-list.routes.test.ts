import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../kernel/clock.js';
import { buildOrganization } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { buildIncidentMember, obligationRows, recordAssessment, type TestMember } from './incident-test-support.js';

type Item = { id: string; ref: string; title: string; openObligations: number; overdueObligations: number; nextDueAt: string | null; handler: { id: string; name: string } | null; [key: string]: unknown };

describe('GET /api/v1/orgs/:orgId/incidents (the register)', () => {
  const now = '2026-06-15T12:00:00.000Z';
  let t: TestApp;
  let orgId: string;
  let handler: TestMember;
  let privacy: TestMember;
  const ids: Record<'a' | 'b' | 'c' | 'd' | 'e', string> = { a: '', b: '', c: '', d: '', e: '' };
  const url = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const list = async (query: string) => {
    const response = await request(t.app, 'GET', url(`/incidents?${query}`), { headers: privacy.headers });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as { items: Item[]; total: number; page: number; pageSize: number };
  };
  const names = (page: { items: Item[] }) => page.items.map((i) => Object.entries(ids).find(([, id]) => id === i.id)?.[0]);
  const create = async (body: Record<string, unknown>) => {
    const response = await request(t.app, 'POST', url('/incidents'), { headers: handler.mutationHeaders, body: { category: 'phishing', ...body } });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.id as string;
  };
  const move = async (id: string, body: Record<string, unknown>) => {
    const response = await request(t.app, 'POST', url(`/incidents/${id}/transition`), { headers: handler.mutationHeaders, body });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: new ManualClock(now) });
    orgId = (await buildOrganization(t.ctx, { name: 'Register Test Clinic' })).id;
    handler = await buildIncidentMember(t.ctx, orgId, 'isms_manager', 'Hana Handler');
    privacy = await buildIncidentMember(t.ctx, orgId, 'privacy_officer', 'Pia Privacy');
    ids.a = await create({ title: 'Ransomware on the lab server', category: 'malware', severity: 'critical', handlerUserId: privacy.id, discoveredAt: '2026-03-01T09:00:00.000Z', individualsTotal: 40 });
    ids.b = await create({ title: 'Misdirected discharge letter', severity: 'low', discoveredAt: '2026-06-01T09:00:00.000Z', individualsTotal: 1 });
    ids.c = await create({ title: 'Ransomware on PACS', severity: 'high' });
    ids.d = await create({ title: 'Phishing e-mail reported', severity: 'moderate' });
    ids.e = await create({ title: 'Old archived event' });
    await recordAssessment(t.ctx, ids.a, { hipaaConclusion: 'breach', gdprConclusion: 'no_breach' });
    await recordAssessment(t.ctx, ids.b, { hipaaConclusion: 'breach', gdprConclusion: 'no_breach' });
    await recordAssessment(t.ctx, ids.d, { hipaaConclusion: 'no_phi', gdprConclusion: 'no_breach' });
    await move(ids.a, { to: 'triage' });
    await move(ids.b, { to: 'contained' });
    await move(ids.c, { to: 'closed', lessonsLearned: 'Segment the PACS network' });
    await move(ids.e, { to: 'closed', lessonsLearned: 'Nothing' });
    const archived = await request(t.app, 'POST', url(`/incidents/${ids.e}/archive`), { headers: privacy.mutationHeaders, body: {} });
    expect(archived.status).toBe(200);
  });
  afterAll(() => t.close());

  it('counts open and overdue obligations and the next due instant from incident_obligations', async () => {
    const page = await list('sort=ref&dir=asc');
    expect(page.total).toBe(4);
    expect(names(page)).toEqual(['a', 'b', 'c', 'd']);
    for (const item of page.items) {
      const rows = await obligationRows(t.ctx, item.id);
      const open = rows.filter((r) => Number(r.required) === 1 && r.done_at === null);
      expect(item.openObligations, item.title).toBe(open.length);
      expect(item.overdueObligations, item.title).toBe(open.filter((r) => r.due_at !== null && r.due_at < now).length);
      const dues = open.map((r) => r.due_at).filter((d): d is string => d !== null).sort();
      expect(item.nextDueAt, item.title).toBe(dues[0] ?? null);
    }
    const [a, b, c, d] = page.items;
    expect(a!.overdueObligations).toBeGreaterThan(0);
    expect(b!.openObligations).toBeGreaterThan(0);
    expect(b!.overdueObligations).toBe(0);
    expect([c!.openObligations, d!.openObligations]).toEqual([0, 0]);
    expect(a).toMatchObject({ ref: 'INC-0001', handler: { id: privacy.id, name: 'Pia Privacy' }, status: 'triage', severity: 'critical', hipaaConclusion: 'breach', individualsTotal: 40, archivedAt: null });
  });

  it('filters by text, ref, status, category, severity, handler, breach, clocks and archive state', async () => {
    const cases: [string, string[]][] = [
      ['q=INC-0003', ['c']],
      ['q=inc3', ['c']],
      ['q=pacs', ['c']],
      ['q=RANSOMWARE', ['a', 'c']],
      ['q=100%25', []],
      ['status=open', ['a', 'b', 'd']],
      ['status=closed', ['c']],
      ['status=triage', ['a']],
      ['category=malware', ['a']],
      ['severity=low', ['b']],
      ['handler=none', ['b', 'c', 'd']],
      [`handler=${privacy.id}`, ['a']],
      ['breach=hipaa', ['a', 'b']],
      ['breach=gdpr', []],
      ['breach=any', ['a', 'b']],
      ['breach=none', ['d']],
      ['breach=not_assessed', ['c']],
      ['clocks=open', ['a', 'b']],
      ['clocks=overdue', ['a']],
      ['archived=only', ['e']],
      ['archived=include', ['a', 'b', 'c', 'd', 'e']],
      ['archived=include&status=closed', ['c', 'e']],
    ];
    for (const [query, expected] of cases) expect(names(await list(`${query}&sort=ref&dir=asc`)), query).toEqual(expected);
  });

  it('sorts by every field, nulls last in both directions', async () => {
    expect(names(await list('sort=nextDueAt&dir=asc'))).toEqual(['a', 'b', 'c', 'd']);
    expect(names(await list('sort=nextDueAt&dir=desc'))).toEqual(['b', 'a', 'd', 'c']);
    expect(names(await list('sort=severity&dir=asc&archived=include'))).toEqual(['b', 'd', 'c', 'a', 'e']);
    expect(names(await list('sort=severity&dir=desc&archived=include'))).toEqual(['a', 'c', 'd', 'b', 'e']);
    expect(names(await list('sort=status&dir=asc'))).toEqual(['d', 'a', 'b', 'c']);
    expect(names(await list('sort=title&dir=asc'))).toEqual(['b', 'd', 'c', 'a']);
    expect(names(await list('sort=discoveredAt&dir=desc'))).toEqual(['b', 'a', 'd', 'c']);
    expect(names(await list('sort=category&dir=asc'))).toEqual(['a', 'b', 'c', 'd']);
    expect(names(await list('sort=ref&dir=desc'))).toEqual(['d', 'c', 'b', 'a']);
    // Default: newest report first (all reported at the same instant here, so by ref).
    expect(names(await list(''))).toEqual(['d', 'c', 'b', 'a']);
    for (const sort of ['reportedAt', 'updatedAt']) expect((await list(`sort=${sort}`)).total).toBe(4);
  });

  it('pages in SQL and keeps the total', async () => {
    const page = await list('sort=ref&dir=asc&pageSize=2&page=2');
    expect(page).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(names(page)).toEqual(['c', 'd']);
    expect((await list('sort=ref&dir=asc&pageSize=2&page=3')).items).toEqual([]);
  });

  it('refuses a query it does not know, naming the parameter', async () => {
    const response = await request(t.app, 'GET', url('/incidents?breach=maybe'), { headers: privacy.headers });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/querystring\.breach|query\.breach/);
  });
});
