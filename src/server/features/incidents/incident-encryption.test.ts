/**
 * PHI never rests in plaintext (A.8.24; 45 CFR 164.312(a)(2)(iv)): a marker written into every encrypted
 * field of an incident is found nowhere in the raw rows of the incident tables or the audit trail, while
 * the API gives it back decrypted.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { buildIncidentMember, recordAssessment, type TestMember } from './incident-test-support.js';

const RAW_TABLES = ['incidents', 'incident_assets', 'incident_timeline', 'incident_communications', 'incident_actions', 'incident_assessments', 'incident_obligations', 'incident_drafts', 'incident_disposals', 'incident_settings', 'audit_events'] as const;

describe('incident encryption at rest', () => {
  let t: TestApp;
  let orgId: string;
  let handler: TestMember;
  const url = (path: string) => `/api/v1/orgs/${orgId}${path}`;

  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await buildOrganization(t.ctx)).id;
    handler = await buildIncidentMember(t.ctx, orgId, 'privacy_officer', 'Pia Privacy');
  });
  afterAll(() => t.close());

  it('stores description, PHI details, root cause, lessons learned, timeline text and communication summary only as envelopes', async () => {
    const marker = 'PHI-MARKER-Jane-Doe-MRN-483920';
    const post = (path: string, body: unknown) => request(t.app, 'POST', url(path), { headers: handler.mutationHeaders, body });
    const created = await post('/incidents', { title: 'Misdirected fax to a pharmacy', category: 'misdirected_phi', description: `Fax about ${marker}`, phiDetails: `Name and MRN: ${marker}`, discoveredAt: t.ctx.clock.now().toISOString(), individualsTotal: 1 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    await recordAssessment(t.ctx, id, { hipaaConclusion: 'breach', gdprConclusion: 'no_breach' });
    const patched = await request(t.app, 'PATCH', url(`/incidents/${id}`), { headers: handler.mutationHeaders, body: { rootCauseAnalysis: `Wrong speed-dial for ${marker}`, description: `Fax about ${marker} (updated)` } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect((await post(`/incidents/${id}/timeline`, { at: t.ctx.clock.now().toISOString(), text: `Called the pharmacy about ${marker}` })).status).toBe(201);
    expect((await post(`/incidents/${id}/communications`, { recipient: 'individuals', channel: 'letter', sentAt: t.ctx.clock.now().toISOString(), summary: `Letter to ${marker}`, obligationId: 'hipaa.individuals' })).status).toBe(201);
    expect((await post(`/incidents/${id}/transition`, { to: 'closed', lessonsLearned: `Never fax ${marker} again`, note: `Closed for ${marker}` })).status).toBe(200);

    const detail = await request(t.app, 'GET', url(`/incidents/${id}`), { headers: handler.headers });
    expect(detail.body).toMatchObject({ description: `Fax about ${marker} (updated)`, phiDetails: `Name and MRN: ${marker}`, rootCauseAnalysis: `Wrong speed-dial for ${marker}`, lessonsLearned: `Never fax ${marker} again` });
    const timeline = await request(t.app, 'GET', url(`/incidents/${id}/timeline`), { headers: handler.headers });
    expect(JSON.stringify(timeline.body)).toContain(`Called the pharmacy about ${marker}`);
    expect(JSON.stringify(timeline.body)).toContain(`Closed for ${marker}`);
    const communications = await request(t.app, 'GET', url(`/incidents/${id}/communications`), { headers: handler.headers });
    expect(communications.body[0].summary).toBe(`Letter to ${marker}`);

    const db = t.ctx.database.db;
    let rowsRead = 0;
    for (const table of RAW_TABLES) {
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
      rowsRead += rows.length;
      const raw = JSON.stringify(rows);
      expect(raw, table).not.toContain(marker);
      expect(raw.toLowerCase(), table).not.toContain('jane-doe');
    }
    expect(rowsRead).toBeGreaterThan(10);
    const row = (await sql<Record<string, string>>`select description, phi_details, root_cause_analysis, lessons_learned from incidents where id = ${id}`.execute(db)).rows[0]!;
    for (const value of Object.values(row)) expect(value).toMatch(/^cx1\./);
    const texts = (await sql<{ text: string }>`select text from incident_timeline where incident_id = ${id}`.execute(db)).rows;
    expect(texts.length).toBeGreaterThanOrEqual(3);
    for (const { text } of texts) expect(text).toMatch(/^cx1\./);
  });
});
