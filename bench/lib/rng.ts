/** A small seeded PRNG (mulberry32): the same size always yields the same content (ids stay random UUIDs). */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Pick by weight: `[[value, weight], …]`. */
  weighted<T>(table: WeightedTable<T>): T;
  chance(probability: number): boolean;
}

export type WeightedTable<T> = readonly (readonly [T, number])[];

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('rng: pick from an empty list');
    return items[Math.floor(next() * items.length)]!;
  };
  const totals = new WeakMap<object, number>();
  const weighted = <T>(table: WeightedTable<T>): T => {
    let total = totals.get(table);
    if (total === undefined) {
      total = table.reduce((sum, [, weight]) => sum + weight, 0);
      totals.set(table, total);
    }
    let roll = next() * total;
    for (const [value, weight] of table) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return table[table.length - 1]![0];
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick,
    weighted,
    chance: (probability) => next() < probability,
  };
}
