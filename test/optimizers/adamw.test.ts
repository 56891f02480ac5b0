import { describe, expect, it } from 'vitest';
import { AdamW } from '../../src/optimizers/adamw.js';
import { Adam } from '../../src/optimizers/adam.js';
import { Rng } from '../../src/rng.js';
import { ValidationError } from '../../src/errors.js';
import { describeOptimizerContract, sameBits } from './optimizer-contract.js';

function expectClose(actual: Float64Array, expected: number[], digits = 14): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, digits);
}

describe('AdamW', () => {
  it('is named adamw; buffers [m, v], or [m, v, vmax] with amsgrad', () => {
    expect(new AdamW(2).name).toBe('adamw');
    expect(new AdamW(2).getState().buffers).toHaveLength(2);
    expect(new AdamW(2, { amsgrad: true }).getState().buffers).toHaveLength(3);
    expect(new AdamW(2, { amsgrad: true }).amsgrad).toBe(true);
  });

  it('decoupled decay p ← p − lr·wd·p, then Adam on the raw g, by hand for two steps', () => {
    const opt = new AdamW(2, { weightDecay: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    const p = new Float64Array([1, -2]);
    // Step 1, lr 0.1, g = [0.5, 0.5]:
    //   decay: p·(1 − 0.1·0.1) = [0.99, −1.98]
    //   m = [0.05, 0.05], v = [0.00025, 0.00025]; m̂ = g, v̂ = g²  ⇒  p −= 0.1·0.5/(0.5 + 1e-8)
    opt.step(p, new Float64Array([0.5, 0.5]), 0.1);
    expectClose(opt.getState().buffers[0]!, [0.05, 0.05], 16);
    expectClose(p, [0.99 - 0.05 / (0.5 + 1e-8), -1.98 - 0.05 / (0.5 + 1e-8)]);
    expectClose(p, [0.89, -2.08], 7);
    // Step 2, lr 0.1, g = [−1, 0.5]:
    //   decay: p·0.99
    //   m = 0.9·0.05 + 0.1·[−1, 0.5] = [−0.055, 0.095];  v = 0.999·0.00025 + 0.001·[1, 0.25] = [0.00124975, 0.00049975]
    //   p −= 0.1·(m/0.19)/(√(v/0.001999) + 1e-8)
    const p1 = [p[0]!, p[1]!];
    opt.step(p, new Float64Array([-1, 0.5]), 0.1);
    expectClose(opt.getState().buffers[0]!, [-0.055, 0.095]);
    expectClose(p, [
      p1[0]! * 0.99 - (0.1 * (-0.055 / 0.19)) / (Math.sqrt(0.00124975 / 0.001999) + 1e-8),
      p1[1]! * 0.99 - (0.1 * (0.095 / 0.19)) / (Math.sqrt(0.00049975 / 0.001999) + 1e-8),
    ]);
    // second coordinate: m̂ = 0.5, v̂ = 0.25 ⇒ step 0.1 exactly up to ε: −2.08·0.99 − 0.1
    expect(p[1]).toBeCloseTo(-2.1592, 7);
  });

  it('differs from Adam with L2 decay on the same inputs', () => {
    const w = new AdamW(2, { weightDecay: 0.1 });
    const a = new Adam(2, { weightDecay: 0.1 });
    const p = new Float64Array([1, -2]);
    const q = new Float64Array([1, -2]);
    w.step(p, new Float64Array([0.5, 0.5]), 0.1);
    a.step(q, new Float64Array([0.5, 0.5]), 0.1);
    // AdamW: [0.99, −1.98] − 0.1 ≈ [0.89, −2.08];  Adam+L2: g' = [0.6, 0.3] ⇒ ≈ [0.9, −2.1]
    expectClose(p, [0.89, -2.08], 7);
    expectClose(q, [0.9, -2.1], 7);
    // and the decay never reaches the moments: m = 0.1·g for AdamW, 0.1·(g + wd·p) for Adam
    expectClose(w.getState().buffers[0]!, [0.05, 0.05], 16);
    expectClose(a.getState().buffers[0]!, [0.06, 0.03], 16);
  });

  it('the decay is scaled by the lr passed to step (lr = 0 changes nothing)', () => {
    const opt = new AdamW(2, { weightDecay: 0.5 });
    const p = new Float64Array([1, -2]);
    opt.step(p, new Float64Array([0.3, 0.3]), 0);
    expect(Array.from(p)).toEqual([1, -2]);
  });

  it('with wd = 0 is Adam bit for bit (also with amsgrad)', () => {
    for (const amsgrad of [false, true]) {
      const rng = new Rng(9);
      const w = new AdamW(3, { amsgrad });
      const a = new Adam(3, { amsgrad });
      const p = new Float64Array([1, 2, 3]);
      const q = new Float64Array([1, 2, 3]);
      for (let k = 0; k < 20; k++) {
        const g = new Float64Array([rng.normal(), rng.normal(), rng.normal()]);
        w.step(p, new Float64Array(g), 0.01);
        a.step(q, g, 0.01);
      }
      expect(sameBits(p, q)).toBe(true);
    }
  });

  it('amsgrad uses the max of the raw v (as Adam does)', () => {
    const opt = new AdamW(1, { beta1: 0.5, beta2: 0.5, epsilon: 0, amsgrad: true, weightDecay: 0.5 });
    const p = new Float64Array([4]);
    opt.step(p, new Float64Array([2]), 1);
    // decay: 4·(1 − 0.5) = 2; Adam step 1 ⇒ 1
    expect(p[0]).toBeCloseTo(1, 15);
    opt.step(p, new Float64Array([0]), 1);
    // decay: 1·0.5 = 0.5; amsgrad step 1/√6 (see adam.test.ts)
    expect(p[0]).toBeCloseTo(0.5 - 1 / Math.sqrt(6), 14);
    expect(opt.getState().buffers[2]![0]).toBe(2);
  });

  it('rejects a negative weightDecay', () => {
    expect(() => new AdamW(2, { weightDecay: -0.1 })).toThrow(ValidationError);
  });
});

describeOptimizerContract('AdamW', {
  make: (n) => new AdamW(n, { weightDecay: 0 }),
  lr: (k) => 0.5 * 0.997 ** k,
  buffers: 2,
});
describeOptimizerContract('AdamW (weight decay)', {
  // With decay the minimum moves slightly toward 0; a tiny wd keeps it within the tolerance.
  make: (n) => new AdamW(n, { weightDecay: 1e-6, amsgrad: true }),
  lr: (k) => 0.5 * 0.997 ** k,
  buffers: 3,
});
