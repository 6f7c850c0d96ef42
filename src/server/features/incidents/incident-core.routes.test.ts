import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { incidentDb } from './incident.repository.js';
import { buildIncidentAsset, buildIncidentMember, type TestMember } from './incident-test-support.js';

describe('incident register API: reporting, handling, workflow', () => {
  let t: TestApp;
  let orgId: string;
  let staff: TestMember;
  let otherStaff: TestMember;
  let handler: TestMember;
  let privacy: TestMember;
  const url = (path = '', org = orgId) => `/api/v1/orgs/${org}${path}`;
  const post = (path: string, who: TestMember, body: unknown, org = orgId) => request(t.app, 'POST', url(path, org), { headers: who.mutationHeaders, body });
  const patch = (path: string, who: TestMember, body: unknown) => request(t.app, 'PATCH', url(path), { headers: who.mutationHeaders, body });
  const get = (path: string, who: TestMember, org = orgId) => request(t.app, 'GET', url(path, org), { headers: who.headers });
  const create = async (body: Record<string, unknown> = {}) => {
    const response = await post('/incidents', handler, { title: 'Phishing e-mail clicked', category: 'phishing', ...body });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };
  const events = (type: string, subjectId: string) => t.ctx.database.db.selectFrom('audit_events').selectAll().where('type', '=', type).where('subject_id', '=', subjectId).orderBy('seq').execute();
  const move = (id: string, body: Record<string, unknown>) => post(`/incidents/${id}/transition`, handler, body);

  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await buildOrganization(t.ctx, { name: 'Incident Test Hospital' })).id;
    staff = await buildIncidentMember(t.ctx, orgId, 'staff', 'Sam Staff');
    otherStaff = await buildIncidentMember(t.ctx, orgId, 'staff', 'Olly Other');
    handler = await buildIncidentMember(t.ctx, orgId, 'isms_manager', 'Hana Handler');
    privacy = await buildIncidentMember(t.ctx, orgId, 'privacy_officer', 'Pia Privacy');
  });
  afterAll(() => t.close());

  describe('POST /incidents/report and GET /incidents/my-reports', () => {
    it('lets a staff member report, numbers it INC-n, and shows it only in their own reports, not the register', async () => {
      const pc = await buildIncidentAsset(t.ctx, orgId, { name: 'Ward PC 12' });
      const response = await post('/incidents/report', staff, { title: 'Laptop left on the bus', description: 'Ward 3 laptop', category: 'lost_stolen_device', assetIds: [pc.id], phiMayBeInvolved: true });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body).toMatchObject({ ref: expect.stringMatching(/^INC-\d{4}$/), reportedAt: t.ctx.clock.now().toISOString() });
      const second = await post('/incidents/report', otherStaff, { title: 'Strange USB stick', description: 'Found in the lobby', category: 'other' });
      expect(Number(second.body.ref.slice(4))).toBe(Number(response.body.ref.slice(4)) + 1);

      const mine = await get('/incidents/my-reports', staff);
      expect(mine.status).toBe(200);
      expect(mine.body.map((r: { id: string }) => r.id)).toEqual([response.body.id]);
      expect(mine.body[0]).toMatchObject({ ref: response.body.ref, title: 'Laptop left on the bus', status: 'reported', category: 'lost_stolen_device' });

      expect((await get('/incidents', staff)).status).toBe(403);
      expect((await get(`/incidents/${response.body.id}`, staff)).status).toBe(403);
      expect((await get(`/incidents/${response.body.id}/timeline`, staff)).status).toBe(403);

      const detail = await get(`/incidents/${response.body.id}`, handler);
      expect(detail.body).toMatchObject({ status: 'reported', phiMayBeInvolved: true, description: 'Ward 3 laptop', reportedBy: { id: staff.id, name: 'Sam Staff' }, assets: [{ id: pc.id, name: 'Ward PC 12', type: 'application', handlesEphi: false }], nextStatuses: ['triage', 'contained', 'eradicated', 'recovered', 'closed'], closedAt: null, retainUntil: null, lawEnforcementHoldUntil: null });
      // 164.404(a)(2): known to a workforce member now, so the HIPAA discovery is the report's instant; not so without PHI.
      expect(detail.body.discoveredAt).toBe(t.ctx.clock.now().toISOString());
      expect((await get(`/incidents/${second.body.id}`, handler)).body.discoveredAt).toBeNull();
      const timeline = await get(`/incidents/${response.body.id}/timeline`, handler);
      expect(timeline.body).toMatchObject([{ kind: 'status', text: 'Reported by Sam Staff', by: { id: staff.id } }]);
      const [event] = await events('incident.reported', response.body.id);
      expect(JSON.parse(event!.changes!)).toMatchObject({ ref: response.body.ref, phiMayBeInvolved: true });
    });

    it('refuses an asset of another organization, naming the field, and writes nothing', async () => {
      const foreign = await buildOrganization(t.ctx);
      const asset = await buildIncidentAsset(t.ctx, foreign.id);
      const before = (await get('/incidents/my-reports', staff)).body.length;
      const response = await post('/incidents/report', staff, { title: 'X', description: 'Y', category: 'other', assetIds: [asset.id] });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/^body\.assetIds\.0: is not an asset of this organization/);
      expect((await get('/incidents/my-reports', staff)).body.length).toBe(before);
      const missing = await post('/incidents/report', staff, { title: 'X', category: 'other' });
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(/body\.description/);
    });
  });

  describe('POST /incidents/:id/transition', () => {
    it('moves forward through every status, needs lessons learned to close, and reopens to triage with a note', async () => {
      const incident = await create();
      expect(incident).toMatchObject({ status: 'reported', ref: expect.stringMatching(/^INC-/), handler: null, reportedBy: { id: handler.id } });
      for (const to of ['triage', 'contained', 'eradicated', 'recovered'] as const) {
        const response = await move(incident.id, { to, note: `now ${to}` });
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        expect(response.body.status).toBe(to);
      }
      const refused = await move(incident.id, { to: 'closed' });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/^body\.lessonsLearned: is required to close/);
      expect(refused.body.error.issues[0].path).toBe('body.lessonsLearned');

      const closed = await move(incident.id, { to: 'closed', lessonsLearned: 'Run phishing drills every quarter' });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ status: 'closed', closedAt: t.ctx.clock.now().toISOString(), lessonsLearned: 'Run phishing drills every quarter', nextStatuses: ['triage'] });
      expect(closed.body.retainUntil).toBe(`${t.ctx.clock.now().getUTCFullYear() + 6}${t.ctx.clock.now().toISOString().slice(4, 10)}`);

      expect((await move(incident.id, { to: 'recovered' })).status).toBe(409);
      const noNote = await move(incident.id, { to: 'triage' });
      expect(noNote.status).toBe(400);
      expect(noNote.body.error.message).toMatch(/^body\.note: /);
      const reopened = await move(incident.id, { to: 'triage', note: 'The attacker came back' });
      expect(reopened.body).toMatchObject({ status: 'triage', closedAt: null, retainUntil: null, lessonsLearned: 'Run phishing drills every quarter' });
      // Lessons learned already on record are enough to close again.
      expect((await move(incident.id, { to: 'closed' })).body.status).toBe('closed');

      const timeline = (await get(`/incidents/${incident.id}/timeline`, handler)).body as { kind: string; text: string }[];
      expect(timeline.filter((e) => e.kind === 'status').map((e) => e.text)).toEqual([
        'Recorded in the register by Hana Handler',
        'Status: Reported → Triage. now triage',
        'Status: Triage → Contained. now contained',
        'Status: Contained → Eradicated. now eradicated',
        'Status: Eradicated → Recovered. now recovered',
        'Status: Recovered → Closed',
        'Reopened: Closed → Triage. The attacker came back',
        'Status: Triage → Closed',
      ]);
      const changes = (await events('incident.status_changed', incident.id)).map((e) => JSON.parse(e.changes!));
      expect(changes).toHaveLength(7);
      expect(changes[5]).toMatchObject({ from: 'closed', to: 'triage', reopened: true, withNote: true });
      expect(JSON.stringify(changes)).not.toMatch(/phishing drills|attacker came back/);
    });

    it('refuses a move backwards and a move to the same status (409)', async () => {
      const incident = await create();
      await move(incident.id, { to: 'contained' });
      expect((await move(incident.id, { to: 'triage' })).status).toBe(409);
      expect((await move(incident.id, { to: 'contained' })).status).toBe(409);
    });
  });

  describe('PATCH /incidents/:id', () => {
    it('changes only the fields sent, checks the merged record and records field names, not contents', async () => {
      const incident = await create({ description: 'Secret description', occurredAt: '2026-01-01T08:00:00.000Z' });
      const response = await patch(`/incidents/${incident.id}`, handler, { severity: 'high', phiDetails: 'MRNs of 3 patients', discoveredAt: '2026-01-02T08:00:00.000Z', handlerUserId: privacy.id });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body).toMatchObject({ severity: 'high', phiDetails: 'MRNs of 3 patients', description: 'Secret description', discoveredAt: '2026-01-02T08:00:00.000Z', handler: { id: privacy.id, name: 'Pia Privacy' }, occurredAt: '2026-01-01T08:00:00.000Z' });
      const [event] = await events('incident.updated', incident.id);
      const changes = JSON.parse(event!.changes!);
      expect(changes.fields.sort()).toEqual(['discoveredAt', 'handlerUserId', 'phiDetails', 'severity']);
      expect(changes.severity).toEqual({ from: null, to: 'high' });
      expect(event!.changes).not.toMatch(/MRNs/);

      const cases: [Record<string, unknown>, RegExp][] = [
        [{ severity: 'apocalyptic' }, /^body\.severity: "apocalyptic" is not a severity of this organization/],
        [{ awareAt: '2025-12-31T00:00:00.000Z' }, /^body\.awareAt: must not be before occurredAt/],
        [{ individualsTotal: 2, individualsByState: { NY: 3 } }, /^body\.individualsByState: adds up to 3/],
        [{ lawEnforcementStatement: 'written', lawEnforcementStatementAt: '2026-01-03T00:00:00.000Z' }, /body\.lawEnforcementWrittenUntil: is required/],
        [{ handlerUserId: otherStaff.id.replace(/^./, 'f') }, /^body\.handlerUserId: is not a member/],
        [{}, /must change at least one field/],
      ];
      for (const [body, message] of cases) {
        const refused = await patch(`/incidents/${incident.id}`, handler, body);
        expect(refused.status, JSON.stringify(body)).toBe(400);
        expect(refused.body.error.message).toMatch(message);
      }
    });

    it('lets the privacy officer list the people they may assign as handler or action owner; staff may not', async () => {
      const members = await get('/members?pageSize=200', privacy);
      expect(members.status, JSON.stringify(members.body)).toBe(200);
      expect(members.body.items.map((m: { displayName: string }) => m.displayName)).toEqual(expect.arrayContaining(['Hana Handler', 'Pia Privacy', 'Sam Staff']));
      expect((await get('/members', staff)).status).toBe(403);
    });

    it('derives the law-enforcement hold: written → its end, oral → 30 days exactly (164.412(b))', async () => {
      const incident = await create();
      const oral = await patch(`/incidents/${incident.id}`, handler, { lawEnforcementStatement: 'oral', lawEnforcementStatementAt: '2026-03-01T10:15:00.000Z', lawEnforcementOfficial: 'Det. Smith' });
      expect(oral.body.lawEnforcementHoldUntil).toBe('2026-03-31T10:15:00.000Z');
      const written = await patch(`/incidents/${incident.id}`, handler, { lawEnforcementStatement: 'written', lawEnforcementWrittenUntil: '2026-05-01T00:00:00.000Z' });
      expect(written.body.lawEnforcementHoldUntil).toBe('2026-05-01T00:00:00.000Z');
      const none = await patch(`/incidents/${incident.id}`, handler, { lawEnforcementStatement: 'none', lawEnforcementStatementAt: null, lawEnforcementWrittenUntil: null });
      expect(none.body.lawEnforcementHoldUntil).toBeNull();
    });
  });

  describe('archived incidents and other organizations', () => {
    it('keeps an archived incident read-only (409) and archives only closed incidents', async () => {
      const incident = await create();
      expect((await post(`/incidents/${incident.id}/archive`, privacy, {})).status).toBe(409);
      await move(incident.id, { to: 'closed', lessonsLearned: 'Done' });
      expect((await post(`/incidents/${incident.id}/archive`, handler, {})).status).toBe(403);
      const archived = await post(`/incidents/${incident.id}/archive`, privacy, {});
      expect(archived.status).toBe(200);
      expect(archived.body).toMatchObject({ archivedAt: t.ctx.clock.now().toISOString(), nextStatuses: [] });
      const attempts = [
        await patch(`/incidents/${incident.id}`, handler, { title: 'Renamed' }),
        await move(incident.id, { to: 'triage', note: 'again' }),
        await post(`/incidents/${incident.id}/timeline`, handler, { at: t.ctx.clock.now().toISOString(), text: 'note' }),
        await post(`/incidents/${incident.id}/communications`, handler, { recipient: 'board', channel: 'email', sentAt: t.ctx.clock.now().toISOString(), summary: 'Update' }),
        await post(`/incidents/${incident.id}/actions`, handler, { title: 'Fix it' }),
        await post(`/incidents/${incident.id}/archive`, privacy, {}),
      ];
      expect(attempts.map((r) => r.status)).toEqual([409, 409, 409, 409, 409, 409]);
      expect((await get(`/incidents/${incident.id}`, handler)).body.title).toBe('Phishing e-mail clicked');
    });

    it('answers 404 for an incident of another organization, even to its own admin', async () => {
      const incident = await create();
      const foreign = await buildOrganization(t.ctx);
      const foreignAdmin = await buildIncidentMember(t.ctx, foreign.id, 'admin');
      expect((await get(`/incidents/${incident.id}`, foreignAdmin, foreign.id)).status).toBe(404);
      expect((await get(`/incidents/${incident.id}/timeline`, foreignAdmin, foreign.id)).status).toBe(404);
      const change = await request(t.app, 'PATCH', url(`/incidents/${incident.id}`, foreign.id), { headers: foreignAdmin.mutationHeaders, body: { title: 'Mine now' } });
      expect(change.status).toBe(404);
      expect((await post(`/incidents/${incident.id}/transition`, foreignAdmin, { to: 'triage' }, foreign.id)).status).toBe(404);
      expect((await get(`/incidents/${incident.id}`, handler)).body.title).toBe('Phishing e-mail clicked');
    });

    it('has no way to delete an incident except disposal', async () => {
      const incident = await create();
      const response = await request(t.app, 'DELETE', url(`/incidents/${incident.id}`), { headers: privacy.mutationHeaders });
      expect(response.status).toBe(404);
      expect(await incidentDb(t.ctx.database.db).selectFrom('incidents').select('id').where('id', '=', incident.id).executeTakeFirst()).toBeDefined();
    });
  });
});
