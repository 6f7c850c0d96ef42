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

  it('gives the hospital three incidents: a lost encrypted laptop (safe harbor), a misdirected fax left for the annual HHS log, and ransomware with every clock running', async () => {
    const group = await t.ctx.database.db.selectFrom('organizations').select('id').where('kind', '=', 'group').executeTakeFirstOrThrow();
    const hospital = await t.ctx.database.db.selectFrom('organizations').select('id').where('kind', '=', 'hospital').executeTakeFirstOrThrow();
    const dpo = credentials.find((c) => c.role === 'privacy_officer')!;
    const login = await request(t.app, 'POST', '/api/v1/auth/login', { body: { email: dpo.email, password: dpo.password } });
    const headers = { cookie: `custos_session=${login.sessionCookie}` };
    const get = async (path: string, org = hospital.id) => {
      const response = await request(t.app, 'GET', `/api/v1/orgs/${org}${path}`, { headers });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body;
    };
    const settings = await get('/incident-settings');
    expect(settings).toMatchObject({ hipaaRole: 'covered_entity', gdprRole: 'controller' });
    const list = await get('/incidents?pageSize=50&sort=ref&dir=asc');
    expect(list.total).toBe(3);
    const byCategory = Object.fromEntries((list.items as { id: string; ref: string; category: string }[]).map((i) => [i.category, i]));
    expect(byCategory.lost_stolen_device).toMatchObject({ ref: 'INC-0001', status: 'closed', hipaaConclusion: 'safe_harbor', gdprConclusion: 'none', openObligations: 0 });
    expect(byCategory.misdirected_phi).toMatchObject({ ref: 'INC-0002', status: 'recovered', hipaaConclusion: 'breach', gdprConclusion: 'no_breach', individualsTotal: 3, openObligations: 1, overdueObligations: 0 });
    expect(byCategory.malware).toMatchObject({ ref: 'INC-0003', status: 'contained', severity: 'critical', hipaaConclusion: 'breach', gdprConclusion: 'high', individualsTotal: 12_000, openObligations: 6, overdueObligations: 0, handler: { name: 'Sam Security (CISO)' } });

    const laptop = await get(`/incidents/${byCategory.lost_stolen_device!.id}`);
    expect(laptop.assets.map((a: { name: string }) => a.name)).toEqual(["Clinicians' laptops"]);
    expect(laptop.lessonsLearned).not.toBe('');
    const laptopAssessment = await get(`/incidents/${laptop.id}/assessment`);
    expect(laptopAssessment.input).toMatchObject({ safeHarbor: 'encryption', safeHarborEvidence: 'BitLocker XTS-AES 256, FIPS 140-2 validated module, recovery key in AD, not on the device' });
    expect(Date.now() - Date.parse(laptop.discoveredAt)).toBeGreaterThan(35 * 86_400_000);

    // The ransomware: reported by the nurse; every clock required and pending; the supervisory authority due 72 hours after awareness.
    const pacs = await get(`/incidents/${byCategory.malware!.id}`);
    expect(pacs).toMatchObject({ reportedBy: { name: 'Jordan Nurse' }, individualsByState: { NY: 9_200, NJ: 2_650 }, individualsByCountry: { DE: 38, FR: 12 } });
    const clocks = await get(`/incidents/${pacs.id}/obligations`);
    const required = (clocks.obligations as { id: string; required: boolean; status: string; dueAt: string | null }[]).filter((o) => o.required);
    expect(required.map((o) => o.id).sort()).toEqual(['gdpr.data_subjects', 'gdpr.supervisory_authority', 'hipaa.hhs', 'hipaa.individuals', 'hipaa.media.NJ', 'hipaa.media.NY']);
    expect(required.every((o) => o.status === 'pending')).toBe(true);
    expect(Date.parse(required.find((o) => o.id === 'gdpr.supervisory_authority')!.dueAt!)).toBe(Date.parse(pacs.awareAt) + 72 * 3_600_000);
    const drafts = await get(`/incidents/${pacs.id}/drafts`);
    expect(drafts.map((d: { kind: string; state: string }) => `${d.kind}:${d.state}`)).toEqual(['gdpr_sa_checklist:draft']);
    const actions = await get(`/incidents/${pacs.id}/actions`);
    expect(actions.length).toBeGreaterThanOrEqual(4);
    expect(actions.every((a: { owner: unknown; dueOn: unknown }) => a.owner !== null && a.dueOn !== null)).toBe(true);
    const timeline = await get(`/incidents/${pacs.id}/timeline`);
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['status', 'action', 'assessment']));

    // The fax: letters sent, so only the annual HHS log is open, and its portal fields are complete.
    const fax = await get(`/incidents/${byCategory.misdirected_phi!.id}/obligations`);
    const open = (fax.obligations as { id: string; status: string }[]).filter((o) => o.status === 'pending' || o.status === 'overdue');
    expect(open.map((o) => o.id)).toEqual(['hipaa.hhs_annual_log']);
    expect(fax.obligations.find((o: { id: string }) => o.id === 'hipaa.individuals')).toMatchObject({ status: 'done', late: false });
    const faxIncident = await get(`/incidents/${byCategory.misdirected_phi!.id}`);
    const log = await get(`/hhs-breach-log?year=${faxIncident.breachEndDate.slice(0, 4)}`);
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({ incident: { ref: 'INC-0002' }, individuals: 3, missing: [], submitted: false });

    // The group's clock tile shows the hospital's open clocks.
    const tile = await get('/incident-clocks', group.id);
    expect(tile.items).toHaveLength(7);
    expect(tile.overdue).toBe(0);
  });

  it('leaves every audit chain intact', async () => {
    for (const chain of await listChainIds(t.ctx.database.db)) expect((await verifyChain(t.ctx.database.db, chain)).ok).toBe(true);
  });
});
