/**
 * What TPE and the GP strategy share: trials that each train to the study
 * budget in one job, drawn by a model of the results so far, reproducible
 * whatever the thread count.
 *
 * Trial n learns from a history fixed by n alone, trials 0 … n − maxConcurrent,
 * and waits until that history has finished, so at most `maxConcurrent`
 * model-based trials run at once; the maxConcurrent − 1 trials between its
 * history and it, which may be running beside it, are passed to the model as
 * pending whatever their state, so the draw stays fixed by n. (Optuna instead
 * learns from whatever has finished when a trial starts, so its draws depend
 * on timing.) Until `startupTrials` trials can form a history
 * (n < startupTrials + maxConcurrent − 1), and while the model says its
 * history has too few results, trial n is drawn at random exactly as random
 * search draws it, and starts without waiting. An enqueued point needs no
 * history.
 *
 * With a `pruner` (pruner-history.ts), a trial whose history may hold
 * pruner.startupTrials complete trials waits for it even while its params
 * are still drawn at random: its thresholds come from that history.
 */
import { PrunerHistory } from './pruner-history.js';
import { isEnqueued, startParams } from './sample-params.js';
import type { Params, Space } from './space.js';
import type { StopRule } from './stop-rule.js';
import { oneRungPlan, type Decision, type Direction, type PlanBracket, type Strategy, type StrategyInit, type StudyView, type TrialView } from './strategy.js';
import type { FullPruner } from './strategy-defaults.js';
import { isInFlight } from './trial-queries.js';

/** The options every model-based search has, defaults filled. */
export interface ModelSearchOptions {
  budget: number;
  trials: number;
  startupTrials: number;
  maxConcurrent: number;
  pruner?: FullPruner | undefined;
}

export abstract class ModelSearch implements Strategy {
  abstract readonly name: string;
  readonly maxBudget: number;
  readonly totalTrials: number;
  readonly startupTrials: number;
  readonly maxConcurrent: number;
  /** The pruner, with its defaults; undefined: every trial trains to the budget. */
  readonly pruner: FullPruner | undefined;
  private readonly history: PrunerHistory | undefined;
  protected readonly space: Space;
  /** Where trials start: the seed, and the study's enqueued points. */
  protected readonly draws: Pick<StrategyInit, 'seed' | 'enqueued'>;
  protected readonly direction: Direction;

  constructor(space: Space, init: StrategyInit, options: ModelSearchOptions) {
    this.space = space;
    this.draws = init;
    this.direction = init.direction;
    this.maxBudget = options.budget;
    this.totalTrials = options.trials;
    this.startupTrials = options.startupTrials;
    this.maxConcurrent = options.maxConcurrent;
    this.pruner = options.pruner;
    this.history = options.pruner ? new PrunerHistory(options.pruner, this.maxConcurrent, this.direction) : undefined;
  }

  /**
   * Trial n's params from the model, given its finished history (trials 0 … n − maxConcurrent) and the
   * trials between that and n (pending); undefined when the history has too few results to model yet.
   */
  protected abstract model(n: number, history: readonly TrialView[], pending: readonly TrialView[]): Params | undefined;

  /** Strategy.needsCurves: a median or percentile pruner compares a trial with the learning curves of its history. */
  get needsCurves(): boolean {
    return this.history?.comparesTrials === true;
  }

  /** Strategy.concurrency: model-based trials wait on their history, so no more than maxConcurrent run at once. */
  get concurrency(): number {
    return this.maxConcurrent;
  }

  /** The first trial the model may draw (the ones before are random search's): startupTrials + maxConcurrent − 1. */
  get modelFrom(): number {
    return this.startupTrials + this.maxConcurrent - 1;
  }

  /** Strategy.concurrencyFrom: the first model-based trial, or earlier the first whose pruner thresholds wait for its history. */
  get concurrencyFrom(): number {
    return Math.min(this.modelFrom, this.history?.waitsFrom ?? Infinity);
  }

  /** The decision for the next trial, or what the model must draw for it (model-based trials only). */
  private route(study: StudyView): { decision: Decision } | { n: number; history: readonly TrialView[]; pending: readonly TrialView[] } {
    const n = study.trials.length;
    if (n >= this.totalTrials) return { decision: study.trials.some(isInFlight) ? { kind: 'wait' } : { kind: 'done' } };
    const seen = n - this.maxConcurrent + 1;
    // The pruner's thresholds for trial n come from its history: they must be final when it starts.
    if (this.history?.mustWait(n, study.trials)) return { decision: { kind: 'wait' } };
    // An enqueued point needs no history; it joins the history of the trials after it like any other.
    if (seen < this.startupTrials || isEnqueued(this.draws, n)) return { decision: this.start(n, startParams(this.space, this.draws, n)) };
    const history = study.trials.slice(0, seen);
    if (history.some(isInFlight)) return { decision: { kind: 'wait' } };
    return { n, history, pending: study.trials.slice(seen) };
  }

  private start(n: number, params: Params): Decision {
    return { kind: 'start', number: n, params, budget: this.maxBudget, bracket: 0, rung: 0 };
  }

  next(study: StudyView): Decision {
    const route = this.route(study);
    if ('decision' in route) return route.decision;
    const { n, history, pending } = route;
    return this.start(n, this.model(n, history, pending) ?? startParams(this.space, this.draws, n));
  }

  /** Strategy.ready: whether next(study) is quick (a model draw that is not remembered yet is not). */
  ready(study: StudyView): boolean {
    const inputs = this.modelInputs(study);
    return !inputs || this.modelReady(inputs.n, inputs.history, inputs.pending);
  }

  /** What next(study) passes to model(), or undefined when it decides without the model. */
  protected modelInputs(study: StudyView): { n: number; history: readonly TrialView[]; pending: readonly TrialView[] } | undefined {
    const route = this.route(study);
    return 'decision' in route ? undefined : route;
  }

  /** Whether model(n, history, pending) is quick: true unless a subclass remembers slow draws. */
  protected modelReady(_n: number, _history: readonly TrialView[], _pending: readonly TrialView[]): boolean {
    return true;
  }

  /** Strategy.stopRule: the pruner's rule for trial `number` (pruner-history.ts). */
  stopRule(number: number, study: StudyView): StopRule | undefined {
    return this.history?.stopRule(number, study);
  }

  plan(): PlanBracket[] {
    return oneRungPlan(this.totalTrials, this.maxBudget);
  }
}
