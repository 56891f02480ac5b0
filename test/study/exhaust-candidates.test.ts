import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { planTotals } from '../../src/search/plan-totals.js';
import type { Space } from '../../src/search/space.js';
import { createStrategy } from '../../src/search/create-strategy.js';
import { exhaustCandidates, type ExhaustStudy } from '../../src/study/exhaust-candidates.js';
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

/** The plan's cost with n candidates, counted one count at a time: what the bisection must agree with. */
function costOf(s: StudySpec, n: number): number {
  const study = normalizeStudy({ ...s, strategy: { ...(s.strategy as object), candidates: n } as StudySpec['strategy'] }, '/');
  return planTotals(strategyFor(study).plan(), study.strategy.type === 'successive-halving' ? (study.strategy.warmStart ?? true) : true).epochs;
}

describe('candidates "exhaust"', () => {
  it("fills T1's allowance as bench:search sizes it: 125 candidates, 357 of 360 epochs (126 would train 366)", () => {
    const study = normalizeStudy(spec({}), '/');
    expect(study.strategy).toMatchObject({ type: 'successive-halving', candidates: 125 });
    expect(study.exhausted).toEqual({ candidates: 125, epochs: 357, next: 366, maxEpochs: 360 });
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
      const found = normalizeStudy(s, '/').exhausted!;
      expect(found.candidates, JSON.stringify(cases)).toBe(n);
      expect(found.epochs).toBe(costOf(s, n));
      expect(found.next).toBe(costOf(s, n + 1));
      expect(found.next).toBeGreaterThan(s.maxEpochs!);
    }
  });

  it('counts from-scratch retraining when warmStart is false, so fewer candidates fit', () => {
    const warm = normalizeStudy(spec({}), '/').exhausted!;
    const cold = normalizeStudy(spec({ warmStart: false }), '/').exhausted!;
    expect(cold.candidates).toBeLessThan(warm.candidates);
    expect(cold.epochs).toBeLessThanOrEqual(360);
  });

  it('with sampler "grid", stops at the grid: every cell when the budget holds them all', () => {
    const all = normalizeStudy(spec({ sampler: 'grid' }, { space: grid }), '/').exhausted!;
    expect(all).toEqual({ candidates: 6, epochs: 6 + 2 * 2 + 1 * 6 + 1 * 18, gridCells: 6, maxEpochs: 360 });
    // 4@1, then 1 at each rung: 4 + 2 + 6 + 18 = 30; a fifth cell would make it 31.
    expect(normalizeStudy(spec({ sampler: 'grid' }, { space: grid, maxEpochs: 30 }), '/').exhausted).toEqual({ candidates: 4, epochs: 30, next: 31, gridCells: 6, maxEpochs: 30 });
  });

  it('finds none when one candidate costs more than maxEpochs, and says what one costs', () => {
    const study = normalizeStudy(spec({ candidates: 1 }), '/');
    // exhaustCandidates itself reports 0 and one candidate's cost (1 + 2 + 6 + 18); normalizeStudy refuses (below).
    expect(exhaustCandidates({ ...study, strategy: { ...study.strategy, candidates: 'exhaust' } } as ExhaustStudy, 26)).toEqual({ candidates: 0, epochs: 27, next: 27 });
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
