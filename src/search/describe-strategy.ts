/** A strategy's name as `rungs plan` and `rungs show` print it. */
import type { StrategySpec } from './strategy-spec.js';
import { DEFAULT_MAX_CONCURRENT } from './tpe.js';
import { DEFAULT_STARTUP_TRIALS } from './tpe-sample.js';

export function describeStrategy(spec: StrategySpec): string {
  if (spec.type === 'asha') {
    const name = (spec.brackets ?? 1) > 1 ? `asha with ${spec.brackets} brackets (asynchronous Hyperband)` : 'asha';
    return spec.sampler === 'tpe' ? `${name}, TPE sampler` : name;
  }
  if (spec.type === 'tpe') {
    const startup = spec.startupTrials ?? DEFAULT_STARTUP_TRIALS;
    const concurrent = spec.maxConcurrent ?? DEFAULT_MAX_CONCURRENT;
    const model = spec.multivariate === true ? 'a multivariate model' : 'the model';
    const random = startup + concurrent - 1;
    if (spec.trials <= random) return `tpe (all ${spec.trials} trials random: ${model} takes over after the first ${random})`;
    return `tpe (the first ${random} trials random, then ${model} once ${startup} have a value; ${concurrent} at a time at most)`;
  }
  return spec.type;
}
