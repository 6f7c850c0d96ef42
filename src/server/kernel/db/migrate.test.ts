import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-db.js';
import { type MigrationSet, migrateToLatest } from './migrate.js';

const table = (name: string): MigrationSet[string] => ({
  up: async (db) => {
    await db.schema.createTable(name).addColumn('id', 'text', (c) => c.primaryKey()).execute();
  },
});

describe('migrateToLatest (against the test engine)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('applies a fresh set, then skips an up-to-date database without running the migrator', async () => {
    const first: MigrationSet = { '20990101-create-alpha': table('mig_alpha') };
    expect(await migrateToLatest(t.database.db, first)).toEqual({ applied: ['20990101-create-alpha'] });
    // Up to date: nothing applied, and the migration lock table is never touched (the fast path).
    await sql`drop table custos_migrations_lock`.execute(t.database.db);
    expect(await migrateToLatest(t.database.db, first)).toEqual({ applied: [] });
  });

  it('applies a migration added later, in order, and records it', async () => {
    const next: MigrationSet = { '20990101-create-alpha': table('mig_alpha'), '20990102-create-beta': table('mig_beta') };
    expect(await migrateToLatest(t.database.db, next)).toEqual({ applied: ['20990102-create-beta'] });
    const names = (await sql<{ name: string }>`select name from custos_migrations order by name`.execute(t.database.db)).rows.map((r) => r.name);
    expect(names).toEqual(['20990101-create-alpha', '20990102-create-beta']);
  });

  it('names the migration that failed and keeps what ran before it', async () => {
    const broken: MigrationSet = {
      '20990101-create-alpha': table('mig_alpha'),
      '20990102-create-beta': table('mig_beta'),
      '20990103-create-beta-again': table('mig_beta'),
    };
    await expect(migrateToLatest(t.database.db, broken)).rejects.toThrow(/^migrate: 20990103-create-beta-again failed: /);
  });
});
