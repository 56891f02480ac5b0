/**
 * The `strategy` object of a study: which search algorithm, with its options.
 * A discriminated union on `type`; validateStrategy (validate-strategy.ts)
 * checks one, createStrategy (create-strategy.ts) builds the Strategy.
 *
 * The validators import this file's constants, so it imports none of theirs: in
 * a cycle, a constant can still be unset while a validator's module runs (it
 * was, when this file re-exported validateStrategy and was imported first).
 *
 * Budgets are in epochs (the study's resource). Grid, random, TPE, CMA-ES, GP and NSGA-II search train
 * every trial to the study budget given to createStrategy; the multi-fidelity
 * strategies carry their own minBudget/maxBudget.
 */

export interface GridSpec {
  type: 'grid';
  /** Stop trials early (absent: every trial trains to the budget); see TpeSpec.pruner. */
  pruner?: PrunerSpec;
  /** With a pruner that compares trials (median, percentile): trials that may run at once (integer ≥ 1, default 4); see TpeSpec. */
  maxConcurrent?: number;
}

export interface RandomSpec {
  type: 'random';
  /** Number of trials to sample (integer ≥ 1). */
  trials: number;
  /**
   * Where trials come from: seeded random draws (default), or point n of a scrambled Sobol
   * sequence (Optuna's QMCSampler), which covers the space more evenly (at most 64 params).
   */
  sampler?: 'random' | 'sobol';
  /** Stop trials early (absent: every trial trains to the budget); see TpeSpec.pruner. */
  pruner?: PrunerSpec;
  /** With a pruner that compares trials (median, percentile): trials that may run at once (integer ≥ 1, default 4); see TpeSpec. */
  maxConcurrent?: number;
}

export interface SuccessiveHalvingSpec {
  type: 'successive-halving';
  /**
   * Trials in rung 0 (integer ≥ 1; ≤ the grid size with the grid sampler), or "exhaust" in a study file
   * with maxEpochs: the most candidates whose plan trains at most maxEpochs epochs (scikit-learn's
   * n_candidates="exhaust" for a budget of epochs). normalizeStudy turns it into the count
   * (exhaust-count.ts); a strategy is only ever built with the count.
   */
  candidates: number | 'exhaust';
  /** η: rung i+1 keeps 1/η of rung i and trains η times longer (number ≥ 2, default 3). */
  reductionFactor?: number;
  /**
   * Budget of rung 0 (integer ≥ 1, default 1), or "exhaust" in a study file: the largest from which the ladder halves
   * `candidates` to fewer than η by maxBudget (scikit-learn's min_resources="exhaust"; exhaust-min-budget.ts).
   * The strategy works it out itself; normalizeStudy does too, to store the number and say what it came to.
   */
  minBudget?: number | 'exhaust';
  /** Budget of the last rung (integer ≥ minBudget). */
  maxBudget: number;
  /**
   * Where candidates come from: random samples (default), grid cells, the points of a scrambled Sobol sequence (as
   * random search's), or TPE over the first-rung values of the candidates before (halving-tpe.ts).
   */
  sampler?: 'random' | 'grid' | 'sobol' | 'tpe';
  /** Promoted trials continue from their checkpoint (default true). */
  warmStart?: boolean;
  /**
   * When the ladder is too short to halve the candidates to fewer than η, repeat rung 0's cut as often as it takes
   * (scikit-learn's aggressive_elimination; default false: the last rung keeps ⌊n/η^(rungs−1)⌋).
   */
  aggressiveElimination?: boolean;
  /** With sampler "tpe" only: candidates with a first-rung value before the model takes over (integer ≥ 1, default 10). */
  startupTrials?: number;
  /** With sampler "tpe" only: candidates drawn per param (per point when multivariate) (integer ≥ 1, default 24). */
  eiCandidates?: number;
  /** With sampler "tpe" only: one joint model over all params (default false). */
  multivariate?: boolean;
  /** With sampler "tpe" only: candidate n learns from candidates 0 … n − maxConcurrent (integer ≥ 1, default 4), as TpeSpec's. */
  maxConcurrent?: number;
}

