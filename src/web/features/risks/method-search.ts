/**
 * URL state of the risk method page (a past version open for reading), the heat map (stage and filters)
 * and the catalogue (tab and search): shareable and back-button safe. Untrusted values are read into
 * safe ones; anything invalid falls back to the default.
 */
import { RISK_CATEGORIES, RISK_STAGES, RISK_STATUSES, type TRiskHeatmapQuery } from '../../../shared/contracts/risks.js';
import { readEnum, readPositiveInt, readText } from '../../kernel/table.js';
import { readUuid } from './risk-search.js';

export interface MethodSearch {
  /** A saved version shown read-only. */
  version?: number;
}

export function validateMethodSearch(raw: Record<string, unknown>): MethodSearch {
  return { version: readPositiveInt(raw.version, 1_000_000) };
}

export const HEATMAP_VIEWS = ['inherent', 'current', 'residual', 'all'] as const;
export type HeatmapView = (typeof HEATMAP_VIEWS)[number];

export interface HeatmapSearch {
  /** One stage, or the three side by side. */
  view?: HeatmapView;
  siteId?: string;
  /** At a group: the group together with its sites. */
  includeSites?: 'yes';
  category?: (typeof RISK_CATEGORIES)[number];
  ownerUserId?: string;
  status?: (typeof RISK_STATUSES)[number];
  /** Trends: shown as a table instead of the chart. */
  trendsAs?: 'table';
}

export function validateHeatmapSearch(raw: Record<string, unknown>): HeatmapSearch {
  return {
    view: readEnum(raw.view, HEATMAP_VIEWS),
    siteId: readUuid(raw.siteId),
    includeSites: readEnum(raw.includeSites, ['yes'] as const),
    category: readEnum(raw.category, RISK_CATEGORIES),
    ownerUserId: readUuid(raw.ownerUserId),
    status: readEnum(raw.status, RISK_STATUSES),
    trendsAs: readEnum(raw.trendsAs, ['table'] as const),
  };
}

export const HEATMAP_FILTER_KEYS = ['siteId', 'includeSites', 'category', 'ownerUserId', 'status'] as const;
export const hasHeatmapFilters = (search: HeatmapSearch) => HEATMAP_FILTER_KEYS.some((key) => search[key] !== undefined);
export const CLEARED_HEATMAP_FILTERS: Partial<HeatmapSearch> = Object.fromEntries(HEATMAP_FILTER_KEYS.map((key) => [key, undefined]));

/**
 * The API query of one heat map. At a group: a chosen site (or the group's own id) narrows to it, "every
 * site" asks for the group with its sites, nothing chosen means the organization itself. Elsewhere the
 * site filters are dropped rather than sent.
 */
export function heatmapQuery(search: HeatmapSearch, stage: (typeof RISK_STAGES)[number], options: { hasSites: boolean }): Partial<TRiskHeatmapQuery> {
  return {
    stage,
    category: search.category,
    ownerUserId: search.ownerUserId,
    status: search.status ?? 'open',
    siteId: options.hasSites ? search.siteId : undefined,
    includeSites: options.hasSites && search.includeSites === 'yes' && !search.siteId ? 'yes' : undefined,
  };
}

export const CATALOGUE_TABS = ['threats', 'sources', 'vulnerabilities', 'own'] as const;
export type CatalogueTab = (typeof CATALOGUE_TABS)[number];

export interface CatalogueSearch {
  tab?: CatalogueTab;
  q?: string;
}

export function validateCatalogueSearch(raw: Record<string, unknown>): CatalogueSearch {
  return { tab: readEnum(raw.tab, CATALOGUE_TABS), q: readText(raw.q) };
}
