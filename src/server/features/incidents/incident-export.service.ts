/**
 * The incident register as a file (ISO/IEC 27001:2022 A.5.24–A.5.28: incident records as documented
 * information, 7.5.3): every incident matching the register's filters, in its sort, as CSV, XLSX or JSON,
 * for an auditor or the privacy officer. The rows are the register's own (read in SQL by the same list
 * query, never filtered after loading); text cells are spreadsheet-safe (A.8.28: no formulas).
 *
 * Invariant: no encrypted text leaves — not the description, the PHI details, the root cause analysis nor
 * the lessons learned. Only the register's columns are exported, and the `incident.register_exported`
 * event is written before the file leaves.
 */
import { formatCivilDate, localDateOf } from '../../../shared/breach-clock.js';
import { GDPR_CONCLUSION_LABELS, HIPAA_CONCLUSION_LABELS, INCIDENT_CATEGORY_LABELS, INCIDENT_STATUS_LABELS, type TIncidentExportQuery, type TIncidentListItem } from '../../../shared/contracts/incidents.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { csvSafe } from '../../kernel/csv.js';
import { AppError } from '../../kernel/errors.js';
import { fileSlug, HHS_LOG_CONTENT_TYPES, renderCellsFile, type HhsLogFormat } from './hhs-log.service.js';
import { readSettings } from './incident-settings.service.js';
import { listIncidents } from './incident.service.js';

export type IncidentExportFormat = HhsLogFormat;

/** The most incidents one export carries; more must be narrowed by filters. */
export const EXPORT_MAX = 10_000;

export const INCIDENT_EXPORT_CONTENT_TYPES: Record<IncidentExportFormat, string> = HHS_LOG_CONTENT_TYPES;

const COLUMNS = [
  'Reference',
  'Title',
  'Category',
  'Status',
  'Severity',
  'Reported',
  'HIPAA discovery',
  'Handler',
  'Individuals affected',
  'HIPAA conclusion',
  'GDPR conclusion',
  'Open obligations',
  'Overdue obligations',
  'Next due',
  'Archived',
  'Last changed',
] as const;

/** One register row as cells: labels for closed vocabularies, instants as stored (ISO-8601 UTC), numbers stay numbers. */
export function incidentRegisterCells(item: TIncidentListItem, severityLabels: ReadonlyMap<string, string>): (string | number)[] {
  return [
    csvSafe(item.ref),
    csvSafe(item.title),
    csvSafe(INCIDENT_CATEGORY_LABELS[item.category] ?? item.category),
    csvSafe(INCIDENT_STATUS_LABELS[item.status] ?? item.status),
    csvSafe(item.severity ? (severityLabels.get(item.severity) ?? item.severity) : ''),
    item.reportedAt,
    item.discoveredAt ?? '',
    csvSafe(item.handler?.name ?? ''),
    item.individualsTotal,
    csvSafe(HIPAA_CONCLUSION_LABELS[item.hipaaConclusion] ?? item.hipaaConclusion),
    csvSafe(GDPR_CONCLUSION_LABELS[item.gdprConclusion] ?? item.gdprConclusion),
    item.openObligations,
    item.overdueObligations,
    item.nextDueAt ?? '',
    item.archivedAt ?? '',
    item.updatedAt,
  ];
}

interface RegisterFile {
  organization: { id: string; name: string };
  exportedAt: string;
  filters: Omit<TIncidentExportQuery, 'format'>;
  items: TIncidentListItem[];
}

export interface IncidentRegisterDownload {
  filename: string;
  contentType: string;
  body: Buffer;
}

/**
 * The register, filtered and sorted like the list, as a file; at most EXPORT_MAX incidents (more is a
 * validation error asking for narrower filters). The `incident.register_exported` event is written
 * before the file leaves.
 */
export async function exportIncidentRegister(ctx: AppContext, access: OrgAccess, actor: AuditActor, query: TIncidentExportQuery): Promise<IncidentRegisterDownload> {
  const { format = 'csv', ...filters } = query;
  const page = await listIncidents(ctx, access, { ...filters, page: 1, pageSize: EXPORT_MAX });
  if (page.total > EXPORT_MAX) {
    throw new AppError('validation_failed', 'filters: match more than 10,000 incidents; narrow them to export', [{ path: 'query', message: `match ${page.total} incidents, more than ${EXPORT_MAX}; narrow them to export` }]);
  }
  const settings = await readSettings(ctx.database.db, access.organizationId);
  const severityLabels = new Map(settings.severities.map((s) => [s.key, s.label]));
  const now = ctx.clock.now();
  const file: RegisterFile = { organization: { id: access.organizationId, name: access.organizationName }, exportedAt: now.toISOString(), filters, items: page.items };
  const body = await renderCellsFile(format, { sheet: 'Incidents', columns: COLUMNS, rows: file.items.map((item) => incidentRegisterCells(item, severityLabels)), json: file });
  await ctx.database.db.transaction().execute((trx) =>
    recordEvent(ctx, trx, actor, {
      type: 'incident.register_exported',
      organizationId: access.organizationId,
      subjectType: 'organization',
      subjectId: access.organizationId,
      changes: { format, rows: page.items.length, bytes: body.length, filters },
    }),
  );
  // The file is named for the day of the export in the organization's zone.
  const day = formatCivilDate(localDateOf(now.getTime(), access.timeZone));
  return { filename: `incidents-${fileSlug(access.organizationName)}-${day}.${format}`, contentType: INCIDENT_EXPORT_CONTENT_TYPES[format], body };
}
