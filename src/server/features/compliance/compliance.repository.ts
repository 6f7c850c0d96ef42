/**
 * Every query of the HIPAA view, readiness and "comply once". Reads are scoped to the organization (and
 * the inheritable controls of the groups above it) in SQL; each function is one query whatever the number
 * of requirements, sites or controls (no N+1).
 */
import type { Kysely } from 'kysely';
import type { ControlStatus, Effectiveness } from '../../../shared/compliance.js';
import type { Db } from '../../kernel/db/database.js';
import { toNumber } from '../../kernel/db/database.js';
import type { ComplianceOnlyTables, ComplianceTables, HipaaDecisionsTable } from '../soa/soa.tables.js';

export type ComplianceDb = Kysely<ComplianceTables>;
export const complianceDb = (db: Db): ComplianceDb => db.withTables<ComplianceOnlyTables>();

export const HIPAA_SECURITY_RULE = 'hipaa-security-rule';
/** Built-in frameworks first, in this order; imported ones after them by name. */
const BUILTIN_ORDER = ['iso27001-2022', 'hipaa-security-rule', 'hipaa-breach-notification', 'gdpr', 'nist-sp800-53-r5'];

export interface FrameworkRow {
  id: string;
  organization_id: string | null;
  name: string;
  short_name: string;
  version: string;
  origin: 'builtin' | 'oscal';
}

