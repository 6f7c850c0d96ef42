/**
 * Sign-in throttling and temporary lockout, kept in the database so every app node sees the same
 * counters (A.8.5: "limit unsuccessful log-on attempts"). A key (an IP, or an e-mail address whether or
 * not an account exists, so lockout never reveals which addresses are registered) may fail `max` times
 * per window; then it is refused until the window ends.
 */
import type { Db } from '../db/database.js';

export interface ThrottleRule {
  max: number;
  windowMs: number;
}

export const LOGIN_EMAIL_RULE: ThrottleRule = { max: 5, windowMs: 15 * 60_000 };
export const LOGIN_IP_RULE: ThrottleRule = { max: 50, windowMs: 15 * 60_000 };

/** Seconds until the key may try again, or 0 when it may try now. */
export async function throttleWait(db: Db, key: string, rule: ThrottleRule, now: Date): Promise<number> {
  const row = await db.selectFrom('auth_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row) return 0;
  const ends = new Date(row.window_start).getTime() + rule.windowMs;
  if (now.getTime() >= ends || row.attempts < rule.max) return 0;
  return Math.ceil((ends - now.getTime()) / 1000);
}

export async function throttleFail(db: Db, key: string, rule: ThrottleRule, now: Date): Promise<number> {
  const row = await db.selectFrom('auth_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  const iso = now.toISOString();
  if (!row) {
    await db.insertInto('auth_throttle').values({ key, window_start: iso, attempts: 1 }).onConflict((oc) => oc.column('key').doUpdateSet({ attempts: (eb) => eb('auth_throttle.attempts', '+', 1) })).execute();
    return 1;
  }
  if (now.getTime() >= new Date(row.window_start).getTime() + rule.windowMs) {
    await db.updateTable('auth_throttle').set({ window_start: iso, attempts: 1 }).where('key', '=', key).execute();
    return 1;
  }
  await db.updateTable('auth_throttle').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('key', '=', key).execute();
  return row.attempts + 1;
}

export async function throttleClear(db: Db, key: string): Promise<void> {
  await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
}
