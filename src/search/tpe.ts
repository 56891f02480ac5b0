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
 *
 * With several objectives (init.objectives, two or more), as Optuna 3.1's
 * TPESampler on a study with `directions` (MOTPE, Ozaki et al. 2020/2022):
 * the complete trials of the history are observed by every objective's value
 * (their `metrics`), the below group is γ(n) of them chosen by non-dominated
 * fronts and, on the front that does not fit, greedy hypervolume subset
 * selection, and its kernels are weighted by their hypervolume contributions
 * (mo-tpe-split.ts). The rest, with failed trials and the pending ones
 * between the history and trial n, are the above group, as with one
 * objective (3.1 leaves failed and running trials out of a multi-objective
 * study, even with constant_liar). Startup trials, the history lag,
 * eiCandidates, multivariate and conditional params are as with one
 * objective. Pruned trials cannot occur (no pruner with several objectives);
 * a complete trial without a finite value for each objective is left out, as
 * 3.1 leaves out a trial without values.
 */
import { deriveSeed, Rng } from '../rng.js';
import { ModelSearch } from './model-search.js';
import { moTpeSplit } from './mo-tpe-split.js';
import { objectiveVector } from './pareto.js';
import type { Params, Space } from './space.js';
import type { Objective, StrategyInit, TrialView } from './strategy.js';
import type { StrategyOptions } from './strategy-spec.js';
import { strategyWithDefaults } from './strategy-defaults.js';
import { byNumber, rankObserved, tpeGamma, tpeSample, tpeSampleGroups, type TpeObservation } from './tpe-sample.js';
import { assertStrategy } from './validate-strategy.js';

export type TpeOptions = StrategyOptions<'tpe'> & {
  /** Epochs every trial trains to. */
  budget: number;
};

export class Tpe extends ModelSearch {
  readonly name = 'tpe';
  readonly eiCandidates: number;
  readonly multivariate: boolean;
  /** A multi-objective study's objectives (two or more); undefined: the trials' value at the budget, in `direction`. */
  private readonly objectives: readonly Objective[] | undefined;

  constructor(space: Space, init: StrategyInit, options: TpeOptions) {
    const { budget, ...spec } = options;
    assertStrategy({ type: 'tpe', ...spec }, space, budget);
    const full = strategyWithDefaults({ type: 'tpe' as const, ...spec });
    super(space, init, { ...full, budget });
    this.eiCandidates = full.eiCandidates;
    this.multivariate = full.multivariate;
    this.objectives = init.objectives !== undefined && init.objectives.length >= 2 ? init.objectives : undefined;
  }

  protected model(n: number, history: readonly TrialView[], pending: readonly TrialView[]): Params | undefined {
    if (this.objectives) return this.paretoModel(n, history, pending, this.objectives);
    const { ranked, failed } = rankObserved(history, this.direction, this.maxBudget);
    // As Optuna: random until startupTrials trials have a value (failed ones do not count).
    if (ranked.length < this.startupTrials) return undefined;
    const worst = [...failed, ...pending.map((t) => ({ number: t.number, params: t.params }))];
    return tpeSample(this.space, ranked, new Rng(deriveSeed(this.draws.seed, n)), { candidates: this.eiCandidates, multivariate: this.multivariate, worst });
  }

  /** model() with several objectives: the groups split by Pareto fronts and hypervolume (file comment). */
  private paretoModel(n: number, history: readonly TrialView[], pending: readonly TrialView[], objectives: readonly Objective[]): Params | undefined {
    const observed: (TpeObservation & { values: number[] })[] = [];
    const failed: TpeObservation[] = [];
    for (const t of history) {
      if (t.state === 'failed') failed.push({ number: t.number, params: t.params });
      if (t.state !== 'complete') continue;
      const values = objectiveVector(t, objectives);
      if (values) observed.push({ number: t.number, params: t.params, values });
    }
    if (observed.length < this.startupTrials) return undefined;
    const split = moTpeSplit(observed.map((o) => o.values), objectives.map((o) => o.direction), tpeGamma(observed.length));
    const toObservation = ({ number, params }: TpeObservation): TpeObservation => ({ number, params });
    const below = split.below.map((i) => toObservation(observed[i]!));
    const above = [...split.above.map((i) => toObservation(observed[i]!)), ...failed, ...pending.map(toObservation)].sort(byNumber);
    const groups = { below, belowWeights: split.weights, above };
    return tpeSampleGroups(this.space, groups, new Rng(deriveSeed(this.draws.seed, n)), { candidates: this.eiCandidates, multivariate: this.multivariate });
  }
}

export function tpe(space: Space, init: StrategyInit, options: TpeOptions): Tpe {
  return new Tpe(space, init, options);
}
