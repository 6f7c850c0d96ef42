/**
 * Heat maps (issue 5 item 7; ISO/IEC 27001:2022 6.1.2 e evaluation, 9.1 monitoring): how many risks sit
 * in each likelihood × impact cell of the method's matrix at a stage, with level totals. One GROUP BY
 * over the stage's stored likelihood and aggregated impact (index risks_org_<stage>_cell_idx), cells
 * labelled from the method in force, empty cells included.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { TRiskHeatmap, TRiskHeatmapQuery } from '../../../shared/contracts/risks.js';
import type { Principal } from '../../kernel/auth/principal.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { toNumber } from '../../kernel/db/database.js';
import { currentMethod } from './risk-method.store.js';
import { repoDb } from './risk.repository.js';
import { scopeOrganizations } from './risk.service.js';

/**
 * The heat map of one stage. At a group with its sites, a site whose method has other scale sizes is left
 * out (and named): its cells would not line up with the matrix shown. Cells count by the shown matrix.
 */
export async function getHeatmap(ctx: AppContext, access: OrgAccess, principal: Principal | null, query: TRiskHeatmapQuery): Promise<TRiskHeatmap> {
  const db = ctx.database.db;
  const scope = await scopeOrganizations(ctx, access, principal, query);
  const shown = await currentMethod(db, scope[0]!);
  const method = shown.method;
  const included: string[] = [scope[0]!];
  const excluded: string[] = [];
  for (const orgId of scope.slice(1)) {
    const other = (await currentMethod(db, orgId)).method;
    if (other.likelihood.length === method.likelihood.length && other.impact.length === method.impact.length) included.push(orgId);
    else excluded.push(orgId);
  }

  const likelihood = sql.ref(`r.${query.stage}_likelihood`);
  const impact = sql.ref(`r.${query.stage}_impact`);
  const where: RawBuilder<SqlBool>[] = [included.length === 1 ? sql<SqlBool>`r.organization_id = ${included[0]}` : sql<SqlBool>`r.organization_id in (${sql.join(included)})`, sql<SqlBool>`r.status = ${query.status}`];
  if (query.category) where.push(sql<SqlBool>`r.category = ${query.category}`);
  if (query.ownerUserId) where.push(sql<SqlBool>`r.owner_user_id = ${query.ownerUserId}`);
  const result = await sql<{ l: number | null; i: number | null; n: unknown }>`select ${likelihood} as l, ${impact} as i, count(*) as n from risks r where ${sql.join(where, sql` and `)} group by ${likelihood}, ${impact}`.execute(db);

  const counts = new Map<string, number>();
  let notAssessed = 0;
  for (const row of result.rows) {
    if (row.l === null || row.i === null) notAssessed += toNumber(row.n);
    else counts.set(`${Number(row.l)}:${Number(row.i)}`, toNumber(row.n));
  }
  const levels = new Map(method.levels.map((l) => [l.key, { key: l.key, label: l.label, colour: l.colour, rank: l.rank, count: 0 }]));
  const cells: TRiskHeatmap['cells'] = [];
  let assessed = 0;
  for (let l = 1; l <= method.likelihood.length; l += 1) {
    for (let i = 1; i <= method.impact.length; i += 1) {
      const levelKey = method.matrix[l - 1]![i - 1]!;
      const count = counts.get(`${l}:${i}`) ?? 0;
      const level = levels.get(levelKey)!;
      level.count += count;
      assessed += count;
      cells.push({ likelihood: l, impact: i, levelKey, colour: level.colour, count });
    }
  }
  const excludedSites = excluded.length === 0 ? [] : await repoDb(db).selectFrom('organizations').select(['id', 'name']).where('id', 'in', excluded).orderBy('name').execute();
  return {
    stage: query.stage,
    methodVersion: shown.version,
    likelihood: method.likelihood.map((s) => ({ value: s.value, label: s.label })),
    impact: method.impact.map((s) => ({ value: s.value, label: s.label })),
    cells,
    levels: [...levels.values()].sort((a, b) => a.rank - b.rank),
    assessed,
    notAssessed,
    excludedSites,
  };
}
