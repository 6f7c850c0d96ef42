import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZCreateRiskRequest, type TCreateRiskRequest, type TRiskImportReport } from '../../../shared/contracts/risks.js';
import { ROLE_PERMISSIONS } from '../../../shared/permissions.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import { buildMember, buildMembership, buildOrganization, buildSession, TEST_ACTOR, type Credentials } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { riskFileColumns } from './risk-io.js';
import { createRisk, deleteRisk } from './risk.service.js';
import { defaultMethod } from '../../../shared/risk-method.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = riskFileColumns(defaultMethod()).map((c) => c.column);
const CONTENT_TYPE = { csv: 'text/csv', json: 'application/json', xlsx: XLSX } as const;

type Report = TRiskImportReport & { error?: { code: string; message: string } };

const assess = (likelihood: number, impacts: Record<string, number | null>) => ({ likelihood, impacts });

/** A register that exercises every column: every category and option, empty and partial stages, lists, unicode, CSV quoting, formulas. */
function varied(ownerId: string, assets: Record<string, string>): TCreateRiskRequest[] {
  return [
    {
      title: 'Ransomware encrypts the EHR and its backups',
      description: 'Line one,\nline "two";\r\nline three',
      category: 'cyber',
      threatId: 'hicp.ransomware.encryption-extortion',
      threatSourceIds: ['source.adversarial.criminal-group', 'source.adversarial.outsider'],
      vulnerabilityIds: ['vuln.untested-backups', 'vuln.flat-network', 'vuln.backups-not-isolated'],
      assetIds: [assets.ehr!, assets.pumps!],
      ownerUserId: ownerId,
      treatmentOption: 'mitigate',
      treatmentRationale: 'Isolate backups; test restores quarterly.',
      inherent: assess(4, { confidentiality: 4, integrity: 4, availability: 5, patient_safety: 4 }),
      current: assess(3, { confidentiality: 3, availability: 4, patient_safety: 3 }),
      residual: assess(2, { availability: 3, patient_safety: 2 }),
    },
    {
      title: '=HYPERLINK("http://evil.example","click")',
      description: '@SUM(A1:A9)',
      category: 'privacy',
      status: 'closed',
      treatmentRationale: '+1 555 0100',
    },
    {
      title: 'Ünïcödé 医院 🏥 "quoted", with commas; and semicolons',
      category: 'clinical',
      threatId: 'hicp.medical-devices.legacy-exploitation',
      assetIds: [assets.room!, assets.evil!],
      treatmentOption: 'accept',
      treatmentRationale: '-2+3',
      inherent: assess(2, { patient_safety: 5 }),
    },
    { title: 'Clearinghouse breach', category: 'supplier', treatmentOption: 'transfer', residual: assess(1, { confidentiality: 2 }), ownerUserId: ownerId },
    { title: 'To be removed (leaves a gap in the refs)', category: 'operational' },
    { title: 'Power outage in the server room', category: 'physical', threatSourceIds: ['source.environmental.utility-outage'], treatmentOption: 'avoid', current: assess(5, { availability: 5 }), assetIds: [assets.room!] },
    { title: "'=already quoted", category: 'compliance', description: '-leading minus' },
  ];
}

