/**
 * A strategy spec with every option it left out filled with its default, so
 * that two specs that run the same search compare equal (resuming a study
 * whose file now spells out a default is not a change).
 */
import { DEFAULT_REDUCTION_FACTOR } from './rung-budgets.js';
import { DEFAULT_PRUNER_STARTUP_TRIALS, DEFAULT_PRUNER_WARMUP_STEPS } from './median-stop.js';
import type { AshaSpec, ASHA_TPE_OPTIONS, MedianPrunerSpec, StrategySpec } from './strategy-spec.js';
import { DEFAULT_EI_CANDIDATES, DEFAULT_STARTUP_TRIALS } from './tpe-sample.js';

/** TPE's model-based trials that may run at once. */
export const DEFAULT_MAX_CONCURRENT = 4;

/** TPE's model options at their defaults (Optuna's), for TPE and for ASHA's TPE sampler. */
const TPE_MODEL_DEFAULTS = { startupTrials: DEFAULT_STARTUP_TRIALS, eiCandidates: DEFAULT_EI_CANDIDATES, multivariate: false };

/** ASHA with its defaults: TPE's options are there (filled) with the TPE sampler only. */
type AshaWithDefaults =
  | (Required<Omit<AshaSpec, (typeof ASHA_TPE_OPTIONS)[number]>> & { sampler: 'random' })
  | (Required<AshaSpec> & { sampler: 'tpe' });

/** Every option with a default filled in; an option without one (TPE's pruner: none unless asked for) stays optional, its own options filled. */
export type WithDefaults<T> = T extends unknown
  ? T extends { type: 'asha' }
    ? AshaWithDefaults
    : Required<Omit<T, 'pruner'>> & ('pruner' extends keyof T ? { pruner?: Required<MedianPrunerSpec> } : unknown)
  : never;

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
      // The random sampler reads no TPE option (validateStrategy refuses them there): none is filled.
      return { reductionFactor: DEFAULT_REDUCTION_FACTOR, brackets: 1, sampler: 'random', warmStart: true, ...(spec.sampler === 'tpe' ? TPE_MODEL_DEFAULTS : {}), ...spec };
    case 'tpe': {
      const full = { ...TPE_MODEL_DEFAULTS, maxConcurrent: DEFAULT_MAX_CONCURRENT, ...spec };
      return spec.pruner ? { ...full, pruner: prunerWithDefaults(spec.pruner) } : full;
    }
  }
}
