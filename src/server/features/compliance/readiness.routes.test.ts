import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TFrameworkReadiness, TReadiness } from '../../../shared/contracts/compliance.js';
import { buildMember, buildOrganization, buildSession, type Credentials } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { buildControl, buildCrosswalk, buildEvidence, buildImportedFramework, buildSoaEntry, ensureCatalogue } from './compliance.fixtures.js';

const ISO = (ref: string) => `iso27001-2022:${ref}`;
const H = (ref: string) => `hipaa-security-rule:${ref}`;

describe('readiness and comply once', () => {
  let t: TestApp;
  let orgId: string;
  let fw: string;
  let manager: Credentials;
  let c1: string;
  const url = (path: string, org = orgId) => `/api/v1/orgs/${org}${path}`;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are read loosely
  const get = async <T = any>(path: string, who: Credentials = manager, org = orgId) => {
    const response = await request<T>(t.app, 'GET', url(path, org), { headers: who.headers });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };
  const framework = (body: TReadiness, id: string) => body.frameworks.find((f) => f.frameworkId === id)!;

  beforeAll(async () => {
    t = await createTestApp();
    await ensureCatalogue(t.ctx);
    orgId = (await buildOrganization(t.ctx, { name: 'Readiness Hospital' })).id;
    manager = await buildSession(t.ctx, (await buildMember(t.ctx, orgId, 'isms_manager')).id);
    fw = await buildImportedFramework(t.ctx, orgId);
    const R = (ref: string) => `${fw}:${ref}`;
    c1 = await buildControl(t.ctx, orgId, { code: 'C1', status: 'implemented', effectiveness: 'effective', requirements: [R('AA-1'), ISO('A.5.1'), H('164.312(a)(2)(iv)')] });
    await buildControl(t.ctx, orgId, { code: 'C2', status: 'in_progress', requirements: [R('AA-2')] });
    await buildControl(t.ctx, orgId, { code: 'C3', status: 'implemented', effectiveness: 'ineffective', requirements: [R('AA-2(1)')] });
    await buildControl(t.ctx, orgId, { code: 'C4', status: 'not_applicable', requirements: [R('BB-1')] });
    await buildEvidence(t.ctx, orgId, c1, { title: 'Policy approval minutes', expiresOn: '2099-12-31' });
    await buildEvidence(t.ctx, orgId, c1, { title: 'Old pen-test report', expiresOn: '2001-01-01' });
    // SoA: A.5.23 excluded → not applicable; A.5.15 set implemented with a reason.
    await buildSoaEntry(t.ctx, orgId, ISO('A.5.23'), { applicable: false });
    await buildSoaEntry(t.ctx, orgId, ISO('A.5.15'), { applicable: true, statusOverride: 'implemented' });
    // Another organization's control on the same requirement must not count here.
    const other = await buildOrganization(t.ctx, { name: 'Readiness Other' });
    await buildControl(t.ctx, other.id, { code: 'O1', requirements: [ISO('A.5.2')] });
  });
  afterAll(() => t.close());

  it('counts a hand-built framework exactly, overall and per section', async () => {
    const body = await get<TReadiness>(`/readiness?framework=${fw}`);
    expect(body.frameworks).toHaveLength(1);
    const figures = framework(body, fw);
    expect(figures.figures).toEqual({
      counts: { compliant: 1, partially_compliant: 2, non_compliant: 1, not_applicable: 1 },
      total: 5,
      applicable: 4,
      percentages: { compliant: 20, partially_compliant: 40, non_compliant: 20, not_applicable: 20 },
      readinessPercent: 25,
    });
    expect(figures.sections.map((s) => [s.key, s.figures.counts])).toEqual([
      ['AA', { compliant: 1, partially_compliant: 2, non_compliant: 0, not_applicable: 0 }],
      ['BB', { compliant: 0, partially_compliant: 0, non_compliant: 1, not_applicable: 1 }],
    ]);
    expect(figures.sections[0]!.label).toBe('AA Alpha family');
  });

  it('lists every visible framework: the built-in catalogue first, then the organization\'s imports', async () => {
    const body = await get<TReadiness>('/readiness');
    const ids = body.frameworks.map((f) => f.frameworkId);
    expect(ids.slice(0, 2)).toEqual(['iso27001-2022', 'hipaa-security-rule']);
    expect(ids[ids.length - 1]).toBe(fw);
    expect(body.sites).toEqual([]);
  });

  it('treats an SoA exclusion as not applicable and honours an override with a reason (ISO Annex A)', async () => {
    const body = await get<TReadiness>('/readiness?framework=iso27001-2022');
    const iso = framework(body, 'iso27001-2022');
    expect(iso.sections.map((s) => s.key)).toEqual(['4', '5', '6', '7', '8', '9', '10', 'A.5', 'A.6', 'A.7', 'A.8']);
    const a5 = iso.sections.find((s) => s.key === 'A.5')!;
    expect(a5.label).toBe('A.5 Organizational controls');
    expect(a5.figures.counts).toEqual({ compliant: 2, partially_compliant: 0, non_compliant: 34, not_applicable: 1 });
    expect(a5.figures.readinessPercent).toBe(5.6);
    expect(iso.figures.total).toBe(93 + iso.sections.filter((s) => !s.key.startsWith('A.')).reduce((n, s) => n + s.figures.total, 0));
    const excluded = await get(`/readiness/frameworks/iso27001-2022/requirements?section=A.5&status=not_applicable`);
    expect(excluded.requirements.map((r: { ref: string; basis: string }) => [r.ref, r.basis])).toEqual([['A.5.23', 'soa_excluded']]);
  });

  it('never counts a requirement as not applicable because its controls are: only an SoA exclusion scopes one out (ISO 6.1.3 d; HIPAA 164.306(d)(2))', async () => {
    const org = (await buildOrganization(t.ctx, { name: 'Scoping Hospital' })).id;
    const lead = await buildSession(t.ctx, (await buildMember(t.ctx, org, 'isms_manager')).id);
    const riskAnalysis = ['164.308(a)(1)(ii)(A)', '164.308(a)(1)(ii)(B)', '164.308(a)(1)(ii)(C)', '164.308(a)(1)(ii)(D)'];
    await buildControl(t.ctx, org, { code: 'NA-1', status: 'not_applicable', requirements: [ISO('A.5.30'), ...riskAnalysis.map(H), H('164.308(a)(2)')] });
    await buildControl(t.ctx, org, { code: 'NA-2', status: 'not_applicable', requirements: [ISO('A.5.31')] });
    const soa = (ref: string, body?: Record<string, unknown>) =>
      request(t.app, body ? 'PATCH' : 'GET', url(`/soa/entries/${ref}`, org), { headers: body ? lead.mutationHeaders : lead.headers, ...(body ? { body } : {}) });
    const excluded = await soa('A.5.31', { applicable: false, exclusionJustification: 'No ICT supply chain: every service is run in house' });
    expect(excluded.status, JSON.stringify(excluded.body)).toBe(200);

    // ISO: the applicable row whose only control is not applicable shows and counts as "none", non-compliant.
    expect((await soa('A.5.30')).body).toMatchObject({ applicable: true, derivedStatus: 'not_applicable', effectiveStatus: 'none' });
    expect(excluded.body).toMatchObject({ applicable: false, effectiveStatus: 'not_applicable' });
    const a5 = await get(`/readiness/frameworks/iso27001-2022/requirements?section=A.5`, lead, org);
    const iso = (ref: string) => a5.requirements.find((r: { ref: string }) => r.ref === ref);
    expect(iso('A.5.30')).toMatchObject({ implementationStatus: 'none', status: 'non_compliant', basis: 'controls' });
    expect(iso('A.5.31')).toMatchObject({ implementationStatus: 'not_applicable', status: 'not_applicable', basis: 'soa_excluded' });
    expect(a5.figures.counts).toEqual({ compliant: 0, partially_compliant: 0, non_compliant: 36, not_applicable: 1 });

    // HIPAA: required specifications (and a standard without specifications) stay in the denominator.
    const hipaa = framework(await get<TReadiness>('/readiness?framework=hipaa-security-rule', lead, org), 'hipaa-security-rule');
    expect(hipaa.figures).toMatchObject({ total: 53, applicable: 53, counts: { not_applicable: 0, non_compliant: 53 } });
    const drill = await get(`/readiness/frameworks/hipaa-security-rule/requirements?section=${encodeURIComponent('164.308(a)(1)')}`, lead, org);
    expect(drill.requirements.map((r: { ref: string; status: string; implementationStatus: string }) => [r.ref, r.status, r.implementationStatus])).toEqual(riskAnalysis.map((ref) => [ref, 'non_compliant', 'none']));
    const view = await get('/hipaa', lead, org);
    const standards = view.safeguards.flatMap((sg: { standards: { ref: string }[] }) => sg.standards);
    expect(standards.find((st: { ref: string }) => st.ref === '164.308(a)(1)')).toMatchObject({ status: 'non_compliant', implementationStatus: 'none' });
    expect(standards.find((st: { ref: string }) => st.ref === '164.308(a)(2)')).toMatchObject({ status: 'non_compliant', implementationStatus: 'none' });
    expect(view.figures).toEqual(hipaa.figures);
  });

  it('drills down from a section to requirements, controls and evidence (with expiry)', async () => {
    const body = await get(`/readiness/frameworks/iso27001-2022/requirements?section=A.5&status=compliant`);
    expect(body.figures.counts.compliant).toBe(2);
    expect(body.requirements.map((r: { ref: string }) => r.ref)).toEqual(['A.5.1', 'A.5.15']);
    const a51 = body.requirements[0];
    expect(a51.controls).toEqual([expect.objectContaining({ code: 'C1', evidenceCount: 2, inherited: false })]);
    expect(a51.controls[0].evidence.map((e: { title: string; expired: boolean }) => [e.title, e.expired]).sort()).toEqual([
      ['Old pen-test report', true],
      ['Policy approval minutes', false],
    ]);
    expect(body.requirements[1]).toMatchObject({ basis: 'soa_override', status: 'compliant', controls: [] });
    const bad = await request(t.app, 'GET', url('/readiness/frameworks/iso27001-2022/requirements?section=Z.9'), { headers: manager.headers });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^query\.section: /);
  });

  it('reports HIPAA readiness per safeguard and standard, matching the HIPAA view', async () => {
    const body = await get<TReadiness>('/readiness?framework=hipaa-security-rule');
    const hipaa: TFrameworkReadiness = framework(body, 'hipaa-security-rule');
    // 46 implementation specifications and the 7 standards that have none.
    expect(hipaa.figures.total).toBe(53);
    expect(hipaa.sections.map((s) => s.key)).toEqual(['administrative', 'physical', 'technical', 'organizational', 'documentation']);
    const technical = hipaa.sections.find((s) => s.key === 'technical')!;
    expect(technical.label).toBe('Technical safeguards (164.312)');
    expect(technical.children.map((c) => c.key)).toEqual(['164.312(a)(1)', '164.312(b)', '164.312(c)(1)', '164.312(d)', '164.312(e)(1)']);
    // 164.312(a)(2)(iv) has an implemented control but no decision yet: decision missing, non-compliant.
    expect(technical.children[0]!.figures.counts).toEqual({ compliant: 0, partially_compliant: 0, non_compliant: 4, not_applicable: 0 });
    const view = await get('/hipaa');
    expect(view.figures).toEqual(hipaa.figures);
    await request(t.app, 'PUT', url(`/hipaa/specifications/${encodeURIComponent('164.312(a)(2)(iv)')}/decision`), { headers: manager.mutationHeaders, body: { decision: 'implement', rationale: 'Reasonable and appropriate', riskAnalysisRef: 'RA-1' } });
    const after = framework(await get<TReadiness>('/readiness?framework=hipaa-security-rule'), 'hipaa-security-rule');
    expect(after.figures.counts.compliant).toBe(1);
    const drill = await get(`/readiness/frameworks/hipaa-security-rule/requirements?section=${encodeURIComponent('164.312(a)(1)')}`);
    expect(drill.requirements.map((r: { ref: string; status: string }) => [r.ref, r.status])).toEqual([
      ['164.312(a)(2)(i)', 'non_compliant'],
      ['164.312(a)(2)(ii)', 'non_compliant'],
      ['164.312(a)(2)(iii)', 'non_compliant'],
      ['164.312(a)(2)(iv)', 'compliant'],
    ]);
  });

  it('shows a group per site, counting inherited group controls, with one row per readable site', async () => {
    const group = await buildOrganization(t.ctx, { kind: 'group', name: 'Readiness Group' });
    const north = await buildOrganization(t.ctx, { kind: 'hospital', parentId: group.id, name: 'North Hospital' });
    const south = await buildOrganization(t.ctx, { kind: 'clinic', parentId: group.id, name: 'South Clinic' });
    await buildOrganization(t.ctx, { kind: 'site', parentId: group.id, name: 'West Site (no access)' });
    const user = await buildMember(t.ctx, group.id, 'isms_manager');
    const { buildMembership } = await import('../../testing/factories.js');
    await buildMembership(t.ctx, { organizationId: north.id, userId: user.id, role: 'auditor' });
    await buildMembership(t.ctx, { organizationId: south.id, userId: user.id, role: 'staff' });
    const session = await buildSession(t.ctx, user.id);
    await buildControl(t.ctx, group.id, { code: 'G-MFA', inheritable: true, requirements: [ISO('A.8.5')] });
    await buildControl(t.ctx, group.id, { code: 'G-LOCAL', inheritable: false, requirements: [ISO('A.8.24')] });
    await buildControl(t.ctx, north.id, { code: 'N-CRYPTO', requirements: [ISO('A.8.24')] });

    const body = await get<TReadiness>('/readiness', session, group.id);
    // South: staff has no control.read there; West: no membership.
    expect(body.sites.map((s) => s.name)).toEqual(['North Hospital']);
    expect(body.hiddenSiteCount).toBe(2);
    const northIso = body.sites[0]!.frameworks.find((f) => f.frameworkId === 'iso27001-2022')!;
    expect(northIso.figures.counts.compliant).toBe(2);
    // The site's own readiness (the single-organization path) agrees with the group's per-site row.
    const northSession = await buildSession(t.ctx, (await buildMember(t.ctx, north.id, 'isms_manager')).id);
    const own = await get<TReadiness>('/readiness', northSession, north.id);
    for (const row of body.sites[0]!.frameworks) expect(framework(own, row.frameworkId).figures).toEqual(row.figures);
    const drill = await get(`/readiness/frameworks/iso27001-2022/requirements?section=A.8&status=compliant`, northSession, north.id);
    expect(drill.requirements.map((r: { ref: string; controls: { code: string; inherited: boolean }[] }) => [r.ref, r.controls.map((c) => [c.code, c.inherited])])).toEqual([
      ['A.8.5', [['G-MFA', true]]],
      ['A.8.24', [['N-CRYPTO', false]]],
    ]);
    // The group itself counts its own controls (inheritable or not).
    const groupIso = framework(body, 'iso27001-2022');
    expect(groupIso.sections.find((s) => s.key === 'A.8')!.figures.counts.compliant).toBe(2);
  });

  it('keeps organizations apart: another organization\'s imported framework is invisible and its controls never count', async () => {
    const other = await buildOrganization(t.ctx, { name: 'Isolated Clinic' });
    const session = await buildSession(t.ctx, (await buildMember(t.ctx, other.id, 'isms_manager')).id);
    const refused = await request(t.app, 'GET', url(`/readiness?framework=${fw}`, other.id), { headers: session.headers });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^query\.framework: /);
    expect((await request(t.app, 'GET', url(`/readiness/frameworks/${fw}/requirements?section=AA`, other.id), { headers: session.headers })).status).toBe(404);
    const mine = await get<TReadiness>('/readiness?framework=iso27001-2022', session, other.id);
    expect(framework(mine, 'iso27001-2022').figures.counts.compliant).toBe(0);
    expect((await request(t.app, 'GET', url(`/readiness/controls/${c1}`, other.id), { headers: session.headers })).status).toBe(404);
  });

  it('comply once: a control\'s direct requirements and those reached via the crosswalk, both directions', async () => {
    const R = (ref: string) => `${fw}:${ref}`;
    await buildCrosswalk(t.ctx, { from: R('AA-1'), to: R('BB-2'), source: 'custos', strength: 'strong' });
    await buildCrosswalk(t.ctx, { from: R('BB-1'), to: R('AA-1'), source: 'nist_olir', strength: 'weak' });
    // A crosswalk into another organization's framework stays hidden.
    const stranger = await buildOrganization(t.ctx, { name: 'Crosswalk Stranger' });
    const hiddenFw = await buildImportedFramework(t.ctx, stranger.id);
    await buildCrosswalk(t.ctx, { from: R('AA-1'), to: `${hiddenFw}:AA-1`, source: 'custos', strength: 'strong' });
    // AA-2 is linked directly to another control, never reached through C1: it must not appear.
    const body = await get(`/readiness/controls/${c1}`);
    expect(body.control).toMatchObject({ code: 'C1', inherited: false, evidenceCount: 2 });
    const rows = body.requirements as { id: string; via: string; frameworkId: string; crosswalk: { throughRef: string; source: string; strength: string; direction: string }[] }[];
    const direct = rows.filter((r) => r.via === 'direct').map((r) => r.id);
    expect(direct).toEqual(expect.arrayContaining([R('AA-1'), ISO('A.5.1'), H('164.312(a)(2)(iv)')]));
    expect(rows.find((r) => r.id === R('BB-2'))).toMatchObject({ via: 'crosswalk', crosswalk: [{ throughRef: 'AA-1', source: 'custos', strength: 'strong', direction: 'outgoing' }] });
    expect(rows.find((r) => r.id === R('BB-1'))).toMatchObject({ via: 'crosswalk', crosswalk: [{ throughRef: 'AA-1', source: 'nist_olir', strength: 'weak', direction: 'incoming' }] });
    expect(rows.some((r) => r.frameworkId === hiddenFw)).toBe(false);
    expect(rows.some((r) => r.id === R('AA-2'))).toBe(false);
    // A requirement linked directly is shown once, as direct, even when a crosswalk also reaches it.
    expect(rows.filter((r) => r.id === ISO('A.5.1'))).toHaveLength(1);
    expect(body.frameworks.find((f: { frameworkId: string }) => f.frameworkId === fw)).toEqual({ frameworkId: fw, frameworkName: 'Test catalog', direct: 1, crosswalk: 2 });
  });

  it('comply once: a site sees its group\'s inheritable control as inherited, and not a non-inheritable one', async () => {
    const group = await buildOrganization(t.ctx, { kind: 'group', name: 'Comply Group' });
    const site = await buildOrganization(t.ctx, { kind: 'hospital', parentId: group.id, name: 'Comply Site' });
    const session = await buildSession(t.ctx, (await buildMember(t.ctx, site.id, 'auditor')).id);
    const shared = await buildControl(t.ctx, group.id, { code: 'GS', inheritable: true, requirements: [ISO('A.5.1')] });
    const local = await buildControl(t.ctx, group.id, { code: 'GL', inheritable: false, requirements: [ISO('A.5.1')] });
    expect((await get(`/readiness/controls/${shared}`, session, site.id)).control).toMatchObject({ inherited: true, organizationName: 'Comply Group' });
    expect((await request(t.app, 'GET', url(`/readiness/controls/${local}`, site.id), { headers: session.headers })).status).toBe(404);
  });
});
