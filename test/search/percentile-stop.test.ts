import { describe, expect, it } from 'vitest';
import { percentile, percentileThresholds, type PercentileStopOptions } from '../../src/search/percentile-stop.js';
import type { Direction } from '../../src/search/strategy.js';

/** A curve from values at steps 1, 2, … (undefined: no value at that step). */
const curve = (...values: (number | undefined)[]): Map<number, number> =>
  new Map(values.flatMap((v, i) => (v === undefined ? [] : [[i + 1, v] as [number, number]])));

const thresholds = (curves: Map<number, number>[], direction: Direction, options: Partial<PercentileStopOptions> = {}) =>
  percentileThresholds(curves, direction, { percentile: 50, startupTrials: 3, warmupSteps: 0, minTrials: 1, ...options });

describe('percentile', () => {
  // Each expected value is numpy 2.4's np.nanpercentile of the same list, printed with repr: the very number Optuna compares with.
  it.each([
    { values: [0.9, 0.7, 0.8, 0.5], p: 50, numpy: 0.75 },
    { values: [0.9, 0.7, 0.8, 0.5], p: 25, numpy: 0.6499999999999999 },
    { values: [0.9, 0.7, 0.8, 0.5], p: 75, numpy: 0.8250000000000001 },
    { values: [0.1, 0.2, 0.3], p: 10, numpy: 0.12000000000000001 },
    { values: [3.3, 1.1, 2.2, 5.5, 4.4], p: 33.3, numpy: 2.5652 },
    { values: [1, 2, 3, 4, 5, 6, 7], p: 90, numpy: 6.4 },
    { values: [0.31, 0.17, 0.29, 0.11, 0.53, 0.47], p: 37, numpy: 0.272 },
  ])('of $values at $p is numpy\'s $numpy, to the last bit', ({ values, p, numpy }) => {
    expect(percentile(values, p)).toBe(numpy);
  });

  it('is the least at 0 and the greatest at 100, the value itself for one value', () => {
    expect(percentile([3, 1, 2], 0)).toBe(1);
    expect(percentile([3, 1, 2], 100)).toBe(3);
    expect(percentile([0.4], 37)).toBe(0.4);
  });
});

