/**
 * Export of the risk register as CSV, XLSX or JSON (ISO/IEC 27001:2022 6.1.2 e and 8.2: the results of
 * risk assessments retained as documented information; A.8.15 logging: every export is recorded).
 *
 * Invariants:
 * - The columns of `risk-io.ts` under the method in force; rows by ref (R-0001 first); list cells in a
 *   fixed order (threat sources as stored, vulnerabilities and assets sorted by code unit), so exporting
 *   the same register twice, or a copy of it, gives the same bytes (XLSX: the same cells).
 * - Five queries whatever the size of the register (risks, their assets, their vulnerabilities, the
 *   owners' e-mails, the method); every one scoped to the organization.
 * - The `risks.exported` event is written before the file leaves.
 */
import ExcelJS from 'exceljs';
import { RISK_STAGES } from '../../../shared/contracts/risks.js';
import type { TRiskMethod } from '../../../shared/contracts/risk-method.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { csvLine } from '../../kernel/csv.js';
import type { Db } from '../../kernel/db/database.js';
import { assetReference, csvCells, dimensionColumn, jsonRecord, likelihoodColumn, riskFileColumns, xlsxCells, type RiskColumn, type RiskFileFormat, type RiskRecord } from './risk-io.js';
import { currentMethod, riskDb } from './risk-method.store.js';
import { riskRef, stageLevel, storedAssessment } from './risk-stage.js';
import type { RisksTable } from './risk.tables.js';
import { treatmentPlanDocument } from './treatment-plan.js';
import { renderTreatmentPlanPdf } from './treatment-plan-pdf.js';
import { renderTreatmentPlanXlsx } from './treatment-plan-xlsx.js';

export const RISK_FILE_CONTENT_TYPES: Record<RiskFileFormat | 'pdf', string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
};

export interface RiskFileDownload {
  filename: string;
  contentType: string;
  rows: number;
  body: Buffer;
}

export interface RegisterRecords {
  method: TRiskMethod;
  methodVersion: number;
  columns: RiskColumn[];
  records: RiskRecord[];
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function groupBy<T>(rows: readonly T[], key: (row: T) => string, value: (row: T) => string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const row of rows) {
    const k = key(row);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(value(row));
  }
  for (const list of out.values()) list.sort(compareText);
  return out;
}

/** One risk as file values (see the invariants above). */
export function riskRecord(row: RisksTable, method: TRiskMethod, links: { assets: string[]; vulnerabilities: string[]; ownerEmail: string | null }): RiskRecord {
  const record: RiskRecord = {
    ref: riskRef(Number(row.ref_number)),
    title: row.title,
    description: row.description,
    category: row.category,
    status: row.status,
    threat_id: row.threat_id,
    threat_source_ids: JSON.parse(row.threat_source_ids) as string[],
    vulnerability_ids: links.vulnerabilities,
    assets: links.assets,
    owner_email: links.ownerEmail,
    treatment_option: row.treatment_option,
    treatment_rationale: row.treatment_rationale,
  };
  for (const stage of RISK_STAGES) {
    const input = storedAssessment(row, stage);
    record[likelihoodColumn(stage)] = input ? input.likelihood : null;
    for (const dimension of method.dimensions) record[dimensionColumn(stage, dimension)] = input?.impacts[dimension] ?? null;
    const level = stageLevel(row, stage, method);
    record[`${stage}_impact`] = level ? level.impact : null;
    record[`${stage}_level`] = level ? level.label : null;
  }
  record.handles_ephi = Number(row.handles_ephi) === 1;
  record.patient_safety = Number(row.patient_safety) === 1;
  return record;
}

