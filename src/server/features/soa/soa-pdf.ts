/**
 * The SoA as a PDF for auditors and boards (ISO/IEC 27001:2022 6.1.3 d; UX "print and PDF views"):
 * landscape A4, identification block (organization, version, publication, approval — or a visible
 * "Draft — not approved"), the table with its header row repeated on every page, page numbers.
 * pdfmake 0.3 runs with no URL access and local file access only to its own Roboto folder (STACK.md);
 * Roboto has no check mark, so the text says Yes / No.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { ANNEX_A_THEME_LABELS } from '../../../shared/contracts/soa.js';
import { approvalLabel, controlsText, formatInstant, justificationText, risksText, SOA_COLUMNS, statusText, evidenceText, versionLabel, type SoaDocument } from './soa-document.js';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
let configured = false;

function configure(): void {
  if (configured) return;
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file: string) => path.resolve(file).startsWith(FONT_DIR + path.sep));
  pdfmake.setFonts({
    Roboto: {
      normal: path.join(FONT_DIR, 'Roboto-Regular.ttf'),
      bold: path.join(FONT_DIR, 'Roboto-Medium.ttf'),
      italics: path.join(FONT_DIR, 'Roboto-Italic.ttf'),
      bolditalics: path.join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
    },
  });
  configured = true;
}

const STATUS_FILL: Record<string, string> = { implemented: '#e6f4ea', partial: '#fff4e0', planned: '#e8f0fe', none: '#fdecea', not_applicable: '#f1f3f4' };

function identification(doc: SoaDocument): Content {
  const isApproved = doc.number !== null && Boolean(doc.approvedAt);
  const line = (label: string, value: string, bold = false): TableCell[] => [{ text: label, color: '#555555' }, { text: value, bold }];
  const body: TableCell[][] = [
    line('Organization', doc.organizationName, true),
    line('Version', versionLabel(doc), true),
    line('Published', doc.publishedAt ? `${formatInstant(doc.publishedAt, doc.timeZone)} by ${doc.publishedBy ?? ''}` : '—'),
    line('Approval', approvalLabel(doc), !isApproved),
  ];
  if (doc.approvalNote) body.push(line('Approval note', doc.approvalNote));
  if (doc.sha256) body.push(line('Snapshot SHA-256', doc.sha256));
  body.push(line('Generated', formatInstant(doc.generatedAt, doc.timeZone)));
  return { table: { widths: [90, '*'], body }, layout: 'noBorders', fontSize: 9, margin: [0, 0, 0, 8] };
}

function summary(doc: SoaDocument): Content {
  const applicable = doc.rows.filter((r) => r.applicable).length;
  const implemented = doc.rows.filter((r) => r.effectiveStatus === 'implemented').length;
  const unjustified = doc.rows.filter((r) => !r.isJustified).length;
  return { text: `${doc.rows.length} Annex A controls: ${applicable} applicable, ${doc.rows.length - applicable} excluded, ${implemented} implemented, ${unjustified} without a justification.`, fontSize: 9, margin: [0, 0, 0, 8] };
}

export function soaPdfDefinition(doc: SoaDocument): TDocumentDefinitions {
  const header: TableCell[] = SOA_COLUMNS.map((title) => ({ text: title, style: 'th' }));
  const body: TableCell[][] = [header];
  for (const row of doc.rows) {
    body.push([
      { text: row.ref, bold: true, noWrap: true },
      row.title,
      row.theme ? ANNEX_A_THEME_LABELS[row.theme].replace(/ \(A\.\d\)$/, '') : '',
      { text: row.applicable ? 'Yes' : 'No', bold: !row.applicable },
      row.isJustified ? justificationText(row) : { text: justificationText(row), italics: true, color: '#b3261e' },
      { text: statusText(row), fillColor: STATUS_FILL[row.effectiveStatus] },
      controlsText(row),
      risksText(row),
      { text: evidenceText(row), alignment: 'right' },
    ]);
  }
  const isDraft = doc.number === null || !doc.approvedAt;
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [28, 36, 28, 34],
    info: { title: `Statement of Applicability — ${doc.organizationName} — ${versionLabel(doc)}`, author: 'Custos', subject: 'ISO/IEC 27001:2022 Statement of Applicability' },
    defaultStyle: { font: 'Roboto', fontSize: 7.5, lineHeight: 1.1 },
    styles: { title: { fontSize: 16, bold: true }, th: { bold: true, fontSize: 7.5, color: '#ffffff', fillColor: '#2f4858' } },
    header: (page: number) =>
      page === 1
        ? { text: '' }
        : { columns: [{ text: `Statement of Applicability — ${doc.organizationName}`, bold: true }, { text: `${versionLabel(doc)}${isDraft ? ' — not approved' : ''}`, alignment: 'right' }], fontSize: 7.5, color: '#555555', margin: [28, 16, 28, 0] },
    footer: (page: number, pages: number) => ({
      columns: [{ text: 'ISO/IEC 27001:2022 Annex A references with Custos short titles (not the standard’s text).', color: '#777777' }, { text: `Page ${page} of ${pages}`, alignment: 'right' }],
      fontSize: 7,
      margin: [28, 10, 28, 0],
    }),
    content: [
      { text: 'Statement of Applicability', style: 'title' },
      { text: 'ISO/IEC 27001:2022, clause 6.1.3 d)', fontSize: 9, color: '#555555', margin: [0, 2, 0, 8] },
      ...(isDraft ? [{ text: doc.number === null ? 'DRAFT — NOT APPROVED' : 'PUBLISHED — NOT YET APPROVED', bold: true, color: '#b3261e', fontSize: 11, margin: [0, 0, 0, 6] } as Content] : []),
      identification(doc),
      summary(doc),
      {
        table: { headerRows: 1, dontBreakRows: true, widths: [34, 108, 58, 38, '*', 92, 130, 62, 56], body },
        layout: {
          hLineWidth: () => 0.4,
          vLineWidth: () => 0.4,
          hLineColor: () => '#c7c7c7',
          vLineColor: () => '#c7c7c7',
          paddingTop: () => 2.5,
          paddingBottom: () => 2.5,
          fillColor: (rowIndex: number) => (rowIndex > 0 && rowIndex % 2 === 0 ? '#fafafa' : null),
        },
      },
    ],
  };
}

export async function renderSoaPdf(doc: SoaDocument): Promise<Buffer> {
  configure();
  return pdfmake.createPdf(soaPdfDefinition(doc)).getBuffer();
}
