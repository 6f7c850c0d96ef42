import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain, listChainIds } from '../../kernel/audit/chain.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_ACTOR } from '../../testing/factories.js';
import { loadDemo } from './index.js';

describe('demo group "Northbridge Health"', () => {
  let t: TestApp;
  let credentials: Awaited<ReturnType<typeof loadDemo>>['credentials'];
  beforeAll(async () => {
    t = await createTestApp();
    credentials = (await loadDemo(t.ctx, TEST_ACTOR)).credentials;
  });
  afterAll(() => t.close());

  it('creates a group with a hospital and two clinics, and one user per role with a random password', async () => {
    const orgs = await t.ctx.database.db.selectFrom('organizations').select(['name', 'kind', 'is_demo']).orderBy('name').execute();
    expect(orgs.map((o) => o.kind).sort()).toEqual(['clinic', 'clinic', 'group', 'hospital']);
    expect(orgs.every((o) => o.is_demo === 1)).toBe(true);
    expect(credentials).toHaveLength(10);
    expect(new Set(credentials.map((c) => c.password)).size).toBe(10);
    const login = await request(t.app, 'POST', '/api/v1/auth/login', { body: { email: credentials[0]!.email, password: credentials[0]!.password } });
    expect(login.status).toBe(200);
  });

  it('gives the hospital a compliance programme: adopted controls in a realistic mix, evidence, an approved SoA, HIPAA decisions', async () => {
    const hospital = await t.ctx.database.db.selectFrom('organizations').select('id').where('kind', '=', 'hospital').executeTakeFirstOrThrow();
    const auditor = credentials.find((c) => c.role === 'auditor')!;
    const login = await request(t.app, 'POST', '/api/v1/auth/login', { body: { email: auditor.email, password: auditor.password } });
    const headers = { cookie: `custos_session=${login.sessionCookie}` };
    const controls = await request(t.app, 'GET', `/api/v1/orgs/${hospital.id}/controls?pageSize=200`, { headers });
    const statuses = controls.body.items.map((c: { status: string }) => c.status) as string[];
    const count = (status: string) => statuses.filter((s) => s === status).length;
    expect(controls.body.items.length).toBeGreaterThanOrEqual(60);
    expect(count('implemented')).toBeGreaterThan(20);
    expect(count('in_progress')).toBeGreaterThan(5);
    expect(count('planned')).toBeGreaterThan(5);
    expect(count('not_applicable')).toBe(2);
    // The group's governance control is inherited by the hospital.
    expect(controls.body.items.some((c: { code: string; inherited: boolean }) => c.code === 'NH-GOV-01' && c.inherited)).toBe(true);
    const evidence = await t.ctx.database.db.selectFrom('evidence' as never).select((eb) => eb.fn.countAll().as('n')).where('organization_id' as never, '=', hospital.id as never).executeTakeFirstOrThrow();
    expect(Number((evidence as { n: unknown }).n)).toBe(6);
    const versions = await request(t.app, 'GET', `/api/v1/orgs/${hospital.id}/soa/versions`, { headers });
    expect(versions.body.items).toHaveLength(1);
    const ceo = await t.ctx.database.db.selectFrom('users').select('id').where('email', '=', credentials.find((c) => c.role === 'top_management')!.email).executeTakeFirstOrThrow();
    expect(versions.body.items[0]).toMatchObject({ number: 1, approvedBy: { id: ceo.id }, applicable: 91, rows: 93 });
    const soa = await request(t.app, 'GET', `/api/v1/orgs/${hospital.id}/soa?pageSize=200`, { headers });
    expect(soa.body.hasUnpublishedChanges).toBe(false);
    const excluded = soa.body.items.filter((r: { applicable: boolean }) => !r.applicable).map((r: { ref: string }) => r.ref).sort();
    expect(excluded).toEqual(['A.8.28', 'A.8.4']);
    const hipaa = await request(t.app, 'GET', `/api/v1/orgs/${hospital.id}/hipaa`, { headers });
    expect(hipaa.status).toBe(200);
    expect(JSON.stringify(hipaa.body)).toContain('alternative');
  });

  it('gives the hospital a believable inventory with flows and a few gaps', async () => {
    const hospital = await t.ctx.database.db.selectFrom('organizations').select('id').where('kind', '=', 'hospital').executeTakeFirstOrThrow();
    const admin = credentials.find((c) => c.role === 'isms_manager')!;
    const login = await request(t.app, 'POST', '/api/v1/auth/login', { body: { email: admin.email, password: admin.password } });
    const headers = { cookie: `custos_session=${login.sessionCookie}` };
    const assets = await request(t.app, 'GET', `/api/v1/orgs/${hospital.id}/assets?pageSize=100`, { headers });
    expect(assets.body.total).toBeGreaterThanOrEqual(18);
    expect(assets.body.items.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(['Electronic health record (EHR)', 'Picture archiving (PACS)', 'MRI scanner (Radiology 1)', 'Infusion pumps (fleet of 240)']));
    const flows = await request(t.app, 'GET', `/api/v1/orgs/${hospital.id}/data-flows`, { headers });
    expect(flows.body.items.filter((f: { leavesOrganization: boolean }) => f.leavesOrganization).length).toBe(3);
    const gaps = await request(t.app, 'GET', `/api/v1/orgs/${hospital.id}/gaps/summary`, { headers });
    const counts = Object.fromEntries(gaps.body.rules.map((r: { rule: string; count: number }) => [r.rule, r.count]));
    expect(counts).toMatchObject({ medical_device_unsupported_on_flat_network: 1, mobile_ephi_without_mdm: 1, byod_not_allowed: 1, ephi_flow_without_agreement: 1, mfa_missing: 1, ephi_flow_unencrypted: 1 });
  });

  it('gives the hospital a believable risk register: about 25 risks with treatments, overdue tasks, acceptances by the right roles, a clinical sign-off and an overdue review', async () => {
    const hospital = await t.ctx.database.db.selectFrom('organizations').select('id').where('kind', '=', 'hospital').executeTakeFirstOrThrow();
    const auditor = credentials.find((c) => c.role === 'auditor')!;
    const login = await request(t.app, 'POST', '/api/v1/auth/login', { body: { email: auditor.email, password: auditor.password } });
    const headers = { cookie: `custos_session=${login.sessionCookie}` };
    const list = await request(t.app, 'GET', `/api/v1/orgs/${hospital.id}/risks?pageSize=100`, { headers });
    expect(list.status).toBe(200);
    const risks = list.body.items as { ref: string; title: string; status: string; current: { key: string } | null; residual: { key: string } | null; treatmentOption: string | null; acceptanceState: string; reviewOverdue: boolean; overdueTaskCount: number; patientSafety: boolean; owner: { name: string } | null }[];
    expect(risks.length).toBeGreaterThanOrEqual(23);
    expect(risks.map((r) => r.title)).toEqual(expect.arrayContaining(['Ransomware encrypts the EHR and its database cluster', 'Phishing of clinicians leads to EHR account takeover', 'Lost unencrypted laptop with patient lists', 'Unpatched infusion pumps reachable from the clinical network', 'Power outage in the server room', 'Dictation sent to a cloud service without a BAA', 'Shared workstation logins in the Emergency Department', 'PACS web viewer exposed to the internet']));
    expect(risks.every((r) => r.owner !== null && r.current !== null && r.treatmentOption !== null)).toBe(true);
    expect(new Set(risks.map((r) => r.current!.key))).toEqual(new Set(['low', 'medium', 'high', 'critical']));
    expect(risks.filter((r) => r.patientSafety).length).toBeGreaterThanOrEqual(6);
    expect(risks.filter((r) => r.overdueTaskCount > 0).length).toBeGreaterThanOrEqual(4);
    expect(risks.filter((r) => r.status === 'closed')).toHaveLength(1);
    // The unsupported MRI is R-0007, as the HIPAA decision cites it: accepted by the CEO (High) and signed off by the clinical safety officer.
    const mri = risks.find((r) => r.ref === 'R-0007')!;
    expect(mri).toMatchObject({ title: 'Unsupported MRI scanner on a flat network', residual: { key: 'high' }, acceptanceState: 'accepted' });
    expect(risks.filter((r) => r.acceptanceState === 'accepted').length).toBeGreaterThanOrEqual(4);
    expect(risks.filter((r) => r.reviewOverdue).map((r) => r.title)).toEqual(['Old workstations disposed of without wiping']);
    const roles = await t.ctx.database.db.selectFrom('risk_acceptances' as never).select(['role' as never, 'kind' as never]).where('organization_id' as never, '=', hospital.id as never).execute();
    expect((roles as { role: string; kind: string }[]).map((a) => `${a.kind}:${a.role}`).sort()).toEqual(['acceptance:isms_manager', 'acceptance:risk_owner', 'acceptance:top_management', 'acceptance:top_management', 'clinical_sign_off:clinical_safety_officer']);
    const tasks = await request(t.app, 'GET', `/api/v1/orgs/${hospital.id}/risk-tasks?pageSize=100`, { headers });
    expect(tasks.status).toBe(200);
    expect((tasks.body.items as { status: string }[]).some((task) => task.status === 'done')).toBe(true);
    const plan = await t.app.inject({ method: 'GET', url: `/api/v1/orgs/${hospital.id}/risks/treatment-plan?format=pdf`, headers });
    expect(plan.statusCode).toBe(200);
  });

  it('leaves every audit chain intact', async () => {
    for (const chain of await listChainIds(t.ctx.database.db)) expect((await verifyChain(t.ctx.database.db, chain)).ok).toBe(true);
  });
});
