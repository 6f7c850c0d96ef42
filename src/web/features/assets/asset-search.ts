/** Register state in the URL: filters, sort and page (shareable, back-button safe), and the gaps and diagram pages' state. */
import {
  ASSET_SORT_FIELDS,
  ASSET_TYPES,
  CRITICALITIES,
  GAP_RULES,
  LIFECYCLE_STATUSES,
  ZAssetListQuery,
  type GapRule,
  type TAssetExportQuery,
  type TAssetListQuery,
} from '../../../shared/contracts/assets.js';
import { readEnum, readPageSize, readPositiveInt, readText, type SortDirection } from '../../kernel/table.js';

export type AssetSortField = (typeof ASSET_SORT_FIELDS)[number];
type YesNo = 'yes' | 'no';
const YES_NO = ['yes', 'no'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AssetSearch {
  page?: number;
  pageSize?: number;
  q?: string;
  type?: (typeof ASSET_TYPES)[number];
  classificationId?: string;
  owner?: string;
  lifecycle?: (typeof LIFECYCLE_STATUSES)[number];
  criticality?: (typeof CRITICALITIES)[number];
  ephi?: YesNo;
  gaps?: YesNo;
  includeSites?: YesNo;
  sort?: AssetSortField;
  direction?: SortDirection;
}

export function readUuid(value: unknown): string | undefined {
  return typeof value === 'string' && UUID.test(value) ? value : undefined;
}

export function validateAssetSearch(raw: Record<string, unknown>): AssetSearch {
  return {
    page: readPositiveInt(raw.page),
    pageSize: readPageSize(raw.pageSize),
    q: readText(raw.q),
    type: readEnum(raw.type, ASSET_TYPES),
    classificationId: readUuid(raw.classificationId),
    owner: readText(raw.owner),
    lifecycle: readEnum(raw.lifecycle, LIFECYCLE_STATUSES),
    criticality: readEnum(raw.criticality, CRITICALITIES),
    ephi: readEnum(raw.ephi, YES_NO),
    gaps: readEnum(raw.gaps, YES_NO),
    includeSites: readEnum(raw.includeSites, YES_NO),
    sort: readEnum(raw.sort, ASSET_SORT_FIELDS),
    direction: readEnum(raw.direction, ['asc', 'desc'] as const),
  };
}

export const FILTER_KEYS = ['q', 'type', 'classificationId', 'owner', 'lifecycle', 'criticality', 'ephi', 'gaps'] as const;

export function hasAssetFilters(search: AssetSearch): boolean {
  return FILTER_KEYS.some((key) => search[key] !== undefined);
}

export const CLEARED_FILTERS: Partial<AssetSearch> = Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined]));

/** The API query for a URL state; defaults come from the contract itself. */
export function assetListQuery(search: AssetSearch, options: { hasSites: boolean }): Partial<TAssetListQuery> {
  const defaults = ZAssetListQuery.parse({});
  return {
    page: search.page ?? defaults.page,
    pageSize: search.pageSize ?? defaults.pageSize,
    q: search.q,
    type: search.type,
    classificationId: search.classificationId,
    owner: search.owner,
    lifecycle: search.lifecycle,
    criticality: search.criticality,
    ephi: search.ephi,
    gaps: search.gaps,
    includeSites: options.hasSites && search.includeSites === 'yes' ? 'yes' : undefined,
    sort: search.sort ?? defaults.sort,
    direction: search.direction ?? defaults.direction,
  };
}

/** The export takes the same filters (not paging or sort): it exports exactly what is filtered. */
export function assetExportFilters(search: AssetSearch): Omit<Partial<TAssetExportQuery>, 'format'> {
  return { q: search.q, type: search.type, classificationId: search.classificationId, owner: search.owner, lifecycle: search.lifecycle, criticality: search.criticality, ephi: search.ephi, gaps: search.gaps };
}

// ---- Gaps page ----
export interface GapSearch {
  rule?: GapRule;
  page?: number;
  pageSize?: number;
}

export function validateGapSearch(raw: Record<string, unknown>): GapSearch {
  return { rule: readEnum(raw.rule, GAP_RULES), page: readPositiveInt(raw.page), pageSize: readPageSize(raw.pageSize) };
}

// ---- Data-flow diagram ----
export const FLOW_VIEWS = ['diagram', 'table'] as const;
export interface FlowDiagramSearch {
  ephiOnly?: YesNo;
  view?: (typeof FLOW_VIEWS)[number];
}

export function validateFlowDiagramSearch(raw: Record<string, unknown>): FlowDiagramSearch {
  return { ephiOnly: readEnum(raw.ephiOnly, YES_NO), view: readEnum(raw.view, FLOW_VIEWS) };
}

// ---- Asset detail ----
export const ASSET_TABS = ['overview', 'dependencies', 'flows', 'gaps', 'history'] as const;
export type AssetTab = (typeof ASSET_TABS)[number];
export interface AssetDetailSearch {
  tab?: AssetTab;
  page?: number;
}

export function validateAssetDetailSearch(raw: Record<string, unknown>): AssetDetailSearch {
  return { tab: readEnum(raw.tab, ASSET_TABS), page: readPositiveInt(raw.page) };
}
