/**
 * The composition root: configuration → key ring → database (migrated) → features → HTTP.
 * The kernel never imports a feature; this file is where they meet.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { systemClock, type Clock } from './kernel/clock.js';
import type { Config } from './kernel/config.js';
import type { AppContext } from './kernel/context.js';
import { loadKeyring, type Keyring } from './kernel/crypto/keyring.js';
import { openDatabase, refreshPlannerStatistics, type Database } from './kernel/db/database.js';
import { migrateToLatest } from './kernel/db/migrate.js';
import { buildHttpApp, type BuildHttpAppOptions } from './kernel/http/app.js';
import { createLogger } from './kernel/logger.js';
import { FEATURES } from './features/index.js';
import { MIGRATIONS } from './migrations/index.js';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIR = path.join(ROOT_DIR, 'dist', 'web');

export interface OpenContextOptions {
  createKeyIfMissing?: boolean;
  logger?: Logger;
  clock?: Clock;
  database?: Database;
  keyring?: Keyring;
  migrate?: boolean;
  /** SQLite: check the file's integrity on open (the server does at start). */
  integrityCheck?: boolean;
}

export async function openContext(config: Config, options: OpenContextOptions = {}): Promise<AppContext> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const keyring = options.keyring ?? loadKeyring({ masterKey: config.masterKey, keyFile: config.keyFile, createIfMissing: options.createKeyIfMissing ?? false });
  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: path.join(config.dataDir, 'custos.db'), integrityCheck: options.integrityCheck }));
  if (options.migrate !== false) {
    await migrateToLatest(database.db, MIGRATIONS);
    await refreshPlannerStatistics(database);
  }
  return { database, keyring, clock: options.clock ?? systemClock, config, logger };
}

export function buildApp(ctx: AppContext, options: Partial<Omit<BuildHttpAppOptions, 'ctx'>> = {}): Promise<FastifyInstance> {
  return buildHttpApp({ ctx, features: FEATURES, webDir: WEB_DIR, rateLimitPerMinute: 1200, ...options });
}
