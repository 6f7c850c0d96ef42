/**
 * The risk treatment plan as an XLSX workbook (ISO/IEC 27001:2022 6.1.3 e): sheet "Treatment plan" with an
 * identification block (organization, method version, date) and one row per open risk; sheet "Tasks" with
 * one row per task and the cost totals. Every value is data, never a formula (kernel/csv.ts `csvSafe`).
 */
import ExcelJS from 'exceljs';
import { csvSafe } from '../../kernel/csv.js';
import { acceptanceText, controlText, identificationLines, levelText, summaryText, taskText, type PlanLevel, type TreatmentPlanDocument } from './treatment-plan.js';

export const PLAN_COLUMNS = ['Ref', 'Risk', 'Category', 'Owner', 'Current level', 'Residual level', 'Treatment', 'Rationale', 'Controls (status; effectiveness)', 'Tasks', 'One-off cost', 'Yearly cost', 'Acceptance and sign-off'] as const;
export const TASK_COLUMNS = ['Risk', 'Task', 'Owner', 'Due', 'Status', 'Overdue', 'One-off cost', 'Yearly cost'] as const;

const text = (value: string | null) => (value === null || value === '' ? null : csvSafe(value));
const argb = (colour: string) => `FF${colour.replace('#', '').toUpperCase()}`;

function levelCell(cell: ExcelJS.Cell, level: PlanLevel | null): void {
  cell.value = levelText(level);
  if (!level) return;
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(level.colour) } };
  cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
}

export async function renderTreatmentPlanXlsx(doc: TreatmentPlanDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Custos';
  workbook.created = new Date(doc.generatedAt);
  const sheet = workbook.addWorksheet('Treatment plan', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.addRow(['Risk treatment plan', 'ISO/IEC 27001:2022, clause 6.1.3 e); 45 CFR 164.308(a)(1)(ii)(B)']).font = { bold: true, size: 14 };
  for (const [label, value] of identificationLines(doc)) sheet.addRow([label, text(value)]);
  sheet.addRow(['Summary', summaryText(doc)]);
  sheet.addRow([]);
  const header = sheet.addRow([...PLAN_COLUMNS]);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE3E8' } };
  for (const risk of doc.risks) {
    const row = sheet.addRow([
      risk.ref,
      text(risk.title),
      risk.category,
      text(risk.owner),
      null,
      null,
      risk.option ?? 'Not decided',
      text(risk.rationale),
      text(risk.controls.map(controlText).join('\n')),
      text(risk.tasks.map(taskText).join('\n')),
      risk.costOneOff,
      risk.costYearly,
      text(risk.acceptances.map(acceptanceText).join('\n')),
    ]);
    levelCell(row.getCell(5), risk.current);
    levelCell(row.getCell(6), risk.residual);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  const totals = sheet.addRow(['Total', null, null, null, null, null, null, null, null, null, doc.totals.costOneOff, doc.totals.costYearly, null]);
  totals.font = { bold: true };
  [9, 42, 16, 20, 13, 13, 12, 40, 40, 60, 13, 13, 45].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  for (const c of [11, 12]) sheet.getColumn(c).numFmt = '#,##0.00';
  sheet.views = [{ state: 'frozen', ySplit: header.number, xSplit: 2 }];
  sheet.autoFilter = { from: { row: header.number, column: 1 }, to: { row: header.number, column: PLAN_COLUMNS.length } };

  const tasks = workbook.addWorksheet('Tasks');
  tasks.addRow([...TASK_COLUMNS]).font = { bold: true };
  for (const risk of doc.risks) {
    for (const t of risk.tasks) tasks.addRow([risk.ref, text(t.title), text(t.owner), t.dueOn, t.status, t.isOverdue ? 'yes' : 'no', t.costOneOff, t.costYearly]);
  }
  tasks.addRow(['Total (not cancelled)', null, null, null, null, null, doc.totals.costOneOff, doc.totals.costYearly]).font = { bold: true };
  [9, 50, 24, 12, 12, 9, 13, 13].forEach((width, i) => (tasks.getColumn(i + 1).width = width));
  for (const c of [7, 8]) tasks.getColumn(c).numFmt = '#,##0.00';
  tasks.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
