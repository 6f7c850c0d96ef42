import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { buildOrganization } from '../../testing/factories.js';
import { createTestContext } from '../../testing/test-app.js';
import { sealText } from './incident-crypto.js';
import { type AssessmentFacts, engineInputFor, fulfilObligation, isLate, lawEnforcementHoldUntil, obligationStatus, refreshObligations } from './incident-obligations.js';
import type { IncidentDb } from './incident.tables.js';

const facts = (over: Partial<Parameters<typeof engineInputFor>[0]> = {}) => ({
  discovered_at: '2026-03-02T15:00:00.000Z',
  aware_at: '2026-03-02T15:00:00.000Z',
  individuals_total: 12_000,
  individuals_by_state: JSON.stringify({ NY: 9_000, NJ: 2_950 }),
  le_statement: 'none',
  le_statement_at: null,
  le_written_until: null,
  ...over,
});
const assessed = (over: Partial<AssessmentFacts> = {}): AssessmentFacts => ({ hipaa_role: 'covered_entity', gdpr_role: 'controller', ba_notice_days: null, hipaa_conclusion: 'breach', gdpr_conclusion: 'high', ...over });

describe('engineInputFor', () => {
  it('derives no obligations before the breach assessment, and says the clocks already run', () => {
    const basis = engineInputFor(facts(), null, 'America/New_York');
    expect(basis.input).toBeNull();
    expect(basis.blockedBy).toEqual([{ field: 'assessment', message: expect.stringMatching(/Record the breach assessment.*72 hours already run/) }]);
  });

  it('names the missing discovery and awareness instants', () => {
    const basis = engineInputFor(facts({ discovered_at: null, aware_at: null }), assessed(), 'UTC');
    expect(basis.blockedBy.map((b) => b.field)).toEqual(['discoveredAt', 'awareAt']);
  });

  it('passes the roles, counts, states and conclusions to the engine', () => {
    const { input } = engineInputFor(facts(), assessed({ gdpr_conclusion: 'no_breach', hipaa_conclusion: 'safe_harbor' }), 'America/New_York');
    expect(input).toMatchObject({ timezone: 'America/New_York', hipaaRole: 'covered_entity', gdprRole: 'controller', hipaaBreach: false, gdprRisk: 'none', individuals: 12_000, residentsByState: { NY: 9_000, NJ: 2_950 } });
  });

  it('holds HIPAA notices 30 days after an oral law-enforcement statement, and until the date of a written one; a hold ending before discovery is ignored', () => {
    expect(lawEnforcementHoldUntil({ le_statement: 'oral', le_statement_at: '2026-03-05T10:00:00.000Z', le_written_until: null })).toBe('2026-04-04T10:00:00.000Z');
    expect(lawEnforcementHoldUntil({ le_statement: 'written', le_statement_at: '2026-03-05T10:00:00.000Z', le_written_until: '2026-06-30T21:59:59.000Z' })).toBe('2026-06-30T21:59:59.000Z');
    expect(lawEnforcementHoldUntil({ le_statement: 'none', le_statement_at: null, le_written_until: null })).toBeNull();
    const early = engineInputFor(facts({ le_statement: 'oral', le_statement_at: '2026-01-01T00:00:00.000Z' }), assessed(), 'UTC');
    expect(early.input?.lawEnforcementHoldUntil).toBeUndefined();
    const held = engineInputFor(facts({ le_statement: 'written', le_statement_at: '2026-03-03T00:00:00.000Z', le_written_until: '2026-07-01T00:00:00.000Z' }), assessed(), 'UTC');
    expect(held.input?.lawEnforcementHoldUntil).toBe('2026-07-01T00:00:00.000Z');
  });
});

