import { describe, expect, it } from 'vitest';
import { stopStep, stopWatch, type StopRule } from '../../src/search/stop-rule.js';

/** A curve from values at steps 1, 2, … (undefined: no value at that step). */
const curve = (...values: (number | undefined)[]): Map<number, number> =>
  new Map(values.flatMap((v, i) => (v === undefined ? [] : [[i + 1, v] as [number, number]])));

describe('stopWatch and stopStep', () => {
  const rule: StopRule = { direction: 'minimize', thresholds: [{ step: 1, value: 0.8 }, { step: 2, value: 0.5 }, { step: 4, value: 0.2 }] };

  it('stops at the first step where the best value so far is worse than the median there', () => {
    // Step 1: 0.8 is not worse than 0.8 (strictly worse only); step 2: best 0.6 > 0.5 stops it.
    expect(stopStep(rule, curve(0.8, 0.6, 0.1))).toBe(2);
    // The best so far counts, not the last value: 0.4 at step 2 keeps it under 0.5 then; step 3 has no threshold;
    // at step 4 the best, 0.3, is above 0.2.
    expect(stopStep(rule, curve(0.7, 0.4, 0.9, 0.3))).toBe(4);
    expect(stopStep(rule, curve(0.7, 0.4, 0.9, 0.1))).toBeUndefined();
    expect(stopStep(undefined, curve(9, 9, 9))).toBeUndefined();
  });

  it('maximises: worse is lower', () => {
    const max: StopRule = { direction: 'maximize', thresholds: [{ step: 1, value: 0.5 }, { step: 2, value: 0.7 }] };
    expect(stopStep(max, curve(0.5, 0.8))).toBeUndefined();
    expect(stopStep(max, curve(0.6, 0.65))).toBe(2);
    expect(stopStep(max, curve(0.4))).toBe(1);
  });

  it('stays fired, and a curve of NaN stops at its first threshold (as Optuna)', () => {
    const w = stopWatch(rule);
    expect(w.report(1, 0.9)).toBe(true);
    expect(w.report(2, 0.1)).toBe(true);
    expect(w.fired).toBe(true);
    expect(stopStep(rule, curve(Number.NaN))).toBe(1);
    expect(stopStep(rule, new Map([[3, Number.NaN], [4, 0.1]]))).toBeUndefined();
  });

  it('with nanFrom, stops a trial whose values so far are all NaN at any step from there, threshold or not (Optuna checks that first)', () => {
    const nan = Number.NaN;
    const withNan: StopRule = { direction: 'minimize', thresholds: [{ step: 3, value: 0.5 }], nanFrom: 2 };
    expect(stopStep(withNan, curve(nan))).toBeUndefined();
    expect(stopStep(withNan, curve(nan, nan))).toBe(2);
    expect(stopStep(withNan, curve(nan, 0.9, nan))).toBe(3);
    expect(stopStep(withNan, curve(nan, 0.4, nan, nan))).toBeUndefined();
    // No threshold at all (too few values at every step for minTrials): only the NaN test is left.
    expect(stopStep({ direction: 'maximize', thresholds: [], nanFrom: 0 }, curve(nan))).toBe(1);
    expect(stopStep({ direction: 'maximize', thresholds: [], nanFrom: 0 }, curve(0.1, 0.1))).toBeUndefined();
    // Wrapped by patience, which never stops a curve with no number: nothing stops it.
    expect(stopStep({ direction: 'minimize', thresholds: [], nanFrom: 0, patience: { steps: 0, minDelta: 0 } }, curve(nan, nan, nan))).toBeUndefined();
  });
});

describe('patience (Optuna 3.1 PatientPruner without a wrapped pruner)', () => {
  const patience = (steps: number, minDelta = 0, direction: StopRule['direction'] = 'minimize'): StopRule => ({ direction, patience: { steps, minDelta } });

  // Each first step is what Optuna 3.1's PatientPruner(None, patience, min_delta) answered for the same reports.
  it.each([
    { steps: 1, minDelta: 0, values: [0.5, 0.4, 0.45, 0.41, 0.3], at: 4 },
    { steps: 2, minDelta: 0, values: [1.0, 0.9, 0.95, 0.96, 0.97, 0.5], at: 5 },
    { steps: 0, minDelta: 0, values: [1.0, 0.9, 0.95, 0.8], at: 3 },
    // minDelta is a tolerance: 0.86 … 0.88 are within 0.05 of the best before them.
    { steps: 2, minDelta: 0.05, values: [1.0, 0.9, 0.87, 0.86, 0.88, 0.7], at: undefined },
    // NaN is left out on both sides, and a side with no number never stops it.
    { steps: 1, minDelta: 0, values: [Number.NaN, 0.5, Number.NaN, Number.NaN, 0.6], at: 5 },
    { steps: 1, minDelta: 0, values: [0.5, Number.NaN, 0.6, 0.7], at: 3 },
  ])('patience $steps, minDelta $minDelta: $values stops at $at', ({ steps, minDelta, values, at }) => {
    expect(stopStep(patience(steps, minDelta), curve(...values))).toBe(at);
  });

  it('maximises: worse is lower (Optuna: step 4)', () => {
    expect(stopStep(patience(1, 0, 'maximize'), curve(0.1, 0.5, 0.4, 0.45, 0.6))).toBe(4);
  });

  it('a value equal to the best before is not worse: a flat curve is never stopped at minDelta 0', () => {
    expect(stopStep(patience(1), curve(1, 1, 1, 1, 1, 1))).toBeUndefined();
    expect(stopStep(patience(1), curve(1, 1, 1, 1.0001, 1.0001))).toBe(5);
  });

  it('with thresholds too (a PatientPruner wrapping the median pruner), stops only where both say so', () => {
    const both = (...thresholds: [number, number][]): StopRule => ({
      direction: 'minimize',
      thresholds: thresholds.map(([step, value]) => ({ step, value })),
      patience: { steps: 1, minDelta: 0 },
    });
    // Patience says stop from step 4 (0.45, 0.5 after a best of 0.4); the threshold at 4 agrees (0.4 > 0.3).
    expect(stopStep(both([3, 0.2], [4, 0.3], [5, 0.2]), curve(0.5, 0.4, 0.45, 0.5, 0.6))).toBe(4);
    // The threshold at 3 says stop (0.3 > 0.2) but patience does not (0.3 improved); at 4 the threshold does not
    // (0.3 < 0.5); at 5 both do (0.35, 0.32 after a best of 0.3; 0.3 > 0.2).
    expect(stopStep(both([3, 0.2], [4, 0.5], [5, 0.2]), curve(0.5, 0.4, 0.3, 0.35, 0.32))).toBe(5);
    // Patience says stop at 4 and 5, but the best so far, 0.3, is under step 4's threshold, and step 5 has none.
    expect(stopStep(both([4, 0.5]), curve(0.5, 0.3, 0.4, 0.4, 0.4))).toBeUndefined();
  });

  it('a rule with neither test never stops a trial', () => {
    expect(stopStep({ direction: 'minimize' }, curve(9, Number.NaN, 9))).toBeUndefined();
  });
});
