/**
 * One framework assessed for one organization: each requirement's status (requirement-status.ts), HIPAA
 * standards rolled up from their specifications, and the sections readiness is reported by — ISO: clauses
 * 4–10 and the four Annex A themes (the top-level entries of the catalogue); HIPAA: safeguards (164.308
 * administrative … 164.316 documentation), each with its standards; GDPR: articles; NIST: families.
 * Pure: the inputs are read by the services, so the single-organization and per-site paths agree.
 */
import type { LinkedControlState } from '../../../shared/compliance.js';
import type { TReadinessSection } from '../../../shared/contracts/compliance.js';
import type { RequirementRow } from './compliance.repository.js';
import { SOA_FRAMEWORK_ID } from '../../../shared/contracts/soa.js';
import { assessRequirement, figuresOf, rollUpImplementation, rollUpStatus, type ApplicabilityScope, type RequirementAssessment } from './requirement-status.js';
import { HIPAA_SECURITY_RULE } from './compliance.repository.js';

export interface OrganizationInputs {
  /** Mapped controls per requirement id (own and inherited). */
  linked: ReadonlyMap<string, readonly LinkedControlState[]>;
  /** SoA rows per requirement id. */
  soa: ReadonlyMap<string, { applicable: boolean; statusOverride: string | null }>;
  /** HIPAA decisions per requirement id, with the alternative measure's controls. */
  decisions: ReadonlyMap<string, { decision: 'implement' | 'alternative' | 'not_implemented'; controls: readonly LinkedControlState[] }>;
}

export const HIPAA_SAFEGUARDS: Record<string, { label: string; cfr: string }> = {
  administrative: { label: 'Administrative safeguards', cfr: '164.308' },
  physical: { label: 'Physical safeguards', cfr: '164.310' },
  technical: { label: 'Technical safeguards', cfr: '164.312' },
  organizational: { label: 'Organizational requirements', cfr: '164.314' },
  documentation: { label: 'Policies and procedures and documentation requirements', cfr: '164.316' },
};

export function safeguardOf(theme: string | null, ref: string): string {
  const key = (theme ?? '').toLowerCase();
  if (HIPAA_SAFEGUARDS[key]) return key;
  const section = ref.slice(0, 7);
  return Object.entries(HIPAA_SAFEGUARDS).find(([, s]) => s.cfr === section)?.[0] ?? (key || 'other');
}

export function isHipaaFramework(frameworkId: string): boolean {
  return frameworkId === HIPAA_SECURITY_RULE;
}

/** Children by parent id, in catalogue order. */
export function childrenOf(requirements: readonly RequirementRow[]): Map<string, RequirementRow[]> {
  const children = new Map<string, RequirementRow[]>();
  for (const r of requirements) {
    if (!r.parent_id) continue;
    const list = children.get(r.parent_id) ?? [];
    list.push(r);
    children.set(r.parent_id, list);
  }
  return children;
}

/**
 * How a requirement of the framework may become not applicable: ISO/IEC 27001 only by an SoA exclusion
 * (6.1.3 d); the HIPAA Security Rule never (164.306(d)(2)); other frameworks when every control is.
 */
export function applicabilityScope(frameworkId: string): ApplicabilityScope {
  if (frameworkId === SOA_FRAMEWORK_ID) return 'soa';
  if (isHipaaFramework(frameworkId)) return 'hipaa';
  return 'controls';
}

/** Every requirement's status; a HIPAA standard with specifications takes the roll-up of its specifications. */
export function assessFramework(frameworkId: string, requirements: readonly RequirementRow[], inputs: OrganizationInputs): Map<string, RequirementAssessment> {
  const result = new Map<string, RequirementAssessment>();
  const children = childrenOf(requirements);
  const scope = applicabilityScope(frameworkId);
  for (const r of requirements) {
    result.set(r.id, assessRequirement({ scope, obligation: r.obligation, controls: inputs.linked.get(r.id) ?? [], decision: inputs.decisions.get(r.id) ?? null, soa: inputs.soa.get(r.id) ?? null }));
  }
  if (isHipaaFramework(frameworkId)) {
    for (const r of requirements) {
      const specs = (children.get(r.id) ?? []).filter((c) => c.kind === 'implementation_specification');
      if (r.kind !== 'standard' || specs.length === 0) continue;
      const assessed = specs.map((s) => result.get(s.id)!);
      // A specification documented as not implemented (164.306(d)(3)(ii)(B)) does not count against the standard's implementation.
      // No specification is ever not applicable (164.306(d)(2)), so neither is the standard: with nothing implemented it shows none.
      const implemented = assessed.filter((a) => a.basis !== 'documented_not_implemented').map((a) => a.implementationStatus);
      result.set(r.id, { status: rollUpStatus(assessed.map((a) => a.status)), implementationStatus: implemented.length ? rollUpImplementation(implemented) : 'none', basis: 'specifications' });
    }
  }
  return result;
}

