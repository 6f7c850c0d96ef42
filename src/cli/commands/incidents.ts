/**
 * `custos incidents list | clocks | hhs-log | export`: the incident register, the running breach clocks,
 * the annual HHS small-breach log and the register as a file (A.5.28: its columns, never the encrypted
 * contents) from the command line (ISO/IEC 27001:2022 A.5.24–A.5.28; 45 CFR
 * 164.404–164.408(c); GDPR Arts. 33, 34). Read-only, through the same services as the API. The operator
 * acts with full access to the organization (whoever runs the CLI holds the data directory and the key,
 * as for `custos risks`). Instants are printed in the time zone of the organization they belong to,
 * with the zone's abbreviation, because that zone decides the legal due dates.
 */
import { ZIncidentExportQuery, ZIncidentListQuery, ZHhsLogQuery, INCIDENT_STATUSES, type TIncidentListItem, type TOpenClock, type TOpenClockList } from '../../shared/contracts/incidents.js';
import { formatCivilDate, localDateOf } from '../../shared/breach-clock.js';
import { ROLE_PERMISSIONS } from '../../shared/permissions.js';
import { exportHhsLog, exportIncidentRegister, getHhsLog, listIncidents, listOpenClocks, type HhsLogFormat, type IncidentExportFormat } from '../../server/features/incidents/index.js';
import type { OrgAccess } from '../../server/kernel/authz/membership.js';
import type { AppContext } from '../../server/kernel/context.js';
import { CliError, cliActor, deliverFile, exportFormatOf, info, json, out, resolveOrg, withContext } from '../support.js';

const LIST_STATUSES = ['open', ...INCIDENT_STATUSES] as const;
const FILE_FORMATS: readonly (HhsLogFormat & IncidentExportFormat)[] = ['csv', 'xlsx', 'json'];

function accessTo(org: { id: string; name: string; time_zone: string; is_demo: number | boolean }): OrgAccess {
  return { organizationId: org.id, organizationName: org.name, mfaRequired: false, isDemo: Number(org.is_demo) === 1, timeZone: org.time_zone, role: 'admin', permissions: [...ROLE_PERMISSIONS.admin] };
}

/** The organization named by --org (id or slug), with full access. */
async function organization(ctx: AppContext, org: string | undefined): Promise<OrgAccess> {
  if (!org) throw new CliError('--org: is required (id or slug)', 2);
  const found = await resolveOrg(ctx, org);
  const row = await ctx.database.db.selectFrom('organizations').select(['id', 'name', 'time_zone', 'is_demo']).where('id', '=', found.id).executeTakeFirstOrThrow();
  return accessTo(row);
}

/** Its direct sites (a group's hospitals and clinics), each with full access. */
async function sitesOf(ctx: AppContext, organizationId: string): Promise<OrgAccess[]> {
  const rows = await ctx.database.db.selectFrom('organizations').select(['id', 'name', 'time_zone', 'is_demo']).where('parent_id', '=', organizationId).orderBy('name').execute();
  return rows.map(accessTo);
}

/** "2026-12-01 21:37 EST": the instant in the zone, with the zone's abbreviation. */
export function formatInstant(instant: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

/** "due in 1 d 18 h" / "overdue by 3 h 5 min" / "without undue delay" (no due instant). */
export function dueText(dueAt: string | null, now: Date): string {
  if (dueAt === null) return 'without undue delay';
  const delta = Date.parse(dueAt) - now.getTime();
  const minutes = Math.floor(Math.abs(delta) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const span = days > 0 ? `${days} d ${hours} h` : hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
  return delta < 0 ? `overdue by ${span}` : `due in ${span}`;
}

const cut = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));

export async function incidentsList(options: { org?: string; status?: string; json?: boolean }): Promise<void> {
  const status = options.status?.toLowerCase();
  if (status !== undefined && !(LIST_STATUSES as readonly string[]).includes(status)) throw new CliError(`--status: must be ${LIST_STATUSES.join(', ')}`, 2);
  const { access, items } = await withContext(async (ctx) => {
    const access = await organization(ctx, options.org);
    const all: TIncidentListItem[] = [];
    for (let page = 1; ; page += 1) {
      const result = await listIncidents(ctx, access, ZIncidentListQuery.parse({ page, pageSize: 200, sort: 'ref', dir: 'asc', ...(status ? { status } : {}) }));
      all.push(...result.items);
      if (all.length >= result.total || result.items.length === 0) break;
    }
    return { access, items: all };
  });
  if (options.json) return json(items);
  const zone = access.timeZone;
  out(`${'Ref'.padEnd(9)} ${'Title'.padEnd(44)} ${'Category'.padEnd(18)} ${'Severity'.padEnd(9)} ${'Status'.padEnd(10)} ${'Reported'.padEnd(10)} ${'HIPAA'.padEnd(15)} ${'GDPR'.padEnd(12)} ${'Open clocks'.padEnd(14)} Next due`);
  for (const i of items) {
    const clocks = i.openObligations === 0 ? '0' : `${i.openObligations}${i.overdueObligations > 0 ? ` (${i.overdueObligations} overdue)` : ''}`;
    const reported = formatCivilDate(localDateOf(Date.parse(i.reportedAt), zone));
    out(`${i.ref.padEnd(9)} ${cut(i.title, 44)} ${i.category.padEnd(18)} ${(i.severity ?? '—').padEnd(9)} ${i.status.padEnd(10)} ${reported.padEnd(10)} ${i.hipaaConclusion.padEnd(15)} ${i.gdprConclusion.padEnd(12)} ${clocks.padEnd(14)} ${i.nextDueAt ? formatInstant(i.nextDueAt, zone) : '—'}`);
  }
  info(`${items.length} incidents`);
}