export interface HyperbandSpec {
  type: 'hyperband';
  reductionFactor?: number;
  /** Budget of the smallest bracket's first rung, r (integer ≥ 1, default 1). */
  minBudget?: number;
  maxBudget: number;
  /**
   * Hyperband's outer loop (Li et al. 2018): the brackets run this many times over, each time with
   * candidates of their own, all in the pool together (integer ≥ 1, default 1); or "exhaust" in a
   * study file with maxEpochs: as many as fit in it (exhaust-count.ts), as Ray Tune's
   * HyperBandScheduler makes brackets while trials remain.
   */
  iterations?: number | 'exhaust';
  /** Where candidates come from: random draws (default), the study's Sobol sequence (trial n its point n), or TPE (as SuccessiveHalvingSpec's). */
  sampler?: 'random' | 'sobol' | 'tpe';
  warmStart?: boolean;
  /** With sampler "tpe" only: as SuccessiveHalvingSpec's. */
  startupTrials?: number;
  eiCandidates?: number;
  multivariate?: boolean;
  maxConcurrent?: number;
}

export interface AshaSpec {
  type: 'asha';
  /** Number of trials to start (integer ≥ 1). */
  trials: number;
  reductionFactor?: number;
  /** Budget of rung 0 (integer ≥ 1, default 1, as Ray Tune's grace_period). */
  minBudget?: number;
  maxBudget: number;
  /** Brackets of asynchronous Hyperband (1 = plain ASHA, the default; at most the number of rungs). */
  brackets?: number;
  /**
   * Where new trials come from: random draws (default), the study's Sobol sequence (trial n its
   * point n), or TPE over the results so far, as Optuna's TPESampler with a pruner (params then
   * depend on the order results arrive in).
   */
  sampler?: 'random' | 'tpe' | 'sobol';
  warmStart?: boolean;
  /** With sampler "tpe" only: trials with a value before the model takes over (integer ≥ 1, default 10, as TpeSpec's). */
  startupTrials?: number;
  /** With sampler "tpe" only: candidates drawn per param (per point when multivariate) (integer ≥ 1, default 24). */
  eiCandidates?: number;
  /** With sampler "tpe" only: one joint model over all params (default false). */
  multivariate?: boolean;
}

/** ASHA's options that only its TPE sampler reads. */
export const ASHA_TPE_OPTIONS = ['startupTrials', 'eiCandidates', 'multivariate'] as const satisfies readonly (keyof AshaSpec)[];

/** The options that only the TPE sampler of successive halving and Hyperband reads: ASHA's, and the lag of the draws' history. */
export const HALVING_TPE_OPTIONS = [...ASHA_TPE_OPTIONS, 'maxConcurrent'] as const satisfies readonly (keyof SuccessiveHalvingSpec & keyof HyperbandSpec)[];

export interface TpeSpec {
  type: 'tpe';
  /** Number of trials (integer ≥ 1). */
  trials: number;
  /** Trials drawn at random before the model takes over (integer ≥ 1, default 10, as Optuna). */
  startupTrials?: number;
  /**
   * Model-based trials that may run at once (integer ≥ 1, default 4): trial n
   * learns from trials 0 … n − maxConcurrent, whatever the thread count.
   */
  maxConcurrent?: number;
  /** Candidates drawn per param (per point when multivariate), of which the most promising is kept (integer ≥ 1, default 24). */
  eiCandidates?: number;
  /** One joint model over all params, which sees how they interact, instead of one per param (default false, as Optuna). */
  multivariate?: boolean;
  /**
   * Stop trials early (absent: every trial trains to the budget). Trial n compares itself, step
   * by step, with the complete trials of its history (trials 0 … n − maxConcurrent), so it
   * prunes the same way on any thread count; the patience pruner looks only at the trial itself.
   */
  pruner?: PrunerSpec;
}

