/**
 * Threats, threat sources and vulnerabilities (issue 5 item 2; ISO/IEC 27001:2022 6.1.2 c 1 identifying
 * risks, 45 CFR 164.308(a)(1)(ii)(A) "potential risks and vulnerabilities"): the built-in healthcare
 * catalogue (catalog/risk/*.json, reference data never edited by an organization) beside the
 * organization's own entries (ids `org.<uuid>`). A risk points at either kind by id; an entry still in use
 * by a risk cannot be removed.
 */
import { sql } from 'kysely';
import threatsFile from '../../../../catalog/risk/threats.json' with { type: 'json' };
import vulnerabilitiesFile from '../../../../catalog/risk/vulnerabilities.json' with { type: 'json' };
import type { CustomCatalogueKind, TCatalogueEntry, TCreateCatalogueEntryRequest, TRiskCatalogue } from '../../../shared/contracts/risks.js';
import { ZThreatCatalogue, ZVulnerabilityCatalogue, type ImpactDimension, type TVulnerability } from '../../../shared/contracts/risk-method.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { toNumber, type Db } from '../../kernel/db/database.js';
import { AppError, fieldError, notFound } from '../../kernel/errors.js';
import type { Trx } from '../../kernel/audit/record.js';
import { riskRef } from './risk-stage.js';
import { riskDb } from './risk-method.store.js';

/** A built-in entry, as the API shows it (without the organization's risk count). */
export type BuiltinEntry = Omit<TCatalogueEntry, 'riskCount'>;

interface Builtin {
  threats: BuiltinEntry[];
  threatSources: BuiltinEntry[];
  vulnerabilities: BuiltinEntry[];
  byId: Map<string, BuiltinEntry>;
  /** Built-in vulnerabilities with their gap rule. */
  rawVulnerabilities: TVulnerability[];
}

let builtin: Builtin | undefined;

/** The built-in catalogue, parsed (and checked) once. */
export function builtinCatalogue(): Builtin {
  if (builtin) return builtin;
  const threatFile = ZThreatCatalogue.parse(threatsFile);
  const vulnerabilityFile = ZVulnerabilityCatalogue.parse(vulnerabilitiesFile);
  const entry = (e: Partial<BuiltinEntry> & Pick<BuiltinEntry, 'id' | 'kind' | 'title' | 'description'>): BuiltinEntry => ({
    category: null,
    origin: 'builtin',
    parentId: null,
    vulnerabilityIds: [],
    dimensions: [],
    sourceIds: [],
    gapRule: null,
    ...e,
  });
  const threats: BuiltinEntry[] = [];
  for (const threat of threatFile.threats) {
    threats.push(entry({ id: threat.id, kind: 'threat', title: threat.title, description: threat.description }));
    for (const sub of threat.subThreats) {
      threats.push(entry({ id: sub.id, kind: 'threat', title: sub.title, description: sub.description, parentId: threat.id, vulnerabilityIds: sub.vulnerabilities, dimensions: sub.dimensions as ImpactDimension[], sourceIds: sub.typicalSources }));
    }
  }
  const threatSources = threatFile.threatSources.map((s) => entry({ id: s.id, kind: 'threat_source', title: s.title, description: s.description, category: s.type }));
  const vulnerabilities = vulnerabilityFile.vulnerabilities.map((v) => entry({ id: v.id, kind: 'vulnerability', title: v.title, description: v.description, category: v.category, gapRule: v.gapRule ?? null }));
  const byId = new Map<string, BuiltinEntry>();
  for (const e of [...threats, ...threatSources, ...vulnerabilities]) byId.set(e.id, e);
  builtin = { threats, threatSources, vulnerabilities, byId, rawVulnerabilities: vulnerabilityFile.vulnerabilities };
  return builtin;
}

export const CUSTOM_ID_PREFIX = 'org.';

function isCustomId(id: string): boolean {
  return id.startsWith(CUSTOM_ID_PREFIX);
}

/** The organization's own entries of the given ids (any kind). */
export async function customEntries(db: Db | Trx, organizationId: string, ids: readonly string[]) {
  const wanted = [...new Set(ids.filter(isCustomId))];
  if (wanted.length === 0) return [];
  return riskDb(db).selectFrom('risk_catalogue_entries').selectAll().where('organization_id', '=', organizationId).where('id', 'in', wanted).execute();
}

/**
 * Titles of catalogue entries (built-in or the organization's own), for lists and details. Unknown ids
 * map to themselves, so a risk never loses what it points at from view.
 */
