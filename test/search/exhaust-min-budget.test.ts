import { describe, expect, it } from 'vitest';
import { exhaustMinBudget } from '../../src/search/exhaust-min-budget.js';
import { rungBudgets, rungCounts } from '../../src/search/rung-budgets.js';
import { successiveHalving } from '../../src/search/successive-halving.js';
import type { Space } from '../../src/search/space.js';

/** The trials left at maxBudget when n candidates start at `min`. */
function topOf(n: number, min: number, max: number, eta: number): number {
  return rungCounts(n, eta, rungBudgets(min, max, eta).length).at(-1)!;
}

const space: Space = { lr: { type: 'float', low: 1e-4, high: 1, log: true } };

describe('exhaustMinBudget (successive halving\'s minBudget "exhaust")', () => {
  it('starts the ladder as high as it can while still halving the candidates to fewer than η', () => {
    // 36@3 12@9 4@27 1@81: from 4, the ladder 4, 12, 36, 81 would end with 4.
    expect(exhaustMinBudget(36, 81, 3)).toEqual({ option: 'minBudget', minBudget: 3, candidates: 36, maxBudget: 81, top: 1, needs: 27 });
    expect(exhaustMinBudget(27, 27, 3)).toMatchObject({ minBudget: 1, top: 1 });
    // Fewer than η candidates need no cut: they all start at maxBudget.
    expect(exhaustMinBudget(2, 27, 3)).toMatchObject({ minBudget: 27, top: 2, needs: 1 });
    // 9@11 3@33 1@100: the last rung is raised to maxBudget, as always.
    expect(exhaustMinBudget(9, 100, 3)).toMatchObject({ minBudget: 11, top: 1 });
    expect(exhaustMinBudget(16, 64, 2)).toMatchObject({ minBudget: 4, top: 1, needs: 16 });
  });

  it('falls back to 1 when the ladder is too short, and says what maxBudget would do', () => {
    // 500@1 166@3 55@9 18@27: halving 500 to fewer than 3 takes 5 cuts, so a maxBudget of 3^5 = 243.
    expect(exhaustMinBudget(500, 27, 3)).toEqual({ option: 'minBudget', minBudget: 1, candidates: 500, maxBudget: 27, top: 18, needs: 243 });
  });

  it('with aggressiveElimination, says the ladder was too short and what the repeated first cut left at the top', () => {
    expect(exhaustMinBudget(500, 27, 3, true)).toEqual({ option: 'minBudget', minBudget: 1, candidates: 500, maxBudget: 27, top: 2, needs: 243, aggressive: true });
    // A ladder long enough needs no repeated cut: nothing changes.
    expect(exhaustMinBudget(36, 81, 3, true)).toEqual(exhaustMinBudget(36, 81, 3));
  });

  it('is the largest first budget whose plan ends with fewer than η, found by trying every one', () => {
    for (const eta of [2, 3, 4]) {
      for (const max of [1, 5, 9, 27, 40, 81, 100]) {
        for (let n = 1; n <= 130; n += 3) {
          const found = exhaustMinBudget(n, max, eta);
          let best = 0;
          for (let m = 1; m <= max; m++) if (topOf(n, m, max, eta) < eta) best = m;
          const label = `n ${n}, maxBudget ${max}, η ${eta}`;
          if (best === 0) {
            // No first budget halves them far enough: the smallest, and a maxBudget that would.
            expect(found.minBudget, label).toBe(1);
            expect(found.needs, label).toBeGreaterThan(max);
            expect(topOf(n, 1, found.needs, eta), label).toBeLessThan(eta);
          } else {
            expect(found.minBudget, label).toBe(best);
            expect(found.needs, label).toBeLessThanOrEqual(max);
          }
          expect(found.top, label).toBe(topOf(n, found.minBudget, max, eta));
        }
      }
    }
  });

  it('is what a successive-halving strategy built with minBudget "exhaust" plans', () => {
    const init = { seed: 1, direction: 'minimize' as const };
    const built = successiveHalving(space, init, { candidates: 36, minBudget: 'exhaust', maxBudget: 81 });
    const given = successiveHalving(space, init, { candidates: 36, minBudget: 3, maxBudget: 81 });
    expect(built.plan()).toEqual(given.plan());
    expect(built.plan()[0]!.rungs.map((r) => [r.trials, r.budget])).toEqual([
      [36, 3],
      [12, 9],
      [4, 27],
      [1, 81],
    ]);
  });
});
