/** `custos start` (quick start, may load the demo) and `custos serve` (production: never a demo). */
import fs from 'node:fs';
import { WEB_DIR, buildApp, openContext } from '../../server/app.js';
import { toNumber } from '../../server/kernel/db/database.js';
import { scheduleHousekeeping } from '../../server/kernel/auth/housekeeping.js';
import { createLogger } from '../../server/kernel/logger.js';
import { isDatabaseEmpty, loadDemo } from '../../server/features/demo/index.js';
import { cliActor, config, info, out } from '../support.js';

export async function serve(options: { quickstart: boolean }): Promise<void> {
  const cfg = config();
  const logger = createLogger(cfg.logLevel);
  const ctx = await openContext(cfg, { logger, createKeyIfMissing: options.quickstart, integrityCheck: true });
  const wantsDemo = options.quickstart && !cfg.databaseUrl && process.env.CUSTOS_DEMO !== '0';
  if (wantsDemo && (await isDatabaseEmpty(ctx))) {
    const { credentials } = await loadDemo(ctx, cliActor());
    out('');
    out('Demo group "Northbridge Health" created (a hospital and two clinics). Demo sign-ins, shown only now:');
    for (const c of credentials) out(`  ${c.role.padEnd(24)} ${c.email.padEnd(44)} ${c.password}`);
    out('Keep them if you want to explore; they are stored only as argon2id hashes.');
    out('');
  }
  const users = await ctx.database.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  if (toNumber(users?.n) === 0) info('No administrator yet: run `custos init --admin-email you@example.org` to create the first one.');
  if (!fs.existsSync(WEB_DIR)) info('The web interface is not built (npm run build:web); serving the API only.');
  const app = await buildApp(ctx);
  await app.listen({ port: cfg.port, host: cfg.host });
  const housekeeping = scheduleHousekeeping(ctx);
  const scheme = cfg.tlsCert ? 'https' : 'http';
  out(`Custos is running at ${scheme}://${cfg.host}:${cfg.port} (${ctx.database.engine}; data in ${ctx.database.location})`);
  const stop = async (signal: string) => {
    info(`${signal}: shutting down`);
    housekeeping.stop();
    await app.close();
    await ctx.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
