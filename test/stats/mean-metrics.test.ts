import { describe, expect, it } from 'vitest';
import { meanMetrics } from '../../src/stats/mean-metrics.js';

describe('meanMetrics', () => {
  it('averages each metric over the trials that have it', () => {
    expect(meanMetrics([{ a: 1, b: 4 }, { a: 3 }, { a: 5, c: -1 }])).toEqual({ a: 3, b: 4, c: -1 });
    expect(meanMetrics([])).toEqual({});
  });
});
