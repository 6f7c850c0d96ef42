/**
 * The organization's classification scheme and its handling rules (A.5.12 classification of
 * information, A.5.13 labelling; 45 CFR 164.308(a)(1)(ii)(A)). Every organization starts with
 * Public / Internal / Confidential / Restricted (PHI); levels in use cannot be removed.
 */
import type { TClassificationFields } from '../../../shared/contracts/assets.js';
import type { AuditActor } from '../../kernel/audit/chain.js';
import { recordEvent, type Trx } from '../../kernel/audit/record.js';
import type { OrgAccess } from '../../kernel/authz/membership.js';
import type { AppContext } from '../../kernel/context.js';
import { newId } from '../../kernel/crypto/tokens.js';
import { toNumber } from '../../kernel/db/database.js';
import { AppError, fieldError, isUniqueViolation, notFound } from '../../kernel/errors.js';
import { assetDb } from './asset.repository.js';
import type { ClassificationLevelsTable } from './asset.tables.js';
import { refreshStoredGaps } from './asset-gaps.js';

export const DEFAULT_SCHEME: TClassificationFields[] = [
  { name: 'Public', rank: 0, colour: '#2f9e44', description: 'May be published; no harm if disclosed.', encryptionAtRestRequired: false, encryptionInTransitRequired: false, mfaRequired: false, byodAllowed: true, leaveOnlyUnderAgreement: false, retention: null },
  { name: 'Internal', rank: 1, colour: '#1c7ed6', description: 'For the workforce; limited harm if disclosed.', encryptionAtRestRequired: false, encryptionInTransitRequired: true, mfaRequired: false, byodAllowed: true, leaveOnlyUnderAgreement: false, retention: null },
  { name: 'Confidential', rank: 2, colour: '#f08c00', description: 'Business-sensitive or personal data other than PHI.', encryptionAtRestRequired: true, encryptionInTransitRequired: true, mfaRequired: true, byodAllowed: false, leaveOnlyUnderAgreement: true, retention: null },
  { name: 'Restricted (PHI)', rank: 3, colour: '#e03131', description: 'Protected health information and other special-category data (GDPR Art. 9).', encryptionAtRestRequired: true, encryptionInTransitRequired: true, mfaRequired: true, byodAllowed: false, leaveOnlyUnderAgreement: true, retention: '6 years after last use (45 CFR 164.316(b)(2)) or longer where local law requires' },
];

function toRow(input: TClassificationFields) {
  return {
    name: input.name,
    rank: input.rank,
    colour: input.colour.toLowerCase(),
    description: input.description ?? null,
    encryption_at_rest_required: input.encryptionAtRestRequired ? 1 : 0,
    encryption_in_transit_required: input.encryptionInTransitRequired ? 1 : 0,
    mfa_required: input.mfaRequired ? 1 : 0,
    byod_allowed: input.byodAllowed ? 1 : 0,
    leave_only_under_agreement: input.leaveOnlyUnderAgreement ? 1 : 0,
    retention: input.retention ?? null,
  };
}

function present(row: ClassificationLevelsTable & { asset_count?: unknown }) {
  return {
    id: row.id,
    name: row.name,
    rank: row.rank,
    colour: row.colour,
    description: row.description,
    encryptionAtRestRequired: row.encryption_at_rest_required === 1,
    encryptionInTransitRequired: row.encryption_in_transit_required === 1,
    mfaRequired: row.mfa_required === 1,
    byodAllowed: row.byod_allowed === 1,
    leaveOnlyUnderAgreement: row.leave_only_under_agreement === 1,
    retention: row.retention,
    assetCount: toNumber(row.asset_count),
  };
}

/** Seeds the default scheme for a new organization, inside its creation transaction. */
export async function seedDefaultScheme(ctx: AppContext, trx: Trx, actor: AuditActor, organizationId: string): Promise<void> {
  const now = ctx.clock.now().toISOString();
  for (const level of DEFAULT_SCHEME) {
    const id = newId();
    await trx.insertInto('classification_levels').values({ ...toRow(level), id, organization_id: organizationId, created_at: now, updated_at: now }).execute();
    await recordEvent(ctx, trx, actor, { type: 'classification.created', organizationId, subjectType: 'classification_level', subjectId: id, changes: { ...level, seeded: true } });
  }
}

export async function listLevels(ctx: AppContext, access: OrgAccess) {
  const rows = await assetDb(ctx.database.db)
    .selectFrom('classification_levels as l')
    .selectAll('l')
    .select((eb) => eb.selectFrom('assets').select((e) => e.fn.countAll().as('n')).whereRef('assets.classification_id', '=', 'l.id').as('asset_count'))
    .where('l.organization_id', '=', access.organizationId)
    .orderBy('l.rank')
    .execute();
  return { items: rows.map(present), abilities: { manage: access.permissions.includes('classification.manage') } };
}

function conflict(error: unknown): never {
  if (isUniqueViolation(error)) throw fieldError('body.name', 'is already a level of this scheme');
  throw error;
}

export async function createLevel(ctx: AppContext, access: OrgAccess, actor: AuditActor, input: TClassificationFields) {
  const id = newId();
  const now = ctx.clock.now().toISOString();
  await assetDb(ctx.database.db)
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('classification_levels').values({ ...toRow(input), id, organization_id: access.organizationId, created_at: now, updated_at: now }).execute();
      await recordEvent(ctx, trx, actor, { type: 'classification.created', organizationId: access.organizationId, subjectType: 'classification_level', subjectId: id, changes: { ...input } });
    })
    .catch(conflict);
  return listLevels(ctx, access);
}

async function loadLevel(ctx: AppContext, access: OrgAccess, levelId: string) {
  const row = await assetDb(ctx.database.db).selectFrom('classification_levels').selectAll().where('organization_id', '=', access.organizationId).where('id', '=', levelId).executeTakeFirst();
  if (!row) throw notFound('classification level');
  return row;
}

export async function updateLevel(ctx: AppContext, access: OrgAccess, actor: AuditActor, levelId: string, input: TClassificationFields) {
  const before = present(await loadLevel(ctx, access, levelId));
  await assetDb(ctx.database.db)
    .transaction()
    .execute(async (trx) => {
      await trx.updateTable('classification_levels').set({ ...toRow(input), updated_at: ctx.clock.now().toISOString() }).where('id', '=', levelId).where('organization_id', '=', access.organizationId).execute();
      // The level's handling rules decide gaps of every asset classified at it.
      await refreshStoredGaps(trx, access.organizationId, { classificationId: levelId });
      await recordEvent(ctx, trx, actor, { type: 'classification.updated', organizationId: access.organizationId, subjectType: 'classification_level', subjectId: levelId, changes: { before: { ...before, assetCount: undefined }, after: input } });
    })
    .catch(conflict);
  return listLevels(ctx, access);
}

export async function deleteLevel(ctx: AppContext, access: OrgAccess, actor: AuditActor, levelId: string) {
  const level = await loadLevel(ctx, access, levelId);
  const used = await assetDb(ctx.database.db).selectFrom('assets').select('id').where('classification_id', '=', levelId).limit(1).executeTakeFirst();
  if (used) throw new AppError('conflict', `${level.name} is used by assets; reclassify them first`);
  await assetDb(ctx.database.db).transaction().execute(async (trx) => {
    await trx.deleteFrom('classification_levels').where('id', '=', levelId).execute();
    await recordEvent(ctx, trx, actor, { type: 'classification.deleted', organizationId: access.organizationId, subjectType: 'classification_level', subjectId: levelId, changes: { name: level.name } });
  });
  return listLevels(ctx, access);
}
