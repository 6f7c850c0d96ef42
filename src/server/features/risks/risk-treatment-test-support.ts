/**
 * Test support for treatment, acceptance and review tests: an app on a test clock, an organization with
 * one member per role, and risks created through the register's API at a chosen level of the seeded
 * 5 × 5 method. Tests only.
 */
import { expect } from 'vitest';
import type { Role } from '../../../shared/permissions.js';
import { ManualClock } from '../../kernel/clock.js';
import { buildMember, buildOrganization, buildSession, type BuiltUser, type Credentials } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

/** Assessments that land on each level of the seeded method (matrix row = likelihood, column = impact). */
export const AT_LEVEL = {
  low: { likelihood: 1, impacts: { confidentiality: 1 } },
  medium: { likelihood: 3, impacts: { confidentiality: 2 } },
  high: { likelihood: 4, impacts: { confidentiality: 3 } },
  critical: { likelihood: 5, impacts: { confidentiality: 5 } },
} as const;
export type SeededLevel = keyof typeof AT_LEVEL;

export const ROLES_UNDER_TEST = ['isms_manager', 'risk_owner', 'top_management', 'clinical_safety_officer', 'admin', 'auditor', 'privacy_officer', 'control_owner', 'staff'] as const satisfies readonly Role[];

export interface Person extends BuiltUser {
  role: Role;
  creds: Credentials;
}

export interface TreatmentWorld {
  t: TestApp;
  clock: ManualClock;
  orgId: string;
  people: Record<(typeof ROLES_UNDER_TEST)[number], Person>;
  url(path: string, org?: string): string;
  /** A fresh session (after moving the clock, older sessions may have timed out). */
  session(person: Person): Promise<Credentials>;
  createRisk(body: Record<string, unknown>, org?: string, creds?: Credentials): Promise<{ id: string; version: number; ref: string }>;
  events(type: string, subjectId?: string): Promise<{ changes: string | null; subject_id: string | null }[]>;
}

export async function treatmentWorld(start = '2026-01-31T12:00:00.000Z'): Promise<TreatmentWorld> {
  const clock = new ManualClock(start);
  const t = await createTestApp({ clock });
  const orgId = (await buildOrganization(t.ctx, { name: 'Treatment Test Hospital' })).id;
  const people = {} as TreatmentWorld['people'];
  for (const role of ROLES_UNDER_TEST) {
    const user = await buildMember(t.ctx, orgId, role, { displayName: `Test ${role}` });
    people[role] = { ...user, role, creds: await buildSession(t.ctx, user.id) };
  }
  const url = (path: string, org = orgId) => `/api/v1/orgs/${org}${path}`;
  return {
    t,
    clock,
    orgId,
    people,
    url,
    session: (person) => buildSession(t.ctx, person.id),
    async createRisk(body, org = orgId, creds = people.isms_manager.creds) {
      const response = await request(t.app, 'POST', url('/risks', org), { headers: creds.mutationHeaders, body: { category: 'cyber', ...body } });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return { id: response.body.id as string, version: response.body.version as number, ref: response.body.ref as string };
    },
    events: (type, subjectId) => {
      let query = t.ctx.database.db.selectFrom('audit_events').select(['changes', 'subject_id']).where('type', '=', type).where('organization_id', '=', orgId);
      if (subjectId) query = query.where('subject_id', '=', subjectId);
      return query.execute();
    },
  };
}
