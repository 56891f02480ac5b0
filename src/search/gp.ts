/**
 * Bayesian optimisation with a Gaussian process, as Optuna's GPSampler (and
 * Keras Tuner's BayesianOptimization, scikit-optimize's gp_minimize): a GP
 * with a Matérn 5/2 kernel is fitted to the results so far and the next
 * trial goes where the expected improvement over the best is largest
 * (gp-sample.ts). It learns smooth objectives in few trials, where TPE needs
 * more; each draw costs a fit (cubic in the trials seen), so it suits
 * studies of tens to a few hundred trials.
 *
 * `trials` trials, each trained to the study budget in one job, reproducible
 * whatever the thread count (model-search.ts: trial n learns from trials
 * 0 … n − maxConcurrent; the ones between are pending, believed at the
 * posterior mean). Random until startupTrials of its history are complete
 * (default 10, as Optuna). The GP searches every param without a condition
 * that has more than one value, categoricals included; conditional params
 * (and constants) are drawn as random search draws them, from trial n's Rng,
 * so a model-chosen categorical decides which of them the trial has. The
 * acquisition's draws come from new Rng(deriveSeed(seed, n, GP_STREAM)).
 */
import { deriveSeed, Rng } from '../rng.js';
import { gpParams, gpSample } from './gp-sample.js';
import { ModelSearch } from './model-search.js';
import { drawnWith } from './sample-params.js';
import type { Params, Space } from './space.js';
import type { StrategyInit, TrialView } from './strategy.js';
import { strategyWithDefaults } from './strategy-defaults.js';
import type { StrategyOptions } from './strategy-spec.js';
import { assertStrategy } from './validate-strategy.js';

export type GpOptions = StrategyOptions<'gp'> & {
  /** Epochs every trial trains to. */
  budget: number;
};

/** The acquisition's draws come from a stream of their own (a trial's random-search draw stays what it is). */
const GP_STREAM = 0x6770;

export class GpSearch extends ModelSearch {
  readonly name = 'gp';
  readonly deterministicObjective: boolean;
  /** The searched params, in the order of the GP's coordinates. */
  readonly dims: readonly string[];

  constructor(space: Space, init: StrategyInit, options: GpOptions) {
    const { budget, ...spec } = options;
    assertStrategy({ type: 'gp', ...spec }, space, budget);
    const full = strategyWithDefaults({ type: 'gp' as const, ...spec });
    super(space, init, { ...full, budget });
    this.deterministicObjective = full.deterministicObjective;
    this.dims = gpParams(space);
  }

  protected model(n: number, history: readonly TrialView[], pending: readonly TrialView[]): Params | undefined {
    const observed: { params: Params; value: number }[] = [];
    const failed: Params[] = [];
    for (const t of history) {
      const value = t.rungValues.get(this.maxBudget);
      if (t.state === 'complete' && value !== undefined && Number.isFinite(value)) observed.push({ params: t.params, value });
      // A complete trial whose value is not finite failed to give one: it counts as the worst, as a failure does.
      else if (t.state === 'failed' || t.state === 'complete') failed.push(t.params);
    }
    // As Optuna: random until startupTrials trials are complete (failed and pruned ones do not count).
    if (observed.length < this.startupTrials) return undefined;
    const chosen = gpSample({
      space: this.space,
      names: this.dims,
      observed,
      failed,
      pending: pending.map((t) => t.params),
      direction: this.direction,
      deterministic: this.deterministicObjective,
      rng: new Rng(deriveSeed(this.draws.seed, n, GP_STREAM)),
    });
    // The rest is trial n's random draw; the chosen categoricals decide which conditional params it has.
    return drawnWith(this.space, this.draws.seed, n, chosen);
  }
}

export function gp(space: Space, init: StrategyInit, options: GpOptions): GpSearch {
  return new GpSearch(space, init, options);
}
