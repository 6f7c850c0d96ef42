import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addNewActiveKey, retireOldKeys, rewrapAll } from '../../kernel/crypto/rotation.js';
import { buildMember, buildOrganization, buildSession, type Credentials } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testEngine } from '../../testing/test-db.js';
import { controlDb } from './control.repository.js';
import { DiskEvidenceStore, evidenceSettings } from './evidence-store.js';
import { verifyOrganizationEvidence } from './evidence.service.js';

const MARKER = 'PATIENT-MARKER-7f3a9c';
const PDF = Buffer.from(`%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% ${MARKER} risk analysis 2026\n%%EOF\n`);

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('evidence API', () => {
  let t: TestApp;
  let orgId: string;
  let controlId: string;
  let manager: Credentials;
  let auditor: Credentials;
  const url = (p = '') => `/api/v1/orgs/${orgId}/controls/${controlId}${p}`;
  const upload = (body: Buffer, options: { type?: string; query?: string; headers?: Record<string, string> } = {}) =>
    t.app.inject({ method: 'POST', url: url(`/evidence/file?fileName=${encodeURIComponent('risk analysis.pdf')}${options.query ?? ''}`), headers: { ...(options.headers ?? manager.mutationHeaders), 'content-type': options.type ?? 'application/pdf' }, payload: body });
  const download = (evidenceId: string) => t.app.inject({ method: 'GET', url: url(`/evidence/${evidenceId}/download`), headers: auditor.headers });
  const evidenceDir = () => evidenceSettings(t.ctx.config).directory;

  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await buildOrganization(t.ctx, { name: 'Evidence Test Hospital' })).id;
    manager = await buildSession(t.ctx, (await buildMember(t.ctx, orgId, 'isms_manager')).id);
    auditor = await buildSession(t.ctx, (await buildMember(t.ctx, orgId, 'auditor')).id);
    const control = await request(t.app, 'POST', `/api/v1/orgs/${orgId}/controls`, { headers: manager.mutationHeaders, body: { name: 'Risk analysis', category: 'organizational' } });
    controlId = control.body.id;
  });
  afterEach(() => {
    delete process.env.CUSTOS_EVIDENCE_STORE;
    delete process.env.CUSTOS_EVIDENCE_LIMIT_MB;
  });
  afterAll(() => t.close());

  describe.each(['disk', 'database'] as const)('%s store', (store) => {
    it('stores only ciphertext, records the hash and serves the verified file', async () => {
      process.env.CUSTOS_EVIDENCE_STORE = store;
      const response = await upload(PDF, { query: '&title=Risk%20analysis%202026&expiresOn=2999-12-31' });
      expect(response.statusCode, response.body).toBe(201);
      const evidence = response.json();
      expect(evidence).toMatchObject({ kind: 'file', title: 'Risk analysis 2026', fileName: 'risk analysis.pdf', contentType: 'application/pdf', sizeBytes: PDF.length, sha256: crypto.createHash('sha256').update(PDF).digest('hex'), expired: false });

      const row = await controlDb(t.ctx.database.db).selectFrom('evidence').selectAll().where('id', '=', evidence.id).executeTakeFirstOrThrow();
      expect(row.store).toBe(store);
      expect(row.data_key).toMatch(/^cx1\.[0-9a-f]{12}\.[A-Za-z0-9_-]+\.$/);
      // The raw bytes at rest never contain the plaintext, in whichever store holds them.
      if (store === 'disk') {
        const file = new DiskEvidenceStore(evidenceDir()).pathOf(row.storage_key!);
        const raw = fs.readFileSync(file);
        expect(raw.length).toBeGreaterThan(PDF.length);
        expect(raw.includes(MARKER)).toBe(false);
        expect(raw.includes('%PDF')).toBe(false);
        expect(fs.statSync(file).mode & 0o077).toBe(0);
      } else {
        const blob = await controlDb(t.ctx.database.db).selectFrom('evidence_blobs').selectAll().where('storage_key', '=', row.storage_key!).executeTakeFirstOrThrow();
        expect(blob.content.includes(MARKER)).toBe(false);
        expect(Buffer.from(blob.content, 'base64').includes(MARKER)).toBe(false);
        expect(filesUnder(path.join(evidenceDir(), orgId)).some((f) => f.endsWith(evidence.id))).toBe(false);
      }

      const served = await download(evidence.id);
      expect(served.statusCode).toBe(200);
      expect(served.rawPayload.equals(PDF)).toBe(true);
      expect(served.headers['content-disposition']).toBe(`attachment; filename="risk analysis.pdf"; filename*=UTF-8''risk%20analysis.pdf`);
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      expect(served.headers['x-content-sha256']).toBe(evidence.sha256);

      const added = await t.ctx.database.db.selectFrom('audit_events').select('changes').where('type', '=', 'evidence.added').where('subject_id', '=', controlId).execute();
      expect(added.some((e) => JSON.parse(e.changes!).evidenceId === evidence.id)).toBe(true);
    });

    it('refuses to serve a tampered file and reports it in the integrity check', async () => {
      process.env.CUSTOS_EVIDENCE_STORE = store;
      const evidence = (await upload(PDF)).json();
      const row = await controlDb(t.ctx.database.db).selectFrom('evidence').selectAll().where('id', '=', evidence.id).executeTakeFirstOrThrow();
      if (store === 'disk') {
        const file = new DiskEvidenceStore(evidenceDir()).pathOf(row.storage_key!);
        const raw = fs.readFileSync(file);
        raw[20] = raw[20]! ^ 0xff;
        fs.writeFileSync(file, raw);
      } else {
        const blob = await controlDb(t.ctx.database.db).selectFrom('evidence_blobs').select('content').where('storage_key', '=', row.storage_key!).executeTakeFirstOrThrow();
        const raw = Buffer.from(blob.content, 'base64');
        raw[20] = raw[20]! ^ 0xff;
        await controlDb(t.ctx.database.db).updateTable('evidence_blobs').set({ content: raw.toString('base64') }).where('storage_key', '=', row.storage_key!).execute();
      }
      const served = await download(evidence.id);
      expect(served.statusCode).toBe(500);
      expect(served.headers['content-type']).toMatch(/application\/json/);
      expect(served.json().error.message).toMatch(/^evidence: the stored file failed its integrity check/);
      expect(served.rawPayload.includes(MARKER)).toBe(false);
      const report = await verifyOrganizationEvidence(t.ctx, orgId);
      expect(report.problems.map((p) => p.evidenceId)).toContain(evidence.id);
      const viaApi = await request(t.app, 'GET', `/api/v1/orgs/${orgId}/controls/evidence-integrity`, { headers: auditor.headers });
      expect(viaApi.status).toBe(200);
      expect(viaApi.body.problems).toContainEqual(expect.objectContaining({ evidenceId: evidence.id, fileName: 'risk analysis.pdf' }));
      await request(t.app, 'DELETE', url(`/evidence/${evidence.id}`), { headers: manager.mutationHeaders });
    });

    it('removes evidence and deletes its stored file after the commit', async () => {
      process.env.CUSTOS_EVIDENCE_STORE = store;
      const evidence = (await upload(PDF)).json();
      const row = await controlDb(t.ctx.database.db).selectFrom('evidence').selectAll().where('id', '=', evidence.id).executeTakeFirstOrThrow();
      const removed = await request(t.app, 'DELETE', url(`/evidence/${evidence.id}`), { headers: manager.mutationHeaders });
      expect(removed.body).toEqual({ ok: true });
      if (store === 'disk') expect(fs.existsSync(new DiskEvidenceStore(evidenceDir()).pathOf(row.storage_key!))).toBe(false);
      else expect(await controlDb(t.ctx.database.db).selectFrom('evidence_blobs').select('storage_key').where('storage_key', '=', row.storage_key!).executeTakeFirst()).toBeUndefined();
      expect((await download(evidence.id)).statusCode).toBe(404);
      const events = await t.ctx.database.db.selectFrom('audit_events').select('changes').where('type', '=', 'evidence.removed').where('subject_id', '=', controlId).execute();
      expect(events.some((e) => JSON.parse(e.changes!).evidenceId === evidence.id)).toBe(true);
    });
  });

  it.each(['disk', 'database'] as const)('removes the stored ciphertext when the row cannot be committed (%s store)', async (store) => {
    process.env.CUSTOS_EVIDENCE_STORE = store;
    const db = t.ctx.database.db;
    const countBlobs = async () => (await controlDb(db).selectFrom('evidence_blobs').select('storage_key').where('organization_id', '=', orgId).execute()).length;
    const filesBefore = filesUnder(path.join(evidenceDir(), orgId)).length;
    const blobsBefore = await countBlobs();
    // Make the insert of the evidence row fail inside its transaction, after the file was written.
    if (testEngine() === 'sqlite') await sql`create trigger refuse_evidence before insert on evidence begin select raise(abort, 'refused by test'); end`.execute(db);
    else {
      await sql`create function refuse_evidence() returns trigger language plpgsql as $$ begin raise exception 'refused by test'; end $$`.execute(db);
      await sql`create trigger refuse_evidence before insert on evidence for each row execute function refuse_evidence()`.execute(db);
    }
    try {
      const response = await upload(PDF);
      expect(response.statusCode).toBeGreaterThanOrEqual(500);
    } finally {
      if (testEngine() === 'sqlite') await sql`drop trigger refuse_evidence`.execute(db);
      else {
        await sql`drop trigger refuse_evidence on evidence`.execute(db);
        await sql`drop function refuse_evidence()`.execute(db);
      }
    }
    expect(filesUnder(path.join(evidenceDir(), orgId)).length).toBe(filesBefore);
    expect(await countBlobs()).toBe(blobsBefore);
    const events = await db.selectFrom('audit_events').select('id').where('type', '=', 'evidence.added').where('subject_id', '=', controlId).execute();
    expect((await upload(PDF)).statusCode).toBe(201);
    expect((await db.selectFrom('audit_events').select('id').where('type', '=', 'evidence.added').where('subject_id', '=', controlId).execute()).length).toBe(events.length + 1);
  });

  it('refuses a file over the size limit with 413', async () => {
    process.env.CUSTOS_EVIDENCE_LIMIT_MB = '0.001';
    // The limit is read when the route is registered: a fresh app sees the small one.
    const small = await createTestApp();
    try {
      const org = await buildOrganization(small.ctx);
      const admin = await buildSession(small.ctx, (await buildMember(small.ctx, org.id, 'admin')).id);
      const control = await request(small.app, 'POST', `/api/v1/orgs/${org.id}/controls`, { headers: admin.mutationHeaders, body: { name: 'X', category: 'people' } });
      const response = await small.app.inject({ method: 'POST', url: `/api/v1/orgs/${org.id}/controls/${control.body.id}/evidence/file?fileName=big.pdf`, headers: { ...admin.mutationHeaders, 'content-type': 'application/pdf' }, payload: Buffer.concat([PDF, Buffer.alloc(4096, 0x20)]) });
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe('payload_too_large');
    } finally {
      await small.close();
    }
  });

  it('refuses executables, HTML, SVG and a type that disagrees with the content, with 415 naming the detected type', async () => {
    const cases: [Buffer, string, RegExp][] = [
      [Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]), 'application/octet-stream', /detected content is Windows executable/],
      [Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), 'application/pdf', /detected content is ELF executable/],
      [Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), 'text/plain', /detected content is HTML document/],
      [Buffer.from(`${'a'.repeat(5000)}<script>alert(1)</script>`), 'text/plain', /detected content is HTML document \(<script> tag\)/],
      [Buffer.from('<img src=x onerror=alert(1)>'), 'text/plain', /detected content is HTML document \(<img> tag\)/],
      [Buffer.from('notes\n<p onmouseover=alert(1)>x</p>'), 'text/markdown', /detected content is HTML document \(onmouseover= event handler\)/],
      [Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/svg+xml', /detected content is SVG image/],
      [Buffer.from('#!/bin/sh\nrm -rf /\n'), 'text/plain', /detected content is script/],
      [PDF, 'image/png', /declared content type image\/png does not match the detected content \(PDF, application\/pdf\)/],
      [Buffer.from('not json at all'), 'application/json', /not valid JSON/],
    ];
    const count = async () => (await controlDb(t.ctx.database.db).selectFrom('evidence').select('id').where('control_id', '=', controlId).execute()).length;
    const before = await count();
    for (const [body, type, message] of cases) {
      const response = await upload(body, { type });
      expect(response.statusCode, `${type}: ${response.body}`).toBe(415);
      expect(response.json().error.message).toMatch(message);
    }
    expect(await count()).toBe(before);
  });

  it('accepts CSV declared as text/csv and octet-stream PNG by sniffing', async () => {
    const csv = await upload(Buffer.from('date,reviewer\n2026-11-01,J. Smith\n'), { type: 'text/csv' });
    expect(csv.statusCode, csv.body).toBe(201);
    expect(csv.json().contentType).toBe('text/csv');
    const png = await upload(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]), { type: 'application/octet-stream' });
    expect(png.json().contentType).toBe('image/png');
  });

  it('accepts Markdown and log files as browsers declare them, and text with a "<", and serves them as plain-text attachments', async () => {
    const notes = Buffer.from('# Backup restore test\n\n- RTO < 4 h: met\n- dose limit <5 mg noted\n');
    for (const type of ['text/markdown', 'text/x-log']) {
      const response = await upload(notes, { type });
      expect(response.statusCode, `${type}: ${response.body}`).toBe(201);
      expect(response.json().contentType).toBe('text/plain');
      const served = await download(response.json().id);
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toMatch(/^text\/plain/);
      expect(served.headers['content-disposition']).toMatch(/^attachment; /);
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      expect(served.rawPayload.equals(notes)).toBe(true);
    }
  });

  it('serves the evidence of an inherited group control to its sites, and nothing of the group\'s own controls', async () => {
    const group = await buildOrganization(t.ctx, { name: 'Evidence Group', kind: 'group' });
    const site = await buildOrganization(t.ctx, { name: 'Evidence Clinic', kind: 'clinic', parentId: group.id });
    const groupAdmin = await buildSession(t.ctx, (await buildMember(t.ctx, group.id, 'admin')).id);
    const siteAuditor = await buildSession(t.ctx, (await buildMember(t.ctx, site.id, 'auditor')).id);
    const controlOf = async (body: Record<string, unknown>) => (await request(t.app, 'POST', `/api/v1/orgs/${group.id}/controls`, { headers: groupAdmin.mutationHeaders, body: { category: 'organizational', ...body } })).body.id as string;
    const shared = await controlOf({ name: 'Shared policy', inheritable: true });
    const own = await controlOf({ name: 'Group only' });
    const uploadTo = async (id: string) => (await t.app.inject({ method: 'POST', url: `/api/v1/orgs/${group.id}/controls/${id}/evidence/file?fileName=policy.pdf`, headers: { ...groupAdmin.mutationHeaders, 'content-type': 'application/pdf' }, payload: PDF })).json().id as string;
    const sharedEvidence = await uploadTo(shared);
    const ownEvidence = await uploadTo(own);
    const fromSite = (id: string, evidenceId: string) => t.app.inject({ method: 'GET', url: `/api/v1/orgs/${site.id}/controls/${id}/evidence/${evidenceId}/download`, headers: siteAuditor.headers });
    const served = await fromSite(shared, sharedEvidence);
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(PDF)).toBe(true);
    expect((await fromSite(own, ownEvidence)).statusCode).toBe(404);
    expect((await fromSite(shared, ownEvidence)).statusCode).toBe(404);
  });

  it('adds https links only, and flags expired evidence from today', async () => {
    const bad = await request(t.app, 'POST', url('/evidence/link'), { headers: manager.mutationHeaders, body: { title: 'Policy', url: 'javascript:alert(1)' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^body\.url: must be an https:\/\/ URL/);
    const http = await request(t.app, 'POST', url('/evidence/link'), { headers: manager.mutationHeaders, body: { title: 'Policy', url: 'http://intranet/policy' } });
    expect(http.status).toBe(400);
    const link = await request(t.app, 'POST', url('/evidence/link'), { headers: manager.mutationHeaders, body: { title: 'Policy on the intranet', url: 'https://intranet.example.org/policy', expiresOn: '2999-01-01' } });
    expect(link.status).toBe(201);
    await controlDb(t.ctx.database.db).updateTable('evidence').set({ expires_on: '2020-01-01' }).where('id', '=', link.body.id).execute();
    const detail = await request(t.app, 'GET', `/api/v1/orgs/${orgId}/controls/${controlId}`, { headers: auditor.headers });
    expect(detail.body.evidence.find((e: { id: string }) => e.id === link.body.id)).toMatchObject({ kind: 'link', expired: true });
    expect(detail.body.expiredEvidenceCount).toBe(1);
    const filtered = await request(t.app, 'GET', `/api/v1/orgs/${orgId}/controls?expiredEvidence=yes`, { headers: auditor.headers });
    expect(filtered.body.items.map((c: { id: string }) => c.id)).toEqual([controlId]);
    const past = await request(t.app, 'POST', url('/evidence/link'), { headers: manager.mutationHeaders, body: { title: 'Old', url: 'https://x.example.org', expiresOn: '2020-01-01' } });
    expect(past.status).toBe(400);
    expect(past.body.error.message).toMatch(/^body\.expiresOn: must not be in the past/);
  });

  it('refuses an auditor upload and hides another organization\'s evidence', async () => {
    expect((await upload(PDF, { headers: auditor.mutationHeaders })).statusCode).toBe(403);
    const evidence = (await upload(PDF)).json();
    const other = await buildOrganization(t.ctx);
    const otherAdmin = await buildSession(t.ctx, (await buildMember(t.ctx, other.id, 'admin')).id);
    const foreign = await t.app.inject({ method: 'GET', url: `/api/v1/orgs/${other.id}/controls/${controlId}/evidence/${evidence.id}/download`, headers: otherAdmin.headers });
    expect(foreign.statusCode).toBe(404);
  });

  it('keeps evidence readable after master-key rotation (data keys re-wrapped, files untouched)', async () => {
    process.env.CUSTOS_EVIDENCE_STORE = 'disk';
    const evidence = (await upload(PDF)).json();
    const before = await controlDb(t.ctx.database.db).selectFrom('evidence').selectAll().where('id', '=', evidence.id).executeTakeFirstOrThrow();
    const fileBefore = fs.readFileSync(new DiskEvidenceStore(evidenceDir()).pathOf(before.storage_key!));
    let ring = addNewActiveKey(t.ctx.keyring, undefined, null);
    const count = await rewrapAll(t.ctx.database.db, ring);
    expect(count).toBeGreaterThan(0);
    ring = retireOldKeys(ring, null);
    t.ctx.keyring = ring;
    const after = await controlDb(t.ctx.database.db).selectFrom('evidence').selectAll().where('id', '=', evidence.id).executeTakeFirstOrThrow();
    expect(after.data_key!.split('.')[1]).toBe(ring.activeKeyId);
    expect(fs.readFileSync(new DiskEvidenceStore(evidenceDir()).pathOf(before.storage_key!)).equals(fileBefore)).toBe(true);
    const served = await download(evidence.id);
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(PDF)).toBe(true);
  });
});
