import { describe, expect, it } from 'vitest';
import type { TRiskHeatmap, TRiskTrend } from '../../../shared/contracts/risks.js';
import { defaultMethod } from '../../../shared/risk-method.js';
import { heatmapShape, monthLabel, OTHER_LEVELS, trendRows } from './heatmap-data.js';

const method = defaultMethod();

function heatmap(counts: Record<string, number>): TRiskHeatmap {
  const cells: TRiskHeatmap['cells'] = [];
  for (let l = 1; l <= 5; l += 1) {
    for (let i = 1; i <= 5; i += 1) {
      const levelKey = method.matrix[l - 1]![i - 1]!;
      cells.push({ likelihood: l, impact: i, levelKey, colour: method.levels.find((x) => x.key === levelKey)!.colour, count: counts[`${l}.${i}`] ?? 0 });
    }
  }
  return {
    stage: 'current',
    methodVersion: 1,
    likelihood: method.likelihood.map(({ value, label }) => ({ value, label })),
    impact: method.impact.map(({ value, label }) => ({ value, label })),
    cells,
    levels: method.levels.map(({ key, label, colour, rank }) => ({ key, label, colour, rank, count: 0 })),
    assessed: Object.values(counts).reduce((a, b) => a + b, 0),
    notAssessed: 0,
    excludedSites: [],
  };
}

describe('heatmapShape (the API\'s cells as the matrix draws them)', () => {
  it('puts each cell\'s level and count at [likelihood − 1][impact − 1], zeros included', () => {
    const { shape, counts } = heatmapShape(heatmap({ '5.5': 2, '1.4': 3, '3.2': 1 }));
    expect(shape.matrix).toEqual(method.matrix);
    expect(counts[4]![4]).toBe(2);
    expect(counts[0]![3]).toBe(3);
    expect(counts[2]![1]).toBe(1);
    expect(counts.flat().reduce((a, b) => a + b, 0)).toBe(6);
    expect(shape.likelihood.map((l) => l.label)).toEqual(['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain']);
  });

  it('ignores a cell outside the scales rather than drawing a ragged matrix', () => {
    const map = heatmap({});
    map.cells.push({ likelihood: 6, impact: 1, levelKey: 'low', colour: '#000000', count: 9 });
    map.cells.push({ likelihood: 1, impact: 9, levelKey: 'low', colour: '#000000', count: 9 });
    const { counts } = heatmapShape(map);
    expect(counts).toHaveLength(5);
    expect(counts.every((row) => row.length === 5)).toBe(true);
    expect(counts.flat().reduce((a, b) => a + b, 0)).toBe(0);
  });
});

describe('trendRows (counts per level per month)', () => {
  const trend: TRiskTrend = {
    stage: 'current',
    levels: [
      { key: 'low', label: 'Low', colour: '#2f9e44', rank: 1 },
      { key: 'high', label: 'High', colour: '#e8590c', rank: 2 },
    ],
    points: [
      { month: '2026-04', takenAt: '2026-04-01T03:00:00.000Z', live: false, counts: { low: 3, high: 1, medium: 2 } },
      { month: '2026-05', takenAt: '2026-05-01T03:00:00.000Z', live: false, counts: { low: 4 } },
      { month: '2026-05', takenAt: '2026-05-20T10:00:00.000Z', live: true, counts: { low: 2, high: 3 } },
    ],
  };

  it('gives every level of the method a count (zero when missing) and totals each point', () => {
    const { rows } = trendRows(trend);
    expect(rows.map((r) => [r.key, r.label, r.counts.low, r.counts.high, r.total])).toEqual([
      ['2026-04', 'Apr 2026', 3, 1, 6],
      ['2026-05', 'May 2026', 4, 0, 4],
      ['now', 'Now', 2, 3, 5],
    ]);
  });

  it('keeps counts of levels an earlier method had together, so totals still add up', () => {
    const { rows, hasOther } = trendRows(trend);
    expect(hasOther).toBe(true);
    expect(rows[0]!.counts[OTHER_LEVELS]).toBe(2);
    expect(trendRows({ ...trend, points: trend.points.slice(1) }).hasOther).toBe(false);
  });

  it('labels months in words and the live point as now', () => {
    expect(monthLabel({ month: '2026-01', live: false })).toBe('Jan 2026');
    expect(monthLabel({ month: '2026-01', live: true })).toBe('Now');
  });
});
