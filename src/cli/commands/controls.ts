/**
 * `custos controls adopt-starter` and `custos evidence verify` (ISO/IEC 27001:2022 6.1.3, 7.5.3; A.5.33
 * protection of records; 45 CFR 164.312(c)(1) integrity). The same services as the API; the adoption is
 * audited. The operator acts with full access to the organization (as for `custos assets import`).
 */
import { ROLE_PERMISSIONS } from '../../shared/permissions.js';
import { adoptStarterLibrary, verifyOrganizationEvidence } from '../../server/features/controls/index.js';
import type { OrgAccess } from '../../server/kernel/authz/membership.js';
import { CliError, cliActor, json, out, resolveOrg, withContext } from '../support.js';

function operatorAccess(org: { id: string; name: string }): OrgAccess {
  return { organizationId: org.id, organizationName: org.name, mfaRequired: false, isDemo: false, timeZone: 'UTC', role: 'admin', permissions: [...ROLE_PERMISSIONS.admin] };
}

export async function adoptStarter(options: { org: string; json?: boolean }): Promise<void> {
  await withContext(async (ctx) => {
    const org = await resolveOrg(ctx, options.org);
    const result = await adoptStarterLibrary(ctx, operatorAccess(org), cliActor());
    if (options.json) json(result);
    else out(`${org.name}: ${result.message}`);
  });
}

/** Re-hash every evidence file of the organization; exit 1 naming each missing or altered file. */
export async function evidenceVerify(options: { org: string; json?: boolean }): Promise<void> {
  const report = await withContext(async (ctx) => {
    const org = await resolveOrg(ctx, options.org);
    return { org, ...(await verifyOrganizationEvidence(ctx, org.id)) };
  });
  if (options.json) json({ organization: report.org.slug, checked: report.checked, problems: report.problems });
  else {
    for (const problem of report.problems) out(`FAIL ${problem.controlCode} ${problem.fileName ?? ''} (evidence ${problem.evidenceId}): ${problem.problem}`);
    out(report.problems.length === 0 ? `OK: ${report.checked} evidence file(s) of ${report.org.name} verified (decrypted, SHA-256 matches).` : `${report.problems.length} of ${report.checked} evidence file(s) of ${report.org.name} failed the integrity check.`);
  }
  if (report.problems.length > 0) throw new CliError('evidence verify: integrity check failed', 1);
}
