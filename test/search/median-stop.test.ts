import { describe, expect, it } from 'vitest';
import { medianStopRule, stopStep, stopWatch, type StopRule } from '../../src/search/median-stop.js';

/** A curve from values at steps 1, 2, … (undefined: no value at that step). */
const curve = (...values: (number | undefined)[]): Map<number, number> =>
  new Map(values.flatMap((v, i) => (v === undefined ? [] : [[i + 1, v] as [number, number]])));

const opts = { startupTrials: 3, warmupSteps: 0 };

describe('medianStopRule', () => {
  it('is the median of the complete curves at each step (odd and even counts)', () => {
    const curves = [curve(0.9, 0.5, 0.4), curve(0.7, 0.3, 0.2), curve(0.8, 0.6, 0.1), curve(0.5, 0.2, 0.3)];
    // Step 1: 0.5 0.7 0.8 0.9 → (0.7 + 0.8) / 2; step 2: 0.2 0.3 0.5 0.6 → 0.4; step 3: 0.1 0.2 0.3 0.4 → 0.25.
    expect(medianStopRule(curves, 'minimize', opts)).toEqual({
      direction: 'minimize',
      thresholds: [
        { step: 1, median: (0.7 + 0.8) / 2 },
        { step: 2, median: (0.3 + 0.5) / 2 },
        { step: 3, median: (0.2 + 0.3) / 2 },
      ],
    });
    expect(medianStopRule(curves.slice(0, 3), 'maximize', opts)).toEqual({
      direction: 'maximize',
      thresholds: [
        { step: 1, median: 0.8 },
        { step: 2, median: 0.5 },
        { step: 3, median: 0.2 },
      ],
    });
  });

  it('leaves out curves without a value at a step, and NaN values (nanpercentile)', () => {
    const curves = [curve(1, 2, 3), curve(4, undefined, 6), curve(7, Number.NaN), curve(10)];
    // Step 1: 1 4 7 10 → 5.5; step 2: only 2 (4 has none, 7's is NaN) → 2; step 3: 3 6 → 4.5.
    expect(medianStopRule(curves, 'minimize', opts)!.thresholds).toEqual([
      { step: 1, median: 5.5 },
      { step: 2, median: 2 },
      { step: 3, median: 4.5 },
    ]);
  });

  it('needs startupTrials complete curves (and at least one)', () => {
    const curves = [curve(1, 2), curve(3, 4)];
    expect(medianStopRule(curves, 'minimize', opts)).toBeUndefined();
    expect(medianStopRule(curves, 'minimize', { startupTrials: 2, warmupSteps: 0 })).toBeDefined();
    expect(medianStopRule([], 'minimize', { startupTrials: 0, warmupSteps: 0 })).toBeUndefined();
  });

  it('has no thresholds below warmupSteps (Optuna: step < n_warmup_steps is never pruned)', () => {
    const curves = [curve(1, 2, 3, 4), curve(2, 3, 4, 5), curve(3, 4, 5, 6)];
    expect(medianStopRule(curves, 'minimize', { startupTrials: 3, warmupSteps: 3 })!.thresholds).toEqual([
      { step: 3, median: 4 },
      { step: 4, median: 5 },
    ]);
    expect(medianStopRule(curves, 'minimize', { startupTrials: 3, warmupSteps: 5 })).toBeUndefined();
  });
});

describe('stopWatch and stopStep', () => {
  const rule: StopRule = { direction: 'minimize', thresholds: [{ step: 1, median: 0.8 }, { step: 2, median: 0.5 }, { step: 4, median: 0.2 }] };

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
    const max: StopRule = { direction: 'maximize', thresholds: [{ step: 1, median: 0.5 }, { step: 2, median: 0.7 }] };
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
});
