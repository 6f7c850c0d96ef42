/** Every query of organizations and memberships; every read is scoped to one organization in SQL. */
import { sql } from 'kysely';
import type { TMemberListQuery } from '../../../shared/contracts/organizations.js';
import { likePattern, toNumber, type Db } from '../../kernel/db/database.js';

export function getOrganization(db: Db, orgId: string) {
  return db
    .selectFrom('organizations as o')
    .leftJoin('organizations as p', 'p.id', 'o.parent_id')
    .selectAll('o')
    .select('p.name as parent_name')
    .where('o.id', '=', orgId)
    .executeTakeFirst();
}

export function listSites(db: Db, orgId: string) {
  return db.selectFrom('organizations').select(['id', 'name', 'slug', 'kind']).where('parent_id', '=', orgId).orderBy('name').execute();
}

export function listOrganizationsOf(db: Db, userId: string, now: Date) {
  return db
    .selectFrom('organizations')
    .innerJoin('memberships', 'memberships.organization_id', 'organizations.id')
    .select(['organizations.id', 'organizations.slug', 'organizations.name', 'organizations.kind', 'organizations.parent_id'])
    .where('memberships.user_id', '=', userId)
    .where((eb) => eb.or([eb('memberships.expires_at', 'is', null), eb('memberships.expires_at', '>', now.toISOString())]))
    .orderBy('organizations.name')
    .execute();
}

export function slugExists(db: Db, slug: string) {
  return db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirst();
}

const SORT_COLUMNS = {
  displayName: 'users.display_name',
  email: 'users.email',
  role: 'memberships.role',
  createdAt: 'memberships.created_at',
  lastLoginAt: 'users.last_login_at',
} as const;

function memberBase(db: Db, orgId: string, query: Pick<TMemberListQuery, 'q' | 'role'>) {
  let base = db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id').where('memberships.organization_id', '=', orgId);
  if (query.role) base = base.where('memberships.role', '=', query.role);
  if (query.q) {
    const pattern = likePattern(query.q);
    base = base.where((eb) => eb.or([sql<boolean>`lower(users.email) like ${pattern} escape '\\'`, sql<boolean>`lower(users.display_name) like ${pattern} escape '\\'`]));
  }
  return base;
}

export async function listMembers(db: Db, orgId: string, query: TMemberListQuery) {
  const base = memberBase(db, orgId, query);
  const [{ total }] = await base.select((eb) => eb.fn.countAll().as('total')).execute() as [{ total: unknown }];
  const items = await base
    .select([
      'memberships.id',
      'memberships.user_id',
      'memberships.role',
      'memberships.expires_at',
      'memberships.created_at',
      'users.email',
      'users.display_name',
      'users.is_disabled',
      'users.mfa_enabled',
      'users.last_login_at',
    ])
    .orderBy(SORT_COLUMNS[query.sort], query.direction)
    .orderBy('memberships.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { total: toNumber(total), items };
}

export type MemberRow = Awaited<ReturnType<typeof listMembers>>['items'][number];

export function getMember(db: Db, orgId: string, membershipId: string) {
  return memberBase(db, orgId, {})
    .select(['memberships.id', 'memberships.user_id', 'memberships.role', 'memberships.expires_at', 'memberships.created_at', 'users.email', 'users.display_name', 'users.is_disabled', 'users.mfa_enabled', 'users.last_login_at'])
    .where('memberships.id', '=', membershipId)
    .executeTakeFirst();
}

export async function countAdmins(db: Db, orgId: string): Promise<number> {
  const row = await db.selectFrom('memberships').select((eb) => eb.fn.countAll().as('n')).where('organization_id', '=', orgId).where('role', '=', 'admin').executeTakeFirst();
  return toNumber(row?.n);
}
