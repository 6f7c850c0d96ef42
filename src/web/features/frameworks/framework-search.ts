/** The framework browser's URL state: search, filters and the selected requirement (shareable, back-button safe). */
import { REQUIREMENT_KINDS } from '../../../shared/contracts/frameworks.js';
import { readEnum, readText } from '../../kernel/table.js';

export interface FrameworkBrowserSearch {
  q?: string;
  kind?: (typeof REQUIREMENT_KINDS)[number];
  theme?: string;
  /** The requirement shown in the detail panel. */
  requirement?: string;
}

export function validateFrameworkBrowserSearch(raw: Record<string, unknown>): FrameworkBrowserSearch {
  return { q: readText(raw.q, 200), kind: readEnum(raw.kind, REQUIREMENT_KINDS), theme: readText(raw.theme, 200), requirement: readText(raw.requirement, 300) };
}

export function isSearching(search: FrameworkBrowserSearch): boolean {
  return Boolean(search.q || search.kind || search.theme);
}
