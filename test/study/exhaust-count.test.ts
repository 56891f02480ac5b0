import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { planTotals } from '../../src/search/plan-totals.js';
import type { Space } from '../../src/search/space.js';
import { createStrategy } from '../../src/search/create-strategy.js';
import { exhaustCount, type ExhaustStudy } from '../../src/study/exhaust-count.js';
import { normalizeStudy } from '../../src/study/normalize-study.js';
import { strategyFor } from '../../src/study/strategy-for.js';
import type { StudySpec } from '../../src/study/study-spec.js';

const space: Space = {
  lr: { type: 'float', low: 1e-4, high: 1, log: true },
  batchSize: { type: 'categorical', choices: [16, 32, 64] },
};
const grid: Space = { batchSize: { type: 'categorical', choices: [16, 32, 64] }, opt: { type: 'categorical', choices: ['a', 'b'] } };

function spec(strategy: Record<string, unknown>, extra: Partial<StudySpec> = {}): StudySpec {
  return {
    name: 'x',
    objective: 'obj.mjs',
    space,
    strategy: { type: 'successive-halving', candidates: 'exhaust', reductionFactor: 3, minBudget: 1, maxBudget: 27, ...strategy } as StudySpec['strategy'],
    maxEpochs: 360,
    ...extra,
  };
}

/** What "exhaust" made of a study's count (candidates or iterations): fails the test if it is not one. */
function exhaustedCount(s: StudySpec) {
  const found = normalizeStudy(s, '/').exhausted;
  if (found === undefined || found.option === 'minBudget') throw new Error(`no exhausted count: ${JSON.stringify(found)}`);
  return found;
}

/** The plan's cost with n candidates, counted one count at a time: what the bisection must agree with. */
function costOf(s: StudySpec, n: number): number {
  const study = normalizeStudy({ ...s, strategy: { ...(s.strategy as object), candidates: n } as StudySpec['strategy'] }, '/');
  const strategy = strategyFor(study);
  return planTotals(strategy.plan(), strategy.warmStart).epochs;
}

