/** `custos audit verify | export | anchor`: an auditor checks the trail without trusting the web UI. */
import fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { ZAuditAnchor } from '../../shared/contracts/audit.js';
import { listChainIds, verifyChain, type VerifyResult } from '../../server/kernel/audit/chain.js';
import { recordEvent } from '../../server/kernel/audit/record.js';
import { CSV_COLUMNS, iterateEvents } from '../../server/features/audit-log/index.js';
import { csvSafe } from '../../server/kernel/csv.js';
import { CliError, cliActor, json, out, resolveOrg, withContext } from '../support.js';

function readAnchor(file: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new CliError(`--anchor: ${file} is not a readable JSON file`, 2);
  }
  const parsed = ZAuditAnchor.safeParse(raw);
  if (!parsed.success) throw new CliError(`--anchor: ${parsed.error.issues[0]?.path.join('.') || 'file'}: ${parsed.error.issues[0]?.message}`, 2);
  return parsed.data;
}

export async function auditVerify(options: { org?: string; anchor?: string; json?: boolean }): Promise<void> {
  const anchor = options.anchor ? readAnchor(options.anchor) : null;
  const results = await withContext(async (ctx) => {
    let chains: { id: string; label: string }[];
    if (options.org || anchor) {
      const org = await resolveOrg(ctx, options.org ?? anchor!.organizationId);
      if (anchor && anchor.organizationId !== org.id) throw new CliError(`--anchor: the anchor belongs to organization ${anchor.organizationId}, not ${org.slug}`, 2);
      chains = [{ id: org.id, label: `${org.name} (${org.slug})` }];
    } else {
      const ids = await listChainIds(ctx.database.db);
      const names = new Map((await ctx.database.db.selectFrom('organizations').select(['id', 'name', 'slug']).execute()).map((o) => [o.id, `${o.name} (${o.slug})`]));
      chains = ids.map((id) => ({ id, label: names.get(id) ?? id }));
    }
    const out: (VerifyResult & { label: string })[] = [];
    for (const chain of chains) {
      const result = await verifyChain(ctx.database.db, chain.id, { anchor: anchor ? { seq: anchor.seq, hash: anchor.hash } : null });
      out.push({ ...result, label: chain.label });
    }
    return out;
  });
  const broken = results.filter((r) => !r.ok);
  if (options.json) json({ ok: broken.length === 0, chains: results });
  else {
    for (const r of results) {
      out(r.ok ? `OK      ${r.label}: ${r.checked} events, head ${r.headSeq} ${r.headHash ?? '-'}` : `BROKEN  ${r.label}: event seq ${r.broken!.seq}${r.broken!.eventId ? ` (id ${r.broken!.eventId})` : ''}: ${r.broken!.reason}`);
    }
    if (results.length === 0) out('OK      no audit events yet');
  }
  if (broken.length) {
    const first = broken[0]!;
    throw new CliError(`audit chain broken: ${first.label} at event seq ${first.broken!.seq}${first.broken!.eventId ? ` (id ${first.broken!.eventId})` : ''}`, 1);
  }
}

export async function auditExport(options: { org: string; format?: string }): Promise<void> {
  const format = options.format ?? 'csv';
  if (!['csv', 'json'].includes(format)) throw new CliError('--format: must be csv or json', 2);
  await withContext(async (ctx) => {
    const org = await resolveOrg(ctx, options.org);
    await ctx.database.db.transaction().execute((trx) =>
      recordEvent(ctx, trx, cliActor(), { type: 'audit.exported', organizationId: org.id, subjectType: 'organization', subjectId: org.id, changes: { format, via: 'cli' } }),
    );
    if (format === 'csv') process.stdout.write(stringify([[...CSV_COLUMNS]]));
    else process.stdout.write('[\n');
    let first = true;
    for await (const row of iterateEvents(ctx.database.db, org.id, {})) {
      const record = row as unknown as Record<string, unknown>;
      if (format === 'csv') process.stdout.write(stringify([CSV_COLUMNS.map((c) => csvSafe(record[c]))]));
      else {
        process.stdout.write(`${first ? '' : ',\n'}${JSON.stringify({ ...row, seq: Number(row.seq), changes: row.changes === null ? null : JSON.parse(row.changes) })}`);
        first = false;
      }
    }
    if (format === 'json') process.stdout.write('\n]\n');
  });
}

export async function auditAnchor(options: { org: string }): Promise<void> {
  await withContext(async (ctx) => {
    const org = await resolveOrg(ctx, options.org);
    const actor = cliActor();
    const event = await ctx.database.db.transaction().execute((trx) =>
      recordEvent(ctx, trx, actor, { type: 'audit.anchor_exported', organizationId: org.id, subjectType: 'organization', subjectId: org.id }),
    );
    json({ format: 'custos-audit-anchor/1', organizationId: org.id, organizationName: org.name, chainId: org.id, seq: Number(event.seq), hash: event.hash, exportedAt: event.occurred_at, exportedBy: actor.label });
  });
}
