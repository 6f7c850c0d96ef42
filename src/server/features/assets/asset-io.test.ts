import http from 'node:http';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAssetImportReport, TCreateAssetRequest } from '../../../shared/contracts/assets.js';
import { ASSET_TYPES } from '../../../shared/contracts/assets.js';
import { loadConfig } from '../../kernel/config.js';
import { buildMember, buildOrganization, buildSession, type Credentials } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { ASSET_FILE_HEADER } from './asset-io.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ASSET_FILE_HEADER.join(',');

/** A register that exercises every column: every type, true/false/unknown, lists, unicode, CSV quoting, formulas. */
function varied(levels: Map<string, string>): TCreateAssetRequest[] {
  const assets: TCreateAssetRequest[] = ASSET_TYPES.map((type, i) => ({
    name: `Asset ${i} ${type}`,
    type,
    externalRef: `REF-${String(i).padStart(3, '0')}`,
    classificationId: [...levels.values()][i % levels.size]!,
    dataCategories: i % 2 ? ['ephi', 'research'] : [],
    tags: i % 3 ? [`tag-${i}`, 'shared tag'] : [],
    confidentiality: (i % 4) + 1,
    patientSafetyImpact: i % 5,
    ephiCreates: i % 2 === 0,
    encryptedAtRest: [true, false, null][i % 3],
    mfaEnabled: [null, true, false][i % 3],
    rtoHours: i % 2 ? 4 : null,
    rpoHours: i === 3 ? 0.5 : null,
  }));
  assets.push(
    {
      name: 'Ünïcödé 医院 🏥 "quoted", with commas',
      type: 'application',
      externalRef: 'REF-100',
      description: 'Line one,\nline "two";\r\nline three',
      owner: '=HYPERLINK("http://evil.example","click")',
      custodian: '+1 555 0100',
      location: '@SUM(A1:A9)',
      vendor: '-2+3',
      model: "'=already quoted",
      tags: ['a;b', 'back\\slash', '=cmd'],
      hosting: 'saas',
      endOfSupport: '2030-01-31',
      lastCheckIn: '2026-11-27T08:15:00.000Z',
      mds2OnFile: false,
      byod: true,
      classificationId: levels.get('Restricted (PHI)')!,
    },
    // No reference, same name: the export order must still be deterministic.
    { name: 'Nameless twin', type: 'endpoint', owner: 'B' },
    { name: 'Nameless twin', type: 'endpoint', owner: 'A' },
    { name: 'Bare minimum', type: 'people' },
  );
  return assets;
}

