/**
 * OSCAL catalog import (issue 4 item 2): a JSON file is validated against NIST's OSCAL 1.2.1 catalog
 * schema, mapped to requirements and stored as a framework of origin `oscal` — the organization's own
 * (API, web) or visible to every organization (CLI without --org). Nothing is written unless the whole
 * file is valid; the framework, its requirements and the `framework.imported` event share one transaction.
 */
import crypto from 'node:crypto';
import type { TFramework } from '../../../shared/contracts/frameworks.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { AppError, fieldError, isUniqueViolation, notFound } from '../../kernel/errors.js';
import { canDeleteFramework } from './framework.policy.js';
import * as repo from './framework.repository.js';
import type { FrameworksTable } from './framework.tables.js';
import { presentFramework } from './framework.service.js';
import { parseOscalCatalog, type OscalCatalogDocument } from './oscal-catalog.js';
import { validateOscalCatalog } from './oscal-schema.js';
import { toRequirementRows, writeRequirements } from './requirement-writer.js';

interface OscalImportInput {
  bytes: Buffer;
  /** The owning organization; null imports a framework every organization sees (CLI only). */
  organizationId: string | null;
  key?: string;
  filename?: string | null;
}

interface OscalImportResult {
  framework: TFramework;
  requirements: number;
  withdrawnSkipped: number;
}

/** A key from the catalog's title: lower-case words joined by hyphens, at most 64 characters. */
export function keyFromTitle(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
  return slug.length >= 2 ? slug : 'oscal-catalog';
}

function parseJson(bytes: Buffer): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw fieldError('file', 'is not UTF-8 text');
  }
  if (text.trim() === '') throw fieldError('file', 'is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw fieldError('file', `is not valid JSON (${(error as Error).message})`);
  }
}

/** Validates and maps a file without writing anything (the CLI's and the route's first step). */
export function readOscalCatalogFile(bytes: Buffer, limitBytes: number) {
  if (bytes.length > limitBytes) throw new AppError('payload_too_large', `file: is larger than ${Math.floor(limitBytes / (1024 * 1024))} MB`, [{ path: 'file', message: 'is too large' }]);
  const document = parseJson(bytes);
  const { valid, errors } = validateOscalCatalog(document);
  if (!valid) {
    const first = errors[0]!;
    const where = first.instancePath || '/';
    throw new AppError(
      'validation_failed',
      `file: is not a valid OSCAL catalog: at ${where} ${first.message} (schema path ${first.schemaPath})`,
      errors.map((e) => ({ path: `file${e.instancePath}`, message: `${e.message} (schema path ${e.schemaPath})` })),
    );
  }
  const parsed = parseOscalCatalog(document as OscalCatalogDocument);
  if (parsed.requirements.length === 0) throw fieldError('file', 'holds no groups or controls');
  return { parsed, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}

export async function importOscalCatalog(ctx: AppContext, access: OrgAccess | null, actor: AuditActor, input: OscalImportInput): Promise<OscalImportResult> {
  const { parsed, sha256 } = readOscalCatalogFile(input.bytes, ctx.config.importLimitBytes);
  const key = input.key ?? keyFromTitle(parsed.title);
  const version = parsed.version.slice(0, 100);
  const frameworkId = newId();
  const now = ctx.clock.now().toISOString();
  const rows = toRequirementRows(frameworkId, parsed.requirements);

  const framework = await ctx.database.db.transaction().execute(async (trx) => {
    const db = repo.frameworkDb(trx);
    const existing = await repo.frameworkWithKeyVersion(db, input.organizationId, key, version);
    if (existing) {
      throw new AppError('conflict', `key: a framework "${key}" version ${version} is already imported${input.organizationId ? ' for this organization' : ''}; give another key or remove it first`, [{ path: 'key', message: 'is already imported with this version' }]);
    }
    const row = {
      id: frameworkId,
      organization_id: input.organizationId,
      key,
      name: parsed.title.slice(0, 300),
      short_name: (parsed.title.length > 40 ? key : parsed.title).slice(0, 60),
      version,
      origin: 'oscal' as const,
      publisher: parsed.publisher,
      description: `Imported from an OSCAL ${parsed.oscalVersion} catalog${input.filename ? ` (${input.filename})` : ''}.`,
      source: input.filename ? `OSCAL catalog file ${input.filename}` : 'OSCAL catalog file',
      catalog_version: version,
      source_sha256: sha256,
      requirement_count: rows.length,
      created_at: now,
      created_by: actor.userId,
    };
    await db.insertInto('frameworks').values(row).execute();
    await writeRequirements(db, rows, { upsert: false });
    await recordEvent(ctx, trx, actor, {
      type: 'framework.imported',
      organizationId: input.organizationId,
      subjectType: 'framework',
      subjectId: frameworkId,
      changes: { key, version, title: parsed.title, oscalVersion: parsed.oscalVersion, requirements: rows.length, withdrawnSkipped: parsed.withdrawnSkipped, sha256, filename: input.filename ?? null },
    });
    return row;
  }).catch((error: unknown) => {
    // Two identical imports at the same instant: the unique index refuses the second.
    if (isUniqueViolation(error)) throw new AppError('conflict', `key: a framework "${key}" version ${version} is already imported${input.organizationId ? ' for this organization' : ''}; give another key or remove it first`, [{ path: 'key', message: 'is already imported with this version' }]);
    throw error;
  });
  return { framework: presentFramework({ ...framework, assessable_count: rows.filter((r) => r.assessable === 1).length, link_count: 0 }, access), requirements: rows.length, withdrawnSkipped: parsed.withdrawnSkipped };
}

/** Why a visible framework cannot be removed by this organization (the policy has already said no). */
function undeletableReason(framework: Pick<FrameworksTable, 'origin' | 'organization_id'>): string {
  if (framework.origin === 'builtin') return 'framework: a built-in framework is part of the catalogue and cannot be removed';
  if (framework.organization_id === null) {
    return 'framework: it was imported for every organization from the command line (custos frameworks import-oscal without --org) and cannot be removed from one organization';
  }
  return 'framework: cannot be removed by this organization';
}

/** Removes an organization's imported framework, unless a control still links to one of its requirements. */
export async function deleteImportedFramework(ctx: AppContext, access: OrgAccess, actor: AuditActor, frameworkId: string) {
  const framework = await repo.getVisibleFramework(repo.frameworkDb(ctx.database.db), access.organizationId, frameworkId);
  if (!framework) throw notFound('framework');
  if (!canDeleteFramework(access, framework)) throw new AppError('bad_request', undeletableReason(framework));
  const now = ctx.clock.now().toISOString();
  return ctx.database.db.transaction().execute(async (trx) => {
    const db = repo.frameworkDb(trx);
    const links = await repo.controlLinkCount(db, frameworkId);
    if (links > 0) throw new AppError('conflict', `framework: ${links} control link(s) point at its requirements; unlink them from the controls first`);
    await db.deleteFrom('requirements').where('framework_id', '=', frameworkId).execute();
    await db.deleteFrom('frameworks').where('id', '=', frameworkId).execute();
    await recordEvent(ctx, trx, actor, {
      type: 'framework.deleted',
      organizationId: access.organizationId,
      subjectType: 'framework',
      subjectId: frameworkId,
      changes: { key: framework.key, version: framework.version, name: framework.name, requirements: framework.requirement_count },
    });
    return { ok: true as const, deletedRequirements: Number(framework.requirement_count), at: now };
  });
}
