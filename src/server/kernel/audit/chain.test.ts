import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/test-app.js';
import { dropAppendOnlyTriggers, tamper, type Tampering } from '../../testing/tamper.js';
import { testEngine } from '../../testing/test-db.js';
import type { AppContext } from '../context.js';
import { appendAuditEvent, canonicalEvent, chainHash, GENESIS_HASH, redact, verifyChain, type AuditActor } from './chain.js';

const actor: AuditActor = { userId: null, label: 'tester@example.org', authMethod: 'system', ip: '127.0.0.1', requestId: 'req-1' };
const ORG = '5b0f2a3e-7c1d-4e5f-8a9b-0c1d2e3f4a5b';

async function appendMany(ctx: AppContext, n: number, chain = ORG): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    await ctx.database.db.transaction().execute((trx) =>
      appendAuditEvent(trx, actor, { type: 'org.updated', organizationId: chain, subjectType: 'organization', subjectId: chain, changes: { name: { from: `Old ${i}`, to: `New ${i}` }, n: i, flag: i % 2 === 0, nested: { list: [1, 'two', null] } } }),
    );
  }
}

describe('audit hash chain', () => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    const made = await createTestContext({ poolSize: 12 });
    ctx = made.ctx;
    drop = made.testDb.drop;
  });
  afterEach(() => drop());

  it('links each event to the one before it with SHA-256 over JCS', async () => {
    await appendMany(ctx, 3);
    const rows = await ctx.database.db.selectFrom('audit_events').selectAll().where('chain_id', '=', ORG).orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (const [i, row] of rows.entries()) {
      const { hash, prev_hash, ...content } = row;
      expect(prev_hash).toBe(i === 0 ? GENESIS_HASH : rows[i - 1]!.hash);
      expect(hash).toBe(chainHash(prev_hash, canonicalEvent(content)));
    }
    // JCS sorts keys: the canonical form does not depend on insertion order.
    expect(canonicalEvent({ ...rows[0]!, changes: '{"b":1,"a":2}' })).toContain('"changes":{"a":2,"b":1}');
  });

  it('verifies an intact chain', async () => {
    await appendMany(ctx, 5);
    const result = await verifyChain(ctx.database.db, ORG);
    expect(result).toMatchObject({ ok: true, checked: 5, headSeq: 5, broken: null });
  });

  it('verifies in batches across batch boundaries', async () => {
    await appendMany(ctx, 7);
    expect(await verifyChain(ctx.database.db, ORG, { batchSize: 3 })).toMatchObject({ ok: true, checked: 7 });
  });

  it('refuses UPDATE and DELETE on audit_events at the database', async () => {
    await appendMany(ctx, 1);
    await expect(sql`update audit_events set actor_label = 'x'`.execute(ctx.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events`.execute(ctx.database.db)).rejects.toThrow(/append-only/);
  });

  const cases: [Tampering, RegExp][] = [
    ['update', /edited/],
    ['delete', /missing|previous-hash/],
    ['insert', /edited|previous-hash/],
    ['swap', /previous-hash/],
  ];
  for (const [kind, reason] of cases) {
    it(`names the first broken event after a direct-SQL ${kind}`, async () => {
      await appendMany(ctx, 6);
      const brokenId = await tamper(ctx.database.db, ORG, kind, 3);
      const result = await verifyChain(ctx.database.db, ORG);
      expect(result.ok).toBe(false);
      expect(result.broken?.seq).toBe(3);
      expect(result.broken?.eventId).toBe(brokenId);
      expect(result.broken?.reason).toMatch(reason);
    });
  }

  it('catches events deleted from the end through the chain head', async () => {
    await appendMany(ctx, 4);
    await dropAppendOnlyTriggers(ctx.database.db);
    await ctx.database.db.deleteFrom('audit_events').where('seq', '=', 4).execute();
    const result = await verifyChain(ctx.database.db, ORG);
    expect(result.ok).toBe(false);
    expect(result.broken?.seq).toBe(4);
    expect(result.broken?.reason).toMatch(/deleted from the end/);
  });

  it('catches a rewritten chain with an exported anchor', async () => {
    await appendMany(ctx, 3);
    const head = await verifyChain(ctx.database.db, ORG);
    const anchor = { seq: head.headSeq, hash: head.headHash };
    expect((await verifyChain(ctx.database.db, ORG, { anchor })).ok).toBe(true);
    expect((await verifyChain(ctx.database.db, ORG, { anchor: { seq: 2, hash: 'a'.repeat(64) } })).broken?.reason).toMatch(/anchor/);
  });

  it('keeps one unforked chain under concurrent writers', async () => {
    const writers = 24;
    await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        ctx.database.db.transaction().execute(async (trx) => {
          await appendAuditEvent(trx, actor, { type: 'org.updated', organizationId: ORG, changes: { writer: i } });
          await appendAuditEvent(trx, actor, { type: 'org.updated', organizationId: ORG, changes: { writer: i, second: true } });
        }),
      ),
    );
    const result = await verifyChain(ctx.database.db, ORG);
    expect(result).toMatchObject({ ok: true, checked: writers * 2, headSeq: writers * 2 });
    const seqs = (await ctx.database.db.selectFrom('audit_events').select('seq').where('chain_id', '=', ORG).execute()).map((r) => Number(r.seq)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: writers * 2 }, (_, i) => i + 1));
    if (testEngine() === 'postgres') expect(ctx.database.engine).toBe('postgres');
  });

  it('keeps chains of different organizations independent', async () => {
    const other = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
    await appendMany(ctx, 2);
    await appendMany(ctx, 3, other);
    expect((await verifyChain(ctx.database.db, ORG)).checked).toBe(2);
    expect((await verifyChain(ctx.database.db, other)).checked).toBe(3);
  });

  it('redacts secrets before they are hashed and stored', () => {
    expect(redact({ password: 'x', newPassword: 'y', totpSecret: 's', token: 't', name: 'n', nested: { apiToken: 'z' } })).toEqual({ password: '[redacted]', newPassword: '[redacted]', totpSecret: '[redacted]', token: '[redacted]', name: 'n', nested: { apiToken: '[redacted]' } });
  });
});

describe('batch append', () => {
  it('appends many events under one lock and the chain still verifies', async () => {
    const { ctx, testDb } = await createTestContext();
    try {
      const { appendAuditEvents } = await import('./chain.js');
      await appendMany(ctx, 2);
      await ctx.database.db.transaction().execute((trx) =>
        appendAuditEvents(trx, actor, ORG, Array.from({ length: 1200 }, (_, i) => ({ type: 'org.updated' as const, subjectType: 'organization', subjectId: ORG, changes: { i } }))),
      );
      await appendMany(ctx, 1);
      expect(await verifyChain(ctx.database.db, ORG)).toMatchObject({ ok: true, checked: 1203, headSeq: 1203 });
    } finally {
      await testDb.drop();
    }
  });
});

describe('canonical form', () => {
  it('the fast canonical form equals RFC 8785 over the whole event, for any event', async () => {
    const fc = (await import('fast-check')).default;
    const { canonicalEventReference } = await import('./chain.js');
    const text = fc.option(fc.string({ unit: 'binary', maxLength: 40 }), { nil: null });
    const json: import('fast-check').Arbitrary<unknown> = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.string({ unit: 'binary' }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.string({ unit: 'binary', maxLength: 8 }), tie('value'), { maxKeys: 4 })),
    })).value;
    fc.assert(
      fc.property(fc.uuid(), fc.string({ maxLength: 40 }), fc.nat(), text, text, fc.string({ unit: 'binary', maxLength: 40 }), text, text, text, fc.option(json, { nil: null }), (id, chain, seq, org, actor, label, ip, subjectType, subjectId, changes) => {
        const row = { id, chain_id: chain, seq, occurred_at: '2026-11-28T10:00:00.000Z', organization_id: org, actor_user_id: actor, actor_label: label, auth_method: 'password', ip, request_id: null, type: 'org.updated', subject_type: subjectType, subject_id: subjectId, changes: changes === null ? null : JSON.stringify(changes) };
        return canonicalEvent(row) === canonicalEventReference(row);
      }),
      { numRuns: 500 },
    );
  });
});

describe('verification against a live server', () => {
  it('does not report appends made while it walks the chain', async () => {
    const { ctx, testDb } = await createTestContext();
    try {
      await appendMany(ctx, 30);
      const verifying = verifyChain(ctx.database.db, ORG, { batchSize: 5 });
      await appendMany(ctx, 5);
      const result = await verifying;
      expect(result.ok).toBe(true);
      expect((await verifyChain(ctx.database.db, ORG)).checked).toBe(35);
    } finally {
      await testDb.drop();
    }
  });

  it('reports a deleted chain head', async () => {
    const { ctx, testDb } = await createTestContext();
    try {
      await appendMany(ctx, 2);
      await ctx.database.db.deleteFrom('audit_chain_heads').execute();
      expect((await verifyChain(ctx.database.db, ORG)).broken?.reason).toMatch(/head is missing/);
    } finally {
      await testDb.drop();
    }
  });
});