/** Overdue first (most overdue first), then the clocks without a due instant, then by due instant. */
function clockOrder(now: number) {
  const rank = (c: TOpenClock) => (c.dueAt === null ? 1 : Date.parse(c.dueAt) < now ? 0 : 2);
  return (a: TOpenClock, b: TOpenClock) => rank(a) - rank(b) || (a.dueAt && b.dueAt ? Date.parse(a.dueAt) - Date.parse(b.dueAt) : 0) || a.organization.name.localeCompare(b.organization.name) || a.incident.ref.localeCompare(b.incident.ref);
}

export async function incidentsClocks(options: { org?: string; json?: boolean }): Promise<void> {
  const { list, zones, now } = await withContext(async (ctx) => {
    const access = await organization(ctx, options.org);
    const scopes = [access, ...(await sitesOf(ctx, access.organizationId))];
    const lists: TOpenClockList[] = [];
    // The CLI has no membership to walk: it reads the organization and each direct site in turn.
    for (const scope of scopes) lists.push(await listOpenClocks(ctx, scope, null));
    const now = ctx.clock.now();
    const items = lists.flatMap((l) => l.items).sort(clockOrder(now.getTime()));
    const list: TOpenClockList = { items, overdue: lists.reduce((n, l) => n + l.overdue, 0), dueWithin7Days: lists.reduce((n, l) => n + l.dueWithin7Days, 0), computedAt: now.toISOString() };
    return { list, zones: new Map(scopes.map((s) => [s.organizationId, s.timeZone])), now };
  });
  if (options.json) return json(list);
  out(`${'Organization'.padEnd(28)} ${'Ref'.padEnd(9)} ${'Title'.padEnd(32)} ${'Obligation'.padEnd(27)} ${'Due'.padEnd(22)} When`);
  for (const c of list.items) {
    const zone = zones.get(c.organization.id) ?? 'UTC';
    const held = c.heldUntil ? ` (held until ${formatInstant(c.heldUntil, zone)}, 164.412)` : '';
    out(`${cut(c.organization.name, 28)} ${c.incident.ref.padEnd(9)} ${cut(c.incident.title, 32)} ${c.obligationId.padEnd(27)} ${(c.dueAt ? formatInstant(c.dueAt, zone) : '—').padEnd(22)} ${dueText(c.dueAt, now)}${held}`);
  }
  info(`${list.items.length} open clocks: ${list.overdue} overdue, ${list.dueWithin7Days} due within 7 days`);
}


export async function incidentsHhsLog(options: { org?: string; year?: string; format?: string; out?: string }): Promise<void> {
  if (options.year === undefined) throw new CliError('--year: is required (YYYY, the calendar year of discovery)', 2);
  const year = ZHhsLogQuery.safeParse({ year: /^\d{4}$/.test(options.year) ? options.year : 'x' });
  if (!year.success) throw new CliError('--year: must be a year from 2009 to 2199 (YYYY)', 2);
  const format = exportFormatOf(options, FILE_FORMATS);
  const { file, entries, access, dueDate } = await withContext(async (ctx) => {
    const access = await organization(ctx, options.org);
    const log = await getHhsLog(ctx, access, year.data.year);
    return { file: await exportHhsLog(ctx, access, cliActor(), { year: year.data.year, format }), entries: log.entries.length, access, dueDate: log.dueDate };
  });
  await deliverFile(file.body, options.out, (target) => `Exported the HHS breach log ${year.data.year} of ${access.organizationName} (${entries} ${entries === 1 ? 'breach' : 'breaches'}, due ${dueDate}) to ${target}`);
}

/** The register as a file (by ref, oldest first), optionally one status; written to stdout or --out. */
export async function incidentsExport(options: { org?: string; format?: string; out?: string; status?: string }): Promise<void> {
  const status = options.status?.toLowerCase();
  if (status !== undefined && !(LIST_STATUSES as readonly string[]).includes(status)) throw new CliError(`--status: must be ${LIST_STATUSES.join(', ')}`, 2);
  const format = exportFormatOf(options, FILE_FORMATS);
  const query = ZIncidentExportQuery.parse({ format, sort: 'ref', dir: 'asc', ...(status ? { status } : {}) });
  const { file, access } = await withContext(async (ctx) => {
    const access = await organization(ctx, options.org);
    return { file: await exportIncidentRegister(ctx, access, cliActor(), query), access };
  });
  await deliverFile(file.body, options.out, (target) => `Exported the incident register of ${access.organizationName}${status ? ` (status ${status})` : ''} to ${target}`);
}
