/**
 * Risk trends (issue 5 item 7; ISO/IEC 27001:2022 9.1 monitoring, measurement, analysis and
 * evaluation): the number of open risks per level and stage, kept once a month per organization so the
 * trend survives later changes, plus a live point computed now. The housekeeping job takes a month's
 * snapshot on its first run in that month (the organization's calendar month); taking it is idempotent
 * (the primary key organization × month × stage × level refuses a second copy), so any app node may run it.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import { RISK_STAGES, type RiskStage, type TRiskTrend, type ZRiskTrendQuery } from '../../../shared/contracts/risks.js';
import type { TRiskMethod } from '../../../shared/contracts/risk-method.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { toNumber, type Db } from '../../kernel/db/database.js';
import { currentMethod } from './risk-method.store.js';
import { repoDb } from './risk.repository.js';
import { dateIn } from './risk.service.js';

type LevelCounts = Map<RiskStage, Map<string, { rank: number; count: number }>>;

/** Open risks per stage and level now (one statement); every level of the method appears, with 0 when empty. */
export async function levelCounts(db: Db, organizationId: string, method: TRiskMethod): Promise<LevelCounts> {
  const parts = RISK_STAGES.map(
    (stage) =>
      sql`select cast(${stage} as text) as stage, ${sql.ref(`${stage}_level_key`)} as level_key, max(${sql.ref(`${stage}_level_rank`)}) as level_rank, count(*) as n from risks
        where organization_id = ${organizationId} and status = 'open' and ${sql.ref(`${stage}_level_key`)} is not null group by ${sql.ref(`${stage}_level_key`)}`,
  );
  const result = await sql<{ stage: RiskStage; level_key: string; level_rank: unknown; n: unknown }>`${sql.join(parts, sql` union all `)}`.execute(db);
  const counts: LevelCounts = new Map(RISK_STAGES.map((s) => [s, new Map(method.levels.map((l) => [l.key, { rank: l.rank, count: 0 }]))]));
  for (const row of result.rows) counts.get(row.stage)!.set(row.level_key, { rank: toNumber(row.level_rank), count: toNumber(row.n) });
  return counts;
}

/**
 * Takes this month's snapshot for every organization that lacks it. Returns how many organizations got
 * one. Runs from the housekeeping job (kernel hook `onHousekeeping`).
 */
export async function takeMonthlySnapshots(ctx: AppContext): Promise<{ organizations: number }> {
  const db = repoDb(ctx.database.db);
  const now = ctx.clock.now();
  const orgs = await db.selectFrom('organizations').select(['id', 'time_zone']).execute();
  const months = new Map(orgs.map((o) => [o.id, dateIn(o.time_zone, now).slice(0, 7)]));
  const taken = await db
    .selectFrom('risk_level_snapshots')
    .select(['organization_id', 'month'])
    .distinct()
    .where('month', 'in', [...new Set(months.values())])
    .execute();
  const done = new Set(taken.map((t) => `${t.organization_id}:${t.month}`));
  let organizations = 0;
  for (const org of orgs) {
    const month = months.get(org.id)!;
    if (done.has(`${org.id}:${month}`)) continue;
    try {
      const { method } = await currentMethod(ctx.database.db, org.id);
      const counts = await levelCounts(ctx.database.db, org.id, method);
      const takenAt = now.toISOString();
      const rows = [...counts].flatMap(([stage, levels]) => [...levels].map(([level_key, v]) => ({ organization_id: org.id, month, stage, level_key, level_rank: v.rank, count: v.count, taken_at: takenAt })));
      await db.insertInto('risk_level_snapshots').values(rows).onConflict((oc) => oc.doNothing()).execute();
      organizations += 1;
    } catch (error) {
      // One organization's problem (e.g. no method yet) must not keep the others from their snapshot.
      ctx.logger.warn({ err: error, organizationId: org.id }, 'risk level snapshot not taken');
    }
  }
  return { organizations };
}

/** The month `n` months before `month` (YYYY-MM). */
function monthsBefore(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n;
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** Counts per level at each monthly snapshot of the last `months` months, and a live point now. */
export async function getTrends(ctx: AppContext, access: OrgAccess, query: z.output<typeof ZRiskTrendQuery>): Promise<TRiskTrend> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const month = dateIn(access.timeZone, now).slice(0, 7);
  const { method } = await currentMethod(db, access.organizationId);
  const rows = await repoDb(db)
    .selectFrom('risk_level_snapshots')
    .selectAll()
    .where('organization_id', '=', access.organizationId)
    .where('stage', '=', query.stage)
    .where('month', '>=', monthsBefore(month, query.months - 1))
    .orderBy('month')
    .orderBy('level_rank')
    .execute();
  const levels = method.levels.map((l) => ({ key: l.key, label: l.label, colour: l.colour, rank: l.rank })).sort((a, b) => a.rank - b.rank);
  const points = new Map<string, TRiskTrend['points'][number]>();
  for (const row of rows) {
    // A level of an earlier method version that the current one no longer has still shows, by its key.
    if (!levels.some((l) => l.key === row.level_key)) levels.push({ key: row.level_key, label: row.level_key, colour: '#868e96', rank: toNumber(row.level_rank) });
    const point = points.get(row.month) ?? { month: row.month, takenAt: row.taken_at, live: false, counts: {} };
    point.counts[row.level_key] = toNumber(row.count);
    points.set(row.month, point);
  }
  const live = (await levelCounts(db, access.organizationId, method)).get(query.stage)!;
  const liveCounts = Object.fromEntries([...live].map(([key, v]) => [key, v.count]));
  return { stage: query.stage, levels, points: [...points.values(), { month, takenAt: now.toISOString(), live: true, counts: liveCounts }] };
}
