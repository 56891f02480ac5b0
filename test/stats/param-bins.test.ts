import { describe, expect, it } from 'vitest';
import { paramBins } from '../../src/stats/param-bins.js';

describe('paramBins', () => {
  it('gives a categorical param one bin per choice', () => {
    const spec = { type: 'categorical', choices: ['sgd', 'adam', true] } as const;
    expect(paramBins(['adam', 'sgd', 'adam', true, 'sgd'], { ...spec, choices: [...spec.choices] })).toEqual([
      0, 1, 0, 2, 1,
    ]);
  });

  it('uses quantile bins of about equal counts for numeric params', () => {
    const xs = Array.from({ length: 12 }, (_, i) => i);
    expect(paramBins(xs, { type: 'float', low: 0, high: 11 }, 3)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
    expect(paramBins([5, 1, 3, 6, 2, 4], { type: 'float', low: 0, high: 10 }, 2)).toEqual([1, 0, 0, 1, 0, 1]);
  });

  it('gives one bin per value when there are few distinct values', () => {
    expect(paramBins([32, 8, 32, 16, 8], { type: 'int', low: 8, high: 32 }, 10)).toEqual([2, 0, 2, 1, 0]);
  });

  it('keeps tied values together and drops empty bins', () => {
    const bins = paramBins([1, 1, 1, 1, 1, 1, 1, 2, 3, 4], { type: 'float', low: 0, high: 5 }, 3);
    expect(new Set(bins.slice(0, 7)).size).toBe(1);
    expect(Math.max(...bins)).toBe(new Set(bins).size - 1);
  });

  it('gives a log param the bins of its log values (quantile bins are rank-based)', () => {
    const xs = [1e-4, 3e-4, 1e-3, 0.5, 1e-2, 1e-1, 1, 2e-2, 7e-3, 0.3];
    const logBins = paramBins(xs, { type: 'float', low: 1e-4, high: 1, log: true }, 3);
    expect(logBins).toEqual(paramBins(xs.map(Math.log), { type: 'float', low: -10, high: 0 }, 3));
    // Sorted: 1e-4 3e-4 1e-3 7e-3 | 1e-2 2e-2 0.1 | 0.3 0.5 1 (edges = quantiles 1/3 and 2/3 of the sorted values).
    expect(logBins).toEqual([0, 0, 0, 2, 1, 1, 2, 1, 0, 2]);
  });

  it('rejects non-numbers for numeric params', () => {
    expect(() => paramBins(['a'], { type: 'float', low: 0, high: 1 })).toThrow(RangeError);
    expect(() => paramBins([Number.NaN], { type: 'int', low: 0, high: 1 })).toThrow(RangeError);
  });
});