describe('obligationStatus and isLate', () => {
  const now = new Date('2026-03-10T00:00:00.000Z');
  it('is done when a communication fulfilled it, whatever the time', () => {
    expect(obligationStatus({ required: 1, communication_id: 'c', due_at: '2026-03-01T00:00:00.000Z' }, now)).toBe('done');
  });
  it('is not required, overdue after its due instant, else pending (also without a due instant)', () => {
    expect(obligationStatus({ required: 0, communication_id: null, due_at: null }, now)).toBe('not_required');
    expect(obligationStatus({ required: 1, communication_id: null, due_at: '2026-03-09T23:59:59.999Z' }, now)).toBe('overdue');
    expect(obligationStatus({ required: 1, communication_id: null, due_at: '2026-03-10T00:00:00.000Z' }, now)).toBe('pending');
    expect(obligationStatus({ required: 1, communication_id: null, due_at: null }, now)).toBe('pending');
  });
  it('calls a notice late only when it was done after its due instant', () => {
    expect(isLate({ done_at: '2026-03-11T00:00:00.000Z', due_at: '2026-03-10T00:00:00.000Z' })).toBe(true);
    expect(isLate({ done_at: '2026-03-09T00:00:00.000Z', due_at: '2026-03-10T00:00:00.000Z' })).toBe(false);
    expect(isLate({ done_at: '2026-03-09T00:00:00.000Z', due_at: null })).toBe(false);
  });
});

