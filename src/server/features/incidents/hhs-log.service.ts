/**
 * The annual HHS log of breaches affecting fewer than 500 individuals (45 CFR 164.408(c)): every incident
 * of the organization whose `hipaa.hhs_annual_log` obligation is required and whose discovery date, in
 * the organization's time zone, falls in the year; due 60 days after 31 December of that year (end of
 * that day in the zone). The export carries the fields the HHS breach portal asks for; text cells are
 * spreadsheet-safe (A.8.28: no formulas).
 */
import ExcelJS from 'exceljs';
import { addCalendarDays, endOfLocalDay, formatCivilDate, HHS_LOG_DAYS_AFTER_YEAR_END, localDateOf, startOfLocalDay } from '../../../shared/breach-clock.js';
import { HHS_BREACH_TYPE_LABELS, HHS_LOCATION_LABELS, PHI_KIND_LABELS, type THhsLog, type THhsLogEntry } from '../../../shared/contracts/incidents.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { AppContext } from '../../kernel/context.js';
import { csvLine, csvSafe } from '../../kernel/csv.js';
import { toNumber } from '../../kernel/db/database.js';
import { incidentDb, incidentRef } from './incident.repository.js';

export type HhsLogFormat = 'csv' | 'xlsx' | 'json';

export const HHS_LOG_CONTENT_TYPES: Record<HhsLogFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

const parseList = <T extends string>(text: string): T[] => {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value.filter((v) => typeof v === 'string') as T[]) : [];
  } catch {
    return [];
  }
};

/** The portal fields of an entry that are still empty. */
export function missingPortalFields(entry: Omit<THhsLogEntry, 'missing' | 'submitted' | 'incident' | 'organization'>): string[] {
  const missing: string[] = [];
  if (!entry.breachStartDate) missing.push('breachStartDate');
  if (!entry.breachEndDate) missing.push('breachEndDate');
  if (entry.individuals <= 0) missing.push('individuals');
  if (!entry.breachType) missing.push('breachType');
  if (entry.locations.length === 0) missing.push('locations');
  if (entry.phiKinds.length === 0) missing.push('phiKinds');
  if (entry.safeguardsInPlace.trim() === '') missing.push('safeguardsInPlace');
  if (entry.actionsTaken.trim() === '') missing.push('actionsTaken');
  return missing;
}

export async function getHhsLog(ctx: AppContext, access: OrgAccess, year: number): Promise<THhsLog> {
  const tz = access.timeZone;
  const from = new Date(startOfLocalDay({ year, month: 1, day: 1 }, tz)).toISOString();
  const to = new Date(endOfLocalDay({ year, month: 12, day: 31 }, tz)).toISOString();
  const rows = await incidentDb(ctx.database.db)
    .selectFrom('incident_obligations as ob')
    .innerJoin('incidents as i', 'i.id', 'ob.incident_id')
    .select(['i.id', 'i.ref_number', 'i.title', 'i.discovered_at', 'i.breach_start_date', 'i.breach_end_date', 'i.individuals_total', 'i.hhs_breach_type', 'i.hhs_locations', 'i.phi_kinds', 'i.safeguards_in_place', 'i.actions_taken', 'ob.done_at'])
    .where('ob.organization_id', '=', access.organizationId)
    .where('i.organization_id', '=', access.organizationId)
    .where('ob.obligation_id', '=', 'hipaa.hhs_annual_log')
    .where('ob.required', '=', 1)
    .where('i.discovered_at', '>=', from)
    .where('i.discovered_at', '<=', to)
    .orderBy('i.discovered_at')
    .orderBy('i.ref_number')
    .execute();
  const dueDate = addCalendarDays({ year, month: 12, day: 31 }, HHS_LOG_DAYS_AFTER_YEAR_END);
  const entries = rows
    // Instants are stored as ISO UTC text; the date in the organization's zone decides the year.
    .filter((r) => r.discovered_at !== null && localDateOf(Date.parse(r.discovered_at), tz).year === year)
    .map((r): THhsLogEntry => {
      const fields = {
        breachStartDate: r.breach_start_date,
        breachEndDate: r.breach_end_date,
        discoveryDate: formatCivilDate(localDateOf(Date.parse(r.discovered_at!), tz)),
        individuals: toNumber(r.individuals_total),
        breachType: r.hhs_breach_type as THhsLogEntry['breachType'],
        locations: parseList<THhsLogEntry['locations'][number]>(r.hhs_locations),
        phiKinds: parseList<THhsLogEntry['phiKinds'][number]>(r.phi_kinds),
        safeguardsInPlace: r.safeguards_in_place,
        actionsTaken: r.actions_taken,
      };
      return {
        incident: { id: r.id, ref: incidentRef(toNumber(r.ref_number)), title: r.title },
        organization: { id: access.organizationId, name: access.organizationName },
        ...fields,
        missing: missingPortalFields(fields),
        submitted: r.done_at !== null,
      };
    });
  return { year, dueAt: new Date(endOfLocalDay(dueDate, tz)).toISOString(), dueDate: formatCivilDate(dueDate), entries };
}

