/** A migrated database, an in-memory key ring and the full HTTP app, for API tests. */
import type { FastifyInstance } from 'fastify';
import { buildApp, openContext } from '../app.js';
import { FEATURES } from '../features/index.js';
import type { Feature } from '../kernel/http/route.js';
import { ManualClock, type Clock } from '../kernel/clock.js';
import { loadConfig } from '../kernel/config.js';
import type { AppContext } from '../kernel/context.js';
import { generateMasterKey, keyIdOf, type Keyring } from '../kernel/crypto/keyring.js';
import { createLogger } from '../kernel/logger.js';
import { createTestDatabase, withTestSchemaLock, type TestDatabase } from './test-db.js';

export function testKeyring(): Keyring {
  const key = generateMasterKey();
  return { activeKeyId: keyIdOf(key), keys: new Map([[keyIdOf(key), key]]), source: 'test' };
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  testDb: TestDatabase;
  close(): Promise<void>;
}

export interface TestAppOptions {
  clock?: Clock;
  beforeReady?: (app: FastifyInstance) => void;
  /** Extra features registered like real ones (the meta-tests add deliberately broken routes). */
  extraFeatures?: Feature[];
  poolSize?: number;
}

export async function createTestContext(options: { clock?: Clock; poolSize?: number } = {}): Promise<{ ctx: AppContext; testDb: TestDatabase }> {
  const testDb = await createTestDatabase({ poolSize: options.poolSize });
  const config = { ...loadConfig({ CUSTOS_DATA_DIR: testDb.location.startsWith('/') ? testDb.location : '/tmp/custos-test-pg' }), logLevel: 'silent' };
  const ctx = await withTestSchemaLock(() => openContext(config, { database: testDb.database, keyring: testKeyring(), logger: createLogger('silent'), clock: options.clock ?? new ManualClock(new Date()) }));
  return { ctx, testDb };
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const { ctx, testDb } = await createTestContext(options);
  const app = await buildApp(ctx, { webDir: null, rateLimitPerMinute: null, beforeReady: options.beforeReady, features: [...FEATURES, ...(options.extraFeatures ?? [])] });
  await app.ready();
  return {
    app,
    ctx,
    testDb,
    close: async () => {
      await app.close();
      await testDb.drop();
    },
  };
}
