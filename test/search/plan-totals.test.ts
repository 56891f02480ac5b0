import { describe, expect, it } from 'vitest';
import { isGenerations, planTotals } from '../../src/search/plan-totals.js';
import { Pbt } from '../../src/search/pbt.js';
import { SuccessiveHalving } from '../../src/search/successive-halving.js';
import type { Space } from '../../src/search/space.js';
import { WithRepeats } from '../../src/search/with-repeats.js';

const space: Space = { lr: { type: 'float', low: 1e-4, high: 1, log: true } };
const pbt = () => new Pbt(space, { seed: 1, direction: 'minimize' }, { population: 8, interval: 3, maxBudget: 15, mutate: ['lr'] });

describe('planTotals', () => {
  it('counts a halving plan with and without warm starts', () => {
    const plan = [{ bracket: 0, rungs: [{ rung: 0, trials: 27, budget: 1 }, { rung: 1, trials: 9, budget: 3 }, { rung: 2, trials: 3, budget: 9 }] }];
    expect(planTotals(plan, true)).toEqual({ epochs: 63, trials: 27, jobs: 39 });
    expect(planTotals(plan, false)).toEqual({ epochs: 81, trials: 27, jobs: 39 });
    expect(isGenerations(plan)).toBe(false);
    expect(isGenerations(new SuccessiveHalving(space, { seed: 1, direction: 'minimize' }, { candidates: 9, minBudget: 1, maxBudget: 9 }).plan())).toBe(false);
  });

  it('counts PBT generations as P × maxBudget epochs whatever warmStart says, and its replacements as trials', () => {
    const plan = pbt().plan();
    expect(isGenerations(plan)).toBe(true);
    // 8 members × 15 epochs; 8 trials, then 2 new ones at each of 4 boundaries; 5 generations of 8 jobs.
    expect(planTotals(plan)).toEqual({ epochs: 120, trials: 16, jobs: 40 });
    expect(planTotals(plan, false)).toEqual(planTotals(plan, true));
    expect(planTotals(plan).trials).toBe(pbt().totalTrials);
  });

  it('counts no replacement at a boundary before the burn-in', () => {
    const plan = new Pbt(space, { seed: 1, direction: 'minimize' }, { population: 8, interval: 3, maxBudget: 15, mutate: ['lr'], burnIn: 7 }).plan();
    expect(plan[0]!.rungs.map((r) => [r.budget, r.replaced])).toEqual([[3, 0], [6, 0], [9, 2], [12, 2], [15, 0]]);
    expect(planTotals(plan)).toEqual({ epochs: 120, trials: 12, jobs: 40 });
  });

  it('scales PBT generations and their replacements by repeats', () => {
    const plan = new WithRepeats(pbt(), 3).plan();
    expect(plan[0]!.rungs.map((r) => [r.trials, r.replaced])).toEqual([[24, 6], [24, 6], [24, 6], [24, 6], [24, 0]]);
    expect(planTotals(plan)).toEqual({ epochs: 360, trials: 48, jobs: 120 });
  });
});
