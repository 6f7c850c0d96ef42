/**
 * The risk treatment plan as a PDF for risk owners, management and auditors (ISO/IEC 27001:2022 6.1.3 e
 * and f; 7.5.2 identification): landscape A4, a header naming the organization, the method version and
 * the date, the table with its header row repeated on every page, page numbers. pdfmake runs with no URL
 * access and local file access only to its Roboto folder (as the SoA PDF, soa-pdf.ts).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { PLAN_COLUMNS } from './treatment-plan-xlsx.js';
import { acceptanceText, controlText, identificationLines, levelText, money, summaryText, taskText, type PlanLevel, type TreatmentPlanDocument } from './treatment-plan.js';

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

function levelCell(level: PlanLevel | null): TableCell {
  return level ? { text: level.label, bold: true, color: '#ffffff', fillColor: level.colour } : { text: levelText(null), italics: true, color: '#777777' };
}

function lines(items: string[], empty: string): TableCell {
  return items.length === 0 ? { text: empty, italics: true, color: '#777777' } : { ul: items, margin: [0, 0, 0, 0] };
}

export function treatmentPlanPdfDefinition(doc: TreatmentPlanDocument): TDocumentDefinitions {
  // Ref, Risk (title, category, owner), Current, Residual, Treatment (option, rationale), Controls, Tasks (costs), Acceptance.
  const header: TableCell[] = [PLAN_COLUMNS[0], 'Risk', 'Current', 'Residual', 'Treatment and rationale', 'Controls', 'Tasks', 'Acceptance'].map((title) => ({ text: title, style: 'th' }));
  const body: TableCell[][] = [header];
  for (const risk of doc.risks) {
    const costs = risk.costOneOff > 0 || risk.costYearly > 0 ? [{ text: `Costs: ${money(risk.costOneOff)} one-off, ${money(risk.costYearly)} a year`, bold: true, margin: [0, 2, 0, 0] }] : [];
    body.push([
      { text: risk.ref, bold: true, noWrap: true },
      { stack: [{ text: risk.title, bold: true }, { text: `${risk.category} · ${risk.owner ?? 'no owner'}`, color: '#555555' }] },
      levelCell(risk.current),
      levelCell(risk.residual),
      { stack: [{ text: risk.option ?? 'Not decided', bold: true }, risk.rationale ? { text: risk.rationale } : { text: 'No rationale recorded', italics: true, color: '#b3261e' }] },
      lines(risk.controls.map(controlText), 'No linked controls'),
      { stack: [lines(risk.tasks.map(taskText), 'No tasks'), ...costs] as Content[] },
      lines(risk.acceptances.map(acceptanceText), 'Not accepted'),
    ]);
  }
  const ident: TableCell[][] = identificationLines(doc).map(([label, value]) => [{ text: label, color: '#555555' }, { text: value, bold: label === 'Organization' }]);
  const title = `Risk treatment plan — ${doc.organizationName} — method version ${doc.methodVersion} — ${doc.today}`;
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [28, 36, 28, 34],
    info: { title, author: 'Custos', subject: 'ISO/IEC 27001:2022 6.1.3 e) risk treatment plan' },
    defaultStyle: { font: 'Roboto', fontSize: 7.5, lineHeight: 1.1 },
    styles: { title: { fontSize: 16, bold: true }, th: { bold: true, fontSize: 7.5, color: '#ffffff', fillColor: '#2f4858' } },
    header: (page: number) =>
      page === 1
        ? { text: '' }
        : { columns: [{ text: `Risk treatment plan — ${doc.organizationName}`, bold: true }, { text: `Method version ${doc.methodVersion} · ${doc.today}`, alignment: 'right' }], fontSize: 7.5, color: '#555555', margin: [28, 16, 28, 0] },
    footer: (page: number, pages: number) => ({
      columns: [{ text: 'Costs total the tasks that are not cancelled. Acceptance staleness is computed on the date above.', color: '#777777' }, { text: `Page ${page} of ${pages}`, alignment: 'right' }],
      fontSize: 7,
      margin: [28, 10, 28, 0],
    }),
    content: [
      { text: 'Risk treatment plan', style: 'title' },
      { text: 'ISO/IEC 27001:2022, clause 6.1.3 e) and f); 45 CFR 164.308(a)(1)(ii)(B) risk management', fontSize: 9, color: '#555555', margin: [0, 2, 0, 8] },
      { table: { widths: [90, '*'], body: ident }, layout: 'noBorders', fontSize: 9, margin: [0, 0, 0, 8] },
      { text: summaryText(doc), fontSize: 9, margin: [0, 0, 0, 8] },
      doc.risks.length === 0
        ? { text: 'There are no open risks.', italics: true }
        : {
            table: { headerRows: 1, widths: [32, 110, 44, 44, 130, 120, '*', 110], body },
            layout: {
              hLineWidth: () => 0.4,
              vLineWidth: () => 0.4,
              hLineColor: () => '#c7c7c7',
              vLineColor: () => '#c7c7c7',
              paddingTop: () => 2.5,
              paddingBottom: () => 2.5,
            },
          },
    ],
  };
}

export async function renderTreatmentPlanPdf(doc: TreatmentPlanDocument): Promise<Buffer> {
  configure();
  return pdfmake.createPdf(treatmentPlanPdfDefinition(doc)).getBuffer();
}