// ---- Export ----

const COLUMNS = ['incident_ref', 'title', 'covered_entity', 'breach_start_date', 'breach_end_date', 'discovery_date', 'individuals_affected', 'type_of_breach', 'location_of_breached_information', 'type_of_phi', 'safeguards_in_place', 'actions_taken', 'submitted', 'missing_fields'] as const;

function labels(values: readonly string[], map: Record<string, string>): string {
  return values.map((v) => map[v] ?? v).join('; ');
}

/** One entry as portal values, text neutralised for spreadsheets (numbers stay numbers). */
export function hhsLogCells(entry: THhsLogEntry): (string | number)[] {
  return [
    csvSafe(entry.incident.ref),
    csvSafe(entry.incident.title),
    csvSafe(entry.organization.name),
    entry.breachStartDate ?? '',
    entry.breachEndDate ?? '',
    entry.discoveryDate,
    entry.individuals,
    entry.breachType ? HHS_BREACH_TYPE_LABELS[entry.breachType] : '',
    csvSafe(labels(entry.locations, HHS_LOCATION_LABELS)),
    csvSafe(labels(entry.phiKinds, PHI_KIND_LABELS)),
    csvSafe(entry.safeguardsInPlace),
    csvSafe(entry.actionsTaken),
    entry.submitted ? 'yes' : 'no',
    entry.missing.join('; '),
  ];
}

/** A table as a file: JSON of `json`, or CSV (BOM, header) / XLSX (one sheet, bold frozen header) of `columns` and `rows`. */
export async function renderCellsFile(format: HhsLogFormat, table: { sheet: string; columns: readonly string[]; rows: (string | number)[][]; json: unknown }): Promise<Buffer> {
  if (format === 'json') return Buffer.from(`${JSON.stringify(table.json, null, 2)}\n`, 'utf8');
  if (format === 'csv') return Buffer.from('\uFEFF' + csvLine([...table.columns]) + table.rows.map((r) => csvLine(r.map(String))).join(''), 'utf8');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Custos';
  const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...table.columns]).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function renderHhsLog(format: HhsLogFormat, log: THhsLog): Promise<Buffer> {
  return renderCellsFile(format, { sheet: `HHS log ${log.year}`, columns: COLUMNS, rows: log.entries.map(hhsLogCells), json: log });
}

/** A file-name part from an organization's name. */
export function fileSlug(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'organization';
}

export interface HhsLogDownload {
  filename: string;
  contentType: string;
  body: Buffer;
}

/** The log as a file; the `incident.hhs_log_exported` event is written before the file leaves. */
export async function exportHhsLog(ctx: AppContext, access: OrgAccess, actor: AuditActor, query: { year: number; format: HhsLogFormat }): Promise<HhsLogDownload> {
  const log = await getHhsLog(ctx, access, query.year);
  const body = await renderHhsLog(query.format, log);
  await ctx.database.db.transaction().execute((trx) =>
    recordEvent(ctx, trx, actor, {
      type: 'incident.hhs_log_exported',
      organizationId: access.organizationId,
      subjectType: 'organization',
      subjectId: access.organizationId,
      changes: { year: query.year, format: query.format, rows: log.entries.length, bytes: body.length },
    }),
  );
  return { filename: `hhs-breach-log-${fileSlug(access.organizationName)}-${query.year}.${query.format}`, contentType: HHS_LOG_CONTENT_TYPES[query.format], body };
}
