/**
 * URL state of the risk register (filters, sort, page: shareable and back-button safe), the risk
 * detail's tab, the "new risk" page (from a gap) and the treatment task board. Untrusted URL values are
 * read into safe ones; anything invalid falls back to the default (ISO/IEC 27001:2022 6.1.2, 6.1.3).
 */
import {
  ACCEPTANCE_STATES,
  RISK_CATEGORIES,
  RISK_SORT_FIELDS,
  RISK_STAGES,
  RISK_STATUSES,
  TASK_STATUSES,
  TREATMENT_OPTIONS,
  ZRiskListQuery,
  ZRiskTaskListQuery,
  type TRiskListQuery,
  type TRiskTaskListQuery,
} from '../../../shared/contracts/risks.js';
import { readEnum, readPageSize, readPositiveInt, readText, type SortDirection } from '../../kernel/table.js';

export type RiskSortField = (typeof RISK_SORT_FIELDS)[number];
type YesNo = 'yes' | 'no';
const YES_NO = ['yes', 'no'] as const;
const DIRECTIONS = ['asc', 'desc'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LEVEL_KEY = /^[a-z][a-z0-9_]{0,39}$/;

export function readUuid(value: unknown): string | undefined {
  return typeof value === 'string' && UUID.test(value) ? value : undefined;
}

function readLevelKey(value: unknown): string | undefined {
  return typeof value === 'string' && LEVEL_KEY.test(value) ? value : undefined;
}

export interface RiskSearch {
  page?: number;
  pageSize?: number;
  q?: string;
  category?: (typeof RISK_CATEGORIES)[number];
  status?: (typeof RISK_STATUSES)[number];
  ownerUserId?: string;
  siteId?: string;
  treatmentOption?: (typeof TREATMENT_OPTIONS)[number];
  level?: string;
  levelStage?: (typeof RISK_STAGES)[number];
  ephi?: YesNo;
  acceptance?: (typeof ACCEPTANCE_STATES)[number];
  reviewOverdue?: YesNo;
  assetId?: string;
  controlId?: string;
  includeSites?: YesNo;
  sort?: RiskSortField;
  direction?: SortDirection;
}

export function validateRiskSearch(raw: Record<string, unknown>): RiskSearch {
  return {
    page: readPositiveInt(raw.page),
    pageSize: readPageSize(raw.pageSize),
    q: readText(raw.q),
    category: readEnum(raw.category, RISK_CATEGORIES),
    status: readEnum(raw.status, RISK_STATUSES),
    ownerUserId: readUuid(raw.ownerUserId),
    siteId: readUuid(raw.siteId),
    treatmentOption: readEnum(raw.treatmentOption, TREATMENT_OPTIONS),
    level: readLevelKey(raw.level),
    levelStage: readEnum(raw.levelStage, RISK_STAGES),
    ephi: readEnum(raw.ephi, YES_NO),
    acceptance: readEnum(raw.acceptance, ACCEPTANCE_STATES),
    reviewOverdue: readEnum(raw.reviewOverdue, YES_NO),
    assetId: readUuid(raw.assetId),
    controlId: readUuid(raw.controlId),
    includeSites: readEnum(raw.includeSites, YES_NO),
    sort: readEnum(raw.sort, RISK_SORT_FIELDS),
    direction: readEnum(raw.direction, DIRECTIONS),
  };
}

export const RISK_FILTER_KEYS = ['q', 'category', 'status', 'ownerUserId', 'siteId', 'treatmentOption', 'level', 'levelStage', 'ephi', 'acceptance', 'reviewOverdue', 'assetId', 'controlId'] as const;

export function hasRiskFilters(search: RiskSearch): boolean {
  return RISK_FILTER_KEYS.some((key) => search[key] !== undefined);
}

export const CLEARED_RISK_FILTERS: Partial<RiskSearch> = Object.fromEntries(RISK_FILTER_KEYS.map((key) => [key, undefined]));

/**
 * The API query for a URL state; defaults come from the contract itself. A site filter and "include
 * sites" only mean something at a group: elsewhere they are dropped rather than sent.
 */
export function riskListQuery(search: RiskSearch, options: { hasSites: boolean }): Partial<TRiskListQuery> {
  const defaults = ZRiskListQuery.parse({});
  const includeSites = options.hasSites && search.includeSites === 'yes';
  return {
    page: search.page ?? defaults.page,
    pageSize: search.pageSize ?? defaults.pageSize,
    q: search.q,
    category: search.category,
    status: search.status,
    ownerUserId: search.ownerUserId,
    siteId: includeSites ? search.siteId : undefined,
    treatmentOption: search.treatmentOption,
    level: search.level,
    // The stage only narrows a level filter; without one it would be noise in the URL and the cache key.
    levelStage: search.level ? (search.levelStage ?? defaults.levelStage) : undefined,
    ephi: search.ephi,
    acceptance: search.acceptance,
    reviewOverdue: search.reviewOverdue,
    assetId: search.assetId,
    controlId: search.controlId,
    includeSites: includeSites ? 'yes' : undefined,
    sort: search.sort ?? defaults.sort,
    direction: search.direction ?? defaults.direction,
  };
}

// ---- Risk detail ----
export const RISK_TABS = ['overview', 'assessment', 'treatment', 'acceptance', 'reviews', 'history'] as const;
export type RiskTab = (typeof RISK_TABS)[number];
export interface RiskDetailSearch {
  tab?: RiskTab;
}

export function validateRiskDetailSearch(raw: Record<string, unknown>): RiskDetailSearch {
  return { tab: readEnum(raw.tab, RISK_TABS) };
}

// ---- New risk (optionally raised from an asset-register gap) ----
export interface RiskNewSearch {
  fromAsset?: string;
  rule?: string;
}

export function validateRiskNewSearch(raw: Record<string, unknown>): RiskNewSearch {
  const fromAsset = readUuid(raw.fromAsset);
  const rule = readText(raw.rule, 80);
  // Both or neither: a gap is an asset and a rule.
  return fromAsset && rule ? { fromAsset, rule } : {};
}

// ---- Treatment task board ----
export const TASK_SORT_FIELDS = ['dueOn', 'status', 'title', 'riskRef', 'updatedAt'] as const;
export type TaskSortField = (typeof TASK_SORT_FIELDS)[number];

export interface TaskBoardSearch {
  page?: number;
  pageSize?: number;
  status?: (typeof TASK_STATUSES)[number];
  ownerUserId?: string;
  overdue?: YesNo;
  riskId?: string;
  includeSites?: YesNo;
  sort?: TaskSortField;
  direction?: SortDirection;
}

export function validateTaskBoardSearch(raw: Record<string, unknown>): TaskBoardSearch {
  return {
    page: readPositiveInt(raw.page),
    pageSize: readPageSize(raw.pageSize),
    status: readEnum(raw.status, TASK_STATUSES),
    ownerUserId: readUuid(raw.ownerUserId),
    overdue: readEnum(raw.overdue, YES_NO),
    riskId: readUuid(raw.riskId),
    includeSites: readEnum(raw.includeSites, YES_NO),
    sort: readEnum(raw.sort, TASK_SORT_FIELDS),
    direction: readEnum(raw.direction, DIRECTIONS),
  };
}

export const TASK_FILTER_KEYS = ['status', 'ownerUserId', 'overdue', 'riskId'] as const;
export const hasTaskFilters = (search: TaskBoardSearch) => TASK_FILTER_KEYS.some((key) => search[key] !== undefined);
export const CLEARED_TASK_FILTERS: Partial<TaskBoardSearch> = Object.fromEntries(TASK_FILTER_KEYS.map((key) => [key, undefined]));

export function taskListQuery(search: TaskBoardSearch, options: { hasSites: boolean }): Partial<TRiskTaskListQuery> {
  const defaults = ZRiskTaskListQuery.parse({});
  return {
    page: search.page ?? defaults.page,
    pageSize: search.pageSize ?? defaults.pageSize,
    status: search.status,
    ownerUserId: search.ownerUserId,
    overdue: search.overdue,
    riskId: search.riskId,
    includeSites: options.hasSites && search.includeSites === 'yes' ? 'yes' : undefined,
    sort: search.sort ?? defaults.sort,
    direction: search.direction ?? defaults.direction,
  };
}
