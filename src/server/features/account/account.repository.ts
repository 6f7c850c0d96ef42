/** Queries of My account: the user row, their sessions and their API tokens (always scoped to the user). */
import type { Db } from '../../kernel/db/database.js';

export function getUser(db: Db, userId: string) {
  return db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
}

export function listSessions(db: Db, userId: string, now: Date) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent', 'auth_method'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .orderBy('last_seen_at', 'desc')
    .limit(200)
    .execute();
}

export async function revokeSessionOf(db: Db, userId: string, sessionId: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('id', '=', sessionId).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function revokeOtherSessions(db: Db, userId: string, keepSessionId: string | null, now: Date): Promise<void> {
  let query = db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (keepSessionId) query = query.where('id', '!=', keepSessionId);
  await query.execute();
}

export function listTokens(db: Db, userId: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('organizations', 'organizations.id', 'api_tokens.organization_id')
    .select(['api_tokens.id', 'api_tokens.name', 'api_tokens.organization_id', 'organizations.name as organization_name', 'api_tokens.prefix', 'api_tokens.permissions', 'api_tokens.created_at', 'api_tokens.expires_at', 'api_tokens.last_used_at', 'api_tokens.revoked_at'])
    .where('api_tokens.user_id', '=', userId)
    .orderBy('api_tokens.created_at', 'desc')
    .limit(200)
    .execute();
}

export async function revokeToken(db: Db, userId: string, tokenId: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('api_tokens').set({ revoked_at: now.toISOString() }).where('id', '=', tokenId).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
