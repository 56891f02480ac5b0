import { describe, expect, it } from 'vitest';
import { logSigmoid, sigmoid } from '../../src/tasks/log-sigmoid.js';
import { logSumExp } from '../../src/tasks/log-sum-exp.js';

describe('logSigmoid / sigmoid', () => {
  it('matches the naive formula where that is safe, and stays finite where it is not', () => {
    for (const z of [-5, -0.5, 0, 0.5, 5]) {
      expect(logSigmoid(z)).toBeCloseTo(Math.log(1 / (1 + Math.exp(-z))), 12);
      expect(sigmoid(z)).toBeCloseTo(1 / (1 + Math.exp(-z)), 12);
    }
    expect(logSigmoid(-1000)).toBe(-1000);
    expect(logSigmoid(1000)).toBe(-0);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
  });
});

describe('logSumExp', () => {
  it('is shift-stable and propagates NaN', () => {
    expect(logSumExp(Float64Array.of(1000, 1000), 0, 2)).toBeCloseTo(1000 + Math.LN2, 10);
    expect(logSumExp(Float64Array.of(9, 1, 2, 3), 1, 3)).toBeCloseTo(Math.log(Math.E + Math.E ** 2 + Math.E ** 3), 12);
    expect(logSumExp(Float64Array.of(1, NaN), 0, 2)).toBeNaN();
    expect(logSumExp(Float64Array.of(1, Infinity), 0, 2)).toBe(Infinity);
  });
});
