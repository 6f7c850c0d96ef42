/** The risk method: contract rules, level derivation, aggregation, acceptance, staleness, review dates, re-mapping (issue 5). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import defaultMethodFile from '../../catalog/risk/default-method.json' with { type: 'json' };
import { ACCEPTING_ROLES, IMPACT_DIMENSIONS, ZRemapPreview, ZRiskAssessment, ZRiskMethod, type AcceptingRole, type ImpactDimension, type TRiskMethod, type TRiskMethodRequest } from './contracts/risk-method.js';
import {
  acceptanceStaleReasons,
  addCalendarMonths,
  aggregateImpact,
  assess,
  canAccept,
  defaultMethod,
  isAcceptanceStale,
  levelByKey,
  needsClinicalSignOff,
  nextReviewDate,
  proportionalRemap,
  remapAssessment,
  riskLevel,
  RiskMethodError,
} from './risk-method.js';

/** `<path>: <message>` for each issue zod reports, as the API shows them (without the `body.` prefix). */
function issuesOf(input: unknown): string[] {
  const result = ZRiskMethod.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

function buildMethodInput(change: (m: TRiskMethodRequest) => void = () => {}): TRiskMethodRequest {
  const input = structuredClone(defaultMethodFile.method) as TRiskMethodRequest;
  change(input);
  return input;
}

function buildMethod(change: (m: TRiskMethodRequest) => void = () => {}): TRiskMethod {
  return ZRiskMethod.parse(buildMethodInput(change));
}

/** A valid n-level scale. */
function scale(n: number, name = 'Level') {
  return Array.from({ length: n }, (_, i) => ({ value: i + 1, label: `${name} ${i + 1}`, description: '' }));
}

const LEVEL_TEMPLATE = [
  { key: 'l1', label: 'Level 1', colour: '#2f9e44', acceptance: 'risk_owner', reviewCadenceMonths: 12 },
  { key: 'l2', label: 'Level 2', colour: '#74b816', acceptance: 'risk_owner', reviewCadenceMonths: 12 },
  { key: 'l3', label: 'Level 3', colour: '#f59f00', acceptance: 'isms_manager', reviewCadenceMonths: 6 },
  { key: 'l4', label: 'Level 4', colour: '#e8590c', acceptance: 'isms_manager', reviewCadenceMonths: 3 },
  { key: 'l5', label: 'Level 5', colour: '#c92a2a', acceptance: 'top_management', reviewCadenceMonths: 2 },
  { key: 'l6', label: 'Level 6', colour: '#862e9c', acceptance: 'never', reviewCadenceMonths: 1 },
] as const;

/** A valid method of any size: the level rises with likelihood + impact, so the matrix is monotone. */
function buildScaledMethod(options: { likelihoods: number; impacts: number; levels: number; dimensions?: ImpactDimension[]; weighted?: boolean }): TRiskMethod {
  const { likelihoods, impacts, levels } = options;
  const dimensions = options.dimensions ?? ['confidentiality', 'integrity', 'availability', 'patient_safety'];
  const levelList = LEVEL_TEMPLATE.slice(0, levels).map((l, i) => ({ ...l, rank: i + 1 }));
  const span = likelihoods + impacts - 1;
  const matrix = Array.from({ length: likelihoods }, (_, l) => Array.from({ length: impacts }, (_, i) => levelList[Math.min(levels - 1, Math.floor(((l + i) * levels) / span))]!.key));
  return ZRiskMethod.parse({
    name: `${likelihoods} × ${impacts}`,
    likelihood: scale(likelihoods, 'Likelihood'),
    impact: scale(impacts, 'Impact'),
    dimensions,
    aggregation: options.weighted ? { rule: 'weighted', weights: Object.fromEntries(dimensions.map((d, i) => [d, i + 1])) } : { rule: 'highest' },
    levels: levelList,
    matrix,
  });
}

function refusal(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof RiskMethodError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error('expected a RiskMethodError');
}

describe('the seeded method', () => {
  it('is the catalogue file, valid, 5 × 5 with a patient-safety dimension and four levels', () => {
    const method = defaultMethod();
    expect(method).toEqual(ZRiskMethod.parse(defaultMethodFile.method));
    expect(method.likelihood.map((l) => l.label)).toEqual(['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain']);
    expect(method.impact.map((l) => l.label)).toEqual(['Negligible', 'Minor', 'Moderate', 'Major', 'Catastrophic']);
    expect(method.dimensions).toContain('patient_safety');
    expect(method.levels.map((l) => [l.key, l.rank, l.acceptance, l.reviewCadenceMonths])).toEqual([
      ['low', 1, 'risk_owner', 12],
      ['medium', 2, 'isms_manager', 6],
      ['high', 3, 'top_management', 3],
      ['critical', 4, 'never', 1],
    ]);
    for (const level of [...method.likelihood, ...method.impact]) expect(level.description.length).toBeGreaterThan(20);
  });

  it('hands out a fresh copy each time', () => {
    const first = defaultMethod();
    first.levels[0]!.acceptance = 'never';
    expect(defaultMethod().levels[0]!.acceptance).toBe('risk_owner');
  });
});

describe('ZRiskMethod', () => {
  it('accepts scales of 3 and 10 levels and 2 and 6 risk levels', () => {
    expect(() => buildScaledMethod({ likelihoods: 3, impacts: 10, levels: 2 })).not.toThrow();
    expect(() => buildScaledMethod({ likelihoods: 10, impacts: 3, levels: 6 })).not.toThrow();
  });

  it('refuses scales outside 3–10 levels, naming the scale', () => {
    expect(issuesOf(buildMethodInput((m) => (m.likelihood = scale(2))))).toContain('likelihood: must have 3 to 10 levels');
    expect(issuesOf(buildMethodInput((m) => (m.impact = scale(11))))).toContain('impact: must have 3 to 10 levels');
  });

  it('refuses scale values out of order and repeated labels', () => {
    const issues = issuesOf(
      buildMethodInput((m) => {
        m.likelihood[2]!.value = 4;
        m.impact[1]!.label = 'negligible';
      }),
    );
    expect(issues).toContain('likelihood.2.value: must be 3: values run 1..5 in order');
    expect(issues).toContain('impact.1.label: "negligible" is used by another level');
  });

  it('refuses an empty label and unknown fields', () => {
    expect(issuesOf(buildMethodInput((m) => (m.likelihood[0]!.label = '  ')))).toContain('likelihood.0.label: is required');
    expect(issuesOf({ ...buildMethodInput(), colourScheme: 'x' }).join()).toMatch(/colourScheme/);
  });

  it('refuses no dimension, an unknown one and a repeated one', () => {
    expect(issuesOf(buildMethodInput((m) => (m.dimensions = [])))).toContain('dimensions: must name at least one impact dimension');
    expect(issuesOf(buildMethodInput((m) => (m.dimensions = ['confidentiality', 'privacy' as ImpactDimension])))[0]).toMatch(/^dimensions\.1: must be one of confidentiality, integrity/);
    expect(issuesOf(buildMethodInput((m) => (m.dimensions = ['confidentiality', 'integrity', 'confidentiality'])))).toEqual(['dimensions.2: "confidentiality" is listed more than once']);
  });

  it('needs a positive weight with at most two decimals for every chosen dimension, and no other', () => {
    const issues = issuesOf(
      buildMethodInput((m) => {
        m.aggregation = { rule: 'weighted', weights: { confidentiality: 0, integrity: 1.005, availability: 1, financial: 2 } };
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        'aggregation.weights.confidentiality: must be greater than 0',
        'aggregation.weights.integrity: must have at most two decimals',
        'aggregation.weights.patient_safety: is required: every chosen dimension needs a weight',
        'aggregation.weights.financial: is not one of the chosen dimensions',
      ]),
    );
    expect(issuesOf(buildMethodInput((m) => (m.aggregation = { rule: 'average' } as never)))[0]).toMatch(/^aggregation/);
  });

  it('refuses fewer than 2 or more than 6 risk levels', () => {
    expect(issuesOf(buildMethodInput((m) => (m.levels = m.levels.slice(0, 1))))).toContain('levels: must have 2 to 6 risk levels');
    const seven = Array.from({ length: 7 }, (_, i) => ({ key: `k${i}`, label: `L${i}`, colour: '#000000', rank: i + 1, acceptance: 'never' as const, reviewCadenceMonths: 1 }));
    expect(issuesOf(buildMethodInput((m) => (m.levels = seven)))).toContain('levels: must have 2 to 6 risk levels');
  });

  it('refuses a bad colour, key, cadence, a repeated key and ranks that are not 1..n', () => {
    const issues = issuesOf(
      buildMethodInput((m) => {
        m.levels[0]!.colour = 'green';
        m.levels[1]!.key = 'Medium level';
        m.levels[2]!.reviewCadenceMonths = 37;
        m.levels[3]!.reviewCadenceMonths = 0;
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        'levels.0.colour: must be a colour #rrggbb',
        'levels.1.key: must be lower-case letters, digits or _, starting with a letter (at most 40)',
        'levels.2.reviewCadenceMonths: must be a whole number from 1 to 36',
        'levels.3.reviewCadenceMonths: must be a whole number from 1 to 36',
      ]),
    );
    expect(issuesOf(buildMethodInput((m) => (m.levels[1]!.key = 'low')))).toContain('levels.1.key: "low" is used by another level');
    expect(issuesOf(buildMethodInput((m) => (m.levels[1]!.rank = 5)))).toContain('levels.1.rank: must be from 1 to 4: ranks run 1..4, one per level');
    expect(issuesOf(buildMethodInput((m) => (m.levels[1]!.rank = 1)))).toContain('levels.1.rank: 1 is used by another level: ranks run 1..4, one per level');
  });

  it('stores colours in lower case', () => {
    expect(buildMethod((m) => (m.levels[0]!.colour = '#2F9E44')).levels[0]!.colour).toBe('#2f9e44');
  });

  it('refuses acceptance that loosens as the level rises', () => {
    expect(issuesOf(buildMethodInput((m) => (m.levels[2]!.acceptance = 'risk_owner')))).toEqual([
      'levels.2.acceptance: "high" (rank 3) may be accepted by risk_owner, a lower authority than "medium" (rank 2) needs (isms_manager): acceptance must not loosen as the level rises',
    ]);
    expect(issuesOf(buildMethodInput((m) => (m.levels[0]!.acceptance = 'isms_manager')))).toEqual([]);
  });

  describe('the matrix', () => {
    it('needs one row per likelihood value and one cell per impact value', () => {
      expect(issuesOf(buildMethodInput((m) => m.matrix.pop()))).toEqual(['matrix: must have 5 rows, one per likelihood value (has 4)']);
      expect(issuesOf(buildMethodInput((m) => m.matrix[2]!.push('critical')))).toEqual(['matrix.2: must have 5 cells, one per impact value (has 6): likelihood 3']);
    });

    it('needs a level key in every cell', () => {
      expect(issuesOf(buildMethodInput((m) => (m.matrix[1]![3] = 'severe')))).toEqual(['matrix.1.3: "severe" is not a risk level key (likelihood 2 × impact 4)']);
    });

    it('refuses a level that falls as likelihood rises, naming the cell', () => {
      // likelihood 1 × impact 5 raised to critical: likelihood 2 × impact 5 (high) now falls below it.
      expect(issuesOf(buildMethodInput((m) => (m.matrix[0]![4] = 'critical')))).toEqual(['matrix.1.4: likelihood 2 × impact 5 is "high" (rank 3), lower than "critical" (rank 4) at likelihood 1 × impact 5: the level must not fall as likelihood rises']);
    });

    it('refuses a level that falls as impact rises, naming the cell', () => {
      // likelihood 5 × impact 1 raised to critical: likelihood 5 × impact 2 (high) now falls below it.
      expect(issuesOf(buildMethodInput((m) => (m.matrix[4]![0] = 'critical')))).toEqual(['matrix.4.1: likelihood 5 × impact 2 is "high" (rank 3), lower than "critical" (rank 4) at likelihood 5 × impact 1: the level must not fall as impact rises']);
    });

    it('names both directions when a cell falls below its neighbours', () => {
      const issues = issuesOf(buildMethodInput((m) => (m.matrix[3]![3] = 'medium')));
      expect(issues).toEqual([
        'matrix.3.3: likelihood 4 × impact 4 is "medium" (rank 2), lower than "high" (rank 3) at likelihood 3 × impact 4: the level must not fall as likelihood rises',
        'matrix.3.3: likelihood 4 × impact 4 is "medium" (rank 2), lower than "high" (rank 3) at likelihood 4 × impact 3: the level must not fall as impact rises',
      ]);
    });

    it('accepts equal neighbours', () => {
      expect(issuesOf(buildMethodInput((m) => (m.matrix[4]![0] = 'high')))).toEqual([]);
    });

    it('accepts any monotone matrix and refuses every non-monotone one (random 3–6 × 3–6 matrices)', () => {
      const keys = ['low', 'medium', 'high', 'critical'];
      fc.assert(
        fc.property(fc.integer({ min: 3, max: 6 }), fc.integer({ min: 3, max: 6 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 36, maxLength: 36 }), fc.boolean(), (rows, cols, ranks, makeMonotone) => {
          const grid = Array.from({ length: rows }, (_, l) => Array.from({ length: cols }, (_, i) => ranks[l * 6 + i]!));
          // Half the runs: lift every cell to the highest rank above or left of it, which makes the grid monotone.
          if (makeMonotone) for (let l = 0; l < rows; l += 1) for (let i = 0; i < cols; i += 1) grid[l]![i] = Math.max(grid[l]![i]!, l > 0 ? grid[l - 1]![i]! : 0, i > 0 ? grid[l]![i - 1]! : 0);
          let isMonotone = true;
          for (let l = 0; l < rows; l += 1) for (let i = 0; i < cols; i += 1) if ((l > 0 && grid[l]![i]! < grid[l - 1]![i]!) || (i > 0 && grid[l]![i]! < grid[l]![i - 1]!)) isMonotone = false;
          const input = buildMethodInput((m) => {
            m.likelihood = scale(rows);
            m.impact = scale(cols);
            m.matrix = grid.map((row) => row.map((r) => keys[r]!));
          });
          const issues = issuesOf(input);
          expect(issues.length === 0).toBe(isMonotone);
          for (const issue of issues) expect(issue).toMatch(/^matrix\.\d+\.\d+: likelihood \d+ × impact \d+ is /);
        }),
        { numRuns: 300 },
      );
    });
  });
});

describe('riskLevel', () => {
  const method = defaultMethod();
  const EXPECTED = [
    // impact:  1         2         3         4           5
    ['low', 'low', 'low', 'low', 'medium'], // likelihood 1
    ['low', 'low', 'medium', 'medium', 'high'], // 2
    ['low', 'medium', 'medium', 'high', 'high'], // 3
    ['low', 'medium', 'high', 'high', 'critical'], // 4
    ['medium', 'high', 'high', 'critical', 'critical'], // 5
  ];

  it('derives the level of every cell of the seeded 5 × 5 matrix', () => {
    for (let l = 1; l <= 5; l += 1) {
      for (let i = 1; i <= 5; i += 1) {
        const level = riskLevel(method, l, i);
        expect(level.key, `likelihood ${l} × impact ${i}`).toBe(EXPECTED[l - 1]![i - 1]);
        expect(level.rank).toBe(['low', 'medium', 'high', 'critical'].indexOf(level.key) + 1);
        expect(assess(method, { likelihood: l, impacts: { availability: i } }).levelKey).toBe(level.key);
      }
    }
  });

  it('refuses values outside the scales', () => {
    expect(refusal(() => riskLevel(method, 0, 3))).toEqual(['likelihood: must be a whole number from 1 to 5']);
    expect(refusal(() => riskLevel(method, 3, 6))).toEqual(['impact: must be a whole number from 1 to 5']);
    expect(refusal(() => riskLevel(method, 2.5, 3))).toEqual(['likelihood: must be a whole number from 1 to 5']);
  });

  it('refuses an unknown level key', () => {
    expect(refusal(() => levelByKey(method, 'severe'))).toEqual(['levelKey: "severe" is not a risk level of this method (low, medium, high, critical)']);
  });
});

describe('aggregateImpact', () => {
  describe('highest', () => {
    const method = defaultMethod();

    it('takes the highest assessed dimension', () => {
      expect(aggregateImpact(method, { confidentiality: 2, integrity: 1, availability: 4, patient_safety: 3 })).toBe(4);
      expect(aggregateImpact(method, { patient_safety: 5, confidentiality: 1 })).toBe(5);
    });

    it('leaves out dimensions that are missing or null (not assessed)', () => {
      expect(aggregateImpact(method, { confidentiality: 2, availability: null })).toBe(2);
      const assessment = assess(method, { likelihood: 3, impacts: { integrity: 3, availability: null } });
      expect(assessment.impacts).toEqual({ integrity: 3 });
      expect(assessment.notAssessed).toEqual(['confidentiality', 'availability', 'patient_safety']);
    });

    it('refuses when no dimension is assessed', () => {
      expect(refusal(() => aggregateImpact(method, {}))).toEqual(['impacts: must rate at least one dimension (confidentiality, integrity, availability, patient_safety)']);
      expect(refusal(() => aggregateImpact(method, { confidentiality: null }))).toEqual(['impacts: must rate at least one dimension (confidentiality, integrity, availability, patient_safety)']);
    });

    it('refuses a value off the scale and a dimension the method does not use', () => {
      expect(refusal(() => aggregateImpact(method, { confidentiality: 6, financial: 2 }))).toEqual([
        'impacts.confidentiality: must be a whole number from 1 to 5, or null (not assessed)',
        'impacts.financial: is not a dimension of this method (confidentiality, integrity, availability, patient_safety)',
      ]);
      expect(refusal(() => aggregateImpact(method, { integrity: 0 }))).toEqual(['impacts.integrity: must be a whole number from 1 to 5, or null (not assessed)']);
    });
  });

  describe('weighted', () => {
    const weighted = (weights: Partial<Record<ImpactDimension, number>>) =>
      buildMethod((m) => {
        m.dimensions = Object.keys(weights) as ImpactDimension[];
        m.aggregation = { rule: 'weighted', weights };
      });

    it('is the weighted mean of the assessed dimensions, rounded half up', () => {
      const method = weighted({ confidentiality: 1, integrity: 1, availability: 1, patient_safety: 2 });
      expect(aggregateImpact(method, { confidentiality: 2, patient_safety: 3 })).toBe(3); // 8/3 = 2.67
      expect(aggregateImpact(method, { confidentiality: 2, integrity: 2, availability: 3 })).toBe(2); // 2.33
      expect(aggregateImpact(method, { confidentiality: 1, integrity: 1, availability: 1, patient_safety: 5 })).toBe(3); // 13/5 = 2.6
      expect(aggregateImpact(method, { confidentiality: 4 })).toBe(4); // one dimension: its value
    });

    it('rounds exactly .5 up', () => {
      const method = weighted({ confidentiality: 1, integrity: 1 });
      expect(aggregateImpact(method, { confidentiality: 2, integrity: 3 })).toBe(3); // 2.5
      expect(aggregateImpact(method, { confidentiality: 1, integrity: 2 })).toBe(2); // 1.5
      expect(aggregateImpact(method, { confidentiality: 4, integrity: 5 })).toBe(5); // 4.5
    });

    it('rounds .5 up even where floating point would land just below it', () => {
      // (0.3·3 + 0.3·4) / 0.6 is 3.4999999999999996 in floating point; exactly 3.5.
      expect(aggregateImpact(weighted({ confidentiality: 0.3, integrity: 0.3 }), { confidentiality: 3, integrity: 4 })).toBe(4);
      expect(aggregateImpact(weighted({ confidentiality: 0.29, integrity: 0.29 }), { confidentiality: 2, integrity: 3 })).toBe(3);
    });

    it('rounds just below .5 down', () => {
      // (1·2 + 1.01·3) / 2.01 = 2.5024… → 3, and (1.01·2 + 1·3) / 2.01 = 2.4975… → 2
      const method = weighted({ confidentiality: 1, integrity: 1.01 });
      expect(aggregateImpact(method, { confidentiality: 2, integrity: 3 })).toBe(3);
      expect(aggregateImpact(method, { confidentiality: 3, integrity: 2 })).toBe(2);
    });

    it('always lies between the lowest and highest assessed value and equals the exact rounded mean', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...IMPACT_DIMENSIONS.map((_, i) => i + 1)).chain((n) => fc.tuple(fc.array(fc.integer({ min: 1, max: 10000 }), { minLength: n, maxLength: n }), fc.array(fc.option(fc.integer({ min: 1, max: 7 }), { nil: null }), { minLength: n, maxLength: n }))),
          ([hundredths, values]) => {
            fc.pre(values.some((v) => v !== null));
            const dimensions = IMPACT_DIMENSIONS.slice(0, hundredths.length);
            const method = buildMethod((m) => {
              m.impact = scale(7);
              m.matrix = m.matrix.map(() => ['low', 'low', 'medium', 'medium', 'high', 'high', 'critical']);
              m.dimensions = [...dimensions];
              m.aggregation = { rule: 'weighted', weights: Object.fromEntries(dimensions.map((d, i) => [d, hundredths[i]! / 100])) };
            });
            const impacts = Object.fromEntries(dimensions.map((d, i) => [d, values[i]]));
            const result = aggregateImpact(method, impacts);
            const rated = values.map((v, i) => [v, hundredths[i]!] as const).filter(([v]) => v !== null) as [number, number][];
            const num = rated.reduce((s, [v, w]) => s + v * w, 0);
            const den = rated.reduce((s, [, w]) => s + w, 0);
            expect(result).toBeGreaterThanOrEqual(Math.min(...rated.map(([v]) => v)));
            expect(result).toBeLessThanOrEqual(Math.max(...rated.map(([v]) => v)));
            // half up: result − ½ ≤ mean < result + ½, in integers
            expect(2 * result * den - den).toBeLessThanOrEqual(2 * num);
            expect(2 * num).toBeLessThan(2 * result * den + den);
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});

describe('assess', () => {
  it('derives impact, level, acceptance and cadence, and its result matches the contract', () => {
    const assessment = assess(defaultMethod(), { likelihood: 4, impacts: { confidentiality: 2, patient_safety: 4 } });
    expect(assessment).toEqual({
      likelihood: 4,
      impacts: { confidentiality: 2, patient_safety: 4 },
      notAssessed: ['integrity', 'availability'],
      impact: 4,
      levelKey: 'high',
      levelRank: 3,
      levelLabel: 'High',
      colour: '#e8590c',
      acceptance: 'top_management',
      reviewCadenceMonths: 3,
    });
    expect(ZRiskAssessment.parse(assessment)).toEqual(assessment);
  });

  it('reports every problem at once', () => {
    expect(refusal(() => assess(defaultMethod(), { likelihood: 9, impacts: { reputation: 2 } }))).toEqual(['likelihood: must be a whole number from 1 to 5', 'impacts.reputation: is not a dimension of this method (confidentiality, integrity, availability, patient_safety)']);
  });

  it('reads as <path>: <problem> in the error message', () => {
    expect(() => assess(defaultMethod(), { likelihood: 0, impacts: { integrity: 1 } })).toThrow('likelihood: must be a whole number from 1 to 5');
  });
});

describe('canAccept', () => {
  const method = defaultMethod();
  const ALLOWED: Record<string, Record<AcceptingRole, boolean>> = {
    low: { risk_owner: true, isms_manager: true, top_management: true },
    medium: { risk_owner: false, isms_manager: true, top_management: true },
    high: { risk_owner: false, isms_manager: false, top_management: true },
    critical: { risk_owner: false, isms_manager: false, top_management: false },
  };

  for (const [levelKey, byRole] of Object.entries(ALLOWED)) {
    for (const role of ACCEPTING_ROLES) {
      it(`${byRole[role] ? 'lets' : 'refuses'} ${role} accept a ${levelKey} risk`, () => {
        expect(canAccept(method, levelKey, role)).toBe(byRole[role]);
      });
    }
  }

  it('lets a higher role accept whatever a lower one may (every method, level and role)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), (levels) => {
        const m = buildScaledMethod({ likelihoods: 4, impacts: 4, levels });
        for (const level of m.levels) {
          const allowed = ACCEPTING_ROLES.map((role) => canAccept(m, level.key, role));
          for (let i = 1; i < allowed.length; i += 1) if (allowed[i - 1]) expect(allowed[i]).toBe(true);
          if (level.acceptance === 'never') expect(allowed).toEqual([false, false, false]);
        }
      }),
    );
  });

  it('refuses a role that cannot accept at all and an unknown level', () => {
    expect(canAccept(method, 'low', 'staff' as AcceptingRole)).toBe(false);
    expect(() => canAccept(method, 'severe', 'top_management')).toThrow(RiskMethodError);
  });
});

