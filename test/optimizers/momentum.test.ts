import { describe, expect, it } from 'vitest';
import { Momentum } from '../../src/optimizers/momentum.js';
import { Nesterov } from '../../src/optimizers/nesterov.js';
import { Rng } from '../../src/rng.js';
import { ValidationError } from '../../src/errors.js';
import { describeOptimizerContract } from './optimizer-contract.js';

function expectClose(actual: Float64Array, expected: number[], digits = 14): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, digits);
}

const G = [
  [1, -2, 0.5],
  [0.5, 1, 0],
  [-1, 0, 2],
];

describe('Momentum (heavy ball, PyTorch convention)', () => {
  it('is named momentum with one buffer (v)', () => {
    const opt = new Momentum(3);
    expect(opt.name).toBe('momentum');
    expect(opt.getState().buffers).toHaveLength(1);
  });

  it('v ← μv + g; p ← p − lr·v, by hand for three steps (μ = 0.9, lr = 0.1)', () => {
    const opt = new Momentum(3, { momentum: 0.9 });
    const p = new Float64Array(3);
    opt.step(p, new Float64Array(G[0]!), 0.1);
    // v1 = g1 = [1, −2, 0.5];  p1 = −0.1·v1
    expectClose(p, [-0.1, 0.2, -0.05]);
    expectClose(opt.getState().buffers[0]!, [1, -2, 0.5]);
    opt.step(p, new Float64Array(G[1]!), 0.1);
    // v2 = 0.9·[1, −2, 0.5] + [0.5, 1, 0] = [1.4, −0.8, 0.45];  p2 = p1 − 0.1·v2
    expectClose(opt.getState().buffers[0]!, [1.4, -0.8, 0.45]);
    expectClose(p, [-0.24, 0.28, -0.095]);
    opt.step(p, new Float64Array(G[2]!), 0.1);
    // v3 = 0.9·[1.4, −0.8, 0.45] + [−1, 0, 2] = [0.26, −0.72, 2.405];  p3 = p2 − 0.1·v3
    expectClose(p, [-0.266, 0.352, -0.3355]);
  });

  it('differs from Nesterov on the same inputs', () => {
    const a = new Momentum(3, { momentum: 0.9 });
    const b = new Nesterov(3, { momentum: 0.9 });
    const p = new Float64Array(3);
    const q = new Float64Array(3);
    for (const g of G) {
      a.step(p, new Float64Array(g), 0.1);
      b.step(q, new Float64Array(g), 0.1);
    }
    expect(Math.abs(p[0]! - q[0]!)).toBeGreaterThan(0.01);
  });

  it('μ = 0 is plain SGD', () => {
    const opt = new Momentum(2, { momentum: 0 });
    const p = new Float64Array([1, 1]);
    opt.step(p, new Float64Array([1, 2]), 0.5);
    opt.step(p, new Float64Array([1, 2]), 0.5);
    expect(Array.from(p)).toEqual([0, -1]);
  });

  it('L2 decay enters v: g ← g + wd·p', () => {
    const opt = new Momentum(1, { momentum: 0.5, weightDecay: 0.1 });
    const p = new Float64Array([2]);
    opt.step(p, new Float64Array([1]), 0.1);
    // g' = 1 + 0.1·2 = 1.2; v = 1.2; p = 2 − 0.12
    expect(p[0]).toBeCloseTo(1.88, 15);
    opt.step(p, new Float64Array([1]), 0.1);
    // g' = 1 + 0.188 = 1.188; v = 0.5·1.2 + 1.188 = 1.788; p = 1.88 − 0.1788
    expect(p[0]).toBeCloseTo(1.7012, 14);
  });

  it('matches a naive scalar reference over 50 random steps with changing lr', () => {
    const n = 5;
    const rng = new Rng(7);
    const opt = new Momentum(n, { momentum: 0.8, weightDecay: 0.01 });
    const p = new Float64Array(n);
    const ref: number[] = [];
    const vel: number[] = [];
    for (let i = 0; i < n; i++) {
      p[i] = rng.normal();
      ref.push(p[i]!);
      vel.push(0);
    }
    for (let k = 0; k < 50; k++) {
      const g = new Float64Array(n);
      for (let i = 0; i < n; i++) g[i] = rng.normal();
      const lr = 0.05 / (1 + k);
      ref.forEach((x, i) => {
        const gi = g[i]! + 0.01 * x;
        vel[i] = 0.8 * vel[i]! + gi;
        ref[i] = x - lr * vel[i]!;
      });
      opt.step(p, g, lr);
    }
    expectClose(p, ref, 13);
  });

  it('rejects μ ≥ 1', () => {
    expect(() => new Momentum(2, { momentum: 1 })).toThrow(ValidationError);
  });
});

describeOptimizerContract('Momentum', { make: (n) => new Momentum(n), lr: () => 0.02, buffers: 1 });
