/**
 * Export of the SoA as XLSX or PDF (ISO/IEC 27001:2022 6.1.3 d; A.8.15: every export is recorded in the
 * audit trail before the file leaves). A published version exports exactly its frozen snapshot; without a
 * version, the current draft.
 */
import type { SoaExportFormat, TSoaExportQuery } from '../../../shared/contracts/soa.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { notFound } from '../../kernel/errors.js';
import type { SoaDocument } from './soa-document.js';
import { renderSoaPdf } from './soa-pdf.js';
import { renderSoaXlsx } from './soa-xlsx.js';
import { snapshotRows } from './soa-version-summary.js';
import * as repo from './soa.repository.js';
import { currentRows, today } from './soa.service.js';

export const SOA_CONTENT_TYPES: Record<SoaExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export interface SoaExport {
  filename: string;
  contentType: string;
  rows: number;
  body: Buffer;
}

/** The document of a version (its snapshot, names as frozen) or of the draft. */
export async function soaDocument(ctx: AppContext, access: OrgAccess, version: number | undefined): Promise<SoaDocument> {
  const generatedAt = ctx.clock.now().toISOString();
  if (version === undefined) {
    return { organizationName: access.organizationName, timeZone: access.timeZone, number: null, publishedAt: null, publishedBy: null, approvedAt: null, approvedBy: null, approvalNote: null, sha256: null, generatedAt, rows: await currentRows(ctx, access.organizationId) };
  }
  const db = repo.soaDb(ctx.database.db);
  const row = await repo.versionByNumber(db, access.organizationId, version);
  if (!row) throw notFound(`SoA version ${version}`);
  const snapshot = JSON.parse(row.snapshot) as { organizationName: string; publishedBy: { name: string } };
  const names = await repo.personNames(db, [row.approved_by ?? '']);
  return {
    organizationName: snapshot.organizationName,
    timeZone: access.timeZone,
    number: Number(row.number),
    publishedAt: row.published_at,
    publishedBy: snapshot.publishedBy.name,
    approvedAt: row.approved_at,
    approvedBy: row.approved_by ? (names.get(row.approved_by) ?? row.approved_by) : null,
    approvalNote: row.approval_note,
    sha256: row.sha256,
    generatedAt,
    rows: snapshotRows(row),
  };
}

function fileName(access: OrgAccess, day: string, version: number | undefined, format: SoaExportFormat): string {
  const slug = access.organizationName.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `soa-${slug || 'organization'}-${version === undefined ? `draft-${day}` : `v${version}`}.${format}`;
}

export async function exportSoa(ctx: AppContext, access: OrgAccess, actor: AuditActor, query: TSoaExportQuery): Promise<SoaExport> {
  const doc = await soaDocument(ctx, access, query.version);
  const body = query.format === 'pdf' ? await renderSoaPdf(doc) : await renderSoaXlsx(doc);
  await ctx.database.db.transaction().execute((trx) =>
    recordEvent(ctx, trx, actor, { type: 'soa.exported', organizationId: access.organizationId, subjectType: 'organization', subjectId: access.organizationId, changes: { format: query.format, version: query.version ?? 'draft', rows: doc.rows.length, bytes: body.length } }),
  );
  return { filename: fileName(access, today(ctx), query.version, query.format), contentType: SOA_CONTENT_TYPES[query.format], rows: doc.rows.length, body };
}
