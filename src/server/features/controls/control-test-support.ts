/**
 * Test support: make sure the catalogue requirements a test links to exist. Once the built-in catalogue is
 * loaded by migration they are already there and nothing is inserted. Tests only.
 */
import type { AppContext } from '../../kernel/context.js';
import { controlDb } from './control.repository.js';

export async function ensureRequirements(ctx: AppContext, ids: string[]): Promise<void> {
  const db = controlDb(ctx.database.db);
  for (const id of ids) {
    const [frameworkId, ref] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
    const framework = await db.selectFrom('frameworks').select('id').where('id', '=', frameworkId).executeTakeFirst();
    if (!framework) {
      await db
        .insertInto('frameworks')
        .values({ id: frameworkId, organization_id: null, key: frameworkId, name: frameworkId, short_name: frameworkId, version: 'test', origin: 'builtin', publisher: null, description: null, source: null, catalog_version: 'test', source_sha256: null, requirement_count: 0, created_at: new Date().toISOString(), created_by: null })
        .execute();
    }
    const existing = await db.selectFrom('requirements').select('id').where('id', '=', id).executeTakeFirst();
    if (existing) continue;
    await db
      .insertInto('requirements')
      .values({ id, framework_id: frameworkId, parent_id: null, ref, kind: 'control', title: `Requirement ${ref}`, text: null, guidance: null, obligation: null, theme: null, assessable: 1, depth: 0, sort_order: 0, search_text: `${ref} requirement`.toLowerCase(), data: null })
      .execute();
  }
}
