import { describe, expect, it } from 'vitest';
import { Adagrad } from '../../src/optimizers/adagrad.js';
import { Rng } from '../../src/rng.js';
import { ValidationError } from '../../src/errors.js';
import { describeOptimizerContract } from './optimizer-contract.js';

function expectClose(actual: Float64Array, expected: number[], digits = 14): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, digits);
}

describe('Adagrad', () => {
  it('is named adagrad with one buffer (G)', () => {
    const opt = new Adagrad(2);
    expect(opt.name).toBe('adagrad');
    expect(opt.getState().buffers).toHaveLength(1);
  });

  it('G ← G + g²; p ← p − lr·g/(√G + ε), by hand for two steps (ε = 0)', () => {
    const opt = new Adagrad(2, { epsilon: 0 });
    const p = new Float64Array([1, 2]);
    opt.step(p, new Float64Array([3, -4]), 0.5);
    // G = [9, 16];  p = [1 − 0.5·3/3, 2 + 0.5·4/4]
    expectClose(opt.getState().buffers[0]!, [9, 16]);
    expectClose(p, [0.5, 2.5]);
    opt.step(p, new Float64Array([4, 3]), 0.5);
    // G = [25, 25];  p = [0.5 − 0.5·4/5, 2.5 − 0.5·3/5]
    expectClose(opt.getState().buffers[0]!, [25, 25]);
    expectClose(p, [0.1, 2.2]);
  });

  it('ε sits outside the square root', () => {
    const opt = new Adagrad(1, { epsilon: 1 });
    const p = new Float64Array([0]);
    opt.step(p, new Float64Array([3]), 1);
    // 3 / (√9 + 1) = 0.75 (ε inside the root would give 3/√10)
    expect(p[0]).toBeCloseTo(-0.75, 15);
  });

  it('L2 decay enters G too', () => {
    const opt = new Adagrad(1, { epsilon: 0, weightDecay: 0.5 });
    const p = new Float64Array([2]);
    opt.step(p, new Float64Array([2]), 0.1);
    // g' = 2 + 0.5·2 = 3;  G = 9;  p = 2 − 0.1·3/3
    expect(opt.getState().buffers[0]![0]).toBe(9);
    expect(p[0]).toBeCloseTo(1.9, 15);
  });

  it('matches a naive scalar reference over 50 random steps', () => {
    const rng = new Rng(3);
    const opt = new Adagrad(3, { epsilon: 1e-8 });
    const p = new Float64Array(3);
    const ref = [0, 0, 0];
    const acc = [0, 0, 0];
    for (let k = 0; k < 50; k++) {
      const g = [rng.normal(), rng.normal(), rng.normal()];
      for (let i = 0; i < 3; i++) {
        acc[i] = acc[i]! + g[i]! ** 2;
        ref[i] = ref[i]! - (0.1 * g[i]!) / (Math.sqrt(acc[i]!) + 1e-8);
      }
      opt.step(p, new Float64Array(g), 0.1);
    }
    expectClose(p, ref, 13);
  });

  it('rejects a negative ε', () => {
    expect(() => new Adagrad(1, { epsilon: -1 })).toThrow(ValidationError);
  });
});

describeOptimizerContract('Adagrad', { make: (n) => new Adagrad(n), lr: () => 1, buffers: 1 });
