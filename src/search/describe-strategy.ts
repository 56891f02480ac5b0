/** A strategy's name as `rungs plan` and `rungs show` print it. */
import { strategyWithDefaults, type FullHistoryPruner, type FullPruner } from './strategy-defaults.js';
import { cmaParams, cmaPopsize } from './cma-params.js';
import { gpParams } from './gp-sample.js';
import { defaultMutationProb } from './nsga2.js';
import { pbtReplaced } from './pbt-generations.js';
import type { Space } from './space.js';
import type { StrategySpec } from './strategy-spec.js';

export function describeStrategy(spec: StrategySpec, space?: Space): string {
  const full = strategyWithDefaults(spec);
  if (full.type === 'cmaes' && space) {
    const dims = cmaParams(space);
    const lambda = cmaPopsize(full.popsize, space);
    const rest = Object.keys(space).length - dims.length;
    const others = rest > 0 ? `; ${rest} other param${rest === 1 ? '' : 's'} drawn at random` : '';
    return `cmaes (generations of ${lambda} trials over ${dims.join(', ')}${others})`;
  }
  if (full.type === 'nsga2') {
    const mutation = full.mutationProb ?? (space ? defaultMutationProb(space) : undefined);
    const per = mutation === undefined ? '1 / the params searched' : String(Number(mutation.toPrecision(3)));
    return `nsga2 (generations of ${full.popsize} trials, the first random, each next bred from the best ${full.popsize} so far by Pareto front and crowding; crossover ${full.crossoverProb}, mutation ${per} per param)`;
  }
  if (full.type === 'pbt') {
    const replaced = pbtReplaced(full.population, full.quantile);
    const from = full.burnIn > 0 ? ` from epoch ${full.burnIn} on` : '';
    return `pbt (population ${full.population}, every ${full.interval} epochs to ${full.maxBudget}${from} the worst ${replaced} replaced by copies of the best ${replaced}, with ${full.mutate.join(', ')} changed)`;
  }
  if (full.type === 'asha') {
    const name = full.brackets > 1 ? `asha with ${full.brackets} brackets (asynchronous Hyperband)` : 'asha';
    return full.sampler === 'tpe' ? `${name}, TPE sampler` : full.sampler === 'sobol' ? `${name}, Sobol sampler` : name;
  }
  if (full.type === 'tpe') {
    const startup = full.startupTrials;
    const model = full.multivariate ? 'a multivariate model' : 'the model';
    const random = startup + full.maxConcurrent - 1;
    const pruner = full.pruner ? ` with ${describePruner(full.pruner)}` : '';
    if (full.trials <= random) return `tpe (all ${full.trials} trials random: ${model} takes over after the first ${random})${pruner}`;
    return `tpe (the first ${random} trials random, then ${model} once ${startup} have a value; ${full.maxConcurrent} at a time at most)${pruner}`;
  }
  if (full.type === 'gp') {
    const random = full.startupTrials + full.maxConcurrent - 1;
    const pruner = full.pruner ? ` with ${describePruner(full.pruner)}` : '';
    const over = space ? ` over ${gpParams(space).join(', ')}` : '';
    if (full.trials <= random) return `gp (all ${full.trials} trials random: the GP takes over after the first ${random})${pruner}`;
    return `gp (the first ${random} trials random, then a Gaussian process${over} once ${full.startupTrials} are complete; ${full.maxConcurrent} at a time at most)${pruner}`;
  }
  if ((full.type === 'successive-halving' || full.type === 'hyperband') && full.sampler === 'tpe') {
    // Only the draws wait (for their history's first rungs): promotions go on, so no "at a time at most" for the whole run.
    const model = full.multivariate ? 'a multivariate TPE' : 'TPE';
    const random = full.startupTrials + full.maxConcurrent - 1;
    return `${full.type}${iterationsOf(full)}, TPE sampler (the first ${random} candidates random, then ${model} over the first-rung values of trials 0 … n − ${full.maxConcurrent} once ${full.startupTrials} have one; from candidate ${random} on, ${full.maxConcurrent} new candidates on their first rung at a time at most, promotions not held back)`;
  }
  // "random (Sobol)", "successive-halving (Sobol)"; the other samplers keep the names they had.
  const sampled = (full.type === 'random' || full.type === 'successive-halving' || full.type === 'hyperband') && full.sampler === 'sobol' ? `${full.type} (Sobol)` : full.type;
  const name = `${sampled}${iterationsOf(full)}`;
  if ((full.type === 'grid' || full.type === 'random') && full.pruner) {
    const history = full.maxConcurrent !== undefined ? ` (${full.maxConcurrent} at a time at most)` : '';
    return `${name} with ${describePruner(full.pruner)}${history}`;
  }
  return name;
}

/** "the median pruner (after 5 complete trials, from step 1)", "the patience pruner (3 epochs without improvement)", … */
export function describePruner(pruner: FullPruner): string {
  if (pruner.type !== 'patience') return describeHistoryPruner(pruner);
  const delta = pruner.minDelta > 0 ? ` by more than ${pruner.minDelta}` : '';
  const own = `the patience pruner (stops after ${pruner.patience + 1} steps without improvement${delta})`;
  return pruner.wrapped ? `${own} over ${describeHistoryPruner(pruner.wrapped)}` : own;
}

function describeHistoryPruner(pruner: FullHistoryPruner): string {
  const name = pruner.type === 'median' ? 'the median pruner' : `the ${pruner.percentile}th-percentile pruner`;
  // Steps are epochs from 1: warmupSteps 0 and 1 both prune from the first.
  return `${name} (after ${pruner.startupTrials} complete trials, from step ${Math.max(1, pruner.warmupSteps)})`;
}

/** ", 3 iterations" for Hyperband's outer loop run more than once; '' otherwise. */
function iterationsOf(full: { type: string; iterations?: unknown }): string {
  return full.type === 'hyperband' && full.iterations !== 1 ? `, ${String(full.iterations)} iterations` : '';
}
