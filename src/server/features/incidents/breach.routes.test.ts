import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildMembership, buildOrganization, buildSession, buildUser, type Credentials } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import type { TestApp } from '../../testing/test-app.js';
import { BREACH_ASSESSMENT, HIPAA_ONLY_BREACH, buildIncident, createBreachTestApp } from './breach-test-support.js';
import { openText } from './incident-crypto.js';
import { incidentDb } from './incident.repository.js';

const DAY_MS = 86_400_000;

describe('breach routes', () => {
  let t: TestApp;
  let orgId: string;
  let officer: Credentials & { id: string };
  let auditor: Credentials;
  let manager: Credentials;
  let otherOrgId: string;
  const url = (path: string, org = orgId) => `/api/v1/orgs/${org}${path}`;
  const db = () => incidentDb(t.ctx.database.db);
  const ago = (days: number) => new Date(t.ctx.clock.now().getTime() - days * DAY_MS).toISOString();
  const events = (type: string, subjectId: string) => db().selectFrom('audit_events').selectAll().where('type', '=', type).where('subject_id', '=', subjectId).orderBy('seq').execute();

  async function assess(incidentId: string, body: Record<string, unknown> = BREACH_ASSESSMENT, who: Credentials = officer) {
    const response = await request(t.app, 'PUT', url(`/incidents/${incidentId}/assessment`), { headers: who.mutationHeaders, body });
    expect(response.status, response.text).toBe(200);
    return response.body;
  }
  async function obligations(incidentId: string) {
    const response = await request(t.app, 'GET', url(`/incidents/${incidentId}/obligations`), { headers: officer.headers });
    expect(response.status, response.text).toBe(200);
    return response.body as { basis: Record<string, unknown>; blockedBy: { field: string }[]; obligations: { id: string; status: string; required: boolean; communication: { id: string } | null; late: boolean }[] };
  }

  beforeAll(async () => {
    t = await createBreachTestApp();
    orgId = (await buildOrganization(t.ctx, { name: 'Breach Test Hospital' })).id;
    otherOrgId = (await buildOrganization(t.ctx, { name: 'Other Hospital' })).id;
    const po = await buildMember(t.ctx, orgId, 'privacy_officer', { displayName: 'Pia Privacy' });
    officer = { ...(await buildSession(t.ctx, po.id)), id: po.id };
    auditor = await buildSession(t.ctx, (await buildMember(t.ctx, orgId, 'auditor')).id);
    manager = await buildSession(t.ctx, (await buildMember(t.ctx, orgId, 'isms_manager')).id);
  });
  afterAll(() => t.close());

  describe('PUT/GET /incidents/:incidentId/assessment', () => {
    it('answers not_assessed before any assessment', async () => {
      const incident = await buildIncident(t.ctx, orgId);
      const response = await request(t.app, 'GET', url(`/incidents/${incident.id}/assessment`), { headers: auditor.headers });
      expect(response.status, response.text).toBe(200);
      expect(response.body).toEqual({ assessed: false, input: null, hipaaConclusion: 'not_assessed', gdprConclusion: 'not_assessed', assessedBy: null, assessedAt: null });
    });

    it('derives the conclusions, stores them, encrypts the findings, writes the timeline and the audit event, and starts the clocks', async () => {
      const incident = await buildIncident(t.ctx, orgId, { discoveredAt: ago(2), awareAt: ago(2), individualsTotal: 12000, individualsByState: { NY: 9000 } });
      const body = await assess(incident.id);
      expect(body).toMatchObject({ assessed: true, hipaaConclusion: 'breach', gdprConclusion: 'high', assessedBy: { id: officer.id, name: 'Pia Privacy' } });
      expect(body.input.factors.nature_extent.finding).toBe('Secret finding: diagnoses and MRNs');

      const row = await db().selectFrom('incidents').select(['hipaa_conclusion', 'gdpr_conclusion']).where('id', '=', incident.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ hipaa_conclusion: 'breach', gdpr_conclusion: 'high' });
      const stored = await db().selectFrom('incident_assessments').selectAll().where('incident_id', '=', incident.id).executeTakeFirstOrThrow();
      expect(stored.input).not.toContain('Secret finding');
      expect(stored.input.startsWith('cx1.')).toBe(true);

      const timeline = await db().selectFrom('incident_timeline').selectAll().where('incident_id', '=', incident.id).execute();
      expect(timeline).toHaveLength(1);
      expect(timeline[0]!.kind).toBe('assessment');
      expect(openText(t.ctx, 'incident_timeline', 'text', timeline[0]!.id, timeline[0]!.text)).toBe('HIPAA: Breach of unsecured PHI; GDPR: high risk');

      const [event] = await events('incident.assessed', incident.id);
      expect(event!.changes).toContain('"to":"breach"');
      expect(event!.changes).not.toContain('Secret finding');
      expect(event!.changes).not.toContain('exfiltration');

      const ob = await obligations(incident.id);
      expect(ob.blockedBy).toEqual([]);
      expect(ob.obligations.map((o) => o.id)).toEqual(['hipaa.individuals', 'hipaa.hhs', 'hipaa.hhs_annual_log', 'hipaa.media.NY', 'gdpr.supervisory_authority', 'gdpr.data_subjects']);
      expect(ob.obligations.find((o) => o.id === 'hipaa.individuals')).toMatchObject({ required: true, status: 'pending', communication: null, late: false });
      expect(ob.obligations.find((o) => o.id === 'hipaa.hhs_annual_log')).toMatchObject({ required: false, status: 'not_required' });
      expect(ob.basis).toMatchObject({ timezone: 'UTC', hipaaRole: 'covered_entity', gdprRole: 'controller', hipaaBreach: true, gdprRisk: 'high', individuals: 12000 });
    });

    it('derives each HIPAA conclusion on the route, and a reassessment replaces the obligations', async () => {
      const incident = await buildIncident(t.ctx, orgId, { discoveredAt: ago(1), individualsTotal: 3 });
      const cases: [Record<string, unknown>, string][] = [
        [{ ...HIPAA_ONLY_BREACH, phiInvolved: false }, 'no_phi'],
        [{ ...HIPAA_ONLY_BREACH, exclusion: 'workforce_good_faith', exclusionRationale: 'Nurse opened the wrong chart in good faith' }, 'excluded'],
        [{ ...HIPAA_ONLY_BREACH, safeHarbor: 'encryption', safeHarborEvidence: 'Full-disk encryption, key not on the device' }, 'safe_harbor'],
        [{ ...HIPAA_ONLY_BREACH, lowProbabilityOfCompromise: true, factors: Object.fromEntries(['nature_extent', 'unauthorized_person', 'acquired_viewed', 'mitigation'].map((k) => [k, { finding: 'ok', indicates: 'low' }])) }, 'low_probability'],
        [{ ...HIPAA_ONLY_BREACH }, 'breach'],
      ];
      for (const [body, conclusion] of cases) {
        const result = await assess(incident.id, body);
        expect(result, conclusion).toMatchObject({ hipaaConclusion: conclusion, gdprConclusion: 'no_breach' });
        const individuals = (await obligations(incident.id)).obligations.find((o) => o.id === 'hipaa.individuals');
        expect(individuals?.required, conclusion).toBe(conclusion === 'breach');
      }
      expect(await events('incident.assessed', incident.id)).toHaveLength(5);
    });

    it('refuses an archived incident (409), another organization\'s (404), bad input (400 naming the field) and a reader (403)', async () => {
      const archived = await buildIncident(t.ctx, orgId, { archived: true });
      let response = await request(t.app, 'PUT', url(`/incidents/${archived.id}/assessment`), { headers: officer.mutationHeaders, body: HIPAA_ONLY_BREACH });
      expect(response.status, response.text).toBe(409);
      const foreign = await buildIncident(t.ctx, otherOrgId);
      response = await request(t.app, 'PUT', url(`/incidents/${foreign.id}/assessment`), { headers: officer.mutationHeaders, body: HIPAA_ONLY_BREACH });
      expect(response.status).toBe(404);
      response = await request(t.app, 'GET', url(`/incidents/${foreign.id}/assessment`), { headers: officer.headers });
      expect(response.status).toBe(404);
      const own = await buildIncident(t.ctx, orgId);
      response = await request(t.app, 'PUT', url(`/incidents/${own.id}/assessment`), { headers: officer.mutationHeaders, body: { ...BREACH_ASSESSMENT, gdprRisk: null } });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/body\.gdprRisk: is required/);
      response = await request(t.app, 'PUT', url(`/incidents/${own.id}/assessment`), { headers: manager.mutationHeaders, body: HIPAA_ONLY_BREACH });
      expect(response.status).toBe(403);
    });
  });

  describe('GET /incidents/:incidentId/obligations', () => {
    it('says what is missing: the assessment, then the discovery instant', async () => {
      const incident = await buildIncident(t.ctx, orgId);
      let ob = await obligations(incident.id);
      expect(ob.blockedBy.map((b) => b.field)).toEqual(['assessment']);
      expect(ob.obligations).toEqual([]);
      await assess(incident.id, HIPAA_ONLY_BREACH);
      ob = await obligations(incident.id);
      expect(ob.blockedBy.map((b) => b.field)).toEqual(['discoveredAt']);
      expect(ob.basis).toMatchObject({ hipaaRole: 'covered_entity', hipaaBreach: true, discoveredAt: null });
    });

    it('marks an obligation past its due instant overdue', async () => {
      const incident = await buildIncident(t.ctx, orgId, { discoveredAt: ago(70), individualsTotal: 3 });
      await assess(incident.id, HIPAA_ONLY_BREACH);
      const ob = await obligations(incident.id);
      expect(ob.obligations.find((o) => o.id === 'hipaa.individuals')?.status).toBe('overdue');
    });
  });

  describe('notification drafts', () => {
    const drafts = (incidentId: string) => url(`/incidents/${incidentId}/drafts`);

    it('goes draft → reviewed → sent, logs the communication and turns the obligation done', async () => {
      const incident = await buildIncident(t.ctx, orgId, { discoveredAt: ago(3), individualsTotal: 40, phiKinds: ['clinical'], actionsTaken: 'Reset passwords' });
      await assess(incident.id, HIPAA_ONLY_BREACH);

      let response = await request(t.app, 'POST', drafts(incident.id), { headers: officer.mutationHeaders, body: { kind: 'individual_notice' } });
      expect(response.status, response.text).toBe(201);
      const draft = response.body;
      expect(draft).toMatchObject({ kind: 'individual_notice', state: 'draft', stateCode: null, createdBy: { id: officer.id }, reviewedBy: null, communicationId: null });
      for (const text of ['WHAT HAPPENED', 'clinical information', 'Reset passwords', '[toll-free number]']) expect(draft.body).toContain(text);
      const raw = await db().selectFrom('incident_drafts').select('body').where('id', '=', draft.id).executeTakeFirstOrThrow();
      expect(raw.body).not.toContain('WHAT HAPPENED');

      response = await request(t.app, 'PATCH', `${drafts(incident.id)}/${draft.id}`, { headers: officer.mutationHeaders, body: { body: `${draft.body}\nCall 1-800-555-0100.` } });
      expect(response.status, response.text).toBe(200);
      expect(response.body.body).toContain('1-800-555-0100');

      const send = { sentAt: t.ctx.clock.now().toISOString(), channel: 'letter', recipientName: '40 patients' };
      response = await request(t.app, 'POST', `${drafts(incident.id)}/${draft.id}/send`, { headers: officer.mutationHeaders, body: send });
      expect(response.status).toBe(409);
      expect(response.body.error.message).toMatch(/is draft; only a reviewed draft can be sent/);

      response = await request(t.app, 'POST', `${drafts(incident.id)}/${draft.id}/review`, { headers: officer.mutationHeaders });
      expect(response.status, response.text).toBe(200);
      expect(response.body).toMatchObject({ state: 'reviewed', reviewedBy: { id: officer.id }, reviewedAt: expect.any(String) });

      response = await request(t.app, 'PATCH', `${drafts(incident.id)}/${draft.id}`, { headers: officer.mutationHeaders, body: { body: 'changed' } });
      expect(response.status).toBe(409);
      response = await request(t.app, 'POST', `${drafts(incident.id)}/${draft.id}/review`, { headers: officer.mutationHeaders });
      expect(response.status).toBe(409);

      response = await request(t.app, 'POST', `${drafts(incident.id)}/${draft.id}/send`, { headers: officer.mutationHeaders, body: send });
      expect(response.status, response.text).toBe(200);
      expect(response.body).toMatchObject({ state: 'sent', communicationId: expect.any(String) });
      const communicationId = response.body.communicationId as string;

      const communication = await db().selectFrom('incident_communications').selectAll().where('id', '=', communicationId).executeTakeFirstOrThrow();
      expect(communication).toMatchObject({ incident_id: incident.id, recipient: 'individuals', channel: 'letter', obligation_id: 'hipaa.individuals', draft_id: draft.id, recipient_name: '40 patients' });
      expect(openText(t.ctx, 'incident_communications', 'summary', communicationId, communication.summary)).toContain('1-800-555-0100');

      const ob = await obligations(incident.id);
      expect(ob.obligations.find((o) => o.id === 'hipaa.individuals')).toMatchObject({ status: 'done', communication: { id: communicationId, recipient: 'individuals' }, late: false });

      const timeline = await db().selectFrom('incident_timeline').selectAll().where('incident_id', '=', incident.id).where('kind', '=', 'communication').execute();
      expect(timeline).toHaveLength(1);
      expect(openText(t.ctx, 'incident_timeline', 'text', timeline[0]!.id, timeline[0]!.text)).toContain('fulfils hipaa.individuals');

      response = await request(t.app, 'POST', `${drafts(incident.id)}/${draft.id}/send`, { headers: officer.mutationHeaders, body: send });
      expect(response.status).toBe(409);

      const trail = await db().selectFrom('audit_events').select(['type', 'changes']).where('subject_id', '=', incident.id).where('type', 'like', 'incident.draft_%').orderBy('seq').execute();
      expect(trail.map((e) => e.type)).toEqual(['incident.draft_created', 'incident.draft_updated', 'incident.draft_reviewed', 'incident.draft_sent']);
      for (const e of trail) {
        expect(e.changes).not.toContain('1-800-555-0100');
        expect(e.changes).not.toContain('WHAT HAPPENED');
      }

      response = await request(t.app, 'GET', drafts(incident.id), { headers: auditor.headers });
      expect(response.status).toBe(200);
      expect(response.body.map((d: { state: string }) => d.state)).toEqual(['sent']);
    });

    it('fulfils the annual log with an HHS notice of a small breach, and fulfils nothing when no obligation is open', async () => {
      const incident = await buildIncident(t.ctx, orgId, { discoveredAt: ago(3), individualsTotal: 600, individualsByState: { NJ: 400 } });
      await assess(incident.id, { ...HIPAA_ONLY_BREACH });
      await db().updateTable('incidents').set({ individuals_total: 3, individuals_by_state: '{"NJ":3}' }).where('id', '=', incident.id).execute();
      await assess(incident.id, { ...HIPAA_ONLY_BREACH });
      const sendThrough = async (body: Record<string, unknown>) => {
        const created = await request(t.app, 'POST', drafts(incident.id), { headers: officer.mutationHeaders, body });
        expect(created.status, created.text).toBe(201);
        await request(t.app, 'POST', `${drafts(incident.id)}/${created.body.id}/review`, { headers: officer.mutationHeaders });
        const sent = await request(t.app, 'POST', `${drafts(incident.id)}/${created.body.id}/send`, { headers: officer.mutationHeaders, body: { sentAt: t.ctx.clock.now().toISOString(), channel: 'portal' } });
        expect(sent.status, sent.text).toBe(200);
        return db().selectFrom('incident_communications').selectAll().where('id', '=', sent.body.communicationId).executeTakeFirstOrThrow();
      };
      expect((await sendThrough({ kind: 'hhs_notice' })).obligation_id).toBe('hipaa.hhs_annual_log');
      const media = await sendThrough({ kind: 'media_notice', stateCode: 'NJ' });
      expect(media).toMatchObject({ recipient: 'media', obligation_id: null });
      const ob = await obligations(incident.id);
      expect(ob.obligations.find((o) => o.id === 'hipaa.hhs_annual_log')?.status).toBe('done');
      expect(ob.obligations.find((o) => o.id === 'hipaa.media.NJ')?.status).toBe('not_required');
    });

    it('refuses a media notice without a State (400), another organization\'s incident (404), an archived one (409) and a reader (403)', async () => {
      const incident = await buildIncident(t.ctx, orgId);
      let response = await request(t.app, 'POST', drafts(incident.id), { headers: officer.mutationHeaders, body: { kind: 'media_notice' } });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/body\.stateCode: is required for a media notice/);
      const foreign = await buildIncident(t.ctx, otherOrgId);
      response = await request(t.app, 'POST', drafts(foreign.id), { headers: officer.mutationHeaders, body: { kind: 'hhs_notice' } });
      expect(response.status).toBe(404);
      response = await request(t.app, 'GET', drafts(foreign.id), { headers: officer.headers });
      expect(response.status).toBe(404);
      const archived = await buildIncident(t.ctx, orgId, { archived: true });
      response = await request(t.app, 'POST', drafts(archived.id), { headers: officer.mutationHeaders, body: { kind: 'hhs_notice' } });
      expect(response.status).toBe(409);
      response = await request(t.app, 'POST', drafts(incident.id), { headers: auditor.mutationHeaders, body: { kind: 'hhs_notice' } });
      expect(response.status).toBe(403);
      response = await request(t.app, 'PATCH', `${drafts(incident.id)}/00000000-0000-4000-8000-000000000000`, { headers: officer.mutationHeaders, body: { body: 'x' } });
      expect(response.status).toBe(404);
    });
  });

  describe('GET /incident-clocks', () => {
    it('lists the open clocks of the group and of the sites where the caller reads incidents, without undue delay first', async () => {
      const group = await buildOrganization(t.ctx, { name: 'Clock Group', kind: 'group' });
      const site = await buildOrganization(t.ctx, { name: 'Clock Site', kind: 'site', parentId: group.id });
      const groupOfficer = await buildMember(t.ctx, group.id, 'privacy_officer');
      await buildMembership(t.ctx, { organizationId: site.id, userId: groupOfficer.id, role: 'privacy_officer' });
      const groupSession = await buildSession(t.ctx, groupOfficer.id);
      const siteReader = await buildUser(t.ctx);
      await buildMembership(t.ctx, { organizationId: group.id, userId: siteReader.id, role: 'staff' });
      await buildMembership(t.ctx, { organizationId: site.id, userId: siteReader.id, role: 'auditor' });
      const siteSession = await buildSession(t.ctx, siteReader.id);
      const groupOnly = await buildUser(t.ctx);
      await buildMembership(t.ctx, { organizationId: group.id, userId: groupOnly.id, role: 'auditor' });
      await buildMembership(t.ctx, { organizationId: site.id, userId: groupOnly.id, role: 'staff' });
      const groupOnlySession = await buildSession(t.ctx, groupOnly.id);

      const put = (org: string, id: string, body: Record<string, unknown>) => request(t.app, 'PUT', url(`/incidents/${id}/assessment`, org), { headers: groupSession.mutationHeaders, body });
      // Group: an overdue HIPAA notice (discovered 70 days ago, 3 individuals) and the annual log.
      const overdue = await buildIncident(t.ctx, group.id, { title: 'Misdirected fax', discoveredAt: ago(70), individualsTotal: 3 });
      expect((await put(group.id, overdue.id, HIPAA_ONLY_BREACH)).status).toBe(200);
      // Site: discovered 55 days ago → due within 7 days; GDPR high risk → the data subjects "without undue delay".
      const soon = await buildIncident(t.ctx, site.id, { title: 'Lost laptop', discoveredAt: ago(55), awareAt: ago(1), individualsTotal: 3 });
      expect((await put(site.id, soon.id, BREACH_ASSESSMENT)).status).toBe(200);
      // Archived incidents have no clocks on the tile.
      const archived = await buildIncident(t.ctx, site.id, { title: 'Archived breach', discoveredAt: ago(5), individualsTotal: 3 });
      expect((await put(site.id, archived.id, HIPAA_ONLY_BREACH)).status).toBe(200);
      await db().updateTable('incidents').set({ archived_at: t.ctx.clock.now().toISOString(), status: 'closed' }).where('id', '=', archived.id).execute();

      let response = await request(t.app, 'GET', url('/incident-clocks', group.id), { headers: groupSession.headers });
      expect(response.status, response.text).toBe(200);
      const items = response.body.items as { organization: { name: string }; incident: { title: string }; obligationId: string; dueAt: string | null; status: string }[];
      // Without undue delay first, then by due instant (ties by organization name).
      expect(items.map((i) => `${i.organization.name}:${i.obligationId}`)).toEqual([
        'Clock Site:gdpr.data_subjects',
        'Clock Group:hipaa.individuals',
        'Clock Site:gdpr.supervisory_authority',
        'Clock Site:hipaa.individuals',
        'Clock Group:hipaa.hhs_annual_log',
        'Clock Site:hipaa.hhs_annual_log',
      ]);
      expect(items[0]).toMatchObject({ obligationId: 'gdpr.data_subjects', dueAt: null, status: 'pending' });
      expect(items[1]).toMatchObject({ obligationId: 'hipaa.individuals', incident: { title: 'Misdirected fax' }, status: 'overdue' });
      expect(response.body).toMatchObject({ overdue: 1, dueWithin7Days: 2 });
      expect(items.some((i) => i.incident.title === 'Archived breach')).toBe(false);

      response = await request(t.app, 'GET', url('/incident-clocks', site.id), { headers: siteSession.headers });
      expect(response.status).toBe(200);
      expect(new Set(response.body.items.map((i: { organization: { name: string } }) => i.organization.name))).toEqual(new Set(['Clock Site']));
      expect(response.body.items).toHaveLength(4);
      response = await request(t.app, 'GET', url('/incident-clocks', group.id), { headers: siteSession.headers });
      expect(response.status).toBe(403);

      response = await request(t.app, 'GET', url('/incident-clocks', group.id), { headers: groupOnlySession.headers });
      expect(response.status).toBe(200);
      expect(response.body.items.map((i: { organization: { name: string } }) => i.organization.name)).toEqual(['Clock Group', 'Clock Group']);
    });
  });

  describe('GET /hhs-breach-log', () => {
    let nyOrg: string;
    let ny: Credentials;
    let incidentId: string;

    beforeAll(async () => {
      nyOrg = (await buildOrganization(t.ctx, { name: 'New York Clinic' })).id;
      await db().updateTable('organizations').set({ time_zone: 'America/New_York' }).where('id', '=', nyOrg).execute();
      ny = await buildSession(t.ctx, (await buildMember(t.ctx, nyOrg, 'privacy_officer')).id);
      // 23:30 on 31 December 2025 in New York is already 1 January 2026 in UTC.
      const incident = await buildIncident(t.ctx, nyOrg, {
        title: 'Misdirected fax to the wrong clinic',
        discoveredAt: '2026-01-01T04:30:00.000Z',
        individualsTotal: 3,
        breachStartDate: '2025-12-30',
        hhsBreachType: 'unauthorized_access_disclosure',
        hhsLocations: ['other'],
        phiKinds: ['demographic', 'clinical'],
        safeguardsInPlace: '=HYPERLINK("http://evil.example","click")',
        actionsTaken: 'Retrained staff',
      });
      incidentId = incident.id;
      // A large breach of the same year is not in the log (HHS is notified within 60 days instead).
      const large = await buildIncident(t.ctx, nyOrg, { discoveredAt: '2025-06-01T12:00:00.000Z', individualsTotal: 800 });
      for (const id of [incidentId, large.id]) {
        const response = await request(t.app, 'PUT', url(`/incidents/${id}/assessment`, nyOrg), { headers: ny.mutationHeaders, body: HIPAA_ONLY_BREACH });
        expect(response.status, response.text).toBe(200);
      }
    });

    it('puts an incident discovered on 31 December in the organization zone in that year, due 60 days after', async () => {
      let response = await request(t.app, 'GET', url('/hhs-breach-log?year=2025', nyOrg), { headers: ny.headers });
      expect(response.status, response.text).toBe(200);
      expect(response.body).toMatchObject({ year: 2025, dueDate: '2026-03-01', dueAt: '2026-03-02T04:59:59.999Z' });
      expect(response.body.entries).toHaveLength(1);
      expect(response.body.entries[0]).toMatchObject({
        incident: { id: incidentId, ref: expect.stringMatching(/^INC-/) },
        organization: { id: nyOrg, name: 'New York Clinic' },
        discoveryDate: '2025-12-31',
        breachStartDate: '2025-12-30',
        individuals: 3,
        breachType: 'unauthorized_access_disclosure',
        phiKinds: ['demographic', 'clinical'],
        missing: ['breachEndDate'],
        submitted: false,
      });
      response = await request(t.app, 'GET', url('/hhs-breach-log?year=2026', nyOrg), { headers: ny.headers });
      expect(response.body.entries).toEqual([]);
      response = await request(t.app, 'GET', url('/hhs-breach-log?year=1900', nyOrg), { headers: ny.headers });
      expect(response.status).toBe(400);
    });

    it('exports the portal fields as CSV, XLSX and JSON with formulas neutralised', async () => {
      let response = await t.app.inject({ method: 'GET', url: url('/hhs-breach-log/export?year=2025&format=csv', nyOrg), headers: ny.headers });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.headers['content-disposition']).toMatch(/hhs-breach-log-new-york-clinic-2025\.csv/);
      const lines = response.body.replace(/^\uFEFF/, '').trim().split('\n');
      expect(lines[0]).toBe('incident_ref,title,covered_entity,breach_start_date,breach_end_date,discovery_date,individuals_affected,type_of_breach,location_of_breached_information,type_of_phi,safeguards_in_place,actions_taken,submitted,missing_fields');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain('2025-12-31,3,Unauthorized access/disclosure,Other,Demographic; Clinical,"\'=HYPERLINK(');

      response = await t.app.inject({ method: 'GET', url: url('/hhs-breach-log/export?year=2025&format=xlsx', nyOrg), headers: ny.headers });
      expect(response.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.getRow(2).getCell(6).value).toBe('2025-12-31');
      expect(sheet.getRow(2).getCell(7).value).toBe(3);
      expect(String(sheet.getRow(2).getCell(11).value).startsWith("'=")).toBe(true);

      response = await t.app.inject({ method: 'GET', url: url('/hhs-breach-log/export?year=2025&format=json', nyOrg), headers: ny.headers });
      expect(response.statusCode).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({ year: 2025, entries: [{ discoveryDate: '2025-12-31', individuals: 3 }] });
      // Every download is in the audit trail, with what left (not the log's contents).
      const exported = await events('incident.hhs_log_exported', nyOrg);
      expect(exported.map((e) => JSON.parse(e.changes!) as { format: string; rows: number; year: number })).toEqual([
        expect.objectContaining({ year: 2025, format: 'csv', rows: 1 }), expect.objectContaining({ format: 'xlsx' }), expect.objectContaining({ format: 'json' }),
      ]);
    });
  });
});

