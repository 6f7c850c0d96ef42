/** Import and export of the asset register (A.5.9 inventory): the file routes. */
import { ZAssetExportQuery, ZAssetImportQuery, ZAssetImportReport, type AssetFileFormat } from '../../../shared/contracts/assets.js';
import { ZOrgParams } from '../../../shared/contracts/common.js';
import { AppError } from '../../kernel/errors.js';
import { defineRoute } from '../../kernel/http/route.js';
import { exportAssets } from './asset-export.service.js';
import { importAssets } from './asset-import.service.js';

const tags = ['assets'];
const base = '/api/v1/orgs/:orgId';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Content types an import accepts as the raw body (browsers label .csv as text/csv or application/vnd.ms-excel). */
export const IMPORT_CONTENT_TYPES = ['text/csv', 'text/plain', 'application/vnd.ms-excel', XLSX_TYPE, 'application/octet-stream', 'application/json'];

/** The format named in the query, else the one the content type (or, for octet-stream, the ZIP signature) implies. */
function formatOf(explicit: AssetFileFormat | undefined, contentType: string | undefined, body: Buffer): AssetFileFormat {
  if (explicit) return explicit;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === XLSX_TYPE) return 'xlsx';
  if (type === 'application/json') return 'json';
  if (type === 'application/octet-stream') return body.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) ? 'xlsx' : 'csv';
  return 'csv';
}

export const assetIoRoutes = [
  defineRoute({
    method: 'GET', url: `${base}/assets/export`, operationId: 'assets.export', summary: 'Export the asset register as CSV, XLSX or JSON (same columns; classification by name)', access: 'asset.read', tags,
    description: 'Streams the whole register, or the part that matches the list filters, as a file download. The export is recorded in the audit trail.',
    params: ZOrgParams, query: ZAssetExportQuery, produces: 'application/octet-stream',
    handler: async ({ app, call, query, reply }) => {
      const file = await exportAssets(app, call.org!, call.actor, query);
      return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
    },
  }),
  defineRoute({
    method: 'POST', url: `${base}/assets/import`, operationId: 'assets.import', summary: 'Import assets from CSV, XLSX or JSON: validate every row, then create or update by external reference', access: 'asset.write', tags,
    description:
      'The request body is the file itself (text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/json or application/octet-stream), ' +
      'at most CUSTOS_IMPORT_LIMIT_MB (32 MB by default). A dry run only reports. With mode=all nothing is written unless every row is valid. ' +
      'A file that cannot be read at all (not UTF-8, missing required columns, a damaged or oversized workbook) is refused with 400 and `file: …`.',
    params: ZOrgParams, query: ZAssetImportQuery, response: ZAssetImportReport,
    fileUpload: { contentTypes: IMPORT_CONTENT_TYPES, limitBytes: (config) => config.importLimitBytes },
    handler: ({ app, call, query, request }) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw new AppError('validation_failed', 'file: is required as the request body', [{ path: 'file', message: 'is required as the request body' }]);
      const format = formatOf(query.format, request.headers['content-type'], body);
      return importAssets(app, call.org!, call.actor, { bytes: body, format, dryRun: query.dryRun === 'true', mode: query.mode, filename: query.filename ?? null });
    },
  }),
];
