/**
 * Readiness per framework, per section and per organization (ISO/IEC 27001:2022 9.1; 45 CFR
 * 164.308(a)(8) evaluation): compliant / partially compliant / non-compliant / not applicable over the
 * assessable requirements, computed on every read from the controls, the SoA and the HIPAA decisions.
 * For a group, one row per site (built-in frameworks), read with one set of queries for all sites.
 */
import type { LinkedControlState } from '../../../shared/compliance.js';
import type { TDrillRequirement, TFrameworkReadiness, TReadiness, TReadinessDrill, TReadinessDrillQuery, TReadinessQuery, TSiteReadiness } from '../../../shared/contracts/compliance.js';
import type { Principal } from '../../kernel/auth/principal.js';
import { sitesWithPermission, type OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { fieldError, notFound } from '../../kernel/errors.js';
import { ancestorOrganizationIds, type LinkedControl } from '../controls/index.js';
import {
  childOrganizations,
  complianceDb,
  decisionControls,
  evidenceOf,
  hipaaDecisions,
  linkedControlsOfOrganizations,
  requirementsOf,
  soaRows,
  visibleFrameworks,
  type FrameworkRow,
  type RequirementRow,
} from './compliance.repository.js';
import { assessFramework, buildSections, countedRequirements, placements, type OrganizationInputs } from './framework-assessment.js';
import { loadOrganizationInputs, usableBy } from './organization-inputs.js';
import { figuresOf } from './requirement-status.js';

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(key(row)) ?? [];
    list.push(row);
    map.set(key(row), list);
  }
  return map;
}

async function frameworkReadiness(ctx: AppContext, orgId: string, framework: FrameworkRow, requirements: RequirementRow[]): Promise<TFrameworkReadiness> {
  const inputs = await loadOrganizationInputs(ctx, orgId, framework.id);
  const assessments = assessFramework(framework.id, requirements, inputs);
  return {
    frameworkId: framework.id,
    name: framework.name,
    shortName: framework.short_name,
    version: framework.version,
    origin: framework.origin,
    figures: figuresOf(countedRequirements(requirements).map((r) => assessments.get(r.id)!.status)),
    sections: buildSections(framework.id, requirements, assessments),
  };
}

/**
 * Per-site figures for the built-in frameworks, for every site given, with one query per kind of input
 * (links, SoA rows, decisions, decision controls) for all sites together. Each site counts its own
 * controls plus the inheritable controls of the groups above it, as linkedControlsByRequirement does.
 */
async function siteReadiness(ctx: AppContext, groupId: string, sites: { id: string; name: string }[], frameworks: FrameworkRow[], requirementsByFramework: Map<string, RequirementRow[]>): Promise<TSiteReadiness[]> {
  const builtins = frameworks.filter((f) => f.organization_id === null);
  if (sites.length === 0 || builtins.length === 0) return [];
  const db = complianceDb(ctx.database.db);
  const siteIds = sites.map((s) => s.id);
  const ancestors = [groupId, ...(await ancestorOrganizationIds(ctx.database.db, groupId))];
  const frameworkIds = builtins.map((f) => f.id);
  const [links, soa, decisions, altControls] = await Promise.all([
    linkedControlsOfOrganizations(db, [...siteIds, ...ancestors], frameworkIds),
    soaRows(db, siteIds, frameworkIds),
    hipaaDecisions(db, siteIds),
    decisionControls(db, siteIds),
  ]);
  const inherited = links.filter((l) => ancestors.includes(l.organization_id) && l.inheritable === 1);
  const linksBySite = groupBy(links, (l) => l.organization_id);
  const soaBySite = groupBy(soa, (s) => s.organization_id);
  const decisionsBySite = groupBy(decisions, (d) => d.organization_id);
  const altBySite = groupBy(altControls, (c) => c.organization_id);
  return sites.map((site) => {
    const linked = groupBy<LinkedControlState & { requirement_id: string }>([...(linksBySite.get(site.id) ?? []), ...inherited], (l) => l.requirement_id);
    const alternatives = groupBy(
      (altBySite.get(site.id) ?? []).filter((c) => usableBy(site.id, ancestors, c)),
      (c) => c.requirement_id,
    );
    const inputs: OrganizationInputs = {
      linked,
      soa: new Map((soaBySite.get(site.id) ?? []).map((s) => [s.requirement_id, { applicable: s.applicable === 1, statusOverride: s.status_override }])),
      decisions: new Map((decisionsBySite.get(site.id) ?? []).map((d) => [d.requirement_id, { decision: d.decision, controls: alternatives.get(d.requirement_id) ?? [] }])),
    };
    return {
      organizationId: site.id,
      name: site.name,
      frameworks: builtins.map((f) => {
        const requirements = requirementsByFramework.get(f.id) ?? [];
        const assessments = assessFramework(f.id, requirements, inputs);
        return { frameworkId: f.id, figures: figuresOf(countedRequirements(requirements).map((r) => assessments.get(r.id)!.status)) };
      }),
    };
  });
}

