/**
 * URL state of the incident register (filters, sort, page: shareable and back-button safe) and of an
 * incident's tab. Untrusted URL values are read into safe ones; anything invalid falls back to the
 * default (ISO/IEC 27001:2022 A.5.24–A.5.26).
 */
import type { z } from 'zod';
import { INCIDENT_CATEGORIES, INCIDENT_SORT_FIELDS, INCIDENT_STATUSES, ZIncidentListQuery, ZObligationId } from '../../../shared/contracts/incidents.js';
import { readEnum, readPageSize, readPositiveInt, readText, type SortDirection } from '../../kernel/table.js';

export type IncidentSortField = (typeof INCIDENT_SORT_FIELDS)[number];
export const STATUS_FILTERS = [...INCIDENT_STATUSES, 'open'] as const;
export const BREACH_FILTERS = ['hipaa', 'gdpr', 'any', 'none', 'not_assessed'] as const;
export const CLOCK_FILTERS = ['open', 'overdue'] as const;
export const ARCHIVED_FILTERS = ['exclude', 'only', 'include'] as const;
const DIRECTIONS = ['asc', 'desc'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEVERITY_KEY = /^[a-z][a-z0-9_]{0,31}$/;

export interface IncidentSearch {
  page?: number;
  pageSize?: number;
  q?: string;
  status?: (typeof STATUS_FILTERS)[number];
  category?: (typeof INCIDENT_CATEGORIES)[number];
  severity?: string;
  /** A user id, or 'none' for incidents without a handler. */
  handler?: string;
  breach?: (typeof BREACH_FILTERS)[number];
  clocks?: (typeof CLOCK_FILTERS)[number];
  archived?: (typeof ARCHIVED_FILTERS)[number];
  sort?: IncidentSortField;
  dir?: SortDirection;
}

function readHandler(value: unknown): string | undefined {
  if (value === 'none') return 'none';
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : undefined;
}

export function validateIncidentSearch(raw: Record<string, unknown>): IncidentSearch {
  const archived = readEnum(raw.archived, ARCHIVED_FILTERS);
  return {
    page: readPositiveInt(raw.page),
    pageSize: readPageSize(raw.pageSize),
    q: readText(raw.q),
    status: readEnum(raw.status, STATUS_FILTERS),
    category: readEnum(raw.category, INCIDENT_CATEGORIES),
    severity: typeof raw.severity === 'string' && SEVERITY_KEY.test(raw.severity) ? raw.severity : undefined,
    handler: readHandler(raw.handler),
    breach: readEnum(raw.breach, BREACH_FILTERS),
    clocks: readEnum(raw.clocks, CLOCK_FILTERS),
    // 'exclude' is the default: it is left out of the URL.
    archived: archived === 'exclude' ? undefined : archived,
    sort: readEnum(raw.sort, INCIDENT_SORT_FIELDS),
    dir: readEnum(raw.dir, DIRECTIONS),
  };
}

export const INCIDENT_FILTER_KEYS = ['q', 'status', 'category', 'severity', 'handler', 'breach', 'clocks', 'archived'] as const;

export function hasIncidentFilters(search: IncidentSearch): boolean {
  return INCIDENT_FILTER_KEYS.some((key) => search[key] !== undefined);
}

export const CLEARED_INCIDENT_FILTERS: Partial<IncidentSearch> = Object.fromEntries(INCIDENT_FILTER_KEYS.map((key) => [key, undefined]));

/** The API query for a URL state; defaults come from the contract itself. */
export function incidentListQuery(search: IncidentSearch): Partial<z.output<typeof ZIncidentListQuery>> {
  const defaults = ZIncidentListQuery.parse({});
  return {
    page: search.page ?? defaults.page,
    pageSize: search.pageSize ?? defaults.pageSize,
    q: search.q,
    status: search.status,
    category: search.category,
    severity: search.severity,
    handler: search.handler,
    breach: search.breach,
    clocks: search.clocks,
    archived: search.archived ?? defaults.archived,
    sort: search.sort ?? defaults.sort,
    dir: search.dir ?? defaults.dir,
  };
}

// ---- Incident detail ----
export const INCIDENT_TABS = ['overview', 'workflow', 'assessment', 'clocks', 'drafts', 'timeline', 'communications', 'actions', 'history'] as const;
export type IncidentTab = (typeof INCIDENT_TABS)[number];
export interface IncidentDetailSearch {
  tab?: IncidentTab;
  /** An obligation to preselect in the communications form ("Record notification" on the Clocks tab). */
  obligation?: string;
}

export function validateIncidentDetailSearch(raw: Record<string, unknown>): IncidentDetailSearch {
  const obligation = ZObligationId.safeParse(raw.obligation);
  return { tab: readEnum(raw.tab, INCIDENT_TABS), obligation: obligation.success ? obligation.data : undefined };
}
