/** Every query of sign-in: users by e-mail, MFA challenges, recovery codes, memberships for the session. */
import type { Db } from '../../kernel/db/database.js';
import { newId, sha256Hex } from '../../kernel/crypto/tokens.js';

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function createChallenge(db: Db, input: { token: string; userId: string; ip: string | null; now: Date; ttlMs: number }): Promise<void> {
  await db
    .insertInto('mfa_challenges')
    .values({
      id: newId(),
      token_hash: sha256Hex(input.token),
      user_id: input.userId,
      ip: input.ip,
      attempts: 0,
      created_at: input.now.toISOString(),
      expires_at: new Date(input.now.getTime() + input.ttlMs).toISOString(),
      consumed_at: null,
    })
    .execute();
}

export function findChallenge(db: Db, token: string) {
  return db.selectFrom('mfa_challenges').selectAll().where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
}

export async function countChallengeAttempt(db: Db, id: string): Promise<void> {
  await db.updateTable('mfa_challenges').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', '=', id).execute();
}

export async function consumeChallenge(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('mfa_challenges').set({ consumed_at: now.toISOString() }).where('id', '=', id).where('consumed_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks a matching unused recovery code as used; true when one matched. */
export async function useRecoveryCode(db: Db, userId: string, codeHash: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setTotpLastStep(db: Db, userId: string, step: number): Promise<void> {
  await db.updateTable('users').set({ totp_last_step: step }).where('id', '=', userId).execute();
}

export async function markLogin(db: Db, userId: string, now: Date): Promise<void> {
  await db.updateTable('users').set({ last_login_at: now.toISOString() }).where('id', '=', userId).execute();
}

export async function revokeSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

/** The user's active memberships with organization facts, for the session payload. */
export function listActiveMemberships(db: Db, userId: string, now: Date) {
  return db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
    .select(['organizations.id', 'organizations.name', 'organizations.slug', 'organizations.parent_id', 'organizations.mfa_required', 'organizations.is_demo', 'organizations.time_zone', 'memberships.role', 'memberships.expires_at'])
    .where('memberships.user_id', '=', userId)
    .where((eb) => eb.or([eb('memberships.expires_at', 'is', null), eb('memberships.expires_at', '>', now.toISOString())]))
    .orderBy('organizations.name')
    .execute();
}
