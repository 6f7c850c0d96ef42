/**
 * The risk register of the group's hospital site: `spec.risks` risks (20,000 large, 2,000 small) over the
 * site's asset register (bench/lib/datasets/assets.ts), with tasks and acceptances, and one audit event
 * each in the site's chain (`risk.created`, `risk.task_created`, `risk.accepted`, as the services write
 * them).
 *
 * Each risk is a HICP 2023 sub-threat of the built-in catalogue against 1–4 assets of the kinds that
 * threat concerns (medical devices for device attacks, laptops and phones for loss and theft …), with
 * the sub-threat's typical vulnerabilities and sources, or, for one in ten, an environmental or
 * structural scenario without a threat. Inherent, current and residual assessments fall as controls and
 * treatment take effect (a quarter have no residual assessment yet); patient safety is rated where the
 * sub-threat affects it. Owners are the people of the group who hold risk roles; treatment options are
 * mostly mitigate; three in four mitigated risks have 1–3 tasks (some overdue, some done, with costs);
 * accepted risks carry an acceptance by the role the method allows for their level (some expired).
 *
 * Every assessment goes through the register's own `stageColumns` under the site's method in force, so
 * the derived columns (aggregated impact, level rank and key) are those the service stores; next review
 * dates follow the level's cadence from the assessment date, as the service sets them. Rows go in with
 * `bulkInsert` (every row gives every column of the table), events through `AuditChainWriter`; each chunk
 * of risks commits in the same transaction as its events.
 */
import crypto from 'node:crypto';
import { RISK_STAGES, type RiskCategory, type RiskStage, type TreatmentOption } from '../../../src/shared/contracts/risks.js';
import type { ImpactDimension, TRiskAssessmentInput } from '../../../src/shared/contracts/risk-method.js';
import { canAccept, nextReviewDate } from '../../../src/shared/risk-method.js';
import type { AuditActor } from '../../../src/server/kernel/audit/chain.js';
import { builtinCatalogue, currentMethod } from '../../../src/server/features/risks/index.js';
import { acceptanceStage, hasPatientSafetyImpact, riskRef, stageColumns, type StageColumns } from '../../../src/server/features/risks/risk-stage.js';
import type { Role } from '../../../src/shared/permissions.js';
import { AuditChainWriter, type BulkAuditEvent } from '../audit-bulk.js';
import { bulkInsert, type SqlValue } from '../bulk.js';
import type { Dataset, DatasetContext, FixtureUser } from '../data.js';
import { createRng, type WeightedTable } from '../rng.js';

