/** The `custos` command line: the same feature services as the API, for operators and auditors. */
import { Command, CommanderError } from 'commander';
import * as admin from './commands/admin.js';
import * as assets from './commands/assets.js';
import * as audit from './commands/audit.js';
import * as breach from './commands/breach.js';
import * as compliance from './commands/compliance.js';
import * as controls from './commands/controls.js';
import * as frameworks from './commands/frameworks.js';
import * as incidents from './commands/incidents.js';
import * as operations from './commands/operations.js';
import * as risks from './commands/risks.js';
import * as soa from './commands/soa.js';
import { serve } from './commands/serve.js';
import { CliError, describeError } from './support.js';

// `custos audit export | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command();
program.name('custos').description('Custos: the open-source ISMS for healthcare').exitOverride().showHelpAfterError();

program.command('start').description('Quick start: create what is missing (a demo group on an empty SQLite database) and serve').action(() => serve({ quickstart: true }));
program.command('serve').description('Serve the web UI and API (never creates demo data)').action(() => serve({ quickstart: false }));
program.command('migrate').description('Apply database migrations').action(admin.migrate);
program
  .command('init')
  .description('Create the data directory and key file, migrate, and create the first administrator')
  .option('--admin-email <email>', 'e-mail of the first administrator')
  .option('--admin-name <name>', 'display name of the first administrator')
  .option('--org-name <name>', 'name of the first organization', 'My organization')
  .option('--org-slug <slug>', 'short name of the first organization')
  .option('--password-stdin', 'read the password from standard input (otherwise one is generated and printed once)')
  .option('--demo', 'also load the demo group "Northbridge Health"')
  .action(admin.init);

const user = program.command('user').description('Manage user accounts');
user
  .command('add')
  .description('Create a user (or reuse an existing one) and give them a role in an organization')
  .requiredOption('--email <email>')
  .requiredOption('--org <org>', 'organization id or slug')
  .requiredOption('--role <role>')
  .option('--name <name>', 'display name')
  .option('--expires <instant>', 'end of access (ISO-8601; required for external_auditor)')
  .option('--password-stdin', 'read the password from standard input')
  .action(admin.userAdd);
user.command('reset-password').description('Set a new password and end the user\'s sessions').requiredOption('--email <email>').option('--password-stdin', 'read the password from standard input').action(admin.userResetPassword);
user.command('disable').description('Disable a user: sign-in refused, sessions and API tokens revoked').requiredOption('--email <email>').action((o) => admin.userSetDisabled(o, true));
user.command('enable').description('Enable a disabled user').requiredOption('--email <email>').action((o) => admin.userSetDisabled(o, false));

const org = program.command('org').description('Manage organizations');
org
  .command('add')
  .description('Create an organization (a group, or a site under --parent)')
  .requiredOption('--name <name>')
  .requiredOption('--slug <slug>')
  .option('--parent <org>', 'parent organization id or slug')
  .option('--kind <kind>', 'group, hospital, clinic or site')
  .option('--time-zone <tz>', 'IANA time zone', 'UTC')
  .option('--admin-email <email>', 'existing user who becomes its administrator')
  .action(admin.orgAdd);

const auditCmd = program.command('audit').description('The hash-chained audit trail');
auditCmd.command('verify').description('Verify the hash chain(s); exit 0 when intact, 1 naming the first broken event').option('--org <org>', 'one organization (id or slug)').option('--anchor <file>', 'an anchor exported earlier').option('--json', 'print JSON').action(audit.auditVerify);
auditCmd.command('export').description('Print an organization\'s audit events (CSV or JSON)').requiredOption('--org <org>').option('--format <format>', 'csv or json', 'csv').action(audit.auditExport);
auditCmd.command('anchor').description('Print the chain head as an anchor (JSON) to keep outside Custos').requiredOption('--org <org>').action(audit.auditAnchor);

