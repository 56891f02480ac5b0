import { describe, expect, it } from 'vitest';
import { categorical, float, int, ValidationError } from '../../src/index.js';

describe('float, int, categorical', () => {
  it('build the spec a study file would hold', () => {
    expect(float(1e-4, 1, { log: true })).toEqual({ type: 'float', low: 1e-4, high: 1, log: true });
    expect(int(1, 8, { step: 1 })).toEqual({ type: 'int', low: 1, high: 8, step: 1 });
    expect(categorical(['sgd', 'adam'])).toEqual({ type: 'categorical', choices: ['sgd', 'adam'] });
  });

  it('refuse a param that could never be sampled where it is written, naming the call', () => {
    expect(() => int(5, 1)).toThrow(new ValidationError(['int(5, 1): high must be >= low (got high 1, low 5)']));
    expect(() => float(0, 1, { log: true })).toThrow('float(0, 1): low must be > 0 when log is true (got 0)');
    expect(() => categorical([])).toThrow(ValidationError);
  });

  it('take low = high, a constant param, as Optuna takes suggest_int("x", 3, 3)', () => {
    expect(int(3, 3)).toEqual({ type: 'int', low: 3, high: 3 });
    expect(float(0.1, 0.1)).toEqual({ type: 'float', low: 0.1, high: 0.1 });
    expect(float(0.01, 0.01, { log: true })).toEqual({ type: 'float', low: 0.01, high: 0.01, log: true });
    expect(int(8, 8, { step: 4 })).toEqual({ type: 'int', low: 8, high: 8, step: 4 });
    expect(() => float(0, 0, { log: true })).toThrow('float(0, 0): low must be > 0 when log is true (got 0)');
  });
});
