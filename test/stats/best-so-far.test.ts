import { describe, expect, it } from 'vitest';
import { bestSoFar } from '../../src/stats/best-so-far.js';

describe('bestSoFar', () => {
  it('keeps the running minimum or maximum', () => {
    expect(bestSoFar([3, 4, 2, 5, 1], 'minimize')).toEqual([3, 3, 2, 2, 1]);
    expect(bestSoFar([3, 4, 2, 5, 1], 'maximize')).toEqual([3, 4, 4, 5, 5]);
  });

  it('skips missing and non-finite values and is NaN before the first value', () => {
    expect(bestSoFar([null, Number.NaN, 0.5, null, 0.4, Number.NEGATIVE_INFINITY], 'minimize')).toEqual([
      Number.NaN,
      Number.NaN,
      0.5,
      0.5,
      0.4,
      0.4,
    ]);
    expect(bestSoFar([], 'maximize')).toEqual([]);
  });
});
