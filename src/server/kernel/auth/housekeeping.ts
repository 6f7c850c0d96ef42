/**
 * Removes authentication state nobody can use any more: ended sessions, used or expired MFA challenges,
 * finished throttle windows. Idempotent deletes, so every app node may run it (no lock needed). Then runs
 * the features' housekeeping hooks (kernel/hooks.ts), which are idempotent too.
 */
import { Cron } from 'croner';
import type { AppContext } from '../context.js';
import { refreshPlannerStatistics } from '../db/database.js';
import { runHousekeepingHooks } from '../hooks.js';
import { LOGIN_EMAIL_RULE, LOGIN_IP_RULE } from './throttle.js';

export async function sweepExpiredAuthState(ctx: AppContext): Promise<{ sessions: number; challenges: number; throttle: number }> {
  const now = ctx.clock.now();
  const db = ctx.database.db;
  const idleCutoff = new Date(now.getTime() - ctx.config.sessionIdleMinutes * 60_000).toISOString();
  const sessions = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now.toISOString()), eb('last_seen_at', '<', idleCutoff), eb('revoked_at', 'is not', null)]))
    .executeTakeFirst();
  const challenges = await db
    .deleteFrom('mfa_challenges')
    .where((eb) => eb.or([eb('expires_at', '<=', now.toISOString()), eb('consumed_at', 'is not', null)]))
    .executeTakeFirst();
  const longestWindow = Math.max(LOGIN_EMAIL_RULE.windowMs, LOGIN_IP_RULE.windowMs);
  const throttle = await db.deleteFrom('auth_throttle').where('window_start', '<', new Date(now.getTime() - longestWindow).toISOString()).executeTakeFirst();
  return { sessions: Number(sessions.numDeletedRows), challenges: Number(challenges.numDeletedRows), throttle: Number(throttle.numDeletedRows) };
}

export function scheduleHousekeeping(ctx: AppContext): Cron {
  return new Cron('*/15 * * * *', { protect: true, catch: (error) => ctx.logger.error({ err: error }, 'housekeeping failed') }, async () => {
    const removed = await sweepExpiredAuthState(ctx);
    ctx.logger.info({ removed }, 'expired authentication state removed');
    const hooks = await runHousekeepingHooks(ctx);
    ctx.logger.info({ hooks }, 'housekeeping hooks ran');
    await refreshPlannerStatistics(ctx.database);
  });
}