const GROUP_CATEGORY: Record<string, RiskCategory> = {
  'hicp.social-engineering': 'cyber',
  'hicp.ransomware': 'cyber',
  'hicp.loss-theft': 'privacy',
  'hicp.insider': 'privacy',
  'hicp.medical-devices': 'clinical',
};
/** The asset types each HICP threat group concerns, by weight. */
const GROUP_ASSETS: Record<string, WeightedTable<string>> = {
  'hicp.social-engineering': [['application', 4], ['people', 3], ['supplier_service', 1], ['endpoint', 2]],
  'hicp.ransomware': [['application', 4], ['infrastructure', 4], ['information', 2], ['supplier_service', 1]],
  'hicp.loss-theft': [['mobile_device', 5], ['endpoint', 4], ['information', 1]],
  'hicp.insider': [['application', 4], ['information', 4], ['people', 1]],
  'hicp.medical-devices': [['medical_device', 10]],
};
/** Scenarios without a catalogue threat: environmental and structural sources. */
const OTHER_SCENARIOS: readonly { title: string; category: RiskCategory; sources: string[]; vulnerabilities: string[]; types: WeightedTable<string>; dimensions: ImpactDimension[] }[] = [
  { title: 'Power outage', category: 'physical', sources: ['source.environmental.utility-outage'], vulnerabilities: ['vuln.single-point-of-failure', 'vuln.environmental-controls-inadequate'], types: [['facility', 3], ['infrastructure', 2]], dimensions: ['availability', 'patient_safety'] },
  { title: 'Cooling failure', category: 'physical', sources: ['source.structural.environmental-controls-failure'], vulnerabilities: ['vuln.environmental-controls-inadequate'], types: [['facility', 2], ['infrastructure', 3]], dimensions: ['availability'] },
  { title: 'Flooding', category: 'physical', sources: ['source.environmental.natural-disaster'], vulnerabilities: ['vuln.physical-security-weak'], types: [['facility', 4]], dimensions: ['availability', 'integrity'] },
  { title: 'Storage hardware failure', category: 'operational', sources: ['source.structural.equipment-failure'], vulnerabilities: ['vuln.single-point-of-failure', 'vuln.untested-backups'], types: [['infrastructure', 4]], dimensions: ['availability', 'integrity'] },
  { title: 'Supplier outage', category: 'supplier', sources: ['source.structural.software-failure'], vulnerabilities: ['vuln.supplier-dependency-unassessed'], types: [['supplier_service', 4]], dimensions: ['availability', 'patient_safety'] },
  { title: 'Records kept beyond retention', category: 'compliance', sources: ['source.accidental.user'], vulnerabilities: ['vuln.no-asset-inventory'], types: [['information', 4]], dimensions: ['confidentiality'] },
];
const OPTIONS: WeightedTable<TreatmentOption | null> = [['mitigate', 62], ['accept', 18], ['transfer', 8], ['avoid', 4], [null, 8]];
/** A task due in the past is mostly done (some are overdue); one due later is mostly still open. */
const TASK_STATUS_PAST: WeightedTable<'todo' | 'in_progress' | 'done' | 'cancelled'> = [['todo', 10], ['in_progress', 12], ['done', 70], ['cancelled', 8]];
const TASK_STATUS_FUTURE: WeightedTable<'todo' | 'in_progress' | 'done' | 'cancelled'> = [['todo', 45], ['in_progress', 40], ['done', 12], ['cancelled', 3]];
const TASK_TITLES = ['Apply the vendor patch', 'Segment the network', 'Enable MFA', 'Review access rights', 'Test the restore', 'Sign the business associate agreement', 'Train the team', 'Encrypt the device', 'Enrol in MDM', 'Replace the unsupported system', 'Add monitoring and alerting', 'Update the downtime procedure', 'Run a tabletop exercise', 'Tighten firewall rules'];
/** Roles that own risks in a hospital group, by weight. */
const OWNER_ROLES: Partial<Record<Role, number>> = { risk_owner: 6, isms_manager: 3, clinical_safety_officer: 2, privacy_officer: 2, control_owner: 1, top_management: 1 };
const DAY = 86_400_000;

function tableColumns(dc: DatasetContext, table: string): string[] {
  return dc.sqlite.prepare<[], { name: string }>(`select name from pragma_table_info('${table}') order by cid`).all().map((c) => c.name);
}