export interface CmaEsSpec {
  type: 'cmaes';
  /** Number of trials (integer ≥ 1). */
  trials: number;
  /** λ, the trials of one generation (integer ≥ 2; default 4 + ⌊3 ln d⌋, d the params CMA-ES searches). */
  popsize?: number;
  /** The initial step size σ0 in the unit cube every searched range is mapped to (number in (0, 1], default 1/6, as Optuna). */
  sigma0?: number;
  /** Where the search starts (Optuna's x0): values of searched params; the others start at the middle of their range. */
  x0?: Record<string, number>;
  /** Stop trials early, as on TPE; a trial's history is trials 0 … n − popsize (the generations before its own). */
  pruner?: PrunerSpec;
}

export interface GpSpec {
  type: 'gp';
  /** Number of trials (integer ≥ 1). */
  trials: number;
  /** Trials drawn at random before the model takes over (integer ≥ 1, default 10, as Optuna's GPSampler). */
  startupTrials?: number;
  /** Model-based trials that may run at once (integer ≥ 1, default 4): trial n learns from trials 0 … n − maxConcurrent, as TPE's. */
  maxConcurrent?: number;
  /** The objective returns the same value for the same params: the GP's noise stays at its minimum (default false, as Optuna's deterministic_objective). */
  deterministicObjective?: boolean;
  /** Stop trials early, as on TPE. The GP learns from complete trials only (as Optuna's). */
  pruner?: PrunerSpec;
}

export interface Nsga2Spec {
  type: 'nsga2';
  /** Number of trials (integer ≥ 1). */
  trials: number;
  /** λ, the trials of one generation and the size of the elite population (integer ≥ 2, default 50, as Optuna's population_size). */
  popsize?: number;
  /** Probability that a child is bred by uniform crossover of two parents rather than copied from one (number in [0, 1], default 0.9, as Optuna). */
  crossoverProb?: number;
  /** In a crossover, Optuna 3.1's swapping_prob: a param comes from the second parent when a uniform draw is >= it (number in [0, 1], default 0.5). */
  swappingProb?: number;
  /** Probability that each param of a child is replaced by its random draw (number in [0, 1]; default 1 / the params that can take more than one value, as Optuna's None). */
  mutationProb?: number;
}

export interface PbtSpec {
  type: 'pbt';
  /** Members trained side by side (integer >= 2; Ray Tune's num_samples). */
  population: number;
  /** Epochs between two exploit-and-explore steps (integer >= 1, below maxBudget; Ray Tune's perturbation_interval). */
  interval: number;
  /** Epochs each member trains in all (integer >= 1). */
  maxBudget: number;
  /** The params a replacement changes from its donor's (Ray Tune's hyperparam_mutations); the others are copied. */
  mutate: string[];
  /** The share of the population replaced at each step, and the share its donors come from (number in (0, 0.5], default 0.25, as Ray's quantile_fraction). */
  quantile?: number;
  /** Probability that a mutated param is redrawn from the space rather than perturbed (number in [0, 1], default 0.25, as Ray). */
  resampleProbability?: number;
  /** The factors a perturbed float or int is multiplied by, one picked at random (positive numbers, default [1.2, 0.8], as Ray). */
  perturbationFactors?: number[];
  /** No member is replaced at a boundary before this epoch (integer >= 0, below maxBudget, default 0, as Ray's burn_in_period). */
  burnIn?: number;
}

/** Options of the pruners that compare a trial with the complete trials of its history. */
interface HistoryPrunerOptions {
  /** Complete trials (of the trial's history) before anything is pruned (integer ≥ 0, default 5, as Optuna). */
  startupTrials?: number;
  /** Steps (epochs) below this are never pruned (integer ≥ 0, default 0, as Optuna's n_warmup_steps over the same step numbers). */
  warmupSteps?: number;
  /** Complete trials with a value (NaN counts) at a step for it to prune there (integer ≥ 1, default 1, as Optuna's n_min_trials). */
  minTrials?: number;
}

/** Optuna's MedianPruner (interval 1): stop a trial whose best value so far is worse than the complete trials' median at the same step. */
export interface MedianPrunerSpec extends HistoryPrunerOptions {
  type: 'median';
}

/** Optuna's PercentilePruner (interval 1): as the median pruner, at the `percentile`-th best of the complete trials' values instead. */
export interface PercentilePrunerSpec extends HistoryPrunerOptions {
  type: 'percentile';
  /** In [0, 100]: 25 keeps trials within the best quarter at each step (in the study's direction), 50 is the median pruner. */
  percentile: number;
}

