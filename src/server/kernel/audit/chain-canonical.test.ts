/** The fused canonical form of an event's changes equals the reference (redact, then RFC 8785) for any value. */
import canonicalizeModule from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalChanges, chainHash, redact } from './chain.js';
import crypto from 'node:crypto';

const canonicalize = ((canonicalizeModule as unknown as { default?: unknown }).default ?? canonicalizeModule) as (input: unknown) => string | undefined;
const reference = (changes: Record<string, unknown>) => canonicalize(redact(changes));

describe('canonical changes', () => {
  it('equals redact + RFC 8785 for any JSON-like value, secrets and undefined included', () => {
    const key = fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('password', 'apiToken', 'secret', 'codeHash', 'name', 'row', '__proto__', 'b', 'a', '10', '2'));
    const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'binary' }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }),
        fc.date({ noInvalidDate: true }), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(key, tie('value'), { maxKeys: 5 }),
      ),
    })).value;
    fc.assert(fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (changes) => canonicalChanges(changes) === reference(changes)), { numRuns: 3000 });
  });

  it('writes an import event exactly as the reference does', () => {
    const changes = { name: { from: null, to: 'Infusion pump "A" ✓' }, imported: true, fileSha256: 'ab'.repeat(32), row: 2, externalRef: { from: null, to: 'EP-0000001' }, skipped: undefined };
    expect(canonicalChanges(changes)).toBe(reference(changes));
    expect(canonicalChanges({ secretNote: 'x', nested: { password: 'p', list: [1, undefined, 'x'] } })).toBe('{"nested":{"list":[1,null,"x"],"password":"[redacted]"},"secretNote":"[redacted]"}');
  });

  it('hashes the previous hash followed by the canonical event', () => {
    const prev = 'f'.repeat(64);
    expect(chainHash(prev, '{"a":"é"}')).toBe(crypto.createHash('sha256').update(prev).update('{"a":"é"}').digest('hex'));
  });
});
