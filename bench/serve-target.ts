/**
 * A server under load, in its own process so autocannon (in the parent) never shares its event loop:
 *   --target custos --data-dir DIR   the real app (buildApp) on the data set, logger silent, no rate limit
 *   --target bare                     a bare Fastify route, the baseline
 * Listens on 127.0.0.1 on a free port and prints `READY <port>`; exits on SIGTERM or when its stdin
 * closes (the parent went away).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp, openContext } from '../src/server/app.js';
import { loadConfig } from '../src/server/kernel/config.js';
import type { AppContext } from '../src/server/kernel/context.js';

const { values } = parseArgs({ options: { target: { type: 'string' }, 'data-dir': { type: 'string' } }, strict: true });

let app: FastifyInstance;
let ctx: AppContext | null = null;
if (values.target === 'bare') {
  app = Fastify();
  app.get('/x', () => ({ ok: true }));
} else if (values.target === 'custos' && values['data-dir']) {
  const config = loadConfig({ CUSTOS_DATA_DIR: path.resolve(values['data-dir']), LOG_LEVEL: 'silent' });
  ctx = await openContext(config, { logger: pino({ level: 'silent' }) });
  app = await buildApp(ctx, { rateLimitPerMinute: null });
} else {
  process.stderr.write('usage: serve-target.ts --target bare | --target custos --data-dir DIR\n');
  process.exit(2);
}

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('serve-target: no TCP address');
process.stdout.write(`READY ${address.port}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(1), 5_000);
  force.unref();
  await app.close();
  await ctx?.database.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.on('error', () => void stop());
process.stdin.resume();
