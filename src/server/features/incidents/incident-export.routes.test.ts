import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../kernel/clock.js';
import { buildOrganization } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { buildIncidentMember, recordAssessment, type TestMember } from './incident-test-support.js';
import { incidentDb } from './incident.repository.js';

const HEADER = 'Reference,Title,Category,Status,Severity,Reported,HIPAA discovery,Handler,Individuals affected,HIPAA conclusion,GDPR conclusion,Open obligations,Overdue obligations,Next due,Archived,Last changed';
const SECRETS = ['DESC-MARKER-7f3a', 'PHI-MARKER-91c2', 'RCA-MARKER-5d0e', 'LESSON-MARKER-a8b4'];

describe('GET /api/v1/orgs/:orgId/incidents/export (the register as a file)', () => {
  const now = '2026-06-15T12:00:00.000Z';
  let t: TestApp;
  let orgId: string;
  let otherOrgId: string;
  let handler: TestMember;
  let privacy: TestMember;
  let staff: TestMember;
  let otherHandler: TestMember;
  const url = (path: string, org = orgId) => `/api/v1/orgs/${org}${path}`;
  const download = async (query: string, who: TestMember = privacy) => {
    const response = await t.app.inject({ method: 'GET', url: url(`/incidents/export?${query}`), headers: who.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response;
  };
  const csvLines = (body: string) => body.replace(/^\uFEFF/, '').trim().split('\r\n').flatMap((l) => l.split('\n'));
  const create = async (body: Record<string, unknown>, who: TestMember = handler, org = orgId) => {
    const response = await request(t.app, 'POST', url('/incidents', org), { headers: who.mutationHeaders, body: { category: 'phishing', ...body } });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.id as string;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: new ManualClock(now) });
    orgId = (await buildOrganization(t.ctx, { name: 'Export Test Clinic' })).id;
    otherOrgId = (await buildOrganization(t.ctx, { name: 'Other Hospital' })).id;
    handler = await buildIncidentMember(t.ctx, orgId, 'isms_manager', 'Hana Handler');
    privacy = await buildIncidentMember(t.ctx, orgId, 'privacy_officer', 'Pia Privacy');
    staff = await buildIncidentMember(t.ctx, orgId, 'staff', 'Sam Staff');
    otherHandler = await buildIncidentMember(t.ctx, otherOrgId, 'isms_manager', 'Otto Other');
    const a = await create({
      title: 'Ransomware on the lab server', category: 'malware', severity: 'critical', handlerUserId: privacy.id, discoveredAt: '2026-03-01T09:00:00.000Z', individualsTotal: 40,
      description: SECRETS[0], phiDetails: SECRETS[1], rootCauseAnalysis: SECRETS[2],
    });
    await recordAssessment(t.ctx, a, { hipaaConclusion: 'breach', gdprConclusion: 'no_breach' });
    await create({ title: '=HYPERLINK("http://evil.example","click")', severity: 'low' });
    const c = await create({ title: 'Lost badge', category: 'lost_stolen_device', severity: 'moderate' });
    const closed = await request(t.app, 'POST', url(`/incidents/${c}/transition`), { headers: handler.mutationHeaders, body: { to: 'closed', lessonsLearned: SECRETS[3] } });
    expect(closed.status, closed.text).toBe(200);
    await create({ title: 'Foreign incident of another hospital' }, otherHandler, otherOrgId);
  });
  afterAll(() => t.close());

  it('exports CSV with exactly the 16 register columns, labels and neutralised formulas', async () => {
    const response = await download('format=csv&sort=ref&dir=asc');
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="incidents-export-test-clinic-2026-06-15.csv"');
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    const lines = csvLines(response.body);
    expect(lines[0]).toBe(HEADER);
    expect(lines).toHaveLength(4);
    // Labels for vocabularies and the org's severity; instants as stored; counts as numbers; no archive date.
    expect(lines[1]).toMatch(/^INC-0001,Ransomware on the lab server,Ransomware \/ malware,Reported,Critical,2026-06-15T12:00:00\.000Z,2026-03-01T09:00:00\.000Z,Pia Privacy,40,Breach of unsecured PHI,Not a personal data breach,\d+,\d+,[0-9T:.Z-]+,,2026-06-15T12:00:00\.000Z$/);
    expect(lines[2]).toMatch(/^INC-0002,"'=HYPERLINK\(/);
    expect(lines[3]).toMatch(/^INC-0003,Lost badge,/);
    expect(lines.join('\n')).not.toContain('Foreign incident');
  });

  it('limits the rows to the filters of the register', async () => {
    let lines = csvLines((await download('status=closed')).body);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['INC-0003']);
    lines = csvLines((await download('q=ransomware')).body);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['INC-0001']);
  });

  it('never exports encrypted contents (description, PHI details, root cause, lessons learned)', async () => {
    for (const format of ['csv', 'json', 'xlsx']) {
      const response = await download(`format=${format}`);
      for (const secret of SECRETS) expect(response.rawPayload.includes(Buffer.from(secret)), `${format}: ${secret}`).toBe(false);
    }
  });

  it('exports XLSX with one frozen sheet "Incidents" and the rows', async () => {
    const response = await download('format=xlsx&sort=ref&dir=asc');
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Incidents']);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).font).toMatchObject({ bold: true });
    expect((sheet.getRow(1).values as unknown[]).slice(1).join(',')).toBe(HEADER);
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(2).getCell(1).value).toBe('INC-0001');
    expect(sheet.getRow(2).getCell(9).value).toBe(40);
    expect(String(sheet.getRow(3).getCell(2).value).startsWith("'=")).toBe(true);
  });

  it('exports JSON whose items are the list endpoint items for the same filters', async () => {
    const query = 'status=open&sort=title&dir=asc';
    const exported = JSON.parse((await download(`format=json&${query}`)).body) as { organization: unknown; exportedAt: string; filters: Record<string, unknown>; items: unknown[] };
    const listed = await request(t.app, 'GET', url(`/incidents?${query}&pageSize=200`), { headers: privacy.headers });
    expect(listed.status).toBe(200);
    expect(exported.items).toHaveLength(2);
    expect(exported.items).toEqual(listed.body.items);
    expect(exported.organization).toEqual({ id: orgId, name: 'Export Test Clinic' });
    expect(exported.exportedAt).toBe(now);
    expect(exported.filters).toMatchObject({ status: 'open', sort: 'title', dir: 'asc', archived: 'exclude' });
    expect(exported.filters).not.toHaveProperty('format');
    expect(exported.filters).not.toHaveProperty('page');
  });

  it('records an incident.register_exported event with the format, row count and filters', async () => {
    await download('format=csv&status=closed');
    const events = await incidentDb(t.ctx.database.db).selectFrom('audit_events').selectAll().where('type', '=', 'incident.register_exported').where('subject_id', '=', orgId).orderBy('seq').execute();
    const last = events.at(-1)!;
    expect(last).toMatchObject({ organization_id: orgId, subject_type: 'organization' });
    expect(JSON.parse(last.changes!)).toMatchObject({ format: 'csv', rows: 1, filters: { status: 'closed' } });
    expect(JSON.parse(last.changes!).bytes).toBeGreaterThan(HEADER.length);
  });

  it('refuses a staff member and never shows another organization\'s incidents', async () => {
    const refused = await t.app.inject({ method: 'GET', url: url('/incidents/export?format=csv'), headers: staff.headers });
    expect(refused.statusCode).toBe(403);
    const foreign = await t.app.inject({ method: 'GET', url: url('/incidents/export?format=json', otherOrgId), headers: privacy.headers });
    expect([403, 404]).toContain(foreign.statusCode);
    const own = await t.app.inject({ method: 'GET', url: url('/incidents/export?format=json', otherOrgId), headers: otherHandler.headers });
    expect(own.statusCode).toBe(200);
    expect((JSON.parse(own.body) as { items: { title: string }[] }).items.map((i) => i.title)).toEqual(['Foreign incident of another hospital']);
  });

  it('refuses an unknown format', async () => {
    const response = await request(t.app, 'GET', url('/incidents/export?format=pdf'), { headers: privacy.headers });
    expect(response.status).toBe(400);
  });
});
