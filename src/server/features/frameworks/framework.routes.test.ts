import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ACTOR, buildMember, buildOrganization, buildSession, type Credentials } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { importOscalCatalog } from './oscal-import.service.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const SHARED_OSCAL = '/work/shared/oscal/nist-800-53-rev5-5.1.1';

function privacyCatalog(): Buffer {
  return zlib.gunzipSync(fs.readFileSync(path.join(FIXTURES, 'NIST_SP-800-53_rev5_PRIVACY-baseline-resolved-profile_catalog.json.gz')));
}

/** A small valid OSCAL catalog: one group with a control, its enhancement and a withdrawn control. */
function tinyCatalog(version = '1.0') {
  return {
    catalog: {
      uuid: '5b1a7f7e-2f0c-4c4e-9a51-3d4a0f7a1c11',
      metadata: { title: 'Hospital Device Security Baseline', 'last-modified': '2026-11-01T00:00:00Z', version, 'oscal-version': '1.1.2' },
      groups: [
        {
          id: 'dev',
          class: 'family',
          title: 'Medical devices',
          controls: [
            {
              id: 'dev-1',
              class: 'baseline',
              title: 'Device inventory',
              params: [{ id: 'dev-1_prm_1', label: 'frequency' }],
              props: [{ name: 'label', value: 'DEV-1' }],
              parts: [{ id: 'dev-1_smt', name: 'statement', prose: 'Keep an inventory of networked medical devices and review it {{ insert: param, dev-1_prm_1 }}.' }],
              controls: [{ id: 'dev-1.1', class: 'baseline', title: 'Automated discovery', props: [{ name: 'label', value: 'DEV-1(1)' }], parts: [{ id: 'dev-1.1_smt', name: 'statement', prose: 'Discover devices automatically.' }] }],
            },
            { id: 'dev-2', class: 'baseline', title: 'Old control', props: [{ name: 'label', value: 'DEV-2' }, { name: 'status', value: 'withdrawn' }] },
          ],
        },
      ],
    },
  };
}

