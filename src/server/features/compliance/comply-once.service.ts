/**
 * "Comply once": for one control, every requirement it satisfies across frameworks — the requirements it
 * is linked to directly, and those reached through the crosswalk (requirement_links, both directions),
 * each with the crosswalk's source and strength so the UI can say which links are official NIST mappings
 * (SP 800-66r2), which are derived from NIST mappings (via 800-53 and OLIR) and which are Custos's editorial
 * judgement. There is no official HIPAA ↔ ISO mapping.
 */
import type { TComplyOnce, TSatisfiedRequirement } from '../../../shared/contracts/compliance.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { notFound } from '../../kernel/errors.js';
import { ancestorOrganizationIds } from '../controls/index.js';
import { complianceDb, crosswalkFrom, directRequirements, evidenceCounts, usableControls, visibleFrameworks } from './compliance.repository.js';

export async function getComplyOnce(ctx: AppContext, access: OrgAccess, controlId: string): Promise<TComplyOnce> {
  const db = complianceDb(ctx.database.db);
  const ancestors = await ancestorOrganizationIds(ctx.database.db, access.organizationId);
  const [control] = await usableControls(db, access.organizationId, ancestors, [controlId]);
  if (!control) throw notFound('control');
  const [direct, frameworks, evidence] = await Promise.all([directRequirements(db, access.organizationId, control.id), visibleFrameworks(db, access.organizationId), evidenceCounts(db, [control.id])]);
  const crosswalk = await crosswalkFrom(db, access.organizationId, direct.map((r) => r.id));
  const directById = new Map(direct.map((r) => [r.id, r]));

  const rows = new Map<string, TSatisfiedRequirement & { sort: number }>();
  for (const r of direct) rows.set(r.id, { id: r.id, ref: r.ref, title: r.title, frameworkId: r.framework_id, frameworkName: r.framework_name, via: 'direct', crosswalk: [], sort: Number(r.sort_order) });
  for (const link of crosswalk) {
    const through = directById.get(link.through_id);
    if (!through) continue;
    const row = rows.get(link.id) ?? { id: link.id, ref: link.ref, title: link.title, frameworkId: link.framework_id, frameworkName: link.framework_name, via: 'crosswalk' as const, crosswalk: [], sort: link.sort_order };
    if (row.via === 'crosswalk') {
      row.crosswalk.push({ throughId: through.id, throughRef: through.ref, throughFramework: through.framework_name, source: link.source, strength: link.strength, direction: link.direction });
    }
    rows.set(link.id, row);
  }
  const order = new Map(frameworks.map((f, index) => [f.id, index]));
  const strengthRank = { strong: 0, moderate: 1, weak: 2 } as const;
  const requirements = [...rows.values()]
    .sort((a, b) => (order.get(a.frameworkId) ?? 999) - (order.get(b.frameworkId) ?? 999) || (a.via === b.via ? 0 : a.via === 'direct' ? -1 : 1) || a.sort - b.sort)
    .map(({ sort: _sort, ...row }) => ({ ...row, crosswalk: row.crosswalk.sort((a, b) => strengthRank[a.strength] - strengthRank[b.strength] || a.throughRef.localeCompare(b.throughRef)) }));
  const perFramework = new Map<string, { frameworkId: string; frameworkName: string; direct: number; crosswalk: number }>();
  for (const r of requirements) {
    const entry = perFramework.get(r.frameworkId) ?? { frameworkId: r.frameworkId, frameworkName: r.frameworkName, direct: 0, crosswalk: 0 };
    entry[r.via] += 1;
    perFramework.set(r.frameworkId, entry);
  }
  return {
    control: {
      id: control.id,
      code: control.code,
      name: control.name,
      status: control.status,
      effectiveness: control.effectiveness,
      inherited: control.organization_id !== access.organizationId,
      organizationName: control.organization_name,
      evidenceCount: evidence.get(control.id) ?? 0,
    },
    frameworks: [...perFramework.values()],
    requirements,
  };
}
