/** Register state in the URL (filters, sort, page: shareable and back-button safe) and the detail page's tab. */
import { CONTROL_CATEGORIES, CONTROL_STATUSES, EFFECTIVENESS } from '../../../shared/compliance.js';
import { CONTROL_SORT_FIELDS, ZControlListQuery, type TControlListQuery } from '../../../shared/contracts/controls.js';
import { readEnum, readPageSize, readPositiveInt, readText, type SortDirection } from '../../kernel/table.js';

export type ControlSortField = (typeof CONTROL_SORT_FIELDS)[number];
const YES_NO = ['yes', 'no'] as const;

export interface ControlSearch {
  page?: number;
  pageSize?: number;
  q?: string;
  status?: (typeof CONTROL_STATUSES)[number];
  category?: (typeof CONTROL_CATEGORIES)[number];
  effectiveness?: (typeof EFFECTIVENESS)[number];
  owner?: string;
  requirementId?: string;
  frameworkId?: string;
  expiredEvidence?: 'yes' | 'no';
  inherited?: 'yes' | 'no';
  sort?: ControlSortField;
  direction?: SortDirection;
}

export function validateControlSearch(raw: Record<string, unknown>): ControlSearch {
  return {
    page: readPositiveInt(raw.page),
    pageSize: readPageSize(raw.pageSize),
    q: readText(raw.q),
    status: readEnum(raw.status, CONTROL_STATUSES),
    category: readEnum(raw.category, CONTROL_CATEGORIES),
    effectiveness: readEnum(raw.effectiveness, EFFECTIVENESS),
    owner: readText(raw.owner),
    requirementId: readText(raw.requirementId, 300),
    frameworkId: readText(raw.frameworkId),
    expiredEvidence: readEnum(raw.expiredEvidence, YES_NO),
    inherited: readEnum(raw.inherited, YES_NO),
    sort: readEnum(raw.sort, CONTROL_SORT_FIELDS),
    direction: readEnum(raw.direction, ['asc', 'desc'] as const),
  };
}

export const FILTER_KEYS = ['q', 'status', 'category', 'effectiveness', 'owner', 'requirementId', 'frameworkId', 'expiredEvidence', 'inherited'] as const;
export const hasControlFilters = (search: ControlSearch) => FILTER_KEYS.some((key) => search[key] !== undefined);
export const CLEARED_FILTERS: Partial<ControlSearch> = Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined]));

export function controlListQuery(search: ControlSearch): Partial<TControlListQuery> {
  const defaults = ZControlListQuery.parse({});
  return {
    page: search.page ?? defaults.page,
    pageSize: search.pageSize ?? defaults.pageSize,
    q: search.q,
    status: search.status,
    category: search.category,
    effectiveness: search.effectiveness,
    owner: search.owner,
    requirementId: search.requirementId,
    frameworkId: search.frameworkId,
    expiredEvidence: search.expiredEvidence,
    inherited: search.inherited,
    sort: search.sort ?? defaults.sort,
    direction: search.direction ?? defaults.direction,
  };
}

export const CONTROL_TABS = ['overview', 'requirements', 'assets', 'risks', 'evidence', 'history'] as const;
export type ControlTab = (typeof CONTROL_TABS)[number];
export function validateControlDetailSearch(raw: Record<string, unknown>): { tab?: ControlTab } {
  return { tab: readEnum(raw.tab, CONTROL_TABS) };
}
