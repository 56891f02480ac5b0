/**
 * TPE, the Tree-structured Parzen Estimator (Bergstra et al. 2011), as
 * Optuna's default sampler: model-based search that draws each new trial
 * where good trials cluster and bad ones do not (tpe-sample.ts). `trials`
 * trials, each trained to the study budget in one job; trial n learns from
 * trials 0 … n − maxConcurrent and draws from new Rng(deriveSeed(seed, n)),
 * so the same study gives the same trials on any thread count
 * (model-search.ts: the history, waits, startup trials and pruner).
 *
 * Random until startupTrials trials of its history have a value (failed ones
 * do not count, as in Optuna). What a trial teaches is rankObserved's order
 * (tpe-sample.ts): complete trials by value, then pruned ones; failed ones
 * count only against their region, as the worst. The maxConcurrent − 1
 * trials between its history and it join the bad group as pending (Optuna's
 * constant liar). (Measured again with Optuna 3.1's kernel scoring,
 * parzen-estimator.ts, on bench:gp's five functions, 10 seeds, maxConcurrent
 * 4: without them median best values were 1.3–1.65× worse on four, 0.60× on
 * the log ellipsoid.)
 *
 * With a median or percentile `pruner` (Optuna's MedianPruner and
 * PercentilePruner, percentile-stop.ts), trial n stops at the first step where
 * its best value so far is worse than the median (percentile), at that step,
 * of the complete trials of the same history 0 … n − maxConcurrent. That
 * history is fixed by n, so the thresholds are too: stopRule computes them
 * before the trial starts, and its jobs carry them (pruner-history.ts). The
 * patience pruner looks at the trial's own curve only.
 */
import { deriveSeed, Rng } from '../rng.js';
import { ModelSearch } from './model-search.js';
import type { Params, Space } from './space.js';
import type { StrategyInit, TrialView } from './strategy.js';
import type { StrategyOptions } from './strategy-spec.js';
import { strategyWithDefaults } from './strategy-defaults.js';
import { rankObserved, tpeSample } from './tpe-sample.js';
import { assertStrategy } from './validate-strategy.js';

export type TpeOptions = StrategyOptions<'tpe'> & {
  /** Epochs every trial trains to. */
  budget: number;
};

export class Tpe extends ModelSearch {
  readonly name = 'tpe';
  readonly eiCandidates: number;
  readonly multivariate: boolean;

  constructor(space: Space, init: StrategyInit, options: TpeOptions) {
    const { budget, ...spec } = options;
    assertStrategy({ type: 'tpe', ...spec }, space, budget);
    const full = strategyWithDefaults({ type: 'tpe' as const, ...spec });
    super(space, init, { ...full, budget });
    this.eiCandidates = full.eiCandidates;
    this.multivariate = full.multivariate;
  }

  protected model(n: number, history: readonly TrialView[], pending: readonly TrialView[]): Params | undefined {
    const { ranked, failed } = rankObserved(history, this.direction, this.maxBudget);
    // As Optuna: random until startupTrials trials have a value (failed ones do not count).
    if (ranked.length < this.startupTrials) return undefined;
    const worst = [...failed, ...pending.map((t) => ({ number: t.number, params: t.params }))];
    return tpeSample(this.space, ranked, new Rng(deriveSeed(this.draws.seed, n)), { candidates: this.eiCandidates, multivariate: this.multivariate, worst });
  }
}

export function tpe(space: Space, init: StrategyInit, options: TpeOptions): Tpe {
  return new Tpe(space, init, options);
}
