/**
 * Random search: trial n's params are sampleParams(space, new Rng(deriveSeed(seed, n))),
 * so they depend only on the study seed and n, never on timing or threads.
 * `trials` trials, each trained to the study budget in one job.
 *
 * next(): the lowest trial number not yet created (while < trials) → `start`;
 * then `wait` while any trial is queued/running, then `done`. The plan is one
 * bracket with one rung (trials @ budget).
 */
import { startParams } from './sample-params.js';
import type { Space } from './space.js';
import type { Decision, PlanBracket, Strategy, StrategyInit, StudyView } from './strategy.js';
import { isInFlight } from './trial-queries.js';
import { assertStrategy } from './validate-strategy.js';

export interface RandomSearchOptions {
  trials: number;
  /** Epochs every trial trains to. */
  budget: number;
}

export class RandomSearch implements Strategy {
  readonly name = 'random';
  readonly maxBudget: number;
  readonly totalTrials: number;
  private readonly space: Space;
  /** Where trials start: the seed, and the study's enqueued points. */
  private readonly draws: Pick<StrategyInit, 'seed' | 'enqueued'>;

  constructor(space: Space, init: StrategyInit, options: RandomSearchOptions) {
    assertStrategy({ type: 'random', trials: options.trials }, space, options.budget);
    this.space = space;
    this.draws = init;
    this.maxBudget = options.budget;
    this.totalTrials = options.trials;
  }

  next(study: StudyView): Decision {
    const created = study.trials.length;
    if (created < this.totalTrials) {
      const params = startParams(this.space, this.draws, created);
      return { kind: 'start', number: created, params, budget: this.maxBudget, bracket: 0, rung: 0 };
    }
    return study.trials.some(isInFlight) ? { kind: 'wait' } : { kind: 'done' };
  }

  plan(): PlanBracket[] {
    return [{ bracket: 0, rungs: [{ rung: 0, trials: this.totalTrials, budget: this.maxBudget }] }];
  }
}

export function randomSearch(space: Space, init: StrategyInit, options: RandomSearchOptions): RandomSearch {
  return new RandomSearch(space, init, options);
}
