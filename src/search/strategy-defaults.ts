/**
 * A strategy spec with every option it left out filled with its default, so
 * that two specs that run the same search compare equal (resuming a study
 * whose file now spells out a default is not a change).
 */
import { DEFAULT_REDUCTION_FACTOR } from './rung-budgets.js';
import { DEFAULT_PRUNER_STARTUP_TRIALS, DEFAULT_PRUNER_WARMUP_STEPS } from './median-stop.js';
import type { MedianPrunerSpec, StrategySpec } from './strategy-spec.js';
import { DEFAULT_EI_CANDIDATES, DEFAULT_STARTUP_TRIALS } from './tpe-sample.js';

/** TPE's model-based trials that may run at once. */
export const DEFAULT_MAX_CONCURRENT = 4;

/** Every option with a default filled in; an option without one (TPE's pruner: none unless asked for) stays optional, its own options filled. */
export type WithDefaults<T> = T extends unknown ? Required<Omit<T, 'pruner'>> & ('pruner' extends keyof T ? { pruner?: Required<MedianPrunerSpec> } : unknown) : never;

export function strategyWithDefaults<T extends StrategySpec>(spec: T): WithDefaults<T> {
  return filled(spec) as WithDefaults<T>;
}

/** A median pruner with its defaults (Optuna MedianPruner's). */
export function prunerWithDefaults(spec: MedianPrunerSpec): Required<MedianPrunerSpec> {
  // `type` first, so a changed pruner reads {"type":"median",…} in a resume's message.
  const { type, ...rest } = spec;
  return { type, startupTrials: DEFAULT_PRUNER_STARTUP_TRIALS, warmupSteps: DEFAULT_PRUNER_WARMUP_STEPS, ...rest };
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
    case 'tpe': {
      const full = { startupTrials: DEFAULT_STARTUP_TRIALS, maxConcurrent: DEFAULT_MAX_CONCURRENT, eiCandidates: DEFAULT_EI_CANDIDATES, multivariate: false, ...spec };
      return spec.pruner ? { ...full, pruner: prunerWithDefaults(spec.pruner) } : full;
    }
  }
}
