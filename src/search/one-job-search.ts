/**
 * What grid and random search share: trial n is made from its number alone
 * (a grid cell, a seeded draw), every trial trains to the study budget in one
 * job, and a `pruner` (pruner-history.ts) may stop it early.
 *
 * next(): the lowest trial number not yet created (while < totalTrials) →
 * `start`, unless a median or percentile pruner makes it wait for its
 * history; then `wait` while any trial is queued/running, then `done`. The
 * plan is one bracket with one rung (totalTrials @ budget).
 */
import type { PrunerHistory } from './pruner-history.js';
import type { Params } from './space.js';
import type { StopRule } from './stop-rule.js';
import { oneRungPlan, type Decision, type PlanBracket, type Strategy, type StudyView } from './strategy.js';
import { isInFlight } from './trial-queries.js';

export abstract class OneJobSearch implements Strategy {
  abstract readonly name: string;

  constructor(
    readonly maxBudget: number,
    readonly totalTrials: number,
    /** The pruner and the history it compares a trial with; undefined: every trial trains to the budget. */
    readonly history: PrunerHistory | undefined,
  ) {}

  /** The params of trial n. */
  protected abstract paramsFor(number: number): Params;

  /** Strategy.needsCurves: a median or percentile pruner compares trials' learning curves. */
  get needsCurves(): boolean {
    return this.history?.comparesTrials === true;
  }

  /** Strategy.concurrency: with a pruner that compares trials, its maxConcurrent. */
  get concurrency(): number | undefined {
    return this.history?.concurrency;
  }

  /** Strategy.concurrencyFrom: the first trial whose pruner thresholds wait for its history. */
  get concurrencyFrom(): number | undefined {
    return this.history?.waitsFrom;
  }

  stopRule(number: number, study: StudyView): StopRule | undefined {
    return this.history?.stopRule(number, study);
  }

  next(study: StudyView): Decision {
    const created = study.trials.length;
    if (created < this.totalTrials) {
      if (this.history?.mustWait(created, study.trials)) return { kind: 'wait' };
      return { kind: 'start', number: created, params: this.paramsFor(created), budget: this.maxBudget, bracket: 0, rung: 0 };
    }
    return study.trials.some(isInFlight) ? { kind: 'wait' } : { kind: 'done' };
  }

  plan(): PlanBracket[] {
    return oneRungPlan(this.totalTrials, this.maxBudget);
  }
}
