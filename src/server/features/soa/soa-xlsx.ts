/**
 * The SoA as an XLSX workbook: one sheet, an identification block (organization, version or draft, date,
 * approver), then the table. Every value is data, never a formula: text starting with = + - @ tab or CR
 * gets a leading apostrophe (kernel/csv.ts, as the asset export does).
 */
import ExcelJS from 'exceljs';
import { csvSafe } from '../../kernel/csv.js';
import { approvalLabel, formatInstant, rowCells, SOA_COLUMNS, versionLabel, type SoaDocument } from './soa-document.js';

export async function renderSoaXlsx(doc: SoaDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Custos';
  workbook.created = new Date(doc.generatedAt);
  const sheet = workbook.addWorksheet('Statement of Applicability', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const info: [string, string][] = [
    ['Statement of Applicability', 'ISO/IEC 27001:2022, clause 6.1.3 d)'],
    ['Organization', doc.organizationName],
    ['Version', versionLabel(doc)],
    ['Published', doc.publishedAt ? `${formatInstant(doc.publishedAt, doc.timeZone)} by ${doc.publishedBy ?? ''}` : '—'],
    ['Approval', approvalLabel(doc)],
    ['Approval note', doc.approvalNote ?? ''],
    ['Snapshot SHA-256', doc.sha256 ?? ''],
    ['Generated', formatInstant(doc.generatedAt, doc.timeZone)],
  ];
  for (const [label, value] of info) sheet.addRow([csvSafe(label), csvSafe(value)]);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.addRow([]);
  const headerRow = sheet.addRow([...SOA_COLUMNS]);
  headerRow.font = { bold: true };
  headerRow.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE3E8' } };
  for (const row of doc.rows) {
    const added = sheet.addRow(rowCells(row).map((cell) => csvSafe(cell)));
    added.alignment = { vertical: 'top', wrapText: true };
  }
  const widths = [10, 40, 18, 11, 60, 30, 50, 24, 16];
  widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  sheet.views = [{ state: 'frozen', ySplit: headerRow.number }];
  sheet.autoFilter = { from: { row: headerRow.number, column: 1 }, to: { row: headerRow.number, column: SOA_COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
