import { describe, expect, it } from 'vitest';
import type { FloatParam, IntParam } from '../../src/search/space.js';
import { fromUnit, toUnit } from '../../src/search/unit-transform.js';

describe('toUnit and fromUnit (Optuna\'s _SearchSpaceTransform with transform_0_1)', () => {
  it('maps a float range linearly, and a log one on its log scale', () => {
    const lin: FloatParam = { type: 'float', low: -2, high: 6 };
    expect(toUnit(lin, -2)).toBe(0);
    expect(toUnit(lin, 2)).toBe(0.5);
    expect(fromUnit(lin, 0.25)).toBe(0);
    const log: FloatParam = { type: 'float', low: 1e-4, high: 1, log: true };
    expect(toUnit(log, 1e-2)).toBeCloseTo(0.5, 12);
    expect(fromUnit(log, 0.75)).toBeCloseTo(0.1, 12);
  });

  it('gives every value of an int range an equal share of [0, 1], the ends included', () => {
    const n: IntParam = { type: 'int', low: 1, high: 4 };
    expect(toUnit(n, 1)).toBe(0.125);
    expect(toUnit(n, 4)).toBe(0.875);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[fromUnit(n, (i + 0.5) / 4000) - 1]!++;
    expect(counts).toEqual([1000, 1000, 1000, 1000]);
  });

  it('gives every lattice value an equal share when high is not on the lattice (it ends at the last value, as Optuna moves high there)', () => {
    // 0, 3, 6, 9 (high 10 is not a value): 9 had [7.5, 11.5], 4 of 13 units, against 3 for each other value.
    const n: IntParam = { type: 'int', low: 0, high: 10, step: 3 };
    const f: FloatParam = { type: 'float', low: 0, high: 1, step: 0.3 };
    for (const [spec, values] of [[n, [0, 3, 6, 9]], [f, [0, 0.3, 0.6, 0.9]]] as const) {
      const counts = new Map<number, number>();
      for (let i = 0; i < 4000; i++) {
        const v = fromUnit(spec, (i + 0.5) / 4000);
        counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      expect([...counts.keys()].sort((a, b) => a - b)).toEqual(values);
      for (const c of counts.values()) expect(c).toBe(1000);
      expect(toUnit(spec, values[3]!)).toBeCloseTo(0.875, 12);
    }
  });

  it('rounds back to the lattice of a step and of a log int, inside [low, high]', () => {
    const step: FloatParam = { type: 'float', low: 0, high: 1, step: 0.25 };
    expect(fromUnit(step, 0.41)).toBe(0.5);
    expect(fromUnit(step, 1)).toBe(1);
    const even: IntParam = { type: 'int', low: 2, high: 10, step: 2 };
    expect([0, 0.3, 0.99, 1.5, -1].map((u) => fromUnit(even, u))).toEqual([2, 4, 10, 10, 2]);
    const logInt: IntParam = { type: 'int', low: 1, high: 100, log: true };
    expect(fromUnit(logInt, toUnit(logInt, 10))).toBe(10);
    expect(fromUnit(logInt, 1)).toBe(100);
  });

  it('is the inverse of toUnit on values of the range', () => {
    const specs: (FloatParam | IntParam)[] = [
      { type: 'float', low: 0.001, high: 10, log: true },
      { type: 'int', low: 8, high: 256, log: true },
      { type: 'int', low: -3, high: 3 },
      { type: 'float', low: 0.1, high: 0.9, step: 0.1 },
    ];
    for (const spec of specs) for (const v of [spec.low, spec.high]) expect(fromUnit(spec, toUnit(spec, v))).toBeCloseTo(v, 12);
  });
});

describe('fromUnit at the ends of a log range', () => {
  it('gives low and high exactly (exp(log(low)) is not low)', () => {
    const spec = { type: 'float' as const, low: 1e-6, high: 0.01, log: true };
    expect(Math.exp(Math.log(1e-6))).not.toBe(1e-6);
    expect(fromUnit(spec, 0)).toBe(1e-6);
    expect(fromUnit(spec, -0.2)).toBe(1e-6);
    expect(fromUnit(spec, 1)).toBe(0.01);
    expect(fromUnit(spec, 1.5)).toBe(0.01);
  });
});
