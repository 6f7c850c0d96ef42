import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildOrganization, buildSession, type Credentials } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { controlDb } from './control.repository.js';
import { ensureRequirements } from './control-test-support.js';
import { linkedControlsByRequirement } from './index.js';
import { loadStarterLibrary } from './starter-library.js';

const ISO_A51 = 'iso27001-2022:A.5.1';
const ISO_A815 = 'iso27001-2022:A.8.15';
const HIPAA_AUDIT = 'hipaa-security-rule:164.312(b)';

describe('control register API', () => {
  let t: TestApp;
  let orgId: string;
  let manager: Credentials;
  let auditor: Credentials;
  const url = (path = '', org = orgId) => `/api/v1/orgs/${org}/controls${path}`;
  const create = async (body: Record<string, unknown>, headers = manager.mutationHeaders, org = orgId) => {
    const response = await request(t.app, 'POST', url('', org), { headers, body });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };
  const today = () => new Date().toISOString().slice(0, 10);
  const events = (type: string, subjectId?: string) => {
    let query = t.ctx.database.db.selectFrom('audit_events').selectAll().where('type', '=', type).where('organization_id', '=', orgId);
    if (subjectId) query = query.where('subject_id', '=', subjectId);
    return query.execute();
  };

  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await buildOrganization(t.ctx, { name: 'Control Test Hospital' })).id;
    manager = await buildSession(t.ctx, (await buildMember(t.ctx, orgId, 'isms_manager')).id);
    auditor = await buildSession(t.ctx, (await buildMember(t.ctx, orgId, 'auditor')).id);
    await ensureRequirements(t.ctx, [ISO_A51, ISO_A815, HIPAA_AUDIT]);
  });
  afterAll(() => t.close());

  describe('POST /api/v1/orgs/:orgId/controls', () => {
    it('creates a control with a generated code, computes the next review and records the event', async () => {
      const control = await create({ name: 'Central audit logging', category: 'technological', owner: 'IT Security', reviewCadenceMonths: 6, costYearly: 12000, effortDays: 10 });
      expect(control).toMatchObject({ code: 'CTL-001', status: 'planned', effectiveness: 'not_assessed', version: 1, inherited: false, requirementCount: 0, abilities: { update: true, delete: true } });
      const expected = new Date();
      expected.setUTCMonth(expected.getUTCMonth() + 6);
      expect(control.nextReviewOn.slice(0, 7)).toBe(expected.toISOString().slice(0, 7));
      const [event] = await events('control.created', control.id);
      expect(event).toBeDefined();
      expect(JSON.parse(event!.changes!)).toMatchObject({ name: { from: null, to: 'Central audit logging' } });
    });

    it('names the field of each rule it refuses', async () => {
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ name: 'X', category: 'magic' }, /^body\.category: /],
        [{ name: 'X', category: 'people', status: 'implemented' }, /^body\.implementedOn: is required when the status is implemented/],
        [{ name: 'X', category: 'people', status: 'implemented', implementedOn: '2999-01-01' }, /^body\.implementedOn: must not be in the future/],
        [{ name: 'X', category: 'people', effectiveness: 'effective' }, /^body\.lastTestedOn: is required once effectiveness/],
        [{ name: 'X', category: 'people', effectiveness: 'effective', lastTestedOn: '2999-01-01' }, /^body\.lastTestedOn: must not be in the future/],
        [{ name: 'X', category: 'people', inheritable: true }, /^body\.inheritable: only a control of a group-level organization/],
        [{ name: 'X', category: 'people', costOneOff: -5 }, /^body\.costOneOff: must not be negative/],
        [{ name: 'X', category: 'people', reviewCadenceMonths: 0 }, /^body\.reviewCadenceMonths: /],
      ];
      for (const [body, message] of cases) {
        const response = await request(t.app, 'POST', url(), { headers: manager.mutationHeaders, body });
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body.error.message).toMatch(message);
      }
      await create({ name: 'Unique code', category: 'people', code: 'HR-1' });
      const duplicate = await request(t.app, 'POST', url(), { headers: manager.mutationHeaders, body: { name: 'Other', category: 'people', code: 'HR-1' } });
      expect(duplicate.status).toBe(400);
      expect(duplicate.body.error.message).toMatch(/^body\.code: is already used/);
    });

    it('refuses a role without control.write', async () => {
      const response = await request(t.app, 'POST', url(), { headers: auditor.mutationHeaders, body: { name: 'X', category: 'people' } });
      expect(response.status).toBe(403);
    });
  });

  describe('PATCH /api/v1/orgs/:orgId/controls/:controlId', () => {
    it('changes a control and refuses a stale version with 409', async () => {
      const control = await create({ name: 'Backup of ePHI', category: 'technological' });
      const first = await request(t.app, 'PATCH', url(`/${control.id}`), { headers: manager.mutationHeaders, body: { version: 1, status: 'implemented', implementedOn: today(), effectiveness: 'effective', lastTestedOn: today() } });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body).toMatchObject({ status: 'implemented', effectiveness: 'effective', version: 2 });
      const stale = await request(t.app, 'PATCH', url(`/${control.id}`), { headers: manager.mutationHeaders, body: { version: 1, name: 'Lost update' } });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('conflict');
      const invalid = await request(t.app, 'PATCH', url(`/${control.id}`), { headers: manager.mutationHeaders, body: { version: 2, implementedOn: null } });
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.message).toMatch(/^body\.implementedOn: is required when the status is implemented/);
      const [event] = await events('control.updated', control.id);
      expect(JSON.parse(event!.changes!)).toMatchObject({ status: { from: 'planned', to: 'implemented' } });
    });
  });

  describe('GET /api/v1/orgs/:orgId/controls', () => {
    it('pages, filters and sorts in SQL, with link and evidence counts', async () => {
      for (let i = 0; i < 7; i += 1) await create({ name: `Physical lock ${i}`, category: 'physical', owner: i % 2 ? 'Facilities' : 'Security', code: `PHY-${i}` });
      const page = await request(t.app, 'GET', url('?category=physical&sort=code&direction=desc&pageSize=3&page=2'), { headers: auditor.headers });
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(7);
      expect(page.body.items.map((c: { code: string }) => c.code)).toEqual(['PHY-3', 'PHY-2', 'PHY-1']);
      expect(page.body.items[0].abilities).toEqual({ update: false, delete: false, addEvidence: false });
      const byOwner = await request(t.app, 'GET', url('?owner=facil&q=lock'), { headers: auditor.headers });
      expect(byOwner.body.total).toBe(3);
      const bad = await request(t.app, 'GET', url('?status=finished'), { headers: auditor.headers });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^query\.status: /);
    });
  });

  describe('links', () => {
    it('links requirements of any framework, filters by them, and unlinks', async () => {
      const control = await create({ name: 'Logging and monitoring', category: 'technological' });
      const linked = await request(t.app, 'POST', url(`/${control.id}/requirements`), { headers: manager.mutationHeaders, body: { requirementIds: [ISO_A815, HIPAA_AUDIT, ISO_A815] } });
      expect(linked.status, JSON.stringify(linked.body)).toBe(200);
      expect(linked.body.requirements.map((r: { id: string }) => r.id).sort()).toEqual([HIPAA_AUDIT, ISO_A815].sort());
      expect(linked.body.version).toBe(2);
      const filtered = await request(t.app, 'GET', url(`?requirementId=${encodeURIComponent(HIPAA_AUDIT)}`), { headers: manager.headers });
      expect(filtered.body.items.map((c: { id: string }) => c.id)).toEqual([control.id]);
      expect(filtered.body.items[0].requirementCount).toBe(2);
      const unknown = await request(t.app, 'POST', url(`/${control.id}/requirements`), { headers: manager.mutationHeaders, body: { requirementIds: ['iso27001-2022:A.99.1'] } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(/^body\.requirementIds: unknown requirement: iso27001-2022:A\.99\.1/);
      const unlinked = await request(t.app, 'DELETE', url(`/${control.id}/requirements/${encodeURIComponent(HIPAA_AUDIT)}`), { headers: manager.mutationHeaders });
      expect(unlinked.body.requirements.map((r: { id: string }) => r.id)).toEqual([ISO_A815]);
      const linkedMap = await linkedControlsByRequirement(t.ctx.database.db, orgId, { requirementIds: [ISO_A815] });
      expect(linkedMap.get(ISO_A815)?.map((c) => c.id)).toContain(control.id);
    });

    it('refuses a requirement of another organization\'s imported framework', async () => {
      const other = await buildOrganization(t.ctx);
      await t.ctx.database.db
        .insertInto('frameworks' as never)
        .values({ id: `oscal-${other.id}`, organization_id: other.id, key: 'private', name: 'Private', short_name: 'Private', version: '1', origin: 'oscal', publisher: null, description: null, source: null, catalog_version: '1', source_sha256: null, requirement_count: 1, created_at: new Date().toISOString(), created_by: null } as never)
        .execute();
      await t.ctx.database.db
        .insertInto('requirements' as never)
        .values({ id: `oscal-${other.id}:X-1`, framework_id: `oscal-${other.id}`, parent_id: null, ref: 'X-1', kind: 'control', title: 'Private', text: null, guidance: null, obligation: null, theme: null, assessable: 1, depth: 0, sort_order: 0, search_text: 'x-1 private', data: null } as never)
        .execute();
      const control = await create({ name: 'Tries a foreign requirement', category: 'organizational' });
      const response = await request(t.app, 'POST', url(`/${control.id}/requirements`), { headers: manager.mutationHeaders, body: { requirementIds: [`oscal-${other.id}:X-1`] } });
      expect(response.status).toBe(400);
      const options = await request(t.app, 'GET', url('/requirement-options?q=x-1'), { headers: manager.headers });
      expect(options.body.items).toEqual([]);
      const mine = await request(t.app, 'GET', url('/requirement-options?q=a.5.1'), { headers: manager.headers });
      expect(mine.body.items.map((r: { id: string }) => r.id)).toContain(ISO_A51);
    });

    it('links only assets of the same organization', async () => {
      const control = await create({ name: 'Medical device segmentation', category: 'technological' });
      const asset = await request(t.app, 'POST', `/api/v1/orgs/${orgId}/assets`, { headers: manager.mutationHeaders, body: { name: 'PACS', type: 'application' } });
      const other = await buildOrganization(t.ctx);
      const otherAdmin = await buildSession(t.ctx, (await buildMember(t.ctx, other.id, 'admin')).id);
      const foreignAsset = await request(t.app, 'POST', `/api/v1/orgs/${other.id}/assets`, { headers: otherAdmin.mutationHeaders, body: { name: 'Foreign PACS', type: 'application' } });
      const refused = await request(t.app, 'POST', url(`/${control.id}/assets`), { headers: manager.mutationHeaders, body: { assetIds: [foreignAsset.body.id] } });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/^body\.assetIds: /);
      const linked = await request(t.app, 'POST', url(`/${control.id}/assets`), { headers: manager.mutationHeaders, body: { assetIds: [asset.body.id] } });
      expect(linked.body.assets).toEqual([{ id: asset.body.id, name: 'PACS', type: 'application', owner: null }]);
      const unlinked = await request(t.app, 'DELETE', url(`/${control.id}/assets/${asset.body.id}`), { headers: manager.mutationHeaders });
      expect(unlinked.body.assets).toEqual([]);
    });
  });

  describe('isolation', () => {
    it('answers 404 for another organization\'s control, on every verb', async () => {
      const other = await buildOrganization(t.ctx);
      const otherAdmin = await buildSession(t.ctx, (await buildMember(t.ctx, other.id, 'admin')).id);
      const foreign = await create({ name: 'Elsewhere control', category: 'people' }, otherAdmin.mutationHeaders, other.id);
      expect((await request(t.app, 'GET', url(`/${foreign.id}`), { headers: manager.headers })).status).toBe(404);
      expect((await request(t.app, 'PATCH', url(`/${foreign.id}`), { headers: manager.mutationHeaders, body: { version: 1, name: 'Hijack' } })).status).toBe(404);
      expect((await request(t.app, 'DELETE', url(`/${foreign.id}`), { headers: manager.mutationHeaders })).status).toBe(404);
      expect((await request(t.app, 'POST', url(`/${foreign.id}/requirements`), { headers: manager.mutationHeaders, body: { requirementIds: [ISO_A51] } })).status).toBe(404);
      const list = await request(t.app, 'GET', url('?q=elsewhere'), { headers: manager.headers });
      expect(list.body.total).toBe(0);
    });
  });

  describe('DELETE /api/v1/orgs/:orgId/controls/:controlId', () => {
    it('removes the control and keeps its history', async () => {
      const control = await create({ name: 'Temporary control', category: 'people' });
      const removed = await request(t.app, 'DELETE', url(`/${control.id}`), { headers: manager.mutationHeaders });
      expect(removed.body).toEqual({ ok: true });
      expect((await request(t.app, 'GET', url(`/${control.id}`), { headers: manager.headers })).status).toBe(404);
      expect(await events('control.deleted', control.id)).toHaveLength(1);
      expect(await events('control.created', control.id)).toHaveLength(1);
    });
  });

  describe('inheritance', () => {
    it('shows an inheritable group control read-only in its sites and counts it for their requirements', async () => {
      const group = await buildOrganization(t.ctx, { name: 'Northbridge Group', kind: 'group' });
      const site = await buildOrganization(t.ctx, { name: 'Northbridge Clinic', kind: 'clinic', parentId: group.id });
      const groupAdmin = await buildMember(t.ctx, group.id, 'admin');
      const groupSession = await buildSession(t.ctx, groupAdmin.id);
      const siteManager = await buildSession(t.ctx, (await buildMember(t.ctx, site.id, 'isms_manager')).id);
      const shared = await create({ name: 'Group security policy', category: 'organizational', inheritable: true, code: 'GRP-1' }, groupSession.mutationHeaders, group.id);
      const privateOne = await create({ name: 'Group-only control', category: 'organizational', code: 'GRP-2' }, groupSession.mutationHeaders, group.id);
      await request(t.app, 'POST', url(`/${shared.id}/requirements`, group.id), { headers: groupSession.mutationHeaders, body: { requirementIds: [ISO_A51] } });

      const list = await request(t.app, 'GET', url('', site.id), { headers: siteManager.headers });
      expect(list.body.items.map((c: { code: string }) => c.code)).toEqual(['GRP-1']);
      expect(list.body.items[0]).toMatchObject({ inherited: true, organizationName: 'Northbridge Group', requirementCount: 1, abilities: { update: false, delete: false, addEvidence: false } });
      expect((await request(t.app, 'GET', url(`/${privateOne.id}`, site.id), { headers: siteManager.headers })).status).toBe(404);
      const change = await request(t.app, 'PATCH', url(`/${shared.id}`, site.id), { headers: siteManager.mutationHeaders, body: { version: 2, name: 'Site rename' } });
      expect(change.status).toBe(409);
      expect(change.body.error.message).toMatch(/inherited from Northbridge Group/);
      const own = await request(t.app, 'GET', url('?inherited=no', site.id), { headers: siteManager.headers });
      expect(own.body.total).toBe(0);

      const linked = await linkedControlsByRequirement(t.ctx.database.db, site.id, { requirementIds: [ISO_A51] });
      expect(linked.get(ISO_A51)).toEqual([expect.objectContaining({ id: shared.id, inherited: true, organizationId: group.id })]);
    });

    it('shows a site only the links of an inherited control to frameworks the site can open', async () => {
      const group = await buildOrganization(t.ctx, { name: 'Imports Group', kind: 'group' });
      const site = await buildOrganization(t.ctx, { name: 'Imports Clinic', kind: 'clinic', parentId: group.id });
      const groupSession = await buildSession(t.ctx, (await buildMember(t.ctx, group.id, 'admin')).id);
      const siteManager = await buildSession(t.ctx, (await buildMember(t.ctx, site.id, 'isms_manager')).id);
      // The group's own imported (OSCAL) framework: organization-scoped, so invisible to its sites.
      const frameworkId = `group-policy-${group.id.slice(0, 8)}`;
      const requirementId = `${frameworkId}:GP-1`;
      const db = controlDb(t.ctx.database.db);
      await db.insertInto('frameworks').values({ id: frameworkId, organization_id: group.id, key: frameworkId, name: 'Group policy catalogue', short_name: 'Group policy', version: '1', origin: 'oscal', publisher: null, description: null, source: null, catalog_version: '1', source_sha256: null, requirement_count: 1, created_at: new Date().toISOString(), created_by: null }).execute();
      await db.insertInto('requirements').values({ id: requirementId, framework_id: frameworkId, parent_id: null, ref: 'GP-1', kind: 'control', title: 'Group rule', text: null, guidance: null, obligation: null, theme: null, assessable: 1, depth: 0, sort_order: 0, search_text: 'gp-1 group rule', data: null }).execute();
      const shared = await create({ name: 'Group-wide logging', category: 'technological', inheritable: true, code: 'IMP-1' }, groupSession.mutationHeaders, group.id);
      const linking = await request(t.app, 'POST', url(`/${shared.id}/requirements`, group.id), { headers: groupSession.mutationHeaders, body: { requirementIds: [ISO_A815, requirementId] } });
      expect(linking.status, JSON.stringify(linking.body)).toBe(200);

      const inGroup = await request(t.app, 'GET', url(`/${shared.id}`, group.id), { headers: groupSession.headers });
      expect(inGroup.body.requirements.map((r: { id: string }) => r.id).sort()).toEqual([ISO_A815, requirementId].sort());
      expect(inGroup.body.requirementCount).toBe(2);
      const inSite = await request(t.app, 'GET', url(`/${shared.id}`, site.id), { headers: siteManager.headers });
      expect(inSite.body.requirements.map((r: { id: string }) => r.id)).toEqual([ISO_A815]);
      expect(inSite.body.requirementCount).toBe(1);
      const siteList = await request(t.app, 'GET', url('?q=IMP-1', site.id), { headers: siteManager.headers });
      expect(siteList.body.items[0]).toMatchObject({ id: shared.id, requirementCount: 1 });
    });
  });

  describe('POST /api/v1/orgs/:orgId/controls/adopt-starter', () => {
    it('adopts the starter library in one transaction and is idempotent', async () => {
      const library = loadStarterLibrary();
      await ensureRequirements(t.ctx, [...new Set(library.controls.flatMap((c) => c.requirements))]);
      const hospital = await buildOrganization(t.ctx, { name: 'Starter Hospital' });
      const admin = await buildSession(t.ctx, (await buildMember(t.ctx, hospital.id, 'admin')).id);
      await create({ name: 'Our own HC-02', category: 'people', code: 'HC-02' }, admin.mutationHeaders, hospital.id);
      const before = await request(t.app, 'GET', url('/starter-library', hospital.id), { headers: admin.headers });
      expect(before.body.adoptedCount).toBe(0);

      const first = await request(t.app, 'POST', url('/adopt-starter', hospital.id), { headers: admin.mutationHeaders });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body).toMatchObject({ created: library.controls.length - 1, alreadyAdopted: 0, codeConflicts: ['HC-02'], missingRequirements: [] });
      expect(first.body.linkedRequirements).toBe(library.controls.filter((c) => c.code !== 'HC-02').reduce((n, c) => n + new Set(c.requirements).size, 0));
      const list = await request(t.app, 'GET', url('?pageSize=200&status=planned', hospital.id), { headers: admin.headers });
      expect(list.body.total).toBe(library.controls.length);
      const hc01 = list.body.items.find((c: { code: string }) => c.code === 'HC-01');
      expect(hc01).toMatchObject({ effectiveness: 'not_assessed', starterKey: 'healthcare:HC-01' });
      expect(hc01.requirementCount).toBeGreaterThan(0);

      const again = await request(t.app, 'POST', url('/adopt-starter', hospital.id), { headers: admin.mutationHeaders });
      expect(again.body).toMatchObject({ created: 0, alreadyAdopted: library.controls.length - 1 });
      expect(again.body.message).toMatch(/No control was added; 63 were already adopted/);
      const adopted = await t.ctx.database.db.selectFrom('audit_events').select('changes').where('type', '=', 'controls.adopted').where('organization_id', '=', hospital.id).execute();
      expect(adopted).toHaveLength(1);
      const created = await t.ctx.database.db.selectFrom('audit_events').select('subject_id').where('type', '=', 'control.created').where('organization_id', '=', hospital.id).where('subject_id', '=', hc01.id).execute();
      expect(created).toHaveLength(1);
    });

    it('adds the missing requirement links of controls adopted earlier, but keeps the organization\'s edits and unlinks', async () => {
      const library = loadStarterLibrary();
      await ensureRequirements(t.ctx, [...new Set(library.controls.flatMap((c) => c.requirements))]);
      const clinic = await buildOrganization(t.ctx, { name: 'Relinked Clinic' });
      const admin = await buildSession(t.ctx, (await buildMember(t.ctx, clinic.id, 'admin')).id);
      const first = await request(t.app, 'POST', url('/adopt-starter', clinic.id), { headers: admin.mutationHeaders });
      expect(first.body).toMatchObject({ created: library.controls.length, linksAdded: 0 });

      const starter = library.controls.find((c) => new Set(c.requirements).size >= 2)!;
      const [lost, removed] = [...new Set(starter.requirements)] as [string, string];
      const list = await request(t.app, 'GET', url(`?q=${starter.code}`, clinic.id), { headers: admin.headers });
      const control = list.body.items.find((c: { code: string }) => c.code === starter.code);
      // A link lost outside the application (or never made: its requirement was not in the catalogue then) …
      await controlDb(t.ctx.database.db).deleteFrom('control_requirements').where('control_id', '=', control.id).where('requirement_id', '=', lost).execute();
      // … and one the organization removed itself, after renaming and implementing the control.
      const renamed = await request(t.app, 'PATCH', url(`/${control.id}`, clinic.id), { headers: admin.mutationHeaders, body: { version: control.version, name: 'Our own wording', status: 'implemented', implementedOn: today() } });
      expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
      expect((await request(t.app, 'DELETE', url(`/${control.id}/requirements/${encodeURIComponent(removed)}`, clinic.id), { headers: admin.mutationHeaders })).status).toBe(200);
      const before = await request(t.app, 'GET', url(`/${control.id}`, clinic.id), { headers: admin.headers });

      const again = await request(t.app, 'POST', url('/adopt-starter', clinic.id), { headers: admin.mutationHeaders });
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(again.body).toMatchObject({ created: 0, alreadyAdopted: library.controls.length, linkedRequirements: 0, linksAdded: 1 });
      expect(again.body.message).toMatch(/1 missing requirement link\(s\) added to 1 of them/);
      const after = await request(t.app, 'GET', url(`/${control.id}`, clinic.id), { headers: admin.headers });
      const refs = after.body.requirements.map((r: { id: string }) => r.id);
      expect(refs).toContain(lost);
      expect(refs).not.toContain(removed);
      expect(after.body).toMatchObject({ name: 'Our own wording', status: 'implemented', requirementCount: before.body.requirementCount + 1, version: before.body.version + 1 });

      const adopted = await t.ctx.database.db.selectFrom('audit_events').select('changes').where('type', '=', 'controls.adopted').where('organization_id', '=', clinic.id).orderBy('seq').execute();
      expect(adopted).toHaveLength(2);
      expect(JSON.parse(adopted[1]!.changes!)).toMatchObject({ created: [], linksAdded: 1, completed: [starter.code] });
      const updated = await t.ctx.database.db.selectFrom('audit_events').select('changes').where('type', '=', 'control.updated').where('subject_id', '=', control.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
      expect(JSON.parse(updated.changes!)).toEqual({ requirementsLinked: [lost] });

      const third = await request(t.app, 'POST', url('/adopt-starter', clinic.id), { headers: admin.mutationHeaders });
      expect(third.body).toMatchObject({ created: 0, linksAdded: 0 });
    });
  });
});
