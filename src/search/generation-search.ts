/**
 * What the generation-based strategies share (CMA-ES, NSGA-II): generation g
 * is trials g·λ … (g + 1)·λ − 1 and is drawn from what generations 0 … g − 1
 * taught, so its trials wait until those have finished (at most λ run at
 * once) and a study gives the same trials on any thread count. Every trial
 * trains to the study budget in one job; the plan is one bracket with one rung.
 *
 * next(): the next trial number (while < totalTrials) → `start` once every
 * trial of the generations before its own has finished (and mustWait allows
 * it); then `wait` while any trial is queued/running, then `done`.
 */
import type { Params } from './space.js';
import { oneRungPlan, type Decision, type PlanBracket, type Strategy, type StudyView, type TrialView } from './strategy.js';
import { isInFlight } from './trial-queries.js';

export abstract class GenerationSearch implements Strategy {
  abstract readonly name: string;
  /** Strategy.concurrencyOption: what sets how many trials may run at once. */
  readonly concurrencyOption = 'popsize';

  constructor(
    readonly maxBudget: number,
    readonly totalTrials: number,
    /** λ: the trials of one generation. */
    readonly popsize: number,
  ) {}

  /** Strategy.concurrency: a generation waits for the ones before it, so no more than λ trials run at once. */
  get concurrency(): number {
    return this.popsize;
  }

  /** Strategy.waitsFor: trial n waits for every generation before its own, trials 0 … ⌊n/λ⌋·λ − 1. */
  waitsFor(number: number): number {
    return Math.floor(number / this.popsize) * this.popsize - 1;
  }

  /** Whether trial `number` must wait for more than the generations before its own (none unless overridden). */
  protected mustWait(_number: number, _trials: readonly TrialView[]): boolean {
    return false;
  }

  /** The params of trial `number`, of generation `generation` (every trial of the generations before it has finished). */
  protected abstract paramsFor(number: number, generation: number, trials: readonly TrialView[]): Params;

  next(study: StudyView): Decision {
    const n = study.trials.length;
    if (n >= this.totalTrials) return study.trials.some(isInFlight) ? { kind: 'wait' } : { kind: 'done' };
    const g = Math.floor(n / this.popsize);
    if (study.trials.slice(0, g * this.popsize).some(isInFlight) || this.mustWait(n, study.trials)) return { kind: 'wait' };
    return { kind: 'start', number: n, params: this.paramsFor(n, g, study.trials), budget: this.maxBudget, bracket: 0, rung: 0 };
  }

  plan(): PlanBracket[] {
    return oneRungPlan(this.totalTrials, this.maxBudget);
  }
}
