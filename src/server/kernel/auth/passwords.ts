/**
 * Passwords (A.5.17 authentication information; 45 CFR 164.308(a)(5)(ii)(D) password management).
 * argon2id with 46 MiB, t=1, p=1 (OWASP's minimum); policy: at least 12 characters, not one of the
 * ~49,000 most common passwords (zxcvbn-ts list), not the common password with digits/symbols appended,
 * not the user's own e-mail name.
 */
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../shared/contracts/auth.js';

// algorithm 2 = Argon2id (the package's const enum cannot be imported under isolatedModules).
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 47104, timeCost: 1, parallelism: 1 } as const;

const COMMON = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('custos-dummy-password-for-timing');
  return dummyHash;
}

/** Returns the problem with a new password, or null when it meets the policy. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'is one of the most common passwords; choose another';
  const stem = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (stem.length >= 4 && COMMON.has(stem)) return 'is a common password with digits or symbols added; choose another';
  if (/^(.)\1+$/u.test(password)) return 'must not repeat a single character';
  const localPart = context.email?.split('@')[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && lower.includes(localPart)) return 'must not contain your e-mail name';
  return null;
}
