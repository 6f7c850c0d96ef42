/** People list state in the URL: filters, sort and page (shareable, back-button safe). */
import { MEMBER_SORT_FIELDS, ZMemberListQuery, type TMemberListQuery } from '../../../shared/contracts/organizations.js';
import { ROLES, type Role } from '../../../shared/permissions.js';
import { readEnum, readPageSize, readPositiveInt, readText, type SortDirection } from '../../kernel/table.js';

export type MemberSortField = (typeof MEMBER_SORT_FIELDS)[number];

export interface PeopleSearch {
  page?: number;
  pageSize?: number;
  q?: string;
  role?: Role;
  sort?: MemberSortField;
  direction?: SortDirection;
}

export function validatePeopleSearch(raw: Record<string, unknown>): PeopleSearch {
  return {
    page: readPositiveInt(raw.page),
    pageSize: readPageSize(raw.pageSize),
    q: readText(raw.q),
    role: readEnum(raw.role, ROLES),
    sort: readEnum(raw.sort, MEMBER_SORT_FIELDS),
    direction: readEnum(raw.direction, ['asc', 'desc'] as const),
  };
}

/** The API query for a URL state; defaults come from the contract itself. */
export function peopleQuery(search: PeopleSearch): Partial<TMemberListQuery> {
  const defaults = ZMemberListQuery.parse({});
  return {
    page: search.page ?? defaults.page,
    pageSize: search.pageSize ?? defaults.pageSize,
    q: search.q,
    role: search.role,
    sort: search.sort ?? defaults.sort,
    direction: search.direction ?? defaults.direction,
  };
}