describe('needsClinicalSignOff', () => {
  const method = defaultMethod();
  it('is needed when patient-safety impact is above the lowest level', () => {
    expect(needsClinicalSignOff(assess(method, { likelihood: 1, impacts: { patient_safety: 2 } }))).toBe(true);
    expect(needsClinicalSignOff(assess(method, { likelihood: 1, impacts: { patient_safety: 5, confidentiality: 1 } }))).toBe(true);
  });

  it('is not needed at the lowest level, when patient safety is not assessed, or without the dimension', () => {
    expect(needsClinicalSignOff(assess(method, { likelihood: 5, impacts: { patient_safety: 1, availability: 5 } }))).toBe(false);
    expect(needsClinicalSignOff(assess(method, { likelihood: 5, impacts: { availability: 5 } }))).toBe(false);
    const cia = buildMethod((m) => (m.dimensions = ['confidentiality', 'integrity', 'availability']));
    expect(needsClinicalSignOff(assess(cia, { likelihood: 5, impacts: { integrity: 5 } }))).toBe(false);
  });
});

describe('acceptance staleness', () => {
  const base = { acceptedLevelRank: 2, currentLevelRank: 2, expiresOn: '2027-06-30', today: '2027-03-01' };

  it('is not stale while the level holds and the acceptance has not expired', () => {
    expect(isAcceptanceStale(base)).toBe(false);
    expect(isAcceptanceStale({ ...base, expiresOn: null })).toBe(false);
  });

  it('is stale when the level rose', () => {
    expect(acceptanceStaleReasons({ ...base, currentLevelRank: 3 })).toEqual(['level_rose']);
  });

  it('stays valid when the level fell', () => {
    expect(isAcceptanceStale({ ...base, currentLevelRank: 1 })).toBe(false);
  });

  it('is valid through its expiry date and stale from the day after', () => {
    expect(isAcceptanceStale({ ...base, today: '2027-06-30' })).toBe(false);
    expect(acceptanceStaleReasons({ ...base, today: '2027-07-01' })).toEqual(['expired']);
  });

  it('gives both reasons when both hold', () => {
    expect(acceptanceStaleReasons({ ...base, currentLevelRank: 4, today: '2028-01-01' })).toEqual(['level_rose', 'expired']);
  });

  it('refuses a malformed date', () => {
    expect(refusal(() => isAcceptanceStale({ ...base, expiresOn: '2027-02-30' }))).toEqual(['expiresOn: must be a date (YYYY-MM-DD)']);
    expect(refusal(() => isAcceptanceStale({ ...base, today: '1 March 2027' }))).toEqual(['today: must be a date (YYYY-MM-DD)']);
  });
});

