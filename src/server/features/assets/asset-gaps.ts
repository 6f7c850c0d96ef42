/**
 * Gaps: where an asset or a data flow falls short of its classification's handling rules or of a
 * healthcare baseline (A.5.12 classification, A.5.14 information transfer, A.8.1 user endpoint devices,
 * A.8.24 cryptography; 45 CFR 164.312(a)(2)(iv), 164.312(e)(2)(ii), 164.308(b)(1) business associate
 * contracts). Gaps are computed from the rules at read time, never typed in or stored: a date passing
 * (end of vendor support) or a changed handling rule changes them at once. Each rule is one SQL
 * condition over `a` (the asset, or the flow's source asset), `c` (its classification level) and, for
 * flow rules, `f` (the flow), so counts, lists and filters run in SQL.
 */
import { sql, type QueryExecutorProvider, type RawBuilder } from 'kysely';
import type { GapRule } from '../../../shared/contracts/assets.js';

export interface GapRuleDefinition {
  rule: GapRule;
  subject: 'asset' | 'flow';
  /** What the rule checks, shown in the gaps list. */
  title: string;
  /** The anchor in the standards. */
  reference: string;
  condition: (today: string) => RawBuilder<unknown>;
}

const live = sql`a.lifecycle <> 'retired'`;
const noAgreement = sql`(f.agreement_reference is null or trim(f.agreement_reference) = '')`;

export const GAP_RULE_DEFINITIONS: readonly GapRuleDefinition[] = [
  {
    rule: 'encryption_at_rest_missing',
    subject: 'asset',
    title: 'Classification requires encryption at rest; the asset is not recorded as encrypted',
    reference: 'A.8.24; 45 CFR 164.312(a)(2)(iv)',
    condition: () => sql`${live} and c.encryption_at_rest_required = 1 and coalesce(a.encrypted_at_rest, 0) = 0 and a.type not in ('facility', 'people')`,
  },
  {
    rule: 'encryption_in_transit_missing',
    subject: 'asset',
    title: 'Classification requires encryption in transit; the system is not recorded as encrypting it',
    reference: 'A.8.24; 45 CFR 164.312(e)(2)(ii)',
    condition: () => sql`${live} and c.encryption_in_transit_required = 1 and coalesce(a.encrypted_in_transit, 0) = 0 and a.type in ('application', 'infrastructure', 'supplier_service', 'medical_device')`,
  },
  {
    rule: 'mfa_missing',
    subject: 'asset',
    title: 'Classification requires MFA; the application does not enforce it',
    reference: 'A.8.5; 45 CFR 164.312(d)',
    condition: () => sql`${live} and c.mfa_required = 1 and coalesce(a.mfa_enabled, 0) = 0 and a.type in ('application', 'supplier_service')`,
  },
  {
    rule: 'byod_not_allowed',
    subject: 'asset',
    title: 'A personal (BYOD) device holds data of a classification not allowed on BYOD',
    reference: 'A.8.1; A.6.7',
    condition: () => sql`${live} and a.byod = 1 and c.byod_allowed = 0`,
  },
  {
    rule: 'mobile_ephi_without_mdm',
    subject: 'asset',
    title: 'A mobile device with ePHI is not enrolled in mobile device management',
    reference: 'A.8.1; 45 CFR 164.310(d)(1)',
    condition: () => sql`${live} and a.type = 'mobile_device' and a.handles_ephi = 1 and coalesce(a.mdm_enrolled, 0) = 0`,
  },
  {
    rule: 'medical_device_unsupported_on_flat_network',
    subject: 'asset',
    title: 'A medical device past its end of vendor support sits on a flat network (no dedicated segment)',
    reference: 'A.8.8; A.8.22; HHS 405(d) HICP threat 5',
    condition: (today) => sql`${live} and a.type = 'medical_device' and a.end_of_support is not null and a.end_of_support < ${today} and (a.network_segment is null or lower(trim(a.network_segment)) in ('', 'flat', 'default', 'corporate'))`,
  },
  {
    rule: 'ephi_without_owner',
    subject: 'asset',
    title: 'An asset with ePHI has no owner',
    reference: 'A.5.9; 45 CFR 164.308(a)(1)(ii)(A)',
    condition: () => sql`${live} and a.handles_ephi = 1 and (a.owner is null or trim(a.owner) = '')`,
  },
  {
    rule: 'ephi_flow_without_agreement',
    subject: 'flow',
    title: 'ePHI flows to an external party without an agreement on record (e.g. a business associate agreement)',
    reference: 'A.5.14; A.5.20; 45 CFR 164.308(b)(1), 164.314(a)',
    condition: () => sql`f.has_ephi = 1 and f.target_asset_id is null and ${noAgreement}`,
  },
  {
    rule: 'ephi_flow_unencrypted',
    subject: 'flow',
    title: 'ePHI is transmitted without transport encryption',
    reference: 'A.5.14; A.8.24; 45 CFR 164.312(e)(2)(ii)',
    condition: () => sql`f.has_ephi = 1 and f.transport_encrypted = 0`,
  },
  {
    rule: 'flow_leaves_without_required_agreement',
    subject: 'flow',
    title: 'Data leaves the organization although its classification allows that only under an agreement',
    reference: 'A.5.12; A.5.14',
    condition: () => sql`f.has_ephi = 0 and f.target_asset_id is null and c.leave_only_under_agreement = 1 and ${noAgreement}`,
  },
];

