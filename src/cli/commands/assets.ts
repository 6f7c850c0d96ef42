/**
 * `custos assets import | export`: the asset register as a file, from the command line (A.5.9 inventory;
 * 45 CFR 164.308(a)(1)(ii)(A)). The same services as the API; every change and export is audited.
 * The operator acts with full access to the organization: whoever runs the CLI holds the data directory
 * and the key (as for `custos user add`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import { ASSET_FILE_FORMATS, type AssetFileFormat, type TAssetImportReport } from '../../shared/contracts/assets.js';
import { ROLE_PERMISSIONS } from '../../shared/permissions.js';
import { exportAssets, importAssets, type ImportProgress } from '../../server/features/assets/index.js';
import type { OrgAccess } from '../../server/kernel/authz/membership.js';
import { CliError, cliActor, config, info, out, resolveOrg, withContext, writeFileDurably } from '../support.js';

const PHASE_LABELS: Record<ImportProgress['phase'], string> = { parse: 'Reading (bytes)', validate: 'Checking (rows)', write: 'Writing (rows) ' };

function operatorAccess(org: { id: string; name: string }): OrgAccess {
  return { organizationId: org.id, organizationName: org.name, mfaRequired: false, isDemo: false, timeZone: 'UTC', role: 'admin', permissions: [...ROLE_PERMISSIONS.admin] };
}

function formatOf(value: string, flag: string): AssetFileFormat {
  const format = value.replace(/^\./, '').toLowerCase();
  if (!(ASSET_FILE_FORMATS as readonly string[]).includes(format)) throw new CliError(`${flag}: must be csv, xlsx or json`, 2);
  return format as AssetFileFormat;
}

/**
 * One bar per phase on stderr (drawn only on a terminal), so stdout keeps only the result. Reading and
 * checking advance together (rows are checked as they are read); writing follows.
 */
function progressBars() {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const multi = new cliProgress.MultiBar({ stream: process.stderr, format: '{phase} [{bar}] {percentage}% | {value}/{total}', hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
  const bars = new Map<ImportProgress['phase'], cliProgress.SingleBar>();
  return {
    update(progress: ImportProgress) {
      const total = Math.max(progress.total, 1);
      let bar = bars.get(progress.phase);
      if (!bar) {
        bar = multi.create(total, 0, { phase: PHASE_LABELS[progress.phase] });
        bars.set(progress.phase, bar);
      }
      bar.setTotal(total);
      bar.update(progress.done, { phase: PHASE_LABELS[progress.phase] });
    },
    stop() {
      multi.stop();
    },
  };
}

function printReport(report: TAssetImportReport): void {
  const verdict = report.written
    ? 'Imported.'
    : report.dryRun
      ? 'Dry run: nothing was written.'
      : 'Nothing was written: the file has problems (fix them, or import the valid rows with --valid-only).';
  out(verdict);
  for (const key of ['rows', 'created', 'updated', 'unchanged', 'rejected'] as const) out(`${key.padEnd(10)} ${report[key]}`);
  for (const p of report.problems) info(`row ${p.row}${p.column ? `, column ${p.column}` : ''}: ${p.message}`);
  if (report.problemCount > report.problems.length) info(`… and ${report.problemCount - report.problems.length} more problems`);
}

export async function assetsImport(file: string, options: { org: string; dryRun?: boolean; validOnly?: boolean }): Promise<void> {
  const format = formatOf(path.extname(file), 'FILE (its extension)');
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new CliError(`FILE: ${file} cannot be read`, 2);
  }
  const limit = config().importLimitBytes;
  if (size > limit) throw new CliError(`FILE: is larger than the import limit of ${limit / (1024 * 1024)} MB (CUSTOS_IMPORT_LIMIT_MB)`);
  const bytes = fs.readFileSync(file);
  const bar = progressBars();
  const report = await withContext(async (ctx) => {
    const org = await resolveOrg(ctx, options.org);
    try {
      return await importAssets(ctx, operatorAccess(org), cliActor(), { bytes, format, dryRun: Boolean(options.dryRun), mode: options.validOnly ? 'valid_only' : 'all', filename: path.basename(file), onProgress: (p) => bar.update(p) });
    } finally {
      bar.stop();
    }
  });
  printReport(report);
  if (report.problemCount > 0 && !report.written) throw new CliError(`${report.rejected} of ${report.rows} rows have problems`, 1);
}


export async function assetsExport(options: { org: string; format?: string; out?: string }): Promise<void> {
  const format = formatOf(options.format ?? (options.out ? path.extname(options.out) || 'csv' : 'csv'), '--format');
  if (format === 'xlsx' && !options.out && process.stdout.isTTY) throw new CliError('--out: an XLSX workbook is binary; give --out FILE or redirect stdout', 2);
  await withContext(async (ctx) => {
    const org = await resolveOrg(ctx, options.org);
    const file = await exportAssets(ctx, operatorAccess(org), cliActor(), { format });
    if (options.out) {
      const target = path.resolve(options.out);
      await writeFileDurably(target, file.body);
      info(`Exported ${file.rows} assets of ${org.name} to ${target}`);
    } else {
      await pipeline(file.body, process.stdout, { end: false });
    }
  });
}