export async function catalogueTitles(db: Db | Trx, organizationId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  const { byId } = builtinCatalogue();
  for (const id of ids) {
    const known = byId.get(id);
    if (known) titles.set(id, known.title);
  }
  for (const row of await customEntries(db, organizationId, ids)) titles.set(row.id, row.title);
  return titles;
}

/**
 * Which of `ids` are not catalogue entries of `kind` the organization may use (built-in, or its own).
 * Returns the unknown ids, in the order given.
 */
export async function unknownEntries(db: Db | Trx, organizationId: string, kind: CustomCatalogueKind, ids: readonly string[]): Promise<string[]> {
  const { byId } = builtinCatalogue();
  const custom = new Set((await customEntries(db, organizationId, ids)).filter((r) => r.kind === kind).map((r) => r.id));
  return ids.filter((id) => {
    const known = byId.get(id);
    if (known) return known.kind !== kind;
    return !custom.has(id);
  });
}

/** The LIKE pattern that finds an id inside a risk's JSON array of threat-source ids. */
function sourcePattern(id: string): string {
  return `%${JSON.stringify(id).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** Risk counts per entry id for the organization: three grouped queries, whatever the catalogue's size. */
async function riskCounts(db: Db, organizationId: string, sourceIds: readonly string[]): Promise<Map<string, number>> {
  const rdb = riskDb(db);
  const counts = new Map<string, number>();
  const threats = await rdb.selectFrom('risks').select(['threat_id', (eb) => eb.fn.countAll().as('n')]).where('organization_id', '=', organizationId).where('threat_id', 'is not', null).groupBy('threat_id').execute();
  for (const row of threats) counts.set(row.threat_id as string, toNumber(row.n));
  const vulnerabilities = await rdb.selectFrom('risk_vulnerabilities').select(['vulnerability_id', (eb) => eb.fn.countAll().as('n')]).where('organization_id', '=', organizationId).groupBy('vulnerability_id').execute();
  for (const row of vulnerabilities) counts.set(row.vulnerability_id, toNumber(row.n));
  // Threat sources are a JSON array per risk: one scan with a sum per source (dialect-neutral LIKE).
  for (let i = 0; i < sourceIds.length; i += 200) {
    const chunk = sourceIds.slice(i, i + 200);
    const sums = chunk.map((id, j) => sql`sum(case when threat_source_ids like ${sourcePattern(id)} escape '\\' then 1 else 0 end) as ${sql.ref(`s${j}`)}`);
    const result = await sql<Record<string, unknown>>`select ${sql.join(sums)} from risks where organization_id = ${organizationId}`.execute(db);
    const row = result.rows[0] ?? {};
    chunk.forEach((id, j) => counts.set(id, toNumber(row[`s${j}`])));
  }
  return counts;
}

function presentCustom(row: { id: string; kind: string; title: string; description: string; category: string | null }): BuiltinEntry {
  return { id: row.id, kind: row.kind as CustomCatalogueKind, title: row.title, description: row.description, category: row.category, origin: 'custom', parentId: null, vulnerabilityIds: [], dimensions: [], sourceIds: [], gapRule: null };
}

/** The built-in catalogue and the organization's own entries, each with the number of its risks pointing at it. */
export async function getCatalogue(ctx: AppContext, access: OrgAccess): Promise<TRiskCatalogue> {
  const db = ctx.database.db;
  const base = builtinCatalogue();
  const own = await riskDb(db).selectFrom('risk_catalogue_entries').selectAll().where('organization_id', '=', access.organizationId).orderBy('kind').orderBy('title').orderBy('id').execute();
  const custom = own.map(presentCustom);
  const sourceIds = [...base.threatSources, ...custom.filter((c) => c.kind === 'threat_source')].map((e) => e.id);
  const counts = await riskCounts(db, access.organizationId, sourceIds);
  const withCount = (e: BuiltinEntry): TCatalogueEntry => ({ ...e, riskCount: counts.get(e.id) ?? 0 });
  return {
    threats: [...base.threats, ...custom.filter((c) => c.kind === 'threat')].map(withCount),
    threatSources: [...base.threatSources, ...custom.filter((c) => c.kind === 'threat_source')].map(withCount),
    vulnerabilities: [...base.vulnerabilities, ...custom.filter((c) => c.kind === 'vulnerability')].map(withCount),
  };
}

type CreateEntryInput = { kind: CustomCatalogueKind; title: string; description: string; category: string | null };

/** Add the organization's own threat, threat source or vulnerability (a title is unique per kind, built-in ones included). */
export async function addCatalogueEntry(ctx: AppContext, access: OrgAccess, actor: AuditActor, input: CreateEntryInput | TCreateCatalogueEntryRequest): Promise<TCatalogueEntry> {
  const entry: CreateEntryInput = { kind: input.kind, title: input.title, description: input.description ?? '', category: input.category ?? null };
  const lower = entry.title.toLowerCase();
  const base = builtinCatalogue();
  const builtinClash = [...base.byId.values()].find((e) => e.kind === entry.kind && e.title.toLowerCase() === lower);
  if (builtinClash) throw fieldError('body.title', `is already the title of the built-in entry ${builtinClash.id}`);
  const db = riskDb(ctx.database.db);
  const own = await db.selectFrom('risk_catalogue_entries').select(['id', 'title']).where('organization_id', '=', access.organizationId).where('kind', '=', entry.kind).execute();
  if (own.some((e) => e.title.toLowerCase() === lower)) throw fieldError('body.title', 'is already used by another entry of this kind in your catalogue');
  const id = `${CUSTOM_ID_PREFIX}${newId()}`;
  const now = ctx.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('risk_catalogue_entries').values({ id, organization_id: access.organizationId, kind: entry.kind, title: entry.title, description: entry.description, category: entry.category, created_at: now, created_by: actor.userId }).execute();
    await recordEvent(ctx, trx, actor, { type: 'risk_catalogue.entry_added', organizationId: access.organizationId, subjectType: 'risk_catalogue_entry', subjectId: id, changes: { ...entry } });
  });
  return { ...presentCustom({ id, ...entry }), riskCount: 0 };
}

/** Refs of the organization's risks that point at an entry (at most `limit`), and how many there are. */
async function risksUsing(db: Db | Trx, organizationId: string, kind: CustomCatalogueKind, entryId: string, limit = 10): Promise<{ refs: string[]; total: number }> {
  const rdb = riskDb(db);
  let query = rdb.selectFrom('risks as r').where('r.organization_id', '=', organizationId);
  if (kind === 'threat') query = query.where('r.threat_id', '=', entryId);
  if (kind === 'threat_source') query = query.where(sql<boolean>`r.threat_source_ids like ${sourcePattern(entryId)} escape '\\'`);
  if (kind === 'vulnerability') query = query.where((eb) => eb.exists(eb.selectFrom('risk_vulnerabilities as rv').select('rv.risk_id').whereRef('rv.risk_id', '=', 'r.id').where('rv.vulnerability_id', '=', entryId)));
  const [rows, count] = await Promise.all([query.select('r.ref_number').orderBy('r.ref_number').limit(limit).execute(), query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()]);
  return { refs: rows.map((r) => riskRef(Number(r.ref_number))), total: toNumber(count?.n) };
}

/** Remove one of the organization's own entries; refused (409, naming the risks) while a risk points at it. Built-in entries cannot be removed. */
export async function removeCatalogueEntry(ctx: AppContext, access: OrgAccess, actor: AuditActor, entryId: string): Promise<void> {
  const db = riskDb(ctx.database.db);
  if (builtinCatalogue().byId.has(entryId)) throw new AppError('conflict', `catalogue entry: ${entryId} is part of the built-in catalogue and cannot be removed`);
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('risk_catalogue_entries').selectAll().where('organization_id', '=', access.organizationId).where('id', '=', entryId).executeTakeFirst();
    if (!row) throw notFound('catalogue entry');
    const using = await risksUsing(trx, access.organizationId, row.kind, entryId);
    if (using.total > 0) {
      const more = using.total > using.refs.length ? ` and ${using.total - using.refs.length} more` : '';
      throw new AppError('conflict', `catalogue entry: "${row.title}" is used by ${using.total === 1 ? 'risk' : 'risks'} ${using.refs.join(', ')}${more}; change ${using.total === 1 ? 'it' : 'them'} first`);
    }
    await trx.deleteFrom('risk_catalogue_entries').where('id', '=', entryId).where('organization_id', '=', access.organizationId).execute();
    await recordEvent(ctx, trx, actor, { type: 'risk_catalogue.entry_removed', organizationId: access.organizationId, subjectType: 'risk_catalogue_entry', subjectId: entryId, changes: { kind: row.kind, title: row.title } });
  });
}