describe('percentileThresholds at the 50th percentile (the median pruner)', () => {
  it('is the median of the complete curves at each step (odd and even counts)', () => {
    const curves = [curve(0.9, 0.5, 0.4), curve(0.7, 0.3, 0.2), curve(0.8, 0.6, 0.1), curve(0.5, 0.2, 0.3)];
    // Step 1: 0.5 0.7 0.8 0.9 → (0.7 + 0.8) / 2; step 2: 0.2 0.3 0.5 0.6 → 0.4; step 3: 0.1 0.2 0.3 0.4 → 0.25.
    const min = thresholds(curves, 'minimize')!;
    expect(min.map((t) => t.step)).toEqual([1, 2, 3]);
    [0.75, 0.4, 0.25].forEach((m, i) => expect(min[i]!.value).toBeCloseTo(m, 15));
    expect(thresholds(curves.slice(0, 3), 'maximize')).toEqual([
      { step: 1, value: 0.8 },
      { step: 2, value: 0.5 },
      { step: 3, value: 0.2 },
    ]);
  });

  it('leaves out curves without a value at a step, and NaN values (nanpercentile)', () => {
    const curves = [curve(1, 2, 3), curve(4, undefined, 6), curve(7, Number.NaN), curve(10)];
    // Step 1: 1 4 7 10 → 5.5; step 2: only 2 (4 has none, 7's is NaN) → 2; step 3: 3 6 → 4.5.
    expect(thresholds(curves, 'minimize')).toEqual([
      { step: 1, value: 5.5 },
      { step: 2, value: 2 },
      { step: 3, value: 4.5 },
    ]);
  });

  it('needs startupTrials complete curves (and at least one)', () => {
    const curves = [curve(1, 2), curve(3, 4)];
    expect(thresholds(curves, 'minimize')).toBeUndefined();
    expect(thresholds(curves, 'minimize', { startupTrials: 2 })).toBeDefined();
    expect(thresholds([], 'minimize', { startupTrials: 0 })).toBeUndefined();
  });

  it('has no thresholds below warmupSteps (Optuna: step < n_warmup_steps is never pruned)', () => {
    const curves = [curve(1, 2, 3, 4), curve(2, 3, 4, 5), curve(3, 4, 5, 6)];
    expect(thresholds(curves, 'minimize', { warmupSteps: 3 })).toEqual([
      { step: 3, value: 4 },
      { step: 4, value: 5 },
    ]);
    // Past every step: no threshold, but the pruner is on (a trial whose values are all NaN still stops: stop-rule.ts, nanFrom).
    expect(thresholds(curves, 'minimize', { warmupSteps: 5 })).toEqual([]);
  });

  it('has none at a step with fewer than minTrials values (Optuna: n_min_trials)', () => {
    const curves = [curve(1, 2, 3), curve(2, 3), curve(3)];
    expect(thresholds(curves, 'minimize', { minTrials: 2 })).toEqual([
      { step: 1, value: 2 },
      { step: 2, value: 2.5 },
    ]);
    expect(thresholds(curves, 'minimize', { minTrials: 4 })).toEqual([]);
  });

  it('counts a NaN value toward minTrials, as Optuna counts the values reported there (its percentile leaves NaN out)', () => {
    // Step 2: three values reported, one NaN: n_min_trials 3 is met, and nanpercentile([NaN, 0.25, 0.5], 50) = 0.375
    // (Optuna 3.1's MedianPruner(n_startup_trials=3, n_min_trials=3) prunes a trial reporting 2, 1 there, keeps 2, 0.3).
    expect(thresholds([curve(1, Number.NaN), curve(2, 0.25), curve(3, 0.5)], 'minimize', { minTrials: 3 })).toEqual([
      { step: 1, value: 2 },
      { step: 2, value: 0.375 },
    ]);
    // A step whose values are all NaN has none: Optuna's percentile there is NaN, which stops nothing.
    expect(thresholds([curve(Number.NaN, 1), curve(Number.NaN, 2), curve(Number.NaN, 3)], 'minimize', { minTrials: 3 })).toEqual([{ step: 2, value: 2 }]);
  });

  it('counts a NaN value toward minTrials, as Optuna does (len of the values at the step), but not in the percentile', () => {
    // Step 1: 1, 3 and a NaN: three values, the median of the numbers 2; step 2: NaN alone, no number, no threshold.
    const curves = [curve(1, Number.NaN), curve(3), curve(Number.NaN)];
    expect(thresholds(curves, 'minimize', { minTrials: 3 })).toEqual([{ step: 1, value: 2 }]);
    // On (startupTrials met) but with no step to compare at: no threshold, [] (only a trial of NaN stops, StopRule.nanFrom).
    expect(thresholds(curves, 'minimize', { minTrials: 4 })).toEqual([]);
    expect(thresholds([curve(Number.NaN), curve(Number.NaN), curve(Number.NaN)], 'minimize')).toEqual([]);
  });
});

describe('percentileThresholds at other percentiles (the percentile pruner)', () => {
  const curves = [curve(0.9), curve(0.7), curve(0.8), curve(0.5)];

  it('takes the p-th percentile when minimizing: 25 keeps the best quarter', () => {
    expect(thresholds(curves, 'minimize', { percentile: 25 })).toEqual([{ step: 1, value: percentile([0.9, 0.7, 0.8, 0.5], 25) }]);
  });

  it('takes the (100 − p)-th when maximizing, so 25 keeps the best (highest) quarter there too', () => {
    expect(thresholds(curves, 'maximize', { percentile: 25 })).toEqual([{ step: 1, value: percentile([0.9, 0.7, 0.8, 0.5], 75) }]);
  });
});
