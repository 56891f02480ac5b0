import { describe, expect, it } from 'vitest';
import { omegaSquared } from '../../src/stats/omega-squared.js';

describe('omegaSquared', () => {
  it('matches the formula on a worked example', () => {
    // Groups [1,2,3] and [4,5,6]: grand mean 3.5; SS_between = 3·1.5²·2 = 13.5;
    // SS_within = 2 + 2 = 4; SS_total = 17.5; MS_within = 4/(6−2) = 1;
    // ω² = (13.5 − 1·1) / (17.5 + 1) = 12.5 / 18.5.
    expect(omegaSquared([[1, 2, 3], [4, 5, 6]])).toBeCloseTo(12.5 / 18.5, 14);
  });

  it('is below the plain η² and clipped at 0 when the groups explain nothing', () => {
    const groups = [[1, 2, 3], [4, 5, 6]];
    expect(omegaSquared(groups)).toBeLessThan(13.5 / 17.5);
    // Identical group means: SS_between = 0, so ω² would be negative.
    expect(omegaSquared([[1, 3], [3, 1], [2, 2]])).toBe(0);
  });

  it('is 0 for one group, a constant value, or no degrees of freedom left; ignores empty groups', () => {
    expect(omegaSquared([[1, 2, 3]])).toBe(0);
    expect(omegaSquared([[0.1, 0.1], [0.1, 0.1, 0.1]])).toBe(0);
    expect(omegaSquared([[1], [5]])).toBe(0);
    expect(omegaSquared([[1, 2, 3], [], [4, 5, 6]])).toBeCloseTo(12.5 / 18.5, 14);
  });
});
