import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hipaaDecisionIssues } from '../../../shared/contracts/compliance.js';
import { buildMember, buildOrganization, buildSession, type Credentials } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { buildControl, buildEvidence, ensureCatalogue } from './compliance.fixtures.js';

const H = (ref: string) => `hipaa-security-rule:${ref}`;
const decisionUrl = (orgId: string, ref: string) => `/api/v1/orgs/${orgId}/hipaa/specifications/${encodeURIComponent(ref)}/decision`;

type Spec = { ref: string; status: string; basis: string; implementationStatus: string; evidenceCount: number; decision: { decision: string; controls: { code: string }[]; decidedBy: { name: string } } | null };
type Standard = Spec & { specifications: Spec[] };

describe('hipaaDecisionIssues (164.306(d)(3) field rules)', () => {
  const base = { rationale: 'Assessed in the 2026 risk analysis', riskAnalysisRef: 'RA-2026 §4.2' };
  it('accepts each decision with what it needs', () => {
    expect(hipaaDecisionIssues({ ...base, decision: 'implement' })).toEqual([]);
    expect(hipaaDecisionIssues({ ...base, decision: 'not_implemented' })).toEqual([]);
    expect(hipaaDecisionIssues({ ...base, decision: 'alternative', alternativeMeasure: 'Locked room', controlIds: ['c1'] })).toEqual([]);
  });
  it('names each missing or misplaced field', () => {
    expect(hipaaDecisionIssues({ decision: 'alternative', rationale: ' ', riskAnalysisRef: '' }).map((i) => i.path)).toEqual(['body.rationale', 'body.riskAnalysisRef', 'body.alternativeMeasure', 'body.controlIds']);
    expect(hipaaDecisionIssues({ ...base, decision: 'implement', alternativeMeasure: 'x', controlIds: ['c1'] }).map((i) => i.path)).toEqual(['body.alternativeMeasure', 'body.controlIds']);
    expect(hipaaDecisionIssues({ ...base, decision: 'not_implemented', controlIds: ['c1'] }).map((i) => i.path)).toEqual(['body.controlIds']);
  });
});

