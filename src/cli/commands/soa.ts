/**
 * `custos soa export`: the Statement of Applicability (ISO/IEC 27001:2022 6.1.3 d) as XLSX or PDF, the
 * current draft or a published version (exactly its snapshot). The same service as the API; the export is
 * recorded in the audit trail. The operator acts with full access to the organization (whoever runs the
 * CLI holds the data directory and the key, as for `custos assets export`).
 */
import path from 'node:path';
import { SOA_EXPORT_FORMATS, type SoaExportFormat } from '../../shared/contracts/soa.js';
import { ROLE_PERMISSIONS } from '../../shared/permissions.js';
import { exportSoa } from '../../server/features/soa/index.js';
import type { OrgAccess } from '../../server/kernel/authz/membership.js';
import { CliError, cliActor, info, resolveOrg, withContext, writeFileDurably } from '../support.js';

function formatOf(value: string | undefined, out: string | undefined): SoaExportFormat {
  const raw = (value ?? (out ? path.extname(out) : '')).replace(/^\./, '').toLowerCase();
  if (!raw) throw new CliError('--format: is required (xlsx or pdf), or give --out with a .xlsx or .pdf name', 2);
  if (!(SOA_EXPORT_FORMATS as readonly string[]).includes(raw)) throw new CliError('--format: must be xlsx or pdf', 2);
  return raw as SoaExportFormat;
}

function versionOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError('--version: must be a published version number (1, 2, …)', 2);
  return n;
}


export async function soaExport(options: { org: string; format?: string; version?: string; out?: string }): Promise<void> {
  const format = formatOf(options.format, options.out);
  const version = versionOf(options.version);
  if (!options.out && process.stdout.isTTY) throw new CliError(`--out: a ${format.toUpperCase()} file is binary; give --out FILE or redirect stdout`, 2);
  await withContext(async (ctx) => {
    const org = await resolveOrg(ctx, options.org);
    const zone = await ctx.database.db.selectFrom('organizations').select('time_zone').where('id', '=', org.id).executeTakeFirst();
    const access: OrgAccess = { organizationId: org.id, organizationName: org.name, mfaRequired: false, isDemo: false, timeZone: zone?.time_zone ?? 'UTC', role: 'admin', permissions: [...ROLE_PERMISSIONS.admin] };
    const file = await exportSoa(ctx, access, cliActor(), { format, version });
    if (options.out) {
      const target = path.resolve(options.out);
      await writeFileDurably(target, file.body);
      info(`Exported the SoA of ${org.name} (${version ? `version ${version}` : 'draft'}, ${file.rows} rows) to ${target}`);
    } else {
      process.stdout.write(file.body);
    }
  });
}
