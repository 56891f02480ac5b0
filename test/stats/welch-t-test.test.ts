import { describe, expect, it } from 'vitest';
import { welchTTest } from '../../src/stats/welch-t-test.js';

describe('welchTTest', () => {
  it('reproduces a worked example by hand and scipy', () => {
    // x = [1,2,3,4]: mean 2.5, s² = 5/3, s²/n = 5/12. y = [2,4,6,8,10]: mean 6, s² = 10, s²/n = 2.
    // se² = 29/12; t = −3.5 / √(29/12); ν = (29/12)² / ((5/12)²/3 + 2²/4) = 5.5207877…
    const r = welchTTest([1, 2, 3, 4], [2, 4, 6, 8, 10]);
    expect(r.t).toBeCloseTo(-3.5 / Math.sqrt(29 / 12), 13);
    expect(r.df).toBeCloseTo((29 / 12) ** 2 / ((5 / 12) ** 2 / 3 + 1), 12);
    // scipy 1.10.1: ttest_ind([1,2,3,4], [2,4,6,8,10], equal_var=False)
    //   statistic=-2.2514363231593695, pvalue=0.06913359319239236
    expect(r.t).toBeCloseTo(-2.2514363231593695, 12);
    expect(r.pValue).toBeCloseTo(0.06913359319239236, 11);
  });

  it('matches scipy.stats.ttest_ind(equal_var=False) on more samples', () => {
    // scipy 1.10.1 results, hard-coded.
    const a = welchTTest([0.81, 0.79, 0.84, 0.8, 0.83], [0.78, 0.8, 0.76, 0.79]);
    expect(a.t).toBeCloseTo(2.498767394091446, 10);
    expect(a.pValue).toBeCloseTo(0.0411889195934263, 10);
    const b = welchTTest([5, 5, 5], [5, 6, 7]); // one constant sample: ν = n_y − 1 = 2
    expect(b.t).toBeCloseTo(-1.7320508075688774, 12);
    expect(b.df).toBeCloseTo(2, 12);
    expect(b.pValue).toBeCloseTo(0.22540333075851657, 11);
    const c = welchTTest([0.3, 0.32], [0.5, 0.52]);
    expect(c.t).toBeCloseTo(-14.142135623730939, 8);
    expect(c.pValue).toBeCloseTo(0.004962809790010873, 10);
  });

  it('is symmetric in its samples up to the sign of t', () => {
    const xy = welchTTest([3, 1, 4, 1, 5], [9, 2, 6]);
    const yx = welchTTest([9, 2, 6], [3, 1, 4, 1, 5]);
    expect(yx.t).toBeCloseTo(-xy.t, 13);
    expect(yx.pValue).toBeCloseTo(xy.pValue, 13);
  });

  it('handles two constant samples (where scipy gives NaN)', () => {
    expect(welchTTest([2, 2], [2, 2, 2])).toEqual({ t: 0, df: 3, pValue: 1 });
    const apart = welchTTest([1, 1], [2, 2]);
    expect(apart.pValue).toBe(0);
    expect(apart.t).toBe(Number.NEGATIVE_INFINITY);
  });

  it('needs two finite values per sample', () => {
    expect(() => welchTTest([1], [1, 2])).toThrow(RangeError);
    expect(() => welchTTest([1, 2], [1, Number.NaN])).toThrow(RangeError);
  });
});