describe('successive halving\'s candidates "exhaust"', () => {
  it("fills T1's allowance as bench:search sizes it: 125 candidates, 357 of 360 epochs (126 would train 366)", () => {
    const study = normalizeStudy(spec({}), '/');
    expect(study.strategy).toMatchObject({ type: 'successive-halving', candidates: 125 });
    expect(study.exhausted).toEqual({ option: 'candidates', count: 125, epochs: 357, next: 366, maxEpochs: 360 });
    // 125@1 41@3 13@9 4@27 with warm starts: 125 + 41·2 + 13·6 + 4·18.
    expect(planTotals(strategyFor(study).plan(), true).epochs).toBe(125 + 41 * 2 + 13 * 6 + 4 * 18);
  });

  it('is the largest count whose plan fits, against a count-by-count scan, for budgets, η, warm starts and repeats', () => {
    const cases: [Record<string, unknown>, Partial<StudySpec>][] = [
      [{}, { maxEpochs: 27 }],
      [{}, { maxEpochs: 1000 }],
      [{ reductionFactor: 2, minBudget: 2, maxBudget: 16 }, { maxEpochs: 500 }],
      [{ warmStart: false }, { maxEpochs: 360 }],
      [{ reductionFactor: 4, minBudget: 1, maxBudget: 10 }, { maxEpochs: 123 }],
      [{}, { maxEpochs: 360, repeats: 3 }],
    ];
    for (const [strategy, extra] of cases) {
      const s = spec(strategy, extra);
      let n = 0;
      while (costOf(s, n + 1) <= s.maxEpochs!) n++;
      const found = exhaustedCount(s);
      expect(found.count, JSON.stringify(cases)).toBe(n);
      expect(found.epochs).toBe(costOf(s, n));
      expect(found.next).toBe(costOf(s, n + 1));
      expect(found.next).toBeGreaterThan(s.maxEpochs!);
    }
  });

  it('with aggressiveElimination, where one more candidate can cost fewer epochs: the largest count that fits, against a scan of every count', () => {
    const cases: [Record<string, unknown>, Partial<StudySpec>][] = [
      [{}, { maxEpochs: 360 }],
      [{}, { maxEpochs: 100 }],
      [{ reductionFactor: 2, minBudget: 1, maxBudget: 8 }, { maxEpochs: 300 }],
      [{ warmStart: false }, { maxEpochs: 500 }],
      [{ reductionFactor: 2.5, minBudget: 2, maxBudget: 20 }, { maxEpochs: 700 }],
    ];
    let drops = 0;
    for (const [strategy, extra] of cases) {
      const s = spec({ ...strategy, aggressiveElimination: true }, extra);
      const cap = Math.floor(s.maxEpochs! / ((strategy['minBudget'] as number | undefined) ?? 1));
      let n = 0;
      for (let k = 1; k <= cap; k++) {
        const c = costOf(s, k);
        if (c <= s.maxEpochs!) n = k;
        if (k > 1 && c < costOf(s, k - 1)) drops++;
      }
      const found = exhaustedCount(s);
      expect(found.count, JSON.stringify(strategy)).toBe(n);
      expect(found.epochs).toBe(costOf(s, n));
      expect(found.next).toBeGreaterThan(s.maxEpochs!);
    }
    // The cost did drop somewhere (or a bisection over all counts would have done).
    expect(drops).toBeGreaterThan(3);
    // 1 → 27 in 360 epochs: 302 candidates, rung 0's cut made three times (302@1 11@3 3@9 1@27 = 360 epochs), where the plain plan fits 125.
    expect(exhaustedCount(spec({ aggressiveElimination: true }))).toMatchObject({ count: 302, epochs: 302 + 11 * 2 + 3 * 6 + 1 * 18 });
  });

  it('counts from-scratch retraining when warmStart is false, so fewer candidates fit', () => {
    const warm = exhaustedCount(spec({}));
    const cold = exhaustedCount(spec({ warmStart: false }));
    expect(cold.count).toBeLessThan(warm.count);
    expect(cold.epochs).toBeLessThanOrEqual(360);
  });

  it('with sampler "grid", stops at the grid: every cell when the budget holds them all', () => {
    const all = exhaustedCount(spec({ sampler: 'grid' }, { space: grid }));
    expect(all).toEqual({ option: 'candidates', count: 6, epochs: 6 + 2 * 2 + 1 * 6 + 1 * 18, gridCells: 6, maxEpochs: 360 });
    // 4@1, then 1 at each rung: 4 + 2 + 6 + 18 = 30; a fifth cell would make it 31.
    expect(normalizeStudy(spec({ sampler: 'grid' }, { space: grid, maxEpochs: 30 }), '/').exhausted).toEqual({ option: 'candidates', count: 4, epochs: 30, next: 31, gridCells: 6, maxEpochs: 30 });
  });

  it('finds none when one candidate costs more than maxEpochs, and says what one costs', () => {
    const study = normalizeStudy(spec({ candidates: 1 }), '/');
    // exhaustCandidates itself reports 0 and one candidate's cost (1 + 2 + 6 + 18); normalizeStudy refuses (below).
    expect(exhaustCount({ ...study, strategy: { ...study.strategy, candidates: 'exhaust' } } as ExhaustStudy, 'candidates', 26)).toEqual({ option: 'candidates', count: 0, epochs: 27, next: 27 });
  });

  it('is refused without maxEpochs, or with one too small, as a ValidationError naming the fix', () => {
    const { maxEpochs: _m, ...noBudget } = spec({});
    expect(() => normalizeStudy(noBudget, '/')).toThrow(ValidationError);
    expect(() => normalizeStudy(noBudget, '/')).toThrow(/has no maxEpochs: add one/);
    expect(() => normalizeStudy(spec({}, { maxEpochs: 26 }), '/')).toThrow(
      'maxEpochs (26) is less than the plan of a single candidate (27 epochs), so strategy.candidates "exhaust" finds none: raise maxEpochs to at least 27, or lower strategy.maxBudget',
    );
  });

  it('leaves a given count alone, and a strategy built on its own refuses "exhaust" (only a study knows its maxEpochs)', () => {
    const given = normalizeStudy(spec({ candidates: 9 }), '/');
    expect(given.strategy).toMatchObject({ candidates: 9 });
    expect(given.exhausted).toBeUndefined();
    expect(() =>
      createStrategy({ type: 'successive-halving', candidates: 'exhaust', minBudget: 1, maxBudget: 9 }, space, { seed: 0, direction: 'minimize', budget: 9 }),
    ).toThrow('strategy.candidates "exhaust" is for a study, which turns it into a count from its maxEpochs; a strategy built on its own needs the count (an integer >= 1)');
  });
});

