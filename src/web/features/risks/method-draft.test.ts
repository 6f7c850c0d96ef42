import { describe, expect, it } from 'vitest';
import { IMPACT_DIMENSIONS } from '../../../shared/contracts/risk-method.js';
import { defaultMethod, proportionalRemap, riskLevel } from '../../../shared/risk-method.js';
import { contrastRatio, readableTextColour } from './level-colour.js';
import {
  addRiskLevel,
  addScaleLevel,
  carryAxis,
  carryMatrix,
  cycleCell,
  fillProportionally,
  isMethodChanged,
  levelsByRank,
  matrixCellIssues,
  methodChanges,
  methodIssues,
  moveRiskLevel,
  removeRiskLevel,
  removeScaleLevel,
  setAggregationRule,
  setCell,
  setDimensions,
  setWeight,
  updateRiskLevel,
} from './method-draft.js';

const seeded = defaultMethod();
const to4x4 = () => removeScaleLevel(removeScaleLevel(seeded, 'likelihood', 4), 'impact', 4);

describe('carryAxis (which old row or column a resized scale takes)', () => {
  it('keeps every value when the size is unchanged', () => {
    expect(carryAxis(5, 5)).toEqual([1, 2, 3, 4, 5]);
  });

  it('takes the highest old value that re-maps onto each new one when the scale shrinks', () => {
    // ceil(v × 4 ÷ 5): 1→1, 2→2, 3→3, 4→4, 5→4.
    expect(carryAxis(5, 4)).toEqual([1, 2, 3, 5]);
    expect(carryAxis(5, 3)).toEqual([1, 3, 5]);
  });

  it('fills values no old one re-maps onto from the value they map back to when the scale grows', () => {
    // ceil(v × 5 ÷ 4): 1→2, 2→3, 3→4, 4→5; new 1 maps back to ceil(5 ÷ 4 × …) = 1.
    expect(carryAxis(4, 5)).toEqual([1, 1, 2, 3, 4]);
  });
});

describe('going from the seeded 5 × 5 to a 4 × 4', () => {
  it('removes one level of each scale and adapts the matrix, leaving a valid method', () => {
    const draft = to4x4();
    expect(draft.likelihood.map((l) => [l.value, l.label])).toEqual([
      [1, 'Rare'],
      [2, 'Unlikely'],
      [3, 'Possible'],
      [4, 'Likely'],
    ]);
    expect(draft.impact.map((l) => l.value)).toEqual([1, 2, 3, 4]);
    expect(draft.matrix).toEqual([
      ['low', 'low', 'low', 'medium'],
      ['low', 'low', 'medium', 'high'],
      ['low', 'medium', 'medium', 'high'],
      ['medium', 'high', 'high', 'critical'],
    ]);
    expect(methodIssues(draft)).toEqual([]);
  });

  it('puts every re-mapped assessment in a cell at or above the level it had', () => {
    const draft = to4x4();
    for (let l = 1; l <= 5; l += 1) {
      for (let i = 1; i <= 5; i += 1) {
        const before = riskLevel(seeded, l, i);
        const after = riskLevel(draft, proportionalRemap(5, 4, l), proportionalRemap(5, 4, i));
        expect(after.rank, `likelihood ${l} × impact ${i}`).toBeGreaterThanOrEqual(before.rank);
      }
    }
  });

  it('stays valid when the scales grow again', () => {
    const grown = addScaleLevel(addScaleLevel(to4x4(), 'likelihood', 'Almost certain'), 'impact', 'Catastrophic');
    expect(grown.likelihood).toHaveLength(5);
    expect(grown.matrix).toHaveLength(5);
    expect(grown.matrix.every((row) => row.length === 5)).toBe(true);
    expect(methodIssues(grown)).toEqual([]);
  });

  it('refuses to go below three levels', () => {
    const three = removeScaleLevel(removeScaleLevel(seeded, 'likelihood', 0), 'likelihood', 0);
    expect(three.likelihood).toHaveLength(3);
    expect(removeScaleLevel(three, 'likelihood', 0)).toBe(three);
  });

  it('renumbers the values when a middle level is removed', () => {
    const draft = removeScaleLevel(seeded, 'impact', 1);
    expect(draft.impact.map((l) => `${l.value} ${l.label}`)).toEqual(['1 Negligible', '2 Moderate', '3 Major', '4 Catastrophic']);
    expect(methodIssues(draft)).toEqual([]);
  });

  it('re-draws the matrix from the version in force on request, dropping cell edits', () => {
    const edited = setCell(to4x4(), 1, 1, 'critical');
    expect(methodIssues(edited).some((issue) => issue.path.startsWith('matrix.'))).toBe(true);
    expect(fillProportionally(edited, seeded).matrix).toEqual(to4x4().matrix);
  });
});

describe('validation with the shared contract', () => {
  it('names a cell that breaks the monotone rule by its path, and the matrix component gets it 1-based', () => {
    const draft = setCell(seeded, 5, 5, 'low');
    const issues = methodIssues(draft);
    expect(issues.map((issue) => issue.path)).toContain('matrix.4.4');
    expect(matrixCellIssues(issues)['5.5']).toMatch(/must not fall as/);
  });

  it('flags acceptance that loosens as the level rises when ranks are swapped', () => {
    const swapped = moveRiskLevel(seeded, 'critical', -1);
    expect(levelsByRank(swapped).map((l) => l.key)).toEqual(['low', 'medium', 'critical', 'high']);
    const paths = methodIssues(swapped).map((issue) => issue.path);
    expect(paths).toContain('levels.3.acceptance');
    expect(paths.some((path) => path.startsWith('matrix.'))).toBe(true);
  });

  it('names an empty scale label', () => {
    const draft = { ...seeded, likelihood: seeded.likelihood.map((l, i) => (i === 2 ? { ...l, label: '' } : l)) };
    expect(methodIssues(draft)).toContainEqual({ path: 'likelihood.2.label', message: 'is required' });
  });
});

