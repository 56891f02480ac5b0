import { describe, expect, it } from 'vitest';
import { Rmsprop } from '../../src/optimizers/rmsprop.js';
import { Rng } from '../../src/rng.js';
import { ValidationError } from '../../src/errors.js';
import { describeOptimizerContract } from './optimizer-contract.js';

function expectClose(actual: Float64Array, expected: number[], digits = 14): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, digits);
}

describe('Rmsprop', () => {
  it('is named rmsprop with one buffer (s)', () => {
    const opt = new Rmsprop(2);
    expect(opt.name).toBe('rmsprop');
    expect(opt.getState().buffers).toHaveLength(1);
  });

  it('s ← ρs + (1−ρ)g²; p ← p − lr·g/(√s + ε), by hand for two steps (ρ = 0.9, ε = 0)', () => {
    const opt = new Rmsprop(2, { rho: 0.9, epsilon: 0 });
    const p = new Float64Array(2);
    opt.step(p, new Float64Array([2, -1]), 0.1);
    // s1 = 0.1·[4, 1] = [0.4, 0.1];  2/√0.4 = 1/√0.1 = √10  ⇒  p1 = [−0.1·√10, 0.1·√10]
    expectClose(opt.getState().buffers[0]!, [0.4, 0.1]);
    expectClose(p, [-0.1 * Math.sqrt(10), 0.1 * Math.sqrt(10)]);
    expect(p[0]).toBeCloseTo(-0.316227766016838, 14);
    opt.step(p, new Float64Array([1, 1]), 0.1);
    // s2 = 0.9·[0.4, 0.1] + 0.1·[1, 1] = [0.46, 0.19];  p2 = p1 − 0.1·[1/√0.46, 1/√0.19]
    expectClose(opt.getState().buffers[0]!, [0.46, 0.19]);
    expectClose(p, [-0.46366972217173513, 0.0868120321462762]);
  });

  it('L2 decay enters s', () => {
    const opt = new Rmsprop(1, { rho: 0.75, epsilon: 0, weightDecay: 1 });
    const p = new Float64Array([1]);
    opt.step(p, new Float64Array([1]), 0.1);
    // g' = 1 + 1·1 = 2;  s = 0.25·4 = 1;  p = 1 − 0.1·2/1
    expect(opt.getState().buffers[0]![0]).toBe(1);
    expect(p[0]).toBeCloseTo(0.8, 15);
  });

  it('matches a naive scalar reference over 50 random steps', () => {
    const rng = new Rng(5);
    const opt = new Rmsprop(3, { rho: 0.95, epsilon: 1e-6 });
    const p = new Float64Array(3);
    const ref = [0, 0, 0];
    const sq = [0, 0, 0];
    for (let k = 0; k < 50; k++) {
      const g = [rng.normal(), rng.normal(), rng.normal()];
      for (let i = 0; i < 3; i++) {
        sq[i] = 0.95 * sq[i]! + 0.05 * g[i]! * g[i]!;
        ref[i] = ref[i]! - (0.01 * g[i]!) / (Math.sqrt(sq[i]!) + 1e-6);
      }
      opt.step(p, new Float64Array(g), 0.01);
    }
    expectClose(p, ref, 13);
  });

  it('rejects ρ outside [0, 1)', () => {
    expect(() => new Rmsprop(1, { rho: 1 })).toThrow(ValidationError);
  });
});

describeOptimizerContract('Rmsprop', {
  make: (n) => new Rmsprop(n),
  lr: (k) => 0.1 * 0.995 ** k,
  buffers: 1,
});
