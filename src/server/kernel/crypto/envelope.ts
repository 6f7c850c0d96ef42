/**
 * Envelope encryption for sensitive fields and files (A.8.24; 45 CFR 164.312(a)(2)(iv), 164.312(e)(2)(ii)).
 * AES-256-GCM with a fresh data key per record and a random 96-bit nonce; the data key is wrapped by
 * the master key, whose id travels in the ciphertext. The caller's context (e.g. `users.totp_secret:<id>`)
 * is bound as additional authenticated data, so a ciphertext moved to another row fails to decrypt.
 *
 * Format: `cx1.<keyId>.<wrapped data key>.<payload>`, both base64url of nonce ‖ ciphertext ‖ tag.
 */
import crypto from 'node:crypto';
import type { Keyring } from './keyring.js';

const PREFIX = 'cx1';

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

function open(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (sealed.length < 28) throw new Error('encryption: ciphertext is truncated');
  const nonce = sealed.subarray(0, 12);
  const tag = sealed.subarray(sealed.length - 16);
  const body = sealed.subarray(12, sealed.length - 16);
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

export function isEnvelope(value: string): boolean {
  return value.startsWith(`${PREFIX}.`);
}

export function encryptBytes(ring: Keyring, plaintext: Buffer, context: string): string {
  const masterKey = ring.keys.get(ring.activeKeyId);
  if (!masterKey) throw new Error('encryption: the active master key is missing from the key ring');
  const dataKey = crypto.randomBytes(32);
  const wrapped = seal(masterKey, dataKey, Buffer.from(`${PREFIX}:wrap:${ring.activeKeyId}`));
  const payload = seal(dataKey, plaintext, Buffer.from(context));
  dataKey.fill(0);
  return [PREFIX, ring.activeKeyId, wrapped.toString('base64url'), payload.toString('base64url')].join('.');
}

function parse(envelope: string): { keyId: string; wrapped: Buffer; payload: Buffer } {
  const parts = envelope.split('.');
  if (parts.length !== 4 || parts[0] !== PREFIX) throw new Error('encryption: not a Custos ciphertext');
  return { keyId: parts[1]!, wrapped: Buffer.from(parts[2]!, 'base64url'), payload: Buffer.from(parts[3]!, 'base64url') };
}

function unwrap(ring: Keyring, keyId: string, wrapped: Buffer): Buffer {
  const masterKey = ring.keys.get(keyId);
  if (!masterKey) throw new Error(`encryption: master key ${keyId} is not in the key ring`);
  return open(masterKey, wrapped, Buffer.from(`${PREFIX}:wrap:${keyId}`));
}

export function decryptBytes(ring: Keyring, envelope: string, context: string): Buffer {
  const { keyId, wrapped, payload } = parse(envelope);
  const dataKey = unwrap(ring, keyId, wrapped);
  try {
    return open(dataKey, payload, Buffer.from(context));
  } finally {
    dataKey.fill(0);
  }
}

export function encryptString(ring: Keyring, plaintext: string, context: string): string {
  return encryptBytes(ring, Buffer.from(plaintext, 'utf8'), context);
}

export function decryptString(ring: Keyring, envelope: string, context: string): string {
  return decryptBytes(ring, envelope, context).toString('utf8');
}

/** Re-wrap the data key under the ring's active master key; the payload is untouched. */
export function rewrap(ring: Keyring, envelope: string): string {
  const { keyId, wrapped, payload } = parse(envelope);
  if (keyId === ring.activeKeyId) return envelope;
  const dataKey = unwrap(ring, keyId, wrapped);
  const masterKey = ring.keys.get(ring.activeKeyId)!;
  const rewrapped = seal(masterKey, dataKey, Buffer.from(`${PREFIX}:wrap:${ring.activeKeyId}`));
  dataKey.fill(0);
  return [PREFIX, ring.activeKeyId, rewrapped.toString('base64url'), payload.toString('base64url')].join('.');
}

/** The key id a ciphertext was wrapped with. */
export function keyIdOfEnvelope(envelope: string): string {
  return parse(envelope).keyId;
}
