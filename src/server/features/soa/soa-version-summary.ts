/** A published SoA version as listed: who published and approved it, and its headline counts. */
import type { TSoaRow, TSoaVersionSummary } from '../../../shared/contracts/soa.js';
import { personNames, type SoaDb } from './soa.repository.js';
import type { SoaVersionsTable } from './soa.tables.js';

export function snapshotRows(row: Pick<SoaVersionsTable, 'snapshot'>): TSoaRow[] {
  return (JSON.parse(row.snapshot) as { rows: TSoaRow[] }).rows;
}

export function presentSummary(row: SoaVersionsTable, names: Map<string, string>): TSoaVersionSummary {
  const rows = snapshotRows(row);
  return {
    id: row.id,
    number: Number(row.number),
    note: row.note,
    sha256: row.sha256,
    publishedAt: row.published_at,
    publishedBy: { id: row.published_by, name: names.get(row.published_by) ?? row.published_by },
    approvedAt: row.approved_at,
    approvedBy: row.approved_by ? { id: row.approved_by, name: names.get(row.approved_by) ?? row.approved_by } : null,
    approvalNote: row.approval_note,
    rows: rows.length,
    applicable: rows.filter((r) => r.applicable).length,
    implemented: rows.filter((r) => r.effectiveStatus === 'implemented').length,
  };
}

export async function summaryOf(db: SoaDb, row: SoaVersionsTable): Promise<TSoaVersionSummary> {
  return presentSummary(row, await personNames(db, [row.published_by, row.approved_by ?? '']));
}