const assetsCmd = program.command('assets').description('The asset register as a file (CSV, XLSX, JSON)');
assetsCmd
  .command('import')
  .argument('<file>', 'a .csv, .xlsx or .json file with the columns of an export')
  .description('Validate every row, then create or update assets by external_ref; exit 0 when written (or valid), 1 when the file has problems and nothing was written')
  .requiredOption('--org <org>', 'organization id or slug')
  .option('--dry-run', 'only validate and report; write nothing')
  .option('--valid-only', 'import the valid rows even when others have problems')
  .action(assets.assetsImport);
assetsCmd
  .command('export')
  .description('Write the asset register (to stdout, or --out FILE)')
  .requiredOption('--org <org>', 'organization id or slug')
  .option('--format <format>', 'csv, xlsx or json (default: from --out, else csv)')
  .option('--out <file>', 'write to this file instead of stdout')
  .action(assets.assetsExport);

const risksCmd = program.command('risks').description('The risk register (ISO/IEC 27001:2022 6.1.2, 6.1.3; --org may be left out when the database holds one organization)');
risksCmd.command('list').description('List the risks (ref, title, owner, current and residual level, treatment, acceptance, next review)').option('--org <org>', 'organization id or slug').option('--json', 'print JSON').action(risks.risksList);
risksCmd
  .command('export')
  .description('Write the risk register (to stdout, or --out FILE); the columns an import reads back')
  .option('--org <org>', 'organization id or slug')
  .option('--format <format>', 'csv, xlsx or json (default: from --out, else csv)')
  .option('--out <file>', 'write to this file instead of stdout')
  .action(risks.risksExport);
risksCmd
  .command('import')
  .argument('<file>', 'a .csv, .xlsx or .json file with the columns of an export')
  .description('Validate every row, then create or update risks by ref; exit 0 when written (or valid), 1 when a row has a problem (nothing is written)')
  .option('--org <org>', 'organization id or slug')
  .option('--dry-run', 'only validate and report; write nothing')
  .action(risks.risksImport);
risksCmd.command('heatmap').description('Print the heat map of a stage as a text grid (likelihood × impact: count and level)').option('--org <org>', 'organization id or slug').option('--stage <stage>', 'inherent, current or residual', 'current').option('--json', 'print JSON').action(risks.risksHeatmap);
risksCmd
  .command('treatment-plan')
  .description('Write the risk treatment plan (6.1.3 e) as PDF or XLSX (to stdout, or --out FILE)')
  .option('--org <org>', 'organization id or slug')
  .option('--format <format>', 'pdf or xlsx (default: from --out)')
  .option('--out <file>', 'write to this file instead of stdout')
  .action(risks.risksTreatmentPlan);

const incidentsCmd = program.command('incidents').description('The incident register, its running breach clocks and the annual HHS log (A.5.24–A.5.26; 45 CFR 164.404–164.408; GDPR Arts. 33, 34)');
incidentsCmd
  .command('list')
  .description('List the incidents (ref, title, category, severity, status, reported, HIPAA and GDPR conclusions, open clocks, next due)')
  .option('--org <org>', 'organization id or slug (required)')
  .option('--status <status>', 'open (not closed), reported, triage, contained, eradicated, recovered or closed')
  .option('--json', 'print JSON')
  .action(incidents.incidentsList);
incidentsCmd
  .command('clocks')
  .description('Every open notification clock of the organization and of its sites, overdue first, with the due instant in the organization\'s zone')
  .option('--org <org>', 'organization id or slug (required)')
  .option('--json', 'print JSON')
  .action(incidents.incidentsClocks);
incidentsCmd
  .command('hhs-log')
  .description('Write the annual HHS log of breaches affecting fewer than 500 individuals (164.408(c)) for a year of discovery (to stdout, or --out FILE)')
  .option('--org <org>', 'organization id or slug (required)')
  .option('--year <year>', 'the calendar year of discovery, YYYY (required)')
  .option('--format <format>', 'csv, xlsx or json (default: from --out, else csv)')
  .option('--out <file>', 'write to this file instead of stdout')
  .action(incidents.incidentsHhsLog);
