import { describe, expect, it } from 'vitest';
import { meanMetrics, meanMetricsOf } from '../../src/stats/mean-metrics.js';

describe('meanMetrics', () => {
  it('averages each metric over the trials that have it', () => {
    expect(meanMetrics([{ a: 1, b: 4 }, { a: 3 }, { a: 5, c: -1 }])).toEqual({ a: 3, b: 4, c: -1 });
    expect(meanMetrics([])).toEqual({});
  });

  it('meanMetricsOf averages the trials of the given numbers only', () => {
    const trials = [{ number: 0, metrics: { a: 1 } }, { number: 1, metrics: { a: 5 } }, { number: 2, metrics: { a: 3 } }];
    expect(meanMetricsOf([0, 2], trials)).toEqual({ a: 2 });
  });
});
