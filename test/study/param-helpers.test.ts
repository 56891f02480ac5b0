import { describe, expect, it } from 'vitest';
import { categorical, float, int, ValidationError } from '../../src/index.js';

describe('float, int, categorical', () => {
  it('build the spec a study file would hold', () => {
    expect(float(1e-4, 1, { log: true })).toEqual({ type: 'float', low: 1e-4, high: 1, log: true });
    expect(int(1, 8, { step: 1 })).toEqual({ type: 'int', low: 1, high: 8, step: 1 });
    expect(categorical(['sgd', 'adam'])).toEqual({ type: 'categorical', choices: ['sgd', 'adam'] });
  });

  it('refuse a param that could never be sampled where it is written, naming the call', () => {
    expect(() => int(5, 1)).toThrow(new ValidationError(['int(5, 1): high must be > low (got high 1, low 5)']));
    expect(() => float(0, 1, { log: true })).toThrow('float(0, 1): low must be > 0 when log is true (got 0)');
    expect(() => categorical([])).toThrow(ValidationError);
  });
});
