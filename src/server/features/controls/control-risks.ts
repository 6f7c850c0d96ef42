/**
 * The risks whose treatment selected a control (ISO/IEC 27001:2022 6.1.3 b–c: controls determined by
 * risk treatment, compared with Annex A in the SoA). One query for any number of controls (no N+1),
 * read by the control detail and by every SoA row; the risk register (features/risks) writes the links.
 *
 * Only the organization's own open risks are listed (a closed risk no longer selects a control); a
 * group's inheritable control shows at a site the site's risks linked to it. Each risk carries its
 * current level, labelled by the organization's method in force (stored as JSON, `ZRiskMethod`).
 */
import type { Kysely } from 'kysely';
import { ZRiskMethod } from '../../../shared/contracts/risk-method.js';
import type { TLinkedRisk } from '../../../shared/contracts/controls.js';
import type { Db } from '../../kernel/db/database.js';
import type { KernelTables } from '../../kernel/db/schema.js';

/** The columns of the risk register that controls read (the risks feature owns these tables). */
interface RiskControlLinkView {
  risk_id: string;
  control_id: string;
  organization_id: string;
}
interface RiskView {
  id: string;
  organization_id: string;
  ref_number: number;
  title: string;
  status: string;
  current_likelihood: number | null;
  current_impact: number | null;
  current_level_rank: number | null;
  current_level_key: string | null;
}
interface RiskMethodView {
  organization_id: string;
  version: number;
  method: string;
}
type RiskViewTables = KernelTables & { risk_controls: RiskControlLinkView; risks: RiskView; risk_methods: RiskMethodView };

/** R-0001 …: the risk register's reference format. */
function riskRef(refNumber: number): string {
  return `R-${String(refNumber).padStart(4, '0')}`;
}

/** Open risks of the organization linked to each of the given controls, keyed by control id, by ref. */
export async function linkedRisksByControl(db: Db, organizationId: string, controlIds: readonly string[]): Promise<Map<string, TLinkedRisk[]>> {
  const result = new Map<string, TLinkedRisk[]>();
  const ids = [...new Set(controlIds)];
  if (ids.length === 0) return result;
  const rdb = db as unknown as Kysely<RiskViewTables>;
  const rows = await rdb
    .selectFrom('risk_controls as rc')
    .innerJoin('risks as r', 'r.id', 'rc.risk_id')
    .select(['rc.control_id', 'r.id', 'r.ref_number', 'r.title', 'r.organization_id', 'r.current_likelihood', 'r.current_impact', 'r.current_level_rank', 'r.current_level_key'])
    .where('rc.organization_id', '=', organizationId)
    .where('r.organization_id', '=', organizationId)
    .where('r.status', '=', 'open')
    .where('rc.control_id', 'in', ids)
    .orderBy('r.ref_number')
    .execute();
  if (rows.length === 0) return result;
  const levels = await levelsInForce(rdb, organizationId);
  for (const row of rows) {
    const key = row.current_level_key;
    const level = key === null ? undefined : levels.get(key);
    const list = result.get(row.control_id) ?? [];
    list.push({
      id: row.id,
      ref: riskRef(Number(row.ref_number)),
      title: row.title,
      organizationId: row.organization_id,
      level:
        key === null
          ? null
          : { key, label: level?.label ?? key, colour: level?.colour ?? '#868e96', rank: Number(row.current_level_rank), likelihood: Number(row.current_likelihood), impact: Number(row.current_impact) },
    });
    result.set(row.control_id, list);
  }
  return result;
}

/** The risks of several controls together (an SoA row's controls), each once, by ref. */
export function mergeLinkedRisks(lists: readonly (readonly TLinkedRisk[] | undefined)[]): TLinkedRisk[] {
  const byId = new Map<string, TLinkedRisk>();
  for (const list of lists) for (const risk of list ?? []) byId.set(risk.id, risk);
  return [...byId.values()].sort((a, b) => a.ref.localeCompare(b.ref) || a.id.localeCompare(b.id));
}

async function levelsInForce(db: Kysely<RiskViewTables>, organizationId: string): Promise<Map<string, { label: string; colour: string }>> {
  const row = await db.selectFrom('risk_methods').select('method').where('organization_id', '=', organizationId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!row) return new Map();
  const parsed = ZRiskMethod.safeParse(JSON.parse(row.method));
  if (!parsed.success) return new Map();
  return new Map(parsed.data.levels.map((l) => [l.key, { label: l.label, colour: l.colour }]));
}
