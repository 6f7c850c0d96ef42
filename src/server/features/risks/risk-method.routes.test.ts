import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TRiskMethod } from '../../../shared/contracts/risk-method.js';
import type { TRemapPreviewRow } from '../../../shared/contracts/risks.js';
import { assess, defaultMethod, remapAssessment } from '../../../shared/risk-method.js';
import { buildOrganization } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { repoDb } from './risk.repository.js';
import { storedAssessment } from './risk-stage.js';
import { buildRisk, buildRiskMember, rated, resizedMethod, type TestMember } from './risk-test-support.js';

const STAGES = ['inherent', 'current', 'residual'] as const;

describe('risk method API', () => {
  let t: TestApp;
  let orgId: string;
  let manager: TestMember;
  let owner: TestMember;
  const url = (path: string, org = orgId) => `/api/v1/orgs/${org}${path}`;
  const rows = () => repoDb(t.ctx.database.db).selectFrom('risks').selectAll().where('organization_id', '=', orgId).orderBy('ref_number').execute();
  const assessedStages = async () => (await rows()).flatMap((r) => STAGES.filter((s) => r[`${s}_likelihood`] !== null).map((s) => `${r.id}:${s}`)).sort();
  const currentVersion = async () => (await request(t.app, 'GET', url('/risk-method'), { headers: manager.headers })).body as { version: number; method: TRiskMethod };
  const previewAll = async (method: TRiskMethod, baseVersion: number, onlyChanged = false) => {
    const items: TRemapPreviewRow[] = [];
    let page = 1;
    let body: { total: number; assessments: number; levelChanged: number; needsInput: number; items: TRemapPreviewRow[] };
    do {
      const response = await request(t.app, 'POST', url('/risk-method/preview'), { headers: manager.mutationHeaders, body: { method, baseVersion, onlyChanged, page, pageSize: 4 } });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      body = response.body;
      items.push(...body.items);
      page += 1;
    } while (items.length < body.total);
    return { ...body, items };
  };

  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await buildOrganization(t.ctx, { name: 'Method Test Hospital' })).id;
    manager = await buildRiskMember(t.ctx, orgId, 'isms_manager', 'Mia Manager');
    owner = await buildRiskMember(t.ctx, orgId, 'risk_owner');
    const specs = [
      { inherent: rated(5, { confidentiality: 5, availability: 3 }), current: rated(4, { confidentiality: 4 }), residual: rated(2, { confidentiality: 2 }) },
      { inherent: rated(3, { patient_safety: 4, integrity: 2 }), current: rated(3, { patient_safety: 3 }) },
      { current: rated(1, { availability: 1 }) },
      { inherent: rated(4, { integrity: 5 }), residual: rated(1, { integrity: 1, patient_safety: null }) },
      { title: 'Not assessed at all' },
      { inherent: rated(2, { availability: 4 }), current: rated(2, { availability: 3, patient_safety: 2 }) },
    ];
    for (const spec of specs) await buildRisk(t.ctx, orgId, spec);
  });
  afterAll(() => t.close());

  it('shows the seeded 5 × 5 method with a patient-safety dimension as version 1', async () => {
    const method = await request(t.app, 'GET', url('/risk-method'), { headers: owner.headers });
    expect(method.status).toBe(200);
    expect(method.body).toMatchObject({ version: 1, isCurrent: true, createdBy: null });
    expect(method.body.method).toEqual(defaultMethod());
    expect(method.body.method.dimensions).toContain('patient_safety');
    const versions = await request(t.app, 'GET', url('/risk-method/versions'), { headers: owner.headers });
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([1]);
  });

  it('previews a 5 × 5 → 4 × 4 change: every stored assessment with its old and new values, paged and filterable', async () => {
    const fourByFour = resizedMethod(defaultMethod(), { likelihood: 4, impact: 4 });
    const preview = await previewAll(fourByFour, 1);
    const expected = await assessedStages();
    expect(preview.assessments).toBe(expected.length);
    expect(preview.items.map((i) => `${i.riskId}:${i.stage}`).sort()).toEqual(expected);
    expect(preview.needsInput).toBe(0);
    const stored = await rows();
    for (const item of preview.items) {
      const row = stored.find((r) => r.id === item.riskId)!;
      expect(item.ref).toMatch(/^R-\d{4}$/);
      expect(item.preview).toEqual(remapAssessment(defaultMethod(), fourByFour, storedAssessment(row, item.stage)!));
    }
    // ceil(5 × 4 ÷ 5) = 4, ceil(2 × 4 ÷ 5) = 2, ceil(1 × 4 ÷ 5) = 1
    const first = preview.items.find((i) => i.stage === 'inherent' && i.preview.likelihood.old === 5)!;
    expect(first.preview.likelihood).toEqual({ old: 5, new: 4 });
    expect(first.preview.dimensions.find((d) => d.dimension === 'availability')).toEqual({ dimension: 'availability', old: 3, new: 3, change: 'remapped' });
    const changed = await previewAll(fourByFour, 1, true);
    expect(changed.total).toBe(preview.levelChanged);
    expect(changed.items.every((i) => i.preview.isLevelChanged)).toBe(true);
    expect(preview.levelChanged).toBeGreaterThan(0);
    expect(preview.levelChanged).toBeLessThan(preview.assessments);
  });

  it('refuses a preview from a stale version (409), an invalid method naming the field (400) and a role without risk.method (403)', async () => {
    const method = defaultMethod();
    const stale = await request(t.app, 'POST', url('/risk-method/preview'), { headers: manager.mutationHeaders, body: { method, baseVersion: 7 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/^baseVersion: /);
    const broken = { ...method, matrix: method.matrix.slice(0, 4) };
    const invalid = await request(t.app, 'POST', url('/risk-method/preview'), { headers: manager.mutationHeaders, body: { method: broken, baseVersion: 1 } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/body\.method\.matrix: must have 5 rows/);
    const refused = await request(t.app, 'POST', url('/risk-method/preview'), { headers: owner.mutationHeaders, body: { method, baseVersion: 1 } });
    expect(refused.status).toBe(403);
  });

  it('saves 4 × 4 as version 2 and re-maps every assessment (none cleared), recording the version, the levels and the events', async () => {
    const fourByFour = resizedMethod(defaultMethod(), { likelihood: 4, impact: 4 });
    const before = await rows();
    const beforeStages = await assessedStages();
    const preview = await previewAll(fourByFour, 1);
    const saved = await request(t.app, 'POST', url('/risk-method/versions'), { headers: manager.mutationHeaders, body: { method: fourByFour, baseVersion: 1, note: 'Simpler 4 × 4 scales' } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body).toMatchObject({ remapped: beforeStages.length, adjusted: 0, levelChanged: preview.levelChanged, version: { version: 2, isCurrent: true, note: 'Simpler 4 × 4 scales', createdBy: { id: manager.id, name: 'Mia Manager' } } });
    expect(await assessedStages()).toEqual(beforeStages);
    const after = await rows();
    for (const row of after) {
      const old = before.find((r) => r.id === row.id)!;
      const isAssessed = STAGES.some((s) => old[`${s}_likelihood`] !== null);
      expect(Number(row.version)).toBe(Number(old.version) + (isAssessed ? 1 : 0));
      for (const stage of STAGES) {
        if (old[`${stage}_likelihood`] === null) {
          expect(row[`${stage}_likelihood`]).toBeNull();
          continue;
        }
        const proposal = preview.items.find((i) => i.riskId === row.id && i.stage === stage)!.preview.proposed;
        expect(storedAssessment(row, stage)).toEqual(proposal);
        const derived = assess(fourByFour, proposal);
        expect(row).toMatchObject({ [`${stage}_method_version`]: 2, [`${stage}_level_key`]: derived.levelKey, [`${stage}_assessed_at`]: old[`${stage}_assessed_at`] });
        expect(Number(row[`${stage}_level_rank`])).toBe(derived.levelRank);
        expect(Number(row[`${stage}_impact`])).toBe(derived.impact);
      }
    }
    const events = await t.ctx.database.db.selectFrom('audit_events').selectAll().where('organization_id', '=', orgId).where('type', 'in', ['risk_method.changed', 'risk.updated']).orderBy('seq').execute();
    const changedEvent = events.filter((e) => e.type === 'risk_method.changed').at(-1)!;
    expect(JSON.parse(changedEvent.changes!)).toMatchObject({ version: { from: 1, to: 2 }, note: 'Simpler 4 × 4 scales', assessments: beforeStages.length, diff: { likelihoodLevels: { from: 5, to: 4 }, impactLevels: { from: 5, to: 4 } } });
    const riskEvents = events.filter((e) => e.type === 'risk.updated');
    expect(riskEvents.length).toBeGreaterThan(0);
    expect(JSON.parse(riskEvents[0]!.changes!)).toMatchObject({ methodVersion: { from: 1, to: 2 }, remapped: expect.any(Object) });
    // The detail reads the new version and labels.
    const detail = await request(t.app, 'GET', url(`/risks/${after[0]!.id}`), { headers: owner.headers });
    expect(detail.body.assessments.inherent.methodVersion).toBe(2);
    const versions = await request(t.app, 'GET', url('/risk-method/versions'), { headers: owner.headers });
    expect(versions.body.map((v: { version: number; isCurrent: boolean }) => [v.version, v.isCurrent])).toEqual([[2, true], [1, false]]);
  });

  it('reschedules the next review only where the acceptance stage\'s level changed', async () => {
    const { version, method } = await currentVersion();
    // Raise one cell of the matrix by one level where that keeps it monotone: only risks in that cell change level.
    const rank = new Map(method.levels.map((l) => [l.key, l.rank]));
    const cellRank = (l: number, i: number) => rank.get(method.matrix[l]![i]!)!;
    let cell: [number, number] | null = null;
    for (let l = 0; l < method.matrix.length && !cell; l += 1) {
      for (let i = 0; i < method.matrix[l]!.length && !cell; i += 1) {
        const next = cellRank(l, i) + 1;
        if (next > method.levels.length) continue;
        const dominated = method.matrix.flatMap((row, l2) => row.map((_, i2) => [l2, i2] as const)).filter(([l2, i2]) => l2 >= l && i2 >= i && (l2 !== l || i2 !== i));
        if (dominated.every(([l2, i2]) => cellRank(l2, i2) >= next)) cell = [l, i];
      }
    }
    expect(cell).not.toBeNull();
    const [l, i] = cell!;
    const top = method.levels.find((level) => level.rank === cellRank(l, i) + 1)!;
    const raised = structuredClone(method);
    raised.matrix[l]![i] = top.key;
    const risk = await buildRisk(t.ctx, orgId, { current: rated(l + 1, { availability: i + 1 }) });
    const untouched = await buildRisk(t.ctx, orgId, { current: rated(l === 0 ? 2 : 1, { availability: i === 0 ? 2 : 1 }) });
    const saved = await request(t.app, 'POST', url('/risk-method/versions'), { headers: manager.mutationHeaders, body: { method: raised, baseVersion: version } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const after = (await rows()).filter((r) => r.id === risk.id || r.id === untouched.id);
    const moved = after.find((r) => r.id === risk.id)!;
    const kept = after.find((r) => r.id === untouched.id)!;
    expect(moved.current_level_key).toBe(top.key);
    expect(moved.next_review_on).not.toBe(risk.nextReviewOn);
    expect(kept.next_review_on).toBe(untouched.nextReviewOn);
  });

  it('refuses a change that leaves assessments without any rated dimension until each is adjusted; adjustments override the proposal', async () => {
    const { version, method } = await currentVersion();
    const noConfidentiality: TRiskMethod = { ...structuredClone(method), dimensions: method.dimensions.filter((d) => d !== 'confidentiality') };
    const versionBefore = (await rows()).map((r) => [r.id, r.version]);
    const refused = await request(t.app, 'POST', url('/risk-method/versions'), { headers: manager.mutationHeaders, body: { method: noConfidentiality, baseVersion: version } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^body\.adjustments: R-\d{4} (inherent|current|residual)(, R-\d{4} (inherent|current|residual))* need a value/);
    expect((await currentVersion()).version).toBe(version);
    expect((await rows()).map((r) => [r.id, r.version])).toEqual(versionBefore);

    const preview = await previewAll(noConfidentiality, version, true);
    const needy = preview.items.filter((i) => i.preview.needsInput);
    expect(needy.length).toBe(preview.needsInput);
    expect(needy.length).toBeGreaterThan(0);
    const adjustments = needy.map((i) => ({ riskId: i.riskId, stage: i.stage, likelihood: i.preview.likelihood.new, impacts: { integrity: 2 } }));

    const badAdjustments = [{ ...adjustments[0]!, likelihood: 9 }, { ...adjustments[0]!, riskId: '00000000-0000-4000-8000-000000000000' }, ...adjustments.slice(1)];
    const invalid = await request(t.app, 'POST', url('/risk-method/versions'), { headers: manager.mutationHeaders, body: { method: noConfidentiality, baseVersion: version, adjustments: badAdjustments } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/body\.adjustments\.0\.likelihood: must be a whole number from 1 to 4/);
    expect(invalid.body.error.message).toMatch(/body\.adjustments\.1\.riskId: is not a risk of this organization/);
    const assessedBefore = await assessedStages();
    const saved = await request(t.app, 'POST', url('/risk-method/versions'), { headers: manager.mutationHeaders, body: { method: noConfidentiality, baseVersion: version, adjustments, note: 'Confidentiality folded into regulatory' } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body.adjusted).toBe(adjustments.length);
    expect(await assessedStages()).toEqual(assessedBefore);
    const after = await rows();
    for (const a of adjustments) {
      const row = after.find((r) => r.id === a.riskId)!;
      expect(storedAssessment(row, a.stage)).toEqual({ likelihood: a.likelihood, impacts: { integrity: 2 } });
      expect(row[`${a.stage}_method_version`]).toBe(version + 1);
    }
    const stale = await request(t.app, 'POST', url('/risk-method/versions'), { headers: manager.mutationHeaders, body: { method: noConfidentiality, baseVersion: version, adjustments } });
    expect(stale.status).toBe(409);
  });
});
