import { describe, expect, it } from 'vitest';
import { Sgd } from '../../src/optimizers/sgd.js';
import { ValidationError } from '../../src/errors.js';
import { describeOptimizerContract } from './optimizer-contract.js';

function expectClose(actual: Float64Array, expected: number[], digits = 14): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, digits);
}

describe('Sgd', () => {
  it('is named sgd and has no buffers', () => {
    const opt = new Sgd(3);
    expect(opt.name).toBe('sgd');
    expect(opt.getState()).toEqual({ t: 0, buffers: [] });
  });

  it('p ← p − lr·g, by hand for two steps', () => {
    const opt = new Sgd(3);
    const p = new Float64Array([1, -2, 0.5]);
    opt.step(p, new Float64Array([0.5, 1, -2]), 0.1);
    // [1 − 0.1·0.5, −2 − 0.1·1, 0.5 − 0.1·(−2)]
    expectClose(p, [0.95, -2.1, 0.7]);
    opt.step(p, new Float64Array([1, 0, 1]), 0.1);
    // [0.95 − 0.1, −2.1 − 0, 0.7 − 0.1]
    expectClose(p, [0.85, -2.1, 0.6]);
    expect(opt.getState().t).toBe(2);
  });

  it('uses the lr passed to each step', () => {
    const opt = new Sgd(1);
    const p = new Float64Array([0]);
    opt.step(p, new Float64Array([1]), 0.5);
    opt.step(p, new Float64Array([1]), 0.25);
    expect(p[0]).toBe(-0.75);
  });

  it('weightDecay is L2: g ← g + wd·p before the step', () => {
    const opt = new Sgd(3, { weightDecay: 0.1 });
    const p = new Float64Array([1, -2, 0.5]);
    opt.step(p, new Float64Array([0.5, 1, -2]), 0.1);
    // g' = [0.5 + 0.1·1, 1 + 0.1·(−2), −2 + 0.1·0.5] = [0.6, 0.8, −1.95]
    // p  = [1 − 0.06, −2 − 0.08, 0.5 + 0.195]
    expectClose(p, [0.94, -2.08, 0.695]);
  });

  it('with a zero gradient, L2 decay alone shrinks p geometrically: p·(1 − lr·wd)ᵏ', () => {
    const opt = new Sgd(2, { weightDecay: 0.5 });
    const p = new Float64Array([2, -4]);
    for (let k = 0; k < 3; k++) opt.step(p, new Float64Array(2), 0.2);
    // (1 − 0.2·0.5)³ = 0.9³ = 0.729
    expectClose(p, [2 * 0.729, -4 * 0.729]);
  });

  it('rejects a negative weightDecay', () => {
    expect(() => new Sgd(2, { weightDecay: -1 })).toThrow(ValidationError);
  });
});

describeOptimizerContract('Sgd', { make: (n) => new Sgd(n), lr: () => 0.1, buffers: 0 });
