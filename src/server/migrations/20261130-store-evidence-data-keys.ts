/**
 * Evidence files keep their wrapped data key in the database, apart from the encrypted bytes in the
 * evidence store (ADR 0012): master-key rotation then re-wraps every file's key in one transaction
 * without rewriting a file, whichever store (disk or database) holds it (A.8.24 key management).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('evidence').addColumn('data_key', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('evidence').dropColumn('data_key').execute();
}
