/**
 * `custos risks list | export | import | heatmap | treatment-plan`: the risk register from the command line
 * (ISO/IEC 27001:2022 6.1.2, 6.1.3 e, 8.2, 8.3; 45 CFR 164.308(a)(1)(ii)(A)–(B)). The same services as the
 * API; every change and export is audited. The operator acts with full access to the organization
 * (whoever runs the CLI holds the data directory and the key, as for `custos assets`). `--org` may be
 * left out when the database holds a single organization that is not a group.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RISK_STAGES, ZRiskHeatmapQuery, ZRiskListQuery, type RiskStage, type TRiskImportReport, type TRiskLevelRef, type TRiskSummary } from '../../shared/contracts/risks.js';
import { ROLE_PERMISSIONS } from '../../shared/permissions.js';
import { exportRisks, exportTreatmentPlan, getHeatmap, importRisks, listRisks, RISK_FILE_FORMATS, type RiskFileFormat } from '../../server/features/risks/index.js';
import type { OrgAccess } from '../../server/kernel/authz/membership.js';
import type { AppContext } from '../../server/kernel/context.js';
import { CliError, cliActor, config, deliverFile, exportFormatOf, fileFormatOf, info, json, out, resolveOrg, withContext } from '../support.js';

/** The organization named by --org, or the only one there is. */
async function organization(ctx: AppContext, org: string | undefined): Promise<OrgAccess> {
  let found: { id: string; name: string };
  if (org !== undefined) found = await resolveOrg(ctx, org);
  else {
    const candidates = await ctx.database.db.selectFrom('organizations').select(['id', 'name', 'slug']).where('kind', '!=', 'group').orderBy('slug').limit(6).execute();
    if (candidates.length !== 1) throw new CliError(`--org: is required (id or slug)${candidates.length > 1 ? `; this database holds several organizations: ${candidates.slice(0, 5).map((c) => c.slug).join(', ')}${candidates.length > 5 ? ', …' : ''}` : '; this database holds none'}`, 2);
    found = candidates[0]!;
  }
  const row = await ctx.database.db.selectFrom('organizations').select(['time_zone', 'is_demo']).where('id', '=', found.id).executeTakeFirst();
  return { organizationId: found.id, organizationName: found.name, mfaRequired: false, isDemo: Number(row?.is_demo ?? 0) === 1, timeZone: row?.time_zone ?? 'UTC', role: 'admin', permissions: [...ROLE_PERMISSIONS.admin] };
}


const levelText = (level: TRiskLevelRef | null) => (level ? level.label : '—');
const cut = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));

export async function risksList(options: { org?: string; json?: boolean }): Promise<void> {
  const items = await withContext(async (ctx) => {
    const access = await organization(ctx, options.org);
    const all: TRiskSummary[] = [];
    for (let page = 1; ; page += 1) {
      const result = await listRisks(ctx, access, null, ZRiskListQuery.parse({ page, pageSize: 200, sort: 'ref' }));
      all.push(...(result.items as TRiskSummary[]));
      if (all.length >= result.total || result.items.length === 0) break;
    }
    return all;
  });
  if (options.json) return json(items);
  out(`${'Ref'.padEnd(7)} ${'Title'.padEnd(44)} ${'Category'.padEnd(11)} ${'Owner'.padEnd(20)} ${'Current'.padEnd(9)} ${'Residual'.padEnd(9)} ${'Treatment'.padEnd(9)} ${'Acceptance'.padEnd(17)} Next review`);
  for (const r of items) {
    out(`${r.ref.padEnd(7)} ${cut(r.title, 44)} ${r.category.padEnd(11)} ${cut(r.owner?.name ?? '—', 20)} ${cut(levelText(r.current), 9)} ${cut(levelText(r.residual), 9)} ${(r.treatmentOption ?? '—').padEnd(9)} ${r.acceptanceState.padEnd(17)} ${r.nextReviewOn ?? '—'}${r.reviewOverdue ? ' (overdue)' : ''}`);
  }
  info(`${items.length} risks`);
}

export async function risksExport(options: { org?: string; format?: string; out?: string }): Promise<void> {
  const format = exportFormatOf<RiskFileFormat>(options, RISK_FILE_FORMATS);
  await withContext(async (ctx) => {
    const access = await organization(ctx, options.org);
    const file = await exportRisks(ctx, access, cliActor(), { format });
    await deliverFile(file.body, options.out, (target) => `Exported the risk register of ${access.organizationName} (${file.rows} risks) to ${target}`);
  });
}

