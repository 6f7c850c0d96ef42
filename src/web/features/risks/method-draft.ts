/**
 * Editing a risk method in the browser (ISO/IEC 27001:2022 6.1.2 a–c: the organization's risk criteria).
 * Pure functions over a draft of `ZRiskMethod`: each returns a new draft, keeps the values of both scales
 * running 1..n, keeps every matrix cell pointing at a level, and carries the matrix over proportionally
 * when a scale grows or shrinks — the same rule (`proportionalRemap`) that re-maps the stored
 * assessments, so a risk keeps the level of the cell it lands in. Validation is `ZRiskMethod` itself.
 */
import { IMPACT_DIMENSIONS, RISK_LEVELS_MAX, RISK_LEVELS_MIN, SCALE_MAX_LEVELS, SCALE_MIN_LEVELS, ZRiskMethod, type ImpactDimension, type TRiskLevel, type TRiskMethod, type TScaleLevel } from '../../../shared/contracts/risk-method.js';
import { proportionalRemap } from '../../../shared/risk-method.js';

export type MethodDraft = TRiskMethod;
export type ScaleName = 'likelihood' | 'impact';

export interface MethodIssue {
  /** Dotted path as the API names it, e.g. `matrix.2.3` (likelihood 3 × impact 4) or `levels.1.key`. */
  path: string;
  message: string;
}

/** Every problem of the draft, with the paths the API would report. */
export function methodIssues(draft: MethodDraft): MethodIssue[] {
  const parsed = ZRiskMethod.safeParse(draft);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** The first message per path (a field shows one problem at a time). */
export function issuesByPath(issues: readonly MethodIssue[]): Map<string, string> {
  const byPath = new Map<string, string>();
  for (const issue of issues) if (!byPath.has(issue.path)) byPath.set(issue.path, issue.message);
  return byPath;
}

/** Matrix issues keyed `${likelihood}.${impact}` (1-based), as the matrix component takes them. */
export function matrixCellIssues(issues: readonly MethodIssue[]): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const issue of issues) {
    const match = /^matrix\.(\d+)\.(\d+)$/.exec(issue.path);
    if (!match) continue;
    const key = `${Number(match[1]) + 1}.${Number(match[2]) + 1}`;
    cells[key] ??= issue.message;
  }
  return cells;
}

// ---- Carrying the matrix across a change of scale size ----

/**
 * For each value 1..newLevels of a resized scale, the old value whose row (or column) it takes: the
 * highest old value that re-maps onto it (proportionalRemap, as the assessments will be re-mapped), or —
 * when none does (the scale grew) — the old value the new one maps back to. Non-decreasing, so a
 * monotone matrix stays monotone.
 */
export function carryAxis(oldLevels: number, newLevels: number): number[] {
  const highestOnto = new Map<number, number>();
  for (let old = 1; old <= oldLevels; old += 1) highestOnto.set(proportionalRemap(oldLevels, newLevels, old), old);
  return Array.from({ length: newLevels }, (_, index) => highestOnto.get(index + 1) ?? proportionalRemap(newLevels, oldLevels, index + 1));
}

/**
 * The matrix for new scale sizes from an old one: each new cell takes the highest-ranked level of the
 * old cells that re-map onto it (a risk never lands in a cell rated lower than where it was). Level
 * keys of `from` that the target levels lack are mapped by rank, proportionally.
 */
