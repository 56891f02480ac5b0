/**
 * The thresholds of Optuna 3.1's PercentilePruner (interval 1), of which the
 * MedianPruner is the 50th: at step s ≥ warmupSteps, a trial stops when its
 * best value so far (in the study's direction) is worse than the p-th
 * percentile of the complete trials' values at s (the (100 − p)-th when
 * maximizing, so p = 25 keeps the best quarter either way); a step with fewer
 * than minTrials values never stops a trial (a NaN value counts: Optuna counts
 * the values reported), and nothing stops before `startupTrials` trials are
 * complete. Percentiles interpolate linearly, as numpy's nanpercentile does,
 * NaN values left out (a step with only NaN has none). A trial whose every
 * value so far is NaN Optuna stops at any step from warmupSteps, threshold or
 * not: the caller says so in the rule (StopRule.nanFrom).
 *
 * Optuna takes "the complete trials" as whatever has finished when the trial
 * reports, so when it prunes depends on timing. Here the caller passes a set
 * of complete curves fixed before the trial starts (the complete trials of
 * its history, pruner-history.ts), so the thresholds of every step are known
 * up front and travel with the job (stop-rule.ts); the worker only compares.
 *
 *   percentileThresholds([curve(1: 0.9, 2: 0.5), curve(1: 0.7, 2: 0.3), curve(1: 0.8)], 'minimize',
 *     { percentile: 50, startupTrials: 3, warmupSteps: 0, minTrials: 1 })
 *   // [{ step: 1, value: 0.8 }, { step: 2, value: 0.4 }]
 */
import { StepValues } from './step-values.js';
import type { StepThreshold } from './stop-rule.js';
import type { Direction } from './strategy.js';

/** Optuna's n_startup_trials (MedianPruner, PercentilePruner). */
export const DEFAULT_PRUNER_STARTUP_TRIALS = 5;
/** Optuna's n_warmup_steps. */
export const DEFAULT_PRUNER_WARMUP_STEPS = 0;
/** Optuna's n_min_trials. */
export const DEFAULT_PRUNER_MIN_TRIALS = 1;

export interface PercentileStopOptions {
  /** In [0, 100]: trials worse than this percentile of the others at a step stop there (50: the median). */
  percentile: number;
  /** Complete trials needed before anything stops. */
  startupTrials: number;
  /** Steps below this never stop a trial. */
  warmupSteps: number;
  /** Values (NaN included) needed at a step for it to stop a trial. */
  minTrials: number;
}

/**
 * The thresholds from the learning curves (step → value) of complete trials,
 * ascending by step (none, [], when no step at or past warmupSteps has
 * minTrials values with a number among them), or undefined when the pruner is
 * not on yet: fewer than startupTrials curves (or none).
 */
export function percentileThresholds(
  complete: readonly ReadonlyMap<number, number>[],
  direction: Direction,
  options: PercentileStopOptions,
): StepThreshold[] | undefined {
  return stepThresholds(StepValues.of(complete), direction, options);
}

/** percentileThresholds of the curves `values` holds (pruner-history.ts keeps them from one trial to the next). */
export function stepThresholds(values: StepValues, direction: Direction, options: PercentileStopOptions): StepThreshold[] | undefined {
  if (values.size === 0 || values.size < options.startupTrials) return undefined;
  const p = direction === 'maximize' ? 100 - options.percentile : options.percentile;
  const thresholds: StepThreshold[] = [];
  for (const { step, count, sorted } of values.steps(options.warmupSteps)) {
    if (count >= Math.max(1, options.minTrials) && sorted.length > 0) thresholds.push({ step, value: sortedPercentile(sorted, p) });
  }
  return thresholds;
}

/**
 * numpy's percentile (method "linear") of a non-empty list: the sorted values at the virtual
 * index q·(n − 1), interpolated as numpy's _lerp does it, so a threshold is the very number
 * Optuna computes (a + (b − a)·t below t = 0.5, b − (b − a)·(1 − t) from it).
 */
export function percentile(values: readonly number[], p: number): number {
  return sortedPercentile([...values].sort((a, b) => a - b), p);
}

/** percentile of a non-empty list already sorted ascending. */
export function sortedPercentile(v: readonly number[], p: number): number {
  const index = (p / 100) * (v.length - 1);
  const lo = Math.min(v.length - 1, Math.max(0, Math.floor(index)));
  const hi = Math.min(v.length - 1, lo + 1);
  const t = index - lo;
  const a = v[lo]!;
  const b = v[hi]!;
  const d = b - a;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}
