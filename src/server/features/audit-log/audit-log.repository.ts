/** Reads of the audit trail, always inside one organization's chain, filtered and paged in SQL. */
import { sql } from 'kysely';
import type { TAuditListQuery } from '../../../shared/contracts/audit.js';
import { likePattern, toNumber, type Db } from '../../kernel/db/database.js';

type Filters = Omit<TAuditListQuery, 'page' | 'pageSize' | 'direction'>;

function filtered(db: Db, orgId: string, query: Filters) {
  let base = db.selectFrom('audit_events').where('chain_id', '=', orgId);
  if (query.type) base = base.where('type', '=', query.type);
  if (query.subjectType) base = base.where('subject_type', '=', query.subjectType);
  if (query.subjectId) base = base.where('subject_id', '=', query.subjectId);
  if (query.from) base = base.where('occurred_at', '>=', new Date(query.from).toISOString());
  if (query.to) base = base.where('occurred_at', '<=', new Date(query.to).toISOString());
  if (query.actor) {
    const pattern = likePattern(query.actor);
    const actor = query.actor;
    base = base.where((eb) => eb.or([eb('actor_user_id', '=', actor), sql<boolean>`lower(actor_label) like ${pattern} escape '\\'`]));
  }
  return base;
}

export async function listEvents(db: Db, orgId: string, query: TAuditListQuery) {
  const base = filtered(db, orgId, query);
  const countRow = await base.select((eb) => eb.fn.countAll().as('total')).executeTakeFirst();
  const items = await base
    .selectAll()
    .orderBy('seq', query.direction)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { total: toNumber(countRow?.total), items };
}

/** For export: the filtered events in sequence order, in batches (keyset on seq). */
export async function* iterateEvents(db: Db, orgId: string, query: Filters, batchSize = 5000) {
  let after = 0;
  for (;;) {
    const rows = await filtered(db, orgId, query).selectAll().where('seq', '>', after).orderBy('seq', 'asc').limit(batchSize).execute();
    for (const row of rows) yield row;
    if (rows.length < batchSize) return;
    after = Number(rows[rows.length - 1]!.seq);
  }
}
