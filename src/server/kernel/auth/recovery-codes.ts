/** One-time recovery codes for a lost authenticator: 10 codes of 80 bits each, stored as SHA-256. */
import crypto from 'node:crypto';
import type { Trx } from '../audit/record.js';
import { newId, sha256Hex } from '../crypto/tokens.js';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function hashRecoveryCode(code: string): string {
  return sha256Hex(`custos-recovery:${normaliseRecoveryCode(code)}`);
}

function oneCode(): string {
  let raw = '';
  while (raw.length < 16) {
    const byte = crypto.randomBytes(1)[0]!;
    if (byte < ALPHABET.length * Math.floor(256 / ALPHABET.length)) raw += ALPHABET[byte % ALPHABET.length];
  }
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12, 16)}`;
}

/** Replace the user's recovery codes; returns the new codes (shown once). */
export async function replaceRecoveryCodes(trx: Trx, userId: string, now: Date): Promise<string[]> {
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  const codes = Array.from({ length: 10 }, oneCode);
  await trx
    .insertInto('recovery_codes')
    .values(codes.map((code) => ({ id: newId(), user_id: userId, code_hash: hashRecoveryCode(code), used_at: null, created_at: now.toISOString() })))
    .execute();
  return codes;
}
