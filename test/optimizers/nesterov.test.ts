import { describe, expect, it } from 'vitest';
import { Nesterov } from '../../src/optimizers/nesterov.js';
import { Rng } from '../../src/rng.js';
import { ValidationError } from '../../src/errors.js';
import { describeOptimizerContract } from './optimizer-contract.js';

function expectClose(actual: Float64Array, expected: number[], digits = 14): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, digits);
}

describe('Nesterov (PyTorch convention)', () => {
  it('is named nesterov with one buffer (v)', () => {
    const opt = new Nesterov(3);
    expect(opt.name).toBe('nesterov');
    expect(opt.getState().buffers).toHaveLength(1);
  });

  it('v ← μv + g; p ← p − lr·(g + μv), by hand for three steps (μ = 0.9, lr = 0.1)', () => {
    const opt = new Nesterov(3, { momentum: 0.9 });
    const p = new Float64Array(3);
    opt.step(p, new Float64Array([1, -2, 0.5]), 0.1);
    // v1 = [1, −2, 0.5];  p1 = −0.1·(g1 + 0.9·v1) = −0.19·[1, −2, 0.5]
    expectClose(p, [-0.19, 0.38, -0.095]);
    opt.step(p, new Float64Array([0.5, 1, 0]), 0.1);
    // v2 = [1.4, −0.8, 0.45];  g2 + 0.9·v2 = [1.76, 0.28, 0.405];  p2 = p1 − 0.1·that
    expectClose(opt.getState().buffers[0]!, [1.4, -0.8, 0.45]);
    expectClose(p, [-0.366, 0.352, -0.1355]);
    opt.step(p, new Float64Array([-1, 0, 2]), 0.1);
    // v3 = [0.26, −0.72, 2.405];  g3 + 0.9·v3 = [−0.766, −0.648, 4.1645];  p3 = p2 − 0.1·that
    expectClose(p, [-0.2894, 0.4168, -0.55195]);
  });

  it('L2 decay is added to g before both v and the look-ahead', () => {
    const opt = new Nesterov(1, { momentum: 0.5, weightDecay: 0.1 });
    const p = new Float64Array([2]);
    opt.step(p, new Float64Array([1]), 0.1);
    // g' = 1.2; v = 1.2; p = 2 − 0.1·(1.2 + 0.5·1.2) = 2 − 0.18
    expect(p[0]).toBeCloseTo(1.82, 15);
  });

  it('matches a naive scalar reference over 50 random steps', () => {
    const n = 4;
    const rng = new Rng(11);
    const opt = new Nesterov(n, { momentum: 0.7 });
    const p = new Float64Array(n);
    const ref = [0, 0, 0, 0];
    const buf = [0, 0, 0, 0];
    for (let k = 0; k < 50; k++) {
      const g = new Float64Array(n);
      for (let i = 0; i < n; i++) g[i] = rng.normal();
      const lr = 0.03;
      for (let i = 0; i < n; i++) {
        // Written the "look-ahead gradient" way: d = g + μ·(μ·buf_old + g)
        const d = g[i]! + 0.7 * (0.7 * buf[i]! + g[i]!);
        buf[i] = 0.7 * buf[i]! + g[i]!;
        ref[i] = ref[i]! - lr * d;
      }
      opt.step(p, g, lr);
    }
    expectClose(p, ref, 13);
  });

  it('rejects a negative μ', () => {
    expect(() => new Nesterov(2, { momentum: -0.1 })).toThrow(ValidationError);
  });
});

describeOptimizerContract('Nesterov', { make: (n) => new Nesterov(n), lr: () => 0.02, buffers: 1 });
