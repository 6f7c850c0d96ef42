import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZCreateControlRequest } from '../../../shared/contracts/controls.js';
import { ZCreateAcceptanceRequest, ZCreateRiskRequest, ZCreateRiskTaskRequest } from '../../../shared/contracts/risks.js';
import { ROLE_PERMISSIONS, type Role } from '../../../shared/permissions.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import { ManualClock } from '../../kernel/clock.js';
import { buildMember, buildOrganization, buildSession, TEST_ACTOR, type Credentials } from '../../testing/factories.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { createControl } from '../controls/index.js';
import { createAcceptance } from './risk-acceptance.service.js';
import { createTask } from './risk-tasks.service.js';
import { linkControls } from './risk-treatment.service.js';
import { createRisk } from './risk.service.js';
import { PLAN_COLUMNS, TASK_COLUMNS } from './treatment-plan-xlsx.js';

/**
 * The text a PDF shows, page by page: content streams inflated, glyph codes mapped back to characters through
 * each font's ToUnicode CMap (pdfmake embeds subset fonts with Identity-H, so the bytes are glyph ids, not text).
 * One line per baseline.
 */
export function pdfText(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const objects = new Map<string, { dict: string; data: Buffer | null }>();
  for (const m of text.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const at = body.indexOf('stream');
    let data: Buffer | null = null;
    if (at >= 0) {
      const start = body.indexOf('\n', at) + 1;
      data = Buffer.from(body.slice(start, body.lastIndexOf('endstream')), 'latin1');
      try {
        data = zlib.inflateSync(data);
      } catch {
        /* not deflated */
      }
    }
    objects.set(m[1]!, { dict: at >= 0 ? body.slice(0, at) : body, data });
  }
  const hex = (h: string) => parseInt(h, 16);
  const cmapOf = (fontId: string): Map<number, string> => {
    const map = new Map<number, string>();
    const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontId)?.dict ?? '')?.[1];
    const cmap = ref ? (objects.get(ref)?.data?.toString('latin1') ?? '') : '';
    const utf16 = (h: string) => String.fromCharCode(...(h.match(/.{4}/g) ?? []).map(hex));
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) for (const [, src, dst] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(hex(src!), utf16(dst!));
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const [, lo, hi, dst] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
        const list = dst!.startsWith('[') ? [...dst!.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => utf16(x[1]!)) : null;
        for (let code = hex(lo!); code <= hex(hi!); code += 1) map.set(code, list ? (list[code - hex(lo!)] ?? '') : String.fromCharCode(hex(dst!.slice(1, -1)) + code - hex(lo!)));
      }
    }
    return map;
  };
  const pages: string[] = [];
  for (const page of [...objects.values()].filter((o) => /\/Type \/Page\b/.test(o.dict))) {
    const resources = objects.get(/\/Resources (\d+) 0 R/.exec(page.dict)?.[1] ?? '')?.dict ?? page.dict;
    const fonts = new Map([...(/\/Font <<([\s\S]*?)>>/.exec(resources)?.[1] ?? '').matchAll(/\/(\w+) (\d+) 0 R/g)].map(([, name, id]) => [name!, cmapOf(id!)]));
    const content = objects.get(/\/Contents (\d+) 0 R/.exec(page.dict)?.[1] ?? '')?.data?.toString('latin1') ?? '';
    // pdfmake writes a text object per word; words of one line share the baseline (the y of their Tm).
    let font = new Map<number, string>();
    let y: string | null = null;
    let out = '';
    for (const token of content.matchAll(/\/(\w+) [\d.]+ Tf|[\d.-]+ ([\d.-]+) Tm|<([0-9a-fA-F]*)>/g)) {
      if (token[1]) font = fonts.get(token[1]) ?? new Map();
      else if (token[2] !== undefined) {
        if (y !== null && token[2] !== y) out += '\n';
        y = token[2];
      } else out += (token[3]!.match(/.{4}/g) ?? []).map((code) => font.get(hex(code)) ?? '').join('');
    }
    pages.push(out);
  }
  return pages.join('\n');
}