export function carryMatrix(from: Pick<MethodDraft, 'matrix' | 'levels'>, target: { likelihood: number; impact: number; levels: readonly TRiskLevel[] }): string[][] {
  const oldL = from.matrix.length;
  const oldI = from.matrix[0]?.length ?? 0;
  const targetByRank = [...target.levels].sort((a, b) => a.rank - b.rank);
  const targetKeys = new Set(target.levels.map((level) => level.key));
  const fromRank = new Map(from.levels.map((level) => [level.key, level.rank]));
  const toTargetKey = (key: string): string => {
    if (targetKeys.has(key)) return key;
    const rank = fromRank.get(key) ?? 1;
    return targetByRank[proportionalRemap(Math.max(1, from.levels.length), targetByRank.length, rank) - 1]?.key ?? targetByRank[0]?.key ?? key;
  };
  const rankOf = (key: string) => target.levels.find((level) => level.key === key)?.rank ?? 0;
  if (oldL === 0 || oldI === 0) return Array.from({ length: target.likelihood }, () => Array.from({ length: target.impact }, () => targetByRank[0]?.key ?? ''));

  const preimage = (oldN: number, newN: number) => {
    const sets: number[][] = Array.from({ length: newN }, () => []);
    for (let old = 1; old <= oldN; old += 1) sets[proportionalRemap(oldN, newN, old) - 1]!.push(old);
    return sets.map((set, index) => (set.length > 0 ? set : [proportionalRemap(newN, oldN, index + 1)]));
  };
  const rows = preimage(oldL, target.likelihood);
  const cols = preimage(oldI, target.impact);
  return rows.map((oldRows) =>
    cols.map((oldCols) => {
      let best = '';
      for (const l of oldRows) {
        for (const i of oldCols) {
          const key = toTargetKey(from.matrix[l - 1]?.[i - 1] ?? '');
          if (best === '' || rankOf(key) > rankOf(best)) best = key;
        }
      }
      return best;
    }),
  );
}

// ---- Scales ----

const renumber = (levels: TScaleLevel[]): TScaleLevel[] => levels.map((level, index) => ({ ...level, value: index + 1 }));

function resized(draft: MethodDraft, scale: ScaleName, levels: TScaleLevel[]): MethodDraft {
  const next = { ...draft, [scale]: renumber(levels) };
  return { ...next, matrix: carryMatrix(draft, { likelihood: next.likelihood.length, impact: next.impact.length, levels: draft.levels }) };
}

export const canAddScaleLevel = (draft: MethodDraft, scale: ScaleName) => draft[scale].length < SCALE_MAX_LEVELS;
export const canRemoveScaleLevel = (draft: MethodDraft, scale: ScaleName) => draft[scale].length > SCALE_MIN_LEVELS;

/** Adds a level at the top of the scale; the matrix grows proportionally. */
export function addScaleLevel(draft: MethodDraft, scale: ScaleName, label: string): MethodDraft {
  if (!canAddScaleLevel(draft, scale)) return draft;
  return resized(draft, scale, [...draft[scale], { value: draft[scale].length + 1, label, description: '' }]);
}

/** Removes one level (values above it move down by one); the matrix shrinks proportionally. */
export function removeScaleLevel(draft: MethodDraft, scale: ScaleName, index: number): MethodDraft {
  if (!canRemoveScaleLevel(draft, scale) || index < 0 || index >= draft[scale].length) return draft;
  return resized(
    draft,
    scale,
    draft[scale].filter((_, i) => i !== index),
  );
}

export function updateScaleLevel(draft: MethodDraft, scale: ScaleName, index: number, change: Partial<Pick<TScaleLevel, 'label' | 'description'>>): MethodDraft {
  return { ...draft, [scale]: draft[scale].map((level, i) => (i === index ? { ...level, ...change } : level)) };
}

// ---- Dimensions and aggregation ----

/** Chooses the dimensions (kept in the vocabulary's order); a weighted rule gains weight 1 for a new one and loses the weight of a removed one. */
export function setDimensions(draft: MethodDraft, dimensions: readonly ImpactDimension[]): MethodDraft {
  const chosen = IMPACT_DIMENSIONS.filter((dimension) => dimensions.includes(dimension));
  if (draft.aggregation.rule === 'highest') return { ...draft, dimensions: chosen };
  const weights: Partial<Record<ImpactDimension, number>> = {};
  for (const dimension of chosen) weights[dimension] = draft.aggregation.weights[dimension] ?? 1;
  return { ...draft, dimensions: chosen, aggregation: { rule: 'weighted', weights } };
}

export function setAggregationRule(draft: MethodDraft, rule: 'highest' | 'weighted'): MethodDraft {
  if (rule === draft.aggregation.rule) return draft;
  if (rule === 'highest') return { ...draft, aggregation: { rule: 'highest' } };
  return { ...draft, aggregation: { rule: 'weighted', weights: Object.fromEntries(draft.dimensions.map((dimension) => [dimension, 1])) } };
}

