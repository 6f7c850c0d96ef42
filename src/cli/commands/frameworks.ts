/**
 * `custos frameworks list | import-oscal`: the frameworks catalogue from the command line (issue 4 item 2;
 * ISO/IEC 27001:2022 6.1.3 c). An OSCAL catalog imported without --org becomes visible to every
 * organization (like the built-in catalogue); with --org it is that organization's own. Same services and
 * audit events as the API. The operator acts with full access, as for `custos assets import`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ZSlug } from '../../shared/contracts/common.js';
import { ROLE_PERMISSIONS } from '../../shared/permissions.js';
import { importOscalCatalog, listFrameworks } from '../../server/features/frameworks/index.js';
import type { OrgAccess } from '../../server/kernel/authz/membership.js';
import { CliError, cliActor, config, info, json, out, resolveOrg, withContext } from '../support.js';

function operatorAccess(org: { id: string; name: string }): OrgAccess {
  return { organizationId: org.id, organizationName: org.name, mfaRequired: false, isDemo: false, timeZone: 'UTC', role: 'admin', permissions: [...ROLE_PERMISSIONS.admin] };
}

export async function frameworksList(options: { org?: string; json?: boolean }): Promise<void> {
  const { items } = await withContext(async (ctx) => {
    const org = options.org ? await resolveOrg(ctx, options.org) : null;
    return listFrameworks(ctx, org ? operatorAccess(org) : null);
  });
  if (options.json) {
    json(items);
    return;
  }
  for (const f of items) out(`${f.id.padEnd(38)} ${f.origin.padEnd(8)} ${String(f.requirementCount).padStart(5)}  ${f.shortName} ${f.version}`);
}

export async function frameworksImportOscal(file: string, options: { org?: string; key?: string; json?: boolean }): Promise<void> {
  if (options.key !== undefined) {
    const key = ZSlug.safeParse(options.key);
    if (!key.success) throw new CliError(`--key: ${key.error.issues[0]!.message}`, 2);
  }
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new CliError(`FILE: ${file} cannot be read`, 2);
  }
  const limit = config().importLimitBytes;
  if (size > limit) throw new CliError(`FILE: is larger than the import limit of ${limit / (1024 * 1024)} MB (CUSTOS_IMPORT_LIMIT_MB)`);
  const bytes = fs.readFileSync(file);
  const result = await withContext(async (ctx) => {
    const org = options.org ? await resolveOrg(ctx, options.org) : null;
    return importOscalCatalog(ctx, org ? operatorAccess(org) : null, cliActor(), { bytes, organizationId: org?.id ?? null, key: options.key, filename: path.basename(file) });
  });
  if (options.json) {
    json(result);
    return;
  }
  out(`Imported ${result.framework.name} ${result.framework.version} as framework ${result.framework.id} (key ${result.framework.key})`);
  out(`requirements ${result.requirements}`);
  if (result.withdrawnSkipped > 0) info(`${result.withdrawnSkipped} withdrawn control(s) skipped`);
  info(result.framework.organizationId ? `Visible to organization ${result.framework.organizationId} only.` : 'Visible to every organization.');
}
