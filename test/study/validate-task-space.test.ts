import { describe, expect, it } from 'vitest';
import { validateTaskSpace } from '../../src/study/validate-task-space.js';

describe('validateTaskSpace', () => {
  it('checks both ends of a range against the hyperparameter rule', () => {
    expect(validateTaskSpace({ lr: { type: 'float', low: -1, high: 1 } }, 'space')).toEqual(['space.lr.low: lr must be a finite number > 0 (got -1)']);
    expect(validateTaskSpace({ beta1: { type: 'float', low: 0.8, high: 1 } }, 'space')).toEqual(['space.beta1.high: beta1 must be a number in [0, 1) (got 1)']);
    expect(validateTaskSpace({ warmup: { type: 'int', low: -2, high: 4 } }, 'space')).toEqual(['space.warmup.low: warmup must be an integer ≥ 0 (got -2)']);
    expect(validateTaskSpace({ lr: { type: 'float', low: 1e-4, high: 1, log: true }, beta2: { type: 'float', low: 0.9, high: 0.9999 } }, 'space')).toEqual([]);
  });

  it('checks every choice and every grid value', () => {
    expect(validateTaskSpace({ batchSize: { type: 'categorical', choices: [16, -8, 16.5, 'x'] } }, 'space')).toEqual([
      'space.batchSize.choices[1]: batchSize must be an integer ≥ 0 (got -8)',
      'space.batchSize.choices[2]: batchSize must be an integer ≥ 0 (got 16.5)',
      'space.batchSize.choices[3]: batchSize must be an integer ≥ 0 (got "x")',
    ]);
    expect(validateTaskSpace({ optimizer: { type: 'categorical', choices: ['adam', 'lion'] } }, 'space')[0]).toMatch(
      /^space\.optimizer\.choices\[1\]: optimizer must be one of .*adamw \(got "lion"\)$/,
    );
    expect(validateTaskSpace({ amsgrad: { type: 'categorical', choices: [true, 'no'] } }, 'space')).toEqual(['space.amsgrad.choices[1]: amsgrad must be true or false (got "no")']);
    expect(validateTaskSpace({ momentum: { type: 'float', low: 0, high: 1.5, values: [0.5, 1.5] } }, 'space')).toEqual([
      'space.momentum.high: momentum must be a number in [0, 1) (got 1.5)',
      'space.momentum.values[1]: momentum must be a number in [0, 1) (got 1.5)',
    ]);
  });

  it('asks for the kind of param the hyperparameter takes', () => {
    expect(validateTaskSpace({ batchSize: { type: 'float', low: 16, high: 256 } }, 'space')).toEqual([
      'space.batchSize must be an int or categorical param: batchSize takes integers, and a float range gives fractions',
    ]);
    expect(validateTaskSpace({ optimizer: { type: 'int', low: 0, high: 3 } }, 'space')[0]).toMatch(/^space\.optimizer must be a categorical param \(optimizer must be one of .*\), not an int range$/);
  });

  it("leaves other names and malformed declarations to the space's own validation", () => {
    expect(validateTaskSpace({ units: { type: 'float', low: -1, high: 1 }, lr: { type: 'float', low: 'a', high: 1 }, beta1: 3 }, 'space')).toEqual([]);
    // low 0 with log is the space's own problem ("must be > 0 when log is true"): not said twice.
    expect(validateTaskSpace({ lr: { type: 'float', low: 0, high: 1, log: true } }, 'space')).toEqual([]);
    expect(validateTaskSpace(undefined, 'space')).toEqual([]);
  });
});
