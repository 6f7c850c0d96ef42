/**
 * `custos readiness`: an auditor's quick check of readiness per framework and section (ISO/IEC 27001:2022
 * 9.1; 45 CFR 164.308(a)(8) evaluation), computed from the data by the same service as the API and the
 * dashboard. The operator holds the data directory and the key, so every site of a group is shown.
 */
import { COMPLIANCE_STATUS_LABELS, COMPLIANCE_STATUSES } from '../../shared/compliance.js';
import type { TReadiness, TReadinessFigures } from '../../shared/contracts/compliance.js';
import { ROLE_PERMISSIONS } from '../../shared/permissions.js';
import { getReadiness } from '../../server/features/compliance/index.js';
import type { OrgAccess } from '../../server/kernel/authz/membership.js';
import { AppError } from '../../server/kernel/errors.js';
import { CliError, json, out, resolveOrg, withContext } from '../support.js';

function operatorAccess(org: { id: string; name: string }): OrgAccess {
  return { organizationId: org.id, organizationName: org.name, mfaRequired: false, isDemo: false, timeZone: 'UTC', role: 'admin', permissions: [...ROLE_PERMISSIONS.admin] };
}

const pct = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)}%`);

function figureCells(figures: TReadinessFigures): string {
  const counts = COMPLIANCE_STATUSES.map((s) => String(figures.counts[s]).padStart(5)).join(' ');
  return `${counts} ${String(figures.total).padStart(6)} ${pct(figures.readinessPercent).padStart(9)}`;
}

const HEADER = `${' '.repeat(46)}${['compl', 'part', 'non', 'n/a'].map((h) => h.padStart(5)).join(' ')} ${'total'.padStart(6)} ${'readiness'.padStart(9)}`;

export function formatReadiness(report: TReadiness): string {
  const lines: string[] = [`Readiness of ${report.organizationName}`, `Columns: ${COMPLIANCE_STATUSES.map((s) => COMPLIANCE_STATUS_LABELS[s]).join(', ')}; readiness = compliant ÷ applicable`, ''];
  const name = (text: string, indent: number) => {
    const width = 45 - indent;
    const cut = text.length > width ? `${text.slice(0, width - 1)}…` : text;
    return `${' '.repeat(indent)}${cut.padEnd(width)} `;
  };
  for (const framework of report.frameworks) {
    lines.push(HEADER);
    lines.push(`${name(`${framework.shortName} (${framework.frameworkId})`, 0)}${figureCells(framework.figures)}`);
    for (const section of framework.sections) {
      lines.push(`${name(section.label, 2)}${figureCells(section.figures)}`);
      for (const child of section.children) lines.push(`${name(child.label, 4)}${figureCells(child.figures)}`);
    }
    lines.push('');
  }
  if (report.sites.length > 0) {
    lines.push('Sites (built-in frameworks, readiness)');
    const ids = report.sites[0]!.frameworks.map((f) => f.frameworkId);
    lines.push(`${'site'.padEnd(32)} ${ids.map((id) => id.slice(0, 18).padStart(18)).join(' ')}`);
    for (const site of report.sites) lines.push(`${site.name.slice(0, 32).padEnd(32)} ${site.frameworks.map((f) => pct(f.figures.readinessPercent).padStart(18)).join(' ')}`);
  }
  return lines.join('\n');
}

export async function readiness(options: { org: string; framework?: string; json?: boolean }): Promise<void> {
  const report = await withContext(async (ctx) => {
    const org = await resolveOrg(ctx, options.org);
    try {
      return await getReadiness(ctx, operatorAccess(org), null, { framework: options.framework });
    } catch (error) {
      if (error instanceof AppError && error.issues?.[0]?.path === 'query.framework') throw new CliError(`--framework: "${options.framework}" is not a framework of this organization`, 2);
      throw error;
    }
  });
  if (options.json) json(report);
  else out(formatReadiness(report));
}
