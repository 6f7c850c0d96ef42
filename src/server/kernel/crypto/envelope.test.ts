import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decryptString, encryptString, isEnvelope, keyIdOfEnvelope, rewrap } from './envelope.js';
import { generateMasterKey, keyIdOf, loadKeyring, type Keyring } from './keyring.js';
import { addNewActiveKey, retireOldKeys } from './rotation.js';

function ring(): Keyring {
  const key = generateMasterKey();
  return { activeKeyId: keyIdOf(key), keys: new Map([[keyIdOf(key), key]]), source: 'test' };
}

describe('envelope encryption', () => {
  it('round-trips and never contains the plaintext', () => {
    const r = ring();
    const envelope = encryptString(r, 'JBSWY3DPEHPK3PXPJBSWY3DP', 'users.totp_secret:1');
    expect(isEnvelope(envelope)).toBe(true);
    expect(envelope).not.toContain('JBSWY3DP');
    expect(keyIdOfEnvelope(envelope)).toBe(r.activeKeyId);
    expect(decryptString(r, envelope, 'users.totp_secret:1')).toBe('JBSWY3DPEHPK3PXPJBSWY3DP');
  });

  it('uses a fresh data key and nonce each time', () => {
    const r = ring();
    expect(encryptString(r, 'same', 'ctx')).not.toBe(encryptString(r, 'same', 'ctx'));
  });

  it('refuses a ciphertext moved to another record (context is authenticated)', () => {
    const r = ring();
    const envelope = encryptString(r, 'secret', 'users.totp_secret:1');
    expect(() => decryptString(r, envelope, 'users.totp_secret:2')).toThrow();
  });

  it('refuses a tampered ciphertext', () => {
    const r = ring();
    const envelope = encryptString(r, 'secret', 'ctx');
    const parts = envelope.split('.');
    const payload = Buffer.from(parts[3]!, 'base64url');
    payload[14] = payload[14]! ^ 0xff;
    parts[3] = payload.toString('base64url');
    expect(() => decryptString(r, parts.join('.'), 'ctx')).toThrow();
  });

  it('refuses to decrypt with another master key', () => {
    const envelope = encryptString(ring(), 'secret', 'ctx');
    expect(() => decryptString(ring(), envelope, 'ctx')).toThrow(/not in the key ring/);
  });

  it('re-wraps the data key under a new master key without touching the payload', () => {
    const old = ring();
    const envelope = encryptString(old, 'secret', 'ctx');
    const rotated = addNewActiveKey(old, generateMasterKey(), null);
    const rewrapped = rewrap(rotated, envelope);
    expect(keyIdOfEnvelope(rewrapped)).toBe(rotated.activeKeyId);
    expect(rewrapped.split('.')[3]).toBe(envelope.split('.')[3]);
    const retired = retireOldKeys(rotated, null);
    expect(retired.keys.has(old.activeKeyId)).toBe(false);
    expect(decryptString(retired, rewrapped, 'ctx')).toBe('secret');
  });
});

describe('key file', () => {
  it('is created at first start with mode 0600 and read back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-key-'));
    try {
      const file = path.join(dir, 'data.key');
      const created = loadKeyring({ masterKey: null, keyFile: file, createIfMissing: true });
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const again = loadKeyring({ masterKey: null, keyFile: file, createIfMissing: false });
      expect(again.activeKeyId).toBe(created.activeKeyId);
      fs.chmodSync(file, 0o644);
      expect(() => loadKeyring({ masterKey: null, keyFile: file, createIfMissing: false })).toThrow(/chmod 600/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts CUSTOS_MASTER_KEY and rejects a key of the wrong size', () => {
    const key = generateMasterKey().toString('base64');
    expect(loadKeyring({ masterKey: key, keyFile: '/nonexistent', createIfMissing: false }).source).toBe('environment');
    expect(() => loadKeyring({ masterKey: 'c2hvcnQ=', keyFile: '/nonexistent', createIfMissing: false })).toThrow(/32 bytes/);
  });
});

describe('ids', () => {
  it('are RFC 9562 version-7 UUIDs that increase within a process', async () => {
    const { newId } = await import('./tokens.js');
    const { z } = await import('zod');
    const ids = Array.from({ length: 5000 }, () => newId());
    for (const id of ids.slice(0, 50)) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(z.uuid().safeParse(id).success).toBe(true);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Number.parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16)).toBeCloseTo(Date.now(), -4);
  });
});
