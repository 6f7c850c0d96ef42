/**
 * A fresh database per test file: SQLite in a temp directory, or a fresh PostgreSQL schema when
 * CUSTOS_TEST_ENGINE=postgres (URL from CUSTOS_TEST_DATABASE_URL). Runs never see each other's data.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type Engine } from '../kernel/db/database.js';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

export function testEngine(): Engine {
  return process.env.CUSTOS_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

export function testDatabaseUrl(): string {
  return process.env.CUSTOS_TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
}

export interface TestDatabase {
  database: Database;
  /** For SQLite: the temp directory holding custos.db; for PostgreSQL: the schema name. */
  location: string;
  drop(): Promise<void>;
}

/**
 * Kysely's migrator lists tables across all schemas (pg_catalog); a test file dropping its schema at the
 * same moment can make that listing fail with "schema … does not exist". Test files run in parallel, so
 * creating (migrating) and dropping test schemas are serialised with an advisory lock. Tests only.
 */
export async function withTestSchemaLock<T>(fn: () => Promise<T>): Promise<T> {
  if (testEngine() !== 'postgres') return fn();
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(727272)');
    return await fn();
  } finally {
    await client.query('select pg_advisory_unlock(727272)').catch(() => undefined);
    await client.end();
  }
}

export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  if (testEngine() === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-test-'));
    const database = await openDatabase({ databaseUrl: null, sqliteFile: path.join(dir, 'custos.db') });
    return {
      database,
      location: dir,
      drop: async () => {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = testDatabaseUrl();
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: url, pgSchema: schema, poolSize: options.poolSize ?? 10 });
  return {
    database,
    location: schema,
    drop: async () => {
      await database.close();
      await withTestSchemaLock(async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`drop schema if exists ${schema} cascade`);
        await client.end();
      });
    },
  };
}