/** The built-in frameworks and the organization's own imported ones. */
export async function visibleFrameworks(db: ComplianceDb, orgId: string, frameworkId?: string): Promise<FrameworkRow[]> {
  let query = db
    .selectFrom('frameworks')
    .select(['id', 'organization_id', 'name', 'short_name', 'version', 'origin'])
    .where((eb) => eb.or([eb('organization_id', 'is', null), eb('organization_id', '=', orgId)]));
  if (frameworkId) query = query.where('id', '=', frameworkId);
  const rows = await query.execute();
  const rank = (row: FrameworkRow) => (row.organization_id === null ? (BUILTIN_ORDER.indexOf(row.id) + 1 || BUILTIN_ORDER.length + 1) : 100);
  return rows.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

export interface RequirementRow {
  id: string;
  framework_id: string;
  parent_id: string | null;
  ref: string;
  kind: string;
  title: string;
  obligation: 'required' | 'addressable' | null;
  theme: string | null;
  assessable: number;
  sort_order: number;
  text?: string | null;
}

export async function requirementsOf(db: ComplianceDb, frameworkIds: readonly string[], options: { withText?: boolean } = {}): Promise<RequirementRow[]> {
  if (frameworkIds.length === 0) return [];
  const base = db
    .selectFrom('requirements')
    .select(['id', 'framework_id', 'parent_id', 'ref', 'kind', 'title', 'obligation', 'theme', 'assessable', 'sort_order'])
    .where('framework_id', 'in', [...frameworkIds]);
  const rows = options.withText ? await base.select('text').orderBy('framework_id').orderBy('sort_order').execute() : await base.orderBy('framework_id').orderBy('sort_order').execute();
  return rows.map((r) => ({ ...r, assessable: toNumber(r.assessable), sort_order: toNumber(r.sort_order) }));
}

export interface SoaRow {
  organization_id: string;
  requirement_id: string;
  applicable: number;
  status_override: string | null;
}

export async function soaRows(db: ComplianceDb, orgIds: readonly string[], frameworkIds: readonly string[]): Promise<SoaRow[]> {
  if (orgIds.length === 0 || frameworkIds.length === 0) return [];
  const rows = await db
    .selectFrom('soa_entries as s')
    .innerJoin('requirements as r', 'r.id', 's.requirement_id')
    .select(['s.organization_id', 's.requirement_id', 's.applicable', 's.status_override'])
    .where('s.organization_id', 'in', [...orgIds])
    .where('r.framework_id', 'in', [...frameworkIds])
    .execute();
  return rows.map((r) => ({ ...r, applicable: toNumber(r.applicable) }));
}

export type DecisionRow = HipaaDecisionsTable & { decided_by_name: string | null };

export async function hipaaDecisions(db: ComplianceDb, orgIds: readonly string[], requirementId?: string): Promise<DecisionRow[]> {
  if (orgIds.length === 0) return [];
  let query = db
    .selectFrom('hipaa_decisions as d')
    .leftJoin('users as u', 'u.id', 'd.decided_by')
    .selectAll('d')
    .select('u.display_name as decided_by_name')
    .where('d.organization_id', 'in', [...orgIds]);
  if (requirementId) query = query.where('d.requirement_id', '=', requirementId);
  return query.execute();
}

export interface DecisionControlRow {
  organization_id: string;
  requirement_id: string;
  id: string;
  code: string;
  name: string;
  control_org_id: string;
  status: ControlStatus;
  effectiveness: Effectiveness;
  inheritable: number;
}

/** The controls of alternative measures, for the organizations given. */
export async function decisionControls(db: ComplianceDb, orgIds: readonly string[], requirementId?: string): Promise<DecisionControlRow[]> {
  if (orgIds.length === 0) return [];
  let query = db
    .selectFrom('hipaa_decision_controls as dc')
    .innerJoin('controls as c', 'c.id', 'dc.control_id')
    .select(['dc.organization_id', 'dc.requirement_id', 'c.id', 'c.code', 'c.name', 'c.organization_id as control_org_id', 'c.status', 'c.effectiveness', 'c.inheritable'])
    .where('dc.organization_id', 'in', [...orgIds]);
  if (requirementId) query = query.where('dc.requirement_id', '=', requirementId);
  const rows = await query.orderBy('c.code').execute();
  return rows.map((r) => ({ ...r, inheritable: toNumber(r.inheritable) }));
}

/**
 * The controls with these ids that the organization may use: its own, or inheritable ones of its
 * ancestors. Another organization's control is simply absent (existence never leaks).
 */
export async function usableControls(db: ComplianceDb, orgId: string, ancestors: readonly string[], ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('controls as c')
    .innerJoin('organizations as o', 'o.id', 'c.organization_id')
    .select(['c.id', 'c.code', 'c.name', 'c.organization_id', 'c.status', 'c.effectiveness', 'o.name as organization_name'])
    .where('c.id', 'in', [...ids])
    .where((eb) => (ancestors.length === 0 ? eb('c.organization_id', '=', orgId) : eb.or([eb('c.organization_id', '=', orgId), eb.and([eb('c.organization_id', 'in', [...ancestors]), eb('c.inheritable', '=', 1)])])))
    .execute();
}

export async function evidenceCounts(db: ComplianceDb, controlIds: readonly string[]): Promise<Map<string, number>> {
  if (controlIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('evidence')
    .select(['control_id', (eb) => eb.fn.countAll().as('n')])
    .where('control_id', 'in', [...new Set(controlIds)])
    .groupBy('control_id')
    .execute();
  return new Map(rows.map((r) => [r.control_id, toNumber(r.n)]));
}

export async function evidenceOf(db: ComplianceDb, controlIds: readonly string[]) {
  if (controlIds.length === 0) return [];
  return db
    .selectFrom('evidence')
    .select(['id', 'control_id', 'title', 'kind', 'expires_on'])
    .where('control_id', 'in', [...new Set(controlIds)])
    .orderBy('created_at', 'desc')
    .execute();
}

/**
 * For several sites at once: every control linked to a requirement of these frameworks that belongs to
 * one of `ownerIds` (the sites and the groups above them). The caller applies inheritance per site.
 */
export async function linkedControlsOfOrganizations(db: ComplianceDb, ownerIds: readonly string[], frameworkIds: readonly string[]) {
  if (ownerIds.length === 0 || frameworkIds.length === 0) return [];
  const rows = await db
    .selectFrom('control_requirements as cr')
    .innerJoin('controls as c', 'c.id', 'cr.control_id')
    .innerJoin('requirements as r', 'r.id', 'cr.requirement_id')
    .select(['cr.requirement_id', 'c.id', 'c.code', 'c.name', 'c.organization_id', 'c.status', 'c.effectiveness', 'c.inheritable'])
    .where('c.organization_id', 'in', [...ownerIds])
    .where('r.framework_id', 'in', [...frameworkIds])
    .orderBy('c.code')
    .execute();
  return rows.map((r) => ({ ...r, inheritable: toNumber(r.inheritable) }));
}

export async function childOrganizations(db: ComplianceDb, orgId: string) {
  return db.selectFrom('organizations').select(['id', 'name']).where('parent_id', '=', orgId).orderBy('name').execute();
}

/** The decision events of one specification in the organization's chain, newest first. */
export async function decisionEvents(db: ComplianceDb, orgId: string, requirementId: string) {
  return db
    .selectFrom('audit_events')
    .select(['id', 'occurred_at', 'actor_label', 'changes'])
    .where('chain_id', '=', orgId)
    .where('type', '=', 'hipaa.decision_recorded')
    .where('subject_type', '=', 'hipaa_specification')
    .where('subject_id', '=', requirementId)
    .orderBy('seq', 'desc')
    .limit(200)
    .execute();
}

/** Requirements a control is linked to, in the frameworks visible to the organization. */
export async function directRequirements(db: ComplianceDb, orgId: string, controlId: string) {
  return db
    .selectFrom('control_requirements as cr')
    .innerJoin('requirements as r', 'r.id', 'cr.requirement_id')
    .innerJoin('frameworks as f', 'f.id', 'r.framework_id')
    .select(['r.id', 'r.ref', 'r.title', 'r.sort_order', 'f.id as framework_id', 'f.name as framework_name', 'f.organization_id as framework_org'])
    .where('cr.control_id', '=', controlId)
    .where((eb) => eb.or([eb('f.organization_id', 'is', null), eb('f.organization_id', '=', orgId)]))
    .execute();
}

/** Crosswalk links touching these requirements (both directions), with the requirement at the other end. */
export async function crosswalkFrom(db: ComplianceDb, orgId: string, requirementIds: readonly string[]) {
  if (requirementIds.length === 0) return [];
  const ids = [...requirementIds];
  const outgoing = db
    .selectFrom('requirement_links as l')
    .innerJoin('requirements as r', 'r.id', 'l.to_id')
    .innerJoin('frameworks as f', 'f.id', 'r.framework_id')
    .select(['l.from_id as through_id', 'l.source', 'l.strength', 'r.id', 'r.ref', 'r.title', 'r.sort_order', 'f.id as framework_id', 'f.name as framework_name'])
    .where('l.from_id', 'in', ids)
    .where((eb) => eb.or([eb('f.organization_id', 'is', null), eb('f.organization_id', '=', orgId)]));
  const incoming = db
    .selectFrom('requirement_links as l')
    .innerJoin('requirements as r', 'r.id', 'l.from_id')
    .innerJoin('frameworks as f', 'f.id', 'r.framework_id')
    .select(['l.to_id as through_id', 'l.source', 'l.strength', 'r.id', 'r.ref', 'r.title', 'r.sort_order', 'f.id as framework_id', 'f.name as framework_name'])
    .where('l.to_id', 'in', ids)
    .where((eb) => eb.or([eb('f.organization_id', 'is', null), eb('f.organization_id', '=', orgId)]));
  const [out, inc] = await Promise.all([outgoing.execute(), incoming.execute()]);
  return [...out.map((r) => ({ ...r, direction: 'outgoing' as const })), ...inc.map((r) => ({ ...r, direction: 'incoming' as const }))].map((r) => ({ ...r, sort_order: toNumber(r.sort_order) }));
}
