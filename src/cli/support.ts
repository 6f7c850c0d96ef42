/** Shared CLI plumbing: results to stdout, messages to stderr, errors as `field: problem`, exit codes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AuditActor } from '../server/kernel/audit/chain.js';
import { loadConfig, type Config } from '../server/kernel/config.js';
import type { AppContext } from '../server/kernel/context.js';
import { AppError } from '../server/kernel/errors.js';
import { createLogger } from '../server/kernel/logger.js';
import { openContext } from '../server/app.js';

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function info(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function json(value: unknown): void {
  out(JSON.stringify(value, null, 2));
}

export function cliActor(): AuditActor {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    /* no passwd entry (containers) */
  }
  return { userId: null, label: `cli:${user}@${os.hostname()}`, authMethod: 'cli', ip: null, requestId: null };
}

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CliError('--password-stdin: pipe the password in, e.g. `printf %s "$PASSWORD" | custos …`', 2);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function config(): Config {
  try {
    return loadConfig();
  } catch (error) {
    throw new CliError((error as Error).message, 2);
  }
}

/** Open the database and key ring quietly (warnings only) for a one-shot command. */
export async function withContext<T>(fn: (ctx: AppContext) => Promise<T>, options: { createKeyIfMissing?: boolean } = {}): Promise<T> {
  const cfg = config();
  const ctx = await openContext(cfg, { logger: createLogger('warn'), createKeyIfMissing: options.createKeyIfMissing ?? false });
  try {
    return await fn(ctx);
  } finally {
    await ctx.database.close();
  }
}

export function describeError(error: unknown): string {
  if (error instanceof AppError) {
    if (error.issues?.length) return error.issues.map((i) => `${i.path.replace(/^body\./, '')}: ${i.message}`).join('\n');
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Find an organization by id or slug. */
export async function resolveOrg(ctx: AppContext, idOrSlug: string): Promise<{ id: string; name: string; slug: string }> {
  const row = await ctx.database.db
    .selectFrom('organizations')
    .select(['id', 'name', 'slug'])
    .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug.toLowerCase())]))
    .executeTakeFirst();
  if (!row) throw new CliError(`--org: no organization with id or slug "${idOrSlug}"`);
  return row;
}

/**
 * Writes an export to a temp file beside the target, fsyncs it, renames it into place and fsyncs the
 * folder (STACK.md: a written export survives a power cut); on any failure the temp file is removed.
 */
export async function writeFileDurably(target: string, body: Buffer | NodeJS.ReadableStream): Promise<void> {
  const temp = `${target}.${process.pid}.tmp`;
  try {
    if (Buffer.isBuffer(body)) fs.writeFileSync(temp, body, { mode: 0o600 });
    else await pipeline(body, fs.createWriteStream(temp, { mode: 0o600 }));
    const fd = fs.openSync(temp, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(temp, target);
    const dir = fs.openSync(path.dirname(target), 'r');
    fs.fsyncSync(dir);
    fs.closeSync(dir);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** A file format from `value`, else from the extension of `outFile`: one of `allowed`, or `flag: problem` (exit 2). */
export function fileFormatOf<T extends string>(value: string | undefined, outFile: string | undefined, allowed: readonly T[], flag: string): T {
  const raw = (value ?? (outFile ? path.extname(outFile) : '')).replace(/^\./, '').toLowerCase();
  if (!raw) throw new CliError(`${flag}: is required (${allowed.join(', ')}), or give --out with a matching extension`, 2);
  if (!(allowed as readonly string[]).includes(raw)) throw new CliError(`${flag}: must be ${allowed.join(', ')}`, 2);
  return raw as T;
}

/** An export's format: --format, else --out's extension, else csv; a binary XLSX is never written to a terminal. */
export function exportFormatOf<T extends string>(options: { format?: string; out?: string }, allowed: readonly T[]): T {
  const format = fileFormatOf(options.format ?? (options.out ? undefined : 'csv'), options.out, allowed, '--format');
  if (format === 'xlsx' && !options.out && process.stdout.isTTY) throw new CliError('--out: an XLSX workbook is binary; give --out FILE or redirect stdout', 2);
  return format;
}

/** An export to --out (durably, then `said(target)` on stderr) or, without --out, to stdout. */
export async function deliverFile(body: Buffer, outFile: string | undefined, said: (target: string) => string): Promise<void> {
  if (!outFile) {
    process.stdout.write(body);
    return;
  }
  const target = path.resolve(outFile);
  await writeFileDurably(target, body);
  info(said(target));
}