/** Which requirements count in readiness: the assessable ones of the catalogue. */
export function countedRequirements(requirements: readonly RequirementRow[]): RequirementRow[] {
  return requirements.filter((r) => r.assessable === 1);
}

export interface Placement {
  section: { key: string; label: string; order: number };
  subsection: { key: string; label: string; order: number } | null;
}

/** The section (and for HIPAA the standard) each requirement is reported under. */
export function placements(frameworkId: string, requirements: readonly RequirementRow[]): Map<string, Placement> {
  const byId = new Map(requirements.map((r) => [r.id, r]));
  const rootOf = (r: RequirementRow): RequirementRow => {
    let current = r;
    for (let depth = 0; current.parent_id && depth < 12; depth++) {
      const parent = byId.get(current.parent_id);
      if (!parent) break;
      current = parent;
    }
    return current;
  };
  const result = new Map<string, Placement>();
  const hipaa = isHipaaFramework(frameworkId);
  const safeguardOrder = Object.keys(HIPAA_SAFEGUARDS);
  for (const r of requirements) {
    const root = rootOf(r);
    if (hipaa) {
      // Safeguard (the catalogue's top-level group, or the theme) → standard.
      let standard: RequirementRow = r;
      while (standard.kind !== 'standard' && standard.parent_id && byId.has(standard.parent_id)) standard = byId.get(standard.parent_id)!;
      if (standard.kind !== 'standard') standard = root;
      const key = safeguardOf(r.theme ?? root.theme, standard.ref);
      const safeguard = HIPAA_SAFEGUARDS[key];
      result.set(r.id, {
        section: { key, label: safeguard ? `${safeguard.label} (${safeguard.cfr})` : key, order: safeguardOrder.indexOf(key) === -1 ? 99 : safeguardOrder.indexOf(key) },
        subsection: { key: standard.ref, label: `${standard.ref} ${standard.title}`, order: standard.sort_order },
      });
    } else {
      const label = frameworkId.startsWith('iso27001') && /^\d+$/.test(root.ref) ? `Clause ${root.ref} ${root.title}` : root.ref === root.title ? root.title : `${root.ref} ${root.title}`;
      result.set(r.id, { section: { key: root.ref, label, order: root.sort_order }, subsection: null });
    }
  }
  return result;
}

/** The sections of a framework with their figures, in catalogue order. */
export function buildSections(frameworkId: string, requirements: readonly RequirementRow[], assessments: ReadonlyMap<string, RequirementAssessment>): TReadinessSection[] {
  const where = placements(frameworkId, requirements);
  type Bucket = { label: string; order: number; statuses: RequirementAssessment['status'][] };
  const sections = new Map<string, Bucket & { children: Map<string, Bucket> }>();
  for (const r of countedRequirements(requirements)) {
    const place = where.get(r.id)!;
    const status = assessments.get(r.id)!.status;
    const section = sections.get(place.section.key) ?? { label: place.section.label, order: place.section.order, statuses: [], children: new Map<string, Bucket>() };
    section.statuses.push(status);
    if (place.subsection) {
      const child: Bucket = section.children.get(place.subsection.key) ?? { label: place.subsection.label, order: place.subsection.order, statuses: [] };
      child.statuses.push(status);
      section.children.set(place.subsection.key, child);
    }
    sections.set(place.section.key, section);
  }
  return [...sections.entries()]
    .sort(([, a], [, b]) => a.order - b.order)
    .map(([key, s]) => ({
      key,
      label: s.label,
      figures: figuresOf(s.statuses),
      children: [...s.children.entries()].sort(([, a], [, b]) => a.order - b.order).map(([childKey, c]) => ({ key: childKey, label: c.label, figures: figuresOf(c.statuses) })),
    }));
}
