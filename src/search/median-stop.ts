/**
 * The median stopping rule, as Optuna 3.1's MedianPruner (a PercentilePruner
 * at 50, interval 1, n_min_trials 1): at step s ≥ warmupSteps, a trial stops
 * when its best value so far (in the study's direction) is worse than the
 * median of the complete trials' values at step s; trials without a value at
 * s are left out, a step none of them has never stops a trial, and nothing
 * stops before `startupTrials` trials are complete.
 *
 * Optuna takes "the complete trials" as whatever has finished when the trial
 * reports, so when it prunes depends on timing. Here the caller passes a set
 * of complete curves fixed before the trial starts (TPE: the complete trials
 * of its history, tpe.ts), so the thresholds of every step are known up front
 * and travel with the job (StopRule); the worker only compares (stopWatch).
 *
 *   medianStopRule([curve(1: 0.9, 2: 0.5), curve(1: 0.7, 2: 0.3), curve(1: 0.8)], 'minimize', { startupTrials: 3, warmupSteps: 0 })
 *   // { direction: 'minimize', thresholds: [{ step: 1, median: 0.8 }, { step: 2, median: 0.4 }] }
 */
import type { Direction } from './strategy.js';

/** Optuna MedianPruner's n_startup_trials. */
export const DEFAULT_PRUNER_STARTUP_TRIALS = 5;
/** Optuna MedianPruner's n_warmup_steps. */
export const DEFAULT_PRUNER_WARMUP_STEPS = 0;

/** The threshold of one step: a trial whose best value so far is worse stops there. */
export interface StepThreshold {
  step: number;
  median: number;
}

/** What a job carries to stop itself early: thresholds by step (ascending), in the study's direction. */
export interface StopRule {
  direction: Direction;
  thresholds: StepThreshold[];
}

export interface MedianStopOptions {
  /** Complete trials needed before anything stops. */
  startupTrials: number;
  /** Steps below this never stop a trial. */
  warmupSteps: number;
}

/**
 * The rule from the learning curves (step → value) of complete trials, or
 * undefined when it can never fire: fewer than startupTrials curves, or no
 * step at or past warmupSteps with a value. NaN values are left out (numpy's
 * nanpercentile); the median of an even count is the mean of the middle two.
 */
export function medianStopRule(complete: readonly ReadonlyMap<number, number>[], direction: Direction, options: MedianStopOptions): StopRule | undefined {
  if (complete.length === 0 || complete.length < options.startupTrials) return undefined;
  const byStep = new Map<number, number[]>();
  for (const curve of complete) {
    for (const [step, value] of curve) {
      if (step < options.warmupSteps || Number.isNaN(value)) continue;
      let list = byStep.get(step);
      if (!list) byStep.set(step, (list = []));
      list.push(value);
    }
  }
  if (byStep.size === 0) return undefined;
  const thresholds = [...byStep.entries()].sort((a, b) => a[0] - b[0]).map(([step, values]) => ({ step, median: median(values) }));
  return { direction, thresholds };
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 === 1 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** Follows one trial's reports against a rule; `fired` stays true once the rule stopped it. */
export interface StopWatch {
  /** Records the value reported at `step`; true when the rule stops the trial there (and from then on). */
  report(step: number, value: number): boolean;
  readonly fired: boolean;
}

/**
 * A watch over `rule` (none: never fires). As Optuna: the best value so far
 * ignores NaN, and a trial whose every value is NaN stops at the first step
 * with a threshold.
 */
export function stopWatch(rule: StopRule | undefined): StopWatch {
  const at = new Map((rule?.thresholds ?? []).map((t) => [t.step, t.median]));
  const sign = rule?.direction === 'maximize' ? -1 : 1;
  let best = Number.NaN;
  let fired = false;
  return {
    report(step, value) {
      if (!Number.isNaN(value) && (Number.isNaN(best) || sign * value < sign * best)) best = value;
      const median = at.get(step);
      if (!fired && median !== undefined) fired = Number.isNaN(best) || sign * best > sign * median;
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
