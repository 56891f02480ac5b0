import { describe, expect, it } from 'vitest';
import { clipGradNorm } from '../../src/optimizers/clip-grad-norm.js';

function norm(g: Float64Array): number {
  let s = 0;
  for (const x of g) s += x * x;
  return Math.sqrt(s);
}

describe('clipGradNorm', () => {
  it('returns the norm and leaves a gradient under the limit untouched', () => {
    const g = new Float64Array([3, 4]);
    expect(clipGradNorm(g, 10)).toBe(5);
    expect(Array.from(g)).toEqual([3, 4]);
  });

  it('scales a gradient over the limit by maxNorm/(norm + 1e-6), as PyTorch', () => {
    const g = new Float64Array([3, 4]);
    expect(clipGradNorm(g, 1)).toBe(5);
    // 3·1/5.000001, 4·1/5.000001
    expect(g[0]).toBe(3 * (1 / (5 + 1e-6)));
    expect(g[1]).toBe(4 * (1 / (5 + 1e-6)));
    expect(norm(g)).toBeLessThanOrEqual(1);
    expect(norm(g)).toBeCloseTo(1, 6);
    expect(g[0]! / g[1]!).toBeCloseTo(0.75, 14);
  });

  it('uses the global norm over all entries', () => {
    const g = new Float64Array([1, 2, 2, 4]); // √(1 + 4 + 4 + 16) = 5
    expect(clipGradNorm(g, 2.5)).toBe(5);
    expect(norm(g)).toBeCloseTo(2.5, 6);
    expect(norm(g)).toBeLessThanOrEqual(2.5);
  });

  it('a norm exactly at the limit is not clipped', () => {
    const g = new Float64Array([3, 4]);
    clipGradNorm(g, 5);
    expect(Array.from(g)).toEqual([3, 4]);
  });

  it('maxNorm ≤ 0 turns clipping off but still returns the norm', () => {
    const g = new Float64Array([30, 40]);
    expect(clipGradNorm(g, 0)).toBe(50);
    expect(clipGradNorm(g, -1)).toBe(50);
    expect(Array.from(g)).toEqual([30, 40]);
  });

  it('an empty or zero gradient has norm 0', () => {
    expect(clipGradNorm(new Float64Array(0), 1)).toBe(0);
    const z = new Float64Array(3);
    expect(clipGradNorm(z, 1)).toBe(0);
    expect(Array.from(z)).toEqual([0, 0, 0]);
  });

  it('a non-finite gradient is reported, not hidden', () => {
    const g = new Float64Array([1, Number.NaN]);
    expect(clipGradNorm(g, 1)).toBeNaN();
    expect(g[0]).toBe(1);
    const h = new Float64Array([Infinity, 1]);
    expect(clipGradNorm(h, 1)).toBe(Infinity);
    expect(h[1]).toBe(1);
  });
});
