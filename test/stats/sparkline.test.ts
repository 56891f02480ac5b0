import { describe, expect, it } from 'vitest';
import { sparkline } from '../../src/stats/sparkline.js';

describe('sparkline', () => {
  it('scales the series from ▁ (min) to █ (max)', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([10, 0, 5])).toBe('█▁▅');
    expect(sparkline([-3, -1])).toBe('▁█');
  });

  it('resamples a longer series to width by bucket means, and never stretches a shorter one', () => {
    expect(sparkline([1, 1, 8, 8], 2)).toBe('▁█');
    const long = Array.from({ length: 100 }, (_, i) => i);
    const line = sparkline(long, 10);
    expect([...line]).toHaveLength(10);
    // Bucket means 4.5, 14.5, …, 94.5 → levels round(7·i/9) = 0 1 2 2 3 4 5 5 6 7.
    expect(line).toBe('▁▂▃▃▄▅▆▆▇█');
    expect(sparkline([1, 2, 3], 10)).toBe('▁▅█');
  });

  it('draws non-finite values as spaces and a constant series at mid height', () => {
    expect(sparkline([Number.NaN, 1, 2])).toBe(' ▁█');
    expect(sparkline([4, 4, 4])).toBe('▄▄▄');
    expect(sparkline([Number.NaN])).toBe(' ');
    expect(sparkline([])).toBe('');
  });

  it('rejects a width that is not a positive integer', () => {
    expect(() => sparkline([1, 2], 0)).toThrow(RangeError);
    expect(() => sparkline([1, 2], 2.5)).toThrow(RangeError);
  });
});
