import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import { StepValues } from '../../src/search/step-values.js';

const nan = Number.NaN;

/** What `values` holds, copied: [step, count, sorted numbers] by step. */
const contents = (values: StepValues, from?: number) => [...values.steps(from)].map((c) => [c.step, c.count, [...c.sorted]]);

describe('StepValues', () => {
  it('gathers the curves by step, ascending: how many values each step has (NaN included), and its numbers sorted', () => {
    const values = StepValues.of([
      new Map([[3, 0.2], [1, 0.9], [2, nan]]),
      new Map([[1, 0.7], [2, 0.4]]),
      new Map([[1, -Infinity], [5, Infinity]]),
    ]);
    expect(values.size).toBe(3);
    expect(contents(values)).toEqual([
      [1, 3, [-Infinity, 0.7, 0.9]],
      [2, 2, [0.4]],
      [3, 1, [0.2]],
      [5, 1, [Infinity]],
    ]);
    expect(contents(values, 2.5)).toEqual([
      [3, 1, [0.2]],
      [5, 1, [Infinity]],
    ]);
    expect(contents(values, 6)).toEqual([]);
  });

  it('orders equal numbers by key, 0 and −0 alike, as a stable sort of the values listed by key does', () => {
    const values = new StepValues();
    values.set(2, new Map([[1, 0]]));
    values.set(0, new Map([[1, -0]]));
    values.set(1, new Map([[1, 0]]));
    values.set(3, new Map([[1, -0]]));
    const sorted = [...values.steps()][0]!.sorted;
    expect(sorted.map((v) => Object.is(v, -0))).toEqual([true, false, false, true]);
    expect(sorted).toEqual([-0, 0, 0, -0].sort((a, b) => a - b));
  });

  it('lets a curve go, and replaces the one a key held; a step no curve has a value at is gone', () => {
    const values = StepValues.of([new Map([[1, 0.5], [2, 0.3]]), new Map([[1, 0.5], [3, nan]])]);
    expect(values.delete(1)).toBe(true);
    expect(values.delete(1)).toBe(false);
    expect(contents(values)).toEqual([
      [1, 1, [0.5]],
      [2, 1, [0.3]],
    ]);
    values.set(0, new Map([[2, 0.1]]));
    expect(contents(values)).toEqual([[2, 1, [0.1]]]);
    expect([...values.keys()]).toEqual([0]);
  });

  it('tells whether a key holds exactly a curve (NaN equal to NaN, −0 not equal to 0)', () => {
    const values = StepValues.of([new Map([[1, nan], [2, -0]])]);
    expect(values.holds(0, new Map([[1, nan], [2, -0]]))).toBe(true);
    expect(values.holds(0, new Map([[2, -0], [1, nan]]))).toBe(true);
    expect(values.holds(0, new Map([[1, nan], [2, 0]]))).toBe(false);
    expect(values.holds(0, new Map([[1, nan]]))).toBe(false);
    expect(values.holds(0, new Map([[1, nan], [2, -0], [3, 1]]))).toBe(false);
    expect(values.holds(1, new Map())).toBe(false);
  });

  it('holds the same, to the sign of a zero, whatever the order curves joined and left in', () => {
    const rng = new Rng(11);
    const pool = [0, -0, 0.5, 1, nan, Infinity, -Infinity];
    const curve = () => {
      const m = new Map<number, number>();
      for (let step = rng.int(3); step < 8; step += 1 + rng.int(2)) m.set(step, rng.next() < 0.7 ? pool[rng.int(pool.length)]! : rng.next());
      return m;
    };
    for (let round = 0; round < 20; round++) {
      const curves = Array.from({ length: 30 }, curve);
      const keys = curves.map((_, k) => k);
      // Every curve joins in a random order, some leave and join again, then some leave for good.
      const values = new StepValues();
      rng.shuffle(keys);
      for (const k of keys) values.set(k, curves[k]!);
      rng.shuffle(keys);
      for (const k of keys.slice(0, 10)) values.delete(k);
      for (const k of keys.slice(0, 10).reverse()) values.set(k, curves[k]!);
      for (const k of keys.slice(0, 5)) values.set(k, curve());
      const gone = new Set(keys.slice(20));
      for (const k of gone) values.delete(k);
      for (const k of keys.slice(0, 5)) values.set(k, curves[k]!);
      // The values of the curves that stayed, listed by key and sorted (a stable sort), step by step.
      const byStep = new Map<number, number[]>();
      curves.forEach((c, k) => {
        if (!gone.has(k)) for (const [step, v] of c) byStep.set(step, [...(byStep.get(step) ?? []), v]);
      });
      const expected = [...byStep].sort((a, b) => a[0] - b[0]).map(([step, vs]) => [step, vs.length, vs.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b)]);
      expect(values.size).toBe(20);
      // toEqual tells −0 from 0.
      expect(contents(values)).toEqual(expected);
    }
  });
});