export function setWeight(draft: MethodDraft, dimension: ImpactDimension, weight: number): MethodDraft {
  if (draft.aggregation.rule !== 'weighted') return draft;
  return { ...draft, aggregation: { rule: 'weighted', weights: { ...draft.aggregation.weights, [dimension]: weight } } };
}

// ---- Risk levels ----

/** The levels from lowest to highest rank. */
export const levelsByRank = (draft: { levels: readonly TRiskLevel[] }): TRiskLevel[] => [...draft.levels].sort((a, b) => a.rank - b.rank);

const reranked = (levels: TRiskLevel[]): TRiskLevel[] => levels.map((level, index) => ({ ...level, rank: index + 1 }));

export const canAddRiskLevel = (draft: MethodDraft) => draft.levels.length < RISK_LEVELS_MAX;
export const canRemoveRiskLevel = (draft: MethodDraft) => draft.levels.length > RISK_LEVELS_MIN;

const NEW_LEVEL_COLOURS = ['#5f3dc4', '#862e9c', '#1864ab', '#0b7285', '#495057', '#a61e4d'];

/** Adds a level above the highest, accepted by the same authority as the highest (acceptance never loosens upwards). */
export function addRiskLevel(draft: MethodDraft): MethodDraft {
  if (!canAddRiskLevel(draft)) return draft;
  const ordered = levelsByRank(draft);
  const top = ordered[ordered.length - 1];
  const keys = new Set(draft.levels.map((level) => level.key));
  let n = draft.levels.length + 1;
  while (keys.has(`level_${n}`)) n += 1;
  const colour = NEW_LEVEL_COLOURS.find((c) => !draft.levels.some((level) => level.colour === c)) ?? '#5f3dc4';
  const level: TRiskLevel = { key: `level_${n}`, label: `Level ${n}`, colour, rank: ordered.length + 1, acceptance: top?.acceptance ?? 'never', reviewCadenceMonths: Math.max(1, Math.min(top?.reviewCadenceMonths ?? 1, 12)) };
  return { ...draft, levels: [...ordered, level] };
}

/** Removes a level; its cells go to the next lower level (or the next higher, for the lowest). */
export function removeRiskLevel(draft: MethodDraft, key: string): MethodDraft {
  if (!canRemoveRiskLevel(draft)) return draft;
  const ordered = levelsByRank(draft);
  const index = ordered.findIndex((level) => level.key === key);
  if (index < 0) return draft;
  const heir = (index > 0 ? ordered[index - 1] : ordered[index + 1])!.key;
  return {
    ...draft,
    levels: reranked(ordered.filter((level) => level.key !== key)),
    matrix: draft.matrix.map((row) => row.map((cell) => (cell === key ? heir : cell))),
  };
}

/** Moves a level one rank down (-1) or up (+1). */
export function moveRiskLevel(draft: MethodDraft, key: string, direction: -1 | 1): MethodDraft {
  const ordered = levelsByRank(draft);
  const index = ordered.findIndex((level) => level.key === key);
  const other = index + direction;
  if (index < 0 || other < 0 || other >= ordered.length) return draft;
  const swapped = [...ordered];
  [swapped[index], swapped[other]] = [swapped[other]!, swapped[index]!];
  return { ...draft, levels: reranked(swapped) };
}

/** Changes a level; a new key is followed by every matrix cell that pointed at the old one. */
export function updateRiskLevel(draft: MethodDraft, key: string, change: Partial<Omit<TRiskLevel, 'rank'>>): MethodDraft {
  const levels = draft.levels.map((level) => (level.key === key ? { ...level, ...change } : level));
  const newKey = change.key;
  if (newKey === undefined || newKey === key) return { ...draft, levels };
  return { ...draft, levels, matrix: draft.matrix.map((row) => row.map((cell) => (cell === key ? newKey : cell))) };
}

// ---- Matrix cells ----

export function setCell(draft: MethodDraft, likelihood: number, impact: number, key: string): MethodDraft {
  return { ...draft, matrix: draft.matrix.map((row, l) => (l === likelihood - 1 ? row.map((cell, i) => (i === impact - 1 ? key : cell)) : row)) };
}

