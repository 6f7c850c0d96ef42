import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarMonths, assess, defaultMethod } from '../../../shared/risk-method.js';
import type { ManualClock } from '../../kernel/clock.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { buildMember, buildMembership, buildOrganization, buildSession, type Credentials } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { repoDb } from './risk.repository.js';
import { buildRisk, buildRiskAsset, buildRiskMember, rated, type TestMember } from './risk-test-support.js';

type ListItem = { id: string; ref: string; title: string; current: { rank: number; key: string } | null; [key: string]: unknown };

describe('risk register API', () => {
  let t: TestApp;
  let orgId: string;
  let manager: TestMember;
  let owner: TestMember;
  let auditor: TestMember;
  const url = (path = '', org = orgId) => `/api/v1/orgs/${org}${path}`;
  const create = async (body: Record<string, unknown>, who: Credentials = manager) => {
    const response = await request(t.app, 'POST', url('/risks'), { headers: who.mutationHeaders, body });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };
  const list = async (query: string, who: Credentials = manager) => {
    const response = await request(t.app, 'GET', url(`/risks?${query}`), { headers: who.headers });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as { total: number; items: { id: string; ref: string; title: string; [key: string]: unknown }[] };
  };
  const stored = (id: string) => repoDb(t.ctx.database.db).selectFrom('risks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** Moving the clock by days ends sessions (idle timeout): sign the members in again. */
  const resession = async (...members: TestMember[]) => {
    for (const m of members) Object.assign(m, await buildSession(t.ctx, m.id));
  };
  const events = (type: string, subjectId: string) =>
    t.ctx.database.db.selectFrom('audit_events').selectAll().where('type', '=', type).where('subject_id', '=', subjectId).orderBy('seq').execute();

  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await buildOrganization(t.ctx, { name: 'Risk Test Hospital' })).id;
    manager = await buildRiskMember(t.ctx, orgId, 'isms_manager', 'Mia Manager');
    owner = await buildRiskMember(t.ctx, orgId, 'risk_owner', 'Olga Owner');
    auditor = await buildRiskMember(t.ctx, orgId, 'auditor', 'Aldo Auditor');
  });
  afterAll(() => t.close());

  describe('POST /api/v1/orgs/:orgId/risks', () => {
    it('numbers the risk, derives each stage level from the method and stores the derived columns', async () => {
      const pump = await buildRiskAsset(t.ctx, orgId, { name: 'Infusion pumps', type: 'medical_device', dataCategories: ['ephi'] });
      const risk = await create({
        title: 'Unpatched infusion pumps on a flat network',
        category: 'clinical',
        threatId: 'hicp.medical-devices.legacy-exploitation',
        threatSourceIds: ['source.adversarial.criminal-group'],
        vulnerabilityIds: ['vuln.medical-device-unsupported'],
        assetIds: [pump.id],
        ownerUserId: owner.id,
        inherent: rated(4, { availability: 4, patient_safety: 5 }),
        current: rated(3, { availability: 4, patient_safety: 4, confidentiality: null }),
        residual: rated(2, { patient_safety: 3 }),
      });
      expect(risk).toMatchObject({
        ref: expect.stringMatching(/^R-\d{4}$/),
        version: 1,
        handlesEphi: true,
        patientSafety: true,
        needsClinicalSignOff: true,
        acceptanceStage: 'residual',
        acceptanceState: 'none',
        owner: { id: owner.id, name: 'Olga Owner' },
        threatTitle: expect.any(String),
        inherent: { key: 'critical', likelihood: 4, impact: 5, rank: 4 },
        current: { key: 'high', likelihood: 3, impact: 4 },
        residual: { key: 'medium', likelihood: 2, impact: 3 },
        vulnerabilities: [{ id: 'vuln.medical-device-unsupported', title: expect.any(String) }],
        assets: [{ id: pump.id, name: 'Infusion pumps', handlesEphi: true }],
        abilities: { update: true, delete: true },
      });
      expect(risk.assessments.current).toMatchObject({ methodVersion: 1, notAssessed: ['confidentiality', 'integrity'], assessedBy: { id: manager.id, name: 'Mia Manager' }, reviewCadenceMonths: 3 });
      const row = await stored(risk.id);
      const method = defaultMethod();
      for (const stage of ['inherent', 'current', 'residual'] as const) {
        const expected = assess(method, JSON.parse(JSON.stringify(risk.assessments[stage])));
        expect(row[`${stage}_level_key`]).toBe(expected.levelKey);
        expect(Number(row[`${stage}_level_rank`])).toBe(expected.levelRank);
        expect(Number(row[`${stage}_impact`])).toBe(expected.impact);
        expect(Number(row[`${stage}_method_version`])).toBe(1);
      }
      expect(Number(row.patient_safety)).toBe(1);
      // Medium (the residual level, which acceptance covers) is reviewed every 6 months from today.
      expect(risk.nextReviewOn).toBe(addCalendarMonths(t.ctx.clock.now().toISOString().slice(0, 10), 6));
      const [event] = await events('risk.created', risk.id);
      expect(JSON.parse(event!.changes!)).toMatchObject({ ref: risk.ref, title: risk.title, residual: { likelihood: 2, level: 'medium' } });
      const next = await create({ title: 'Second', category: 'cyber' });
      expect(Number(next.ref.slice(2))).toBe(Number(risk.ref.slice(2)) + 1);
      expect(next).toMatchObject({ inherent: null, current: null, residual: null, nextReviewOn: null, acceptanceStage: null, handlesEphi: false });
    });

    it('refuses assessments and references that do not fit, naming each field, and writes nothing', async () => {
      const foreignOrg = await buildOrganization(t.ctx);
      const foreignAsset = await buildRiskAsset(t.ctx, foreignOrg.id);
      const stranger = await buildMember(t.ctx, foreignOrg.id, 'risk_owner');
      const before = await list('');
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ inherent: rated(6, { confidentiality: 2 }) }, /body\.inherent\.likelihood: must be a whole number from 1 to 5/],
        [{ current: rated(2, { financial: 3 }) }, /body\.current\.impacts\.financial: is not a dimension of this method/],
        [{ current: rated(2, { patient_safety: 7 }) }, /body\.current\.impacts\.patient_safety: must be a whole number from 1 to 5/],
        [{ residual: rated(2, { confidentiality: null }) }, /body\.residual\.impacts: must rate at least one dimension/],
        [{ threatId: 'hicp.no-such-threat' }, /body\.threatId: "hicp\.no-such-threat" is not a threat/],
        [{ threatId: 'vuln.no-mfa-remote-access' }, /body\.threatId: /],
        [{ vulnerabilityIds: ['vuln.no-mfa-remote-access', 'vuln.nope'] }, /body\.vulnerabilityIds\.1: "vuln\.nope" is not a vulnerability/],
        [{ threatSourceIds: ['source.accidental.user', 'hicp.ransomware'] }, /body\.threatSourceIds\.1: /],
        [{ assetIds: [foreignAsset.id] }, /body\.assetIds\.0: is not an asset of this organization/],
        [{ ownerUserId: stranger.id }, /body\.ownerUserId: is not a member of this organization or of its group/],
        [{ category: 'weather' }, /^body\.category: /],
        [{ fromGap: { assetId: foreignAsset.id, rule: 'mfa_missing' } }, /body\.fromGap\.assetId: is not an asset of this organization/],
      ];
      for (const [fields, message] of cases) {
        const response = await request(t.app, 'POST', url('/risks'), { headers: manager.mutationHeaders, body: { title: 'Bad', category: 'cyber', ...fields } });
        expect(response.status, JSON.stringify(fields)).toBe(400);
        expect(response.body.error.code).toBe('validation_failed');
        expect(response.body.error.message).toMatch(message);
      }
      expect((await list('')).total).toBe(before.total);
    });

    it('accepts an owner who is a member of the group above the organization', async () => {
      const group = await buildOrganization(t.ctx, { kind: 'group' });
      const site = await buildOrganization(t.ctx, { parentId: group.id });
      const groupCiso = await buildMember(t.ctx, group.id, 'isms_manager');
      const siteManager = await buildRiskMember(t.ctx, site.id, 'isms_manager');
      const response = await request(t.app, 'POST', url('/risks', site.id), { headers: siteManager.mutationHeaders, body: { title: 'Site risk', category: 'cyber', ownerUserId: groupCiso.id } });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body.owner.id).toBe(groupCiso.id);
    });

    it('refuses a role without risk.write', async () => {
      const response = await request(t.app, 'POST', url('/risks'), { headers: auditor.mutationHeaders, body: { title: 'X', category: 'cyber' } });
      expect(response.status).toBe(403);
    });
  });

  describe('PATCH /api/v1/orgs/:orgId/risks/:riskId', () => {
    it('re-derives a changed assessment, keeps an unchanged one, clears with null, replaces links and audits a diff', async () => {
      const a = await buildRiskAsset(t.ctx, orgId);
      const b = await buildRiskAsset(t.ctx, orgId, { dataCategories: ['ephi'] });
      const risk = await create({ title: 'Phishing of clinicians', category: 'cyber', assetIds: [a.id], vulnerabilityIds: ['vuln.phishing-susceptible-staff'], inherent: rated(4, { confidentiality: 4 }), current: rated(3, { confidentiality: 3 }) });
      const inherentStamp = (await stored(risk.id)).inherent_assessed_at;
      (t.ctx.clock as ManualClock).advance(60_000);
      const changed = await request(t.app, 'PATCH', url(`/risks/${risk.id}`), {
        headers: owner.mutationHeaders,
        body: { version: 1, inherent: rated(4, { confidentiality: 4 }), current: rated(5, { confidentiality: 5 }), residual: null, assetIds: [b.id], vulnerabilityIds: [], title: 'Phishing of clinicians (e-mail)' },
      });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      expect(changed.body).toMatchObject({ version: 2, title: 'Phishing of clinicians (e-mail)', current: { key: 'critical' }, inherent: { key: 'high' }, handlesEphi: true, vulnerabilities: [], assets: [{ id: b.id }] });
      expect(changed.body.assessments.current.assessedBy.id).toBe(owner.id);
      const row = await stored(risk.id);
      expect(row.inherent_assessed_at).toBe(inherentStamp);
      expect(row.current_assessed_at).not.toBe(inherentStamp);
      // Critical is reviewed monthly: the next review moved with the level.
      expect(changed.body.nextReviewOn < risk.nextReviewOn).toBe(true);
      const [event] = await events('risk.updated', risk.id);
      const diff = JSON.parse(event!.changes!);
      expect(Object.keys(diff).sort()).toEqual(['assetIds', 'current', 'nextReviewOn', 'ref', 'title', 'vulnerabilityIds']);
      expect(diff.current).toMatchObject({ from: { likelihood: 3, level: 'medium' }, to: { likelihood: 5, level: 'critical' } });

      const cleared = await request(t.app, 'PATCH', url(`/risks/${risk.id}`), { headers: manager.mutationHeaders, body: { version: 2, current: null } });
      expect(cleared.body).toMatchObject({ current: null, acceptanceStage: 'inherent', version: 3 });
      expect((await stored(risk.id)).current_level_key).toBeNull();

      const unchanged = await request(t.app, 'PATCH', url(`/risks/${risk.id}`), { headers: manager.mutationHeaders, body: { version: 3, title: 'Phishing of clinicians (e-mail)' } });
      expect(unchanged.body.version).toBe(3);
    });

    it('refuses a stale version with 409, an invalid assessment with 400 and another organization\'s risk with 404', async () => {
      const risk = await create({ title: 'Lost unencrypted laptop', category: 'privacy' });
      await request(t.app, 'PATCH', url(`/risks/${risk.id}`), { headers: manager.mutationHeaders, body: { version: 1, description: 'A laptop with exported reports' } });
      const stale = await request(t.app, 'PATCH', url(`/risks/${risk.id}`), { headers: manager.mutationHeaders, body: { version: 1, title: 'Lost update' } });
      expect(stale.status).toBe(409);
      const invalid = await request(t.app, 'PATCH', url(`/risks/${risk.id}`), { headers: manager.mutationHeaders, body: { version: 2, current: rated(3, { reputation: 2 }) } });
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.message).toMatch(/^body\.current\.impacts\.reputation: is not a dimension/);
      const other = await buildOrganization(t.ctx);
      const otherManager = await buildRiskMember(t.ctx, other.id, 'isms_manager');
      for (const [method, body] of [['GET', undefined], ['PATCH', { version: 2, title: 'Hijack' }], ['DELETE', undefined]] as const) {
        const response = await request(t.app, method, url(`/risks/${risk.id}`, other.id), { headers: otherManager.mutationHeaders, body });
        expect(response.status, method).toBe(404);
      }
      const foreign = await request(t.app, 'GET', url(`/risks/${risk.id}`), { headers: otherManager.headers });
      expect(foreign.status).toBe(404);
    });
  });

  describe('GET /api/v1/orgs/:orgId/risks', () => {
    let listOrg: string;
    let lister: TestMember;
    let ward: { id: string };
    beforeAll(async () => {
      listOrg = (await buildOrganization(t.ctx, { name: 'List Hospital' })).id;
      lister = await buildRiskMember(t.ctx, listOrg, 'isms_manager', 'Lisa Lister');
      const zed = await buildRiskMember(t.ctx, listOrg, 'risk_owner', 'Zed Zimmer');
      const amy = await buildRiskMember(t.ctx, listOrg, 'risk_owner', 'Amy Adams');
      ward = await buildRiskAsset(t.ctx, listOrg, { name: 'Ward tablets', type: 'mobile_device' });
      const specs = [
        { title: 'Ransomware on the EHR', category: 'cyber', ownerUserId: zed.id, current: rated(4, { availability: 4 }) },
        { title: 'Snooping in patient records', category: 'privacy', ownerUserId: amy.id, current: rated(3, { confidentiality: 3 }), assetIds: [ward.id] },
        { title: 'Power outage in the server room', category: 'physical', current: rated(2, { availability: 2 }) },
        { title: 'Billing clearinghouse breach', category: 'supplier', ownerUserId: zed.id, current: rated(1, { confidentiality: 1 }) },
        { title: 'Backup restore never tested', category: 'operational', ownerUserId: amy.id },
        { title: 'Dictation service without a BAA', category: 'supplier', current: rated(5, { confidentiality: 5 }), status: 'closed' },
      ];
      for (const spec of specs) {
        const response = await request(t.app, 'POST', url('/risks', listOrg), { headers: lister.mutationHeaders, body: spec });
        expect(response.status, JSON.stringify(response.body)).toBe(201);
      }
    });
    const get = async (query: string) => {
      const response = await request(t.app, 'GET', url(`/risks?${query}`, listOrg), { headers: lister.headers });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body as { total: number; items: ListItem[] };
    };
    const titles = (page: { items: { title: string }[] }) => page.items.map((i) => i.title);

    it('pages and sorts in SQL: by level (not assessed last), by owner name, by reference', async () => {
      const byLevel = await get('sort=current&direction=desc');
      expect(titles(byLevel)).toEqual(['Dictation service without a BAA', 'Ransomware on the EHR', 'Snooping in patient records', 'Power outage in the server room', 'Billing clearinghouse breach', 'Backup restore never tested']);
      const byOwner = await get('sort=owner&direction=asc');
      expect(titles(byOwner).slice(0, 4)).toEqual(['Snooping in patient records', 'Backup restore never tested', 'Ransomware on the EHR', 'Billing clearinghouse breach']);
      const page = await get('sort=ref&direction=desc&pageSize=2&page=2');
      expect(page.total).toBe(6);
      expect(titles(page)).toEqual(['Billing clearinghouse breach', 'Power outage in the server room']);
      const bad = await request(t.app, 'GET', url('/risks?sort=colour', listOrg), { headers: lister.headers });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^query\.sort: /);
    });

    it('filters by category, status, level at a stage, owner, text or reference, asset and ePHI (derived from the assets now)', async () => {
      expect(titles(await get('category=supplier&status=open'))).toEqual(['Billing clearinghouse breach']);
      expect(titles(await get('level=high&levelStage=current'))).toEqual(['Ransomware on the EHR']);
      expect((await get('level=low&levelStage=inherent')).total).toBe(0);
      const badLevel = await request(t.app, 'GET', url('/risks?level=extreme', listOrg), { headers: lister.headers });
      expect(badLevel.status).toBe(400);
      expect(badLevel.body.error.message).toMatch(/^query\.level: "extreme" is not a level of the method in force \(low, medium, high, critical\)/);
      expect(titles(await get('q=SNOOP'))).toEqual(['Snooping in patient records']);
      const first = (await get('sort=ref&pageSize=1')).items[0]!;
      expect(titles(await get(`q=${first.ref as string}`))).toEqual([first.title]);
      expect(titles(await get(`assetId=${ward.id}`))).toEqual(['Snooping in patient records']);
      expect((await get('ephi=yes')).total).toBe(0);
      // The tablet starts handling ePHI: the risk shows it at once, with no write to the risk.
      const asset = await request(t.app, 'PATCH', url(`/assets/${ward.id}`, listOrg), { headers: lister.mutationHeaders, body: { dataCategories: ['ephi'] } });
      expect(asset.body.handlesEphi).toBe(true);
      const ephi = await get('ephi=yes');
      expect(titles(ephi)).toEqual(['Snooping in patient records']);
      expect(ephi.items[0]).toMatchObject({ handlesEphi: true, assetCount: 1 });
      expect((await get('ephi=no')).total).toBe(5);
    });

    it('computes review overdue from today and the acceptance state from the latest records, in SQL and in the detail alike', async () => {
      const [ehr] = (await get('q=ransomware')).items;
      // High is reviewed every 3 months: four months on, it is overdue.
      (t.ctx.clock as ManualClock).advance(124 * 86_400_000);
      await resession(lister, manager, owner, auditor);
      expect(titles(await get('reviewOverdue=yes'))).toContain('Ransomware on the EHR');
      expect(titles(await get('reviewOverdue=yes'))).not.toContain('Dictation service without a BAA');
      const today = t.ctx.clock.now().toISOString().slice(0, 10);
      const accept = async (riskId: string, kind: string, levelRank: number, expiresOn: string | null, offsetMs = 0) =>
        repoDb(t.ctx.database.db)
          .insertInto('risk_acceptances')
          .values({ id: newId(), organization_id: listOrg, risk_id: riskId, kind, accepted_by: lister.id, accepted_by_name: 'Lisa Lister', role: 'top_management', accepted_at: new Date(t.ctx.clock.now().getTime() + offsetMs).toISOString(), stage: 'current', level_key: 'x', level_label: 'X', level_rank: levelRank, method_version: 1, rationale: 'test record', expires_on: expiresOn })
          .execute();
      expect(titles(await get('acceptance=none')).length).toBe(6);
      await accept(ehr!.id, 'acceptance', 2, '2999-01-01', -1000); // older, superseded
      await accept(ehr!.id, 'acceptance', ehr!.current!.rank, '2999-01-01');
      const [snoop] = (await get('q=snooping')).items;
      await accept(snoop!.id, 'acceptance', snoop!.current!.rank - 1, null); // level rose above the accepted one
      const [power] = (await get('q=power')).items;
      await accept(power!.id, 'acceptance', power!.current!.rank, today); // expires today: still holds
      expect(titles(await get('acceptance=accepted')).sort()).toEqual(['Power outage in the server room', 'Ransomware on the EHR']);
      expect(titles(await get('acceptance=stale'))).toEqual(['Snooping in patient records']);
      (t.ctx.clock as ManualClock).advance(86_400_000);
      await resession(lister, manager, owner, auditor);
      expect(titles(await get('acceptance=stale')).sort()).toEqual(['Power outage in the server room', 'Snooping in patient records']);
      const detail = await request(t.app, 'GET', url(`/risks/${power!.id}`, listOrg), { headers: lister.headers });
      expect(detail.body).toMatchObject({ acceptanceState: 'stale', staleReasons: ['expired'] });
      // A patient-safety impact needs the clinical sign-off as well.
      const patched = await request(t.app, 'PATCH', url(`/risks/${ehr!.id}`, listOrg), { headers: lister.mutationHeaders, body: { version: 1, current: rated(4, { availability: 4, patient_safety: 3 }) } });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      expect(patched.body).toMatchObject({ acceptanceState: 'awaiting_sign_off', needsClinicalSignOff: true, patientSafety: true });
      expect(titles(await get('acceptance=awaiting_sign_off'))).toEqual(['Ransomware on the EHR']);
      await accept(ehr!.id, 'clinical_sign_off', 3, null, 1000);
      expect(titles(await get('acceptance=accepted'))).toEqual(['Ransomware on the EHR']);
      const summary = (await get('q=ransomware')).items[0]!;
      expect(summary.acceptanceState).toBe('accepted');
    });

    it('lists a group with its sites only where the caller may read them, and a site alone by siteId', async () => {
      const group = await buildOrganization(t.ctx, { kind: 'group', name: 'Group G' });
      const siteA = await buildOrganization(t.ctx, { parentId: group.id, name: 'Site A' });
      const siteB = await buildOrganization(t.ctx, { parentId: group.id, name: 'Site B' });
      const user = await buildMember(t.ctx, group.id, 'isms_manager');
      await buildMembership(t.ctx, { organizationId: siteA.id, userId: user.id, role: 'auditor' });
      await buildMembership(t.ctx, { organizationId: siteB.id, userId: user.id, role: 'staff' });
      await buildRisk(t.ctx, group.id, { title: 'Group risk' });
      await buildRisk(t.ctx, siteA.id, { title: 'Site A risk' });
      await buildRisk(t.ctx, siteB.id, { title: 'Site B risk' });
      const s: Credentials = await buildSession(t.ctx, user.id);
      const all = await request(t.app, 'GET', url('/risks?includeSites=yes&sort=title', group.id), { headers: s.headers });
      expect(all.body.items.map((i: { title: string; organizationName: string }) => `${i.title}@${i.organizationName}`)).toEqual(['Group risk@Group G', 'Site A risk@Site A']);
      const siteRisk = all.body.items[1];
      const detail = await request(t.app, 'GET', url(`/risks/${siteRisk.id}`, group.id), { headers: s.headers });
      expect(detail.status).toBe(404);
      const onlyA = await request(t.app, 'GET', url(`/risks?siteId=${siteA.id}`, group.id), { headers: s.headers });
      expect(onlyA.body.items.map((i: { title: string }) => i.title)).toEqual(['Site A risk']);
      const refused = await request(t.app, 'GET', url(`/risks?siteId=${siteB.id}`, group.id), { headers: s.headers });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/^query\.siteId: /);
    });

    it('answers a member of another organization with not-found', async () => {
      const other = await buildOrganization(t.ctx);
      const stranger = await buildRiskMember(t.ctx, other.id, 'admin');
      const response = await request(t.app, 'GET', url('/risks', listOrg), { headers: stranger.headers });
      expect(response.status).toBe(404);
      const own = await request(t.app, 'GET', url('/risks', other.id), { headers: stranger.headers });
      expect(own.body.total).toBe(0);
    });
  });

  describe('abilities and DELETE', () => {
    it('gives the abilities from the policies and removes a risk with its audit event', async () => {
      const risk = await create({ title: 'PACS exposed to the internet', category: 'cyber', ownerUserId: owner.id, current: rated(3, { confidentiality: 3 }) });
      const asAuditor = await request(t.app, 'GET', url(`/risks/${risk.id}`), { headers: auditor.headers });
      expect(asAuditor.body.abilities).toMatchObject({ update: false, delete: false, accept: false, signOff: false });
      const asOwner = await request(t.app, 'GET', url(`/risks/${risk.id}`), { headers: owner.headers });
      // Medium is accepted by the ISMS manager or above, not by the risk owner.
      expect(asOwner.body.abilities).toMatchObject({ update: true, delete: true, accept: false, acceptReason: expect.stringMatching(/ISMS manager/) });
      const asManager = await request(t.app, 'GET', url(`/risks/${risk.id}`), { headers: manager.headers });
      expect(asManager.body.abilities).toMatchObject({ accept: true, acceptReason: null });
      const removed = await request(t.app, 'DELETE', url(`/risks/${risk.id}`), { headers: manager.mutationHeaders });
      expect(removed.status).toBe(200);
      expect((await request(t.app, 'GET', url(`/risks/${risk.id}`), { headers: manager.headers })).status).toBe(404);
      const [event] = await events('risk.deleted', risk.id);
      expect(JSON.parse(event!.changes!)).toEqual({ ref: risk.ref, title: 'PACS exposed to the internet' });
    });

    it('refuses to remove a risk with an acceptance on record (close it instead)', async () => {
      const risk = await create({ title: 'Shared workstation logins in the ED', category: 'cyber', current: rated(2, { confidentiality: 2 }) });
      await repoDb(t.ctx.database.db)
        .insertInto('risk_acceptances')
        .values({ id: newId(), organization_id: orgId, risk_id: risk.id, kind: 'acceptance', accepted_by: manager.id, accepted_by_name: 'Mia Manager', role: 'isms_manager', accepted_at: t.ctx.clock.now().toISOString(), stage: 'current', level_key: 'low', level_label: 'Low', level_rank: 1, method_version: 1, rationale: 'test record', expires_on: null })
        .execute();
      const refused = await request(t.app, 'DELETE', url(`/risks/${risk.id}`), { headers: manager.mutationHeaders });
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(/close the risk/);
      expect((await request(t.app, 'GET', url(`/risks/${risk.id}`), { headers: manager.headers })).status).toBe(200);
    });
  });

  describe('GET /api/v1/orgs/:orgId/risks/from-gap', () => {
    it('pre-fills a scenario from a gap of the asset register and points at a risk already raised from it', async () => {
      const phone = await buildRiskAsset(t.ctx, orgId, { name: 'Ward 3 shared phone', type: 'mobile_device', dataCategories: ['ephi'], mdmEnrolled: false });
      const draft = await request(t.app, 'GET', url(`/risks/from-gap?assetId=${phone.id}&rule=mobile_ephi_without_mdm`), { headers: owner.headers });
      expect(draft.status, JSON.stringify(draft.body)).toBe(200);
      expect(draft.body).toMatchObject({
        title: expect.stringContaining('Ward 3 shared phone'),
        category: 'privacy',
        threatId: expect.stringMatching(/^hicp\.loss-theft\./),
        vulnerabilityIds: ['vuln.mobile-without-mdm'],
        assetIds: [phone.id],
        fromGap: { assetId: phone.id, rule: 'mobile_ephi_without_mdm' },
        existingRiskId: null,
      });
      const { existingRiskId: _none, ...body } = draft.body;
      const risk = await create(body, owner);
      expect(risk.fromGap).toEqual({ assetId: phone.id, assetName: 'Ward 3 shared phone', rule: 'mobile_ephi_without_mdm' });
      const again = await request(t.app, 'GET', url(`/risks/from-gap?assetId=${phone.id}&rule=mobile_ephi_without_mdm`), { headers: owner.headers });
      expect(again.body.existingRiskId).toBe(risk.id);
      const pump = await buildRiskAsset(t.ctx, orgId, { name: 'Old pump', type: 'medical_device' });
      const device = await request(t.app, 'GET', url(`/risks/from-gap?assetId=${pump.id}&rule=medical_device_unsupported_on_flat_network`), { headers: owner.headers });
      expect(device.body).toMatchObject({ category: 'clinical', threatId: expect.stringMatching(/^hicp\.medical-devices\./) });
      const badRule = await request(t.app, 'GET', url(`/risks/from-gap?assetId=${phone.id}&rule=too_cold`), { headers: owner.headers });
      expect(badRule.status).toBe(400);
      expect(badRule.body.error.message).toMatch(/^query\.rule: must be one of /);
      const missing = await request(t.app, 'GET', url(`/risks/from-gap?assetId=${newId()}&rule=mfa_missing`), { headers: owner.headers });
      expect(missing.status).toBe(404);
      expect((await request(t.app, 'GET', url(`/risks/from-gap?assetId=${phone.id}&rule=mfa_missing`), { headers: auditor.headers })).status).toBe(403);
    });
  });

  describe('threat and vulnerability catalogue', () => {
    it('lists the built-in catalogue with risk counts, adds own entries, and refuses to remove one in use', async () => {
      const catalogue = await request(t.app, 'GET', url('/risk-catalogue'), { headers: auditor.headers });
      expect(catalogue.status).toBe(200);
      const parents = catalogue.body.threats.filter((e: { parentId: string | null; origin: string }) => e.parentId === null && e.origin === 'builtin');
      expect(parents.map((e: { id: string }) => e.id)).toEqual(['hicp.social-engineering', 'hicp.ransomware', 'hicp.loss-theft', 'hicp.insider', 'hicp.medical-devices']);
      expect(catalogue.body.threatSources.map((e: { category: string }) => e.category)).toEqual(expect.arrayContaining(['adversarial', 'accidental', 'structural', 'environmental']));
      expect(catalogue.body.vulnerabilities.find((e: { id: string }) => e.id === 'vuln.mobile-without-mdm')).toMatchObject({ gapRule: 'mobile_ephi_without_mdm', riskCount: 1 });

      const bad = await request(t.app, 'POST', url('/risk-catalogue/entries'), { headers: manager.mutationHeaders, body: { kind: 'vulnerability', title: 'Paper records', category: 'weather' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/body\.category: must be one of technical/);
      const entry = await request(t.app, 'POST', url('/risk-catalogue/entries'), { headers: manager.mutationHeaders, body: { kind: 'vulnerability', title: 'Paper records left at the nurses\' station', category: 'physical' } });
      expect(entry.status, JSON.stringify(entry.body)).toBe(201);
      expect(entry.body).toMatchObject({ id: expect.stringMatching(/^org\./), origin: 'custom', riskCount: 0 });
      const dup = await request(t.app, 'POST', url('/risk-catalogue/entries'), { headers: manager.mutationHeaders, body: { kind: 'vulnerability', title: 'PAPER records left at the nurses\' station', category: 'physical' } });
      expect(dup.status).toBe(400);
      const source = await request(t.app, 'POST', url('/risk-catalogue/entries'), { headers: manager.mutationHeaders, body: { kind: 'threat_source', title: 'Visiting relatives', category: 'accidental' } });
      const risk = await create({ title: 'Records seen by visitors', category: 'privacy', vulnerabilityIds: [entry.body.id], threatSourceIds: [source.body.id, 'source.accidental.user'] });
      expect(risk.vulnerabilities).toEqual([{ id: entry.body.id, title: 'Paper records left at the nurses\' station' }]);
      const counted = await request(t.app, 'GET', url('/risk-catalogue'), { headers: auditor.headers });
      expect(counted.body.vulnerabilities.find((e: { id: string }) => e.id === entry.body.id).riskCount).toBe(1);
      expect(counted.body.threatSources.find((e: { id: string }) => e.id === source.body.id).riskCount).toBe(1);

      const inUse = await request(t.app, 'DELETE', url(`/risk-catalogue/entries/${entry.body.id}`), { headers: manager.mutationHeaders });
      expect(inUse.status).toBe(409);
      expect(inUse.body.error.message).toContain(risk.ref);
      const sourceInUse = await request(t.app, 'DELETE', url(`/risk-catalogue/entries/${source.body.id}`), { headers: manager.mutationHeaders });
      expect(sourceInUse.status).toBe(409);
      expect((await request(t.app, 'DELETE', url('/risk-catalogue/entries/vuln.mobile-without-mdm'), { headers: manager.mutationHeaders })).status).toBe(409);
      await request(t.app, 'PATCH', url(`/risks/${risk.id}`), { headers: manager.mutationHeaders, body: { version: 1, vulnerabilityIds: [] } });
      const removed = await request(t.app, 'DELETE', url(`/risk-catalogue/entries/${entry.body.id}`), { headers: manager.mutationHeaders });
      expect(removed.status).toBe(200);
      expect(await events('risk_catalogue.entry_removed', entry.body.id)).toHaveLength(1);
      expect(await events('risk_catalogue.entry_added', entry.body.id)).toHaveLength(1);
      const other = await buildOrganization(t.ctx);
      const otherManager = await buildRiskMember(t.ctx, other.id, 'isms_manager');
      const foreignUse = await request(t.app, 'POST', url('/risks', other.id), { headers: otherManager.mutationHeaders, body: { title: 'X', category: 'cyber', threatSourceIds: [source.body.id] } });
      expect(foreignUse.status).toBe(400);
      expect((await request(t.app, 'DELETE', url(`/risk-catalogue/entries/${source.body.id}`, other.id), { headers: otherManager.mutationHeaders })).status).toBe(404);
    });
  });
});