describe('review dates', () => {
  const method = defaultMethod();

  it('adds the cadence of the level in calendar months', () => {
    expect(nextReviewDate(method, 'low', '2027-01-15')).toBe('2028-01-15');
    expect(nextReviewDate(method, 'medium', '2027-01-15')).toBe('2027-07-15');
    expect(nextReviewDate(method, 'high', '2027-01-15')).toBe('2027-04-15');
    expect(nextReviewDate(method, 'critical', '2027-01-15')).toBe('2027-02-15');
    expect(nextReviewDate(method, 'critical', '2027-12-15')).toBe('2028-01-15');
  });

  it('clamps to the last day of a shorter month', () => {
    expect(nextReviewDate(method, 'critical', '2027-01-31')).toBe('2027-02-28');
    expect(nextReviewDate(method, 'high', '2027-08-31')).toBe('2027-11-30');
    expect(nextReviewDate(method, 'medium', '2027-10-31')).toBe('2028-04-30');
    expect(addCalendarMonths('2027-03-31', -1)).toBe('2027-02-28');
  });

  it('knows leap years (including the century rules)', () => {
    expect(nextReviewDate(method, 'critical', '2028-01-31')).toBe('2028-02-29');
    expect(nextReviewDate(method, 'high', '2027-11-30')).toBe('2028-02-29');
    expect(nextReviewDate(method, 'low', '2028-02-29')).toBe('2029-02-28');
    expect(addCalendarMonths('2032-02-29', 48)).toBe('2036-02-29');
    expect(addCalendarMonths('2100-01-31', 1)).toBe('2100-02-28');
    expect(addCalendarMonths('2000-01-31', 1)).toBe('2000-02-29');
  });

  it('refuses a date that does not exist and an unknown level', () => {
    expect(refusal(() => nextReviewDate(method, 'low', '2027-02-29'))).toEqual(['date: must be a date (YYYY-MM-DD)']);
    expect(refusal(() => nextReviewDate(method, 'low', '2027-13-01'))).toEqual(['date: must be a date (YYYY-MM-DD)']);
    expect(refusal(() => nextReviewDate(method, 'severe', '2027-01-01'))).toEqual(['levelKey: "severe" is not a risk level of this method (low, medium, high, critical)']);
  });

  it('lands in the right month on the same day or the month end (random dates and cadences)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 1, max: 36 }), (date, months) => {
        const from = date.toISOString().slice(0, 10);
        const [y, m, d] = from.split('-').map(Number) as [number, number, number];
        const next = addCalendarMonths(from, months);
        const [ny, nm, nd] = next.split('-').map(Number) as [number, number, number];
        expect(ny * 12 + nm).toBe(y * 12 + m + months);
        const lastDay = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
        expect(nd).toBe(Math.min(d, lastDay));
      }),
      { numRuns: 500 },
    );
  });
});

