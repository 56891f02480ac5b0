import { describe, expect, it } from 'vitest';
import { addWeightDecay } from '../../src/optimizers/add-weight-decay.js';

describe('addWeightDecay', () => {
  it('adds wd·p to the gradient in place', () => {
    const g = new Float64Array([0.5, 1, -2]);
    const p = new Float64Array([1, -2, 0.5]);
    addWeightDecay(g, p, 0.1);
    // 0.5 + 0.1·1, 1 + 0.1·(−2), −2 + 0.1·0.5
    expect(g[0]).toBeCloseTo(0.6, 15);
    expect(g[1]).toBeCloseTo(0.8, 15);
    expect(g[2]).toBeCloseTo(-1.95, 15);
    expect(Array.from(p)).toEqual([1, -2, 0.5]);
  });

  it('leaves the gradient untouched when wd = 0', () => {
    const g = new Float64Array([0.5, -0, 3]);
    addWeightDecay(g, new Float64Array([1, 2, 3]), 0);
    expect(Object.is(g[1], -0)).toBe(true);
    expect(Array.from(g)).toEqual([0.5, -0, 3]);
  });
});
