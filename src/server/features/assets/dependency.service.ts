/**
 * Dependencies between assets: a directed acyclic graph (A.5.9; A.5.30 ICT readiness for business
 * continuity; 164.308(a)(7)(ii)(E) applications and data criticality analysis). A new edge that would
 * close a cycle is refused, so "supports a critical service" is always well-defined.
 */
import { sql } from 'kysely';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { fieldError, isUniqueViolation, notFound } from '../../kernel/errors.js';
import { criticalityLabel } from './asset-derived.js';
import { assetDb } from './asset.repository.js';

export async function listDependencies(ctx: AppContext, access: OrgAccess, assetId: string) {
  const db = assetDb(ctx.database.db);
  const base = db
    .selectFrom('asset_dependencies as d')
    .innerJoin('assets as a', 'a.id', 'd.asset_id')
    .innerJoin('assets as t', 't.id', 'd.depends_on_id')
    .select(['d.id', 'd.asset_id', 'd.depends_on_id', 'a.name as asset_name', 't.name as depends_on_name', 't.criticality as depends_on_criticality', 'a.criticality as asset_criticality'])
    .where('d.organization_id', '=', access.organizationId);
  const [dependsOn, dependents] = await Promise.all([base.where('d.asset_id', '=', assetId).orderBy('t.name_lower').execute(), base.where('d.depends_on_id', '=', assetId).orderBy('a.name_lower').execute()]);
  const present = (r: (typeof dependsOn)[number]) => ({ id: r.id, assetId: r.asset_id, assetName: r.asset_name, assetCriticality: criticalityLabel(r.asset_criticality), dependsOnId: r.depends_on_id, dependsOnName: r.depends_on_name, dependsOnCriticality: criticalityLabel(r.depends_on_criticality) });
  return { dependsOn: dependsOn.map(present), dependents: dependents.map(present) };
}

/** True when `from` already (transitively) depends on `to`. */
async function reaches(ctx: AppContext, orgId: string, from: string, to: string): Promise<boolean> {
  const result = await sql<{ id: string }>`
    with recursive reach(id) as (
      select depends_on_id from asset_dependencies where organization_id = ${orgId} and asset_id = ${from}
      union
      select d.depends_on_id from asset_dependencies d join reach r on d.asset_id = r.id where d.organization_id = ${orgId}
    )
    select id from reach where id = ${to} limit 1`.execute(ctx.database.db);
  return result.rows.length > 0;
}

export async function addDependency(ctx: AppContext, access: OrgAccess, actor: AuditActor, assetId: string, dependsOnId: string) {
  const db = assetDb(ctx.database.db);
  const assets = await db.selectFrom('assets').select(['id', 'name']).where('organization_id', '=', access.organizationId).where('id', 'in', [assetId, dependsOnId]).execute();
  if (!assets.some((a) => a.id === assetId)) throw notFound('asset');
  if (!assets.some((a) => a.id === dependsOnId)) throw fieldError('body.dependsOnId', 'is not an asset of this organization');
  if (assetId === dependsOnId) throw fieldError('body.dependsOnId', 'an asset cannot depend on itself');
  if (await reaches(ctx, access.organizationId, dependsOnId, assetId)) throw fieldError('body.dependsOnId', 'would create a cycle: that asset already depends on this one');
  const id = newId();
  await db
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('asset_dependencies').values({ id, organization_id: access.organizationId, asset_id: assetId, depends_on_id: dependsOnId, created_at: ctx.clock.now().toISOString() }).execute();
      await recordEvent(ctx, trx, actor, { type: 'asset.dependency_added', organizationId: access.organizationId, subjectType: 'asset', subjectId: assetId, changes: { dependsOnId, dependsOnName: assets.find((a) => a.id === dependsOnId)!.name } });
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw fieldError('body.dependsOnId', 'is already a dependency of this asset');
      throw error;
    });
  return listDependencies(ctx, access, assetId);
}

export async function removeDependency(ctx: AppContext, access: OrgAccess, actor: AuditActor, assetId: string, dependencyId: string) {
  const db = assetDb(ctx.database.db);
  const row = await db.selectFrom('asset_dependencies').selectAll().where('organization_id', '=', access.organizationId).where('asset_id', '=', assetId).where('id', '=', dependencyId).executeTakeFirst();
  if (!row) throw notFound('dependency');
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('asset_dependencies').where('id', '=', dependencyId).execute();
    await recordEvent(ctx, trx, actor, { type: 'asset.dependency_removed', organizationId: access.organizationId, subjectType: 'asset', subjectId: assetId, changes: { dependsOnId: row.depends_on_id } });
  });
  return listDependencies(ctx, access, assetId);
}
