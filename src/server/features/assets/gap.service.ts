/** The gaps list: counts per rule and the gaps themselves, computed in SQL from the rules (asset-gaps.ts). */
import { sql, type RawBuilder } from 'kysely';
import type { GapRule, TGap } from '../../../shared/contracts/assets.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { toNumber } from '../../kernel/db/database.js';
import { GAP_RULE_DEFINITIONS, type GapRuleDefinition } from './asset-gaps.js';
import { today } from './asset.service.js';

function selectFor(def: GapRuleDefinition, orgId: string, day: string, assetId?: string): RawBuilder<unknown> {
  const onlyAsset = assetId ? sql` and a.id = ${assetId}` : sql``;
  if (def.subject === 'asset') {
    return sql`select ${def.rule} as rule, a.id as asset_id, a.name as asset_name, a.name_lower as sort_name, cast(null as text) as flow_id, cast(null as text) as party
      from assets a left join classification_levels c on c.id = a.classification_id
      where a.organization_id = ${orgId} and ${def.condition(day)}${onlyAsset}`;
  }
  return sql`select ${def.rule} as rule, a.id as asset_id, a.name as asset_name, a.name_lower as sort_name, f.id as flow_id, f.external_party as party
    from data_flows f join assets a on a.id = f.source_asset_id left join classification_levels c on c.id = a.classification_id
    where f.organization_id = ${orgId} and ${def.condition(day)}${onlyAsset}`;
}

export async function gapSummary(ctx: AppContext, access: OrgAccess) {
  const day = today(ctx);
  const rules: { rule: GapRule; count: number }[] = [];
  for (const def of GAP_RULE_DEFINITIONS) {
    const result = await sql<{ n: unknown }>`select count(*) as n from (${selectFor(def, access.organizationId, day)}) g`.execute(ctx.database.db);
    rules.push({ rule: def.rule, count: toNumber(result.rows[0]?.n) });
  }
  return { rules, total: rules.reduce((sum, r) => sum + r.count, 0) };
}

export async function listGaps(ctx: AppContext, access: OrgAccess, query: { rule?: GapRule; assetId?: string; page: number; pageSize: number }) {
  const day = today(ctx);
  const defs = GAP_RULE_DEFINITIONS.filter((d) => !query.rule || d.rule === query.rule);
  const union = sql.join(defs.map((d) => selectFor(d, access.organizationId, day, query.assetId)), sql` union all `);
  const [count, page] = await Promise.all([
    sql<{ n: unknown }>`select count(*) as n from (${union}) g`.execute(ctx.database.db),
    sql<{ rule: GapRule; asset_id: string; asset_name: string; flow_id: string | null; party: string | null }>`select * from (${union}) g order by sort_name, asset_id, rule, flow_id limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`.execute(ctx.database.db),
  ]);
  const items: TGap[] = page.rows.map((r) => {
    const def = GAP_RULE_DEFINITIONS.find((d) => d.rule === r.rule)!;
    return { rule: r.rule, title: def.title, reference: def.reference, assetId: r.asset_id, assetName: r.asset_name, flowId: r.flow_id, detail: `${def.title}${r.party ? ` (to ${r.party})` : ''} — ${def.reference}` };
  });
  return { items, total: toNumber(count.rows[0]?.n), page: query.page, pageSize: query.pageSize };
}