/** A pruner that compares a trial with the complete trials of its history. */
export type HistoryPrunerSpec = MedianPrunerSpec | PercentilePrunerSpec;

/**
 * Optuna's PatientPruner: stop a trial at the first step where the best of its last `patience` + 1
 * values is worse than its best before them by more than `minDelta` (early stopping on its own
 * learning curve); with `wrapped`, only where that pruner would stop it too.
 */
export interface PatiencePrunerSpec {
  type: 'patience';
  /** Steps without improvement tolerated (integer ≥ 0): the trial stops at the (patience + 1)-th. */
  patience: number;
  /** A tolerance (number ≥ 0, default 0): values worse than the best before by at most this still count as holding on. */
  minDelta?: number;
  /** The median or percentile pruner that must also say stop (absent: patience alone decides). */
  wrapped?: HistoryPrunerSpec;
}

export type PrunerSpec = HistoryPrunerSpec | PatiencePrunerSpec;

export type PrunerType = PrunerSpec['type'];

export const PRUNER_TYPES: readonly PrunerType[] = ['median', 'percentile', 'patience'];

/** The strategies that take a `pruner` (the halving ones stop trials at their rungs instead). */
export const PRUNED_TYPES: readonly StrategyType[] = ['grid', 'random', 'tpe', 'cmaes', 'gp'];

export type StrategySpec = GridSpec | RandomSpec | SuccessiveHalvingSpec | HyperbandSpec | AshaSpec | TpeSpec | CmaEsSpec | GpSpec | Nsga2Spec | PbtSpec;

export type StrategyType = StrategySpec['type'];

export const STRATEGY_TYPES: readonly StrategyType[] = ['grid', 'random', 'successive-halving', 'hyperband', 'asha', 'tpe', 'cmaes', 'gp', 'nsga2', 'pbt'];

/** The sampler each strategy that takes one accepts, the default first. */
export const SAMPLERS: Partial<Record<StrategyType, readonly string[]>> = {
  random: ['random', 'sobol'],
  'successive-halving': ['random', 'grid', 'sobol', 'tpe'],
  hyperband: ['random', 'sobol', 'tpe'],
  asha: ['random', 'tpe', 'sobol'],
};

/**
 * The strategies a multi-objective study may use: those whose draws do not rank trials by one value,
 * nsga2, which ranks them by Pareto dominance, and tpe, which splits them by Pareto fronts and hypervolume
 * (Optuna 3.1's multi-objective TPESampler). Pruners are refused there, as Optuna does.
 */
export const MULTI_OBJECTIVE_TYPES: readonly StrategyType[] = ['grid', 'random', 'tpe', 'nsga2'];

/** The strategies that train trials in rungs, from minBudget up to maxBudget (grid and random train each to the study budget). */
export const MULTI_FIDELITY_TYPES: readonly StrategyType[] = ['successive-halving', 'hyperband', 'asha'];

/** The strategies that train each trial up to their own maxBudget (not the study's task.epochs or budget). */
export const OWN_BUDGET_TYPES: readonly StrategyType[] = [...MULTI_FIDELITY_TYPES, 'pbt'];

export { DEFAULT_MIN_BUDGET, DEFAULT_REDUCTION_FACTOR } from './rung-budgets.js';

/**
 * A strategy spec whose counts are all numbers: "exhaust" (successive halving's candidates and minBudget, Hyperband's
 * iterations) turned into its number, and a halving strategy's minBudget given (its default filled; normalizeStudy).
 */
export type ResolvedStrategySpec =
  | Exclude<StrategySpec, SuccessiveHalvingSpec | HyperbandSpec | AshaSpec>
  | (SuccessiveHalvingSpec & { candidates: number; minBudget: number })
  | (HyperbandSpec & { iterations?: number; minBudget: number })
  | (AshaSpec & { minBudget: number });

/** The options of a strategy type (its spec without `type`). */
export type StrategyOptions<T extends StrategyType> = Omit<Extract<StrategySpec, { type: T }>, 'type'>;
