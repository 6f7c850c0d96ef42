/**
 * Which controls stand behind which requirements for an organization: its own controls plus the
 * inheritable controls of the groups above it (a group-level control its sites inherit; the site's SoA
 * shows it as inherited). One query per call, whatever the number of requirements (no N+1).
 * The SoA, the HIPAA view and readiness all read through here so they agree.
 */
import type { Kysely } from 'kysely';
import { deriveImplementationStatus, type ControlStatus, type Effectiveness, type ImplementationStatus } from '../../../shared/compliance.js';
import type { Db } from '../../kernel/db/database.js';
import type { ControlOnlyTables, ControlTables } from './control.tables.js';

export interface LinkedControl {
  id: string;
  code: string;
  name: string;
  organizationId: string;
  status: ControlStatus;
  effectiveness: Effectiveness;
  inherited: boolean;
}

const controlDb = (db: Db): Kysely<ControlTables> => db.withTables<ControlOnlyTables>();

/** The organization's ancestors (its group, and the group's group …), nearest first. */
export async function ancestorOrganizationIds(db: Db, organizationId: string): Promise<string[]> {
  const ancestors: string[] = [];
  let current: string | null = organizationId;
  for (let depth = 0; current && depth < 8; depth++) {
    const row: { parent_id: string | null } | undefined = await db.selectFrom('organizations').select('parent_id').where('id', '=', current).executeTakeFirst();
    current = row?.parent_id ?? null;
    if (current) ancestors.push(current);
  }
  return ancestors;
}

/**
 * Controls linked to requirements, keyed by requirement id. Filter by a framework, or by requirement ids
 * (at least one of the two). Controls are ordered by code.
 */
export async function linkedControlsByRequirement(
  db: Db,
  organizationId: string,
  filter: { frameworkId?: string; requirementIds?: readonly string[] },
): Promise<Map<string, LinkedControl[]>> {
  const result = new Map<string, LinkedControl[]>();
  if (!filter.frameworkId && (!filter.requirementIds || filter.requirementIds.length === 0)) return result;
  const ancestors = await ancestorOrganizationIds(db, organizationId);
  let query = controlDb(db)
    .selectFrom('control_requirements as cr')
    .innerJoin('controls as c', 'c.id', 'cr.control_id')
    .select(['cr.requirement_id', 'c.id', 'c.code', 'c.name', 'c.organization_id', 'c.status', 'c.effectiveness'])
    .where((eb) =>
      ancestors.length === 0
        ? eb('c.organization_id', '=', organizationId)
        : eb.or([eb('c.organization_id', '=', organizationId), eb.and([eb('c.organization_id', 'in', ancestors), eb('c.inheritable', '=', 1)])]),
    );
  if (filter.frameworkId) {
    query = query.innerJoin('requirements as r', 'r.id', 'cr.requirement_id').where('r.framework_id', '=', filter.frameworkId);
  }
  if (filter.requirementIds && filter.requirementIds.length > 0) query = query.where('cr.requirement_id', 'in', [...filter.requirementIds]);
  const rows = await query.orderBy('c.code').execute();
  for (const row of rows) {
    const list = result.get(row.requirement_id) ?? [];
    list.push({
      id: row.id,
      code: row.code,
      name: row.name,
      organizationId: row.organization_id,
      status: row.status,
      effectiveness: row.effectiveness,
      inherited: row.organization_id !== organizationId,
    });
    result.set(row.requirement_id, list);
  }
  return result;
}

/** The derived implementation status of each requirement id given (absent from the map = no control). */
export function implementationStatuses(requirementIds: readonly string[], linked: Map<string, LinkedControl[]>): Map<string, ImplementationStatus> {
  return new Map(requirementIds.map((id) => [id, deriveImplementationStatus(linked.get(id) ?? [])]));
}
