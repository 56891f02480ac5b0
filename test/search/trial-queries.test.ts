import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import type { Direction, TrialView } from '../../src/search/strategy.js';
import { topAtBudget } from '../../src/search/trial-queries.js';
import { trial } from './views.js';

/** The definition, by sorting: the ranking's first k, then the first eligible trial among them. */
function bySorting(trials: readonly TrialView[], budget: number, direction: Direction, k: (m: number) => number, eligible: (t: TrialView) => boolean) {
  const sign = direction === 'maximize' ? -1 : 1;
  const ranked = trials
    .filter((t) => Number.isFinite(t.rungValues.get(budget)))
    .sort((a, b) => sign * (a.rungValues.get(budget)! - b.rungValues.get(budget)!) || a.number - b.number);
  return { ranked: ranked.length, trial: ranked.slice(0, k(ranked.length)).find(eligible) };
}

describe('topAtBudget', () => {
  it('picks what sorting the rung and scanning its top k picks (ties, NaN/±Inf, both directions, any k)', () => {
    const rng = new Rng(7);
    const values = [0.1, 0.2, 0.2, 0.3, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.5, -1];
    for (let round = 0; round < 2000; round++) {
      const n = Math.floor(rng.next() * 30);
      // Shuffled numbers, so array order and number order differ.
      const numbers = Array.from({ length: n }, (_, i) => i).sort(() => rng.next() - 0.5);
      const trials = numbers.map((number) => {
        const v = values[Math.floor(rng.next() * values.length)]!;
        const has = rng.next() < 0.8;
        const target = rng.next() < 0.5 ? 3 : 9;
        return trial(number, { values: has ? { 3: v } : {}, target, state: rng.next() < 0.2 ? 'running' : rng.next() < 0.1 ? 'failed' : 'pruned' });
      });
      const direction: Direction = rng.next() < 0.5 ? 'minimize' : 'maximize';
      const eta = 2 + Math.floor(rng.next() * 3);
      const k = (m: number) => Math.floor(m / eta);
      const eligible = (t: TrialView) => t.target <= 3 && t.state === 'pruned';
      const got = topAtBudget(trials, 3, direction, k, eligible);
      const want = bySorting(trials, 3, direction, k, eligible);
      expect(got.ranked).toBe(want.ranked);
      expect(got.trial?.number).toBe(want.trial?.number);
    }
  });

  it('returns nothing when the best eligible trial is not in the top k', () => {
    const trials = [trial(0, { values: { 1: 0.1 }, target: 3 }), trial(1, { values: { 1: 0.2 } }), trial(2, { values: { 1: 0.3 } })];
    const eligible = (t: TrialView) => t.target <= 1;
    expect(topAtBudget(trials, 1, 'minimize', () => 1, eligible)).toEqual({ ranked: 3, trial: undefined });
    expect(topAtBudget(trials, 1, 'minimize', () => 2, eligible).trial?.number).toBe(1);
    expect(topAtBudget(trials, 1, 'maximize', () => 1, eligible).trial?.number).toBe(2);
    expect(topAtBudget([], 1, 'minimize', () => 1, eligible)).toEqual({ ranked: 0, trial: undefined });
  });
});
