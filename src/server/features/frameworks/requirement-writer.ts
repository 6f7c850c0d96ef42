/**
 * Writes a framework's requirements in bulk (the catalogue at migration time, an OSCAL import at run
 * time): ids `<frameworkId>:<ref>`, depth and order from the document, search text, multi-row inserts
 * in chunks (800-53 is ~1,200 rows; one statement per row would cost seconds per test database).
 */
import type { Kysely } from 'kysely';
import type { CatalogueTables, RequirementsTable } from './framework.tables.js';

/** One requirement as a source describes it; `parent` is the parent's ref. */
export interface RequirementSeed {
  ref: string;
  parent: string | null;
  kind: string;
  title: string;
  text?: string | null;
  guidance?: string | null;
  obligation?: 'required' | 'addressable' | null;
  theme?: string | null;
  assessable: boolean;
  data?: Record<string, unknown> | null;
}

// 15 columns × 400 rows stays far below SQLite's and PostgreSQL's bound-parameter limits.
const CHUNK = 400;

export function requirementId(frameworkId: string, ref: string): string {
  return `${frameworkId}:${ref}`;
}

function searchTextOf(ref: string, title: string): string {
  return `${ref} ${title}`.toLowerCase();
}

/** Rows in document order; a parent must precede its children (checked: it is what the FK needs). */
export function toRequirementRows(frameworkId: string, seeds: readonly RequirementSeed[]): RequirementsTable[] {
  const depthByRef = new Map<string, number>();
  return seeds.map((seed, index) => {
    if (depthByRef.has(seed.ref)) throw new Error(`catalogue: duplicate ref ${seed.ref} in ${frameworkId}`);
    let depth = 0;
    if (seed.parent !== null) {
      const parentDepth = depthByRef.get(seed.parent);
      if (parentDepth === undefined) throw new Error(`catalogue: ${frameworkId} ${seed.ref} names parent ${seed.parent} before it is defined`);
      depth = parentDepth + 1;
    }
    depthByRef.set(seed.ref, depth);
    return {
      id: requirementId(frameworkId, seed.ref),
      framework_id: frameworkId,
      parent_id: seed.parent === null ? null : requirementId(frameworkId, seed.parent),
      ref: seed.ref,
      kind: seed.kind,
      title: seed.title,
      text: seed.text ?? null,
      guidance: seed.guidance ?? null,
      obligation: seed.obligation ?? null,
      theme: seed.theme ?? null,
      assessable: seed.assessable ? 1 : 0,
      depth,
      sort_order: index + 1,
      search_text: searchTextOf(seed.ref, seed.title),
      data: seed.data && Object.keys(seed.data).length > 0 ? JSON.stringify(seed.data) : null,
    };
  });
}

/** Inserts new rows, or (upsert) updates rows whose id exists: ids never change, so links survive. */
export async function writeRequirements(db: Kysely<CatalogueTables>, rows: readonly RequirementsTable[], options: { upsert: boolean }): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const insert = db.insertInto('requirements').values(chunk);
    if (!options.upsert) {
      await insert.execute();
      continue;
    }
    await insert
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          parent_id: eb.ref('excluded.parent_id'),
          kind: eb.ref('excluded.kind'),
          title: eb.ref('excluded.title'),
          text: eb.ref('excluded.text'),
          guidance: eb.ref('excluded.guidance'),
          obligation: eb.ref('excluded.obligation'),
          theme: eb.ref('excluded.theme'),
          assessable: eb.ref('excluded.assessable'),
          depth: eb.ref('excluded.depth'),
          sort_order: eb.ref('excluded.sort_order'),
          search_text: eb.ref('excluded.search_text'),
          data: eb.ref('excluded.data'),
        })),
      )
      .execute();
  }
}