/** The next level up (by rank) for the cell, wrapping from the highest to the lowest. */
export function cycleCell(draft: MethodDraft, likelihood: number, impact: number): MethodDraft {
  const ordered = levelsByRank(draft);
  const current = draft.matrix[likelihood - 1]?.[impact - 1];
  const index = ordered.findIndex((level) => level.key === current);
  const next = ordered[(index + 1) % ordered.length];
  return next ? setCell(draft, likelihood, impact, next.key) : draft;
}

/** The draft's matrix re-drawn proportionally from another method's matrix (normally the version in force). */
export function fillProportionally(draft: MethodDraft, from: Pick<MethodDraft, 'matrix' | 'levels'>): MethodDraft {
  return { ...draft, matrix: carryMatrix(from, { likelihood: draft.likelihood.length, impact: draft.impact.length, levels: draft.levels }) };
}

// ---- What changed (shown before the re-map preview and in the confirmation) ----

export interface MethodChange {
  kind: 'name' | 'description' | 'likelihood_size' | 'impact_size' | 'likelihood_labels' | 'impact_labels' | 'dimensions_added' | 'dimensions_removed' | 'aggregation' | 'levels' | 'acceptance' | 'cadence' | 'matrix';
  /** Numbers or names the message needs. */
  from?: number | string;
  to?: number | string;
  count?: number;
  items?: string[];
}

export function methodChanges(before: MethodDraft, after: MethodDraft): MethodChange[] {
  const changes: MethodChange[] = [];
  if (before.name !== after.name) changes.push({ kind: 'name', from: before.name, to: after.name });
  if (before.description !== after.description) changes.push({ kind: 'description' });
  for (const scale of ['likelihood', 'impact'] as const) {
    if (before[scale].length !== after[scale].length) changes.push({ kind: `${scale}_size`, from: before[scale].length, to: after[scale].length });
    else if (before[scale].some((level, i) => level.label !== after[scale][i]!.label || level.description !== after[scale][i]!.description)) changes.push({ kind: `${scale}_labels` });
  }
  const added = after.dimensions.filter((d) => !before.dimensions.includes(d));
  const removed = before.dimensions.filter((d) => !after.dimensions.includes(d));
  if (added.length) changes.push({ kind: 'dimensions_added', items: added });
  if (removed.length) changes.push({ kind: 'dimensions_removed', items: removed });
  if (JSON.stringify(before.aggregation) !== JSON.stringify(after.aggregation)) changes.push({ kind: 'aggregation', from: before.aggregation.rule, to: after.aggregation.rule });
  const shape = (levels: readonly TRiskLevel[]) => JSON.stringify(levelsByRank({ levels }).map((l) => [l.key, l.label, l.colour.toLowerCase()]));
  if (shape(before.levels) !== shape(after.levels)) changes.push({ kind: 'levels', from: before.levels.length, to: after.levels.length });
  const byKey = new Map(before.levels.map((level) => [level.key, level]));
  const acceptance = after.levels.filter((level) => byKey.has(level.key) && byKey.get(level.key)!.acceptance !== level.acceptance);
  if (acceptance.length) changes.push({ kind: 'acceptance', items: acceptance.map((l) => l.label) });
  const cadence = after.levels.filter((level) => byKey.has(level.key) && byKey.get(level.key)!.reviewCadenceMonths !== level.reviewCadenceMonths);
  if (cadence.length) changes.push({ kind: 'cadence', items: cadence.map((l) => l.label) });
  const sameSize = before.likelihood.length === after.likelihood.length && before.impact.length === after.impact.length;
  if (sameSize) {
    const count = after.matrix.reduce((sum, row, l) => sum + row.filter((cell, i) => before.matrix[l]?.[i] !== cell).length, 0);
    if (count > 0) changes.push({ kind: 'matrix', count });
  }
  return changes;
}

/** True when the draft differs from the method it started from. */
export const isMethodChanged = (before: MethodDraft, after: MethodDraft) => JSON.stringify(normalise(before)) !== JSON.stringify(normalise(after));

function normalise(method: MethodDraft): MethodDraft {
  return { ...method, levels: levelsByRank(method).map((level) => ({ ...level, colour: level.colour.toLowerCase() })) };
}
