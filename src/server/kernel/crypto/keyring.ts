/**
 * The master key ring (A.8.24 use of cryptography; 45 CFR 164.312(a)(2)(iv) encryption and decryption).
 * The master key never lives in the data directory or in a backup: HIPAA's encryption safe harbor
 * requires keys kept apart from the data they protect (ADR 0004). It only wraps per-record data keys.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Keyring {
  activeKeyId: string;
  keys: Map<string, Buffer>;
  /** Where the ring came from: a file path, or 'environment'. */
  source: string;
}

interface KeyFile {
  format: 'custos-keyring/1';
  activeKeyId: string;
  keys: Record<string, string>;
}

export function keyIdOf(key: Buffer): string {
  return crypto.createHash('sha256').update(key).digest('hex').slice(0, 12);
}

function decodeKey(encoded: string, what: string): Buffer {
  const key = Buffer.from(encoded.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${what}: must be 32 bytes, base64-encoded (got ${key.length} bytes)`);
  return key;
}

export function generateMasterKey(): Buffer {
  return crypto.randomBytes(32);
}

/** Write atomically with mode 0600: temp file, fsync, rename, fsync the directory. */
export function writeKeyFile(file: string, ring: Keyring): void {
  const body: KeyFile = {
    format: 'custos-keyring/1',
    activeKeyId: ring.activeKeyId,
    keys: Object.fromEntries([...ring.keys].map(([id, key]) => [id, key.toString('base64')])),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(body, null, 2) + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  fs.chmodSync(file, 0o600);
  const dirFd = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dirFd);
  } finally {
    fs.closeSync(dirFd);
  }
}

function readKeyFile(file: string): Keyring {
  const stat = fs.statSync(file);
  if ((stat.mode & 0o077) !== 0) {
    throw new Error(`CUSTOS_KEY_FILE: ${file} is readable by group or others; run chmod 600 on it`);
  }
  let parsed: KeyFile;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  } catch {
    throw new Error(`CUSTOS_KEY_FILE: ${file} is not a Custos key file`);
  }
  if (parsed.format !== 'custos-keyring/1' || !parsed.keys || !parsed.keys[parsed.activeKeyId]) {
    throw new Error(`CUSTOS_KEY_FILE: ${file} is not a Custos key file`);
  }
  const keys = new Map(Object.entries(parsed.keys).map(([id, encoded]) => [id, decodeKey(encoded, 'CUSTOS_KEY_FILE')]));
  return { activeKeyId: parsed.activeKeyId, keys, source: file };
}

export interface LoadKeyringOptions {
  masterKey: string | null;
  keyFile: string;
  /** Create the key file when it does not exist (first start). */
  createIfMissing: boolean;
}

export function loadKeyring(options: LoadKeyringOptions): Keyring {
  if (options.masterKey) {
    const key = decodeKey(options.masterKey, 'CUSTOS_MASTER_KEY');
    const id = keyIdOf(key);
    return { activeKeyId: id, keys: new Map([[id, key]]), source: 'environment' };
  }
  if (fs.existsSync(options.keyFile)) return readKeyFile(options.keyFile);
  if (!options.createIfMissing) {
    throw new Error(`CUSTOS_KEY_FILE: ${options.keyFile} does not exist; run custos init or set CUSTOS_MASTER_KEY`);
  }
  const key = generateMasterKey();
  const ring: Keyring = { activeKeyId: keyIdOf(key), keys: new Map([[keyIdOf(key), key]]), source: options.keyFile };
  writeKeyFile(options.keyFile, ring);
  return ring;
}