/**
 * Readiness of the organization. `principal` decides which sites appear in a group's per-site table
 * (those where the caller holds control.read); null means the operator at the command line (all sites).
 */
export async function getReadiness(ctx: AppContext, access: OrgAccess, principal: Principal | null, query: TReadinessQuery = {}): Promise<TReadiness> {
  const db = complianceDb(ctx.database.db);
  const frameworks = await visibleFrameworks(db, access.organizationId, query.framework);
  if (query.framework && frameworks.length === 0) throw fieldError('query.framework', 'is not a framework of this organization');
  const requirements = await requirementsOf(db, frameworks.map((f) => f.id));
  const byFramework = groupBy(requirements, (r) => r.framework_id);
  const results: TFrameworkReadiness[] = [];
  for (const framework of frameworks) results.push(await frameworkReadiness(ctx, access.organizationId, framework, byFramework.get(framework.id) ?? []));

  const children = await childOrganizations(db, access.organizationId);
  const sites = principal ? await sitesWithPermission(ctx.database.db, principal, access.organizationId, 'control.read', ctx.clock.now()) : children;
  const visible = children.filter((c) => sites.some((s) => s.id === c.id));
  return {
    organizationId: access.organizationId,
    organizationName: access.organizationName,
    frameworks: results,
    sites: await siteReadiness(ctx, access.organizationId, visible, frameworks, byFramework),
    hiddenSiteCount: children.length - visible.length,
  };
}

/** The requirements behind one section's figures, with their controls and each control's evidence. */
export async function getReadinessDrill(ctx: AppContext, access: OrgAccess, frameworkId: string, query: TReadinessDrillQuery): Promise<TReadinessDrill> {
  const db = complianceDb(ctx.database.db);
  const [framework] = await visibleFrameworks(db, access.organizationId, frameworkId);
  if (!framework) throw notFound('framework');
  const requirements = await requirementsOf(db, [framework.id]);
  const where = placements(framework.id, requirements);
  const inSection = countedRequirements(requirements).filter((r) => {
    const place = where.get(r.id)!;
    return place.section.key === query.section || place.subsection?.key === query.section;
  });
  if (inSection.length === 0) throw fieldError('query.section', 'is not a section of this framework with assessable requirements');
  const place = where.get(inSection[0]!.id)!;
  const section = place.section.key === query.section ? place.section : place.subsection!;

  const inputs = await loadOrganizationInputs(ctx, access.organizationId, framework.id);
  const assessments = assessFramework(framework.id, requirements, inputs);
  const byId = new Map(requirements.map((r) => [r.id, r]));
  const shown = inSection.filter((r) => !query.status || assessments.get(r.id)!.status === query.status);
  const controlsOf = (r: RequirementRow) => {
    const assessment = assessments.get(r.id)!;
    if (assessment.basis === 'alternative_controls') {
      return (inputs.alternativeControls.get(r.id) ?? []).map((c) => ({ id: c.id, code: c.code, name: c.name, organizationId: c.control_org_id, status: c.status, effectiveness: c.effectiveness, inherited: c.inherited }));
    }
    // A HIPAA standard with specifications: the controls of its specifications stand behind it.
    if (assessment.basis === 'specifications') {
      const seen = new Map<string, LinkedControl>();
      for (const child of requirements.filter((c) => c.parent_id === r.id)) for (const c of inputs.linked.get(child.id) ?? []) seen.set(c.id, c);
      return [...seen.values()];
    }
    return inputs.linked.get(r.id) ?? [];
  };
  const controlLists = new Map(shown.map((r) => [r.id, controlsOf(r)]));
  const evidence = groupBy(await evidenceOf(db, [...controlLists.values()].flat().map((c) => c.id)), (e) => e.control_id);
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const items: TDrillRequirement[] = shown.map((r) => {
    const assessment = assessments.get(r.id)!;
    return {
      id: r.id,
      ref: r.ref,
      title: r.title,
      kind: r.kind,
      obligation: r.obligation,
      parentRef: r.parent_id ? (byId.get(r.parent_id)?.ref ?? null) : null,
      implementationStatus: assessment.implementationStatus,
      status: assessment.status,
      basis: assessment.basis,
      controls: (controlLists.get(r.id) ?? []).map((c) => {
        const list = evidence.get(c.id) ?? [];
        return {
          ...c,
          evidenceCount: list.length,
          evidence: list.map((e) => ({ id: e.id, title: e.title, kind: e.kind, expiresOn: e.expires_on, expired: e.expires_on !== null && e.expires_on < today })),
        };
      }),
    };
  });
  return {
    frameworkId: framework.id,
    frameworkName: framework.name,
    section: { key: query.section, label: section.label },
    figures: figuresOf(inSection.map((r) => assessments.get(r.id)!.status)),
    requirements: items,
  };
}
