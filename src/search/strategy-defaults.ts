/**
 * A strategy spec with every option it left out filled with its default, so
 * that two specs that run the same search compare equal (resuming a study
 * whose file now spells out a default is not a change).
 */
import { DEFAULT_REDUCTION_FACTOR } from './rung-budgets.js';
import type { StrategySpec } from './strategy-spec.js';
import { DEFAULT_EI_CANDIDATES, DEFAULT_STARTUP_TRIALS } from './tpe-sample.js';

/** TPE's model-based trials that may run at once. */
export const DEFAULT_MAX_CONCURRENT = 4;

export function strategyWithDefaults<T extends StrategySpec>(spec: T): Required<T> {
  return filled(spec) as Required<T>;
}

function filled(spec: StrategySpec): StrategySpec {
  switch (spec.type) {
    case 'grid':
    case 'random':
      return spec;
    case 'successive-halving':
      return { reductionFactor: DEFAULT_REDUCTION_FACTOR, sampler: 'random', warmStart: true, ...spec };
    case 'hyperband':
      return { reductionFactor: DEFAULT_REDUCTION_FACTOR, warmStart: true, ...spec };
    case 'asha':
      return { reductionFactor: DEFAULT_REDUCTION_FACTOR, brackets: 1, sampler: 'random', warmStart: true, ...spec };
    case 'tpe':
      return { startupTrials: DEFAULT_STARTUP_TRIALS, maxConcurrent: DEFAULT_MAX_CONCURRENT, eiCandidates: DEFAULT_EI_CANDIDATES, multivariate: false, ...spec };
  }
}
