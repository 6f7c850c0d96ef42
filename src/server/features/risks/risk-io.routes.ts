/** The risk register as a file, and the risk treatment plan (ISO/IEC 27001:2022 6.1.2 e, 6.1.3 e, 8.2, 8.3): the file routes. */
import { ZOrgParams } from '../../../shared/contracts/common.js';
import { ZRiskExportQuery, ZRiskImportQuery, ZRiskImportReport, ZTreatmentPlanQuery } from '../../../shared/contracts/risks.js';
import { AppError } from '../../kernel/errors.js';
import { defineRoute } from '../../kernel/http/route.js';
import { exportRisks, exportTreatmentPlan, RISK_FILE_CONTENT_TYPES } from './risk-export.service.js';
import { importRisks } from './risk-import.service.js';
import type { RiskFileFormat } from './risk-io.js';

const tags = ['risks'];
const base = '/api/v1/orgs/:orgId';
const XLSX_TYPE = RISK_FILE_CONTENT_TYPES.xlsx;
/** Content types an import accepts as the raw body (browsers label .csv as text/csv or application/vnd.ms-excel). */
const IMPORT_CONTENT_TYPES = ['text/csv', 'text/plain', 'application/vnd.ms-excel', XLSX_TYPE, 'application/octet-stream', 'application/json'];

/** The format named in the query, else the one the content type (or, for octet-stream, the ZIP signature) implies. */
function formatOf(explicit: RiskFileFormat | undefined, contentType: string | undefined, body: Buffer): RiskFileFormat {
  if (explicit) return explicit;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === XLSX_TYPE) return 'xlsx';
  if (type === 'application/json') return 'json';
  if (type === 'application/octet-stream') return body.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) ? 'xlsx' : 'csv';
  return 'csv';
}

export const riskIoRoutes = [
  defineRoute({
    method: 'GET', url: `${base}/risks/export`, operationId: 'risks.export', summary: 'Export the risk register as CSV, XLSX or JSON (the columns an import reads back)', access: 'risk.read', tags,
    description:
      'One row per risk by ref: scenario, threat, threat sources, vulnerabilities, assets (external reference, else "name [type]"), owner e-mail, treatment, and per stage its likelihood and one column per method dimension, ' +
      'then derived read-only columns (impact, level, handles_ephi, patient_safety). Recorded in the audit trail.',
    params: ZOrgParams, query: ZRiskExportQuery, produces: 'application/octet-stream',
    handler: async ({ app, call, query, reply }) => {
      const file = await exportRisks(app, call.org!, call.actor, query);
      return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
    },
  }),
  defineRoute({
    method: 'POST', url: `${base}/risks/import`, operationId: 'risks.import', summary: 'Import risks from CSV, XLSX or JSON: validate every row, then create or update by ref', access: 'risk.write', tags,
    description:
      'The request body is the file itself (text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/json or application/octet-stream), at most CUSTOS_IMPORT_LIMIT_MB (32 MB by default). ' +
      'Every row is judged first; a problem in any row writes nothing. dryRun=yes only reports. A file that cannot be read at all (not UTF-8, unknown or missing columns, a damaged or oversized workbook) is refused with 400 and `file: …`.',
    params: ZOrgParams, query: ZRiskImportQuery, response: ZRiskImportReport,
    fileUpload: { contentTypes: IMPORT_CONTENT_TYPES, limitBytes: (config) => config.importLimitBytes },
    handler: ({ app, call, query, request }) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw new AppError('validation_failed', 'file: is required as the request body', [{ path: 'file', message: 'is required as the request body' }]);
      return importRisks(app, call.org!, call.actor, { bytes: body, format: formatOf(query.format, request.headers['content-type'], body), dryRun: query.dryRun === 'yes', filename: query.filename ?? null });
    },
  }),
  defineRoute({
    method: 'GET', url: `${base}/risks/treatment-plan`, operationId: 'risks.treatmentPlan', summary: 'Download the risk treatment plan (XLSX or PDF): open risks, levels, treatment, controls, tasks, costs, acceptances', access: 'risk.read', tags,
    description: 'Headed with the organization, the method version and the date. Recorded in the audit trail.',
    params: ZOrgParams, query: ZTreatmentPlanQuery, produces: 'application/octet-stream',
    handler: async ({ app, call, query, reply }) => {
      const file = await exportTreatmentPlan(app, call.org!, call.actor, query);
      return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
    },
  }),
];
