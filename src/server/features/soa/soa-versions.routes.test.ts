import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildOrganization, buildSession, type Credentials } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { buildControl, countEvents, ensureAnnexA } from './soa-test-support.js';
import { canonicalSnapshot } from './soa-version.service.js';

describe('SoA versions, approval, comparison and exports', () => {
  let t: TestApp;
  let orgId: string;
  let admin: Credentials;
  let boardMember: Credentials;
  let boardMemberId: string;
  let manager: Credentials;
  const orgName = 'Harbourside Hospital';
  const url = (path = '') => `/api/v1/orgs/${orgId}/soa${path}`;
  const patch = (ref: string, body: Record<string, unknown>) => request(t.app, 'PATCH', url(`/entries/${ref}`), { headers: manager.mutationHeaders, body });
  const download = async (query: string) => {
    const response = await t.app.inject({ method: 'GET', url: url(`/export?${query}`), headers: admin.headers });
    return { status: response.statusCode, headers: response.headers, bytes: response.rawPayload, body: response.body };
  };

  beforeAll(async () => {
    t = await createTestApp();
    await ensureAnnexA(t.ctx);
    orgId = (await buildOrganization(t.ctx, { name: orgName })).id;
    admin = await buildSession(t.ctx, (await buildMember(t.ctx, orgId, 'admin', { displayName: 'Ada Admin' })).id);
    boardMemberId = (await buildMember(t.ctx, orgId, 'top_management', { displayName: 'Bea Board' })).id;
    boardMember = await buildSession(t.ctx, boardMemberId);
    manager = await buildSession(t.ctx, (await buildMember(t.ctx, orgId, 'isms_manager', { displayName: 'Max Manager' })).id);
    await buildControl(t.ctx, { organizationId: orgId, code: 'HC-10', name: 'Access reviews', status: 'implemented', refs: ['A.5.18'] });
    await patch('A.5.18', { inclusionReasons: ['legal_regulatory', 'risk_treatment'], inclusionJustification: '=HYPERLINK("http://evil.example","click")' });
    await patch('A.7.4', { applicable: false, exclusionJustification: '@SUM(1+1) no premises under our control' });
  });
  afterAll(() => t.close());

  it('publishes a frozen snapshot with its SHA-256; later edits do not change it', async () => {
    const published = await request(t.app, 'POST', url('/versions'), { headers: admin.mutationHeaders, body: { note: 'First SoA' } });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body).toMatchObject({ number: 1, rows: 93, applicable: 92, implemented: 1, approvedAt: null, publishedBy: { name: 'Ada Admin' }, note: 'First SoA' });
    await patch('A.5.18', { inclusionJustification: 'Changed after publication' });
    const version = await request(t.app, 'GET', url('/versions/1'), { headers: manager.headers });
    expect(version.body.snapshot).toMatchObject({ organizationName: orgName, number: 1, format: 'custos-soa/1' });
    const frozen = version.body.snapshot.rows.find((r: { ref: string }) => r.ref === 'A.5.18');
    expect(frozen.inclusionJustification).toBe('=HYPERLINK("http://evil.example","click")');
    expect(frozen.controls[0]).toMatchObject({ code: 'HC-10', status: 'implemented' });
    expect(crypto.createHash('sha256').update(canonicalSnapshot(version.body.snapshot)).digest('hex')).toBe(version.body.sha256);
    const list = await request(t.app, 'GET', url(), { headers: manager.headers });
    expect(list.body).toMatchObject({ hasUnpublishedChanges: true, lastPublished: { number: 1 } });
    expect(await countEvents(t.ctx, orgId, 'soa.published')).toBe(1);
  });

  it('compares the last published version with the draft, and two versions', async () => {
    const diff = await request(t.app, 'GET', url('/diff'), { headers: manager.headers });
    expect(diff.body.from).toEqual({ label: 'Version 1', number: 1 });
    expect(diff.body.to).toEqual({ label: 'Current draft', number: null });
    expect(diff.body.changes).toHaveLength(1);
    expect(diff.body.changes[0]).toMatchObject({ ref: 'A.5.18', fields: ['inclusionJustification'], after: { inclusionJustification: 'Changed after publication' } });
    const published = await request(t.app, 'POST', url('/versions'), { headers: manager.mutationHeaders, body: {} });
    expect(published.body.number).toBe(2);
    const between = await request(t.app, 'GET', url('/diff?from=1&to=2'), { headers: manager.headers });
    expect(between.body.changes.map((c: { ref: string }) => c.ref)).toEqual(['A.5.18']);
    const none = await request(t.app, 'GET', url('/diff?from=2'), { headers: manager.headers });
    expect(none.body.changes).toEqual([]);
    expect((await request(t.app, 'GET', url(), { headers: manager.headers })).body.hasUnpublishedChanges).toBe(false);
    expect((await request(t.app, 'GET', url('/diff?from=9'), { headers: manager.headers })).status).toBe(404);
  });

  it('approval: needs soa.approve, never by the publisher, only the latest version, once', async () => {
    const notAllowed = await request(t.app, 'POST', url('/versions/2/approve'), { headers: manager.mutationHeaders, body: {} });
    expect(notAllowed.status).toBe(403);
    expect(notAllowed.body.error.code).toBe('permission_denied');
    const superseded = await request(t.app, 'POST', url('/versions/1/approve'), { headers: boardMember.mutationHeaders, body: {} });
    expect(superseded.status).toBe(409);
    expect(superseded.body.error.message).toMatch(/superseded by version 2/);
    // Version 3 published by the admin, who also holds soa.approve: segregation of duties refuses them.
    const v3 = await request(t.app, 'POST', url('/versions'), { headers: admin.mutationHeaders, body: { note: 'Annual review' } });
    expect(v3.body.number).toBe(3);
    const self = await request(t.app, 'POST', url('/versions/3/approve'), { headers: admin.mutationHeaders, body: {} });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/^segregation of duties \(A\.5\.3\)/);
    const approved = await request(t.app, 'POST', url('/versions/3/approve'), { headers: boardMember.mutationHeaders, body: { note: 'Approved at the board meeting' } });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ number: 3, approvedBy: { id: boardMemberId, name: 'Bea Board' }, approvalNote: 'Approved at the board meeting' });
    const twice = await request(t.app, 'POST', url('/versions/3/approve'), { headers: boardMember.mutationHeaders, body: {} });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/already approved/);
    expect(await countEvents(t.ctx, orgId, 'soa.approved')).toBe(1);
    const versions = await request(t.app, 'GET', url('/versions'), { headers: manager.headers });
    expect(versions.body.items.map((v: { number: number; approvedAt: string | null }) => [v.number, Boolean(v.approvedAt)])).toEqual([[3, true], [2, false], [1, false]]);
  });

  it('exports a version as XLSX: header block, the frozen rows, values never formulas', async () => {
    const file = await download('format=xlsx&version=3');
    expect(file.status).toBe(200);
    expect(String(file.headers['content-disposition'])).toBe('attachment; filename="soa-harbourside-hospital-v3.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets).toHaveLength(1);
    const sheet = workbook.worksheets[0]!;
    const cells: string[][] = [];
    sheet.eachRow((r) => cells.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    expect(cells[1]).toEqual(['Organization', orgName]);
    expect(cells[2]).toEqual(['Version', 'Version 3']);
    expect(cells[4]![1]).toMatch(/^Approved by Bea Board on /);
    const header = cells.findIndex((r) => r[0] === 'Annex A');
    expect(cells[header]).toEqual(['Annex A', 'Control (short title)', 'Theme', 'Applicable', 'Justification', 'Implementation status', 'Controls', 'Risks', 'Evidence']);
    expect(cells.length - header - 1).toBe(93);
    const a518 = cells.find((r) => r[0] === 'A.5.18')!;
    const title = (await t.ctx.database.db.selectFrom('requirements' as never).select('title' as never).where('id' as never, '=', 'iso27001-2022:A.5.18' as never).executeTakeFirstOrThrow()) as { title: string };
    expect(a518).toEqual(['A.5.18', title.title, 'Organizational (A.5)', 'Yes', 'Legal or regulatory; Risk treatment — Changed after publication', 'Implemented', 'HC-10 Access reviews', '—', '0']);
    expect(cells.find((r) => r[0] === 'A.7.4')!.slice(3, 6)).toEqual(['No', 'Excluded: @SUM(1+1) no premises under our control', 'Not applicable']);
    sheet.eachRow((r) => r.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('neutralises formula-like text in every cell, and exports the draft when no version is given', async () => {
    await patch('A.5.18', { inclusionReasons: [], inclusionJustification: null });
    await patch('A.5.19', { applicable: false, exclusionJustification: 'x' });
    await t.ctx.database.db.updateTable('organizations').set({ name: '=cmd|calc Clinic' }).where('id', '=', orgId).execute();
    const file = await download('format=xlsx');
    expect(String(file.headers['content-disposition'])).toMatch(/^attachment; filename="soa-cmd-calc-clinic-draft-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('B2').value).toBe("'=cmd|calc Clinic");
    expect(sheet.getCell('B3').value).toBe('Draft (not published)');
    expect(sheet.getCell('B5').value).toBe('Draft — not approved');
    await t.ctx.database.db.updateTable('organizations').set({ name: orgName }).where('id', '=', orgId).execute();
  });

  it('exports a PDF (landscape A4, several pages, the organization in its metadata) and records every export', async () => {
    const file = await download('format=pdf&version=3');
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    const text = file.bytes.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(file.bytes.length).toBeGreaterThan(20_000);
    const pages = Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(text).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    // The document title in the metadata is UTF-16BE (it holds an em dash): compare without the zero bytes.
    expect(text.split('\u0000').join('')).toContain(`Statement of Applicability — ${orgName} — Version 3`.replace(/—/g, ' \u0014'));
    const draft = await download('format=pdf');
    expect(draft.bytes.toString('latin1').startsWith('%PDF-')).toBe(true);
    expect((await download('format=pdf&version=7')).status).toBe(404);
    expect((await download('format=docx')).status).toBe(400);
    expect(await countEvents(t.ctx, orgId, 'soa.exported')).toBe(4);
  });
});
