/**
 * Grid search: trial n is grid cell n (gridCell: names sorted, last name
 * varying fastest) and every trial trains to the study budget in one job.
 * totalTrials = gridSize(space).
 *
 * next(): the lowest trial number not yet created → `start`; once all cells
 * exist, `wait` while any trial is queued/running, then `done`. Failed trials
 * are not retried. The plan is one bracket with one rung (gridSize @ budget).
 */
import { gridCell, gridSize } from './grid-points.js';
import type { Space } from './space.js';
import type { Decision, PlanBracket, Strategy, StrategyInit, StudyView } from './strategy.js';
import { isInFlight } from './trial-queries.js';
import { assertStrategy } from './validate-strategy.js';

export interface GridSearchOptions {
  /** Epochs every trial trains to. */
  budget: number;
}

export class GridSearch implements Strategy {
  readonly name = 'grid';
  readonly maxBudget: number;
  readonly totalTrials: number;
  private readonly space: Space;

  constructor(space: Space, init: StrategyInit, options: GridSearchOptions) {
    assertStrategy({ type: 'grid' }, space, options.budget);
    void init; // grid cells do not depend on the seed or direction
    this.space = space;
    this.maxBudget = options.budget;
    this.totalTrials = gridSize(space);
  }

  next(study: StudyView): Decision {
    const created = study.trials.length;
    if (created < this.totalTrials) {
      return { kind: 'start', number: created, params: gridCell(this.space, created), budget: this.maxBudget, bracket: 0, rung: 0 };
    }
    return study.trials.some(isInFlight) ? { kind: 'wait' } : { kind: 'done' };
  }

  plan(): PlanBracket[] {
    return [{ bracket: 0, rungs: [{ rung: 0, trials: this.totalTrials, budget: this.maxBudget }] }];
  }
}

export function gridSearch(space: Space, init: StrategyInit, options: GridSearchOptions): GridSearch {
  return new GridSearch(space, init, options);
}
