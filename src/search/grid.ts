/**
 * Grid search: trial n is grid cell n (gridCell: names sorted, last name
 * varying fastest) and every trial trains to the study budget in one job
 * (one-job-search.ts). totalTrials = gridSize(space). Failed trials are not
 * retried. A `pruner` stops trials early, as in random search (random.ts).
 */
import { gridCell, gridSize } from './grid-points.js';
import { OneJobSearch } from './one-job-search.js';
import { prunerHistoryFor } from './pruner-history.js';
import type { Params, Space } from './space.js';
import type { StrategyInit } from './strategy.js';
import type { StrategyOptions } from './strategy-spec.js';
import { assertStrategy } from './validate-strategy.js';

export type GridSearchOptions = StrategyOptions<'grid'> & {
  /** Epochs every trial trains to. */
  budget: number;
};

export class GridSearch extends OneJobSearch {
  readonly name = 'grid';
  private readonly space: Space;

  constructor(space: Space, init: StrategyInit, options: GridSearchOptions) {
    const { budget, ...spec } = options;
    assertStrategy({ type: 'grid', ...spec }, space, budget);
    // Grid cells do not depend on the seed; the direction is the pruner's.
    super(budget, gridSize(space), prunerHistoryFor({ type: 'grid', ...spec }, init.direction));
    this.space = space;
  }

  protected paramsFor(number: number): Params {
    return gridCell(this.space, number);
  }
}

export function gridSearch(space: Space, init: StrategyInit, options: GridSearchOptions): GridSearch {
  return new GridSearch(space, init, options);
}