describe('risk levels', () => {
  it('adds a level above the highest with the highest authority, unused until cells are given to it', () => {
    const draft = addRiskLevel(seeded);
    const top = levelsByRank(draft).at(-1)!;
    expect(top).toMatchObject({ rank: 5, acceptance: 'never' });
    expect(methodIssues(draft)).toEqual([]);
    expect(draft.matrix).toEqual(seeded.matrix);
  });

  it('gives a removed level\'s cells to the level below it (or above, for the lowest) and re-ranks', () => {
    const withoutMedium = removeRiskLevel(seeded, 'medium');
    expect(levelsByRank(withoutMedium).map((l) => `${l.rank}:${l.key}`)).toEqual(['1:low', '2:high', '3:critical']);
    expect(withoutMedium.matrix.flat()).not.toContain('medium');
    expect(withoutMedium.matrix[0]![4]).toBe('low');
    expect(methodIssues(withoutMedium)).toEqual([]);
    const withoutLow = removeRiskLevel(seeded, 'low');
    expect(withoutLow.matrix[0]![0]).toBe('medium');
  });

  it('never goes below two levels', () => {
    const two = removeRiskLevel(removeRiskLevel(seeded, 'medium'), 'high');
    expect(two.levels).toHaveLength(2);
    expect(removeRiskLevel(two, 'low')).toBe(two);
  });

  it('follows a renamed key in the matrix', () => {
    const draft = updateRiskLevel(seeded, 'high', { key: 'serious', label: 'Serious' });
    expect(draft.matrix.flat()).toContain('serious');
    expect(draft.matrix.flat()).not.toContain('high');
    expect(methodIssues(draft)).toEqual([]);
  });

  it('cycles a cell through the levels by rank, wrapping at the top', () => {
    const once = cycleCell(seeded, 1, 1);
    expect(once.matrix[0]![0]).toBe('medium');
    const wrapped = cycleCell(cycleCell(cycleCell(once, 1, 1), 1, 1), 1, 1);
    expect(wrapped.matrix[0]![0]).toBe('low');
  });
});

describe('dimensions and aggregation', () => {
  it('keeps the vocabulary order and a weight per chosen dimension under a weighted rule', () => {
    const weighted = setWeight(setAggregationRule(seeded, 'weighted'), 'patient_safety', 3);
    expect(weighted.aggregation).toEqual({ rule: 'weighted', weights: { confidentiality: 1, integrity: 1, availability: 1, patient_safety: 3 } });
    const changed = setDimensions(weighted, ['financial', 'patient_safety', 'confidentiality']);
    expect(changed.dimensions).toEqual(['confidentiality', 'patient_safety', 'financial']);
    expect(changed.aggregation).toEqual({ rule: 'weighted', weights: { confidentiality: 1, patient_safety: 3, financial: 1 } });
    expect(methodIssues(changed)).toEqual([]);
    expect(setAggregationRule(changed, 'highest').aggregation).toEqual({ rule: 'highest' });
  });

  it('refuses a method without dimensions', () => {
    expect(methodIssues(setDimensions(seeded, [])).map((i) => i.path)).toContain('dimensions');
    expect(setDimensions(seeded, [...IMPACT_DIMENSIONS]).dimensions).toHaveLength(7);
  });
});

describe('methodChanges', () => {
  it('summarises a 5 × 5 → 4 × 4 change and notices no change', () => {
    expect(methodChanges(seeded, to4x4()).map((c) => [c.kind, c.from, c.to])).toEqual([
      ['likelihood_size', 5, 4],
      ['impact_size', 5, 4],
    ]);
    expect(isMethodChanged(seeded, defaultMethod())).toBe(false);
    expect(isMethodChanged(seeded, to4x4())).toBe(true);
  });

  it('counts changed cells and changed acceptance criteria', () => {
    const draft = updateRiskLevel(setCell(seeded, 1, 1, 'medium'), 'medium', { acceptance: 'top_management' });
    const kinds = methodChanges(seeded, draft);
    expect(kinds).toContainEqual({ kind: 'matrix', count: 1 });
    expect(kinds).toContainEqual({ kind: 'acceptance', items: ['Medium'] });
  });
});

describe('carryMatrix with levels that no longer exist', () => {
  it('maps a missing level key by rank', () => {
    const twoLevels = { ...seeded, levels: levelsByRank(seeded).filter((l) => l.key === 'low' || l.key === 'critical').map((l, i) => ({ ...l, rank: i + 1 })) };
    const matrix = carryMatrix(seeded, { likelihood: 5, impact: 5, levels: twoLevels.levels });
    expect(new Set(matrix.flat())).toEqual(new Set(['low', 'critical']));
  });
});

describe('level text colour', () => {
  it('reaches WCAG AA (4.5:1) on every seeded level colour and on any colour at all', () => {
    for (const level of seeded.levels) expect(contrastRatio(level.colour, readableTextColour(level.colour))).toBeGreaterThanOrEqual(4.5);
    for (let n = 0; n < 4096; n += 1) {
      const colour = `#${[(n >> 8) & 15, (n >> 4) & 15, n & 15].map((c) => (c * 17).toString(16).padStart(2, '0')).join('')}`;
      expect(contrastRatio(colour, readableTextColour(colour))).toBeGreaterThanOrEqual(4.5);
    }
  });
});