function printReport(report: TRiskImportReport): void {
  out(report.written ? 'Imported.' : report.dryRun ? 'Dry run: nothing was written.' : 'Nothing was written: the file has problems (fix them and import it again).');
  for (const key of ['rows', 'created', 'updated', 'unchanged'] as const) out(`${key.padEnd(10)} ${report[key]}`);
  out(`${'errors'.padEnd(10)} ${report.errorCount}`);
  for (const e of report.errors) info(`${e.row === null ? 'file' : `row ${e.row}`}${e.field ? `, column ${e.field}` : ''}: ${e.message}`);
  if (report.errorCount > report.errors.length) info(`… and ${report.errorCount - report.errors.length} more problems`);
}

export async function risksImport(file: string, options: { org?: string; dryRun?: boolean }): Promise<void> {
  const format = fileFormatOf<RiskFileFormat>(undefined, file, RISK_FILE_FORMATS, 'FILE (its extension)');
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new CliError(`FILE: ${file} cannot be read`, 2);
  }
  const limit = config().importLimitBytes;
  if (size > limit) throw new CliError(`FILE: is larger than the import limit of ${limit / (1024 * 1024)} MB (CUSTOS_IMPORT_LIMIT_MB)`);
  const bytes = fs.readFileSync(file);
  const report = await withContext(async (ctx) => importRisks(ctx, await organization(ctx, options.org), cliActor(), { bytes, format, dryRun: Boolean(options.dryRun), filename: path.basename(file) }));
  printReport(report);
  if (report.errorCount > 0) throw new CliError(`${report.errorCount} problems in the file; nothing was written`, 1);
}

export async function risksHeatmap(options: { org?: string; stage?: string; json?: boolean }): Promise<void> {
  const stage = (options.stage ?? 'current').toLowerCase();
  if (!(RISK_STAGES as readonly string[]).includes(stage)) throw new CliError(`--stage: must be ${RISK_STAGES.join(', ')}`, 2);
  const map = await withContext(async (ctx) => getHeatmap(ctx, await organization(ctx, options.org), null, ZRiskHeatmapQuery.parse({ stage: stage as RiskStage })));
  if (options.json) return json(map);
  // Likelihood rows from the highest down, impact columns left to right; each cell: count and level key.
  const count = new Map(map.cells.map((c) => [`${c.likelihood}:${c.impact}`, c]));
  const labelWidth = Math.max(10, ...map.likelihood.map((l) => `${l.value} ${l.label}`.length));
  const cellWidth = Math.max(8, ...map.levels.map((l) => l.key.length + 5));
  out(`${map.stage} risks (method version ${map.methodVersion}): ${map.assessed} assessed, ${map.notAssessed} not assessed`);
  out(`${'likelihood'.padEnd(labelWidth)} │ ${map.impact.map((i) => String(i.value).padStart(cellWidth)).join(' ')}   ← impact`);
  out(`${'─'.repeat(labelWidth)}─┼─${'─'.repeat((cellWidth + 1) * map.impact.length)}`);
  for (const l of [...map.likelihood].reverse()) {
    const cells = map.impact.map((i) => {
      const cell = count.get(`${l.value}:${i.value}`);
      return `${cell?.count ?? 0} ${cell?.levelKey ?? ''}`.padStart(cellWidth);
    });
    out(`${`${l.value} ${l.label}`.padEnd(labelWidth)} │ ${cells.join(' ')}`);
  }
  out(`impact: ${map.impact.map((i) => `${i.value} ${i.label}`).join(', ')}`);
  out(`levels: ${map.levels.map((l) => `${l.label} (${l.key}) ${l.count}`).join(', ')}`);
}

export async function risksTreatmentPlan(options: { org?: string; format?: string; out?: string }): Promise<void> {
  const format = fileFormatOf<'pdf' | 'xlsx'>(options.format, options.out, ['pdf', 'xlsx'], '--format');
  if (!options.out && process.stdout.isTTY) throw new CliError(`--out: a ${format.toUpperCase()} file is binary; give --out FILE or redirect stdout`, 2);
  await withContext(async (ctx) => {
    const access = await organization(ctx, options.org);
    const file = await exportTreatmentPlan(ctx, access, cliActor(), { format });
    await deliverFile(file.body, options.out, (target) => `Exported the risk treatment plan of ${access.organizationName} (${file.rows} risks) to ${target}`);
  });
}
