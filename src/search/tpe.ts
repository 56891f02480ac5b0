/**
 * TPE, the Tree-structured Parzen Estimator (Bergstra et al. 2011), as
 * Optuna's default sampler: model-based search that draws each new trial
 * where good trials cluster and bad ones do not (tpe-sample.ts). `trials`
 * trials, each trained to the study budget in one job.
 *
 * Reproducible whatever the thread count: trial n learns from a history fixed
 * by n alone, trials 0 … n − maxConcurrent, and draws from
 * new Rng(deriveSeed(seed, n)). Trial n waits until that history has
 * finished, so at most `maxConcurrent` model-based trials run at once, and
 * the trials in flight beside it are the ones it does not see. (Optuna
 * instead learns from whatever has finished when a trial starts, so its
 * draws depend on timing.)
 *
 * Until `startupTrials` trials can form a history (n < startupTrials +
 * maxConcurrent − 1), trial n is drawn at random, exactly as random search
 * draws it, and starts without waiting.
 *
 * What a trial teaches: complete trials rank by their value at the study
 * budget; then pruned trials (stopped early, e.g. by a trial cap), the
 * further they got the better, then by value there; then failed trials,
 * worst. Optuna drops failed trials; here they are nearly always a training
 * that diverged, which is worth learning to avoid. Ties go to the lower
 * trial number.
 */
import { deriveSeed, Rng } from '../rng.js';
import { trialParams } from './sample-params.js';
import type { Params, Space } from './space.js';
import type { Decision, Direction, PlanBracket, Strategy, StrategyInit, StudyView, TrialView } from './strategy.js';
import type { StrategyOptions } from './strategy-spec.js';
import { isInFlight } from './trial-queries.js';
import { DEFAULT_EI_CANDIDATES, tpeSample, type TpeObservation } from './tpe-sample.js';
import { assertStrategy } from './validate-strategy.js';

export type TpeOptions = StrategyOptions<'tpe'> & {
  /** Epochs every trial trains to. */
  budget: number;
};

/** Optuna's n_startup_trials. */
export const DEFAULT_STARTUP_TRIALS = 10;
export const DEFAULT_MAX_CONCURRENT = 4;

export class Tpe implements Strategy {
  readonly name = 'tpe';
  readonly maxBudget: number;
  readonly totalTrials: number;
  readonly startupTrials: number;
  readonly maxConcurrent: number;
  readonly eiCandidates: number;
  private readonly space: Space;
  private readonly seed: number;
  private readonly direction: Direction;

  constructor(space: Space, init: StrategyInit, options: TpeOptions) {
    const { budget, ...spec } = options;
    assertStrategy({ type: 'tpe', ...spec }, space, budget);
    this.space = space;
    this.seed = init.seed;
    this.direction = init.direction;
    this.maxBudget = budget;
    this.totalTrials = options.trials;
    this.startupTrials = options.startupTrials ?? DEFAULT_STARTUP_TRIALS;
    this.maxConcurrent = options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT;
    this.eiCandidates = options.eiCandidates ?? DEFAULT_EI_CANDIDATES;
  }

  next(study: StudyView): Decision {
    const n = study.trials.length;
    if (n >= this.totalTrials) return study.trials.some(isInFlight) ? { kind: 'wait' } : { kind: 'done' };
    const start = (params: Params): Decision => ({
      kind: 'start',
      number: n,
      params,
      budget: this.maxBudget,
      bracket: 0,
      rung: 0,
    });
    const seen = n - this.maxConcurrent + 1;
    if (seen < this.startupTrials) return start(trialParams(this.space, this.seed, n));
    const history = study.trials.slice(0, seen);
    if (history.some(isInFlight)) return { kind: 'wait' };
    return start(tpeSample(this.space, this.rank(history), new Rng(deriveSeed(this.seed, n)), this.eiCandidates));
  }

  plan(): PlanBracket[] {
    return [{ bracket: 0, rungs: [{ rung: 0, trials: this.totalTrials, budget: this.maxBudget }] }];
  }

  /** Finished trials, best first (see the file comment). */
  private rank(history: readonly TrialView[]): TpeObservation[] {
    const sign = this.direction === 'maximize' ? -1 : 1;
    const keyed = history.map((t) => {
      const reached = reachedValue(t);
      const group = t.state === 'complete' && reached?.budget === this.maxBudget ? 0 : reached ? 1 : 2;
      return { t, group, budget: reached?.budget ?? 0, value: reached ? sign * reached.value : 0 };
    });
    keyed.sort((a, b) => a.group - b.group || b.budget - a.budget || a.value - b.value || a.t.number - b.t.number);
    return keyed.map(({ t }) => ({ number: t.number, params: t.params }));
  }
}

/** The trial's finite value at the largest budget it has one for. */
function reachedValue(t: TrialView): { budget: number; value: number } | undefined {
  if (t.state === 'failed') return undefined;
  let out: { budget: number; value: number } | undefined;
  for (const [budget, value] of t.rungValues) {
    if (Number.isFinite(value) && (out === undefined || budget > out.budget)) out = { budget, value };
  }
  return out;
}

export function tpe(space: Space, init: StrategyInit, options: TpeOptions): Tpe {
  return new Tpe(space, init, options);
}