describe('HIPAA Security Rule view and addressable decisions', () => {
  let t: TestApp;
  let orgId: string;
  let manager: Credentials;
  let officer: Credentials;
  let controlOwner: Credentials;
  let foreignControl: string;
  let lockControl: string;
  const url = (path = '') => `/api/v1/orgs/${orgId}${path}`;
  const view = async () => {
    const response = await request(t.app, 'GET', url('/hipaa'), { headers: manager.headers });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };
  const standard = (body: { safeguards: { standards: Standard[] }[] }, ref: string) => body.safeguards.flatMap((s) => s.standards).find((s) => s.ref === ref)!;
  const spec = (body: { safeguards: { standards: Standard[] }[] }, ref: string) => body.safeguards.flatMap((s) => s.standards.flatMap((st) => st.specifications)).find((s) => s.ref === ref)!;
  const decide = (ref: string, body: Record<string, unknown>, who: Credentials = manager) => request(t.app, 'PUT', decisionUrl(orgId, ref), { headers: who.mutationHeaders, body });
  const good = { rationale: 'Assessed in the annual risk analysis', riskAnalysisRef: 'RA-2026 section 4.2' };

  beforeAll(async () => {
    t = await createTestApp();
    await ensureCatalogue(t.ctx);
    orgId = (await buildOrganization(t.ctx, { name: 'HIPAA Test Hospital' })).id;
    manager = await buildSession(t.ctx, (await buildMember(t.ctx, orgId, 'isms_manager')).id);
    officer = await buildSession(t.ctx, (await buildMember(t.ctx, orgId, 'privacy_officer', { displayName: 'Pat Privacy' })).id);
    controlOwner = await buildSession(t.ctx, (await buildMember(t.ctx, orgId, 'control_owner')).id);
    const other = await buildOrganization(t.ctx, { name: 'Other Clinic' });
    foreignControl = await buildControl(t.ctx, other.id, { code: 'X-1' });
    await buildControl(t.ctx, orgId, { code: 'HC-01', requirements: [H('164.312(a)(2)(i)'), H('164.312(a)(2)(ii)')] });
    await buildControl(t.ctx, orgId, { code: 'HC-02', status: 'in_progress', requirements: [H('164.312(a)(2)(iv)')] });
    lockControl = await buildControl(t.ctx, orgId, { code: 'HC-03', status: 'implemented' });
    await buildEvidence(t.ctx, orgId, lockControl, { title: 'Screen lock GPO export' });
    await buildEvidence(t.ctx, orgId, lockControl, { title: 'Screen lock test record' });
  });
  afterAll(() => t.close());

  it('lists safeguards, standards and specifications in CFR order with R/A, CFR text and derived status', async () => {
    const body = await view();
    expect(body.loaded).toBe(true);
    expect(body.safeguards[0]).toMatchObject({ key: 'administrative', cfr: '164.308' });
    const keys = body.safeguards.map((s: { key: string }) => s.key);
    expect(keys.indexOf('administrative')).toBeLessThan(keys.indexOf('technical'));
    const access = standard(body, '164.312(a)(1)');
    expect(access.specifications.map((s) => s.ref)).toEqual(['164.312(a)(2)(i)', '164.312(a)(2)(ii)', '164.312(a)(2)(iii)', '164.312(a)(2)(iv)']);
    expect(body.standardCount).toBe(22);
    expect(body.specificationCount).toEqual({ required: 24, addressable: 22 });
    const unique = spec(body, '164.312(a)(2)(i)');
    expect(unique).toMatchObject({ obligation: 'required', implementationStatus: 'implemented', status: 'compliant', basis: 'controls', decision: null });
    const encryption = spec(body, '164.312(a)(2)(iv)');
    expect(encryption).toMatchObject({ obligation: 'addressable', status: 'non_compliant', basis: 'decision_missing', implementationStatus: 'partial' });
    expect((encryption as unknown as { text: string }).text).toMatch(/encrypt and decrypt electronic protected health information/);
    expect(body.abilities).toEqual({ decide: true });
    expect(body.decisionsMissing).toBe(body.specificationCount.addressable);
  });

  it('refuses a decision for a required specification or a standard (409), and an unknown citation (404)', async () => {
    const required = await decide('164.312(a)(2)(i)', { decision: 'not_implemented', ...good });
    expect(required.status).toBe(409);
    expect(required.body.error.message).toMatch(/required implementation specification: it can only be implemented \(164\.306\(d\)\(2\)\)/);
    const std = await decide('164.312(b)', { decision: 'implement', ...good });
    expect(std.status).toBe(409);
    expect(std.body.error.message).toMatch(/is a standard/);
    expect((await decide('164.399(z)', { decision: 'implement', ...good })).status).toBe(404);
    expect((await decide('A.5.1', { decision: 'implement', ...good })).status).toBe(400);
  });

  it('refuses an alternative without controls or without its measure, and any decision without a risk-analysis reference', async () => {
    const noControls = await decide('164.312(a)(2)(iii)', { decision: 'alternative', ...good, alternativeMeasure: 'Short session timeout in the EHR' });
    expect(noControls.status).toBe(400);
    expect(noControls.body.error.issues).toEqual([expect.objectContaining({ path: 'body.controlIds' })]);
    const noMeasure = await decide('164.312(a)(2)(iii)', { decision: 'alternative', ...good, controlIds: [lockControl] });
    expect(noMeasure.body.error.message).toMatch(/^body\.alternativeMeasure: is required/);
    const noRisk = await decide('164.312(a)(2)(iii)', { decision: 'implement', rationale: 'Reasonable' });
    expect(noRisk.status).toBe(400);
    expect(noRisk.body.error.message).toMatch(/body\.riskAnalysisRef/);
    const blankRisk = await decide('164.312(a)(2)(iii)', { decision: 'implement', rationale: 'Reasonable', riskAnalysisRef: '   ' });
    expect(blankRisk.body.error.message).toMatch(/^body\.riskAnalysisRef: is required/);
    const stray = await decide('164.312(a)(2)(iii)', { decision: 'not_implemented', ...good, controlIds: [lockControl] });
    expect(stray.body.error.message).toMatch(/^body\.controlIds: are only linked with an alternative measure decision/);
    expect((await view()).decisionsMissing).toBeGreaterThan(0);
    expect(spec(await view(), '164.312(a)(2)(iii)').decision).toBeNull();
  });

  it('refuses another organization\'s control as the alternative, without saying it exists', async () => {
    const response = await decide('164.312(a)(2)(iii)', { decision: 'alternative', ...good, alternativeMeasure: 'Badge tap-out', controlIds: [foreignControl] });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(`body.controlIds: ${foreignControl} is not a control of this organization or one inherited from its group`);
  });

  it('refuses a role without hipaa.decide', async () => {
    const response = await decide('164.312(a)(2)(iii)', { decision: 'implement', ...good }, controlOwner);
    expect(response.status).toBe(403);
  });

  it('records each decision and derives the status from it; the standard rolls up its specifications', async () => {
    // implement: status from the mapped controls (in progress → partially compliant).
    const implemented = await decide('164.312(a)(2)(iv)', { decision: 'implement', ...good });
    expect(implemented.status, JSON.stringify(implemented.body)).toBe(200);
    expect(implemented.body).toMatchObject({ status: 'partially_compliant', basis: 'controls', decision: { decision: 'implement', riskAnalysisRef: 'RA-2026 section 4.2', controls: [] } });
    // alternative: status from the alternative's controls, whose evidence now counts.
    const alternative = await decide('164.312(a)(2)(iii)', { decision: 'alternative', ...good, alternativeMeasure: 'Workstations lock after 5 minutes; EHR sessions are not ended', controlIds: [lockControl, lockControl] }, officer);
    expect(alternative.status, JSON.stringify(alternative.body)).toBe(200);
    expect(alternative.body).toMatchObject({ status: 'compliant', basis: 'alternative_controls', implementationStatus: 'implemented', evidenceCount: 2, decision: { decision: 'alternative', decidedBy: { name: 'Pat Privacy' }, controls: [{ code: 'HC-03', evidenceCount: 2 }] } });
    let body = await view();
    expect(standard(body, '164.312(a)(1)')).toMatchObject({ status: 'partially_compliant', basis: 'specifications' });
    // not_implemented: compliant by documentation.
    const documented = await decide('164.312(a)(2)(iv)', { decision: 'not_implemented', rationale: 'Encryption is not reasonable on the legacy lab analyser, and no equivalent alternative is either: it is isolated and holds no ePHI at rest', riskAnalysisRef: 'RA-2026 R-17' });
    expect(documented.body).toMatchObject({ status: 'compliant', basis: 'documented_not_implemented', decision: { decision: 'not_implemented', alternativeMeasure: null } });
    body = await view();
    expect(standard(body, '164.312(a)(1)')).toMatchObject({ status: 'compliant', implementationStatus: 'implemented' });
    expect(spec(body, '164.312(a)(2)(iv)').decision).toMatchObject({ decision: 'not_implemented' });
    // A mapped control becoming ineffective makes the specification (and the standard) partial.
    await t.ctx.database.db.updateTable('controls' as never).set({ effectiveness: 'ineffective' } as never).where('id' as never, '=', lockControl as never).execute();
    body = await view();
    expect(spec(body, '164.312(a)(2)(iii)').status).toBe('partially_compliant');
    expect(standard(body, '164.312(a)(1)').status).toBe('partially_compliant');
  });

  it('replaces a decision and keeps before/after in the audit trail, shown as history', async () => {
    await decide('164.308(a)(5)(ii)(A)', { decision: 'implement', ...good });
    const replaced = await decide('164.308(a)(5)(ii)(A)', { decision: 'alternative', ...good, alternativeMeasure: 'Monthly all-staff e-mail', controlIds: [lockControl] });
    expect(replaced.status).toBe(200);
    const rows = await t.ctx.database.db.selectFrom('hipaa_decisions' as never).selectAll().where('organization_id' as never, '=', orgId as never).where('requirement_id' as never, '=', H('164.308(a)(5)(ii)(A)') as never).execute();
    expect(rows).toHaveLength(1);
    const history = await request(t.app, 'GET', url(`/hipaa/specifications/${encodeURIComponent('164.308(a)(5)(ii)(A)')}/history`), { headers: controlOwner.headers });
    expect(history.status).toBe(200);
    expect(history.body.items).toHaveLength(2);
    expect(history.body.items[0].before).toMatchObject({ decision: 'implement' });
    expect(history.body.items[0].after).toMatchObject({ decision: 'alternative', alternativeMeasure: 'Monthly all-staff e-mail', controls: [{ code: 'HC-03' }] });
    expect(history.body.items[1].before).toBeNull();
    // Back to implement: the alternative's controls are unlinked.
    const back = await decide('164.308(a)(5)(ii)(A)', { decision: 'implement', ...good });
    expect(back.body.decision.controls).toEqual([]);
    const links = await t.ctx.database.db.selectFrom('hipaa_decision_controls' as never).selectAll().where('requirement_id' as never, '=', H('164.308(a)(5)(ii)(A)') as never).execute();
    expect(links).toHaveLength(0);
  });

  it('lets a site use its group\'s inheritable control as the alternative, but not a non-inheritable one', async () => {
    const group = await buildOrganization(t.ctx, { kind: 'group', name: 'Decision Group' });
    const site = await buildOrganization(t.ctx, { kind: 'hospital', parentId: group.id, name: 'Decision Site' });
    const siteManager = await buildSession(t.ctx, (await buildMember(t.ctx, site.id, 'isms_manager')).id);
    const shared = await buildControl(t.ctx, group.id, { code: 'G-01', inheritable: true });
    const local = await buildControl(t.ctx, group.id, { code: 'G-02', inheritable: false });
    const body = { decision: 'alternative', ...good, alternativeMeasure: 'Group-wide screen lock policy' };
    const refused = await request(t.app, 'PUT', decisionUrl(site.id, '164.312(a)(2)(iii)'), { headers: siteManager.mutationHeaders, body: { ...body, controlIds: [local] } });
    expect(refused.status).toBe(400);
    const accepted = await request(t.app, 'PUT', decisionUrl(site.id, '164.312(a)(2)(iii)'), { headers: siteManager.mutationHeaders, body: { ...body, controlIds: [shared] } });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.decision.controls).toEqual([expect.objectContaining({ code: 'G-01', inherited: true })]);
    expect(accepted.body.status).toBe('compliant');
    // The decision is the site's alone: the hospital above still has its own.
    const mine = spec(await view(), '164.312(a)(2)(iii)');
    expect(mine.decision!.controls.map((c) => c.code)).toEqual(['HC-03']);
  });
});
