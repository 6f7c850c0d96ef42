/**
 * Loads the built-in catalogue into frameworks, requirements and requirement_links (migration
 * 20261130-load-catalogue; a later migration calls it again when catalog/ gets a new catalog_version).
 *
 * Idempotent and upgrade-safe (ADR 0011): requirements are upserted by their stable id
 * `<frameworkId>:<ref>`, so organizations' links (controls, SoA rows, HIPAA decisions) keep pointing at
 * the same rows; a requirement dropped from the catalogue is deleted only when nothing of an
 * organization points at it or below it; catalogue-owned crosswalk links are replaced as a whole.
 */
import type { Kysely } from 'kysely';
import { readCatalogue, type Catalogue } from './catalogue-files.js';
import type { CatalogueTables, RequirementLinksTable } from './framework.tables.js';
import { toRequirementRows, writeRequirements } from './requirement-writer.js';

export type CatalogueDb = Kysely<CatalogueTables>;

interface LoadCatalogueResult {
  catalogVersion: string;
  skipped: boolean;
  frameworks: number;
  requirements: number;
  links: number;
  keptStale: number;
}

const LINK_CHUNK = 500;

export async function loadBuiltInCatalogue(db: CatalogueDb, options: { catalogue?: Catalogue; now?: Date } = {}): Promise<LoadCatalogueResult> {
  const catalogue = options.catalogue ?? readCatalogue();
  const run = (trx: CatalogueDb) => load(trx, catalogue, (options.now ?? new Date()).toISOString());
  // On PostgreSQL the migrator already runs each migration in a transaction; SQLite's does not.
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

async function load(db: CatalogueDb, catalogue: Catalogue, now: string): Promise<LoadCatalogueResult> {
  const ids = catalogue.frameworks.map((f) => f.id);
  const existing = await db.selectFrom('frameworks').select(['id', 'catalog_version']).where('id', 'in', ids).execute();
  const current = existing.length === ids.length && existing.every((f) => f.catalog_version === catalogue.catalogVersion);
  if (current) return { catalogVersion: catalogue.catalogVersion, skipped: true, frameworks: 0, requirements: 0, links: 0, keptStale: 0 };

  let requirementCount = 0;
  let keptStale = 0;
  for (const framework of catalogue.frameworks) {
    const rows = toRequirementRows(framework.id, framework.requirements);
    await db
      .insertInto('frameworks')
      .values({
        id: framework.id,
        organization_id: null,
        key: framework.key,
        name: framework.name,
        short_name: framework.shortName,
        version: framework.version,
        origin: 'builtin',
        publisher: framework.publisher,
        description: framework.description,
        source: framework.source,
        catalog_version: catalogue.catalogVersion,
        source_sha256: framework.sourceSha256,
        requirement_count: rows.length,
        created_at: now,
        created_by: null,
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          key: eb.ref('excluded.key'),
          name: eb.ref('excluded.name'),
          short_name: eb.ref('excluded.short_name'),
          version: eb.ref('excluded.version'),
          publisher: eb.ref('excluded.publisher'),
          description: eb.ref('excluded.description'),
          source: eb.ref('excluded.source'),
          catalog_version: eb.ref('excluded.catalog_version'),
          source_sha256: eb.ref('excluded.source_sha256'),
          requirement_count: eb.ref('excluded.requirement_count'),
        })),
      )
      .execute();
    const fresh = existing.some((f) => f.id === framework.id) === false;
    await writeRequirements(db, rows, { upsert: !fresh });
    if (!fresh) keptStale += await removeStaleRequirements(db, framework.id, new Set(rows.map((r) => r.id)));
    requirementCount += rows.length;
  }

  // Catalogue-owned links (between built-in requirements) are replaced as a whole.
  await db
    .deleteFrom('requirement_links')
    .where('from_id', 'in', (eb) => eb.selectFrom('requirements').select('id').where('framework_id', 'in', ids))
    .where('to_id', 'in', (eb) => eb.selectFrom('requirements').select('id').where('framework_id', 'in', ids))
    .execute();
  const seen = new Set<string>();
  const links: RequirementLinksTable[] = [];
  for (const link of catalogue.links) {
    const id = `${link.source}|${link.fromId}|${link.toId}`;
    if (seen.has(id)) continue;
    seen.add(id);
    links.push({ id, from_id: link.fromId, to_id: link.toId, source: link.source, strength: link.strength, note: link.note });
  }
  for (let start = 0; start < links.length; start += LINK_CHUNK) {
    await db.insertInto('requirement_links').values(links.slice(start, start + LINK_CHUNK)).execute();
  }
  return { catalogVersion: catalogue.catalogVersion, skipped: false, frameworks: catalogue.frameworks.length, requirements: requirementCount, links: links.length, keptStale };
}

/**
 * Deletes requirements a new catalogue version no longer has, except those an organization points at
 * (and their ancestors, which the tree needs): those stay, marked by a stale sort order at the end.
 * Returns how many stale rows were kept.
 */
async function removeStaleRequirements(db: CatalogueDb, frameworkId: string, keep: Set<string>): Promise<number> {
  const all = await db.selectFrom('requirements').select(['id', 'parent_id']).where('framework_id', '=', frameworkId).execute();
  const stale = all.filter((r) => !keep.has(r.id));
  if (stale.length === 0) return 0;
  const staleIds = stale.map((r) => r.id);
  const referenced = new Set<string>();
  for (const table of ['control_requirements', 'soa_entries', 'hipaa_decisions'] as const) {
    const rows = await db.selectFrom(table).select('requirement_id').distinct().where('requirement_id', 'in', staleIds).execute();
    for (const row of rows) referenced.add(row.requirement_id);
  }
  // A referenced row's ancestors stay too (deleting a parent cascades to its children).
  const parentOf = new Map(all.map((r) => [r.id, r.parent_id]));
  const protectedIds = new Set<string>();
  for (const id of referenced) {
    for (let at: string | null | undefined = id; at; at = parentOf.get(at)) protectedIds.add(at);
  }
  const removable = staleIds.filter((id) => !protectedIds.has(id));
  for (let start = 0; start < removable.length; start += LINK_CHUNK) {
    await db.deleteFrom('requirements').where('id', 'in', removable.slice(start, start + LINK_CHUNK)).execute();
  }
  const kept = staleIds.filter((id) => protectedIds.has(id));
  for (let start = 0; start < kept.length; start += LINK_CHUNK) {
    await db.updateTable('requirements').set((eb) => ({ sort_order: eb('sort_order', '+', 1_000_000) })).where('id', 'in', kept.slice(start, start + LINK_CHUNK)).where('sort_order', '<', 1_000_000).execute();
  }
  return kept.length;
}
