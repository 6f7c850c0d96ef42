/**
 * Shaping heat map and trend answers for display (issue 5 item 7; ISO/IEC 27001:2022 9.1): pure, so the
 * web's reading of the API's cells and snapshots is tested without a browser.
 */
import type { TRiskHeatmap, TRiskTrend } from '../../../shared/contracts/risks.js';
import { methodMessages as m } from './method-messages.js';
import type { MatrixShape } from './risk-matrix.js';

/** The key under which counts of levels the method in force no longer has are kept together. */
export const OTHER_LEVELS = '__other';

/** The heat map as the matrix component draws it: scales, levels, the matrix and the count per cell. */
export function heatmapShape(heatmap: TRiskHeatmap): { shape: MatrixShape; counts: number[][] } {
  const matrix = heatmap.likelihood.map(() => heatmap.impact.map(() => ''));
  const counts = heatmap.likelihood.map(() => heatmap.impact.map(() => 0));
  for (const cell of heatmap.cells) {
    if (!matrix[cell.likelihood - 1] || cell.impact < 1 || cell.impact > heatmap.impact.length) continue;
    matrix[cell.likelihood - 1]![cell.impact - 1] = cell.levelKey;
    counts[cell.likelihood - 1]![cell.impact - 1] = cell.count;
  }
  return { shape: { likelihood: heatmap.likelihood, impact: heatmap.impact, levels: heatmap.levels, matrix }, counts };
}

/** "2026-05" → "May 2026"; the live point is "Now". */
export function monthLabel(point: { month: string; live: boolean }): string {
  if (point.live) return m.nowLabel;
  const [year, month] = point.month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export interface TrendRow {
  key: string;
  label: string;
  counts: Record<string, number>;
  total: number;
}

/**
 * One row per point with a count per level of the method in force; counts under level keys the method
 * no longer has (snapshots taken under an earlier version) are kept together as "earlier levels".
 */
export function trendRows(trend: TRiskTrend): { rows: TrendRow[]; hasOther: boolean } {
  const known = new Set(trend.levels.map((level) => level.key));
  let hasOther = false;
  const rows = trend.points.map((point) => {
    const counts: Record<string, number> = {};
    let total = 0;
    for (const level of trend.levels) counts[level.key] = 0;
    for (const [key, n] of Object.entries(point.counts)) {
      const target = known.has(key) ? key : OTHER_LEVELS;
      if (target === OTHER_LEVELS && n > 0) hasOther = true;
      counts[target] = (counts[target] ?? 0) + n;
      total += n;
    }
    return { key: point.live ? 'now' : point.month, label: monthLabel(point), counts, total };
  });
  return { rows, hasOther };
}