describe('proportionalRemap', () => {
  const all = (oldLevels: number, newLevels: number) => Array.from({ length: oldLevels }, (_, i) => proportionalRemap(oldLevels, newLevels, i + 1));

  it('maps every value of 5 → 4, 4 → 5, 5 → 3 and 3 → 10 by ceil(value × new ÷ old)', () => {
    expect(all(5, 4)).toEqual([1, 2, 3, 4, 4]);
    expect(all(4, 5)).toEqual([2, 3, 4, 5]);
    expect(all(5, 3)).toEqual([1, 2, 2, 3, 3]);
    expect(all(3, 10)).toEqual([4, 7, 10]);
    expect(all(10, 3)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 3]);
    expect(all(5, 5)).toEqual([1, 2, 3, 4, 5]);
  });

  it('clamps stray values to the new scale', () => {
    expect(proportionalRemap(5, 4, 0)).toBe(1);
    expect(proportionalRemap(5, 4, 9)).toBe(4);
  });

  it('refuses non-integers and empty scales', () => {
    expect(() => proportionalRemap(5, 4, 2.5)).toThrow(RangeError);
    expect(() => proportionalRemap(0, 4, 1)).toThrow(RangeError);
    expect(() => proportionalRemap(5, 0, 1)).toThrow(RangeError);
  });

  it('never gives 0 nor exceeds the new scale, keeps order, and keeps the top at the top (random scales)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 }), (oldLevels, newLevels) => {
        const mapped = all(oldLevels, newLevels);
        mapped.forEach((value, i) => {
          expect(value).toBeGreaterThanOrEqual(1);
          expect(value).toBeLessThanOrEqual(newLevels);
          expect(value).toBe(Math.ceil(((i + 1) * newLevels) / oldLevels));
          if (i > 0) expect(value).toBeGreaterThanOrEqual(mapped[i - 1]!);
        });
        expect(mapped.at(-1)).toBe(newLevels);
        // shrinking reaches every new level; growing keeps distinct values distinct
        if (newLevels <= oldLevels) expect(new Set(mapped).size).toBe(newLevels);
        else expect(new Set(mapped).size).toBe(oldLevels);
      }),
      { numRuns: 500 },
    );
  });
});

