/**
 * `custos backup | restore | keys rotate` (A.8.13 information backup; 164.308(a)(7)(ii)(A) data backup
 * plan; A.8.24 key management). Backups never contain the master key: it lives outside the data directory.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { openContext } from '../../server/app.js';
import { evidenceSettings } from '../../server/features/controls/index.js';
import { recordEvent } from '../../server/kernel/audit/record.js';
import { loadKeyring, writeKeyFile } from '../../server/kernel/crypto/keyring.js';
import { addNewActiveKey, retireOldKeys, rewrapAll } from '../../server/kernel/crypto/rotation.js';
import { openSqlite } from '../../server/kernel/db/database.js';
import { createLogger } from '../../server/kernel/logger.js';
import { CliError, cliActor, config, info, out, withContext } from '../support.js';

export async function backup(file: string): Promise<void> {
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw new CliError(`FILE: ${target} already exists; choose a new name`, 2);
  const cfg = config();
  if (cfg.databaseUrl) {
    const result = spawnSync('pg_dump', ['--format=custom', '--no-owner', `--file=${target}`, cfg.databaseUrl], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.error || result.status !== 0) throw new CliError(`backup: pg_dump failed${result.error ? ` (${result.error.message})` : ''}`);
  } else {
    await withContext(async (ctx) => {
      // VACUUM INTO writes a consistent copy in one step, even while the server is writing (STACK.md).
      await sql`vacuum into ${target}`.execute(ctx.database.db);
    });
  }
  out(`Backup written to ${target} (${fs.statSync(target).size} bytes). The master key is not in it: keep the key file in your secret store.`);
  // Evidence files of the disk store live beside the database: copied after the database snapshot (they
  // are encrypted; the key stays out). A file removed in between is missing from the copy and a file
  // added in between is an unused extra: `custos evidence verify` after a restore names any missing one.
  const evidence = evidenceSettings(cfg);
  if (evidence.store === 'disk' && fs.existsSync(evidence.directory)) {
    const evidenceTarget = `${target}.evidence`;
    fs.cpSync(evidence.directory, evidenceTarget, { recursive: true, errorOnExist: true, force: false });
    out(`Evidence files (encrypted) copied to ${evidenceTarget}: keep them with the backup.`);
  }
}

export async function restore(file: string, options: { yes?: boolean }): Promise<void> {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new CliError(`FILE: ${source} does not exist`, 2);
  if (!options.yes) throw new CliError('restore replaces the current database: stop the server, then run again with --yes', 2);
  const cfg = config();
  if (cfg.databaseUrl) {
    const result = spawnSync('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${cfg.databaseUrl}`, source], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.error || result.status !== 0) throw new CliError(`restore: pg_restore failed${result.error ? ` (${result.error.message})` : ''}`);
  } else {
    // Check the backup before touching the live file.
    const check = openSqlite(source, { integrityCheck: true });
    check.close();
    const live = path.join(cfg.dataDir, 'custos.db');
    if (fs.existsSync(live)) {
      const aside = `${live}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(live, aside);
      for (const suffix of ['-wal', '-shm']) if (fs.existsSync(live + suffix)) fs.renameSync(live + suffix, aside + suffix);
      info(`The previous database was kept as ${aside}`);
    }
    fs.mkdirSync(cfg.dataDir, { recursive: true });
    fs.copyFileSync(source, live);
    const fd = fs.openSync(live, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  }
  const evidenceSource = `${source}.evidence`;
  const evidence = evidenceSettings(cfg);
  if (evidence.store === 'disk' && fs.existsSync(evidenceSource)) {
    if (fs.existsSync(evidence.directory)) {
      const aside = `${evidence.directory}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(evidence.directory, aside);
      info(`The previous evidence files were kept in ${aside}`);
    }
    fs.cpSync(evidenceSource, evidence.directory, { recursive: true });
    info(`Evidence files restored from ${evidenceSource}`);
  }
  const ctx = await openContext(cfg, { logger: createLogger('warn') });
  try {
    await ctx.database.db.transaction().execute((trx) => recordEvent(ctx, trx, cliActor(), { type: 'system.restored', organizationId: null, changes: { from: path.basename(source) } }));
  } finally {
    await ctx.database.close();
  }
  out(`Restored from ${source}. Run \`custos audit verify\` to check the audit trail.`);
}

export async function rotateKeys(): Promise<void> {
  const cfg = config();
  const newFromEnv = process.env.CUSTOS_NEW_MASTER_KEY;
  if (cfg.masterKey && !newFromEnv) {
    throw new CliError('keys rotate: the master key comes from CUSTOS_MASTER_KEY; set CUSTOS_NEW_MASTER_KEY to a new base64 key, run again, then replace CUSTOS_MASTER_KEY with it', 2);
  }
  let ring = loadKeyring({ masterKey: cfg.masterKey, keyFile: cfg.keyFile, createIfMissing: false });
  const file = cfg.masterKey ? null : cfg.keyFile;
  const newKey = newFromEnv ? Buffer.from(newFromEnv, 'base64') : undefined;
  if (newKey && newKey.length !== 32) throw new CliError('CUSTOS_NEW_MASTER_KEY: must be 32 bytes, base64-encoded', 2);
  const oldId = ring.activeKeyId;
  ring = addNewActiveKey(ring, newKey, file);
  const ctx = await openContext(cfg, { logger: createLogger('warn'), keyring: ring });
  try {
    const count = await rewrapAll(ctx.database.db, ring);
    await ctx.database.db.transaction().execute((trx) => recordEvent(ctx, trx, cliActor(), { type: 'system.keys_rotated', organizationId: null, changes: { from: oldId, to: ring.activeKeyId, rewrapped: count } }));
    if (file) {
      // Backups made before today were wrapped with the old key: keep it apart, with those backups' secrets.
      const retired = new Map([...ring.keys].filter(([id]) => id !== ring.activeKeyId));
      const retiredFile = `${file}.retired-${oldId}`;
      writeKeyFile(retiredFile, { activeKeyId: oldId, keys: retired, source: retiredFile });
      info(`The retired key is in ${retiredFile}: move it to your secret store with the backups made before now, then delete it here.`);
    }
    retireOldKeys(ring, file);
    out(`Master key rotated: ${oldId} → ${ring.activeKeyId}; ${count} data key(s) re-wrapped. Restart every running node so it loads the new key.`);
    if (!file) out('Now replace CUSTOS_MASTER_KEY with the value of CUSTOS_NEW_MASTER_KEY.');
  } finally {
    await ctx.database.close();
  }
}