function toValues(table: string, columns: readonly string[], row: Record<string, unknown>): SqlValue[] {
  if (Object.keys(row).length !== columns.length) throw new Error(`risks dataset: a ${table} row has the columns ${Object.keys(row).sort().join(', ')}; the table has ${[...columns].sort().join(', ')}`);
  return columns.map((column) => {
    const value = row[column];
    if (value === undefined) throw new Error(`risks dataset: a ${table} row has no value for ${column}`);
    return value as SqlValue;
  });
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const risksDataset: Dataset = {
  name: 'risks',
  async generate(dc: DatasetContext) {
    const { fixture, spec, timeline, log, ctx } = dc;
    // Its own random stream: adding this dataset leaves the other datasets' content as it was.
    const rng = createRng((spec.seed ^ 0x7215_c500) >>> 0);
    const site = fixture.sites.find((s) => s.kind === 'hospital') ?? fixture.sites[0]!;
    const organizationId = site.id;
    const t0 = performance.now();
    const { method, version } = await currentMethod(ctx.database.db, organizationId);

    const assets = dc.sqlite.prepare<[string], { id: string; name: string; type: string; handles_ephi: number }>('select id, name, type, handles_ephi from assets where organization_id = ? order by created_at, id').all(organizationId);
    if (assets.length === 0) throw new Error('risks dataset: the hospital site has no assets; the assets dataset must run first');
    const byType = new Map<string, number[]>();
    assets.forEach((a, i) => {
      let list = byType.get(a.type);
      if (!list) byType.set(a.type, (list = []));
      list.push(i);
    });
    const pickAsset = (types: WeightedTable<string>): number => {
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const list = byType.get(rng.weighted(types));
        if (list && list.length > 0) return rng.pick(list);
      }
      return rng.int(0, assets.length - 1);
    };
    const ownersTable: WeightedTable<FixtureUser> = fixture.users.flatMap((u): [FixtureUser, number][] => (OWNER_ROLES[u.role] ? [[u, OWNER_ROLES[u.role]!]] : []));
    if (ownersTable.length === 0) throw new Error('risks dataset: the fixture has no user with a risk role');
    const ownerOf = (): FixtureUser | null => (rng.chance(0.04) ? null : rng.weighted(ownersTable));
    const byRole = (role: Role) => fixture.users.filter((u) => u.role === role);
    const managers = byRole('isms_manager');
    const executives = byRole('top_management');
    const assessor = managers[0] ?? fixture.users.find((u) => u.id === fixture.adminUserId)!;
    const actorOf = (user: FixtureUser): AuditActor => ({ userId: user.id, label: user.email, authMethod: user.mfa ? 'password_mfa' : 'password', ip: `${site.subnet}.${rng.int(1, 254)}.${rng.int(2, 254)}`, requestId: crypto.randomUUID() });

    const subThreats = builtinCatalogue().threats.filter((t) => t.parentId !== null);
    const riskColumns = tableColumns(dc, 'risks');
    const linkColumns = tableColumns(dc, 'risk_assets');
    const vulnColumns = tableColumns(dc, 'risk_vulnerabilities');
    const taskColumns = tableColumns(dc, 'risk_tasks');
    const acceptanceColumns = tableColumns(dc, 'risk_acceptances');

    const startMs = timeline.end.getTime() - 540 * DAY;
    const endMs = timeline.end.getTime() - 3_600_000;
    const todayIso = isoDate(timeline.end.getTime());
    const created = Array.from({ length: spec.risks }, () => Math.round(startMs + rng.next() * (endMs - startMs))).sort((a, b) => a - b);
    const clamp = (v: number, max: number) => Math.max(1, Math.min(max, v));
    const nL = method.likelihood.length;
    const nI = method.impact.length;
    const lower = (input: TRiskAssessmentInput, steps: () => number): TRiskAssessmentInput => ({
      likelihood: clamp(input.likelihood - steps(), nL),
      impacts: Object.fromEntries(Object.entries(input.impacts).map(([d, v]) => [d, clamp((v as number) - (rng.chance(0.4) ? 1 : 0), nI)])),
    });

    const counts = { tasks: 0, overdueTasks: 0, acceptances: 0, expiredAcceptances: 0, closed: 0, withoutResidual: 0, links: 0, vulnerabilities: 0, events: 0 };
    const levelCounts: Record<string, number> = {};
    const writer = new AuditChainWriter(dc.sqlite, organizationId, { rowsPerTransaction: Number.MAX_SAFE_INTEGER, rowsPerStatement: 5_000 });
    const CHUNK = 2_000;
    let insertSeconds = 0;
    for (let start = 0; start < spec.risks; start += CHUNK) {
      const risks: SqlValue[][] = [];
      const links: SqlValue[][] = [];
      const vulns: SqlValue[][] = [];
      const tasks: SqlValue[][] = [];
      const acceptances: SqlValue[][] = [];
      const events: BulkAuditEvent[] = [];
      for (let i = start; i < Math.min(spec.risks, start + CHUNK); i += 1) {
        const id = crypto.randomUUID();
        const at = new Date(created[i]!).toISOString();
        const assessedOn = isoDate(created[i]!);
        const isOther = rng.chance(0.1);
        const sub = isOther ? null : rng.pick(subThreats);
        const other = isOther ? rng.pick(OTHER_SCENARIOS) : null;
        const group = sub?.parentId ?? '';
        const types = other ? other.types : (GROUP_ASSETS[group] ?? [['application', 1]]);
        const assetIdx = [...new Set(Array.from({ length: rng.weighted([[1, 50], [2, 30], [3, 14], [4, 6]] as const) }, () => pickAsset(types)))];
        const first = assets[assetIdx[0]!]!;
        const dimensions = (other ? other.dimensions : sub!.dimensions).filter((d) => method.dimensions.includes(d));
        const vulnerabilityIds = [...new Set(Array.from({ length: rng.int(1, 3) }, () => rng.pick(other ? other.vulnerabilities : sub!.vulnerabilityIds)))];
        const threatSourceIds = [...new Set(Array.from({ length: rng.int(1, 2) }, () => rng.pick(other ? other.sources : sub!.sourceIds)))];
        const owner = ownerOf();
        const option = rng.weighted(OPTIONS);
        const status = rng.chance(0.08) ? 'closed' : 'open';
        const title = `${other ? other.title : sub!.title}: ${first.name}`.slice(0, 200);

        const inherent: TRiskAssessmentInput = { likelihood: rng.int(2, nL), impacts: Object.fromEntries((dimensions.length > 0 ? dimensions : ['availability' as ImpactDimension]).map((d) => [d, rng.int(2, nI)])) };
        const current = lower(inherent, () => rng.int(0, 1));
        const residual = rng.chance(0.25) ? null : lower(current, () => rng.int(0, 2));
        const inputs: Record<RiskStage, TRiskAssessmentInput | null> = { inherent, current, residual };
        const stages: Partial<StageColumns> = {};
        for (const stage of RISK_STAGES) Object.assign(stages, stageColumns(stage, method, version, inputs[stage], at, assessor.id));
        const stage = acceptanceStage(stages)!;
        const levelKey = stages[`${stage}_level_key`]!;
        levelCounts[`current.${stages.current_level_key}`] = (levelCounts[`current.${stages.current_level_key}`] ?? 0) + 1;
        if (status === 'closed') counts.closed += 1;
        if (!residual) counts.withoutResidual += 1;

        const row = {
          id, organization_id: organizationId, ref_number: i + 1, title, title_lower: title.toLowerCase(),
          description: `${other ? other.title : sub!.description} Affects ${assetIdx.length === 1 ? first.name : `${first.name} and ${assetIdx.length - 1} more`}.`,
          category: other ? other.category : (GROUP_CATEGORY[group] ?? 'cyber'), status, threat_id: sub?.id ?? null, threat_source_ids: JSON.stringify(threatSourceIds),
          owner_user_id: owner?.id ?? null, treatment_option: option, treatment_rationale: option ? `${option === 'mitigate' ? 'Reduce the likelihood with the planned tasks' : option === 'accept' ? 'Within the acceptance criteria for its level' : option === 'transfer' ? 'Insurance and the supplier contract carry the loss' : 'The activity is stopped'}.` : '',
          handles_ephi: assetIdx.some((k) => assets[k]!.handles_ephi === 1) ? 1 : 0, patient_safety: hasPatientSafetyImpact(stages) ? 1 : 0,
          from_gap_asset_id: null, from_gap_rule: null, next_review_on: status === 'open' ? nextReviewDate(method, levelKey, assessedOn) : null, last_reviewed_on: null,
          ...stages, version: 1, created_at: at, updated_at: at,
        };
        risks.push(toValues('risks', riskColumns, row));
        for (const k of assetIdx) links.push(toValues('risk_assets', linkColumns, { risk_id: id, asset_id: assets[k]!.id, organization_id: organizationId }));
        for (const v of vulnerabilityIds) vulns.push(toValues('risk_vulnerabilities', vulnColumns, { risk_id: id, vulnerability_id: v, organization_id: organizationId }));
        counts.links += assetIdx.length;
        counts.vulnerabilities += vulnerabilityIds.length;
        events.push({ occurredAt: at, actor: actorOf(assessor), type: 'risk.created', subjectType: 'risk', subjectId: id, changes: { ref: riskRef(i + 1), title, category: row.category, status, threatId: row.threat_id, threatSourceIds, vulnerabilityIds, assetIds: assetIdx.map((k) => assets[k]!.id), ownerUserId: row.owner_user_id, treatmentOption: option, methodVersion: version, inherent: { likelihood: inherent.likelihood, impacts: inherent.impacts, level: stages.inherent_level_key }, current: { likelihood: current.likelihood, impacts: current.impacts, level: stages.current_level_key }, residual: residual ? { likelihood: residual.likelihood, impacts: residual.impacts, level: stages.residual_level_key } : null } });

        if (option === 'mitigate' && rng.chance(0.75)) {
          for (let n = rng.int(1, 3); n > 0; n -= 1) {
            const taskId = crypto.randomUUID();
            const dueMs = created[i]! + rng.int(20, 320) * DAY;
            const due = isoDate(dueMs);
            const taskStatus = rng.weighted(due < todayIso ? TASK_STATUS_PAST : TASK_STATUS_FUTURE);
            const taskAt = new Date(Math.min(endMs, created[i]! + rng.int(1, 10) * DAY)).toISOString();
            const taskOwner = rng.chance(0.85) ? rng.weighted(ownersTable) : null;
            const costOneOff = rng.chance(0.5) ? rng.int(5, 800) * 100 : null;
            const costYearly = rng.chance(0.3) ? rng.int(2, 200) * 100 : null;
            const taskTitle = rng.pick(TASK_TITLES);
            tasks.push(toValues('risk_tasks', taskColumns, {
              id: taskId, organization_id: organizationId, risk_id: id, title: taskTitle, description: '', owner_user_id: taskOwner?.id ?? null, due_on: due, cost_one_off: costOneOff, cost_yearly: costYearly,
              status: taskStatus, completed_on: taskStatus === 'done' ? isoDate(Math.min(endMs, dueMs - rng.int(0, 15) * DAY)) : null, version: 1, created_at: taskAt, updated_at: taskAt,
            }));
            counts.tasks += 1;
            if ((taskStatus === 'todo' || taskStatus === 'in_progress') && due < todayIso) counts.overdueTasks += 1;
            events.push({ occurredAt: taskAt, actor: actorOf(assessor), type: 'risk.task_created', subjectType: 'risk', subjectId: id, changes: { task: { id: taskId, title: taskTitle }, title: taskTitle, ownerUserId: taskOwner?.id ?? null, dueOn: due, costOneOff, costYearly, status: taskStatus } });
          }
        }

        // An acceptance of the acceptance stage's level by the lowest authority the method allows for it.
        const level = method.levels.find((l) => l.key === levelKey)!;
        if (option === 'accept' && status === 'open' && level.acceptance !== 'never') {
          const acceptor = level.acceptance === 'top_management' ? executives[0] : level.acceptance === 'isms_manager' ? managers[0] : owner && owner.role === 'risk_owner' ? owner : managers[0];
          const role = acceptor?.role === 'risk_owner' ? 'risk_owner' : acceptor?.role === 'top_management' ? 'top_management' : 'isms_manager';
          if (acceptor && canAccept(method, levelKey, role)) {
            const acceptedMs = Math.min(endMs, created[i]! + rng.int(1, 30) * DAY);
            const expired = rng.chance(0.12);
            const expiresOn = isoDate(expired ? timeline.end.getTime() - rng.int(1, 90) * DAY : acceptedMs + rng.int(180, 720) * DAY);
            const acceptanceId = crypto.randomUUID();
            const acceptedAt = new Date(acceptedMs).toISOString();
            acceptances.push(toValues('risk_acceptances', acceptanceColumns, {
              id: acceptanceId, organization_id: organizationId, risk_id: id, kind: 'acceptance', accepted_by: acceptor.id, accepted_by_name: acceptor.displayName, role, accepted_at: acceptedAt,
              stage, level_key: level.key, level_label: level.label, level_rank: level.rank, method_version: version, rationale: 'Within the acceptance criteria; reviewed with the treatment plan.', expires_on: expiresOn,
            }));
            counts.acceptances += 1;
            if (expiresOn < todayIso) counts.expiredAcceptances += 1;
            events.push({ occurredAt: acceptedAt, actor: actorOf(acceptor), type: 'risk.accepted', subjectType: 'risk', subjectId: id, changes: { acceptanceId, role, stage, level: { key: level.key, label: level.label, rank: level.rank }, methodVersion: version, expiresOn, riskVersion: 1 } });
          }
        }
      }
      // Events in time order within the chunk (a risk is created before its tasks and acceptance).
      events.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
      const t = performance.now();
      dc.sqlite.transaction(() => {
        bulkInsert(dc.sqlite, 'risks', riskColumns, risks);
        bulkInsert(dc.sqlite, 'risk_assets', linkColumns, links);
        bulkInsert(dc.sqlite, 'risk_vulnerabilities', vulnColumns, vulns);
        bulkInsert(dc.sqlite, 'risk_tasks', taskColumns, tasks);
        bulkInsert(dc.sqlite, 'risk_acceptances', acceptanceColumns, acceptances);
        for (const event of events) writer.push(event);
        writer.flush();
      })();
      counts.events += events.length;
      insertSeconds += (performance.now() - t) / 1000;
    }
    const chain = writer.finish();
    log(`  risks: ${spec.risks.toLocaleString('en-US')} risks, ${counts.tasks.toLocaleString('en-US')} tasks (${counts.overdueTasks} overdue), ${counts.acceptances} acceptances (${counts.expiredAcceptances} expired), ${counts.events.toLocaleString('en-US')} events in ${((performance.now() - t0) / 1000).toFixed(1)} s (${insertSeconds.toFixed(1)} s inserting); chain ${organizationId} head seq ${chain.headSeq}`);
    return {
      organizationId,
      organizationSlug: site.slug,
      risks: spec.risks,
      methodVersion: version,
      ...counts,
      ...levelCounts,
      headSeq: chain.headSeq,
      insertSeconds: Math.round(insertSeconds * 100) / 100,
    };
  },
};
