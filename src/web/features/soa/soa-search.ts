/** SoA page state in the URL: the tab, the filters, the version shown and the comparison (shareable, back-button safe). */
import { IMPLEMENTATION_STATUSES, type ImplementationStatus } from '../../../shared/compliance.js';
import { ANNEX_A_THEMES, type AnnexATheme, type TSoaListQuery } from '../../../shared/contracts/soa.js';
import { readEnum, readPositiveInt, readText } from '../../kernel/table.js';

export const SOA_VIEWS = ['statement', 'versions', 'sites'] as const;
export type SoaView = (typeof SOA_VIEWS)[number];
const YES_NO = ['yes', 'no'] as const;

export interface SoaSearch {
  view?: SoaView;
  theme?: AnnexATheme;
  applicable?: 'yes' | 'no';
  status?: ImplementationStatus;
  justified?: 'yes' | 'no';
  q?: string;
  /** A published version shown read-only. */
  version?: number;
  from?: number | 'current';
  to?: number | 'current';
}

function readVersionRef(value: unknown): number | 'current' | undefined {
  return value === 'current' ? 'current' : readPositiveInt(value, 1_000_000);
}

export function validateSoaSearch(raw: Record<string, unknown>): SoaSearch {
  return {
    view: readEnum(raw.view, SOA_VIEWS),
    theme: readEnum(raw.theme, ANNEX_A_THEMES),
    applicable: readEnum(raw.applicable, YES_NO),
    status: readEnum(raw.status, IMPLEMENTATION_STATUSES),
    justified: readEnum(raw.justified, YES_NO),
    q: readText(raw.q),
    version: readPositiveInt(raw.version, 1_000_000),
    from: readVersionRef(raw.from),
    to: readVersionRef(raw.to),
  };
}

export function soaListQuery(search: SoaSearch): TSoaListQuery {
  return { theme: search.theme, applicable: search.applicable, status: search.status, justified: search.justified, q: search.q };
}

export function hasSoaFilters(search: SoaSearch): boolean {
  return Boolean(search.theme || search.applicable || search.status || search.justified || search.q);
}

export const CLEARED_SOA_FILTERS: Partial<SoaSearch> = { theme: undefined, applicable: undefined, status: undefined, justified: undefined, q: undefined };
