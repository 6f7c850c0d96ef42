/**
 * Browsing the catalogue: frameworks visible to an organization, their requirements as a tree or a
 * searchable list, and one requirement with its place in the tree and its crosswalk in both directions
 * (ISO/IEC 27001:2022 6.1.3 c; 45 CFR 164.306(d)). Read-only: organizations never edit the catalogue.
 */
import type { TCrosswalkLink, TFramework, TRequirementDetail, TRequirementListQuery, TRequirementSummary } from '../../../shared/contracts/frameworks.js';
import { isOfficialLinkSource } from '../../../shared/contracts/frameworks.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { csvLine, csvSafe } from '../../kernel/csv.js';
import { notFound } from '../../kernel/errors.js';
import { frameworkAbilities } from './framework.policy.js';
import * as repo from './framework.repository.js';
import type { FrameworksTable } from './framework.tables.js';

export function presentFramework(row: FrameworksTable & { assessable_count?: number; link_count?: number }, access: OrgAccess | null): TFramework {
  return {
    id: row.id,
    organizationId: row.organization_id,
    key: row.key,
    name: row.name,
    shortName: row.short_name,
    version: row.version,
    origin: row.origin,
    publisher: row.publisher,
    description: row.description,
    source: row.source,
    catalogVersion: row.catalog_version,
    sourceSha256: row.source_sha256,
    requirementCount: Number(row.requirement_count),
    assessableCount: Number(row.assessable_count ?? 0),
    linkCount: Number(row.link_count ?? 0),
    createdAt: row.created_at,
    abilities: frameworkAbilities(access, row),
  };
}

function presentSummary(row: repo.RequirementRow): TRequirementSummary {
  return {
    id: row.id,
    frameworkId: row.framework_id,
    parentId: row.parent_id,
    ref: row.ref,
    kind: row.kind,
    title: row.title,
    obligation: row.obligation,
    theme: row.theme,
    assessable: Number(row.assessable) === 1,
    depth: Number(row.depth),
    childCount: Number(row.child_count),
  };
}

/** Frameworks an organization sees; with no organization (the CLI operator), those every organization sees. */
export async function listFrameworks(ctx: AppContext, access: OrgAccess | null): Promise<{ items: TFramework[] }> {
  const rows = await repo.listFrameworks(repo.frameworkDb(ctx.database.db), access?.organizationId ?? null);
  return { items: rows.map((row) => presentFramework(row, access)) };
}

async function visibleFramework(ctx: AppContext, access: OrgAccess, frameworkId: string): Promise<FrameworksTable> {
  const framework = await repo.getVisibleFramework(repo.frameworkDb(ctx.database.db), access.organizationId, frameworkId);
  if (!framework) throw notFound('framework');
  return framework;
}

export async function getFramework(ctx: AppContext, access: OrgAccess, frameworkId: string): Promise<TFramework> {
  await visibleFramework(ctx, access, frameworkId);
  const rows = await repo.listFrameworks(repo.frameworkDb(ctx.database.db), access.organizationId);
  return presentFramework(rows.find((r) => r.id === frameworkId)!, access);
}

export async function listRequirements(ctx: AppContext, access: OrgAccess, frameworkId: string, query: TRequirementListQuery) {
  await visibleFramework(ctx, access, frameworkId);
  const db = repo.frameworkDb(ctx.database.db);
  const [{ total, rows }, themes] = await Promise.all([repo.listRequirements(db, frameworkId, query), repo.themesOf(db, frameworkId)]);
  return { items: rows.map(presentSummary), total, page: query.page, pageSize: query.pageSize, themes };
}

function parseData(data: string | null): Record<string, unknown> | null {
  if (!data) return null;
  try {
    const value = JSON.parse(data) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function getRequirement(ctx: AppContext, access: OrgAccess, requirementId: string): Promise<TRequirementDetail> {
  const db = repo.frameworkDb(ctx.database.db);
  const row = await repo.getRequirement(db, requirementId);
  const framework = row ? await repo.getVisibleFramework(db, access.organizationId, row.framework_id) : undefined;
  if (!row || !framework) throw notFound('requirement');

  // Ancestors: at most a handful of levels; one query per level keeps it simple and bounded.
  const path: repo.RequirementRow[] = [];
  for (let parentId = row.parent_id; parentId && path.length < 10; ) {
    const [parent] = await repo.requirementsById(db, [parentId]);
    if (!parent) break;
    path.unshift(parent);
    parentId = parent.parent_id;
  }
  const [children, links] = await Promise.all([repo.childrenOf(db, row.id), repo.linksOf(db, access.organizationId, row.id)]);
  return {
    ...presentSummary(row),
    text: row.text,
    guidance: row.guidance,
    data: parseData(row.data),
    framework: { id: framework.id, name: framework.name, shortName: framework.short_name, origin: framework.origin },
    path: path.map(presentSummary),
    children: children.map(presentSummary),
    links: links.map(
      (link): TCrosswalkLink => ({
        direction: link.direction,
        source: link.source,
        official: isOfficialLinkSource(link.source),
        strength: link.strength,
        note: link.note,
        requirement: { ...presentSummary(link.other), frameworkShortName: link.other.framework_short_name },
      }),
    ),
  };
}

const CROSSWALK_COLUMNS = ['from_framework', 'from_ref', 'from_title', 'to_framework', 'to_ref', 'to_title', 'source', 'official', 'strength', 'note'] as const;

/**
 * A framework's crosswalk as CSV (formula-safe cells): every link from or to its requirements, with its
 * source and whether it is an official NIST mapping (`yes` only for `nist_sp800_66r2`; `nist_olir` links
 * are derived by Custos from two NIST mappings, `custos` ones are editorial). Reference data only, so no
 * audit event.
 */
export async function exportCrosswalk(ctx: AppContext, access: OrgAccess, frameworkId: string): Promise<{ filename: string; body: string; rows: number }> {
  const framework = await visibleFramework(ctx, access, frameworkId);
  const rows = await repo.crosswalkOf(repo.frameworkDb(ctx.database.db), access.organizationId, frameworkId);
  let body = csvLine([...CROSSWALK_COLUMNS]);
  for (const row of rows) {
    const official = isOfficialLinkSource(row.source) ? 'yes' : 'no';
    body += csvLine([row.from_framework, row.from_ref, row.from_title, row.to_framework, row.to_ref, row.to_title, row.source, official, row.strength, row.note ?? ''].map(csvSafe));
  }
  return { filename: `crosswalk-${framework.key}.csv`, body, rows: rows.length };
}