describe('asset register import and export', () => {
  let t: TestApp;
  let source: { id: string };
  let admin: Credentials;
  let staffOrg: { id: string };

  const url = (orgId: string, path: string) => `/api/v1/orgs/${orgId}/assets/${path}`;
  async function member(orgId: string): Promise<Credentials> {
    return buildSession(t.ctx, (await buildMember(t.ctx, orgId, 'admin')).id);
  }
  async function exportFile(orgId: string, format: string, who = admin) {
    const response = await t.app.inject({ method: 'GET', url: `${url(orgId, 'export')}?format=${format}`, headers: who.headers });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    return response;
  }
  async function upload(orgId: string, body: Buffer | string | Readable, query: string, contentType = 'text/csv', who = admin) {
    const response = await t.app.inject({ method: 'POST', url: `${url(orgId, 'import')}?${query}`, headers: { ...who.mutationHeaders, 'content-type': contentType }, payload: body });
    return { status: response.statusCode, body: JSON.parse(response.body) as TAssetImportReport & { error?: { code: string; message: string } } };
  }
  /** What an import could have written: the organization's assets and its audit chain. */
  async function state(orgId: string) {
    const result = await sql<{ assets: number; events: number }>`select
      (select count(*) from assets where organization_id = ${orgId}) as assets,
      (select count(*) from audit_events where chain_id = ${orgId}) as events`.execute(t.ctx.database.db);
    const row = result.rows[0]!;
    return { assets: Number(row.assets), events: Number(row.events) };
  }
  async function cells(bytes: Buffer): Promise<unknown[][]> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0]!.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  }

  beforeAll(async () => {
    t = await createTestApp();
    source = await buildOrganization(t.ctx, { name: 'Source Hospital' });
    admin = await buildSession(t.ctx, (await buildMember(t.ctx, source.id, 'admin')).id);
    staffOrg = source;
    const levels = await request(t.app, 'GET', `/api/v1/orgs/${source.id}/classification-levels`, { headers: admin.headers });
    const byName = new Map<string, string>(levels.body.items.map((l: { name: string; id: string }) => [l.name, l.id]));
    for (const asset of varied(byName)) {
      const created = await request(t.app, 'POST', `/api/v1/orgs/${source.id}/assets`, { headers: admin.mutationHeaders, body: asset });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
  });
  afterAll(() => t.close());

  describe('GET /api/v1/orgs/:orgId/assets/export', () => {
    it('exports CSV with the catalogue columns, classification by name, lists, yes/no/empty and neutralised formulas', async () => {
      const before = await state(source.id);
      const response = await exportFile(source.id, 'csv');
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="assets-source-hospital-\d{4}-\d{2}-\d{2}\.csv"$/);
      const text = response.body;
      expect(text.startsWith('\uFEFF' + HEADER + '\n')).toBe(true);
      expect(HEADER).toMatch(/^external_ref,name,type,description,owner,custodian,location,lifecycle,classification,data_categories,/);
      expect(HEADER).not.toMatch(/\bid\b|created|updated|criticality|classification_id/);
      expect(text).toContain('REF-001,Asset 1 application,application,,,,,in_use,Internal,ephi;research,2,');
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
      expect(text).toContain(",'+1 555 0100,'@SUM(A1:A9),");
      expect(text).toContain(",'-2+3,");
      expect(text).toContain(",''=already quoted,");
      expect(text).toContain('a\\;b;back\\\\slash;=cmd');
      // Rows: by external reference, the ones without last, ordered by name.
      const names = text.split('\n').slice(1).map((line) => line.split(',')[1]);
      expect(names.slice(-4)).toEqual(['Bare minimum', 'Nameless twin', 'Nameless twin', undefined]);
      expect((await state(source.id)).events).toBe(before.events + 1);
      const event = await t.ctx.database.db.selectFrom('audit_events').select(['type', 'changes']).where('chain_id', '=', source.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
      expect(event.type).toBe('assets.exported');
      expect(JSON.parse(event.changes!)).toMatchObject({ format: 'csv', rows: ASSET_TYPES.length + 4 });
    });

    it('exports JSON with arrays, true/false/null and raw text, and XLSX with the same cells as the CSV', async () => {
      const json = JSON.parse((await exportFile(source.id, 'json')).body) as Record<string, unknown>[];
      expect(Object.keys(json[0]!)).toEqual([...ASSET_FILE_HEADER]);
      expect(json[1]).toMatchObject({ external_ref: 'REF-001', classification: 'Internal', data_categories: ['ephi', 'research'], encrypted_at_rest: false, mfa_enabled: true, sso_enabled: null, ephi_creates: false });
      expect(json.find((a) => a.external_ref === 'REF-100')).toMatchObject({ owner: '=HYPERLINK("http://evil.example","click")', tags: ['a;b', 'back\\slash', '=cmd'] });
      const xlsx = await exportFile(source.id, 'xlsx');
      expect(xlsx.headers['content-type']).toBe(XLSX);
      const rows = await cells(xlsx.rawPayload);
      expect(rows[0]).toEqual([...ASSET_FILE_HEADER]);
      const evil = rows.find((r) => r[0] === 'REF-100')!;
      expect(evil[ASSET_FILE_HEADER.indexOf('owner')]).toBe(`'=HYPERLINK("http://evil.example","click")`);
      expect(rows[2]![ASSET_FILE_HEADER.indexOf('confidentiality')]).toBe(2);
    });

    it('accepts the list filters', async () => {
      const response = await t.app.inject({ method: 'GET', url: `${url(source.id, 'export')}?format=json&type=medical_device`, headers: admin.headers });
      expect((JSON.parse(response.body) as { type: string }[]).map((a) => a.type)).toEqual(['medical_device']);
    });
  });

  describe('round trip into an empty organization', () => {
    for (const format of ['csv', 'json', 'xlsx'] as const) {
      it(`${format}: export → import → export gives the same ${format === 'xlsx' ? 'cells' : 'bytes'}`, async () => {
        const first = await exportFile(source.id, format);
        const target = await buildOrganization(t.ctx, { name: 'Source Hospital' });
        const targetAdmin = await member(target.id);
        const imported = await upload(target.id, first.rawPayload, `format=${format}&filename=register.${format}`, format === 'xlsx' ? XLSX : format === 'json' ? 'application/json' : 'text/csv', targetAdmin);
        expect(imported.status, JSON.stringify(imported.body)).toBe(200);
        expect(imported.body).toMatchObject({ written: true, created: ASSET_TYPES.length + 4, updated: 0, rejected: 0, problemCount: 0 });
        const second = await exportFile(target.id, format, targetAdmin);
        if (format === 'xlsx') expect(await cells(second.rawPayload)).toEqual(await cells(first.rawPayload));
        else expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
        // Importing the same file again changes nothing; rows without a reference cannot be matched, so are added.
        const again = await upload(target.id, first.rawPayload, `format=${format}`, 'application/octet-stream', targetAdmin);
        expect(again.body).toMatchObject({ written: true, created: 3, updated: 0, unchanged: ASSET_TYPES.length + 1 });
      });
    }
  });

  describe('POST /api/v1/orgs/:orgId/assets/import', () => {
    it('dry run: validates every row and writes nothing', async () => {
      const org = await buildOrganization(t.ctx);
      const who = await member(org.id);
      const before = await state(org.id);
      const csv = `${'external_ref,name,type,classification'}\nA-1,Pump,medical_device,Internal\nA-2,,application,\nA-3,Router,router,Secret\n`;
      const report = await upload(org.id, csv, 'dryRun=true', 'text/csv', who);
      expect(report.status).toBe(200);
      expect(report.body).toMatchObject({ dryRun: true, written: false, rows: 3, created: 1, rejected: 2, problemCount: 3 });
      expect(report.body.problems).toEqual([
        { row: 3, column: 'name', message: 'is required' },
        { row: 4, column: 'classification', message: expect.stringMatching(/^"Secret" is not a classification level of this organization \(its levels: Public, Internal, Confidential, Restricted \(PHI\)\)$/) },
        { row: 4, column: 'type', message: expect.stringMatching(/^must be one of: information, application, /) },
      ]);
      expect(await state(org.id)).toEqual(before);
    });

    it('upserts by external reference: creates, updates the present columns only, and audits every change', async () => {
      const org = await buildOrganization(t.ctx);
      const who = await member(org.id);
      await upload(org.id, 'external_ref,name,type,owner,tags\nU-1,Scanner,medical_device,Radiology,a;b\nU-2,Portal,application,Digital,\n', '', 'text/csv', who);
      const before = await state(org.id);
      const report = await upload(org.id, 'external_ref,name,type,tags\nU-1,Scanner 2,medical_device,a;b\nU-2,Portal,application,\nU-3,New,facility,x\n,No ref,people,\n', 'filename=update.csv', 'text/csv', who);
      expect(report.body).toMatchObject({ written: true, created: 2, updated: 1, unchanged: 1, rejected: 0, filename: 'update.csv', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      // One event per created asset (compact: name, reference, file row), one per updated asset (its diff), one summary.
      expect(await state(org.id)).toEqual({ assets: before.assets + 2, events: before.events + 4 });
      const assets = await request(t.app, 'GET', `/api/v1/orgs/${org.id}/assets?sort=externalRef`, { headers: who.headers });
      expect(assets.body.items.find((a: { externalRef: string }) => a.externalRef === 'U-1')).toMatchObject({ name: 'Scanner 2', owner: 'Radiology', criticality: 'medium' });
      const events = await t.ctx.database.db.selectFrom('audit_events').select(['type', 'subject_type', 'subject_id', 'changes']).where('chain_id', '=', org.id).orderBy('seq', 'desc').limit(4).execute();
      expect(events.map((e) => e.type)).toEqual(['assets.imported', 'asset.updated', 'asset.created', 'asset.created']);
      const created = assets.body.items.filter((a: { externalRef: string | null }) => a.externalRef !== 'U-1' && a.externalRef !== 'U-2') as { id: string; externalRef: string | null }[];
      const idOf = (ref: string | null) => created.find((a) => a.externalRef === ref)!.id;
      expect(events.slice(2).map((e) => [e.subject_type, e.subject_id, JSON.parse(e.changes!)])).toEqual([
        ['asset', idOf(null), { name: { from: null, to: 'No ref' }, imported: true, fileSha256: report.body.sha256, row: 5 }],
        ['asset', idOf('U-3'), { name: { from: null, to: 'New' }, externalRef: { from: null, to: 'U-3' }, imported: true, fileSha256: report.body.sha256, row: 4 }],
      ]);
      // The created asset's own history shows its creation by the import.
      const history = await request(t.app, 'GET', `/api/v1/orgs/${org.id}/audit-events?subjectType=asset&subjectId=${idOf('U-3')}`, { headers: who.headers });
      expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(['asset.created']);
      expect(JSON.parse(events[0]!.changes!)).toMatchObject({ created: 2, updated: 1, unchanged: 1, rejected: 0, filename: 'update.csv', sha256: report.body.sha256, format: 'csv' });
      expect(JSON.parse(events[1]!.changes!)).toEqual({ name: { from: 'Scanner', to: 'Scanner 2' }, imported: true });
      // JSON: a key left out keeps its value; null empties it.
      const json = await upload(org.id, JSON.stringify([{ external_ref: 'U-1', name: 'Scanner 3', owner: null }]), 'format=json', 'application/json', who);
      expect(json.body).toMatchObject({ written: true, updated: 1 });
      const after = await request(t.app, 'GET', `/api/v1/orgs/${org.id}/assets?q=U-1`, { headers: who.headers });
      expect(after.body.items[0]).toMatchObject({ name: 'Scanner 3', owner: null, type: 'medical_device', tags: ['a', 'b'] });
      const verify = await request(t.app, 'GET', `/api/v1/orgs/${org.id}/audit/verify`, { headers: who.headers });
      expect(verify.body.ok).toBe(true);
    });

    it('mode=all writes nothing when a row is invalid; mode=valid_only writes the valid rows', async () => {
      const org = await buildOrganization(t.ctx);
      const who = await member(org.id);
      const csv = 'external_ref,name,type,confidentiality,mfa_enabled\nM-1,Good,application,3,yes\nM-2,Bad,application,seven,maybe\n';
      const before = await state(org.id);
      const refused = await upload(org.id, csv, 'mode=all', 'text/csv', who);
      expect(refused.body).toMatchObject({ written: false, created: 0, rejected: 1, problems: [{ row: 3, column: 'confidentiality', message: 'must be a number' }, { row: 3, column: 'mfa_enabled', message: 'must be yes or no' }] });
      expect(await state(org.id)).toEqual(before);
      const partial = await upload(org.id, csv, 'mode=valid_only', 'text/csv', who);
      expect(partial.body).toMatchObject({ written: true, created: 1, rejected: 1, problemCount: 2 });
      expect(await state(org.id)).toEqual({ assets: before.assets + 1, events: before.events + 2 });
    });

    it('reads a workbook as people make them: dates, numbers, rich text, a second sheet; refuses formulas', async () => {
      const org = await buildOrganization(t.ctx);
      const who = await member(org.id);
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Register');
      sheet.addRow([]);
      sheet.addRow([' External_Ref ', 'NAME', 'type', 'end_of_support', 'last_check_in', 'confidentiality', 'patchable', 'owner']);
      sheet.addRow([1001, { richText: [{ text: 'Infusion ' }, { text: 'pump', font: { bold: true } }] }, 'medical_device', new Date(Date.UTC(2029, 5, 30)), new Date(Date.UTC(2026, 10, 27, 8, 15)), 4, true, 'Biomed']);
      sheet.addRow([1002, 'Monitor', 'medical_device', null, null, { formula: '2+2', result: 4 }, 'no', { text: 'Ward 3', hyperlink: 'http://example.org' }]);
      workbook.addWorksheet('Notes').addRow(['not part of the register']);
      const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
      const report = await upload(org.id, bytes, '', XLSX, who);
      expect(report.body).toMatchObject({ rows: 2, created: 0, rejected: 1, problems: [{ row: 4, column: 'confidentiality', message: 'is a formula; enter the value itself (values are imported as data, never evaluated)' }] });
      const valid = await upload(org.id, bytes, 'mode=valid_only', 'application/octet-stream', who);
      expect(valid.body).toMatchObject({ format: 'xlsx', written: true, created: 1 });
      const list = await request(t.app, 'GET', `/api/v1/orgs/${org.id}/assets`, { headers: who.headers });
      expect(list.body.items[0]).toMatchObject({ externalRef: '1001', name: 'Infusion pump', endOfSupport: '2029-06-30', lastCheckIn: '2026-11-27T08:15:00.000Z', confidentiality: 4, patchable: true, criticality: 'critical' });
    });

    it('caps the reported problems at 1000 and counts them all', async () => {
      const org = await buildOrganization(t.ctx);
      const who = await member(org.id);
      const csv = 'name,type\n' + Array.from({ length: 1500 }, (_, i) => `Thing ${i},gadget`).join('\n');
      const report = await upload(org.id, csv, 'dryRun=true', 'text/csv', who);
      expect(report.body).toMatchObject({ rows: 1500, rejected: 1500, problemCount: 1500 });
      expect(report.body.problems).toHaveLength(1000);
      expect(report.body.problems[999]).toMatchObject({ row: 1001, column: 'type' });
    });
  });

  describe('hostile files: a clear error, and nothing written', () => {
    let org: { id: string };
    let who: Credentials;
    beforeAll(async () => {
      org = await buildOrganization(t.ctx);
      who = await member(org.id);
    });
    async function postChunked(orgId: string, creds: Credentials, total: number): Promise<{ status: number; body: string; sent: number }> {
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      try {
        return await new Promise((resolve, reject) => {
          let sent = 0;
          let isAnswered = false;
          const req = http.request(`${address}${url(orgId, 'import')}`, { method: 'POST', headers: { ...creds.mutationHeaders, 'content-type': 'text/csv', 'transfer-encoding': 'chunked' } });
          // The server may close the socket right after its 413: then the client's next write fails.
          req.on('error', (error: NodeJS.ErrnoException) => {
            if (isAnswered) return;
            if (error.code === 'EPIPE' || error.code === 'ECONNRESET') resolve({ status: 0, body: 'connection closed by the server', sent });
            else reject(error);
          });
          req.on('response', (res) => {
            isAnswered = true;
            const parts: Buffer[] = [];
            res.on('data', (part: Buffer) => parts.push(part));
            res.on('end', () => {
              req.destroy();
              resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString(), sent });
            });
          });
          const chunk = Buffer.alloc(256 * 1024, 'b');
          // One chunk per turn of the event loop, so the answer is seen as soon as it is sent.
          const pump = () => {
            if (isAnswered || req.destroyed) return;
            if (sent >= total) return void req.end();
            sent += chunk.length;
            if (req.write(chunk)) setImmediate(pump);
            else req.once('drain', pump);
          };
          pump();
        });
      } finally {
        await new Promise<void>((resolve) => t.app.server.close(() => resolve()));
      }
    }
    async function refused(body: Buffer | string | Readable, query: string, contentType: string) {
      const before = await state(org.id);
      const response = await upload(org.id, body, query, contentType, who);
      expect(await state(org.id)).toEqual(before);
      return response;
    }

    it('refuses UTF-16 and Latin-1 as not UTF-8, and accepts a UTF-8 BOM', async () => {
      const utf16 = await refused(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name,type\nPump,endpoint\n', 'utf16le')]), '', 'text/csv');
      expect(utf16.status).toBe(400);
      expect(utf16.body.error!.message).toMatch(/^file: is not UTF-8 text \(it is UTF-16\)/);
      const bomless16 = await refused(Buffer.from('name,type\nPump,endpoint\n', 'utf16le'), '', 'text/csv');
      expect(bomless16.body.error!.message).toMatch(/^file: is not UTF-8 text \(it contains NUL bytes/);
      const latin1 = await refused(Buffer.from('name,type\nCaf\u00e9 system,application\n', 'latin1'), '', 'text/csv');
      expect(latin1.body.error!.message).toMatch(/^file: is not UTF-8 text/);
      const bom = await upload(org.id, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name,type\nCafé system,application\n')]), 'dryRun=true', 'text/csv', who);
      expect(bom.body).toMatchObject({ rows: 1, created: 1, rejected: 0 });
    });

    it('refuses a file without a required column, naming it, and one with an unknown column', async () => {
      const missing = await refused('external_ref,name\nX-1,Pump\n', '', 'text/csv');
      expect(missing.status).toBe(400);
      expect(missing.body.error!.message).toBe('file: is missing the required column "type"');
      const unknown = await refused('name,type,colour\nPump,endpoint,red\n', '', 'text/csv');
      expect(unknown.body.error!.message).toMatch(/^file: has an unknown column "colour"/);
      const broken = await refused('name,type\n"Pump,endpoint\n', '', 'text/csv');
      expect(broken.body.error!.message).toMatch(/^file: is not valid CSV/);
    });

    it('reports an unknown enum value with its row and column', async () => {
      const response = await refused('name,type,hosting,data_categories,patient_safety_impact\nPump,medical_device,basement,ephi;gossip,2.5\n', '', 'text/csv');
      expect(response.body.problems).toEqual([
        { row: 2, column: 'data_categories', message: expect.stringMatching(/^item 2: must be one of: ephi, personal_data/) },
        { row: 2, column: 'patient_safety_impact', message: 'must be a whole number' },
        { row: 2, column: 'hosting', message: 'must be one of: on_premises, cloud, saas' },
      ]);
    });

    it('rejects the later rows that repeat an external reference', async () => {
      const response = await refused('external_ref,name,type\nD-1,First,endpoint\nD-2,Other,endpoint\nD-1,Second,endpoint\n D-1 ,Third,endpoint\n', '', 'text/csv');
      expect(response.body).toMatchObject({ written: false, rejected: 2 });
      expect(response.body.problems).toEqual([
        { row: 4, column: 'external_ref', message: 'repeats the external reference of row 2; a reference may appear once per file' },
        { row: 5, column: 'external_ref', message: 'repeats the external reference of row 2; a reference may appear once per file' },
      ]);
    });

    it('refuses a 50 MB file with 413 naming the limit, without reading it all', async () => {
      const big = Buffer.alloc(50 * 1024 * 1024, 'a');
      const declared = await refused(big, '', 'text/csv');
      expect(declared.status).toBe(413);
      expect(declared.body.error!.message).toBe('body: is larger than the limit of 32 MB');
      // Sent in chunks without a length over a real socket: the server stops reading at the limit.
      const before = await state(org.id);
      const streamed = await postChunked(org.id, who, 50 * 1024 * 1024);
      if (streamed.status !== 0) {
        expect(streamed.status).toBe(413);
        expect(streamed.body).toContain('body: is larger than the limit of 32 MB');
      }
      expect(streamed.sent).toBeLessThan(40 * 1024 * 1024);
      expect(await state(org.id)).toEqual(before);
      expect(loadConfig({ CUSTOS_IMPORT_LIMIT_MB: '5' }).importLimitBytes).toBe(5 * 1024 * 1024);
    });

    it('refuses a ZIP bomb disguised as XLSX before inflating it', async () => {
      const declared = await refused(zipBomb({ lie: false }), 'format=xlsx', XLSX);
      expect(declared.status).toBe(400);
      expect(declared.body.error!.message).toMatch(/^file: expands to more than 256 MB when unpacked/);
      const lying = await refused(zipBomb({ lie: true }), 'format=xlsx', XLSX);
      expect(lying.body.error!.message).toMatch(/^file: is a damaged ZIP archive \(an entry does not unpack to the size it declares/);
      const notZip = await refused(Buffer.from('name,type\n'), 'format=xlsx', XLSX);
      expect(notZip.body.error!.message).toBe('file: is not an XLSX workbook (not a ZIP archive)');
      const xls = await refused(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), 'format=csv', 'application/vnd.ms-excel');
      expect(xls.body.error!.message).toBe('file: is an old Excel workbook (.xls); save it as .xlsx or as CSV UTF-8');
      const zipAsCsv = await refused(zipBomb({ lie: true }), 'format=csv', 'text/csv');
      expect(zipAsCsv.body.error!.message).toBe('file: is an XLSX workbook (a ZIP archive), not CSV text; import it as xlsx');
    });

    it('stores formula-like values as plain text and neutralises them again on export', async () => {
      const csv = `external_ref,name,type,owner,location,custodian\nF-1,=HYPERLINK("http://x"),application,+1,@SUM(A1),'=quoted\nF-2,"-1; DROP TABLE assets",people,\t+tab,,\n`;
      const report = await upload(org.id, csv, '', 'text/csv', who);
      expect(report.body).toMatchObject({ written: true, created: 2 });
      const list = await request(t.app, 'GET', `/api/v1/orgs/${org.id}/assets?q=F-1`, { headers: who.headers });
      expect(list.body.items[0]).toMatchObject({ name: '=HYPERLINK("http://x")', owner: '+1', location: '@SUM(A1)', custodian: '=quoted' });
      const exported = (await exportFile(org.id, 'csv', who)).body;
      expect(exported).toContain(`F-1,"'=HYPERLINK(""http://x"")",application,,'+1,'=quoted,'@SUM(A1),`);
      expect(exported).toContain(`F-2,'-1; DROP TABLE assets,people,,'+tab,`);
    });

    it('refuses a body that is not a file and a content type it does not read', async () => {
      const json = await refused('{"name":"x"}', '', 'application/json');
      expect(json.body.error!.message).toBe('file: must be a JSON array of assets, as exported');
      const xml = await refused('<a/>', '', 'application/xml');
      expect(xml.status).toBe(415);
    });
  });

  it('refuses a role without asset.write and a foreign organization', async () => {
    const auditor = await buildSession(t.ctx, (await buildMember(t.ctx, staffOrg.id, 'auditor')).id);
    expect((await upload(staffOrg.id, 'name,type\n', '', 'text/csv', auditor)).status).toBe(403);
    expect((await exportFile(staffOrg.id, 'csv', auditor)).statusCode).toBe(200);
  });
});

/**
 * A small .xlsx whose worksheet inflates to 3 GB: the same 1 MB of sheet XML deflated once and repeated
 * (a full flush leaves each copy self-contained). `lie` declares 1 KB instead, as hostile archives do.
 */
function zipBomb({ lie }: { lie: boolean }): Buffer {
  const xml = Buffer.from('<row r="1"><c r="A1" t="inlineStr"><is><t>boom</t></is></c></row>'.repeat(16384)).subarray(0, 1024 * 1024);
  const block = zlib.deflateRawSync(xml, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const copies = 3 * 1024;
  const data = Buffer.concat([...Array.from({ length: copies }, () => block), Buffer.from([0x03, 0x00])]);
  const uncompressed = lie ? 1024 : copies * 1024 * 1024;
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(uncompressed, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(uncompressed, 24);
  central.writeUInt16LE(name.length, 28);
  const directoryOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}
