import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../kernel/clock.js';
import { buildMember, buildOrganization, buildSession, type Credentials } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

describe('asset register API', () => {
  let t: TestApp;
  let orgId: string;
  let manager: Credentials;
  let managerId: string;
  let levels: Record<string, string>;
  const url = (path = '') => `/api/v1/orgs/${orgId}${path}`;
  const create = async (body: Record<string, unknown>) => {
    const response = await request(t.app, 'POST', url('/assets'), { headers: manager.mutationHeaders, body });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };

  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await buildOrganization(t.ctx, { name: 'Asset Test Hospital' })).id;
    managerId = (await buildMember(t.ctx, orgId, 'isms_manager')).id;
    manager = await buildSession(t.ctx, managerId);
    const list = await request(t.app, 'GET', url('/classification-levels'), { headers: manager.headers });
    levels = Object.fromEntries(list.body.items.map((l: { name: string; id: string }) => [l.name, l.id]));
  });
  afterAll(() => t.close());

  it('seeds the default classification scheme for every new organization', () => {
    expect(Object.keys(levels)).toEqual(['Public', 'Internal', 'Confidential', 'Restricted (PHI)']);
  });

  it('creates an asset and derives its criticality and ePHI role', async () => {
    const pump = await create({ name: 'Infusion pump fleet', type: 'medical_device', confidentiality: 2, integrity: 3, availability: 3, patientSafetyImpact: 4, manufacturer: 'MedCo', dataCategories: ['ephi'], owner: 'Biomedical engineering', classificationId: levels['Restricted (PHI)'] });
    expect(pump).toMatchObject({ criticality: 'critical', handlesEphi: true, classificationName: 'Restricted (PHI)', abilities: { update: true, delete: true } });
    const kiosk = await create({ name: 'Lobby kiosk', type: 'endpoint', confidentiality: 1, integrity: 1, availability: 2 });
    expect(kiosk).toMatchObject({ criticality: 'medium', handlesEphi: false, lifecycle: 'in_use' });
    const updated = await request(t.app, 'PATCH', url(`/assets/${kiosk.id}`), { headers: manager.mutationHeaders, body: { ephiReceives: true, availability: 4 } });
    expect(updated.body).toMatchObject({ criticality: 'critical', handlesEphi: true });
  });

  it('a PATCH changes only the fields it names: the create defaults never reset the others', async () => {
    const phone = await create({ name: 'Ward 7 phone', type: 'mobile_device', lifecycle: 'planned', confidentiality: 4, integrity: 3, availability: 1, patientSafetyImpact: 2, dataCategories: ['ephi'], tags: ['clinical', 'byod'], ephiCreates: true, ephiTransmits: true, mdmEnrolled: true, classificationId: levels['Restricted (PHI)'] });
    const renamed = await request(t.app, 'PATCH', url(`/assets/${phone.id}`), { headers: manager.mutationHeaders, body: { name: 'Ward 7 handset' } });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const { name, updatedAt, ...rest } = renamed.body;
    const { name: before, updatedAt: beforeUpdated, ...restBefore } = phone;
    expect([name, before]).toEqual(['Ward 7 handset', 'Ward 7 phone']);
    expect(rest).toEqual(restBefore);
    expect(rest).toMatchObject({ lifecycle: 'planned', confidentiality: 4, availability: 1, patientSafetyImpact: 2, dataCategories: ['ephi'], tags: ['clinical', 'byod'], ephiCreates: true, ephiTransmits: true, ephiReceives: false });
    expect(typeof updatedAt === 'string' && typeof beforeUpdated === 'string').toBe(true);
    const empty = await request(t.app, 'PATCH', url(`/assets/${phone.id}`), { headers: manager.mutationHeaders, body: {} });
    expect(empty.status).toBe(400);
  });

  it('stores and finds an asset whose description is as long as the contract allows', async () => {
    // Random text does not compress: on PostgreSQL a B-tree over the search text refused such a row.
    let description = '';
    for (let i = 0; description.length < 4000; i += 1) description += ((i * 7919) % 1000003).toString(36);
    const long = await create({ name: 'Archive of scanned consent forms', type: 'information', description: description.slice(0, 4000) });
    const found = await request(t.app, 'GET', url(`/assets?q=${description.slice(3000, 3012)}`), { headers: manager.headers });
    expect(found.body.items.map((a: { id: string }) => a.id)).toEqual([long.id]);
  });

  it('names the field of an invalid asset and refuses another organization\'s classification', async () => {
    const bad = await request(t.app, 'POST', url('/assets'), { headers: manager.mutationHeaders, body: { name: 'X', type: 'spaceship' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^body\.type: /);
    const other = await buildOrganization(t.ctx);
    const otherLevels = await t.ctx.database.db.selectFrom('classification_levels' as never).select('id' as never).where('organization_id' as never, '=', other.id as never).execute();
    const foreign = await request(t.app, 'POST', url('/assets'), { headers: manager.mutationHeaders, body: { name: 'X', type: 'application', classificationId: (otherLevels[0] as unknown as { id: string }).id } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toMatch(/^body\.classificationId: is not a classification level of this organization/);
  });

  it('pages, filters and sorts in SQL', async () => {
    for (let i = 0; i < 12; i += 1) await create({ name: `Workstation ${String(i).padStart(2, '0')}`, type: 'endpoint', externalRef: `CMDB-${1000 + i}`, owner: i % 2 ? 'IT Service Desk' : 'Nursing' });
    const page = await request(t.app, 'GET', url('/assets?type=endpoint&q=workstation&sort=name&direction=desc&pageSize=5&page=2'), { headers: manager.headers });
    expect(page.body.total).toBe(12);
    expect(page.body.items.map((a: { name: string }) => a.name)).toEqual(['Workstation 06', 'Workstation 05', 'Workstation 04', 'Workstation 03', 'Workstation 02']);
    const byOwner = await request(t.app, 'GET', url('/assets?owner=service%20desk'), { headers: manager.headers });
    expect(byOwner.body.total).toBe(6);
    // Case-insensitive, a substring, with the other filters; paged and sorted like every list.
    const byOwnerUpper = await request(t.app, 'GET', url('/assets?owner=SERVICE%20De&q=workstation&sort=name&direction=asc&pageSize=4&page=2'), { headers: manager.headers });
    expect(byOwnerUpper.body.total).toBe(6);
    expect(byOwnerUpper.body.items.map((a: { name: string }) => a.name)).toEqual(['Workstation 09', 'Workstation 11']);
    expect((await request(t.app, 'GET', url('/assets?owner=nobody'), { headers: manager.headers })).body).toMatchObject({ total: 0, items: [] });
    // A text-search page past the last match is empty and still counts the matches.
    const pastEnd = await request(t.app, 'GET', url('/assets?q=workstation&pageSize=5&page=4'), { headers: manager.headers });
    expect(pastEnd.body).toMatchObject({ total: 12, items: [] });
    const searchPage = await request(t.app, 'GET', url('/assets?q=WORKSTATION&sort=externalRef&direction=desc&pageSize=3&page=2'), { headers: manager.headers });
    expect(searchPage.body.items.map((a: { externalRef: string }) => a.externalRef)).toEqual(['CMDB-1008', 'CMDB-1007', 'CMDB-1006']);
    expect(searchPage.body.items[0]).toMatchObject({ organizationName: expect.any(String), gapCount: expect.any(Number), abilities: { update: true, delete: true } });
    const byRef = await request(t.app, 'GET', url('/assets?q=cmdb-1011'), { headers: manager.headers });
    expect(byRef.body.items.map((a: { name: string }) => a.name)).toEqual(['Workstation 11']);
    const ephi = await request(t.app, 'GET', url('/assets?ephi=yes&sort=criticality&direction=desc'), { headers: manager.headers });
    expect(ephi.body.items.every((a: { handlesEphi: boolean }) => a.handlesEphi)).toBe(true);
    const dup = await request(t.app, 'POST', url('/assets'), { headers: manager.mutationHeaders, body: { name: 'Dup', type: 'endpoint', externalRef: 'CMDB-1000' } });
    expect(dup.body.error.message).toMatch(/^body\.externalRef: is already used/);
  });

  it('computes gaps from the handling rules, on the asset and in the gaps list', async () => {
    const phone = await create({ name: 'Ward 3 shared phone', type: 'mobile_device', dataCategories: ['ephi'], owner: 'Ward 3', mdmEnrolled: false, classificationId: levels['Restricted (PHI)'], encryptedAtRest: true });
    expect(phone.gapCount).toBe(1);
    const mri = await create({ name: 'MRI scanner', type: 'medical_device', owner: 'Radiology', endOfSupport: '2020-12-31', networkSegment: 'flat', encryptedAtRest: true });
    expect(mri.gapCount).toBe(1);
    const portal = await create({ name: 'Patient portal', type: 'application', owner: 'Digital', classificationId: levels['Restricted (PHI)'], dataCategories: ['ephi'], encryptedAtRest: true, encryptedInTransit: true, mfaEnabled: true });
    expect(portal.gapCount).toBe(0);
    const flow = await request(t.app, 'POST', url('/data-flows'), { headers: manager.mutationHeaders, body: { sourceAssetId: portal.id, externalParty: 'Cloud transcription Inc.', purpose: 'Dictation transcription', dataCategories: ['ephi'], transportEncrypted: true } });
    expect(flow.status).toBe(201);
    expect(flow.body.leavesOrganization).toBe(true);
    expect((await request(t.app, 'GET', url(`/assets/${portal.id}`), { headers: manager.headers })).body.gapCount).toBe(1);
    const summary = await request(t.app, 'GET', url('/gaps/summary'), { headers: manager.headers });
    const counts = Object.fromEntries(summary.body.rules.map((r: { rule: string; count: number }) => [r.rule, r.count]));
    expect(counts).toMatchObject({ mobile_ephi_without_mdm: 1, medical_device_unsupported_on_flat_network: 1, ephi_flow_without_agreement: 1 });
    const list = await request(t.app, 'GET', url('/gaps?rule=ephi_flow_without_agreement'), { headers: manager.headers });
    expect(list.body.items).toEqual([expect.objectContaining({ assetId: portal.id, flowId: flow.body.id, detail: expect.stringContaining('Cloud transcription Inc.') })]);
    const withGaps = await request(t.app, 'GET', url('/assets?gaps=yes&pageSize=100'), { headers: manager.headers });
    expect(withGaps.body.items.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(['MRI scanner', 'Patient portal', 'Ward 3 shared phone']));
    // Recording the agreement closes the gap; a segment closes the device gap.
    await request(t.app, 'PUT', url(`/data-flows/${flow.body.id}`), { headers: manager.mutationHeaders, body: { sourceAssetId: portal.id, externalParty: 'Cloud transcription Inc.', purpose: 'Dictation transcription', dataCategories: ['ephi'], transportEncrypted: true, agreementReference: 'BAA-2026-014' } });
    await request(t.app, 'PATCH', url(`/assets/${mri.id}`), { headers: manager.mutationHeaders, body: { networkSegment: 'VLAN 40 medical devices' } });
    const after = await request(t.app, 'GET', url('/gaps/summary'), { headers: manager.headers });
    const afterCounts = Object.fromEntries(after.body.rules.map((r: { rule: string; count: number }) => [r.rule, r.count]));
    expect(afterCounts).toMatchObject({ ephi_flow_without_agreement: 0, medical_device_unsupported_on_flat_network: 0 });
  });

  it('a device reaching its end of support becomes a gap the day after, without any write', async () => {
    const day = t.ctx.clock.now().toISOString().slice(0, 10);
    const monitor = await create({ name: 'Patient monitor', type: 'medical_device', owner: 'ICU', endOfSupport: day });
    expect(monitor.gapCount).toBe(0);
    (t.ctx.clock as ManualClock).advance(86_400_000);
    manager = await buildSession(t.ctx, managerId); // a day later the old session has timed out
    expect((await request(t.app, 'GET', url(`/assets/${monitor.id}`), { headers: manager.headers })).body.gapCount).toBe(1);
  });

  it('keeps dependencies acyclic and marks assets that support a critical service', async () => {
    const ehr = await create({ name: 'EHR', type: 'application', confidentiality: 4, integrity: 4, availability: 4, owner: 'CMIO' });
    const db = await create({ name: 'EHR database server', type: 'infrastructure', owner: 'IT' });
    const san = await create({ name: 'Storage array', type: 'infrastructure', owner: 'IT' });
    expect((await request(t.app, 'POST', url(`/assets/${ehr.id}/dependencies`), { headers: manager.mutationHeaders, body: { dependsOnId: db.id } })).status).toBe(201);
    expect((await request(t.app, 'POST', url(`/assets/${db.id}/dependencies`), { headers: manager.mutationHeaders, body: { dependsOnId: san.id } })).status).toBe(201);
    const cycle = await request(t.app, 'POST', url(`/assets/${san.id}/dependencies`), { headers: manager.mutationHeaders, body: { dependsOnId: ehr.id } });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.message).toMatch(/^body\.dependsOnId: would create a cycle/);
    const self = await request(t.app, 'POST', url(`/assets/${san.id}/dependencies`), { headers: manager.mutationHeaders, body: { dependsOnId: san.id } });
    expect(self.status).toBe(400);
    expect((await request(t.app, 'GET', url(`/assets/${san.id}`), { headers: manager.headers })).body.supportsCriticalService).toBe(true);
    expect((await request(t.app, 'GET', url(`/assets/${ehr.id}`), { headers: manager.headers })).body.supportsCriticalService).toBe(false);
    const deps = await request(t.app, 'GET', url(`/assets/${db.id}/dependencies`), { headers: manager.headers });
    expect(deps.body.dependsOn.map((d: { dependsOnName: string }) => d.dependsOnName)).toEqual(['Storage array']);
    expect(deps.body.dependents.map((d: { assetName: string }) => d.assetName)).toEqual(['EHR']);
  });

  it('changes owner and classification in bulk, one audit event per asset', async () => {
    const a = await create({ name: 'Bulk A', type: 'endpoint' });
    const b = await create({ name: 'Bulk B', type: 'endpoint' });
    const result = await request(t.app, 'POST', url('/assets/bulk-update'), { headers: manager.mutationHeaders, body: { assetIds: [a.id, b.id], owner: 'Facilities', classificationId: levels.Internal } });
    expect(result.body).toEqual({ updated: 2 });
    const events = await t.ctx.database.db.selectFrom('audit_events').select('subject_id').where('chain_id', '=', orgId).where('type', '=', 'asset.updated').where('subject_id', 'in', [a.id, b.id]).execute();
    expect(events).toHaveLength(2);
    expect((await request(t.app, 'GET', url(`/assets/${a.id}`), { headers: manager.headers })).body).toMatchObject({ owner: 'Facilities', classificationName: 'Internal' });
  });

  it('refuses to delete a classification level in use, and lets the manager edit the rules', async () => {
    const refused = await request(t.app, 'DELETE', url(`/classification-levels/${levels.Internal}`), { headers: manager.mutationHeaders });
    expect(refused.status).toBe(409);
    const added = await request(t.app, 'POST', url('/classification-levels'), { headers: manager.mutationHeaders, body: { name: 'Research', rank: 5, colour: '#7048e8', encryptionAtRestRequired: true, encryptionInTransitRequired: true, mfaRequired: false, byodAllowed: false, leaveOnlyUnderAgreement: true } });
    expect(added.status).toBe(201);
    const id = added.body.items.find((l: { name: string }) => l.name === 'Research').id;
    expect((await request(t.app, 'DELETE', url(`/classification-levels/${id}`), { headers: manager.mutationHeaders })).status).toBe(200);
  });

  it('gives read-only abilities to roles without asset.write, and nothing to staff', async () => {
    const auditor = await buildSession(t.ctx, (await buildMember(t.ctx, orgId, 'auditor')).id);
    const list = await request(t.app, 'GET', url('/assets?pageSize=1'), { headers: auditor.headers });
    expect(list.body.items[0].abilities).toEqual({ update: false, delete: false });
    const staff = await buildSession(t.ctx, (await buildMember(t.ctx, orgId, 'staff')).id);
    expect((await request(t.app, 'GET', url('/assets'), { headers: staff.headers })).status).toBe(403);
  });

  it('lists a group with its sites only where the caller may read the site', async () => {
    const group = await buildOrganization(t.ctx, { kind: 'group' });
    const siteA = await buildOrganization(t.ctx, { parentId: group.id });
    const siteB = await buildOrganization(t.ctx, { parentId: group.id });
    const user = await buildMember(t.ctx, group.id, 'isms_manager');
    const { buildMembership } = await import('../../testing/factories.js');
    await buildMembership(t.ctx, { organizationId: siteA.id, userId: user.id, role: 'auditor' });
    const s = await buildSession(t.ctx, user.id);
    const other = await buildSession(t.ctx, (await buildMember(t.ctx, siteB.id, 'admin')).id);
    await request(t.app, 'POST', `/api/v1/orgs/${siteB.id}/assets`, { headers: other.mutationHeaders, body: { name: 'Site B secret', type: 'application' } });
    const a = await buildSession(t.ctx, (await buildMember(t.ctx, siteA.id, 'admin')).id);
    await request(t.app, 'POST', `/api/v1/orgs/${siteA.id}/assets`, { headers: a.mutationHeaders, body: { name: 'Site A system', type: 'application' } });
    const list = await request(t.app, 'GET', `/api/v1/orgs/${group.id}/assets?includeSites=yes`, { headers: s.headers });
    expect(list.body.items.map((x: { name: string; organizationName: string; abilities: { update: boolean } }) => [x.name, x.abilities.update])).toEqual([['Site A system', false]]);
  });
});
