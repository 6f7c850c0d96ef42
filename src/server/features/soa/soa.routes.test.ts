import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildOrganization, buildSession, type Credentials } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { buildControl, buildEvidence, countEvents, ensureAnnexA, setControlStatus } from './soa-test-support.js';
import { DEFAULT_ENTRY } from './soa-rows.js';
import { mergeEntry } from './soa.service.js';

describe('Statement of Applicability API', () => {
  let t: TestApp;
  let groupId: string;
  let siteId: string;
  let manager: Credentials;
  let auditor: Credentials;
  const groupName = 'Northwind Health Group';
  const url = (path = '', org = siteId) => `/api/v1/orgs/${org}/soa${path}`;
  const row = async (ref: string, creds = manager, org = siteId) => {
    const response = await request(t.app, 'GET', url(`/entries/${ref}`, org), { headers: creds.headers });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };
  const patch = (ref: string, body: Record<string, unknown>, creds = manager, org = siteId) => request(t.app, 'PATCH', url(`/entries/${ref}`, org), { headers: creds.mutationHeaders, body });

  beforeAll(async () => {
    t = await createTestApp();
    await ensureAnnexA(t.ctx);
    groupId = (await buildOrganization(t.ctx, { name: groupName, kind: 'group' })).id;
    siteId = (await buildOrganization(t.ctx, { name: 'Northwind General Hospital', kind: 'hospital', parentId: groupId })).id;
    manager = await buildSession(t.ctx, (await buildMember(t.ctx, siteId, 'isms_manager')).id);
    auditor = await buildSession(t.ctx, (await buildMember(t.ctx, siteId, 'auditor')).id);
  });
  afterAll(() => t.close());

  it('lists the 93 Annex A controls in catalogue order, applicable by default and with no control', async () => {
    const list = await request(t.app, 'GET', url(), { headers: manager.headers });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(93);
    expect(list.body.items[0]).toMatchObject({ ref: 'A.5.1', applicable: true, inclusionReasons: [], derivedStatus: 'none', effectiveStatus: 'none', isJustified: false, controls: [], risks: [] });
    expect(list.body.items.map((r: { ref: string }) => r.ref).slice(36, 38)).toEqual(['A.5.37', 'A.6.1']);
    expect(list.body.items[92].ref).toBe('A.8.34');
    expect(list.body).toMatchObject({ risksAvailable: true, lastPublished: null, hasUnpublishedChanges: true, abilities: { write: true, approve: false } });
  });

  it('derives each row\'s status from its linked controls, own and inherited from the group', async () => {
    await buildControl(t.ctx, { organizationId: siteId, code: 'HC-01', status: 'planned', refs: ['A.5.1'] });
    await buildControl(t.ctx, { organizationId: siteId, code: 'HC-02', status: 'implemented', refs: ['A.5.2', 'A.5.3'] });
    const inProgress = await buildControl(t.ctx, { organizationId: siteId, code: 'HC-03', status: 'in_progress', refs: ['A.5.2'] });
    await buildControl(t.ctx, { organizationId: siteId, code: 'HC-04', status: 'not_applicable', refs: ['A.5.4'] });
    const inherited = await buildControl(t.ctx, { organizationId: groupId, code: 'GRP-01', name: 'Group access policy', status: 'implemented', inheritable: true, refs: ['A.5.15'] });
    await buildControl(t.ctx, { organizationId: groupId, code: 'GRP-02', status: 'planned', inheritable: false, refs: ['A.5.15'] });
    await buildEvidence(t.ctx, { organizationId: groupId, controlId: inherited });
    await buildEvidence(t.ctx, { organizationId: groupId, controlId: inherited, expiresOn: '2020-01-01' });

    expect((await row('A.5.1')).derivedStatus).toBe('planned');
    expect((await row('A.5.2')).derivedStatus).toBe('partial');
    expect((await row('A.5.3')).derivedStatus).toBe('implemented');
    // Every linked control not applicable: the row stays applicable and shows "No control" (6.1.3 d: out of scope only by exclusion).
    expect(await row('A.5.4')).toMatchObject({ applicable: true, derivedStatus: 'not_applicable', effectiveStatus: 'none' });
    expect((await row('A.5.5')).derivedStatus).toBe('none');
    const a515 = await row('A.5.15');
    expect(a515).toMatchObject({ derivedStatus: 'implemented', effectiveStatus: 'implemented', evidence: { current: 1, expired: 1 } });
    // The group's non-inheritable control does not reach the site.
    expect(a515.controls).toEqual([expect.objectContaining({ code: 'GRP-01', inherited: true, organizationId: groupId, organizationName: groupName, status: 'implemented' })]);

    await setControlStatus(t.ctx, inProgress, 'implemented');
    expect((await row('A.5.2')).derivedStatus).toBe('implemented');
  });

  it('requires an exclusion justification when a control is not applicable, and clears the inclusion fields', async () => {
    await patch('A.7.5', { inclusionReasons: ['risk_treatment'], inclusionJustification: 'Flood risk in the basement' });
    const refused = await patch('A.7.5', { applicable: false });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe('body.exclusionJustification: is required when the control is not applicable');
    const blank = await patch('A.7.5', { applicable: false, exclusionJustification: '   ' });
    expect(blank.body.error.message).toMatch(/^body\.exclusionJustification: /);
    const excluded = await patch('A.7.5', { applicable: false, exclusionJustification: 'No premises of our own: hosted by the group' });
    expect(excluded.status).toBe(200);
    expect(excluded.body).toMatchObject({ applicable: false, inclusionReasons: [], inclusionJustification: null, effectiveStatus: 'not_applicable', isJustified: true });
    const back = await patch('A.7.5', { applicable: true, inclusionReasons: ['legal_regulatory'] });
    expect(back.body).toMatchObject({ applicable: true, exclusionJustification: null, inclusionReasons: ['legal_regulatory'], effectiveStatus: 'none' });
    const unknownReason = await patch('A.7.5', { inclusionReasons: ['gut_feeling'] });
    expect(unknownReason.body.error.message).toMatch(/^body\.inclusionReasons\.0: /);
  });

  it('accepts a status override only together with its reason', async () => {
    const noReason = await patch('A.5.1', { statusOverride: 'implemented' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toBe('body.overrideReason: is required to override the derived status');
    const noStatus = await patch('A.5.1', { overrideReason: 'Done outside Custos' });
    expect(noStatus.body.error.message).toMatch(/^body\.statusOverride: is required/);
    const ok = await patch('A.5.1', { statusOverride: 'implemented', overrideReason: 'Policy approved by the board on 2026-10-01; control record pending' });
    expect(ok.body).toMatchObject({ derivedStatus: 'planned', statusOverride: 'implemented', effectiveStatus: 'implemented' });
    // "Not applicable" is no override: the API names the field and says what to do instead.
    const notApplicable = await patch('A.5.1', { statusOverride: 'not_applicable', overrideReason: 'We do not do this' });
    expect(notApplicable.status).toBe(400);
    expect(notApplicable.body.error.message).toBe('body.statusOverride: must not be not_applicable: mark the control not applicable with an exclusion justification instead');
    expect(() => mergeEntry({ ...DEFAULT_ENTRY }, { statusOverride: 'not_applicable' as never, overrideReason: 'direct call' })).toThrow(/^body\.statusOverride: must not be not_applicable/);
    expect(await row('A.5.1')).toMatchObject({ statusOverride: 'implemented', effectiveStatus: 'implemented' });
    const cleared = await patch('A.5.1', { statusOverride: null, overrideReason: null });
    expect(cleared.body).toMatchObject({ statusOverride: null, overrideReason: null, effectiveStatus: 'planned' });
    expect(await countEvents(t.ctx, siteId, 'soa.entry_updated')).toBeGreaterThanOrEqual(5);
  });

  it('filters by theme, applicability, status, justification and text', async () => {
    const get = async (query: string) => (await request(t.app, 'GET', url(`?${query}`), { headers: manager.headers })).body;
    expect((await get('theme=people')).total).toBe(8);
    await patch('A.7.6', { applicable: false, exclusionJustification: 'No secure areas' });
    expect((await get('applicable=no')).items.map((r: { ref: string }) => r.ref)).toEqual(['A.7.6']);
    expect((await get('status=partial')).total).toBe(0);
    expect((await get('status=implemented')).items.map((r: { ref: string }) => r.ref)).toEqual(['A.5.2', 'A.5.3', 'A.5.15']);
    const justified = await get('justified=yes');
    expect(justified.items.map((r: { ref: string }) => r.ref).sort()).toEqual(['A.7.5', 'A.7.6']);
    expect((await get('q=group%20access')).items.map((r: { ref: string }) => r.ref)).toEqual(['A.5.15']);
    expect((await get('status=bogus')).error?.message).toMatch(/^query\.status: /);
  });

  it('marks many controls applicable with a reason in one step', async () => {
    const response = await request(t.app, 'POST', url('/mark-applicable'), { headers: manager.mutationHeaders, body: { refs: ['A.8.1', 'A.8.2', 'A.7.6'], inclusionReasons: ['risk_treatment'], inclusionJustification: 'Risk treatment plan 2026' } });
    expect(response.body).toEqual({ updated: 3 });
    expect(await row('A.7.6')).toMatchObject({ applicable: true, inclusionReasons: ['risk_treatment'], exclusionJustification: null });
    const bad = await request(t.app, 'POST', url('/mark-applicable'), { headers: manager.mutationHeaders, body: { refs: ['A.9.1'], inclusionReasons: ['risk_treatment'] } });
    expect(bad.body.error.message).toMatch(/^body\.refs\.0: /);
  });

  it('group view: each site\'s effective status, inherited group controls included, only sites I may read', async () => {
    const second = await buildOrganization(t.ctx, { name: 'Northwind Community Clinic', kind: 'clinic', parentId: groupId });
    const hidden = await buildOrganization(t.ctx, { name: 'Northwind Hidden Site', kind: 'site', parentId: groupId });
    const lead = await buildMember(t.ctx, groupId, 'top_management');
    const { buildMembership } = await import('../../testing/factories.js');
    await buildMembership(t.ctx, { organizationId: siteId, userId: lead.id, role: 'auditor' });
    await buildMembership(t.ctx, { organizationId: second.id, userId: lead.id, role: 'auditor' });
    await buildMembership(t.ctx, { organizationId: hidden.id, userId: lead.id, role: 'staff' });
    await buildControl(t.ctx, { organizationId: second.id, code: 'CL-01', status: 'in_progress', refs: ['A.5.15', 'A.8.1'] });
    const session = await buildSession(t.ctx, lead.id);
    const matrix = await request(t.app, 'GET', url('/sites', groupId), { headers: session.headers });
    expect(matrix.status).toBe(200);
    expect(matrix.body.requirements).toHaveLength(93);
    expect(matrix.body.sites.map((s: { name: string }) => s.name)).toEqual(['Northwind Community Clinic', 'Northwind General Hospital']);
    const at = (siteName: string, ref: string) => {
      const site = matrix.body.sites.find((s: { name: string }) => s.name === siteName);
      return site.statuses[matrix.body.requirements.findIndex((r: { ref: string }) => r.ref === ref)];
    };
    // A.5.15: the group's inherited implemented control, plus the clinic's own in-progress one → partial there.
    expect(at('Northwind General Hospital', 'A.5.15')).toBe('implemented');
    expect(at('Northwind Community Clinic', 'A.5.15')).toBe('partial');
    expect(at('Northwind Community Clinic', 'A.8.1')).toBe('partial');
    expect(at('Northwind General Hospital', 'A.7.5')).toBe('none');
    expect(at('Northwind General Hospital', 'A.5.4')).toBe('none'); // its only control is not applicable; the row is not excluded
    expect(at('Northwind Community Clinic', 'A.5.1')).toBe('none');
    const hospital = matrix.body.sites.find((s: { name: string }) => s.name === 'Northwind General Hospital');
    expect(hospital.counts.implemented).toBe((await request(t.app, 'GET', url('?status=implemented'), { headers: manager.headers })).body.total);
    // A site (no sites of its own) answers an empty matrix.
    expect((await request(t.app, 'GET', url('/sites'), { headers: manager.headers })).body.sites).toEqual([]);
  });

  it('refuses writes to a read-only role and hides the SoA from staff and other organizations', async () => {
    expect((await patch('A.5.1', { inclusionReasons: ['contractual'] }, auditor)).status).toBe(403);
    const staff = await buildSession(t.ctx, (await buildMember(t.ctx, siteId, 'staff')).id);
    expect((await request(t.app, 'GET', url(), { headers: staff.headers })).status).toBe(403);
    const other = await buildOrganization(t.ctx, { name: 'Elsewhere Clinic' });
    const outsider = await buildSession(t.ctx, (await buildMember(t.ctx, other.id, 'admin')).id);
    expect((await request(t.app, 'GET', url(), { headers: outsider.headers })).status).toBe(404);
    // Their own SoA shows nothing of ours: no entries, no controls.
    const theirs = await request(t.app, 'GET', url('', other.id), { headers: outsider.headers });
    expect(theirs.body.items.find((r: { ref: string }) => r.ref === 'A.7.5')).toMatchObject({ applicable: true, inclusionReasons: [], controls: [] });
    expect(theirs.body.items.every((r: { controls: unknown[] }) => r.controls.length === 0)).toBe(true);
  });

  it('merges edits of one row made at the same moment, first edits included: no 500, no lost field, each audited', async () => {
    const events = await countEvents(t.ctx, siteId, 'soa.entry_updated');
    const first = await Promise.all([patch('A.6.3', { inclusionReasons: ['contractual'] }), patch('A.6.3', { inclusionJustification: 'Awareness programme in every contract' })]);
    expect(first.map((r) => r.status), JSON.stringify(first.map((r) => r.body))).toEqual([200, 200]);
    expect(await row('A.6.3')).toMatchObject({ inclusionReasons: ['contractual'], inclusionJustification: 'Awareness programme in every contract' });
    const next = await Promise.all([patch('A.6.3', { statusOverride: 'planned', overrideReason: 'Programme starts in January' }), patch('A.6.3', { inclusionReasons: ['contractual', 'legal_regulatory'] })]);
    expect(next.map((r) => r.status), JSON.stringify(next.map((r) => r.body))).toEqual([200, 200]);
    expect(await row('A.6.3')).toMatchObject({ inclusionReasons: ['contractual', 'legal_regulatory'], inclusionJustification: 'Awareness programme in every contract', statusOverride: 'planned', effectiveStatus: 'planned' });
    expect(await countEvents(t.ctx, siteId, 'soa.entry_updated')).toBe(events + 4);
  });

  it('lists the open risks whose treatment selected any of the row\'s controls, own or inherited, each once with its level', async () => {
    const own = await buildControl(t.ctx, { organizationId: siteId, code: 'HC-RISK-1', status: 'implemented', refs: ['A.8.7'] });
    const also = await buildControl(t.ctx, { organizationId: siteId, code: 'HC-RISK-2', status: 'planned', refs: ['A.8.7', 'A.8.8'] });
    const shared = await buildControl(t.ctx, { organizationId: groupId, code: 'GRP-RISK', status: 'implemented', inheritable: true, refs: ['A.8.7'] });
    const createRisk = async (body: Record<string, unknown>) => {
      const response = await request(t.app, 'POST', `/api/v1/orgs/${siteId}/risks`, { headers: manager.mutationHeaders, body: { category: 'cyber', ...body } });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body as { id: string; ref: string; version: number };
    };
    const link = async (riskId: string, controlIds: string[]) => {
      const response = await request(t.app, 'POST', `/api/v1/orgs/${siteId}/risks/${riskId}/controls`, { headers: manager.mutationHeaders, body: { controlIds } });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    };
    const ransomware = await createRisk({ title: 'Ransomware on the EHR', current: { likelihood: 4, impacts: { availability: 3 } } });
    const unassessed = await createRisk({ title: 'Malware on imaging modalities' });
    const closed = await createRisk({ title: 'Old risk, closed', status: 'closed', current: { likelihood: 1, impacts: { integrity: 1 } } });
    await link(ransomware.id, [own, also, shared]);
    await link(unassessed.id, [shared]);
    await link(closed.id, [own]);

    const a87 = await row('A.8.7');
    expect(a87.risks).toEqual([
      { id: ransomware.id, ref: ransomware.ref, title: 'Ransomware on the EHR', organizationId: siteId, level: expect.objectContaining({ key: 'high', label: 'High', rank: 3 }) },
      { id: unassessed.id, ref: unassessed.ref, title: 'Malware on imaging modalities', organizationId: siteId, level: null },
    ]);
    expect((await row('A.8.8')).risks.map((r: { id: string }) => r.id)).toEqual([ransomware.id]);
    expect((await row('A.8.9')).risks).toEqual([]);
    // The group's own SoA does not show the site's risks.
    const groupManager = await buildSession(t.ctx, (await buildMember(t.ctx, groupId, 'isms_manager')).id);
    expect((await row('A.8.7', groupManager, groupId)).risks).toEqual([]);
    // The export carries them in the Risks column.
    const xlsx = await t.app.inject({ method: 'GET', url: url('/export?format=xlsx'), headers: manager.headers });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: string[][] = [];
    workbook.worksheets[0]!.eachRow((r) => cells.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    const header = cells.find((r) => r[0] === 'Annex A')!;
    expect(cells.find((r) => r[0] === 'A.8.7')![header.indexOf('Risks')]).toBe(`${ransomware.ref} (High)\n${unassessed.ref}`);
  });
});