describe('remapAssessment', () => {
  const fiveByFive = defaultMethod();
  const fourByFour = buildScaledMethod({ likelihoods: 4, impacts: 4, levels: 4 });

  it('re-maps every assessment of the 5 × 5 method onto a 4 × 4 one, clearing none', () => {
    for (let l = 1; l <= 5; l += 1) {
      for (let i = 1; i <= 5; i += 1) {
        const preview = remapAssessment(fiveByFive, fourByFour, { likelihood: l, impacts: { patient_safety: i, confidentiality: 1 } });
        expect(ZRemapPreview.parse(preview)).toEqual(preview);
        expect(preview.likelihood).toEqual({ old: l, new: proportionalRemap(5, 4, l) });
        expect(preview.proposed).toEqual({ likelihood: proportionalRemap(5, 4, l), impacts: { confidentiality: 1, patient_safety: proportionalRemap(5, 4, i) } });
        expect(preview.needsInput).toBe(false);
        expect(preview.level.old.key).toBe(riskLevel(fiveByFive, l, i).key);
        expect(preview.level.new).toMatchObject({ key: riskLevel(fourByFour, preview.proposed.likelihood, proportionalRemap(5, 4, i)).key });
        expect(preview.isLevelChanged).toBe(preview.level.new!.key !== preview.level.old.key || preview.level.new!.rank !== preview.level.old.rank);
        expect(() => assess(fourByFour, preview.proposed)).not.toThrow();
      }
    }
  });

  it('shows old and new values for every dimension', () => {
    const preview = remapAssessment(fiveByFive, fourByFour, { likelihood: 5, impacts: { confidentiality: 3, availability: 5 } });
    expect(preview.dimensions).toEqual([
      { dimension: 'confidentiality', old: 3, new: 3, change: 'remapped' },
      { dimension: 'integrity', old: null, new: null, change: 'not_assessed' },
      { dimension: 'availability', old: 5, new: 4, change: 'remapped' },
      { dimension: 'patient_safety', old: null, new: null, change: 'not_assessed' },
    ]);
    expect(preview.impact).toEqual({ old: 5, new: 4 });
    expect(preview.level.old).toEqual({ key: 'critical', rank: 4, label: 'Critical' });
    expect(preview.level.new).toEqual({ key: 'l4', rank: 4, label: 'Level 4' });
  });

  it('drops a dimension the new method lacks and adds a new one without a value, reporting both', () => {
    const next = buildScaledMethod({ likelihoods: 5, impacts: 5, levels: 4, dimensions: ['confidentiality', 'availability', 'patient_safety', 'financial'] });
    const preview = remapAssessment(fiveByFive, next, { likelihood: 3, impacts: { integrity: 5, availability: 2 } });
    expect(preview.droppedDimensions).toEqual(['integrity']);
    expect(preview.addedDimensions).toEqual(['financial']);
    expect(preview.dimensions).toContainEqual({ dimension: 'integrity', old: 5, new: null, change: 'dropped' });
    expect(preview.dimensions).toContainEqual({ dimension: 'financial', old: null, new: null, change: 'added' });
    expect(preview.proposed.impacts).toEqual({ availability: 2 });
    expect(preview.impact).toEqual({ old: 5, new: 2 });
    expect(preview.isLevelChanged).toBe(true);
  });

  it('asks for input when no assessed dimension survives', () => {
    const next = buildScaledMethod({ likelihoods: 4, impacts: 4, levels: 3, dimensions: ['patient_safety'] });
    const preview = remapAssessment(fiveByFive, next, { likelihood: 2, impacts: { confidentiality: 4 } });
    expect(preview).toMatchObject({ needsInput: true, isLevelChanged: true, impact: { old: 4, new: null }, level: { new: null }, proposed: { likelihood: 2, impacts: {} }, droppedDimensions: ['confidentiality', 'integrity', 'availability'] });
  });

  it('refuses an assessment that was not valid under the old method', () => {
    expect(refusal(() => remapAssessment(fiveByFive, fourByFour, { likelihood: 6, impacts: { confidentiality: 1 } }))).toEqual(['likelihood: must be a whole number from 1 to 5']);
  });

  it('keeps every value on the new scales and the proposal valid (random methods and assessments)', () => {
    const arbMethod = fc.record({
      likelihoods: fc.integer({ min: 3, max: 10 }),
      impacts: fc.integer({ min: 3, max: 10 }),
      levels: fc.integer({ min: 2, max: 6 }),
      dimensions: fc.subarray([...IMPACT_DIMENSIONS], { minLength: 1 }),
      weighted: fc.boolean(),
    });
    fc.assert(
      fc.property(arbMethod, arbMethod, fc.integer({ min: 1, max: 10 }), fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 7, maxLength: 7 }), (a, b, rawLikelihood, rawImpacts) => {
        const oldMethod = buildScaledMethod(a);
        const newMethod = buildScaledMethod(b);
        const likelihood = ((rawLikelihood - 1) % a.likelihoods) + 1;
        const impacts = Object.fromEntries(a.dimensions.map((d, i) => [d, ((rawImpacts[i]! - 1) % a.impacts) + 1]));
        const preview = remapAssessment(oldMethod, newMethod, { likelihood, impacts });
        expect(preview.likelihood.new).toBeGreaterThanOrEqual(1);
        expect(preview.likelihood.new).toBeLessThanOrEqual(b.likelihoods);
        for (const row of preview.dimensions) if (row.new !== null) expect(row.new >= 1 && row.new <= b.impacts).toBe(true);
        expect(preview.needsInput).toBe(!a.dimensions.some((d) => b.dimensions.includes(d)));
        if (!preview.needsInput) expect(assess(newMethod, preview.proposed).levelKey).toBe(preview.level.new!.key);
      }),
      { numRuns: 300 },
    );
  });
});
