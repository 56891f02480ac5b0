/**
 * How a job stops itself early: the rule a pruner fixes before a trial starts
 * (Strategy.stopRule), carried by every job of the trial and played by the
 * worker (stopWatch) as the trial reports its values, step by step.
 *
 * Two tests, either or both:
 *  - thresholds (Optuna's MedianPruner and PercentilePruner): at a step that
 *    has one, the trial's best value so far must not be worse; a trial whose
 *    every value is NaN is worse than any threshold, and from step `nanFrom`
 *    on it stops with no threshold too (Optuna looks at that before it looks
 *    for a threshold);
 *  - patience (Optuna's PatientPruner): once the trial has more than
 *    patience + 1 values, the best of its last patience + 1 must not be
 *    worse than its best before them by more than minDelta, a tolerance
 *    (NaN left out; with no number on either side it does not stop).
 * With both, the trial stops at the first step where both hold (a
 * PatientPruner wrapping the percentile pruner); with one, where it holds.
 *
 *   stopStep({ direction: 'minimize', patience: { steps: 1, minDelta: 0 } }, curve(0.5, 0.4, 0.45, 0.41)) // 4
 */
import type { Direction } from './strategy.js';

/** The threshold of one step: a trial whose best value so far is worse stops there. */
export interface StepThreshold {
  step: number;
  value: number;
}

export interface StopRule {
  direction: Direction;
  /** Thresholds by step, ascending (a percentile of other trials' values there); absent: no threshold test. */
  thresholds?: StepThreshold[];
  /** With thresholds: from this step on, a trial whose every value so far is NaN stops at any step, with a threshold there or not (a pruner's warmupSteps); absent: only at a step with one. */
  nanFrom?: number;
  /** Stop when the best of the last `steps` + 1 values is worse than the best before them by more than minDelta; absent: no patience test. */
  patience?: { steps: number; minDelta: number };
}

/** Follows one trial's reports against a rule; `fired` stays true once the rule stopped it. */
export interface StopWatch {
  /** Records the value reported at `step`; true when the rule stops the trial there (and from then on). */
  report(step: number, value: number): boolean;
  readonly fired: boolean;
}

/** A watch over `rule` (none: never fires). Steps must be reported in increasing order. */
export function stopWatch(rule: StopRule | undefined): StopWatch {
  const at = new Map((rule?.thresholds ?? []).map((t) => [t.step, t.value]));
  const sign = rule?.direction === 'maximize' ? -1 : 1;
  const patience = rule?.patience;
  const values: number[] = [];
  let best = Number.NaN;
  let fired = false;
  /** The best of values[from, to) in the study direction, NaN left out (NaN when none is a number). */
  const bestOf = (from: number, to: number): number => {
    let b = Number.NaN;
    for (let i = from; i < to; i++) {
      const v = values[i]!;
      if (!Number.isNaN(v) && (Number.isNaN(b) || sign * v < sign * b)) b = v;
    }
    return b;
  };
  const nanFrom = rule?.nanFrom;
  const thresholdSays = (step: number): boolean => {
    const threshold = at.get(step);
    if (Number.isNaN(best)) return threshold !== undefined || (nanFrom !== undefined && step >= nanFrom);
    return threshold !== undefined && sign * best > sign * threshold;
  };
  const patienceSays = (steps: number, minDelta: number): boolean => {
    const split = values.length - steps - 1;
    if (split < 1) return false;
    const before = bestOf(0, split);
    const after = bestOf(split, values.length);
    // Optuna: nanmin(before) + min_delta < nanmin(after); a comparison with NaN is false.
    return sign * before + minDelta < sign * after;
  };
  return {
    report(step, value) {
      if (fired || !rule) return fired;
      if (!Number.isNaN(value) && (Number.isNaN(best) || sign * value < sign * best)) best = value;
      if (patience) values.push(value);
      const byThreshold = rule.thresholds === undefined || thresholdSays(step);
      const byPatience = patience === undefined || patienceSays(patience.steps, patience.minDelta);
      fired = (rule.thresholds !== undefined || patience !== undefined) && byThreshold && byPatience;
      return fired;
    },
    get fired() {
      return fired;
    },
  };
}

/** The first step of `curve` (step → value, any order) at which `rule` stops it, or undefined. */
export function stopStep(rule: StopRule | undefined, curve: ReadonlyMap<number, number>): number | undefined {
  const watch = stopWatch(rule);
  for (const step of [...curve.keys()].sort((a, b) => a - b)) if (watch.report(step, curve.get(step)!)) return step;
  return undefined;
}