describe('Hyperband\'s iterations, and iterations "exhaust"', () => {
  const hyperband = (extra: Record<string, unknown>, study: Partial<StudySpec> = {}): StudySpec =>
    spec({}, { strategy: { type: 'hyperband', reductionFactor: 3, minBudget: 1, maxBudget: 27, ...extra } as StudySpec['strategy'], ...study });

  it('runs the brackets k times over, numbered on, each iteration with trials of its own, at k times the cost', () => {
    const one = strategyFor(normalizeStudy(hyperband({}), '/'));
    const three = strategyFor(normalizeStudy(hyperband({ iterations: 3 }), '/'));
    expect(three.totalTrials).toBe(3 * 49);
    expect(planTotals(three.plan()).epochs).toBe(3 * planTotals(one.plan()).epochs);
    const plan = three.plan();
    expect(plan.map((b) => b.bracket)).toEqual([...Array(12).keys()]);
    expect(plan.map((b) => b.rungs[0]!.trials)).toEqual([27, 12, 6, 4, 27, 12, 6, 4, 27, 12, 6, 4]);
    // Bracket 4 (iteration 1's first) is bracket 0 again.
    expect(plan[4]!.rungs).toEqual(plan[0]!.rungs);
  });

  it('"exhaust" takes as many iterations as fit in maxEpochs (357 epochs each: 3 in 1080, 1071 epochs)', () => {
    const study = normalizeStudy(hyperband({ iterations: 'exhaust' }, { maxEpochs: 1080 }), '/');
    expect(study.strategy).toMatchObject({ type: 'hyperband', iterations: 3 });
    expect(study.exhausted).toEqual({ option: 'iterations', count: 3, epochs: 1071, next: 1428, maxEpochs: 1080 });
    const cold = normalizeStudy(hyperband({ iterations: 'exhaust', warmStart: false }, { maxEpochs: 1080 }), '/');
    // From scratch an iteration costs 27·1 + 9·3 + 3·9 + 1·27 + 12·3 + 4·9 + 1·27 + 6·9 + 2·27 + 4·27 = 423: 2 fit.
    expect(cold.exhausted).toMatchObject({ count: 2, epochs: 846 });
    expect(() => normalizeStudy(hyperband({ iterations: 'exhaust' }, { maxEpochs: 356 }), '/')).toThrow(
      'maxEpochs (356) is less than the plan of a single iteration (357 epochs), so strategy.iterations "exhaust" finds none: raise maxEpochs to at least 357, or lower strategy.maxBudget',
    );
    const { maxEpochs: _m, ...noBudget } = hyperband({ iterations: 'exhaust' });
    expect(() => normalizeStudy(noBudget, '/')).toThrow(
      'strategy.iterations "exhaust" takes as many iterations of the brackets as fit in the study\'s maxEpochs, and the study has no maxEpochs: add one (the epochs the plan may train) or give iterations a number',
    );
  });

  it('counts iterations by division (k iterations cost k times one), so a large maxEpochs builds no strategy of millions of brackets', () => {
    const study = normalizeStudy(hyperband({ iterations: 1 }), '/');
    const found = exhaustCount({ ...study, strategy: { ...study.strategy, iterations: 'exhaust' } } as ExhaustStudy, 'iterations', 1e9);
    expect(found).toEqual({ option: 'iterations', count: Math.floor(1e9 / 357), epochs: Math.floor(1e9 / 357) * 357, next: (Math.floor(1e9 / 357) + 1) * 357 });
  });

  it('a resume with another maxEpochs says the count came from "exhaust"', async () => {
    const { definitionDifferences } = await import('../../src/study/open-study.js');
    const before = normalizeStudy(hyperband({ iterations: 'exhaust' }, { maxEpochs: 1080 }), '/');
    const after = normalizeStudy(hyperband({ iterations: 'exhaust' }, { maxEpochs: 1500 }), '/');
    expect(definitionDifferences(before, after)).toEqual(['strategy.iterations changed from 3 to 4 ("exhaust" in maxEpochs 1080 → "exhaust" in maxEpochs 1500)']);
    // The same count, given or from "exhaust", is the same search.
    expect(definitionDifferences(before, normalizeStudy(hyperband({ iterations: 3 }), '/'))).toEqual([]);
  });
});
