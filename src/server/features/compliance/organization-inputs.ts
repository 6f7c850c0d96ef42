/**
 * Reads what the status rules need for one organization and one framework: the mapped controls (through
 * controls/requirement-controls.ts, so the SoA, the HIPAA view and readiness agree), the SoA rows and the
 * HIPAA decisions with their alternative-measure controls. A constant number of queries per framework.
 */
import type { LinkedControlState } from '../../../shared/compliance.js';
import type { AppContext } from '../../kernel/context.js';
import { ancestorOrganizationIds, linkedControlsByRequirement, type LinkedControl } from '../controls/index.js';
import { complianceDb, decisionControls, hipaaDecisions, soaRows, type DecisionControlRow, type DecisionRow } from './compliance.repository.js';
import { isHipaaFramework, type OrganizationInputs } from './framework-assessment.js';

export interface LoadedInputs extends OrganizationInputs {
  linked: Map<string, LinkedControl[]>;
  decisionRows: Map<string, DecisionRow>;
  alternativeControls: Map<string, (DecisionControlRow & { inherited: boolean })[]>;
  ancestors: string[];
}

/** A control is usable by an organization when it is its own or an inheritable one of a group above it. */
export function usableBy(orgId: string, ancestors: readonly string[], control: { control_org_id: string; inheritable: number }): boolean {
  return control.control_org_id === orgId || (ancestors.includes(control.control_org_id) && control.inheritable === 1);
}

export async function loadOrganizationInputs(ctx: AppContext, orgId: string, frameworkId: string): Promise<LoadedInputs> {
  const db = complianceDb(ctx.database.db);
  const hipaa = isHipaaFramework(frameworkId);
  const [linked, soa, ancestors, decisions, altControls] = await Promise.all([
    linkedControlsByRequirement(ctx.database.db, orgId, { frameworkId }),
    soaRows(db, [orgId], [frameworkId]),
    ancestorOrganizationIds(ctx.database.db, orgId),
    hipaa ? hipaaDecisions(db, [orgId]) : Promise.resolve([]),
    hipaa ? decisionControls(db, [orgId]) : Promise.resolve([]),
  ]);
  const alternativeControls = new Map<string, (DecisionControlRow & { inherited: boolean })[]>();
  for (const row of altControls) {
    if (!usableBy(orgId, ancestors, row)) continue;
    const list = alternativeControls.get(row.requirement_id) ?? [];
    list.push({ ...row, inherited: row.control_org_id !== orgId });
    alternativeControls.set(row.requirement_id, list);
  }
  const decisionRows = new Map(decisions.map((d) => [d.requirement_id, d]));
  return {
    linked,
    soa: new Map(soa.map((s) => [s.requirement_id, { applicable: s.applicable === 1, statusOverride: s.status_override }])),
    decisions: new Map(decisions.map((d) => [d.requirement_id, { decision: d.decision, controls: (alternativeControls.get(d.requirement_id) ?? []) as LinkedControlState[] }])),
    decisionRows,
    alternativeControls,
    ancestors,
  };
}
