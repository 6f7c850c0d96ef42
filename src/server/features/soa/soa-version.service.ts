/**
 * Published SoA versions (ISO/IEC 27001:2022 6.1.3 d, 7.5.3 control of documented information): a
 * version freezes every row as shown, with the organization's name, number, publisher and time; its
 * SHA-256 is taken over the snapshot's canonical JSON (RFC 8785), so any later change to the stored
 * snapshot is detectable. Approval by top management (5.1) is recorded once per version, by someone other
 * than its publisher (A.5.3 segregation of duties), and only for the latest version.
 */
import canonicalizeModule from 'canonicalize';
import { ZSoaSnapshot, SOA_FRAMEWORK_ID, type TSoaDiff, type TSoaRow, type TSoaSnapshot, type TSoaVersionSummary } from '../../../shared/contracts/soa.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId, sha256Hex } from '../../kernel/crypto/tokens.js';
import { AppError, isUniqueViolation, notFound } from '../../kernel/errors.js';
import { diffRows } from './soa-rows.js';
import { presentSummary, snapshotRows, summaryOf } from './soa-version-summary.js';
import * as repo from './soa.repository.js';
import { currentRows } from './soa.service.js';

const canonicalize = ((canonicalizeModule as unknown as { default?: unknown }).default ?? canonicalizeModule) as (input: unknown) => string | undefined;

/** The canonical JSON of a snapshot: the bytes its SHA-256 is taken over. */
export function canonicalSnapshot(snapshot: TSoaSnapshot): string {
  return canonicalize(snapshot) ?? '';
}

const actorId = (actor: AuditActor) => actor.userId ?? actor.label;

export async function listVersions(ctx: AppContext, access: OrgAccess): Promise<{ items: TSoaVersionSummary[] }> {
  const db = repo.soaDb(ctx.database.db);
  const rows = await repo.listVersions(db, access.organizationId);
  const names = await repo.personNames(db, rows.flatMap((r) => [r.published_by, r.approved_by ?? '']));
  return { items: rows.map((row) => presentSummary(row, names)) };
}

async function loadVersion(ctx: AppContext, access: OrgAccess, number: number) {
  const row = await repo.versionByNumber(repo.soaDb(ctx.database.db), access.organizationId, number);
  if (!row) throw notFound(`SoA version ${number}`);
  return row;
}

export async function getVersion(ctx: AppContext, access: OrgAccess, number: number) {
  const row = await loadVersion(ctx, access, number);
  const summary = await summaryOf(repo.soaDb(ctx.database.db), row);
  return { ...summary, snapshot: ZSoaSnapshot.parse(JSON.parse(row.snapshot)) };
}

export async function publishVersion(ctx: AppContext, access: OrgAccess, actor: AuditActor, input: { note?: string | null }): Promise<TSoaVersionSummary> {
  const db = repo.soaDb(ctx.database.db);
  const rows = await currentRows(ctx, access.organizationId);
  if (rows.length === 0) throw new AppError('conflict', 'the ISO/IEC 27001:2022 catalogue is not loaded: there is nothing to publish');
  const id = newId();
  const publishedAt = ctx.clock.now().toISOString();
  const publisher = { id: actorId(actor), name: (await repo.personNames(db, [actorId(actor)])).get(actorId(actor)) ?? actor.label };
  try {
    await db.transaction().execute(async (trx) => {
      const latest = await trx.selectFrom('soa_versions').select((eb) => eb.fn.max('number').as('n')).where('organization_id', '=', access.organizationId).executeTakeFirst();
      const number = Number(latest?.n ?? 0) + 1;
      const snapshot: TSoaSnapshot = { format: 'custos-soa/1', organizationId: access.organizationId, organizationName: access.organizationName, frameworkId: SOA_FRAMEWORK_ID, number, publishedAt, publishedBy: publisher, rows };
      const text = canonicalSnapshot(snapshot);
      const sha256 = sha256Hex(text);
      await trx
        .insertInto('soa_versions')
        .values({ id, organization_id: access.organizationId, number, snapshot: text, sha256, note: input.note || null, published_at: publishedAt, published_by: publisher.id, approved_at: null, approved_by: null, approval_note: null })
        .execute();
      await recordEvent(ctx, trx, actor, {
        type: 'soa.published',
        organizationId: access.organizationId,
        subjectType: 'soa_version',
        subjectId: id,
        changes: { number, sha256, rows: rows.length, applicable: rows.filter((r) => r.applicable).length, note: input.note || null },
      });
    });
  } catch (error) {
    // Two publications at the same moment: the unique (organization, number) lets one win.
    if (isUniqueViolation(error)) throw new AppError('conflict', 'another version was published at the same moment; reload and try again');
    throw error;
  }
  const row = await db.selectFrom('soa_versions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return summaryOf(db, row);
}

export async function approveVersion(ctx: AppContext, access: OrgAccess, actor: AuditActor, number: number, input: { note?: string | null }): Promise<TSoaVersionSummary> {
  const db = repo.soaDb(ctx.database.db);
  await db.transaction().execute(async (trx) => {
    const row = await repo.versionByNumber(trx, access.organizationId, number);
    if (!row) throw notFound(`SoA version ${number}`);
    if (row.approved_at) throw new AppError('conflict', `version ${number} was already approved on ${row.approved_at.slice(0, 10)}`);
    if (row.published_by === actorId(actor)) {
      throw new AppError('permission_denied', `segregation of duties (A.5.3): you published version ${number}, so someone else with the approval permission must approve it`);
    }
    const latest = await repo.latestVersion(trx, access.organizationId);
    if (latest && Number(latest.number) !== number) throw new AppError('conflict', `version ${number} has been superseded by version ${latest.number}; approve the latest version`);
    const approvedAt = ctx.clock.now().toISOString();
    // The condition on approved_at makes a concurrent second approval update nothing.
    const result = await trx
      .updateTable('soa_versions')
      .set({ approved_at: approvedAt, approved_by: actorId(actor), approval_note: input.note || null })
      .where('id', '=', row.id)
      .where('approved_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError('conflict', `version ${number} was already approved`);
    await recordEvent(ctx, trx, actor, { type: 'soa.approved', organizationId: access.organizationId, subjectType: 'soa_version', subjectId: row.id, changes: { number, sha256: row.sha256, note: input.note || null } });
  });
  return summaryOf(db, await loadVersion(ctx, access, number));
}

/** Rows of a version (its frozen snapshot) or of the draft. */
async function rowsOf(ctx: AppContext, access: OrgAccess, ref: number | 'current'): Promise<TSoaRow[]> {
  if (ref === 'current') return currentRows(ctx, access.organizationId);
  return snapshotRows(await loadVersion(ctx, access, ref));
}

/** Compare two versions, or a version and the draft; by default the last published version and the draft. */
export async function diffVersions(ctx: AppContext, access: OrgAccess, query: { from?: number | 'current'; to?: number | 'current' }): Promise<TSoaDiff> {
  let from = query.from;
  if (from === undefined) {
    const latest = await repo.latestVersion(repo.soaDb(ctx.database.db), access.organizationId);
    if (!latest) throw notFound('published SoA version (publish one first)');
    from = Number(latest.number);
  }
  const to = query.to ?? 'current';
  const [before, after] = await Promise.all([rowsOf(ctx, access, from), rowsOf(ctx, access, to)]);
  const label = (ref: number | 'current') => (ref === 'current' ? 'Current draft' : `Version ${ref}`);
  return { from: { label: label(from), number: from === 'current' ? null : from }, to: { label: label(to), number: to === 'current' ? null : to }, changes: diffRows(before, after) };
}
