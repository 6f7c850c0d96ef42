/** `custos init`, `migrate`, `user …`, `org …`: administration without the web UI. */
import fs from 'node:fs';
import { ROLES, ROLES_REQUIRING_END_DATE, type Role } from '../../shared/permissions.js';
import { ZEmail, ZIsoInstant, ZName, ZSlug } from '../../shared/contracts/common.js';
import { openContext } from '../../server/app.js';
import { recordUserEvent } from '../../server/kernel/audit/record.js';
import { hashPassword, passwordProblem } from '../../server/kernel/auth/passwords.js';
import { randomPassword } from '../../server/kernel/crypto/tokens.js';
import { migrateToLatest } from '../../server/kernel/db/migrate.js';
import { createLogger } from '../../server/kernel/logger.js';
import { MIGRATIONS } from '../../server/migrations/index.js';
import { addMembershipIn, createOrganizationIn, createUserIn } from '../../server/features/organizations/index.js';
import { isDatabaseEmpty, loadDemo } from '../../server/features/demo/index.js';
import { CliError, cliActor, config, out, readStdin, resolveOrg, withContext } from '../support.js';
import type { z } from 'zod';

function parse<T extends z.ZodType>(schema: T, value: unknown, flag: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new CliError(`${flag}: ${result.error.issues[0]?.message ?? 'is invalid'}`, 2);
  return result.data;
}

function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new CliError(`--role: must be one of ${ROLES.join(', ')}`, 2);
  return value as Role;
}

async function passwordFrom(options: { passwordStdin?: boolean }, email: string): Promise<{ password: string; generated: boolean }> {
  if (!options.passwordStdin) return { password: randomPassword(), generated: true };
  const password = await readStdin();
  const problem = passwordProblem(password, { email });
  if (problem) throw new CliError(`password: ${problem}`, 2);
  return { password, generated: false };
}

export async function init(options: { adminEmail?: string; adminName?: string; passwordStdin?: boolean; demo?: boolean; orgName?: string; orgSlug?: string }): Promise<void> {
  const cfg = config();
  fs.mkdirSync(cfg.dataDir, { recursive: true, mode: 0o700 });
  const ctx = await openContext(cfg, { logger: createLogger('warn'), createKeyIfMissing: true });
  try {
    out(`Data directory: ${cfg.dataDir}`);
    out(`Master key: ${ctx.keyring.source === 'environment' ? 'from CUSTOS_MASTER_KEY' : ctx.keyring.source} (keep a copy in a secret store; backups never contain it)`);
    if (options.demo) {
      if (cfg.databaseUrl || process.env.CUSTOS_DEMO === '0') throw new CliError('--demo: demo data is never loaded with DATABASE_URL or CUSTOS_DEMO=0 (a production database has no known credentials)', 2);
      if (!(await isDatabaseEmpty(ctx))) throw new CliError('--demo: the database already holds organizations; the demo loads only into an empty one');
      const { credentials } = await loadDemo(ctx, cliActor());
      out('Demo group "Northbridge Health" created. Demo sign-ins, shown only now:');
      for (const c of credentials) out(`  ${c.role.padEnd(24)} ${c.email.padEnd(44)} ${c.password}`);
    }
    if (options.adminEmail) {
      const email = parse(ZEmail, options.adminEmail, '--admin-email');
      const name = parse(ZName, options.orgName ?? 'My organization', '--org-name');
      const slug = parse(ZSlug, options.orgSlug ?? (name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'organization'), '--org-slug');
      const { password, generated } = await passwordFrom(options, email);
      const actor = cliActor();
      await ctx.database.db.transaction().execute(async (trx) => {
        const userId = await createUserIn(ctx, trx, actor, { email, displayName: options.adminName ?? email.split('@')[0]!, password }, null);
        await createOrganizationIn(ctx, trx, actor, { name, slug, kind: 'group', parentId: null, adminUserId: userId });
      });
      out(`Administrator ${email} created for organization "${name}" (${slug}).`);
      if (generated) out(`Password (shown once): ${password}`);
    }
  } finally {
    await ctx.database.close();
  }
}

