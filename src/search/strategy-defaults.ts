/**
 * A strategy spec with every option it left out filled with its default, so
 * that two specs that run the same search compare equal (resuming a study
 * whose file now spells out a default is not a change).
 */
import { DEFAULT_MIN_BUDGET, DEFAULT_REDUCTION_FACTOR } from './rung-budgets.js';
import { DEFAULT_PRUNER_MIN_TRIALS, DEFAULT_PRUNER_STARTUP_TRIALS, DEFAULT_PRUNER_WARMUP_STEPS } from './percentile-stop.js';
import type { AshaSpec, ASHA_TPE_OPTIONS, HALVING_TPE_OPTIONS, HistoryPrunerSpec, HyperbandSpec, SuccessiveHalvingSpec, PatiencePrunerSpec, PrunerSpec, RandomSpec, StrategySpec } from './strategy-spec.js';
import { DEFAULT_EI_CANDIDATES, DEFAULT_STARTUP_TRIALS } from './tpe-sample.js';

/** TPE's model-based trials (and trials a comparing pruner checks against their history) that may run at once. */
export const DEFAULT_MAX_CONCURRENT = 4;

/** CMA-ES's initial step size on the unit box: a sixth of each range (later Optuna's min(range) / 6 on its unit box). */
export const DEFAULT_CMA_SIGMA0 = 1 / 6;

/** NSGA-II's options at their defaults (Optuna 3.1's NSGAIISampler); mutationProb's depends on the space (nsga2.ts). */
export const NSGA2_DEFAULTS = { popsize: 50, crossoverProb: 0.9, swappingProb: 0.5 };

/** PBT's options at their defaults (Ray Tune's PopulationBasedTraining). */
export const PBT_DEFAULTS = { quantile: 0.25, resampleProbability: 0.25, perturbationFactors: [1.2, 0.8], burnIn: 0 };

/** A median or percentile pruner with every option filled. */
export type FullHistoryPruner = HistoryPrunerSpec extends infer P ? (P extends HistoryPrunerSpec ? Required<P> : never) : never;

/** A pruner with every option filled (a patience pruner's `wrapped` stays optional: none unless asked for). */
export type FullPruner = FullHistoryPruner | (Required<Omit<PatiencePrunerSpec, 'wrapped'>> & { wrapped?: FullHistoryPruner });

/** TPE's model options at their defaults (Optuna's), for TPE and for ASHA's TPE sampler. */
const TPE_MODEL_DEFAULTS = { startupTrials: DEFAULT_STARTUP_TRIALS, eiCandidates: DEFAULT_EI_CANDIDATES, multivariate: false };

/** A halving strategy with its defaults: the TPE sampler's options (`keys`) are there (filled) with that sampler only. */
type TpeSamplerWithDefaults<S extends { sampler?: string }, K extends keyof S> =
  | (Required<Omit<S, K>> & { sampler: Exclude<NonNullable<S['sampler']>, 'tpe'> })
  | (Required<S> & { sampler: 'tpe' });

type AshaWithDefaults = TpeSamplerWithDefaults<AshaSpec, (typeof ASHA_TPE_OPTIONS)[number]>;
type SuccessiveHalvingWithDefaults = TpeSamplerWithDefaults<SuccessiveHalvingSpec, (typeof HALVING_TPE_OPTIONS)[number]>;
type HyperbandWithDefaults = TpeSamplerWithDefaults<HyperbandSpec, (typeof HALVING_TPE_OPTIONS)[number]>;

/**
 * Every option with a default filled in; an option without one (a pruner: none unless asked for) stays optional, its
 * own options filled. Grid and random take maxConcurrent only with a pruner that compares trials, so theirs stays optional;
 * random's sampler is filled ("random").
 */
export type WithDefaults<T> = T extends { type: 'random' }
  ? Omit<T, 'pruner' | 'sampler'> & { sampler: NonNullable<RandomSpec['sampler']>; pruner?: FullPruner }
  : T extends { type: 'grid' }
  ? Omit<T, 'pruner'> & { pruner?: FullPruner }
  : T extends { type: 'cmaes' }
    ? Required<Omit<T, 'popsize' | 'pruner' | 'x0'>> & { popsize?: number; pruner?: FullPruner; x0?: Record<string, number> }
  : T extends { type: 'nsga2' }
    ? Required<Omit<T, 'mutationProb'>> & { mutationProb?: number }
  : T extends { type: 'asha' }
    ? AshaWithDefaults
  : T extends { type: 'successive-halving' }
    ? SuccessiveHalvingWithDefaults
  : T extends { type: 'hyperband' }
    ? HyperbandWithDefaults
    : T extends unknown
      ? Required<Omit<T, 'pruner'>> & ('pruner' extends keyof T ? { pruner?: FullPruner } : unknown)
      : never;

