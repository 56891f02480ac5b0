/** A strategy's name as `rungs plan` and `rungs show` print it. */
import { strategyWithDefaults } from './strategy-defaults.js';
import type { StrategySpec } from './strategy-spec.js';

export function describeStrategy(spec: StrategySpec): string {
  const full = strategyWithDefaults(spec);
  if (full.type === 'asha') {
    const name = full.brackets > 1 ? `asha with ${full.brackets} brackets (asynchronous Hyperband)` : 'asha';
    return full.sampler === 'tpe' ? `${name}, TPE sampler` : name;
  }
  if (full.type === 'tpe') {
    const startup = full.startupTrials;
    const model = full.multivariate ? 'a multivariate model' : 'the model';
    const random = startup + full.maxConcurrent - 1;
    // Steps are epochs from 1: warmupSteps 0 and 1 both prune from the first.
    const pruner = full.pruner ? ` with the median pruner (after ${full.pruner.startupTrials} complete trials, from step ${Math.max(1, full.pruner.warmupSteps)})` : '';
    if (full.trials <= random) return `tpe (all ${full.trials} trials random: ${model} takes over after the first ${random})${pruner}`;
    return `tpe (the first ${random} trials random, then ${model} once ${startup} have a value; ${full.maxConcurrent} at a time at most)${pruner}`;
  }
  return full.type;
}
