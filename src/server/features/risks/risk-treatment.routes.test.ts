import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildMembership, buildOrganization, buildSession, type Credentials } from '../../testing/factories.js';
import { request } from '../../testing/http.js';
import { AT_LEVEL, treatmentWorld, type TreatmentWorld } from './risk-treatment-test-support.js';

describe('risk treatment API', () => {
  let w: TreatmentWorld;
  let manager: Credentials;
  let groupId: string;
  let siteId: string;
  let siteManager: Credentials;
  let groupManager: Credentials;

  const createControl = async (body: Record<string, unknown>, org: string, creds: Credentials) => {
    const response = await request(w.t.app, 'POST', `/api/v1/orgs/${org}/controls`, { headers: creds.mutationHeaders, body: { category: 'technological', ...body } });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body as { id: string; code: string };
  };

  beforeAll(async () => {
    w = await treatmentWorld('2026-03-10T20:00:00.000Z');
    manager = w.people.isms_manager.creds;
    groupId = (await buildOrganization(w.t.ctx, { name: 'Treatment Group', kind: 'group' })).id;
    siteId = (await buildOrganization(w.t.ctx, { name: 'Treatment Site Clinic', kind: 'clinic', parentId: groupId })).id;
    const groupUser = await buildMember(w.t.ctx, groupId, 'isms_manager');
    groupManager = await buildSession(w.t.ctx, groupUser.id);
    siteManager = await buildSession(w.t.ctx, (await buildMember(w.t.ctx, siteId, 'isms_manager')).id);
    // The group's ISMS manager also reads the site (task board with includeSites).
    await buildMembership(w.t.ctx, { organizationId: siteId, userId: groupUser.id, role: 'auditor' });
  });
  afterAll(() => w.t.close());

  describe('linked controls', () => {
    it('links own and inherited controls, idempotently, and the risk detail and control detail show each other', async () => {
      const own = await createControl({ name: 'Immutable backups', status: 'implemented', implementedOn: '2026-01-05' }, siteId, siteManager);
      const inherited = await createControl({ name: 'Group EDR', inheritable: true }, groupId, groupManager);
      const risk = await w.createRisk({ title: 'Ransomware on the EHR', current: AT_LEVEL.high, ownerUserId: null }, siteId, siteManager);

      const linked = await request(w.t.app, 'POST', w.url(`/risks/${risk.id}/controls`, siteId), { headers: siteManager.mutationHeaders, body: { controlIds: [own.id, inherited.id, own.id] } });
      expect(linked.status, JSON.stringify(linked.body)).toBe(200);
      expect(linked.body.controls.map((c: { id: string }) => c.id).sort()).toEqual([own.id, inherited.id].sort());
      expect(linked.body.controls.find((c: { id: string }) => c.id === own.id)).toMatchObject({ status: 'implemented', effectiveness: 'not_assessed', organizationId: siteId });
      expect(linked.body.controls.find((c: { id: string }) => c.id === inherited.id)).toMatchObject({ status: 'planned', organizationId: groupId });

      // Again: nothing new, no second event.
      const again = await request(w.t.app, 'POST', w.url(`/risks/${risk.id}/controls`, siteId), { headers: siteManager.mutationHeaders, body: { controlIds: [own.id] } });
      expect(again.status).toBe(200);
      expect(again.body.controls).toHaveLength(2);
      const linkEvents = await w.t.ctx.database.db.selectFrom('audit_events').select('changes').where('type', '=', 'risk.controls_linked').where('subject_id', '=', risk.id).execute();
      expect(linkEvents).toHaveLength(1);
      expect(JSON.parse(linkEvents[0]!.changes!).controls).toHaveLength(2);

      // The risk detail lists the controls with their status.
      const detail = await request(w.t.app, 'GET', w.url(`/risks/${risk.id}`, siteId), { headers: siteManager.headers });
      expect(detail.status).toBe(200);
      expect(detail.body.controls.map((c: { id: string; status: string }) => `${c.id}:${c.status}`).sort()).toEqual([`${own.id}:implemented`, `${inherited.id}:planned`].sort());

      // The control detail lists the risk with its current level.
      const control = await request(w.t.app, 'GET', `/api/v1/orgs/${siteId}/controls/${own.id}`, { headers: siteManager.headers });
      expect(control.status).toBe(200);
      expect(control.body.risks).toEqual([{ id: risk.id, ref: risk.ref, title: 'Ransomware on the EHR', organizationId: siteId, level: expect.objectContaining({ key: 'high', label: 'High', rank: 3, likelihood: 4, impact: 3 }) }]);
      // At the group, its own control shows no site risk (risks are the organization's own).
      const atGroup = await request(w.t.app, 'GET', `/api/v1/orgs/${groupId}/controls/${inherited.id}`, { headers: groupManager.headers });
      expect(atGroup.body.risks).toEqual([]);

      // Unlink: audited; a second unlink is a 404.
      const unlinked = await request(w.t.app, 'DELETE', w.url(`/risks/${risk.id}/controls/${own.id}`, siteId), { headers: siteManager.mutationHeaders });
      expect(unlinked.status).toBe(200);
      expect(unlinked.body.controls.map((c: { id: string }) => c.id)).toEqual([inherited.id]);
      const unlinkEvents = await w.t.ctx.database.db.selectFrom('audit_events').select('changes').where('type', '=', 'risk.control_unlinked').where('subject_id', '=', risk.id).execute();
      expect(JSON.parse(unlinkEvents[0]!.changes!)).toMatchObject({ control: { id: own.id, code: own.code } });
      const missing = await request(w.t.app, 'DELETE', w.url(`/risks/${risk.id}/controls/${own.id}`, siteId), { headers: siteManager.mutationHeaders });
      expect(missing.status).toBe(404);
      const afterUnlink = await request(w.t.app, 'GET', `/api/v1/orgs/${siteId}/controls/${own.id}`, { headers: siteManager.headers });
      expect(afterUnlink.body.risks).toEqual([]);
    });

    it('refuses controls of another organization and a group control that is not inheritable, naming the field', async () => {
      const risk = await w.createRisk({ title: 'Phishing of clinicians' });
      const foreign = await createControl({ name: 'Foreign control' }, siteId, siteManager);
      const notShared = await createControl({ name: 'Group-only control' }, groupId, groupManager);
      for (const controlId of [foreign.id, notShared.id, '00000000-0000-4000-8000-000000000000']) {
        const response = await request(w.t.app, 'POST', w.url(`/risks/${risk.id}/controls`), { headers: manager.mutationHeaders, body: { controlIds: [controlId] } });
        expect(response.status).toBe(400);
        expect(response.body.error.message).toMatch(/^body\.controlIds: not a control of this organization/);
      }
      const empty = await request(w.t.app, 'POST', w.url(`/risks/${risk.id}/controls`), { headers: manager.mutationHeaders, body: { controlIds: [] } });
      expect(empty.status).toBe(400);
      expect((await request(w.t.app, 'GET', w.url(`/risks/${risk.id}/treatment`), { headers: manager.headers })).body.controls).toEqual([]);
    });

    it('hides another organization\'s risk (404) and refuses a read-only role (403)', async () => {
      const risk = await w.createRisk({ title: 'Snooping in patient records' });
      const control = await createControl({ name: 'Access monitoring' }, w.orgId, manager);
      const fromSite = await request(w.t.app, 'POST', w.url(`/risks/${risk.id}/controls`, siteId), { headers: siteManager.mutationHeaders, body: { controlIds: [control.id] } });
      expect(fromSite.status).toBe(404);
      expect((await request(w.t.app, 'GET', w.url(`/risks/${risk.id}/treatment`, siteId), { headers: siteManager.headers })).status).toBe(404);
      const auditor = await request(w.t.app, 'POST', w.url(`/risks/${risk.id}/controls`), { headers: w.people.auditor.creds.mutationHeaders, body: { controlIds: [control.id] } });
      expect(auditor.status).toBe(403);
      expect((await request(w.t.app, 'GET', w.url(`/risks/${risk.id}/treatment`), { headers: w.people.auditor.creds.headers })).status).toBe(200);
      expect((await request(w.t.app, 'GET', w.url(`/risks/${risk.id}/treatment`), { headers: w.people.staff.creds.headers })).status).toBe(403);
    });
  });

  describe('tasks', () => {
    it('creates, changes and removes tasks with their events; done records the day and leaving done clears it', async () => {
      const risk = await w.createRisk({ title: 'Lost unencrypted laptop' });
      const owner = w.people.risk_owner;
      const created = await request(w.t.app, 'POST', w.url(`/risks/${risk.id}/tasks`), {
        headers: manager.mutationHeaders,
        body: { title: 'Encrypt every laptop', ownerUserId: owner.id, dueOn: '2026-04-30', costOneOff: 12000.5, costYearly: 1500 },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({ riskId: risk.id, riskRef: risk.ref, riskTitle: 'Lost unencrypted laptop', organizationId: w.orgId, owner: { id: owner.id, name: 'Test risk_owner' }, status: 'todo', overdue: false, completedOn: null, version: 1, costOneOff: 12000.5 });
      const task = created.body;

      const done = await request(w.t.app, 'PATCH', w.url(`/risks/${risk.id}/tasks/${task.id}`), { headers: manager.mutationHeaders, body: { version: 1, status: 'done' } });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'done', completedOn: '2026-03-10', version: 2 });
      const stale = await request(w.t.app, 'PATCH', w.url(`/risks/${risk.id}/tasks/${task.id}`), { headers: manager.mutationHeaders, body: { version: 1, title: 'Lost update' } });
      expect(stale.status).toBe(409);
      const reopened = await request(w.t.app, 'PATCH', w.url(`/risks/${risk.id}/tasks/${task.id}`), { headers: manager.mutationHeaders, body: { version: 2, status: 'in_progress', ownerUserId: null } });
      expect(reopened.body).toMatchObject({ status: 'in_progress', completedOn: null, owner: null, version: 3 });
      const unchanged = await request(w.t.app, 'PATCH', w.url(`/risks/${risk.id}/tasks/${task.id}`), { headers: manager.mutationHeaders, body: { version: 3, status: 'in_progress' } });
      expect(unchanged.body.version).toBe(3);

      const updates = await w.events('risk.task_updated', risk.id);
      expect(updates).toHaveLength(2);
      expect(JSON.parse(updates[1]!.changes!)).toMatchObject({ task: { id: task.id }, status: { from: 'done', to: 'in_progress' }, ownerUserId: { from: owner.id, to: null } });

      const removed = await request(w.t.app, 'DELETE', w.url(`/risks/${risk.id}/tasks/${task.id}`), { headers: manager.mutationHeaders });
      expect(removed.status).toBe(200);
      expect(await w.events('risk.task_created', risk.id)).toHaveLength(1);
      expect(await w.events('risk.task_deleted', risk.id)).toHaveLength(1);
      expect((await request(w.t.app, 'DELETE', w.url(`/risks/${risk.id}/tasks/${task.id}`), { headers: manager.mutationHeaders })).status).toBe(404);
    });

    it('refuses bad input with the field named, and an owner from outside the organization', async () => {
      const risk = await w.createRisk({ title: 'Unpatched infusion pumps' });
      const outsider = await buildMember(w.t.ctx, siteId, 'risk_owner');
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ title: '' }, /^body\.title: /],
        [{ title: 'X', dueOn: '2026-02-30' }, /^body\.dueOn: /],
        [{ title: 'X', costOneOff: -1 }, /^body\.costOneOff: /],
        [{ title: 'X', costYearly: 1.005 }, /^body\.costYearly: must have at most two decimals/],
        [{ title: 'X', status: 'blocked' }, /^body\.status: /],
        [{ title: 'X', ownerUserId: outsider.id }, /^body\.ownerUserId: must be a member of this organization or of its group/],
      ];
      for (const [body, message] of cases) {
        const response = await request(w.t.app, 'POST', w.url(`/risks/${risk.id}/tasks`), { headers: manager.mutationHeaders, body });
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body.error.message).toMatch(message);
      }
      const created = await request(w.t.app, 'POST', w.url(`/risks/${risk.id}/tasks`), { headers: manager.mutationHeaders, body: { title: 'Segment the pump network' } });
      const patch = await request(w.t.app, 'PATCH', w.url(`/risks/${risk.id}/tasks/${created.body.id}`), { headers: manager.mutationHeaders, body: { version: 1, ownerUserId: outsider.id } });
      expect(patch.status).toBe(400);
      expect(patch.body.error.message).toMatch(/^body\.ownerUserId: /);
      // A task is reached only through its own risk.
      const other = await w.createRisk({ title: 'Other risk' });
      expect((await request(w.t.app, 'PATCH', w.url(`/risks/${other.id}/tasks/${created.body.id}`), { headers: manager.mutationHeaders, body: { version: 1, title: 'Y' } })).status).toBe(404);
      expect((await request(w.t.app, 'POST', w.url(`/risks/${risk.id}/tasks`), { headers: w.people.top_management.creds.mutationHeaders, body: { title: 'Y' } })).status).toBe(403);
    });

    it('keeps amounts to the cent, up to the largest allowed', async () => {
      const risk = await w.createRisk({ title: 'Billing clearinghouse breach' });
      const created = await request(w.t.app, 'POST', w.url(`/risks/${risk.id}/tasks`), { headers: manager.mutationHeaders, body: { title: 'Cyber insurance', costOneOff: 1234567.89, costYearly: 999999999.99 } });
      expect(created.status).toBe(201);
      const stored = (await request(w.t.app, 'GET', w.url(`/risks/${risk.id}/treatment`), { headers: manager.headers })).body;
      expect(stored.tasks[0]).toMatchObject({ costOneOff: 1234567.89, costYearly: 999999999.99 });
      expect([stored.costOneOffTotal, stored.costYearlyTotal]).toEqual([1234567.89, 999999999.99]);
    });

    it('computes overdue from today in the organization\'s time zone and totals costs without cancelled tasks', async () => {
      const risk = await w.createRisk({ title: 'Power outage in the server room' });
      const add = (body: Record<string, unknown>) => request(w.t.app, 'POST', w.url(`/risks/${risk.id}/tasks`), { headers: manager.mutationHeaders, body });
      await add({ title: 'UPS battery replacement', dueOn: '2026-03-09', costOneOff: 0.1, costYearly: 100 });
      await add({ title: 'Generator test', dueOn: '2026-03-10', costOneOff: 0.2 });
      await add({ title: 'Cancelled idea', dueOn: '2026-01-01', costOneOff: 5000, status: 'cancelled' });
      await add({ title: 'Done long ago', dueOn: '2026-01-01', costYearly: 50, status: 'done' });
      const treatment = async () => (await request(w.t.app, 'GET', w.url(`/risks/${risk.id}/treatment`), { headers: manager.headers })).body;
      let body = await treatment();
      const overdue = (b: { tasks: { title: string; overdue: boolean }[] }) => b.tasks.filter((t) => t.overdue).map((t) => t.title);
      expect(overdue(body)).toEqual(['UPS battery replacement']);
      expect(body.costOneOffTotal).toBe(0.3);
      expect(body.costYearlyTotal).toBe(150);
      expect(body.tasks.find((t: { title: string }) => t.title === 'Done long ago').completedOn).toBe('2026-03-10');

      // 20:00 UTC on 10 March is already 11 March in Auckland: the task due on the 10th is overdue there.
      await w.t.ctx.database.db.updateTable('organizations').set({ time_zone: 'Pacific/Auckland' }).where('id', '=', w.orgId).execute();
      try {
        body = await treatment();
        expect(overdue(body).sort()).toEqual(['Generator test', 'UPS battery replacement']);
      } finally {
        await w.t.ctx.database.db.updateTable('organizations').set({ time_zone: 'UTC' }).where('id', '=', w.orgId).execute();
      }
    });
  });

  describe('GET /api/v1/orgs/:orgId/risk-tasks (task board)', () => {
    let board: { orgId: string; creds: Credentials; owner: string; riskA: string; riskB: string };
    const list = async (query: string, creds: Credentials = manager, org?: string) => {
      const response = await request(w.t.app, 'GET', `${w.url('/risk-tasks', org)}?${query}`, { headers: creds.headers });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body as { items: { title: string; overdue: boolean; status: string; riskId: string; organizationId: string }[]; total: number };
    };

    beforeAll(async () => {
      const orgId = (await buildOrganization(w.t.ctx, { name: 'Board Hospital' })).id;
      const boss = await buildMember(w.t.ctx, orgId, 'isms_manager');
      const creds = await buildSession(w.t.ctx, boss.id);
      const owner = await buildMember(w.t.ctx, orgId, 'risk_owner');
      const riskA = await w.createRisk({ title: 'Board risk A' }, orgId, creds);
      const riskB = await w.createRisk({ title: 'Board risk B' }, orgId, creds);
      const add = async (riskId: string, body: Record<string, unknown>) => {
        const response = await request(w.t.app, 'POST', w.url(`/risks/${riskId}/tasks`, orgId), { headers: creds.mutationHeaders, body });
        expect(response.status, JSON.stringify(response.body)).toBe(201);
      };
      await add(riskA.id, { title: 'a-overdue', dueOn: '2026-03-01', ownerUserId: owner.id });
      await add(riskA.id, { title: 'b-due-later', dueOn: '2026-06-01', status: 'in_progress' });
      await add(riskA.id, { title: 'c-no-date' });
      await add(riskB.id, { title: 'd-done-past', dueOn: '2026-02-01', status: 'done', ownerUserId: owner.id });
      await add(riskB.id, { title: 'e-cancelled', dueOn: '2026-02-02', status: 'cancelled' });
      board = { orgId, creds, owner: owner.id, riskA: riskA.id, riskB: riskB.id };
    });

    it('pages, filters and sorts in SQL, with tasks lacking a due date last', async () => {
      const { orgId, creds, owner } = board;
      const all = await list('', creds, orgId);
      expect(all.total).toBe(5);
      expect(all.items.map((t) => t.title)).toEqual(['d-done-past', 'e-cancelled', 'a-overdue', 'b-due-later', 'c-no-date']);
      expect((await list('sort=dueOn&direction=desc', creds, orgId)).items.map((t) => t.title)).toEqual(['c-no-date', 'b-due-later', 'a-overdue', 'e-cancelled', 'd-done-past']);
      expect((await list('sort=status', creds, orgId)).items.map((t) => t.status)).toEqual(['todo', 'todo', 'in_progress', 'done', 'cancelled']);
      expect((await list('sort=title&direction=desc&pageSize=2&page=2', creds, orgId)).items.map((t) => t.title)).toEqual(['c-no-date', 'b-due-later']);
      expect((await list('overdue=yes', creds, orgId)).items.map((t) => t.title)).toEqual(['a-overdue']);
      expect((await list('overdue=no', creds, orgId)).total).toBe(4);
      expect((await list('status=done', creds, orgId)).items.map((t) => t.title)).toEqual(['d-done-past']);
      expect((await list(`ownerUserId=${owner}`, creds, orgId)).items.map((t) => t.title)).toEqual(['d-done-past', 'a-overdue']);
      expect((await list(`riskId=${board.riskB}`, creds, orgId)).items.map((t) => t.title)).toEqual(['d-done-past', 'e-cancelled']);
      expect((await list('sort=riskRef', creds, orgId)).items.map((t) => t.riskId)).toEqual([board.riskA, board.riskA, board.riskA, board.riskB, board.riskB]);
      const bad = await request(w.t.app, 'GET', `${w.url('/risk-tasks', orgId)}?status=blocked`, { headers: creds.headers });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/status/);
    });

    it('shows only the organization\'s tasks, and at a group its sites\' only when asked and readable', async () => {
      const { orgId } = board;
      expect((await list('')).items.some((t) => t.organizationId === orgId)).toBe(false);
      const siteRisk = await w.createRisk({ title: 'Site risk' }, siteId, siteManager);
      await request(w.t.app, 'POST', w.url(`/risks/${siteRisk.id}/tasks`, siteId), { headers: siteManager.mutationHeaders, body: { title: 'site task' } });
      expect((await list('', groupManager, groupId)).items.map((t) => t.title)).not.toContain('site task');
      const withSites = await list('includeSites=yes', groupManager, groupId);
      expect(withSites.items.filter((t) => t.title === 'site task').map((t) => t.organizationId)).toEqual([siteId]);
      // A group member without a membership at the site sees only the group.
      const groupOnly = await buildSession(w.t.ctx, (await buildMember(w.t.ctx, groupId, 'isms_manager')).id);
      expect((await list('includeSites=yes', groupOnly, groupId)).items.map((t) => t.title)).not.toContain('site task');
    });
  });
});