export function strategyWithDefaults<T extends StrategySpec>(spec: T): WithDefaults<T> {
  return filled(spec) as WithDefaults<T>;
}

/** A pruner with its defaults (Optuna's). */
export function prunerWithDefaults(spec: PrunerSpec): FullPruner {
  if (spec.type === 'patience') {
    const { type, wrapped, ...rest } = spec;
    return { type, minDelta: 0, ...rest, ...(wrapped ? { wrapped: historyPrunerWithDefaults(wrapped) } : {}) };
  }
  return historyPrunerWithDefaults(spec);
}

function historyPrunerWithDefaults(spec: HistoryPrunerSpec): FullHistoryPruner {
  // `type` first, so a changed pruner reads {"type":"median",…} in a resume's message.
  const { type, ...rest } = spec;
  const options = { startupTrials: DEFAULT_PRUNER_STARTUP_TRIALS, warmupSteps: DEFAULT_PRUNER_WARMUP_STEPS, minTrials: DEFAULT_PRUNER_MIN_TRIALS };
  return { type, ...options, ...rest } as FullHistoryPruner;
}

/** The pruner that compares a trial with its history (median, percentile, or the one a patience pruner wraps), if any. */
export function historyPrunerOf(pruner: FullPruner | undefined): FullHistoryPruner | undefined {
  return pruner?.type === 'patience' ? pruner.wrapped : pruner;
}

function filled(spec: StrategySpec): StrategySpec {
  switch (spec.type) {
    case 'grid':
    case 'random': {
      const full = spec.type === 'random' ? { sampler: 'random' as const, ...spec } : spec;
      if (!full.pruner) return full;
      const pruner = prunerWithDefaults(full.pruner);
      // maxConcurrent only matters (and is only accepted) with a pruner that compares trials.
      return historyPrunerOf(pruner) ? { maxConcurrent: DEFAULT_MAX_CONCURRENT, ...full, pruner } : { ...full, pruner };
    }
    case 'successive-halving':
    case 'hyperband':
      // As ASHA's: the TPE sampler's options are filled with that sampler only (validateStrategy refuses them otherwise).
      return {
        reductionFactor: DEFAULT_REDUCTION_FACTOR,
        minBudget: DEFAULT_MIN_BUDGET,
        ...(spec.type === 'hyperband' ? { iterations: 1 } : { aggressiveElimination: false }),
        sampler: 'random',
        warmStart: true,
        ...(spec.sampler === 'tpe' ? { ...TPE_MODEL_DEFAULTS, maxConcurrent: DEFAULT_MAX_CONCURRENT } : {}),
        ...spec,
      };
    case 'asha':
      // The random sampler reads no TPE option (validateStrategy refuses them there): none is filled.
      return { reductionFactor: DEFAULT_REDUCTION_FACTOR, minBudget: DEFAULT_MIN_BUDGET, brackets: 1, sampler: 'random', warmStart: true, ...(spec.sampler === 'tpe' ? TPE_MODEL_DEFAULTS : {}), ...spec };
    case 'cmaes': {
      // popsize's default depends on the space (4 + ⌊3 ln d⌋): cmaes.ts fills it.
      const full = { sigma0: DEFAULT_CMA_SIGMA0, ...spec };
      return spec.pruner ? { ...full, pruner: prunerWithDefaults(spec.pruner) } : full;
    }
    case 'pbt':
      return { ...PBT_DEFAULTS, perturbationFactors: [...PBT_DEFAULTS.perturbationFactors], ...spec };
    case 'nsga2':
      // mutationProb's default depends on the space (1 / the params that can take more than one value): nsga2.ts fills it.
      return { ...NSGA2_DEFAULTS, ...spec };
    case 'tpe': {
      const full = { ...TPE_MODEL_DEFAULTS, maxConcurrent: DEFAULT_MAX_CONCURRENT, ...spec };
      return spec.pruner ? { ...full, pruner: prunerWithDefaults(spec.pruner) } : full;
    }
    case 'gp': {
      const full = { startupTrials: DEFAULT_STARTUP_TRIALS, maxConcurrent: DEFAULT_MAX_CONCURRENT, deterministicObjective: false, ...spec };
      return spec.pruner ? { ...full, pruner: prunerWithDefaults(spec.pruner) } : full;
    }
  }
}