export function ruleDefinition(rule: GapRule): GapRuleDefinition {
  return GAP_RULE_DEFINITIONS.find((d) => d.rule === rule)!;
}

/** The one rule that depends on today's date: evaluated at read time over a stored candidate flag. */
const DATED_RULE: GapRule = 'medical_device_unsupported_on_flat_network';

/** SQL over `a`, `c`: the asset meets every condition of the dated rule except the date itself. */
const unsupportedFlatCandidate = sql`${live} and a.type = 'medical_device' and a.end_of_support is not null and (a.network_segment is null or lower(trim(a.network_segment)) in ('', 'flat', 'default', 'corporate'))`;

/**
 * SQL over `a` and `c`: the gaps of the asset that do not depend on the date (its asset rules except the
 * dated one, plus its outgoing flows' rules). Stored in `assets.gap_count_stored` by `refreshStoredGaps`.
 */
function undatedGapCount(): RawBuilder<number> {
  const assetTerms = GAP_RULE_DEFINITIONS.filter((d) => d.subject === 'asset' && d.rule !== DATED_RULE).map((d) => sql`case when ${d.condition('')} then 1 else 0 end`);
  const flowConditions = GAP_RULE_DEFINITIONS.filter((d) => d.subject === 'flow').map((d) => sql`(${d.condition('')})`);
  return sql<number>`(${sql.join(assetTerms, sql` + `)} + (select count(*) from data_flows f where f.source_asset_id = a.id and (${sql.join(flowConditions, sql` or `)})))`;
}

/** SQL: the number of gaps of asset `a`, from its stored undated count and the dated rule evaluated for today. */
export function gapCountExpression(today: string): RawBuilder<number> {
  return sql<number>`(a.gap_count_stored + case when a.unsupported_flat_candidate = 1 and a.end_of_support < ${today} then 1 else 0 end)`;
}

/** SQL: the asset has at least one gap today (for the gaps filter; reads the stored columns only). */
export function hasGapsCondition(today: string): RawBuilder<boolean> {
  return sql<boolean>`(a.gap_count_stored > 0 or (a.unsupported_flat_candidate = 1 and a.end_of_support < ${today}))`;
}

/** SQL: the gap count computed from the rules alone (tests compare it with the stored columns). */
export function computedGapCountExpression(today: string): RawBuilder<number> {
  const dated = ruleDefinition(DATED_RULE).condition(today);
  return sql<number>`(${undatedGapCount()} + case when ${dated} then 1 else 0 end)`;
}

/** Which assets to refresh: some ids, every asset of a classification level, or a whole organization. */
export type GapScope = { assetIds: readonly string[] } | { classificationId: string } | { all: true };

/**
 * Recomputes the stored gap columns of the assets in scope, in the caller's transaction. Every write that
 * can change a rule's outcome calls it: an asset written or imported, a flow added, changed or removed
 * (its old and new source), a classification level's handling rules changed. The rules stay the single
 * source: the stored value is the same SQL as `GAP_RULE_DEFINITIONS`, evaluated at write time.
 */
export async function refreshStoredGaps(db: QueryExecutorProvider, organizationId: string, scope: GapScope): Promise<void> {
  const count = sql`coalesce((select ${undatedGapCount()} from (select 1 as one) as x left join classification_levels c on c.id = a.classification_id), 0)`;
  const candidate = sql`case when ${unsupportedFlatCandidate} then 1 else 0 end`;
  const set = sql`gap_count_stored = ${count}, unsupported_flat_candidate = ${candidate}`;
  // Only rows whose stored values change are written: a new asset (stored 0, 0) without gaps is read, not
  // rewritten (an import of 100,000 assets rewrote every row), and PostgreSQL leaves no dead tuples.
  const changed = sql`(a.gap_count_stored <> ${count} or a.unsupported_flat_candidate <> ${candidate})`;
  if ('assetIds' in scope) {
    const ids = [...new Set(scope.assetIds)];
    for (let i = 0; i < ids.length; i += 500) {
      // `|| ''` keeps the planner on the primary key: an organization index would scan the whole register per batch.
      await sql`update assets as a set ${set} where a.id in (${sql.join(ids.slice(i, i + 500))}) and a.organization_id || '' = ${organizationId} and ${changed}`.execute(db);
    }
  } else if ('classificationId' in scope) {
    await sql`update assets as a set ${set} where a.organization_id = ${organizationId} and a.classification_id = ${scope.classificationId} and ${changed}`.execute(db);
  } else {
    await sql`update assets as a set ${set} where a.organization_id = ${organizationId} and ${changed}`.execute(db);
  }
}