describe('frameworks API', () => {
  let t: TestApp;
  let orgId: string;
  let otherOrgId: string;
  let manager: Credentials;
  let riskOwner: Credentials;
  let otherManager: Credentials;
  const url = (org: string, p: string) => `/api/v1/orgs/${org}${p}`;
  const upload = (who: Credentials, org: string, body: Buffer | string, query = '', contentType = 'application/json') =>
    t.app.inject({ method: 'POST', url: url(org, `/frameworks/import-oscal${query}`), headers: { ...who.mutationHeaders, 'content-type': contentType }, payload: body });

  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await buildOrganization(t.ctx, { name: 'Framework Test Hospital' })).id;
    otherOrgId = (await buildOrganization(t.ctx, { name: 'Other Hospital' })).id;
    manager = await buildSession(t.ctx, (await buildMember(t.ctx, orgId, 'isms_manager')).id);
    riskOwner = await buildSession(t.ctx, (await buildMember(t.ctx, orgId, 'risk_owner')).id);
    otherManager = await buildSession(t.ctx, (await buildMember(t.ctx, otherOrgId, 'isms_manager')).id);
  });
  afterAll(() => t.close());

  describe('GET /api/v1/orgs/:orgId/frameworks', () => {
    it('lists the built-in catalogue with counts and read-only abilities', async () => {
      const response = await request(t.app, 'GET', url(orgId, '/frameworks'), { headers: riskOwner.headers });
      expect(response.status).toBe(200);
      const byId = Object.fromEntries(response.body.items.map((f: { id: string }) => [f.id, f]));
      expect(Object.keys(byId).sort()).toEqual(['gdpr', 'hipaa-breach-notification', 'hipaa-security-rule', 'iso27001-2022', 'nist-sp800-53-r5']);
      expect(byId['iso27001-2022']).toMatchObject({ origin: 'builtin', organizationId: null, assessableCount: 93 + 30, abilities: { delete: false } });
      expect(byId['hipaa-security-rule'].assessableCount).toBe(46 + 7);
      expect(byId['hipaa-security-rule'].linkCount).toBeGreaterThan(1000);
    });
  });

  describe('GET /api/v1/orgs/:orgId/frameworks/:frameworkId/requirements', () => {
    it('returns the tree level by level, in order, with child counts', async () => {
      const roots = await request(t.app, 'GET', url(orgId, '/frameworks/iso27001-2022/requirements?parentId=root'), { headers: riskOwner.headers });
      expect(roots.status).toBe(200);
      expect(roots.body.items.map((r: { ref: string }) => r.ref)).toEqual(['4', '5', '6', '7', '8', '9', '10', 'A.5', 'A.6', 'A.7', 'A.8']);
      expect(roots.body.items.find((r: { ref: string }) => r.ref === 'A.6').childCount).toBe(8);
      const people = await request(t.app, 'GET', url(orgId, `/frameworks/iso27001-2022/requirements?parentId=${encodeURIComponent('iso27001-2022:A.6')}`), { headers: riskOwner.headers });
      expect(people.body.items.map((r: { ref: string }) => r.ref)).toEqual(['A.6.1', 'A.6.2', 'A.6.3', 'A.6.4', 'A.6.5', 'A.6.6', 'A.6.7', 'A.6.8']);
      expect(roots.body.themes).toEqual(['organizational', 'people', 'physical', 'technological']);
    });

    it('searches ref and title, filters by kind and pages 800-53 in SQL', async () => {
      const search = await request(t.app, 'GET', url(orgId, '/frameworks/hipaa-security-rule/requirements?q=encryption'), { headers: riskOwner.headers });
      expect(search.body.items.map((r: { ref: string; obligation: string }) => [r.ref, r.obligation])).toEqual([
        ['164.312(a)(2)(iv)', 'addressable'],
        ['164.312(e)(2)(ii)', 'addressable'],
      ]);
      const byRef = await request(t.app, 'GET', url(orgId, '/frameworks/nist-sp800-53-r5/requirements?q=ac-2(1&kind=enhancement'), { headers: riskOwner.headers });
      expect(byRef.body.items.map((r: { ref: string }) => r.ref)).toEqual(expect.arrayContaining(['AC-2(1)', 'AC-2(11)', 'AC-2(12)', 'AC-2(13)']));
      const page = await request(t.app, 'GET', url(orgId, '/frameworks/nist-sp800-53-r5/requirements?kind=control&pageSize=50&page=2'), { headers: riskOwner.headers });
      expect(page.body.items).toHaveLength(50);
      expect(page.body.total).toBeGreaterThan(250);
      const themed = await request(t.app, 'GET', url(orgId, '/frameworks/iso27001-2022/requirements?theme=physical&kind=control'), { headers: riskOwner.headers });
      expect(themed.body.total).toBe(14);
    });

    it('names the field of an invalid filter', async () => {
      const bad = await request(t.app, 'GET', url(orgId, '/frameworks/iso27001-2022/requirements?kind=chapter'), { headers: riskOwner.headers });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^query\.kind: /);
    });
  });

  describe('GET /api/v1/orgs/:orgId/requirements/:requirementId', () => {
    it('shows a HIPAA specification with its path, text and crosswalk labelled official, derived or editorial', async () => {
      const response = await request(t.app, 'GET', url(orgId, `/requirements/${encodeURIComponent('hipaa-security-rule:164.308(a)(1)(ii)(A)')}`), { headers: riskOwner.headers });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ ref: '164.308(a)(1)(ii)(A)', kind: 'implementation_specification', obligation: 'required', title: 'Risk analysis', framework: { id: 'hipaa-security-rule' } });
      expect(response.body.text).toMatch(/^Conduct an accurate and thorough assessment/);
      expect(response.body.path.map((p: { ref: string }) => p.ref)).toEqual(['164.308', '164.308(a)(1)']);
      const ra3 = response.body.links.find((l: { requirement: { id: string } }) => l.requirement.id === 'nist-sp800-53-r5:RA-3');
      expect(ra3).toMatchObject({ direction: 'outgoing', source: 'nist_sp800_66r2', official: true, requirement: { frameworkShortName: 'NIST 800-53' } });
      // Only NIST SP 800-66r2 (HIPAA → 800-53) is an official NIST mapping; HIPAA → ISO through 800-53 and
      // NIST OLIR is derived by Custos, and the editorial links are ours.
      const officialBySource = new Map<string, Set<boolean>>();
      for (const l of response.body.links as { source: string; official: boolean }[]) officialBySource.set(l.source, (officialBySource.get(l.source) ?? new Set()).add(l.official));
      expect(Object.fromEntries([...officialBySource].map(([source, flags]) => [source, [...flags]]))).toEqual({ nist_sp800_66r2: [true], nist_olir: [false], custos: [false] });
      const olir = response.body.links.find((l: { source: string }) => l.source === 'nist_olir');
      expect(olir).toMatchObject({ direction: 'outgoing', official: false, requirement: { frameworkId: 'iso27001-2022' } });
    });

    it('shows incoming links and children on an Annex A control', async () => {
      const response = await request(t.app, 'GET', url(orgId, `/requirements/${encodeURIComponent('iso27001-2022:A.5.26')}`), { headers: riskOwner.headers });
      expect(response.body.guidance).toBeTruthy();
      const incoming = response.body.links.filter((l: { direction: string }) => l.direction === 'incoming').map((l: { requirement: { id: string } }) => l.requirement.id);
      expect(incoming).toEqual(expect.arrayContaining(['hipaa-breach-notification:164.404', 'gdpr:Art. 34']));
      const family = await request(t.app, 'GET', url(orgId, `/requirements/${encodeURIComponent('nist-sp800-53-r5:AC-2')}`), { headers: riskOwner.headers });
      expect(family.body.children.length).toBeGreaterThan(10);
      expect(family.body.data.params[0]).toMatchObject({ id: 'ac-2_prm_1' });
    });

    it('takes a built-in key or an imported framework\'s UUID as a framework id, and refuses anything else with 400', async () => {
      const builtin = await request(t.app, 'GET', url(orgId, '/frameworks/iso27001-2022'), { headers: riskOwner.headers });
      expect(builtin.status).toBe(200);
      const unknownUuid = await request(t.app, 'GET', url(orgId, '/frameworks/0193a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b'), { headers: riskOwner.headers });
      expect(unknownUuid.status).toBe(404);
      for (const bad of ['ISO27001', 'iso.27001', 'iso:27001']) {
        const response = await request(t.app, 'GET', url(orgId, `/frameworks/${encodeURIComponent(bad)}`), { headers: riskOwner.headers });
        expect(response.status, bad).toBe(400);
        expect(response.body.error.message).toMatch(/^params\.frameworkId: must be a framework id/);
      }
    });

    it('answers 404 for an unknown requirement', async () => {
      const response = await request(t.app, 'GET', url(orgId, `/requirements/${encodeURIComponent('iso27001-2022:A.9.9')}`), { headers: riskOwner.headers });
      expect(response.status).toBe(404);
    });
  });

  describe('GET /api/v1/orgs/:orgId/frameworks/:frameworkId/crosswalk', () => {
    it('downloads the crosswalk as CSV with the source and official flag of every link', async () => {
      const response = await t.app.inject({ method: 'GET', url: url(orgId, '/frameworks/hipaa-security-rule/crosswalk'), headers: riskOwner.headers });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.headers['content-disposition']).toBe('attachment; filename="crosswalk-hipaa-security-rule.csv"');
      const lines = response.body.trim().split('\n');
      expect(lines[0]).toBe('from_framework,from_ref,from_title,to_framework,to_ref,to_title,source,official,strength,note');
      expect(lines).toContain('HIPAA Security,164.308(a)(1)(ii)(A),Risk analysis,NIST 800-53,RA-3,Risk Assessment,nist_sp800_66r2,yes,strong,NIST SP 800-66r2 mapping of the HIPAA row (and its key activity) to SP 800-53r5');
      expect(lines.some((l) => l.startsWith('GDPR,Art. 32,') && l.includes(',custos,no,'))).toBe(true);
      expect(lines.length).toBeGreaterThan(1400);
      // The official column per source: yes only for the SP 800-66r2 links, never for the derived OLIR ones.
      const officialBySource = new Map<string, Set<string>>();
      for (const line of lines.slice(1)) {
        const match = /,(nist_sp800_66r2|nist_olir|custos),(yes|no),(?:strong|moderate|weak),/.exec(line);
        expect(match, line).not.toBeNull();
        officialBySource.set(match![1]!, (officialBySource.get(match![1]!) ?? new Set()).add(match![2]!));
      }
      expect(Object.fromEntries([...officialBySource].map(([source, flags]) => [source, [...flags]]))).toEqual({ nist_sp800_66r2: ['yes'], nist_olir: ['no'], custos: ['no'] });
    });
  });

  describe('POST /api/v1/orgs/:orgId/frameworks/import-oscal', () => {
    let privacyId: string;

    it('imports the NIST PRIVACY baseline catalog as the organization\'s framework, with an audit event', async () => {
      const response = await upload(manager, orgId, privacyCatalog(), '?filename=privacy.json');
      expect(response.statusCode, response.body).toBe(201);
      const body = JSON.parse(response.body);
      expect(body.framework).toMatchObject({ origin: 'oscal', organizationId: orgId, key: 'nist-special-publication-800-53-revision-5-1-1-privacy-baseline', version: '5.1.1+u4', abilities: { delete: true } });
      expect(body.requirements).toBeGreaterThan(90);
      privacyId = body.framework.id;
      const pt2 = await request(t.app, 'GET', url(orgId, `/frameworks/${privacyId}/requirements?q=pt-2`), { headers: riskOwner.headers });
      expect(pt2.body.items[0]).toMatchObject({ ref: 'PT-2', kind: 'control', parentId: `${privacyId}:PT` });
      const events = await t.ctx.database.db.selectFrom('audit_events' as never).selectAll().where('type' as never, '=', 'framework.imported' as never).execute();
      expect(events).toHaveLength(1);
    });

    it('refuses the same key and version again with 409', async () => {
      const response = await upload(manager, orgId, privacyCatalog());
      expect(response.statusCode).toBe(409);
      expect(JSON.parse(response.body).error.message).toMatch(/^key: .*already imported/);
    });

    it('imports a catalog with a nested enhancement, resolved parameters and a withdrawn control skipped', async () => {
      const response = await upload(manager, orgId, JSON.stringify(tinyCatalog()), '?key=device-baseline');
      expect(response.statusCode, response.body).toBe(201);
      const body = JSON.parse(response.body);
      expect(body).toMatchObject({ requirements: 3, withdrawnSkipped: 1 });
      const detail = await request(t.app, 'GET', url(orgId, `/requirements/${encodeURIComponent(`${body.framework.id}:DEV-1`)}`), { headers: riskOwner.headers });
      expect(detail.body.text).toBe('Keep an inventory of networked medical devices and review it [Assignment: frequency].');
      expect(detail.body.children.map((c: { ref: string; kind: string }) => [c.ref, c.kind])).toEqual([['DEV-1(1)', 'enhancement']]);
    });

    it('refuses a corrupted catalog with the schema and instance paths, writing nothing', async () => {
      const corrupted = JSON.parse(privacyCatalog().toString('utf8'));
      delete corrupted.catalog.metadata.title;
      const before = await t.ctx.database.db.selectFrom('frameworks' as never).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const response = await upload(manager, orgId, JSON.stringify(corrupted), '?key=corrupted');
      expect(response.statusCode).toBe(400);
      const error = JSON.parse(response.body).error;
      expect(error.message).toMatch(/^file: is not a valid OSCAL catalog: at \/catalog\/metadata must have required property 'title' \(schema path #\//);
      expect(error.issues[0].path).toBe('file/catalog/metadata');
      const wrongType = tinyCatalog();
      wrongType.catalog.groups[0]!.controls[0]!.id = 'not an id!';
      const second = await upload(manager, orgId, JSON.stringify(wrongType), '?key=wrong-type');
      expect(second.statusCode).toBe(400);
      expect(JSON.parse(second.body).error.message).toMatch(/at \/catalog\/groups\/0\/controls\/0\/id must match pattern/);
      const after = await t.ctx.database.db.selectFrom('frameworks' as never).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('refuses a file that is not JSON, an empty body and a bad key with 400', async () => {
      const notJson = await upload(manager, orgId, '{"catalog": ');
      expect(notJson.statusCode).toBe(400);
      expect(JSON.parse(notJson.body).error.message).toMatch(/^file: is not valid JSON/);
      const empty = await upload(manager, orgId, '');
      expect(empty.statusCode).toBe(400);
      const badKey = await upload(manager, orgId, JSON.stringify(tinyCatalog()), '?key=Not%20A%20Slug');
      expect(badKey.statusCode).toBe(400);
      expect(JSON.parse(badKey.body).error.message).toMatch(/^query\.key: /);
    });

    it('refuses a reader without framework.import', async () => {
      const response = await upload(riskOwner, orgId, JSON.stringify(tinyCatalog('2.0')));
      expect(response.statusCode).toBe(403);
    });

    it('hides an organization\'s imported framework from another organization', async () => {
      const list = await request(t.app, 'GET', url(otherOrgId, '/frameworks'), { headers: otherManager.headers });
      expect(list.body.items.map((f: { id: string }) => f.id)).not.toContain(privacyId);
      expect((await request(t.app, 'GET', url(otherOrgId, `/frameworks/${privacyId}`), { headers: otherManager.headers })).status).toBe(404);
      expect((await request(t.app, 'GET', url(otherOrgId, `/frameworks/${privacyId}/requirements`), { headers: otherManager.headers })).status).toBe(404);
      expect((await request(t.app, 'GET', url(otherOrgId, `/requirements/${encodeURIComponent(`${privacyId}:PT-2`)}`), { headers: otherManager.headers })).status).toBe(404);
      expect((await request(t.app, 'DELETE', url(otherOrgId, `/frameworks/${privacyId}`), { headers: otherManager.mutationHeaders })).status).toBe(404);
      // The same file may be imported by the other organization: keys are per organization.
      expect((await upload(otherManager, otherOrgId, privacyCatalog())).statusCode).toBe(201);
    });

    it('refuses to delete a built-in framework or one a control links to, and deletes it once unlinked', async () => {
      const builtin = await request(t.app, 'DELETE', url(orgId, '/frameworks/iso27001-2022'), { headers: manager.mutationHeaders });
      expect(builtin.status).toBe(400);
      const db = t.ctx.database.db;
      await db.insertInto('controls' as never).values({ id: 'fw-ctl-1', organization_id: orgId, code: 'PR-1', name: 'Privacy notice', name_lower: 'privacy notice', category: 'organizational', status: 'planned', effectiveness: 'not_assessed', inheritable: 0, version: 1, created_at: 'x', updated_at: 'x' } as never).execute();
      await db.insertInto('control_requirements' as never).values({ control_id: 'fw-ctl-1', requirement_id: `${privacyId}:PT-2`, organization_id: orgId } as never).execute();
      const linked = await request(t.app, 'DELETE', url(orgId, `/frameworks/${privacyId}`), { headers: manager.mutationHeaders });
      expect(linked.status).toBe(409);
      expect(linked.body.error.message).toMatch(/^framework: 1 control link/);
      await db.deleteFrom('control_requirements' as never).where('control_id' as never, '=', 'fw-ctl-1' as never).execute();
      const deleted = await request(t.app, 'DELETE', url(orgId, `/frameworks/${privacyId}`), { headers: manager.mutationHeaders });
      expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
      expect(deleted.body.deletedRequirements).toBeGreaterThan(90);
      expect((await request(t.app, 'GET', url(orgId, `/frameworks/${privacyId}`), { headers: manager.headers })).status).toBe(404);
      const events = await db.selectFrom('audit_events' as never).selectAll().where('type' as never, '=', 'framework.deleted' as never).execute();
      expect(events).toHaveLength(1);
    });

    it('refuses to delete, from one organization, a catalog the CLI imported for every organization', async () => {
      const shared = await importOscalCatalog(t.ctx, null, TEST_ACTOR, { bytes: Buffer.from(JSON.stringify(tinyCatalog('9.0'))), organizationId: null, key: 'shared-device-baseline', filename: 'shared.json' });
      expect(shared.framework).toMatchObject({ organizationId: null, origin: 'oscal' });
      const listed = await request(t.app, 'GET', url(orgId, '/frameworks'), { headers: manager.headers });
      expect(listed.body.items.find((f: { id: string }) => f.id === shared.framework.id)).toMatchObject({ abilities: { delete: false } });
      const refused = await request(t.app, 'DELETE', url(orgId, `/frameworks/${shared.framework.id}`), { headers: manager.mutationHeaders });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toBe('framework: it was imported for every organization from the command line (custos frameworks import-oscal without --org) and cannot be removed from one organization');
      const builtin = await request(t.app, 'DELETE', url(orgId, '/frameworks/iso27001-2022'), { headers: manager.mutationHeaders });
      expect(builtin.body.error.message).toBe('framework: a built-in framework is part of the catalogue and cannot be removed');
    });

    it('imports the MODERATE and HIGH baseline catalogs from ../shared/oscal', async (context) => {
      if (!fs.existsSync(SHARED_OSCAL)) {
        context.skip('the NIST OSCAL files at /work/shared/oscal are not on this machine');
        return;
      }
      for (const [file, minimum] of [['NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog.json', 280], ['NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog-min.json', 380]] as const) {
        const response = await upload(manager, orgId, fs.readFileSync(path.join(SHARED_OSCAL, file)));
        expect(response.statusCode, response.body.slice(0, 300)).toBe(201);
        expect(JSON.parse(response.body).requirements).toBeGreaterThan(minimum);
      }
    }, 60_000);
  });
});
