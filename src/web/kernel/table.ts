/**
 * Table helpers: lists are paged, sorted and filtered on the server, and the state lives in the URL
 * search params (shareable, back-button safe). Readers here turn untrusted URL values into safe ones;
 * anything invalid falls back to the default instead of breaking the page.
 */

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;

export type SortDirection = 'asc' | 'desc';

export interface SortState<F extends string> {
  field: F;
  direction: SortDirection;
}

export function readPositiveInt(value: unknown, max = 100_000): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= max ? n : undefined;
}

export function readPageSize(value: unknown): number | undefined {
  const n = readPositiveInt(value, 200);
  return n && (PAGE_SIZES as readonly number[]).includes(n) ? n : undefined;
}

export function readEnum<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function readText(value: unknown, maxLength = 200): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim().slice(0, maxLength);
  return text === '' ? undefined : text;
}

/** `YYYY-MM-DD`, or undefined. */
export function readDate(value: unknown): string | undefined {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : undefined;
}

/** 1-based first and last row shown, for "26–50 of 123". */
export function pageRange(page: number, pageSize: number, total: number): { from: number; to: number } {
  if (total === 0) return { from: 0, to: 0 };
  const from = (page - 1) * pageSize + 1;
  return { from, to: Math.min(total, page * pageSize) };
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
