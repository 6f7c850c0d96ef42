/**
 * Configuration from the environment. Nothing is required to start: every value has a safe default.
 * (A.8.9 configuration management: defaults are the secure choice; see README for each variable.)
 */
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL URL; when absent the embedded SQLite file `<dataDir>/custos.db` is used. */
  databaseUrl: string | null;
  /** Master key file (outside the data directory). Ignored when `masterKey` is set. */
  keyFile: string;
  /** Base64 master key from CUSTOS_MASTER_KEY, for deployments that inject secrets. */
  masterKey: string | null;
  tlsCert: string | null;
  tlsKey: string | null;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  logLevel: string;
  /** Body size limit for JSON requests, in bytes. */
  bodyLimit: number;
  /** Body size limit for file imports (e.g. the asset register as CSV/XLSX), in bytes; from CUSTOS_IMPORT_LIMIT_MB. */
  importLimitBytes: number;
  /** Trust X-Forwarded-* from these proxies (comma-separated addresses), or none. */
  trustProxy: string | false;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name}: must be a positive integer`);
  return value;
}

/** The default key file sits beside the data directory, never inside it, so backups of it never hold the key. */
export function defaultKeyFile(dataDir: string): string {
  const resolved = path.resolve(dataDir);
  return path.join(path.dirname(resolved), `${path.basename(resolved)}.key`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.CUSTOS_DATA_DIR || './data');
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL: must be a postgres:// URL');
  }
  const keyFile = path.resolve(env.CUSTOS_KEY_FILE || defaultKeyFile(dataDir));
  if (keyFile.startsWith(dataDir + path.sep)) {
    throw new Error('CUSTOS_KEY_FILE: must not be inside the data directory (backups would contain the key)');
  }
  const tlsCert = env.CUSTOS_TLS_CERT || null;
  const tlsKey = env.CUSTOS_TLS_KEY || null;
  if (Boolean(tlsCert) !== Boolean(tlsKey)) throw new Error('CUSTOS_TLS_CERT: and CUSTOS_TLS_KEY must be set together');
  return {
    port: intFrom(env, 'PORT', 8080),
    host: env.HOST || '127.0.0.1',
    dataDir,
    databaseUrl,
    keyFile,
    masterKey: env.CUSTOS_MASTER_KEY || null,
    tlsCert,
    tlsKey,
    sessionIdleMinutes: intFrom(env, 'CUSTOS_SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: intFrom(env, 'CUSTOS_SESSION_ABSOLUTE_HOURS', 12),
    logLevel: env.LOG_LEVEL || 'info',
    bodyLimit: intFrom(env, 'CUSTOS_BODY_LIMIT', 1024 * 1024),
    importLimitBytes: intFrom(env, 'CUSTOS_IMPORT_LIMIT_MB', 32) * 1024 * 1024,
    trustProxy: env.CUSTOS_TRUST_PROXY ? env.CUSTOS_TRUST_PROXY : false,
  };
}