export async function migrate(): Promise<void> {
  const cfg = config();
  const ctx = await openContext(cfg, { logger: createLogger('warn'), createKeyIfMissing: false, migrate: false });
  try {
    const { applied } = await migrateToLatest(ctx.database.db, MIGRATIONS);
    out(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');
  } finally {
    await ctx.database.close();
  }
}

export async function userAdd(options: { email: string; org: string; role: string; name?: string; passwordStdin?: boolean; expires?: string }): Promise<void> {
  const email = parse(ZEmail, options.email, '--email');
  const role = parseRole(options.role);
  const expiresAt = options.expires ? new Date(parse(ZIsoInstant, options.expires, '--expires')).toISOString() : null;
  if (ROLES_REQUIRING_END_DATE.includes(role) && !expiresAt) throw new CliError(`--expires: is required for the role ${role} (time-boxed access)`, 2);
  if (expiresAt && new Date(expiresAt) <= new Date()) throw new CliError('--expires: must be in the future', 2);
  await withContext(async (ctx) => {
    const org = await resolveOrg(ctx, options.org);
    const actor = cliActor();
    const existing = await ctx.database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    const credentials = existing ? null : await passwordFrom(options, email);
    await ctx.database.db.transaction().execute(async (trx) => {
      const userId = existing?.id ?? (await createUserIn(ctx, trx, actor, { email, displayName: options.name ?? email.split('@')[0]!, password: credentials!.password }, org.id));
      await addMembershipIn(ctx, trx, actor, { organizationId: org.id, userId, role, expiresAt });
    });
    out(`${email} is now ${role} in ${org.name}.`);
    if (credentials?.generated) out(`Password (shown once): ${credentials.password}`);
  });
}

async function findUser(ctx: Parameters<Parameters<typeof withContext>[0]>[0], emailFlag: string) {
  const email = parse(ZEmail, emailFlag, '--email');
  const user = await ctx.database.db.selectFrom('users').select(['id', 'email']).where('email', '=', email).executeTakeFirst();
  if (!user) throw new CliError(`--email: no user with e-mail ${email}`);
  return user;
}

export async function userResetPassword(options: { email: string; passwordStdin?: boolean }): Promise<void> {
  await withContext(async (ctx) => {
    const user = await findUser(ctx, options.email);
    const { password, generated } = await passwordFrom(options, user.email);
    const passwordHash = await hashPassword(password);
    const now = ctx.clock.now().toISOString();
    await ctx.database.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: now, updated_at: now }).where('id', '=', user.id).execute();
      await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
      await trx.deleteFrom('auth_throttle').where('key', '=', `email:${user.email}`).execute();
      await recordUserEvent(ctx, trx, cliActor(), user.id, { type: 'auth.password_reset', subjectType: 'user', subjectId: user.id });
    });
    out(`Password of ${user.email} reset; their sessions were ended.`);
    if (generated) out(`New password (shown once): ${password}`);
  });
}

export async function userSetDisabled(options: { email: string }, disabled: boolean): Promise<void> {
  await withContext(async (ctx) => {
    const user = await findUser(ctx, options.email);
    const now = ctx.clock.now().toISOString();
    await ctx.database.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ is_disabled: disabled ? 1 : 0, updated_at: now }).where('id', '=', user.id).execute();
      if (disabled) {
        await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
        await trx.updateTable('api_tokens').set({ revoked_at: now }).where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
      }
      await recordUserEvent(ctx, trx, cliActor(), user.id, { type: disabled ? 'user.disabled' : 'user.enabled', subjectType: 'user', subjectId: user.id });
    });
    out(disabled ? `${user.email} is disabled; their sessions and API tokens were revoked.` : `${user.email} is enabled.`);
  });
}

export async function orgAdd(options: { name: string; slug: string; parent?: string; kind?: string; adminEmail?: string; timeZone?: string }): Promise<void> {
  const name = parse(ZName, options.name, '--name');
  const slug = parse(ZSlug, options.slug, '--slug');
  const kind = (options.kind ?? (options.parent ? 'site' : 'group')) as 'group' | 'hospital' | 'clinic' | 'site';
  if (!['group', 'hospital', 'clinic', 'site'].includes(kind)) throw new CliError('--kind: must be one of group, hospital, clinic, site', 2);
  await withContext(async (ctx) => {
    const parent = options.parent ? await resolveOrg(ctx, options.parent) : null;
    const admin = options.adminEmail ? await findUser(ctx, options.adminEmail) : null;
    const exists = await ctx.database.db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirst();
    if (exists) throw new CliError(`--slug: is already used by another organization`);
    const id = await ctx.database.db.transaction().execute((trx) =>
      createOrganizationIn(ctx, trx, cliActor(), { name, slug, kind, parentId: parent?.id ?? null, timeZone: options.timeZone, adminUserId: admin?.id ?? null }),
    );
    out(`Organization "${name}" created: id ${id}, slug ${slug}${parent ? `, under ${parent.name}` : ''}.`);
  });
}