describe('refreshObligations and fulfilObligation (against the test engine)', () => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let orgId: string;
  const db = () => ctx.database.db as unknown as IncidentDb;
  const rows = (incidentId: string) => db().selectFrom('incident_obligations').selectAll().where('incident_id', '=', incidentId).orderBy('position').execute();

  beforeAll(async () => {
    const made = await createTestContext();
    ctx = made.ctx;
    drop = made.testDb.drop;
    orgId = (await buildOrganization(ctx, { slug: 'obligations-org' })).id;
    await db().updateTable('organizations').set({ time_zone: 'America/New_York' }).where('id', '=', orgId).execute();
  });
  afterAll(() => drop());

  async function insertIncident(ref: number, over: Record<string, unknown> = {}): Promise<string> {
    const id = newId();
    const now = '2026-03-03T00:00:00.000Z';
    await db().insertInto('incidents').values({
      id, organization_id: orgId, ref_number: ref, title: 'Ransomware on PACS', title_lower: 'ransomware on pacs', description: sealText(ctx, 'incidents', 'description', id, ''), category: 'malware', severity: null, status: 'triage',
      occurred_at: null, detected_at: null, discovered_at: '2026-03-02T15:00:00.000Z', aware_at: '2026-03-02T15:00:00.000Z', reported_at: now, reported_by: null, handler_user_id: null, data_categories: '[]',
      phi_details: sealText(ctx, 'incidents', 'phi_details', id, ''), phi_may_be_involved: 1, individuals_total: 12_000, individuals_by_state: JSON.stringify({ NY: 9_000, NJ: 2_950 }), individuals_by_country: '{}',
      root_cause_category: null, root_cause_analysis: sealText(ctx, 'incidents', 'root_cause_analysis', id, ''), lessons_learned: sealText(ctx, 'incidents', 'lessons_learned', id, ''), breach_start_date: null, breach_end_date: null, hhs_breach_type: null,
      hhs_locations: '[]', phi_kinds: '[]', safeguards_in_place: '', actions_taken: '', le_statement: 'none', le_statement_at: null, le_written_until: null, le_official: '',
      hipaa_conclusion: 'not_assessed', gdpr_conclusion: 'not_assessed', closed_at: null, archived_at: null, created_at: now, updated_at: now, ...over,
    }).execute();
    return id;
  }
  const assess = (incidentId: string, over: Partial<AssessmentFacts> = {}) =>
    db().insertInto('incident_assessments').values({ incident_id: incidentId, input: sealText(ctx, 'incident_assessments', 'input', incidentId, '{}'), assessed_by: null, assessed_at: '2026-03-03T00:00:00.000Z', ...assessed(over) })
      .onConflict((oc) => oc.column('incident_id').doUpdateSet({ hipaa_conclusion: over.hipaa_conclusion ?? 'breach', gdpr_conclusion: over.gdpr_conclusion ?? 'high' })).execute();

  it('writes nothing before the assessment, then every obligation of the engine in its order', async () => {
    const id = await insertIncident(1);
    await db().transaction().execute((trx) => refreshObligations(trx, ctx, id));
    expect(await rows(id)).toEqual([]);
    await assess(id);
    await db().transaction().execute((trx) => refreshObligations(trx, ctx, id));
    const written = await rows(id);
    expect(written.map((r) => [r.obligation_id, r.required])).toEqual([
      ['hipaa.individuals', 1], ['hipaa.hhs', 1], ['hipaa.hhs_annual_log', 0], ['hipaa.media.NJ', 1], ['hipaa.media.NY', 1],
      ['gdpr.supervisory_authority', 1], ['gdpr.data_subjects', 1],
    ]);
    // Discovered 2 March 10:00 in New York: 60 days later is 1 May, due at its end (EDT, UTC−4).
    expect(written[0]).toMatchObject({ due_date: '2026-05-01', due_at: '2026-05-02T03:59:59.999Z', organization_id: orgId });
    expect(written.find((r) => r.obligation_id === 'gdpr.supervisory_authority')?.due_at).toBe('2026-03-05T15:00:00.000Z');
  });

  it('keeps a fulfilment across recomputation, refuses a second one and one for an obligation not required', async () => {
    const id = await insertIncident(2);
    await assess(id);
    await db().transaction().execute((trx) => refreshObligations(trx, ctx, id));
    await db().transaction().execute((trx) => fulfilObligation(trx, { incidentId: id, obligationId: 'hipaa.hhs', communicationId: 'comm-1', sentAt: '2026-03-20T12:00:00.000Z' }));
    await expect(db().transaction().execute((trx) => fulfilObligation(trx, { incidentId: id, obligationId: 'hipaa.hhs', communicationId: 'comm-2', sentAt: '2026-03-21T12:00:00.000Z' }))).rejects.toMatchObject({ code: 'conflict' });
    await expect(db().transaction().execute((trx) => fulfilObligation(trx, { incidentId: id, obligationId: 'hipaa.hhs_annual_log', communicationId: 'comm-3', sentAt: '2026-03-21T12:00:00.000Z' }))).rejects.toMatchObject({ code: 'conflict', message: /not a required obligation/ });
    await db().updateTable('incidents').set({ individuals_total: 12_001 }).where('id', '=', id).execute();
    await db().transaction().execute((trx) => refreshObligations(trx, ctx, id));
    expect((await rows(id)).find((r) => r.obligation_id === 'hipaa.hhs')).toMatchObject({ communication_id: 'comm-1', done_at: '2026-03-20T12:00:00.000Z', required: 1 });
  });

  it('keeps a fulfilled obligation the facts no longer derive, as not required; relabels the reasons of a conclusion that is not a breach', async () => {
    const id = await insertIncident(3);
    await assess(id);
    await db().transaction().execute((trx) => refreshObligations(trx, ctx, id));
    await db().transaction().execute((trx) => fulfilObligation(trx, { incidentId: id, obligationId: 'hipaa.media.NJ', communicationId: 'comm-nj', sentAt: '2026-03-20T12:00:00.000Z' }));
    await db().updateTable('incidents').set({ individuals_by_state: JSON.stringify({ NY: 9_000 }) }).where('id', '=', id).execute();
    await assess(id, { hipaa_conclusion: 'safe_harbor', gdpr_conclusion: 'no_breach' });
    await db().transaction().execute((trx) => refreshObligations(trx, ctx, id));
    const after = await rows(id);
    expect(after.at(-1)).toMatchObject({ obligation_id: 'hipaa.media.NJ', required: 0, communication_id: 'comm-nj', reason: expect.stringMatching(/no longer derived/i) });
    expect(after.find((r) => r.obligation_id === 'hipaa.individuals')).toMatchObject({ required: 0, reason: expect.stringMatching(/safe harbor/) });
    expect(after.filter((r) => r.obligation_id.startsWith('gdpr.')).every((r) => r.required === 0 && /not a personal data breach/i.test(r.reason))).toBe(true);
  });
});
