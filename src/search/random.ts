/**
 * Random search: trial n's params are sampleParams(space, new Rng(deriveSeed(seed, n))),
 * or with sampler "sobol" point n of the study's scrambled Sobol sequence (sobol-uniforms.ts),
 * so they depend only on the study seed and n, never on timing or threads
 * (or the study's enqueued point n). `trials` trials, each trained to the study budget in one
 * job (one-job-search.ts).
 *
 * With a `pruner` (pruner-history.ts), trials stop early; a median or
 * percentile pruner compares trial n with the complete trials among
 * 0 … n − maxConcurrent, so trial n waits for those to finish.
 */
import { OneJobSearch } from './one-job-search.js';
import { prunerHistoryFor } from './pruner-history.js';
import { startParams, trialUniforms, type TrialUniforms } from './sample-params.js';
import type { Params, Space } from './space.js';
import type { StrategyInit } from './strategy.js';
import type { StrategyOptions } from './strategy-spec.js';
import { assertStrategy } from './validate-strategy.js';

export type RandomSearchOptions = StrategyOptions<'random'> & {
  /** Epochs every trial trains to. */
  budget: number;
};

export class RandomSearch extends OneJobSearch {
  readonly name = 'random';
  private readonly space: Space;
  /** Where trials start: the seed, and the study's enqueued points. */
  private readonly draws: Pick<StrategyInit, 'seed' | 'enqueued'>;
  /** Trial n's draws: its Rng, or Sobol point n. */
  private readonly uniforms: TrialUniforms;

  constructor(space: Space, init: StrategyInit, options: RandomSearchOptions) {
    const { budget, ...spec } = options;
    assertStrategy({ type: 'random', ...spec }, space, budget);
    super(budget, options.trials, prunerHistoryFor({ type: 'random', ...spec }, init.direction));
    this.space = space;
    this.draws = init;
    this.uniforms = trialUniforms(spec.sampler ?? 'random', space, init.seed);
  }

  protected paramsFor(number: number): Params {
    return startParams(this.space, this.draws, number, this.uniforms);
  }
}

export function randomSearch(space: Space, init: StrategyInit, options: RandomSearchOptions): RandomSearch {
  return new RandomSearch(space, init, options);
}