incidentsCmd
  .command('export')
  .description('Write the incident register (its columns, never the encrypted contents; A.5.28) by ref as CSV, XLSX or JSON (to stdout, or --out FILE)')
  .option('--org <org>', 'organization id or slug (required)')
  .option('--format <format>', 'csv, xlsx or json (default: from --out, else csv)')
  .option('--out <file>', 'write to this file instead of stdout')
  .option('--status <status>', 'open (not closed), reported, triage, contained, eradicated, recovered or closed')
  .action(incidents.incidentsExport);

const frameworksCmd = program.command('frameworks').description('The frameworks catalogue (ISO 27001, HIPAA, GDPR, NIST SP 800-53) and OSCAL catalog import');
frameworksCmd.command('list').description('List the frameworks (built in, and imported ones)').option('--org <org>', 'include this organization\'s imported frameworks (id or slug)').option('--json', 'print JSON').action(frameworks.frameworksList);
frameworksCmd
  .command('import-oscal')
  .argument('<file>', 'an OSCAL catalog in JSON (validated against the OSCAL 1.2.1 catalog schema)')
  .description('Import an OSCAL catalog as a framework; exit 0 when imported, 1 naming the schema and instance path when the file is refused')
  .option('--org <org>', 'the organization that owns it (id or slug); without it every organization sees it')
  .option('--key <key>', 'stable key (default: from the catalog title); key + version must be new')
  .option('--json', 'print the result as JSON')
  .action(frameworks.frameworksImportOscal);

program
  .command('readiness')
  .description('Readiness per framework and section (and per site for a group): compliant, partially compliant, non-compliant, not applicable')
  .requiredOption('--org <org>', 'organization id or slug')
  .option('--framework <id>', 'one framework, e.g. iso27001-2022 or hipaa-security-rule')
  .option('--json', 'print JSON (the API\'s readiness document)')
  .action(compliance.readiness);

const soaCmd = program.command('soa').description('The Statement of Applicability (ISO/IEC 27001:2022 6.1.3 d)');
soaCmd
  .command('export')
  .description('Write the SoA as XLSX or PDF: the current draft, or a published version exactly as frozen (to stdout, or --out FILE)')
  .requiredOption('--org <org>', 'organization id or slug')
  .option('--format <format>', 'xlsx or pdf (default: from --out)')
  .option('--version <n>', 'a published version number (default: the current draft)')
  .option('--out <file>', 'write to this file instead of stdout')
  .action(soa.soaExport);

const controlsCmd = program.command('controls').description('The organization\'s controls');
controlsCmd
  .command('adopt-starter')
  .description('Adopt the healthcare starter library (about 60 controls mapped to Annex A, HIPAA and GDPR); adds only what is missing')
  .requiredOption('--org <org>', 'organization id or slug')
  .option('--json', 'print JSON')
  .action(controls.adoptStarter);
program
  .command('evidence')
  .description('Evidence files of controls')
  .command('verify')
  .description('Decrypt and re-hash every evidence file of an organization; exit 0 when all match, 1 naming each missing or altered file')
  .requiredOption('--org <org>', 'organization id or slug')
  .option('--json', 'print JSON')
  .action(controls.evidenceVerify);

program
  .command('breach')
  .description('HIPAA (45 CFR 164.400-414) and GDPR (Art. 33, 34) breach notification')
  .command('clock')
  .description('What-if breach clock: print every notification obligation and its due instant as JSON (opens no database); exit 1 with field: problem on bad input')
  .requiredOption('--input <file>', 'a JSON scenario: timezone, hipaaRole, gdprRole, discoveredAt, awareAt, hipaaBreach, individuals, residentsByState, gdprRisk, baNoticeDays?, lawEnforcementHoldUntil?')
  .action(breach.breachClock);

program.command('backup').argument('<file>').description('Write a consistent backup (SQLite VACUUM INTO; pg_dump for PostgreSQL); the master key is never included').action(operations.backup);
program.command('restore').argument('<file>').option('--yes', 'confirm replacing the current database').description('Restore a backup (stop the server first)').action(operations.restore);
program.command('keys').description('Encryption keys').command('rotate').description('Make a new master key active and re-wrap every data key').action(operations.rotateKeys);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  process.stderr.write(`${describeError(error)}\n`);
  process.exit(error instanceof CliError ? error.exitCode : 1);
}
