/**
 * The contract suite's own checks: its allocation probe must flag rules that
 * allocate per step (otherwise "allocates nothing" would pass vacuously).
 */
import { describe, expect, it } from 'vitest';
import { ALLOCATION_BOUND, measureAllocation, measureCleanest, quadratic, quadraticGrad, sameBits } from './optimizer-contract.js';

function flagged(r: { growth: number; gcs: number }): boolean {
  return r.gcs > 0 || r.growth >= ALLOCATION_BOUND;
}

describe('optimizer contract helpers', () => {
  it('measureAllocation flags a step that allocates a temporary array per step', async () => {
    const n = 100_000;
    const p = new Float64Array(n);
    let sink = 0;
    const step = (): void => {
      const tmp = new Float64Array(n);
      tmp[0] = p[0]! + 1;
      sink += tmp[0]!;
    };
    const r = await measureAllocation(
      () => {
        for (let k = 0; k < 2000; k++) step();
      },
      () => {
        for (let k = 0; k < 100; k++) step();
      },
    );
    expect(sink).toBeGreaterThan(0);
    expect(flagged(r)).toBe(true);
  }, 60_000);

  it('measureCleanest still flags an allocation per step: every attempt collects', async () => {
    let last: number[] = [];
    const r = await measureCleanest(
      () => {
        for (let k = 0; k < 50_000; k++) last = [k, k + 1];
      },
      () => {
        for (let k = 0; k < 1000; k++) last = [k, k + 1];
      },
    );
    expect(last).toEqual([49_999, 50_000]);
    expect(flagged(r)).toBe(true);
  }, 60_000);

  it('measureAllocation flags a small object allocated per step', async () => {
    // The pair escapes (kept in `last`), so V8 cannot optimise the allocation away.
    let last: number[] = [];
    const step = (k: number): void => {
      last = [k, k + 1];
    };
    const r = await measureAllocation(
      () => {
        for (let k = 0; k < 50_000; k++) step(k);
      },
      () => {
        for (let k = 0; k < 1000; k++) step(k);
      },
    );
    expect(last).toEqual([49_999, 50_000]);
    expect(flagged(r)).toBe(true);
  }, 60_000);

  it('measureAllocation flags per-element closures (array methods in the loop)', async () => {
    const p = new Float64Array(10_000).fill(1);
    const step = (): void => {
      p.forEach((x, i) => {
        p[i] = x * 1.0000001;
      });
    };
    const r = await measureAllocation(
      () => {
        for (let k = 0; k < 200; k++) step();
      },
      () => {
        for (let k = 0; k < 20; k++) step();
      },
    );
    expect(flagged(r)).toBe(true);
  }, 60_000);

  it('measureAllocation does not flag an in-place loop', async () => {
    const p = new Float64Array(10_000).fill(1);
    const step = (): void => {
      for (let i = 0; i < p.length; i++) p[i] = p[i]! * 1.0000001;
    };
    const r = await measureCleanest(
      () => {
        for (let k = 0; k < 2000; k++) step();
      },
      () => {
        for (let k = 0; k < 200; k++) step();
      },
    );
    expect(r.gcs).toBe(0);
    expect(r.growth).toBeLessThan(ALLOCATION_BOUND);
  }, 60_000);

  it('sameBits compares bit patterns', () => {
    expect(sameBits(new Float64Array([0, 1]), new Float64Array([0, 1]))).toBe(true);
    expect(sameBits(new Float64Array([0]), new Float64Array([-0]))).toBe(false);
    expect(sameBits(new Float64Array([1]), new Float64Array([1 + Number.EPSILON]))).toBe(false);
    expect(sameBits(new Float64Array([1]), new Float64Array([1, 1]))).toBe(false);
  });

  it('the quadratic is 0 at its minimum and its gradient matches finite differences', () => {
    const c = new Float64Array([3, -1, 0.5, 10]);
    expect(quadratic(c)).toBe(0);
    const p = new Float64Array([0.3, 0.2, -0.1, 1]);
    const g = new Float64Array(4);
    quadraticGrad(p, g);
    for (let i = 0; i < 4; i++) {
      const h = 1e-6;
      const up = new Float64Array(p);
      const dn = new Float64Array(p);
      up[i] = up[i]! + h;
      dn[i] = dn[i]! - h;
      expect(g[i]).toBeCloseTo((quadratic(up) - quadratic(dn)) / (2 * h), 5);
    }
  });
});