describe('risk register import and export', () => {
  let t: TestApp;
  let source: { id: string; name: string };
  let admin: Credentials;
  let owner: { id: string; email: string };
  const url = (orgId: string, path: string) => `/api/v1/orgs/${orgId}/risks/${path}`;
  const accessTo = (org: { id: string; name: string }): OrgAccess => ({ organizationId: org.id, organizationName: org.name, mfaRequired: false, isDemo: false, timeZone: 'UTC', role: 'admin', permissions: [...ROLE_PERMISSIONS.admin] });

  async function member(orgId: string, role: 'admin' | 'auditor' = 'admin'): Promise<Credentials> {
    return buildSession(t.ctx, (await buildMember(t.ctx, orgId, role)).id);
  }
  async function exportFile(orgId: string, format: string, who = admin) {
    const response = await t.app.inject({ method: 'GET', url: `${url(orgId, 'export')}?format=${format}`, headers: who.headers });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    return response;
  }
  async function upload(orgId: string, body: Buffer | string, query: string, contentType = 'text/csv', who = admin) {
    const response = await t.app.inject({ method: 'POST', url: `${url(orgId, 'import')}?${query}`, headers: { ...who.mutationHeaders, 'content-type': contentType }, payload: body });
    return { status: response.statusCode, body: JSON.parse(response.body) as Report };
  }
  /** What an import could have written: the organization's risks, their links and its audit chain. */
  async function state(orgId: string) {
    const result = await sql<{ risks: number; links: number; events: number }>`select
      (select count(*) from risks where organization_id = ${orgId}) as risks,
      (select count(*) from risk_assets where organization_id = ${orgId}) as links,
      (select count(*) from audit_events where chain_id = ${orgId}) as events`.execute(t.ctx.database.db);
    const row = result.rows[0]!;
    return { risks: Number(row.risks), links: Number(row.links), events: Number(row.events) };
  }
  async function cells(bytes: Buffer): Promise<unknown[][]> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0]!.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  }
  /** An organization with the source's assets (through the asset register's own export and import) and the owner as a member. */
  async function twin(): Promise<{ org: { id: string; name: string }; who: Credentials }> {
    const org = await buildOrganization(t.ctx, { name: 'Target Hospital' });
    const who = await member(org.id);
    await buildMembership(t.ctx, { organizationId: org.id, userId: owner.id, role: 'risk_owner' });
    const assets = await t.app.inject({ method: 'GET', url: `/api/v1/orgs/${source.id}/assets/export?format=json`, headers: admin.headers });
    const imported = await t.app.inject({ method: 'POST', url: `/api/v1/orgs/${org.id}/assets/import?format=json`, headers: { ...who.mutationHeaders, 'content-type': 'application/json' }, payload: assets.rawPayload });
    expect(imported.statusCode, imported.body).toBe(200);
    return { org, who };
  }

  beforeAll(async () => {
    t = await createTestApp();
    source = await buildOrganization(t.ctx, { name: 'Source Hospital' });
    admin = await member(source.id);
    owner = await buildMember(t.ctx, source.id, 'risk_owner', { email: `owner-${Date.now()}@example.org` });
    const assetIds: Record<string, string> = {};
    const assets: [string, Record<string, unknown>][] = [
      ['ehr', { name: 'EHR', type: 'application', externalRef: 'APP-1', dataCategories: ['ephi'], ephiMaintains: true }],
      ['pumps', { name: 'Infusion pumps [ward 3]', type: 'medical_device' }],
      ['room', { name: 'Server room; basement', type: 'facility' }],
      ['evil', { name: '=cmd|calc', type: 'endpoint', externalRef: '+REF-9' }],
    ];
    for (const [key, body] of assets) {
      const created = await request(t.app, 'POST', `/api/v1/orgs/${source.id}/assets`, { headers: admin.mutationHeaders, body });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      assetIds[key] = created.body.id;
    }
    const access = accessTo(source);
    const ids: string[] = [];
    for (const risk of varied(owner.id, assetIds)) ids.push((await createRisk(t.ctx, access, TEST_ACTOR, ZCreateRiskRequest.parse(risk))).id);
    await deleteRisk(t.ctx, access, TEST_ACTOR, ids[4]!);
  });
  afterAll(() => t.close());

  describe('GET /api/v1/orgs/:orgId/risks/export', () => {
    it('exports CSV: the method\'s columns, refs, e-mails, asset references, derived levels, neutralised formulas; and records the export', async () => {
      const before = await state(source.id);
      const response = await exportFile(source.id, 'csv');
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="risks-source-hospital-\d{4}-\d{2}-\d{2}\.csv"$/);
      const text = response.body;
      expect(text.startsWith('\uFEFF' + HEADER.join(',') + '\n')).toBe(true);
      expect(HEADER.slice(0, 13).join(',')).toBe('ref,title,description,category,status,threat_id,threat_source_ids,vulnerability_ids,assets,owner_email,treatment_option,treatment_rationale,inherent_likelihood');
      expect(HEADER).toEqual(expect.arrayContaining(['current_patient_safety', 'residual_level', 'handles_ephi', 'patient_safety']));
      const lines = text.slice(1).split('\n');
      // R-0001: lists sorted (vulnerabilities, assets), threat sources as stored; the asset without a reference as "name [type]".
      expect(text).toContain(`R-0001,Ransomware encrypts the EHR and its backups,"Line one,\nline ""two"";\r\nline three",cyber,open,hicp.ransomware.encryption-extortion,source.adversarial.criminal-group;source.adversarial.outsider,vuln.backups-not-isolated;vuln.flat-network;vuln.untested-backups,APP-1;Infusion pumps [ward 3] [medical_device],${owner.email},mitigate,Isolate backups; test restores quarterly.,4,4,4,5,4,5,Critical,3,3,,4,3,4,`);
      expect(text).toContain(`R-0002,"'=HYPERLINK(""http://evil.example"",""click"")",'@SUM(A1:A9),privacy,closed,,,,,,,'+1 555 0100,`);
      expect(text).toContain(`"Ünïcödé 医院 🏥 ""quoted"", with commas; and semicolons"`);
      expect(text).toContain(`'+REF-9;Server room\\; basement [facility]`);
      expect(text).toContain(`R-0007,''=already quoted,'-leading minus,compliance,`);
      expect(lines.map((l) => l.slice(0, 6)).filter((l) => /^R-\d{4}/.test(l))).toEqual(['R-0001', 'R-0002', 'R-0003', 'R-0004', 'R-0006', 'R-0007']);
      expect((await state(source.id)).events).toBe(before.events + 1);
      const event = await t.ctx.database.db.selectFrom('audit_events').select(['type', 'changes']).where('chain_id', '=', source.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
      expect(event.type).toBe('risks.exported');
      expect(JSON.parse(event.changes!)).toMatchObject({ document: 'register', format: 'csv', rows: 6, methodVersion: 1 });
    });

    it('exports JSON with arrays, numbers and raw text, and XLSX with the same cells as the CSV', async () => {
      const json = JSON.parse((await exportFile(source.id, 'json')).body) as Record<string, unknown>[];
      expect(Object.keys(json[0]!)).toEqual(HEADER);
      expect(json[0]).toMatchObject({ ref: 'R-0001', assets: ['APP-1', 'Infusion pumps [ward 3] [medical_device]'], current_integrity: null, current_patient_safety: 3, residual_level: expect.any(String), handles_ephi: true, patient_safety: true });
      expect(json[1]).toMatchObject({ title: '=HYPERLINK("http://evil.example","click")', threat_source_ids: [], owner_email: null, inherent_likelihood: null, handles_ephi: false });
      const xlsx = await exportFile(source.id, 'xlsx');
      expect(xlsx.headers['content-type']).toBe(XLSX);
      const rows = await cells(xlsx.rawPayload);
      expect(rows[0]).toEqual(HEADER);
      expect(rows[2]![1]).toBe(`'=HYPERLINK("http://evil.example","click")`);
      expect(rows[1]![HEADER.indexOf('inherent_likelihood')]).toBe(4);
    });
  });

  describe('round trip into an empty organization', () => {
    for (const format of ['csv', 'json', 'xlsx'] as const) {
      it(`${format}: export → import → export gives the same ${format === 'xlsx' ? 'cells' : 'bytes'}, refs included`, async () => {
        const first = await exportFile(source.id, format);
        const { org, who } = await twin();
        const before = await state(org.id);
        const imported = await upload(org.id, first.rawPayload, `format=${format}&filename=register.${format}`, CONTENT_TYPE[format], who);
        expect(imported.status, JSON.stringify(imported.body)).toBe(200);
        expect(imported.body).toMatchObject({ written: true, dryRun: false, rows: 6, created: 6, updated: 0, unchanged: 0, errors: [], errorCount: 0 });
        // Six risks, their asset links, one event per risk and one summary.
        expect(await state(org.id)).toEqual({ risks: before.risks + 6, links: before.links + 5, events: before.events + 7 });
        const second = await exportFile(org.id, format, who);
        if (format === 'xlsx') expect(await cells(second.rawPayload)).toEqual(await cells(first.rawPayload));
        else expect(second.rawPayload.toString('utf8')).toBe(first.rawPayload.toString('utf8'));
        // The same file again: every risk already holds its values.
        const again = await upload(org.id, first.rawPayload, `format=${format}`, 'application/octet-stream', who);
        expect(again.body).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 6 });
        const verify = await request(t.app, 'GET', `/api/v1/orgs/${org.id}/audit/verify`, { headers: who.headers });
        expect(verify.body.ok).toBe(true);
      });
    }
  });

  describe('POST /api/v1/orgs/:orgId/risks/import', () => {
    it('dry run: validates every row, reports what would happen, writes nothing', async () => {
      const { org, who } = await twin();
      const before = await state(org.id);
      const csv = 'title,category,current_likelihood,current_availability\nOutage,operational,3,4\nNo category,,2,2\n';
      const report = await upload(org.id, csv, 'dryRun=yes', 'text/csv', who);
      expect(report.status).toBe(200);
      expect(report.body).toMatchObject({ dryRun: true, written: false, rows: 2, created: 1, errorCount: 1, errors: [{ row: 3, field: 'category', message: expect.stringMatching(/^must be one of: cyber, privacy, clinical/) }] });
      const json = await upload(org.id, JSON.stringify([{ category: 'cyber', colour: 'red' }, 5]), 'dryRun=yes', 'application/json', who);
      expect(json.body.errors).toEqual([
        { row: 1, field: 'colour', message: 'is not a column of the risk register' },
        { row: 1, field: 'title', message: 'is required' },
        { row: 2, field: null, message: 'must be an object with the columns as keys' },
      ]);
      expect(await state(org.id)).toEqual(before);
    });

    it('updates by ref (absent columns keep their values), creates the others after the highest ref, and audits each change', async () => {
      const { org, who } = await twin();
      await upload(org.id, (await exportFile(source.id, 'csv')).rawPayload, '', 'text/csv', who);
      const before = await state(org.id);
      const csv = `ref,title,category,current_likelihood,current_confidentiality,current_patient_safety\nR-0001,Ransomware (renamed),cyber,5,,\n,New risk,cyber,1,1,\nR-0004,Clearinghouse breach,supplier,,,\n`;
      const report = await upload(org.id, csv, 'filename=update.csv', 'text/csv', who);
      expect(report.body).toMatchObject({ written: true, created: 1, updated: 1, unchanged: 1, errorCount: 0 });
      expect(await state(org.id)).toEqual({ risks: before.risks + 1, links: before.links, events: before.events + 3 });
      const events = await t.ctx.database.db.selectFrom('audit_events').select(['type', 'changes']).where('chain_id', '=', org.id).orderBy('seq', 'desc').limit(3).execute();
      // One event per changed risk, in the file's row order, then the summary.
      expect(events.map((e) => e.type)).toEqual(['risks.imported', 'risk.created', 'risk.updated']);
      expect(JSON.parse(events[0]!.changes!)).toMatchObject({ created: 1, updated: 1, unchanged: 1, filename: 'update.csv', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), format: 'csv' });
      expect(JSON.parse(events[1]!.changes!)).toMatchObject({ ref: 'R-0008', title: 'New risk', imported: true });
      expect(JSON.parse(events[2]!.changes!)).toMatchObject({ ref: 'R-0001', title: { from: 'Ransomware encrypts the EHR and its backups', to: 'Ransomware (renamed)' }, current: { from: { likelihood: 3 }, to: { likelihood: 5 } }, imported: true });
      const after = JSON.parse((await exportFile(org.id, 'json', who)).body) as Record<string, unknown>[];
      // The stage's other dimensions (availability) and the other columns (owner, assets) were kept.
      expect(after.find((r) => r.ref === 'R-0001')).toMatchObject({ title: 'Ransomware (renamed)', current_likelihood: 5, current_confidentiality: null, current_availability: 4, current_patient_safety: null, owner_email: owner.email, assets: ['APP-1', 'Infusion pumps [ward 3] [medical_device]'] });
      expect(after.find((r) => r.title === 'New risk')).toMatchObject({ ref: 'R-0008', current_likelihood: 1, current_level: 'Low' });
    });

    it('reports every problem of every row with its row and column, and writes nothing', async () => {
      const org = await buildOrganization(t.ctx);
      const who = await member(org.id);
      for (const name of ['Twin PC', 'Twin PC']) await request(t.app, 'POST', `/api/v1/orgs/${org.id}/assets`, { headers: who.mutationHeaders, body: { name, type: 'endpoint' } });
      const before = await state(org.id);
      const csv = [
        'ref,title,category,status,threat_id,threat_source_ids,vulnerability_ids,assets,owner_email,treatment_option,inherent_likelihood,inherent_confidentiality,inherent_reputation,current_likelihood,current_availability',
        'R-0001,Good,cyber,open,,,,,,,,,,,',
        'R-0001,Again,cyber,open,,,,,,,,,,,',
        'X-9,Bad ref,gossip,pending,hicp.nope,source.nope;source.accidental.user,vuln.flat-network;vuln.nope,Twin PC [endpoint];NOPE-1,stranger@example.org,ignore,6,2,3,,4',
        ',Stage without likelihood,cyber,open,,,,,,,,,,abc,2',
      ].join('\n');
      const report = await upload(org.id, csv, '', 'text/csv', who);
      expect(report.status).toBe(200);
      // created: what a clean import would do (row 2 is valid); nothing is written.
      expect(report.body).toMatchObject({ written: false, rows: 4, created: 1, updated: 0 });
      const byRow = (row: number) => report.body.errors.filter((e) => e.row === row).map((e) => `${e.field}: ${e.message}`);
      expect(byRow(2)).toEqual([]);
      expect(byRow(3)).toEqual(['ref: repeats the ref of row 2; a ref may appear once per file']);
      expect(byRow(4)).toEqual(expect.arrayContaining([
        'ref: must be R- followed by a number (R-0001), or empty for a new risk',
        expect.stringMatching(/^category: must be one of: cyber, /),
        'status: must be one of: open, closed',
        'treatment_option: must be one of: mitigate, accept, transfer, avoid',
        'assets: "Twin PC [endpoint]" names 2 assets of this organization; give them external references and use those',
        expect.stringMatching(/^assets: "NOPE-1" is not an asset of this organization/),
        'owner_email: "stranger@example.org" is not a member of this organization or of its group',
        'inherent_likelihood: must be a whole number from 1 to 5',
        expect.stringMatching(/^inherent_reputation: is not a dimension of this method/),
        'threat_id: "hicp.nope" is not a threat of the catalogue or of your own entries',
        'threat_source_ids: item 1: "source.nope" is not a threat source of the catalogue or of your own entries',
        'vulnerability_ids: item 2: "vuln.nope" is not a vulnerability of the catalogue or of your own entries',
        'current_likelihood: is required when the current stage rates an impact',
      ]));
      expect(byRow(5)).toEqual([expect.stringMatching(/^current_likelihood: /)]);
      expect(await state(org.id)).toEqual(before);
    });

    it('stores formula-like values as plain text and neutralises them again on export', async () => {
      const org = await buildOrganization(t.ctx);
      const who = await member(org.id);
      const csv = `title,category,description,treatment_rationale\n"=HYPERLINK(""http://x"")",cyber,+1,'=quoted\n"-1; DROP TABLE risks",privacy,@SUM(A1),\n`;
      expect((await upload(org.id, csv, '', 'text/csv', who)).body).toMatchObject({ written: true, created: 2 });
      const json = JSON.parse((await exportFile(org.id, 'json', who)).body) as Record<string, unknown>[];
      expect(json.map((r) => [r.title, r.description, r.treatment_rationale])).toEqual([['=HYPERLINK("http://x")', '+1', '=quoted'], ['-1; DROP TABLE risks', '@SUM(A1)', '']]);
      const csvOut = (await exportFile(org.id, 'csv', who)).body;
      expect(csvOut).toContain(`R-0001,"'=HYPERLINK(""http://x"")",'+1,cyber,open,,,,,,,'=quoted,`);
      expect(csvOut).toContain(`R-0002,'-1; DROP TABLE risks,'@SUM(A1),privacy,`);
    });
  });

  describe('hostile files: a clear error, and nothing written', () => {
    let org: { id: string };
    let who: Credentials;
    beforeAll(async () => {
      org = await buildOrganization(t.ctx);
      who = await member(org.id);
    });
    async function refused(body: Buffer | string, query: string, contentType: string) {
      const before = await state(org.id);
      const response = await upload(org.id, body, query, contentType, who);
      expect(await state(org.id)).toEqual(before);
      return response;
    }

    it('refuses UTF-16 and Latin-1 as not UTF-8, and accepts a UTF-8 BOM', async () => {
      const utf16 = await refused(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('title,category\nPump,clinical\n', 'utf16le')]), '', 'text/csv');
      expect(utf16.status).toBe(400);
      expect(utf16.body.error!.message).toMatch(/^file: is not UTF-8 text \(it is UTF-16\)/);
      const latin1 = await refused(Buffer.from('title,category\nCaf\u00e9 outage,operational\n', 'latin1'), '', 'text/csv');
      expect(latin1.body.error!.message).toMatch(/^file: is not UTF-8 text/);
      const bom = await upload(org.id, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('title,category\nCafé outage,operational\n')]), 'dryRun=yes', 'text/csv', who);
      expect(bom.body).toMatchObject({ rows: 1, created: 1, errorCount: 0 });
    });

    it('refuses a file without a required column, with an unknown or repeated column, or broken CSV', async () => {
      const missing = await refused('ref,title\nR-0001,Pump\n', '', 'text/csv');
      expect(missing.status).toBe(400);
      expect(missing.body.error!.message).toBe('file: is missing the required column "category"');
      const unknown = await refused('title,category,colour\nPump,clinical,red\n', '', 'text/csv');
      expect(unknown.body.error!.message).toMatch(/^file: has an unknown column "colour"/);
      const twice = await refused('title,category,title\nPump,clinical,x\n', '', 'text/csv');
      expect(twice.body.error!.message).toBe('file: has the column "title" twice');
      const broken = await refused('title,category\n"Pump,clinical\n', '', 'text/csv');
      expect(broken.body.error!.message).toMatch(/^file: is not valid CSV/);
    });

    it('refuses JSON that is not an array of risks, a workbook sent as CSV and an old .xls; reads a workbook with a formula as a row problem', async () => {
      expect((await refused('{"title":"x"}', '', 'application/json')).body.error!.message).toBe('file: must be a JSON array of risks, as exported');
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Risks');
      sheet.addRow(['title', 'category', 'current_likelihood', 'current_availability']);
      sheet.addRow(['Outage', 'operational', { formula: '1+1', result: 2 }, 3]);
      const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
      expect((await refused(bytes, 'format=csv', 'text/csv')).body.error!.message).toBe('file: is an XLSX workbook (a ZIP archive), not CSV text; import it as xlsx');
      const formula = await refused(bytes, '', XLSX);
      expect(formula.body).toMatchObject({ written: false, errors: [{ row: 2, field: 'current_likelihood', message: 'is a formula; enter the value itself (values are imported as data, never evaluated)' }] });
      expect((await refused(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64)]), '', 'application/vnd.ms-excel')).body.error!.message).toBe('file: is an old Excel workbook (.xls); save it as .xlsx or as CSV UTF-8');
      expect((await refused(Buffer.from('title,category\n'), 'format=xlsx', XLSX)).body.error!.message).toBe('file: is not an XLSX workbook (not a ZIP archive)');
    });

    it('refuses a body over the import limit with 413', async () => {
      const big = await refused(Buffer.alloc(33 * 1024 * 1024, 'a'), '', 'text/csv');
      expect(big.status).toBe(413);
    });
  });

  it('lets a reader export but not import', async () => {
    const auditor = await member(source.id, 'auditor');
    expect((await upload(source.id, 'title,category\nX,cyber\n', '', 'text/csv', auditor)).status).toBe(403);
    expect((await exportFile(source.id, 'csv', auditor)).statusCode).toBe(200);
  });
});
