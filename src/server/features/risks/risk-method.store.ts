/**
 * The organization's risk method versions (ISO/IEC 27001:2022 6.1.2 a–b: risk criteria established and
 * maintained): reading the version in force or any earlier one, and seeding version 1 for a new
 * organization. Methods are stored as JSON (`ZRiskMethod`) and parsed on read, so a stored method is
 * always valid in the shape the engine (`src/shared/risk-method.ts`) expects.
 */
import type { Kysely } from 'kysely';
import { ZRiskMethod, type TRiskMethod } from '../../../shared/contracts/risk-method.js';
import { defaultMethod, DEFAULT_METHOD_VERSION } from '../../../shared/risk-method.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent, type Trx } from '../../kernel/audit/record.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import type { Db } from '../../kernel/db/database.js';
import { AppError } from '../../kernel/errors.js';
import type { RiskMethodsTable, RiskTables } from './risk.tables.js';

/** The kernel's, the assets', the controls' and the risks' tables: what the risk services read and write. */
export type RiskDb = Kysely<RiskTables>;
export const riskDb = (db: Db | Trx): RiskDb => db as unknown as RiskDb;

export interface StoredMethod {
  version: number;
  method: TRiskMethod;
  row: RiskMethodsTable;
}

function parse(row: RiskMethodsTable): StoredMethod {
  return { version: Number(row.version), method: ZRiskMethod.parse(JSON.parse(row.method)), row };
}

/** The version in force: the highest. Every organization has one (migration, or the creation hook). */
export async function currentMethod(db: Db | Trx, organizationId: string): Promise<StoredMethod> {
  const row = await riskDb(db).selectFrom('risk_methods').selectAll().where('organization_id', '=', organizationId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!row) throw new AppError('conflict', 'This organization has no risk method yet; ask an administrator to run the database migrations.');
  return parse(row);
}

/** The given versions of an organization's method (for assessments made under an earlier version). */
export async function methodVersions(db: Db | Trx, organizationId: string, versions: readonly number[]): Promise<Map<number, TRiskMethod>> {
  const wanted = [...new Set(versions)];
  const out = new Map<number, TRiskMethod>();
  if (wanted.length === 0) return out;
  const rows = await riskDb(db).selectFrom('risk_methods').selectAll().where('organization_id', '=', organizationId).where('version', 'in', wanted).execute();
  for (const row of rows) out.set(Number(row.version), parse(row).method);
  return out;
}

/** Every version of the organization's method, newest first. */
export async function allMethodVersions(db: Db | Trx, organizationId: string): Promise<StoredMethod[]> {
  const rows = await riskDb(db).selectFrom('risk_methods').selectAll().where('organization_id', '=', organizationId).orderBy('version', 'desc').execute();
  return rows.map(parse);
}

/** Organization-created hook: method version 1 from catalog/risk/default-method.json, with its audit event. */
export async function seedDefaultMethod(ctx: AppContext, trx: Trx, actor: AuditActor, organizationId: string): Promise<void> {
  const id = newId();
  const method = defaultMethod();
  await riskDb(trx)
    .insertInto('risk_methods')
    .values({ id, organization_id: organizationId, version: 1, method: JSON.stringify(method), note: `Seeded: ${method.name} (catalogue ${DEFAULT_METHOD_VERSION})`, created_at: ctx.clock.now().toISOString(), created_by: null })
    .execute();
  await recordEvent(ctx, trx, actor, { type: 'risk_method.changed', organizationId, subjectType: 'risk_method', subjectId: id, changes: { version: 1, seeded: true, name: method.name } });
}
