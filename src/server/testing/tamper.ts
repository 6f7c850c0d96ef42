/**
 * Direct-SQL tampering with the audit trail, as an attacker with database rights would do it (dropping
 * the append-only triggers first). Used by the verification tests of the API, the CLI and the kernel.
 */
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../kernel/db/migrate.js';

export async function dropAppendOnlyTriggers(db: Kysely<any>): Promise<void> {
  if (engineOf(db) === 'sqlite') {
    await sql`drop trigger if exists audit_events_no_update`.execute(db);
    await sql`drop trigger if exists audit_events_no_delete`.execute(db);
  } else {
    await sql`drop trigger if exists audit_events_no_update on audit_events`.execute(db);
  }
}

export type Tampering = 'update' | 'delete' | 'insert' | 'swap';

/** Tamper with event `seq` of a chain; returns the id of the event the verifier must name. */
export async function tamper(db: Kysely<any>, chainId: string, kind: Tampering, seq: number): Promise<string> {
  await dropAppendOnlyTriggers(db);
  const row = (await db.selectFrom('audit_events').selectAll().where('chain_id', '=', chainId).where('seq', '=', seq).executeTakeFirstOrThrow()) as Record<string, unknown>;
  switch (kind) {
    case 'update':
      await db.updateTable('audit_events').set({ actor_label: 'someone-else@example.org' }).where('id', '=', row.id as string).execute();
      return row.id as string;
    case 'delete': {
      const next = (await db.selectFrom('audit_events').select('id').where('chain_id', '=', chainId).where('seq', '=', seq + 1).executeTakeFirstOrThrow()) as { id: string };
      await db.deleteFrom('audit_events').where('id', '=', row.id as string).execute();
      return next.id;
    }
    case 'insert': {
      // Shift the later events up by one and slip a forged event in at `seq`, with a self-consistent hash.
      const later = (await db.selectFrom('audit_events').select(['id', 'seq']).where('chain_id', '=', chainId).where('seq', '>=', seq).orderBy('seq', 'desc').execute()) as { id: string; seq: number }[];
      for (const event of later) await db.updateTable('audit_events').set({ seq: Number(event.seq) + 1 }).where('id', '=', event.id).execute();
      const forgedId = '11111111-1111-4111-8111-111111111111';
      await db.insertInto('audit_events').values({ ...row, id: forgedId, seq, type: 'membership.created', actor_label: 'forged@example.org', hash: 'f'.repeat(64) }).execute();
      return forgedId;
    }
    case 'swap': {
      const next = (await db.selectFrom('audit_events').select(['id']).where('chain_id', '=', chainId).where('seq', '=', seq + 1).executeTakeFirstOrThrow()) as { id: string };
      await db.updateTable('audit_events').set({ seq: -1 }).where('id', '=', row.id as string).execute();
      await db.updateTable('audit_events').set({ seq }).where('id', '=', next.id).execute();
      await db.updateTable('audit_events').set({ seq: seq + 1 }).where('id', '=', row.id as string).execute();
      return next.id;
    }
  }
}