describe('GET /api/v1/orgs/:orgId/risks/treatment-plan', () => {
  let t: TestApp;
  let org: { id: string; name: string };
  let admin: Credentials;
  const clock = new ManualClock(new Date('2026-11-29T10:00:00Z'));
  const access = (role: Role = 'admin'): OrgAccess => ({ organizationId: org.id, organizationName: org.name, mfaRequired: false, isDemo: false, timeZone: 'UTC', role, permissions: [...ROLE_PERMISSIONS[role]] });
  const download = (query: string, who = admin) => t.app.inject({ method: 'GET', url: `/api/v1/orgs/${org.id}/risks/treatment-plan?${query}`, headers: who.headers });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    org = await buildOrganization(t.ctx, { name: 'Plan Hospital' });
    admin = await buildSession(t.ctx, (await buildMember(t.ctx, org.id, 'admin')).id);
    const owner = await buildMember(t.ctx, org.id, 'risk_owner', { displayName: 'Olive Owner' });
    const ownerActor: AuditActor = { ...TEST_ACTOR, userId: owner.id, label: 'Olive Owner' };
    const backups = await createControl(t.ctx, access(), TEST_ACTOR, ZCreateControlRequest.parse({ code: 'HC-54', name: 'Tested, isolated backups', category: 'technological', status: 'implemented', implementedOn: '2026-01-15', effectiveness: 'effective', lastTestedOn: '2026-06-01', inheritable: false }));
    const segmentation = await createControl(t.ctx, access(), TEST_ACTOR, ZCreateControlRequest.parse({ code: 'HC-56', name: 'Network segmentation', category: 'technological', status: 'in_progress', inheritable: false }));

    const ransomware = await createRisk(t.ctx, access(), TEST_ACTOR, ZCreateRiskRequest.parse({
      title: 'Ransomware encrypts the EHR', category: 'cyber', ownerUserId: owner.id, treatmentOption: 'mitigate', treatmentRationale: 'Segment the network; isolate backups.',
      current: { likelihood: 4, impacts: { availability: 4, patient_safety: 3 } }, residual: { likelihood: 2, impacts: { availability: 2 } },
    }));
    await linkControls(t.ctx, access(), TEST_ACTOR, ransomware.id, [backups.id, segmentation.id]);
    const task = (input: Record<string, unknown>) => createTask(t.ctx, access(), TEST_ACTOR, ransomware.id, ZCreateRiskTaskRequest.parse(input));
    await task({ title: 'Segment VLAN 40', ownerUserId: owner.id, dueOn: '2026-10-31', costOneOff: 12000, costYearly: 1500.5, status: 'in_progress' });
    await task({ title: 'Quarterly restore test', dueOn: '2026-09-30', costYearly: 800, status: 'done' });
    await task({ title: 'Buy a second tape library', dueOn: '2027-03-31', costOneOff: 50000, status: 'cancelled' });

    const lost = await createRisk(t.ctx, access(), TEST_ACTOR, ZCreateRiskRequest.parse({
      title: 'Lost laptop (encrypted)', category: 'privacy', ownerUserId: owner.id, treatmentOption: 'accept', treatmentRationale: 'Disk encryption makes a loss a non-event.',
      current: { likelihood: 2, impacts: { confidentiality: 2 } },
    }));
    await createAcceptance(t.ctx, access('risk_owner'), ownerActor, lost.id, ZCreateAcceptanceRequest.parse({ rationale: 'Encrypted disks; residual risk is low.', expiresOn: '2027-11-28', riskVersion: lost.version }));
    await createRisk(t.ctx, access(), TEST_ACTOR, ZCreateRiskRequest.parse({ title: 'Closed: fax machine', category: 'privacy', status: 'closed' }));
  });
  afterAll(() => t.close());

  it('XLSX: the open risks with levels, treatment, controls, tasks (overdue marked), acceptance and cost totals of the tasks not cancelled', async () => {
    const response = await download('format=xlsx');
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe('attachment; filename="risk-treatment-plan-plan-hospital-2026-11-29.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const [plan, tasks] = workbook.worksheets;
    const rows: unknown[][] = [];
    plan!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows.slice(1, 5)).toEqual([['Organization', 'Plan Hospital'], ['Risk method', 'Healthcare 5 × 5, version 1'], ['Date', '2026-11-29'], ['Generated', '2026-11-29 10:00 UTC']]);
    const header = rows.findIndex((r) => r[0] === 'Ref');
    expect(rows[header]).toEqual([...PLAN_COLUMNS]);
    const body = rows.slice(header + 1);
    expect(body.map((r) => r[0])).toEqual(['R-0001', 'R-0002', 'Total']);
    const r1 = body[0]!;
    expect(r1.slice(0, 8)).toEqual(['R-0001', 'Ransomware encrypts the EHR', 'Cyber security', 'Olive Owner', 'High', 'Low', 'Mitigate', 'Segment the network; isolate backups.']);
    expect(r1[8]).toBe('HC-54 Tested, isolated backups (Implemented; Effective)\nHC-56 Network segmentation (In progress; Not assessed)');
    expect(String(r1[9])).toContain('Segment VLAN 40 — In progress; Olive Owner; due 2026-10-31 (OVERDUE); 12,000.00 one-off, 1,500.50 a year');
    expect(r1.slice(10, 12)).toEqual([12000, 2300.5]);
    expect(body[1]![12]).toMatch(/^Accepted \(Low\) by Olive Owner, Risk owner, on 2026-11-29, until 2027-11-28$/);
    expect(body[2]!.slice(10, 12)).toEqual([12000, 2300.5]);
    const taskRows: unknown[][] = [];
    tasks!.eachRow((row) => taskRows.push((row.values as unknown[]).slice(1)));
    expect(taskRows[0]).toEqual([...TASK_COLUMNS]);
    expect(taskRows.slice(1, 4).map((r) => [r[1], r[5]])).toEqual([['Quarterly restore test', 'no'], ['Segment VLAN 40', 'yes'], ['Buy a second tape library', 'no']]);
  });

  it('PDF: %PDF-, landscape A4, headed with the organization, the method version and the date; holds the open risks\' refs', async () => {
    const response = await download('format=pdf');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const bytes = response.rawPayload;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    const text = pdfText(bytes);
    expect(text).toContain('Risk treatment plan');
    expect(text).toContain('Plan Hospital');
    expect(text).toContain('Healthcare 5 × 5, version 1');
    expect(text).toContain('2026-11-29');
    // A table row starts with the ref cell, then the risk's title on the same baseline.
    expect(text).toMatch(/^R-0001Ransomware encrypts the EHR$/m);
    expect(text).toMatch(/^R-0002Lost laptop \(encrypted\)$/m);
    expect(text).toMatch(/^HighLowMitigate$/m);
    expect(text).not.toContain('R-0003');
    expect(text).toContain('(OVERDUE)');
    expect(text).toMatch(/Accepted \(Low\) by Olive\s*Owner, Risk owner, on\s*2026-11-29, until 2027-11-28/);
    expect(text).toContain('2 open risks; 3 treatment tasks (1 open, 1 overdue); costs 12,000.00 one-off and 2,300.50 a year (tasks not cancelled).');
  });

  it('records each download, takes pdf by default, refuses another format and a role without risk.read', async () => {
    const before = await t.ctx.database.db.selectFrom('audit_events').select('changes').where('chain_id', '=', org.id).where('type', '=', 'risks.exported').execute();
    expect((await download('')).headers['content-type']).toBe('application/pdf');
    const after = await t.ctx.database.db.selectFrom('audit_events').select('changes').where('chain_id', '=', org.id).where('type', '=', 'risks.exported').execute();
    expect(after.length).toBe(before.length + 1);
    expect(JSON.parse(after.at(-1)!.changes!)).toMatchObject({ document: 'treatment_plan', format: 'pdf', rows: 2, methodVersion: 1 });
    expect((await download('format=docx')).statusCode).toBe(400);
    const staff = await buildSession(t.ctx, (await buildMember(t.ctx, org.id, 'staff')).id);
    expect((await download('format=pdf', staff)).statusCode).toBe(403);
    const auditor = await buildSession(t.ctx, (await buildMember(t.ctx, org.id, 'auditor')).id);
    expect((await download('format=xlsx', auditor)).statusCode).toBe(200);
  });
});
