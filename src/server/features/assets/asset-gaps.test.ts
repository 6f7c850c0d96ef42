/**
 * The stored gap columns (`gap_count_stored`, `unsupported_flat_candidate`) must always equal what the
 * rules compute: after every kind of write that can change a rule's outcome, no asset may differ.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../kernel/clock.js';
import { buildMember, buildOrganization, buildSession, type Credentials } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { computedGapCountExpression, gapCountExpression } from './asset-gaps.js';

describe('stored gap counts', () => {
  let t: TestApp;
  let orgId: string;
  let who: Credentials;
  let memberId: string;
  let levels: Record<string, { id: string } & Record<string, unknown>>;
  const url = (path = '') => `/api/v1/orgs/${orgId}${path}`;
  const call = async (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: Record<string, unknown>) => {
    const response = await request(t.app, method, url(path), { headers: who.mutationHeaders, body });
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
    return response.body;
  };
  const today = () => (t.ctx.clock as ManualClock).now().toISOString().slice(0, 10);
  /** Assets whose stored count (plus the dated rule) differs from the rules evaluated now. */
  const drift = async () => {
    const rows = await sql<{ id: string; stored: number; computed: number }>`
      select a.id, ${gapCountExpression(today())} as stored, ${computedGapCountExpression(today())} as computed
        from assets a left join classification_levels c on c.id = a.classification_id
       where a.organization_id = ${orgId}`.execute(t.ctx.database.db);
    return { total: rows.rows.reduce((n, r) => n + Number(r.computed), 0), differing: rows.rows.filter((r) => Number(r.stored) !== Number(r.computed)) };
  };

  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await buildOrganization(t.ctx, { name: 'Gap Drift Hospital' })).id;
    memberId = (await buildMember(t.ctx, orgId, 'admin')).id;
    who = await buildSession(t.ctx, memberId);
    const list = await request(t.app, 'GET', url('/classification-levels'), { headers: who.headers });
    levels = Object.fromEntries(list.body.items.map((l: { name: string; id: string }) => [l.name, l]));
  });
  afterAll(() => t.close());

  it('stay equal to the rules through creates, updates, flows, classification changes, imports and deletes', async () => {
    const restricted = levels['Restricted (PHI)']!.id;
    const ehr = await call('POST', '/assets', { name: 'EHR', type: 'application', classificationId: restricted, dataCategories: ['ephi'], owner: 'IT' });
    const phone = await call('POST', '/assets', { name: 'Ward phone', type: 'mobile_device', dataCategories: ['ephi'], owner: 'Nursing', mdmEnrolled: false });
    const pump = await call('POST', '/assets', { name: 'Old pump', type: 'medical_device', owner: 'Biomed', endOfSupport: '2099-01-01', networkSegment: 'flat' });
    const archive = await call('POST', '/assets', { name: 'Archive', type: 'information', owner: 'Records' });
    let state = await drift();
    expect(state.differing).toEqual([]);
    expect(state.total).toBeGreaterThanOrEqual(4);

    const flow = await call('POST', '/data-flows', { sourceAssetId: ehr.id, externalParty: 'Billing partner', purpose: 'Claims', dataCategories: ['ephi'], transportEncrypted: false });
    const internal = await call('POST', '/data-flows', { sourceAssetId: phone.id, targetAssetId: archive.id, purpose: 'Sync', dataCategories: ['ephi'], transportEncrypted: false });
    expect((await drift()).differing).toEqual([]);
    const withFlows = (await drift()).total;
    expect(withFlows).toBeGreaterThan(state.total);

    await call('PUT', `/data-flows/${flow.id}`, { sourceAssetId: phone.id, externalParty: 'Billing partner', purpose: 'Claims', dataCategories: ['ephi'], transportEncrypted: true, agreementReference: 'BAA-7' });
    expect((await drift()).differing).toEqual([]);
    await call('PATCH', `/assets/${ehr.id}`, { encryptedAtRest: true, encryptedInTransit: true, mfaEnabled: true });
    await call('POST', '/assets/bulk-update', { assetIds: [phone.id, archive.id], classificationId: restricted, owner: '' });
    expect((await drift()).differing).toEqual([]);

    const level = levels['Restricted (PHI)']!;
    const fields = ['name', 'rank', 'colour', 'description', 'encryptionAtRestRequired', 'encryptionInTransitRequired', 'mfaRequired', 'byodAllowed', 'leaveOnlyUnderAgreement', 'retention'];
    const rules = Object.fromEntries(fields.map((f) => [f, level[f]]));
    await call('PUT', `/classification-levels/${level.id}`, { ...rules, encryptionAtRestRequired: false, mfaRequired: false });
    expect((await drift()).differing).toEqual([]);

    // The dated rule follows the clock without a write.
    (t.ctx.clock as ManualClock).set(new Date('2100-01-02T00:00:00Z'));
    who = await buildSession(t.ctx, memberId);
    state = await drift();
    expect(state.differing).toEqual([]);
    const listed = await request(t.app, 'GET', url(`/assets?gaps=yes&q=old pump`), { headers: who.headers });
    expect(listed.body.items.map((a: { id: string }) => a.id)).toEqual([pump.id]);

    await call('DELETE', `/data-flows/${internal.id}`);
    const csv = 'external_ref,name,type,owner,data_categories,mdm_enrolled\nM-1,Imported phone,mobile_device,,ephi,no\n';
    const imported = await t.app.inject({ method: 'POST', url: url('/assets/import?format=csv'), headers: { ...who.mutationHeaders, 'content-type': 'text/csv' }, payload: csv });
    expect(imported.statusCode, imported.body).toBe(200);
    expect((await drift()).differing).toEqual([]);
    await call('DELETE', `/assets/${archive.id}`);
    expect((await drift()).differing).toEqual([]);
  });
});