/** The organization's register as file records, in export order. */
export async function registerRecords(db: Db, organizationId: string): Promise<RegisterRecords> {
  const rdb = riskDb(db);
  const { method, version } = await currentMethod(db, organizationId);
  const [risks, assets, vulnerabilities] = await Promise.all([
    rdb.selectFrom('risks').selectAll().where('organization_id', '=', organizationId).orderBy('ref_number').execute(),
    rdb
      .selectFrom('risk_assets as ra')
      .innerJoin('assets as a', 'a.id', 'ra.asset_id')
      .select(['ra.risk_id', 'a.external_ref', 'a.name', 'a.type'])
      .where('ra.organization_id', '=', organizationId)
      .execute(),
    rdb.selectFrom('risk_vulnerabilities').select(['risk_id', 'vulnerability_id']).where('organization_id', '=', organizationId).execute(),
  ]);
  const ownerIds = [...new Set(risks.map((r) => r.owner_user_id).filter((id): id is string => id !== null))];
  const owners = new Map<string, string>();
  for (let i = 0; i < ownerIds.length; i += 500) {
    const rows = await rdb.selectFrom('users').select(['id', 'email']).where('id', 'in', ownerIds.slice(i, i + 500)).execute();
    for (const user of rows) owners.set(user.id as string, user.email as string);
  }
  const assetsByRisk = groupBy(assets, (r) => r.risk_id, (r) => assetReference({ external_ref: r.external_ref as string | null, name: r.name as string, type: r.type as string }));
  const vulnsByRisk = groupBy(vulnerabilities, (r) => r.risk_id, (r) => r.vulnerability_id);
  const records = risks.map((row) =>
    riskRecord(row, method, { assets: assetsByRisk.get(row.id) ?? [], vulnerabilities: vulnsByRisk.get(row.id) ?? [], ownerEmail: row.owner_user_id ? (owners.get(row.owner_user_id) ?? null) : null }),
  );
  return { method, methodVersion: version, columns: riskFileColumns(method), records };
}

/** The bytes of a register file. CSV starts with a UTF-8 BOM (spreadsheets then read UTF-8; the import removes it). */
export async function renderRegister(format: RiskFileFormat, register: Pick<RegisterRecords, 'columns' | 'records'>): Promise<Buffer> {
  const { columns, records } = register;
  const header = columns.map((c) => c.column);
  if (format === 'csv') return Buffer.from('\uFEFF' + csvLine(header) + records.map((r) => csvLine(csvCells(r, columns))).join(''), 'utf8');
  if (format === 'json') {
    const body = records.map((r) => JSON.stringify(jsonRecord(r, columns))).join(',\n');
    return Buffer.from(records.length === 0 ? '[]\n' : `[\n${body}\n]\n`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Custos';
  const sheet = workbook.addWorksheet('Risks', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  for (const record of records) sheet.addRow(xlsxCells(record, columns));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function organizationSlug(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
}

export function todayUtc(ctx: AppContext): string {
  return ctx.clock.now().toISOString().slice(0, 10);
}

/** Records the export, then returns the file. */
export async function exportRisks(ctx: AppContext, access: OrgAccess, actor: AuditActor, query: { format: RiskFileFormat }): Promise<RiskFileDownload> {
  const register = await registerRecords(ctx.database.db, access.organizationId);
  const body = await renderRegister(query.format, register);
  await ctx.database.db.transaction().execute((trx) =>
    recordEvent(ctx, trx, actor, {
      type: 'risks.exported',
      organizationId: access.organizationId,
      subjectType: 'organization',
      subjectId: access.organizationId,
      changes: { document: 'register', format: query.format, rows: register.records.length, methodVersion: register.methodVersion, bytes: body.length },
    }),
  );
  return { filename: `risks-${organizationSlug(access.organizationName) || 'register'}-${todayUtc(ctx)}.${query.format}`, contentType: RISK_FILE_CONTENT_TYPES[query.format], rows: register.records.length, body };
}

/** The treatment plan (6.1.3 e) as XLSX or PDF; recorded like a register export. */
export async function exportTreatmentPlan(ctx: AppContext, access: OrgAccess, actor: AuditActor, query: { format: 'xlsx' | 'pdf' }): Promise<RiskFileDownload> {
  const doc = await treatmentPlanDocument(ctx, access);
  const body = query.format === 'pdf' ? await renderTreatmentPlanPdf(doc) : await renderTreatmentPlanXlsx(doc);
  await ctx.database.db.transaction().execute((trx) =>
    recordEvent(ctx, trx, actor, {
      type: 'risks.exported',
      organizationId: access.organizationId,
      subjectType: 'organization',
      subjectId: access.organizationId,
      changes: { document: 'treatment_plan', format: query.format, rows: doc.risks.length, methodVersion: doc.methodVersion, bytes: body.length },
    }),
  );
  return { filename: `risk-treatment-plan-${organizationSlug(access.organizationName) || 'organization'}-${doc.today}.${query.format}`, contentType: RISK_FILE_CONTENT_TYPES[query.format], rows: doc.risks.length, body };
}
