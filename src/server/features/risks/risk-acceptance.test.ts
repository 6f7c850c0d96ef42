import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildOrganization, buildSession, type Credentials } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { AT_LEVEL, treatmentWorld, type Person, type SeededLevel, type TreatmentWorld } from './risk-treatment-test-support.js';

describe('POST /api/v1/orgs/:orgId/risks/:riskId/acceptances', () => {
  let w: TreatmentWorld;
  const TODAY = '2026-01-31';
  const NEXT_YEAR = '2027-01-31';

  const accept = (riskId: string, creds: Credentials, body: Record<string, unknown>) =>
    request(w.t.app, 'POST', w.url(`/risks/${riskId}/acceptances`), { headers: creds.mutationHeaders, body: { rationale: 'Residual risk within appetite after review', ...body } });
  const detail = async (riskId: string, creds: Credentials = w.people.isms_manager.creds) => (await request(w.t.app, 'GET', w.url(`/risks/${riskId}`), { headers: creds.headers })).body;
  const treatment = async (riskId: string, creds: Credentials = w.people.isms_manager.creds) => (await request(w.t.app, 'GET', w.url(`/risks/${riskId}/treatment`), { headers: creds.headers })).body;
  const riskAt = (level: SeededLevel, extra: Record<string, unknown> = {}) => w.createRisk({ title: `A ${level} risk`, ownerUserId: w.people.risk_owner.id, current: AT_LEVEL[level], residual: AT_LEVEL[level], ...extra });

  beforeAll(async () => {
    w = await treatmentWorld(`${TODAY}T12:00:00.000Z`);
  });
  afterAll(() => w.t.close());

  describe('who may accept each level of the seeded method', () => {
    // low → the owner, medium → ISMS manager, high → top management, critical → never; admin only as owner.
    const allowed: Record<SeededLevel, string[]> = {
      low: ['risk_owner', 'isms_manager', 'top_management'],
      medium: ['isms_manager', 'top_management'],
      high: ['top_management'],
      critical: [],
    };
    const roles = ['risk_owner', 'isms_manager', 'top_management', 'admin', 'clinical_safety_officer', 'auditor', 'privacy_officer'] as const;

    for (const level of Object.keys(allowed) as SeededLevel[]) {
      it(`${level}: accepted by ${allowed[level].join(', ') || 'no one'}, refused to everyone else with the reason`, async () => {
        const risk = await riskAt(level);
        for (const role of roles) {
          const person: Person = w.people[role];
          const response = await accept(risk.id, person.creds, { expiresOn: NEXT_YEAR, riskVersion: risk.version });
          if (allowed[level].includes(role)) {
            expect(response.status, `${role}: ${JSON.stringify(response.body)}`).toBe(201);
            expect(response.body).toMatchObject({ kind: 'acceptance', role, acceptedBy: { id: person.id, name: `Test ${role}` }, stage: 'residual', levelKey: level, methodVersion: 1, expiresOn: NEXT_YEAR, stale: false, staleReasons: [] });
            continue;
          }
          expect(response.status, `${role} at ${level}`).toBe(403);
          expect(response.body.error.code).toBe('permission_denied');
          if (role === 'auditor' || role === 'privacy_officer') continue; // no risk.accept at all: the route refuses first
          if (level === 'critical') expect(response.body.error.message).toBe('A Critical risk must be treated: method version 1 allows no acceptance');
          else if (level === 'high') expect(response.body.error.message).toBe('Only top management may accept a High risk under method version 1');
          else if (level === 'medium') expect(response.body.error.message).toBe('Only the ISMS manager or top management may accept a Medium risk under method version 1');
          else expect(response.body.error.message).toBe("Only the risk's owner, the ISMS manager or top management may accept a Low risk under method version 1");
        }
        const recorded = (await treatment(risk.id)).acceptances as { role: string }[];
        expect(recorded.map((a) => a.role).sort()).toEqual([...allowed[level]].sort());
        expect(await w.events('risk.accepted', risk.id)).toHaveLength(allowed[level].length);
        // The abilities the UI shows agree with the server's rule.
        const asOwner = await request(w.t.app, 'GET', w.url(`/risks/${risk.id}`), { headers: w.people.risk_owner.creds.headers });
        expect(asOwner.body.abilities.accept).toBe(allowed[level].includes('risk_owner'));
      });
    }

    it('lets an admin accept a low risk they own, in the role of risk owner', async () => {
      const risk = await w.createRisk({ title: 'Admin-owned risk', ownerUserId: w.people.admin.id, residual: AT_LEVEL.low });
      const response = await accept(risk.id, w.people.admin.creds, { expiresOn: NEXT_YEAR, riskVersion: risk.version });
      expect(response.status).toBe(201);
      expect(response.body.role).toBe('risk_owner');
    });
  });

  describe('rules of the record', () => {
    it('requires an expiry after today and at most 3 years ahead, the version read, and an assessed level', async () => {
      const risk = await riskAt('low');
      const manager = w.people.isms_manager.creds;
      const cases: [Record<string, unknown>, number, RegExp][] = [
        [{ riskVersion: risk.version }, 400, /^body\.expiresOn: is required for an acceptance/],
        [{ riskVersion: risk.version, expiresOn: TODAY }, 400, /^body\.expiresOn: must be after today \(2026-01-31\)/],
        [{ riskVersion: risk.version, expiresOn: '2029-02-01' }, 400, /^body\.expiresOn: must be at most 3 years ahead \(2029-01-31 at the latest\)/],
        [{ riskVersion: risk.version, expiresOn: NEXT_YEAR, rationale: 'ok' }, 400, /^body\.rationale: must say why/],
        [{ riskVersion: risk.version, expiresOn: NEXT_YEAR, kind: 'waiver' }, 400, /^body\.kind: /],
        [{ riskVersion: risk.version + 1, expiresOn: NEXT_YEAR }, 409, /^risk: was changed by someone else meanwhile/],
      ];
      for (const [body, status, message] of cases) {
        const response = await accept(risk.id, manager, body);
        expect(response.status, JSON.stringify(body)).toBe(status);
        expect(response.body.error.message).toMatch(message);
      }
      expect((await accept(risk.id, manager, { riskVersion: risk.version, expiresOn: '2029-01-31' })).status).toBe(201);

      const unassessed = await w.createRisk({ title: 'Not assessed yet' });
      const refused = await accept(unassessed.id, manager, { riskVersion: unassessed.version, expiresOn: NEXT_YEAR });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toBe('Assess the risk first: there is no level to accept or sign off');
      expect(await w.events('risk.accepted', unassessed.id)).toHaveLength(0);
    });

    it('is append-only: no route changes or removes an acceptance, and accepting leaves the risk\'s version alone', async () => {
      const routes = w.t.app.custos.routes.filter((r) => r.url.includes('acceptances'));
      expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/v1/orgs/:orgId/risks/:riskId/acceptances']);
      const risk = await riskAt('medium');
      const first = await accept(risk.id, w.people.isms_manager.creds, { expiresOn: NEXT_YEAR, riskVersion: risk.version });
      const second = await accept(risk.id, w.people.top_management.creds, { expiresOn: '2026-12-31', riskVersion: risk.version, rationale: 'Re-accepted by the board for this year' });
      expect([first.status, second.status]).toEqual([201, 201]);
      expect((await detail(risk.id)).version).toBe(risk.version);
      const list = (await treatment(risk.id)).acceptances as { id: string; rationale: string }[];
      expect(list.map((a) => a.id)).toEqual([second.body.id, first.body.id]);
      for (const method of ['PATCH', 'DELETE', 'PUT'] as const) {
        const response = await request(w.t.app, method, w.url(`/risks/${risk.id}/acceptances/${first.body.id}`), { headers: w.people.admin.creds.mutationHeaders, body: method === 'DELETE' ? undefined : { rationale: 'Tampered with' } });
        expect(response.status, method).toBe(404);
      }
      const [event] = await w.events('risk.accepted', risk.id);
      expect(JSON.parse(event!.changes!)).toMatchObject({ acceptanceId: first.body.id, role: 'isms_manager', stage: 'residual', level: { key: 'medium', rank: 2 }, methodVersion: 1, expiresOn: NEXT_YEAR });
    });

    it('hides the risks of another organization (not found, nothing recorded)', async () => {
      const risk = await riskAt('low');
      const otherOrg = (await buildOrganization(w.t.ctx, { name: 'Other Hospital' })).id;
      const outsider = await buildSession(w.t.ctx, (await buildMember(w.t.ctx, otherOrg, 'top_management')).id);
      const response = await request(w.t.app, 'POST', w.url(`/risks/${risk.id}/acceptances`, otherOrg), { headers: outsider.mutationHeaders, body: { rationale: 'Accepting a risk elsewhere', riskVersion: risk.version, expiresOn: NEXT_YEAR } });
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('not_found');
      expect((await request(w.t.app, 'GET', w.url(`/risks/${risk.id}/treatment`, otherOrg), { headers: outsider.headers })).status).toBe(404);
      expect(await w.events('risk.accepted', risk.id)).toHaveLength(0);
    });
  });

  describe('clinical sign-off of a patient-safety risk', () => {
    it('awaits the clinical safety officer after an acceptance, and only they may sign off', async () => {
      const risk = await w.createRisk({ title: 'Unpatched infusion pumps on a flat network', ownerUserId: w.people.risk_owner.id, residual: { likelihood: 4, impacts: { patient_safety: 3, availability: 2 } } });
      const before = await detail(risk.id);
      expect(before).toMatchObject({ needsClinicalSignOff: true, acceptanceState: 'none', residual: { key: 'high' } });

      expect((await accept(risk.id, w.people.top_management.creds, { expiresOn: NEXT_YEAR, riskVersion: risk.version })).status).toBe(201);
      expect((await detail(risk.id)).acceptanceState).toBe('awaiting_sign_off');

      for (const role of ['top_management', 'isms_manager', 'admin'] as const) {
        const refused = await accept(risk.id, w.people[role].creds, { kind: 'clinical_sign_off', riskVersion: risk.version });
        expect(refused.status, role).toBe(403);
        expect(refused.body.error.message).toBe('Only a clinical safety officer may sign off a risk with a patient-safety impact');
      }
      const csoView = await request(w.t.app, 'GET', w.url(`/risks/${risk.id}`), { headers: w.people.clinical_safety_officer.creds.headers });
      expect(csoView.body.abilities).toMatchObject({ accept: false, signOff: true });

      const signed = await accept(risk.id, w.people.clinical_safety_officer.creds, { kind: 'clinical_sign_off', riskVersion: risk.version, rationale: 'Clinical hazard log entry H-12 reviewed; mitigations adequate' });
      expect(signed.status, JSON.stringify(signed.body)).toBe(201);
      expect(signed.body).toMatchObject({ kind: 'clinical_sign_off', role: 'clinical_safety_officer', levelKey: 'high', expiresOn: null });
      expect((await detail(risk.id)).acceptanceState).toBe('accepted');
      expect(await w.events('risk.signed_off', risk.id)).toHaveLength(1);
      const list = await request(w.t.app, 'GET', `${w.url('/risks')}?acceptance=accepted&pageSize=200`, { headers: w.people.isms_manager.creds.headers });
      expect(list.body.items.map((r: { id: string }) => r.id)).toContain(risk.id);
    });

    it('refuses a sign-off for a risk without a patient-safety impact', async () => {
      const risk = await riskAt('high');
      const response = await accept(risk.id, w.people.clinical_safety_officer.creds, { kind: 'clinical_sign_off', riskVersion: risk.version });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/^body\.kind: this risk needs no clinical sign-off/);
    });
  });

  describe('staleness (computed, never stored)', () => {
    it('goes stale when the level rises above the one accepted', async () => {
      const risk = await riskAt('medium');
      expect((await accept(risk.id, w.people.top_management.creds, { expiresOn: NEXT_YEAR, riskVersion: risk.version })).status).toBe(201);
      expect((await detail(risk.id)).acceptanceState).toBe('accepted');
      // A lower level keeps it …
      const lowered = await request(w.t.app, 'PATCH', w.url(`/risks/${risk.id}`), { headers: w.people.isms_manager.creds.mutationHeaders, body: { version: risk.version, residual: AT_LEVEL.low } });
      expect(lowered.status, JSON.stringify(lowered.body)).toBe(200);
      expect((await detail(risk.id)).acceptanceState).toBe('accepted');
      // … a higher one makes it stale.
      const raised = await request(w.t.app, 'PATCH', w.url(`/risks/${risk.id}`), { headers: w.people.isms_manager.creds.mutationHeaders, body: { version: lowered.body.version, residual: AT_LEVEL.high } });
      expect(raised.status).toBe(200);
      const after = await detail(risk.id);
      expect(after).toMatchObject({ acceptanceState: 'stale', staleReasons: ['level_rose'] });
      expect((await treatment(risk.id)).acceptances[0]).toMatchObject({ levelKey: 'medium', stale: true, staleReasons: ['level_rose'] });
      // The stored record is unchanged: stale is computed.
      const stored = await w.t.ctx.database.db.selectFrom('audit_events').select('id').where('type', '=', 'risk.accepted').where('subject_id', '=', risk.id).execute();
      expect(stored).toHaveLength(1);
    });

    it('goes stale the day after its expiry (test clock), sign-off included', async () => {
      const risk = await w.createRisk({ title: 'Infusion pump drug library outdated', ownerUserId: w.people.risk_owner.id, residual: { likelihood: 1, impacts: { patient_safety: 2 } } });
      expect((await detail(risk.id)).residual.key).toBe('low');
      expect((await accept(risk.id, w.people.risk_owner.creds, { expiresOn: '2026-03-31', riskVersion: risk.version })).status).toBe(201);
      expect((await accept(risk.id, w.people.clinical_safety_officer.creds, { kind: 'clinical_sign_off', expiresOn: '2026-02-28', riskVersion: risk.version })).status).toBe(201);
      expect((await detail(risk.id)).acceptanceState).toBe('accepted');
      // Sessions end with time: sign in afresh at each moment.
      const at = async (instant: string) => {
        w.clock.set(instant);
        return w.session(w.people.isms_manager);
      };
      try {
        let creds = await at('2026-02-28T23:00:00.000Z'); // the sign-off's last day
        expect((await detail(risk.id, creds)).acceptanceState).toBe('accepted');
        creds = await at('2026-03-01T01:00:00.000Z');
        expect((await detail(risk.id, creds)).acceptanceState).toBe('awaiting_sign_off');
        creds = await at('2026-04-01T01:00:00.000Z');
        const view = await detail(risk.id, creds);
        expect(view).toMatchObject({ acceptanceState: 'stale', staleReasons: ['expired'] });
        const acceptances = (await treatment(risk.id, creds)).acceptances as { kind: string; stale: boolean; staleReasons: string[] }[];
        expect(acceptances.map((a) => [a.kind, a.stale, a.staleReasons])).toEqual([
          ['clinical_sign_off', true, ['expired']],
          ['acceptance', true, ['expired']],
        ]);
      } finally {
        w.clock.set(`${TODAY}T12:00:00.000Z`);
      }
    });
  });
});
