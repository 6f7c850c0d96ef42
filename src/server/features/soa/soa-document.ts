/**
 * What an SoA export shows (ISO/IEC 27001:2022 6.1.3 d; 7.5.2 identification: organization, version, date,
 * approver): the draft as it is now, or exactly the snapshot of a published version. The cell texts are
 * made here once, so the XLSX and the PDF say the same thing.
 */
import { IMPLEMENTATION_STATUS_LABELS, INCLUSION_REASON_LABELS } from '../../../shared/compliance.js';
import { ANNEX_A_THEME_LABELS, type TSoaRow } from '../../../shared/contracts/soa.js';

export interface SoaDocument {
  organizationName: string;
  timeZone: string;
  /** null for the draft. */
  number: number | null;
  publishedAt: string | null;
  publishedBy: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  approvalNote: string | null;
  sha256: string | null;
  generatedAt: string;
  rows: TSoaRow[];
}

export const SOA_COLUMNS = ['Annex A', 'Control (short title)', 'Theme', 'Applicable', 'Justification', 'Implementation status', 'Controls', 'Risks', 'Evidence'] as const;

/** "29 Nov 2026, 14:03 (Europe/London)". */
export function formatInstant(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  const zone = safeZone(timeZone);
  const text = new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  return `${text} (${zone})`;
}

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

export function versionLabel(doc: SoaDocument): string {
  return doc.number === null ? 'Draft (not published)' : `Version ${doc.number}`;
}

export function approvalLabel(doc: SoaDocument): string {
  if (doc.number === null) return 'Draft — not approved';
  if (!doc.approvedAt) return 'Not approved yet';
  return `Approved by ${doc.approvedBy ?? 'unknown'} on ${formatInstant(doc.approvedAt, doc.timeZone)}`;
}

export function justificationText(row: TSoaRow): string {
  if (!row.applicable) return `Excluded: ${row.exclusionJustification ?? ''}`;
  const reasons = row.inclusionReasons.map((r) => INCLUSION_REASON_LABELS[r]).join('; ');
  const parts = [reasons, row.inclusionJustification ?? ''].filter(Boolean);
  return parts.length ? parts.join(' — ') : 'No justification recorded yet';
}

export function statusText(row: TSoaRow): string {
  const label = IMPLEMENTATION_STATUS_LABELS[row.effectiveStatus];
  if (row.applicable && row.statusOverride) return `${label} (override of “${IMPLEMENTATION_STATUS_LABELS[row.derivedStatus]}”: ${row.overrideReason ?? ''})`;
  // An applicable row is never "not applicable" (6.1.3 d): say why it shows no control although controls are linked.
  if (row.applicable && row.derivedStatus === 'not_applicable') return `${label} (every linked control is marked not applicable)`;
  return label;
}

export function controlsText(row: TSoaRow): string {
  if (row.controls.length === 0) return '—';
  return row.controls.map((c) => `${c.code} ${c.name}${c.inherited ? ` (inherited from ${c.organizationName})` : ''}`).join('\n');
}

/** The linked risks by ref with their current level ("R-0003 (High)"); rows of versions published before the risk register have none. */
export function risksText(row: TSoaRow): string {
  const risks = row.risks ?? [];
  if (risks.length === 0) return '—';
  return risks.map((r) => (r.level ? `${r.ref} (${r.level.label})` : r.ref)).join('\n');
}

export function evidenceText(row: TSoaRow): string {
  return row.evidence.expired > 0 ? `${row.evidence.current} (+${row.evidence.expired} expired)` : String(row.evidence.current);
}

/** The cells of one row, in SOA_COLUMNS order (plain text; the XLSX neutralises formulas). */
export function rowCells(row: TSoaRow): string[] {
  return [row.ref, row.title, row.theme ? ANNEX_A_THEME_LABELS[row.theme] : '', row.applicable ? 'Yes' : 'No', justificationText(row), statusText(row), controlsText(row), risksText(row), evidenceText(row)];
}
