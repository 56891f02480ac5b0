import { describe, expect, it } from 'vitest';
import { validateOptions } from '../../src/optimizers/validate-options.js';
import { ValidationError } from '../../src/errors.js';

function issues(fn: () => void): readonly string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  return [];
}

describe('validateOptions', () => {
  it('accepts in-range values, including the boundaries 0', () => {
    expect(
      issues(() =>
        validateOptions('adam', 0, { momentum: 0, beta1: 0, beta2: 0.999, epsilon: 0, rho: 0.5, weightDecay: 0 }),
      ),
    ).toEqual([]);
  });

  it('rejects decay rates outside [0, 1)', () => {
    expect(issues(() => validateOptions('adam', 3, { beta1: 1, beta2: -0.1 }))).toEqual([
      'adam optimizer: beta1 = 1 is not in [0, 1)',
      'adam optimizer: beta2 = -0.1 is not in [0, 1)',
    ]);
    expect(issues(() => validateOptions('momentum', 3, { momentum: Number.NaN }))).toEqual([
      'momentum optimizer: momentum = NaN is not in [0, 1)',
    ]);
    expect(issues(() => validateOptions('rmsprop', 3, { rho: 1.5 }))).toEqual([
      'rmsprop optimizer: rho = 1.5 is not in [0, 1)',
    ]);
  });

  it('rejects negative or infinite epsilon and weightDecay', () => {
    expect(issues(() => validateOptions('adagrad', 3, { epsilon: -1e-8, weightDecay: Infinity }))).toEqual([
      'adagrad optimizer: epsilon = -1e-8 must be a finite number ≥ 0',
      'adagrad optimizer: weightDecay = Infinity must be a finite number ≥ 0',
    ]);
  });

  it('rejects a size that is not a non-negative integer', () => {
    expect(issues(() => validateOptions('sgd', -1, {}))).toEqual(['sgd optimizer: size = -1 must be an integer ≥ 0']);
    expect(issues(() => validateOptions('sgd', 2.5, {}))).toHaveLength(1);
  });

  it('rejects non-numbers (e.g. a string from a study file)', () => {
    expect(issues(() => validateOptions('adam', 1, { beta1: '0.9' as unknown as number }))).toEqual([
      'adam optimizer: beta1 = "0.9" must be a number',
    ]);
    expect(issues(() => validateOptions('adam', 1, { epsilon: null as unknown as number }))).toEqual([
      'adam optimizer: epsilon = null must be a number',
    ]);
  });

  it('rejects an amsgrad that is not a boolean', () => {
    expect(issues(() => validateOptions('adamw', 1, { amsgrad: 'false' as unknown as boolean }))).toEqual([
      'adamw optimizer: amsgrad = "false" must be true or false',
    ]);
    expect(issues(() => validateOptions('adamw', 1, { amsgrad: false }))).toEqual([]);
  });
});
