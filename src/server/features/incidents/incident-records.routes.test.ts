import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../kernel/clock.js';
import { buildOrganization } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { incidentDb } from './incident.repository.js';
import { buildIncidentMember, obligationRows, recordAssessment, resession, type TestMember } from './incident-test-support.js';

describe('incident records API: communications, actions, settings, retention', () => {
  const start = '2026-06-15T12:00:00.000Z';
  let t: TestApp;
  let clock: ManualClock;
  let orgId: string;
  let handler: TestMember;
  let privacy: TestMember;
  let staff: TestMember;
  const url = (path = '') => `/api/v1/orgs/${orgId}${path}`;
  const post = (path: string, who: TestMember, body: unknown) => request(t.app, 'POST', url(path), { headers: who.mutationHeaders, body });
  const put = (path: string, who: TestMember, body: unknown) => request(t.app, 'PUT', url(path), { headers: who.mutationHeaders, body });
  const patch = (path: string, who: TestMember, body: unknown) => request(t.app, 'PATCH', url(path), { headers: who.mutationHeaders, body });
  const get = (path: string, who: TestMember) => request(t.app, 'GET', url(path), { headers: who.headers });
  const create = async (body: Record<string, unknown> = {}) => {
    const response = await post('/incidents', handler, { title: 'Misdirected fax', category: 'misdirected_phi', ...body });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body as { id: string; ref: string };
  };
  const events = (type: string, subjectId: string) => t.ctx.database.db.selectFrom('audit_events').selectAll().where('type', '=', type).where('subject_id', '=', subjectId).orderBy('seq').execute();
  const db = () => incidentDb(t.ctx.database.db);

  beforeAll(async () => {
    clock = new ManualClock(start);
    t = await createTestApp({ clock });
    orgId = (await buildOrganization(t.ctx, { name: 'Records Test Hospital' })).id;
    handler = await buildIncidentMember(t.ctx, orgId, 'isms_manager', 'Hana Handler');
    privacy = await buildIncidentMember(t.ctx, orgId, 'privacy_officer', 'Pia Privacy');
    staff = await buildIncidentMember(t.ctx, orgId, 'staff', 'Sam Staff');
  });
  afterAll(() => t.close());

  describe('communications', () => {
    it('records append-only communications, fulfils a required open obligation once, and logs it on the timeline', async () => {
      const incident = await create({ discoveredAt: '2026-06-01T09:00:00.000Z', individualsTotal: 12 });
      await recordAssessment(t.ctx, incident.id, { hipaaConclusion: 'breach', gdprConclusion: 'no_breach' });
      const before = await obligationRows(t.ctx, incident.id);
      const individuals = before.find((o) => o.obligation_id === 'hipaa.individuals');
      expect(Number(individuals?.required)).toBe(1);
      const openBefore = (await get(`/incidents/${incident.id}`, handler)).body.openObligations as number;

      const sentAt = '2026-06-10T15:00:00.000Z';
      const body = { recipient: 'individuals', recipientName: 'The 12 patients', channel: 'letter', sentAt, summary: 'Letter per 164.404(c)', obligationId: 'hipaa.individuals' };
      const response = await post(`/incidents/${incident.id}/communications`, handler, body);
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body).toMatchObject({ recipient: 'individuals', channel: 'letter', sentAt, summary: 'Letter per 164.404(c)', obligationId: 'hipaa.individuals', draftId: null, recordedBy: { id: handler.id, name: 'Hana Handler' } });
      const after = (await obligationRows(t.ctx, incident.id)).find((o) => o.obligation_id === 'hipaa.individuals');
      expect(after).toMatchObject({ communication_id: response.body.id, done_at: sentAt });
      expect((await get(`/incidents/${incident.id}`, handler)).body.openObligations).toBe(openBefore - 1);

      const again = await post(`/incidents/${incident.id}/communications`, handler, { ...body, summary: 'Second letter' });
      expect(again.status).toBe(409);
      const notRequired = await post(`/incidents/${incident.id}/communications`, handler, { ...body, obligationId: 'gdpr.supervisory_authority' });
      expect(notRequired.status).toBe(409);
      const future = await post(`/incidents/${incident.id}/communications`, handler, { ...body, obligationId: null, sentAt: '2026-07-01T00:00:00.000Z' });
      expect(future.status).toBe(400);
      expect(future.body.error.message).toMatch(/^body\.sentAt: must not be in the future/);
      const plain = await post(`/incidents/${incident.id}/communications`, handler, { recipient: 'board', channel: 'email', sentAt: '2026-06-09T08:00:00.000Z', summary: 'Board informed' });
      expect(plain.status).toBe(201);

      const log = (await get(`/incidents/${incident.id}/communications`, handler)).body as { id: string }[];
      expect(log.map((c) => c.id)).toEqual([plain.body.id, response.body.id]);
      const timeline = (await get(`/incidents/${incident.id}/timeline`, handler)).body as { kind: string; text: string }[];
      expect(timeline.filter((e) => e.kind === 'communication').map((e) => e.text)).toEqual(['Communication to Board / top management by e-mail', 'Communication to Affected individuals (The 12 patients) by letter (first-class mail); fulfils hipaa.individuals']);
      const [event] = await events('incident.communication_recorded', incident.id);
      expect(JSON.parse(event!.changes!)).toMatchObject({ communicationId: response.body.id, recipient: 'individuals', obligationId: 'hipaa.individuals' });
      expect(event!.changes).not.toMatch(/12 patients|164\.404\(c\)/);
      // Append-only: there is no route to change or remove a communication.
      expect((await patch(`/incidents/${incident.id}/communications/${response.body.id}`, handler, { summary: 'x' })).status).toBe(404);
      expect((await request(t.app, 'DELETE', url(`/incidents/${incident.id}/communications/${response.body.id}`), { headers: handler.mutationHeaders })).status).toBe(404);
    });
  });

  describe('follow-up actions', () => {
    it('creates actions with an owner of the organization, computes overdue and stamps completion', async () => {
      const incident = await create();
      const foreign = await buildOrganization(t.ctx);
      const stranger = await buildIncidentMember(t.ctx, foreign.id, 'admin');
      const refused = await post(`/incidents/${incident.id}/actions`, handler, { title: 'Retrain the ward', ownerUserId: stranger.id });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/^body\.ownerUserId: is not a member/);

      const created = await post(`/incidents/${incident.id}/actions`, handler, { title: 'Retrain the ward', ownerUserId: staff.id, dueOn: '2026-06-14' });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({ title: 'Retrain the ward', owner: { id: staff.id, name: 'Sam Staff' }, dueOn: '2026-06-14', status: 'todo', overdue: true, completedAt: null });
      const done = await patch(`/incidents/${incident.id}/actions/${created.body.id}`, handler, { status: 'done' });
      expect(done.body).toMatchObject({ status: 'done', overdue: false, completedAt: start });
      const other = await create();
      expect((await patch(`/incidents/${other.id}/actions/${created.body.id}`, handler, { status: 'todo' })).status).toBe(404);
      expect((await patch(`/incidents/${incident.id}/actions/${created.body.id}`, handler, { ownerUserId: stranger.id })).status).toBe(400);
      const listed = (await get(`/incidents/${incident.id}/actions`, handler)).body;
      expect(listed).toHaveLength(1);
      const [updated] = await events('incident.action_updated', incident.id);
      expect(JSON.parse(updated!.changes!)).toMatchObject({ actionId: created.body.id, status: { from: 'todo', to: 'done' } });
    });
  });

  describe('settings', () => {
    const levels = [
      { key: 'minor', label: 'Minor', colour: '#2f9e44' },
      { key: 'major', label: 'Major', colour: '#c92a2a' },
    ];
    it('answers the defaults before anything is saved', async () => {
      const response = await get('/incident-settings', privacy);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ hipaaRole: 'covered_entity', gdprRole: 'none', retentionYears: 6 });
      expect(response.body.severities.map((s: { key: string }) => s.key)).toEqual(['low', 'moderate', 'high', 'critical']);
    });

    it('refuses repeated keys, a retention under six years, and removing a severity in use; saves a valid set', async () => {
      const base = { severities: levels, hipaaRole: 'covered_entity', gdprRole: 'controller', retentionYears: 10 };
      const duplicate = await put('/incident-settings', privacy, { ...base, severities: [levels[0], { ...levels[1], key: 'minor' }] });
      expect(duplicate.status).toBe(400);
      expect(duplicate.body.error.message).toMatch(/body\.severities\.1\.key: repeats the key minor/);
      const short = await put('/incident-settings', privacy, { ...base, retentionYears: 5 });
      expect(short.status).toBe(400);
      expect(short.body.error.message).toMatch(/^body\.retentionYears: must be at least 6 years/);
      expect((await put('/incident-settings', handler, base)).status).toBe(403);

      await create({ severity: 'critical' });
      const inUse = await put('/incident-settings', privacy, base);
      expect(inUse.status).toBe(409);
      expect(inUse.body.error.message).toMatch(/critical/);

      const kept = { ...base, severities: [...levels, { key: 'critical', label: 'Critical', colour: '#000000', description: 'Keep' }] };
      const saved = await put('/incident-settings', privacy, kept);
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body).toMatchObject({ gdprRole: 'controller', retentionYears: 10 });
      expect((await get('/incident-settings', privacy)).body.severities.map((s: { key: string }) => s.key)).toEqual(['minor', 'major', 'critical']);
      const [event] = await events('incident.settings_changed', orgId);
      expect(JSON.parse(event!.changes!)).toMatchObject({ retentionYears: { from: 6, to: 10 }, gdprRole: { from: 'none', to: 'controller' } });
      // Back to six years for the disposal test below.
      expect((await put('/incident-settings', privacy, { ...kept, retentionYears: 6 })).status).toBe(200);
    });
  });

  describe('retention and disposal', () => {
    it('refuses disposal before the retention date, allows it after, and leaves only a disposal record', async () => {
      const marker = 'DISPOSAL-MARKER-7d1c';
      const incident = await create({ description: marker, phiDetails: marker, discoveredAt: '2026-06-01T09:00:00.000Z', individualsTotal: 3 });
      await recordAssessment(t.ctx, incident.id, { hipaaConclusion: 'breach', gdprConclusion: 'no_breach' });
      await post(`/incidents/${incident.id}/timeline`, handler, { at: start, text: marker });
      await post(`/incidents/${incident.id}/communications`, handler, { recipient: 'board', channel: 'email', sentAt: start, summary: marker });
      await post(`/incidents/${incident.id}/actions`, handler, { title: 'Shred the fax' });
      const dispose = (confirmRef = incident.ref) => post(`/incidents/${incident.id}/dispose`, privacy, { confirmRef, reason: 'Retention period over' });

      const open = await dispose();
      expect(open.status).toBe(409);
      expect(open.body.error.message).toMatch(/not closed/);
      const closed = await post(`/incidents/${incident.id}/transition`, handler, { to: 'closed', lessonsLearned: marker });
      expect(closed.body.retainUntil).toBe('2032-06-15');
      expect((await dispose()).body.error.message).toMatch(/not archived/);
      await post(`/incidents/${incident.id}/archive`, privacy, {});
      const early = await dispose();
      expect(early.status).toBe(409);
      expect(early.body.error.message).toMatch(/must be kept until 2032-06-15 .*may be disposed of from 2032-06-16/);

      clock.set('2032-06-15T20:00:00.000Z');
      await resession(t.ctx, privacy, handler);
      expect((await dispose()).status).toBe(409);
      clock.set('2032-06-16T00:30:00.000Z');
      await resession(t.ctx, privacy, handler);
      const wrongRef = await dispose('INC-9999');
      expect(wrongRef.status).toBe(400);
      expect(wrongRef.body.error.message).toMatch(/^body\.confirmRef: must be INC-/);
      const disposed = await dispose();
      expect(disposed.status, JSON.stringify(disposed.body)).toBe(200);
      expect(disposed.body).toMatchObject({ id: incident.id, ref: incident.ref, retainUntil: '2032-06-15', disposedAt: '2032-06-16T00:30:00.000Z', disposedBy: { id: privacy.id, name: 'Pia Privacy' }, reason: 'Retention period over' });

      for (const table of ['incident_timeline', 'incident_communications', 'incident_actions', 'incident_obligations', 'incident_assessments', 'incident_assets', 'incident_drafts'] as const) {
        expect(await db().selectFrom(table).select('incident_id').where('incident_id', '=', incident.id).execute(), table).toEqual([]);
      }
      expect(await db().selectFrom('incidents').select('id').where('id', '=', incident.id).execute()).toEqual([]);
      const record = await db().selectFrom('incident_disposals').selectAll().where('id', '=', incident.id).executeTakeFirstOrThrow();
      expect(record).toMatchObject({ ref: incident.ref, category: 'misdirected_phi', retain_until: '2032-06-15' });
      expect(JSON.stringify(record)).not.toContain(marker);
      const [event] = await events('incident.disposed', incident.id);
      expect(JSON.parse(event!.changes!)).toEqual({ ref: incident.ref, category: 'misdirected_phi', closedAt: closed.body.closedAt, retainUntil: '2032-06-15', retentionYears: 6, reason: 'Retention period over' });
      const trail = await t.ctx.database.db.selectFrom('audit_events').select('changes').where('subject_id', '=', incident.id).execute();
      expect(JSON.stringify(trail)).not.toContain(marker);

      expect((await get(`/incidents/${incident.id}`, privacy)).status).toBe(404);
      const log = await get('/incident-disposals', privacy);
      expect(log.body.map((d: { id: string }) => d.id)).toContain(incident.id);
      expect((await get('/incident-disposals', handler)).status).toBe(403);
    });
  });
});
