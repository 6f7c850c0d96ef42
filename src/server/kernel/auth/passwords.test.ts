import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

describe('password policy', () => {
  it('requires at least 12 characters', () => {
    expect(passwordProblem('Sh0rt!pass')).toMatch(/at least 12/);
  });
  it('rejects the most common passwords, also with digits or symbols appended', () => {
    expect(passwordProblem('qwerty123456')).toMatch(/common/);
    expect(passwordProblem('password12345!')).toMatch(/common/);
    expect(passwordProblem('Sunshine2026!!')).toMatch(/common/);
  });
  it('rejects the e-mail name and single repeated characters', () => {
    expect(passwordProblem('aaaaaaaaaaaaaa')).toMatch(/repeat/);
    expect(passwordProblem('jane.doe-rocks-2026', { email: 'jane.doe@hospital.org' })).toMatch(/e-mail/);
  });
  it('accepts a long passphrase', () => {
    expect(passwordProblem('ward seven coffee lantern')).toBeNull();
  });
});

describe('argon2id hashing', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('ward seven coffee lantern');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=47104,t=1,p=1\$/);
    expect(await verifyPassword(hash, 'ward seven coffee lantern')).toBe(true);
    expect(await verifyPassword(hash, 'ward seven coffee lantern!')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});
