/**
 * Test data for the breach routes: an incident row written directly (every NOT NULL column, envelopes
 * sealed like the service seals them), so these tests do not depend on the register's services.
 */
import { ManualClock } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { sealText } from './incident-crypto.js';
import { incidentDb, nextRefNumber } from './incident.repository.js';
import type { IncidentsTable } from './incident.tables.js';

/** Mid-June, so no clock of the tests falls near a year end. */
export const BREACH_TEST_NOW = '2026-06-15T12:00:00.000Z';

/** The app with its clock at BREACH_TEST_NOW. */
export function createBreachTestApp(): Promise<TestApp> {
  return createTestApp({ clock: new ManualClock(BREACH_TEST_NOW) });
}

export interface IncidentFields {
  title: string;
  description: string;
  phiDetails: string;
  category: string;
  occurredAt: string | null;
  discoveredAt: string | null;
  awareAt: string | null;
  individualsTotal: number;
  individualsByState: Record<string, number>;
  individualsByCountry: Record<string, number>;
  dataCategories: string[];
  breachStartDate: string | null;
  breachEndDate: string | null;
  hhsBreachType: string | null;
  hhsLocations: string[];
  phiKinds: string[];
  safeguardsInPlace: string;
  actionsTaken: string;
  severity: string | null;
  archived: boolean;
}

export async function buildIncident(ctx: AppContext, organizationId: string, overrides: Partial<IncidentFields> = {}): Promise<{ id: string; ref: number }> {
  const f: IncidentFields = {
    title: 'Ransomware on the imaging archive',
    description: 'Secret description: the PACS server was encrypted',
    phiDetails: 'Names, dates of birth, imaging reports',
    category: 'malware',
    occurredAt: null,
    discoveredAt: null,
    awareAt: null,
    individualsTotal: 0,
    individualsByState: {},
    individualsByCountry: {},
    dataCategories: ['ephi'],
    breachStartDate: null,
    breachEndDate: null,
    hhsBreachType: null,
    hhsLocations: [],
    phiKinds: [],
    safeguardsInPlace: '',
    actionsTaken: '',
    severity: 'high',
    archived: false,
    ...overrides,
  };
  const id = newId();
  const now = ctx.clock.now().toISOString();
  const db = incidentDb(ctx.database.db);
  const ref = await nextRefNumber(db, organizationId);
  const row: IncidentsTable = {
    id,
    organization_id: organizationId,
    ref_number: ref,
    title: f.title,
    title_lower: f.title.toLowerCase(),
    description: sealText(ctx, 'incidents', 'description', id, f.description),
    category: f.category,
    severity: f.severity,
    status: f.archived ? 'closed' : 'triage',
    occurred_at: f.occurredAt,
    detected_at: null,
    discovered_at: f.discoveredAt,
    aware_at: f.awareAt,
    reported_at: now,
    reported_by: null,
    handler_user_id: null,
    data_categories: JSON.stringify(f.dataCategories),
    phi_details: sealText(ctx, 'incidents', 'phi_details', id, f.phiDetails),
    phi_may_be_involved: 1,
    individuals_total: f.individualsTotal,
    individuals_by_state: JSON.stringify(f.individualsByState),
    individuals_by_country: JSON.stringify(f.individualsByCountry),
    root_cause_category: null,
    root_cause_analysis: sealText(ctx, 'incidents', 'root_cause_analysis', id, ''),
    lessons_learned: sealText(ctx, 'incidents', 'lessons_learned', id, f.archived ? 'Lessons' : ''),
    breach_start_date: f.breachStartDate,
    breach_end_date: f.breachEndDate,
    hhs_breach_type: f.hhsBreachType,
    hhs_locations: JSON.stringify(f.hhsLocations),
    phi_kinds: JSON.stringify(f.phiKinds),
    safeguards_in_place: f.safeguardsInPlace,
    actions_taken: f.actionsTaken,
    le_statement: 'none',
    le_statement_at: null,
    le_written_until: null,
    le_official: '',
    hipaa_conclusion: 'not_assessed',
    gdpr_conclusion: 'not_assessed',
    closed_at: f.archived ? now : null,
    archived_at: f.archived ? now : null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('incidents').values(row).execute();
  return { id, ref };
}

/** A HIPAA covered entity's assessment concluding a breach of unsecured PHI, GDPR as given. */
export const BREACH_ASSESSMENT = {
  hipaaRole: 'covered_entity',
  gdprRole: 'controller',
  phiInvolved: true,
  personalDataBreach: true,
  gdprRisk: 'high',
  gdprRationale: 'Health data of patients, exfiltration not excluded',
  factors: {
    nature_extent: { finding: 'Secret finding: diagnoses and MRNs', indicates: 'not_low' },
    unauthorized_person: { finding: 'Criminal group', indicates: 'not_low' },
    acquired_viewed: { finding: 'Exfiltration likely', indicates: 'not_low' },
    mitigation: { finding: 'None possible', indicates: 'not_low' },
  },
} as const;

export const HIPAA_ONLY_BREACH = { hipaaRole: 'covered_entity', gdprRole: 'none', phiInvolved: true, personalDataBreach: false } as const;
