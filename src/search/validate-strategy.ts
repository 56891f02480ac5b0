/**
 * Validation of a `strategy` object (StrategySpec), every problem at once,
 * in the style of validateSpace: the path, the rule, the value. E.g.
 *
 *   strategy.reductionFactor must be a number >= 2 (got 1)
 *   strategy.minBudget must be <= maxBudget (got minBudget 10, maxBudget 5)
 *   strategy has unknown key "reductionfactor" (did you mean "reductionFactor"? allowed: …)
 *
 * Grid search and the grid sampler of successive halving also need a
 * gridable space (validateGridable), and the grid sampler needs
 * candidates ≤ the number of grid cells. The space itself is assumed to have
 * passed validateSpace.
 */
import { ValidationError } from '../errors.js';
import { didYouMean, formatValue, isRecord, unknownKeyIssues } from '../format-value.js';
import { cmaParams, cmaPopsize } from './cma-params.js';
import { gpParams } from './gp-sample.js';
import { gridSize } from './grid-points.js';
import type { Space } from './space.js';
import { DEFAULT_MIN_BUDGET, DEFAULT_REDUCTION_FACTOR, rungBudgets } from './rung-budgets.js';
import { SOBOL_MAX_DIMS } from './sobol.js';
import { EXHAUST_OPTIONS } from './exhaust-options.js';
import { ASHA_TPE_OPTIONS, HALVING_TPE_OPTIONS, MULTI_FIDELITY_TYPES, PRUNED_TYPES, SAMPLERS, type StrategyType } from './strategy-spec.js';
import { DEFAULT_MAX_CONCURRENT } from './strategy-defaults.js';
import { pbtBoundaries } from './pbt-generations.js';
import { prunerIssues, type PrunedTrials } from './validate-pruner.js';
import { validateGridable, validateSpace } from './validate-space.js';

const KEYS: Record<StrategyType, readonly string[]> = {
  grid: ['type', 'pruner', 'maxConcurrent'],
  random: ['type', 'trials', 'sampler', 'pruner', 'maxConcurrent'],
  'successive-halving': ['type', 'candidates', 'reductionFactor', 'minBudget', 'maxBudget', 'sampler', 'warmStart', 'aggressiveElimination', ...HALVING_TPE_OPTIONS],
  hyperband: ['type', 'reductionFactor', 'minBudget', 'maxBudget', 'iterations', 'sampler', 'warmStart', ...HALVING_TPE_OPTIONS],
  asha: ['type', 'trials', 'reductionFactor', 'minBudget', 'maxBudget', 'brackets', 'sampler', 'warmStart', ...ASHA_TPE_OPTIONS],
  tpe: ['type', 'trials', 'startupTrials', 'maxConcurrent', 'eiCandidates', 'multivariate', 'pruner'],
  cmaes: ['type', 'trials', 'popsize', 'sigma0', 'x0', 'pruner'],
  gp: ['type', 'trials', 'startupTrials', 'maxConcurrent', 'deterministicObjective', 'pruner'],
  nsga2: ['type', 'trials', 'popsize', 'crossoverProb', 'swappingProb', 'mutationProb'],
  pbt: ['type', 'population', 'interval', 'maxBudget', 'mutate', 'quantile', 'resampleProbability', 'perturbationFactors', 'burnIn'],
};

/** Ray Tune's PopulationBasedTraining arguments, and the pbt option each is. */
const RAY_PBT_NAMES: Readonly<Record<string, string>> = {
  perturbation_interval: 'interval',
  hyperparam_mutations: 'mutate',
  quantile_fraction: 'quantile',
  resample_probability: 'resampleProbability',
  perturbation_factors: 'perturbationFactors',
  burn_in_period: 'burnIn',
  num_samples: 'population',
  max_t: 'maxBudget',
};

/** NSGA-II's probabilities. */
const NSGA2_PROBABILITIES = ['crossoverProb', 'swappingProb', 'mutationProb'] as const;

const TYPES = Object.keys(KEYS) as StrategyType[];
const MAX_EI_CANDIDATES = 10_000;
const TYPE_LIST = TYPES.map((t) => `"${t}"`).join(', ');

/** What successive halving's minBudget may be besides a number. */
const MIN_BUDGET_EXHAUST = '"exhaust" (the largest from which the candidates halve to fewer than η by maxBudget)';

/** Every problem of `spec` (empty when valid). */
/** `budget`, when known: the epochs TPE trains each trial to (its pruner's warmup must be below it). */
export function validateStrategy(spec: unknown, space: Space, path = 'strategy', budget?: unknown): string[] {
  if (!isRecord(spec)) return [`${path} must be an object with a "type" (one of ${TYPE_LIST}) (got ${formatValue(spec)})`];
  const type = spec['type'];
  if (type === undefined) return [`${path}.type is required: one of ${TYPE_LIST}`];
  if (typeof type !== 'string' || !(TYPES as readonly string[]).includes(type)) {
    return [`${path}.type must be one of ${TYPE_LIST} (got ${formatValue(type)})`];
  }
  const t = type as StrategyType;
  // The checks that read the space (grid cells, CMA-ES's params, x0) only run on a valid one; it is validated once here.
  const spaceOk = validateSpace(space).length === 0;
  const issues: string[] = [];
  if (spec['pruner'] !== undefined && !PRUNED_TYPES.includes(t)) {
    // Before the generic unknown-key message: say why, and where a pruner goes.
    const why =
      t === 'nsga2'
        ? 'NSGA-II is for multi-objective studies, which take no pruner (as Optuna)'
        : t === 'pbt'
          ? 'PBT replaces its worst members at every interval'
          : 'a halving strategy stops trials at its rungs';
    issues.push(`${path}.pruner is not an option of "${t}": ${why}; a pruner is for ${PRUNED_TYPES.map((x) => `"${x}"`).join(', ')}`);
  }
  if (spec['sampler'] !== undefined && SAMPLERS[t] === undefined) {
    const takers = Object.entries(SAMPLERS).map(([x, samplers]) => `"${x}" (${samplers!.map((v) => `"${v}"`).join(', ')})`);
    issues.push(`${path}.sampler is not an option of "${t}": a sampler is for ${takers.join(', ')}`);
  }
  // The pruner and the sampler, when not this strategy's, are reported above.
  const reported = [...(PRUNED_TYPES.includes(t) ? [] : ['pruner']), ...(SAMPLERS[t] ? [] : ['sampler'])];
  // A key of another strategy: say whose it is, rather than guess a near name ("eiCandidates" is not "candidates").
  for (const key of Object.keys(spec)) {
    const owners = TYPES.filter((x) => KEYS[x].includes(key));
    if (KEYS[t].includes(key) || reported.includes(key) || owners.length === 0) continue;
    reported.push(key);
    issues.push(`${path}.${key} is not an option of "${t}" but of ${owners.map((x) => `"${x}"`).join(', ')} (allowed here: ${KEYS[t].join(', ')})`);
  }
  // Ray Tune's names for PBT's options (a user coming from PopulationBasedTraining writes them): say what rungs calls them.
  if (t === 'pbt') {
    for (const [ray, ours] of Object.entries(RAY_PBT_NAMES)) {
      if (spec[ray] === undefined || reported.includes(ray)) continue;
      reported.push(ray);
      issues.push(`${path}.${ray} is Ray Tune's name: rungs calls it "${ours}" (allowed here: ${KEYS.pbt.join(', ')})`);
    }
  }
  issues.push(...unknownKeyIssues(without(spec, reported), KEYS[t], path));

  /** `or`: what else the option may be, e.g. `"exhaust" (…)`. */
  const positiveInt = (key: string, required: boolean, or?: string): number | undefined => {
    const v = spec[key];
    if (v === undefined) {
      if (required) issues.push(`${path}.${key} is required (an integer >= 1${or ? `, or ${or}` : ''})`);
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      issues.push(`${path}.${key} must be an integer >= 1${or ? ` or ${or}` : ''} (got ${formatValue(v)})`);
      return undefined;
    }
    return v;
  };
  /** An optional or required count that may also be "exhaust", a number the study works out (`or` says how). */
  const positiveIntOrExhaust = (key: string, required: boolean, or: string): number | undefined => (spec[key] === 'exhaust' ? undefined : positiveInt(key, required, or));
  const boolean = (key: string): void => {
    const v = spec[key];
    if (v !== undefined && typeof v !== 'boolean') issues.push(`${path}.${key} must be true or false (got ${formatValue(v)})`);
  };
  /** The key's value when it is one of `allowed` or absent (undefined). */
  const oneOf = (key: string, allowed: readonly string[]): unknown => {
    const v = spec[key];
    if (v !== undefined && !allowed.includes(v as string)) issues.push(`${path}.${key} must be ${allowed.map((a) => `"${a}"`).join(' or ')} (got ${formatValue(v)})`);
    return v;
  };

  /** TPE's model options, of TPE and of the halving strategies' TPE sampler (ASHA's has no maxConcurrent: it draws from every result in). */
  const tpeModel = (): void => {
    positiveInt('startupTrials', false);
    if (t !== 'asha') positiveInt('maxConcurrent', false);
    // Each candidate costs a density evaluation per observation, on the main thread: a bound keeps a typo from stalling a run.
    const ei = positiveInt('eiCandidates', false);
    if (ei !== undefined && ei > MAX_EI_CANDIDATES) issues.push(`${path}.eiCandidates must be <= ${MAX_EI_CANDIDATES} (got ${ei})`);
    boolean('multivariate');
  };

  if (t === 'random' || t === 'asha' || t === 'tpe' || t === 'cmaes' || t === 'gp' || t === 'nsga2') positiveInt('trials', true);
  if (t === 'cmaes' || t === 'nsga2') {
    const popsize = spec['popsize'];
    // λ = 1 leaves CMA-ES μ = 0 points to move the mean towards, and NSGA-II one parent to breed from.
    if (popsize !== undefined && (typeof popsize !== 'number' || !Number.isInteger(popsize) || popsize < 2)) {
      issues.push(`${path}.popsize must be an integer >= 2 (got ${formatValue(popsize)})`);
    }
  }
  if (t === 'nsga2') {
    for (const key of NSGA2_PROBABILITIES) {
      const v = spec[key];
      if (v !== undefined && (typeof v !== 'number' || !(v >= 0 && v <= 1))) issues.push(`${path}.${key} must be a probability, a number from 0 to 1 (got ${formatValue(v)})`);
    }
  }
  if (t === 'gp') {
    positiveInt('startupTrials', false);
    positiveInt('maxConcurrent', false);
    boolean('deterministicObjective');
    if (spaceOk && gpParams(space).length === 0) {
      issues.push(`${path}.type "gp" needs a param without "when" that has more than one value to search; the space has none (conditional params are drawn at random): use "random"`);
    }
  }
  if (t === 'cmaes') {
    const sigma0 = spec['sigma0'];
    if (sigma0 !== undefined && (typeof sigma0 !== 'number' || !Number.isFinite(sigma0) || sigma0 <= 0 || sigma0 > 1)) {
      issues.push(`${path}.sigma0 must be a number in (0, 1], a step size on the unit box every range is mapped to (got ${formatValue(sigma0)})`);
    }
    if (spaceOk && cmaParams(space).length === 0) {
      issues.push(`${path}.type "cmaes" needs a float or int param with a range (low < high) and no "when" to search; the space has none (its categorical and conditional params are drawn at random): use "tpe" or "random"`);
    }
    if (spec['x0'] !== undefined && spaceOk) issues.push(...x0Issues(spec['x0'], `${path}.x0`, space));
  }
  if (MULTI_FIDELITY_TYPES.includes(t)) {
    const sampler = spec['sampler'];
    if (sampler === 'tpe') tpeModel();
    else {
      const which = sampler === undefined ? '"random", the default' : formatValue(sampler);
      for (const key of t === 'asha' ? ASHA_TPE_OPTIONS : HALVING_TPE_OPTIONS) if (spec[key] !== undefined) issues.push(`${path}.${key} has no effect unless sampler is "tpe" (sampler is ${which})`);
    }
  }
  if (t === 'tpe') tpeModel();
  if (t === 'grid' || t === 'random') {
    const concurrent = positiveInt('maxConcurrent', false);
    const compares = isRecord(spec['pruner']) && (spec['pruner']['type'] === 'median' || spec['pruner']['type'] === 'percentile' || spec['pruner']['wrapped'] !== undefined);
    if (concurrent !== undefined && !compares) {
      issues.push(`${path}.maxConcurrent has no effect without a median or percentile pruner (only then does a trial wait on the trials before it; got ${concurrent})`);
    }
  }
  if (PRUNED_TYPES.includes(t) && spec['pruner'] !== undefined) {
    const cells = t === 'grid' && spaceOk && validateGridable(space).length === 0 ? gridSize(space) : undefined;
    const count = t === 'grid' ? cells : spec['trials'];
    // CMA-ES's history lags by a generation, λ (by default 4 + ⌊3 ln d⌋ for the d params it searches).
    const lag: PrunedTrials['lagName'] = t === 'cmaes' ? 'popsize' : 'maxConcurrent';
    const concurrent = spec[lag] === undefined ? (t === 'cmaes' ? cmaPopsize(undefined, space) : DEFAULT_MAX_CONCURRENT) : spec[lag];
    // Checked above; an invalid maxConcurrent leaves the pruner's reach unknown.
    const trials =
      typeof count === 'number' && Number.isInteger(concurrent) && (concurrent as number) >= 1
        ? { count, what: t === 'grid' ? "the grid's cells" : `${path}.trials`, maxConcurrent: concurrent as number, lagName: lag, concurrentWhat: `${path}.${lag}${spec[lag] === undefined ? ' (by default)' : ''}` }
        : undefined;
    issues.push(...prunerIssues(spec['pruner'], `${path}.pruner`, trials, budget));
  }
  if (t === 'pbt') issues.push(...pbtIssues(spec, space, path, spaceOk));
  let candidates: number | undefined;
  if (t === 'successive-halving') {
    // "exhaust" is a count to come: the study works it out from its maxEpochs (exhaust-count.ts).
    const v = spec['candidates'];
    if (v === undefined) issues.push(`${path}.candidates is required (an integer >= 1, or "exhaust": the most candidates whose plan fits in the study's maxEpochs)`);
    else if (typeof v === 'number' && Number.isInteger(v) && v >= 1) candidates = v;
    else if (v !== 'exhaust') issues.push(`${path}.candidates must be an integer >= 1 or "exhaust" (got ${formatValue(v)})`);
  }
  // "exhaust": as many iterations as fit in the study's maxEpochs (exhaust-count.ts).
  if (t === 'hyperband') positiveIntOrExhaust('iterations', false, '"exhaust" (as many as fit in the study\'s maxEpochs)');

  if (MULTI_FIDELITY_TYPES.includes(t)) {
    const eta = spec['reductionFactor'];
    if (eta !== undefined && (typeof eta !== 'number' || !Number.isFinite(eta) || eta < 2)) {
      issues.push(`${path}.reductionFactor must be a number >= 2 (got ${formatValue(eta)})`);
    }
    // Successive halving's "exhaust" is a budget to come: the study works it out from the candidates (exhaust-min-budget.ts).
    if (t === 'successive-halving' && spec['minBudget'] === 'exhaust' && spec['candidates'] === 'exhaust') {
      issues.push(
        `${path}.minBudget "exhaust" halves a number of candidates, and candidates "exhaust" costs a plan from a number minBudget: give one of them a number (scikit-learn refuses min_resources and n_candidates both "exhaust" too)`,
      );
    }
    const given = t === 'successive-halving' ? positiveIntOrExhaust('minBudget', false, MIN_BUDGET_EXHAUST) : positiveInt('minBudget', false);
    const min = spec['minBudget'] === undefined ? DEFAULT_MIN_BUDGET : given;
    const max = positiveInt('maxBudget', true);
    if (min !== undefined && max !== undefined && min > max) {
      issues.push(`${path}.minBudget must be <= maxBudget (got minBudget ${min}, maxBudget ${max})`);
    }
    boolean('warmStart');
    if (t === 'successive-halving') boolean('aggressiveElimination');
    if (t === 'asha' && spec['brackets'] !== undefined) {
      const brackets = positiveInt('brackets', false);
      const etaOk = eta === undefined || (typeof eta === 'number' && Number.isFinite(eta) && eta >= 2);
      if (brackets !== undefined && min !== undefined && max !== undefined && min <= max && etaOk) {
        const factor = (eta as number | undefined) ?? DEFAULT_REDUCTION_FACTOR;
        const rungs = rungBudgets(min, max, factor).length;
        if (brackets > rungs) {
          issues.push(
            `${path}.brackets must be <= ${rungs}, the number of rungs from minBudget ${min} to maxBudget ${max} with reductionFactor ${factor} (got ${brackets})`,
          );
        }
      }
    }
  }

  let needsGrid = t === 'grid';
  const samplers = SAMPLERS[t];
  const sampler = samplers ? oneOf('sampler', samplers) : undefined;
  if (t === 'successive-halving') needsGrid = sampler === 'grid';
  const dims = Object.keys(isRecord(space) ? space : {}).length;
  if (sampler === 'sobol' && dims > SOBOL_MAX_DIMS) {
    issues.push(`${path}.sampler "sobol" takes at most ${SOBOL_MAX_DIMS} params, one Sobol dimension each (the space has ${dims}); use sampler "random"`);
  }
  if (needsGrid && spaceOk) {
    const gridIssues = validateGridable(space);
    const why = t === 'grid' ? `${path}.type is "grid"` : `${path}.sampler is "grid"`;
    issues.push(...gridIssues.map((issue) => `${issue} (${why})`));
    if (gridIssues.length === 0 && candidates !== undefined) {
      const size = gridSize(space);
      if (candidates > size) {
        issues.push(`${path}.candidates must be <= the number of grid cells (${size}) when sampler is "grid" (got ${candidates})`);
      }
    }
  }
  return issues;
}

/** Problems of PBT's options (pbt.ts); `spaceOk`: the space is valid, so `mutate` can be read against it. */
function pbtIssues(spec: Record<string, unknown>, space: Space, path: string, spaceOk: boolean): string[] {
  const issues: string[] = [];
  const int = (key: string, min: number): number | undefined => {
    const v = spec[key];
    if (v === undefined) {
      issues.push(`${path}.${key} is required (an integer >= ${min})`);
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      issues.push(`${path}.${key} must be an integer >= ${min} (got ${formatValue(v)})`);
      return undefined;
    }
    return v;
  };
  // Two members at least: one to copy from, one to replace.
  const population = int('population', 2);
  const interval = int('interval', 1);
  const max = int('maxBudget', 1);
  if (interval !== undefined && max !== undefined && interval >= max) {
    issues.push(`${path}.interval must be below maxBudget, or no member is ever replaced (got interval ${interval}, maxBudget ${max})`);
  }
  const burnIn = spec['burnIn'];
  if (burnIn !== undefined) {
    if (typeof burnIn !== 'number' || !Number.isInteger(burnIn) || burnIn < 0) issues.push(`${path}.burnIn must be an integer >= 0, an epoch (got ${formatValue(burnIn)})`);
    else if (max !== undefined && interval !== undefined && interval < max && burnIn >= pbtBoundaries(interval, max).at(-2)! + 1) {
      issues.push(`${path}.burnIn must be at most ${pbtBoundaries(interval, max).at(-2)}, the last boundary before maxBudget, or no member is ever replaced (got ${burnIn})`);
    }
  }
  const quantile = spec['quantile'];
  if (quantile !== undefined && (typeof quantile !== 'number' || !(quantile > 0 && quantile <= 0.5))) {
    issues.push(`${path}.quantile must be a number in (0, 0.5], the share of the population replaced and the share its donors come from (got ${formatValue(quantile)})`);
  }
  const resample = spec['resampleProbability'];
  if (resample !== undefined && (typeof resample !== 'number' || !(resample >= 0 && resample <= 1))) {
    issues.push(`${path}.resampleProbability must be a probability, a number from 0 to 1 (got ${formatValue(resample)})`);
  }
  const factors = spec['perturbationFactors'];
  if (factors !== undefined && (!Array.isArray(factors) || factors.length === 0 || !factors.every((f) => typeof f === 'number' && Number.isFinite(f) && f > 0))) {
    issues.push(`${path}.perturbationFactors must be a non-empty list of positive numbers, such as [1.2, 0.8] (got ${formatValue(factors)})`);
  }
  const mutate = spec['mutate'];
  const names = Object.keys(space);
  if (mutate === undefined) {
    issues.push(`${path}.mutate is required: the params a replacement changes from its donor's (of ${names.join(', ') || 'the space, which has none'})`);
  } else if (!Array.isArray(mutate) || mutate.length === 0 || !mutate.every((m) => typeof m === 'string')) {
    issues.push(`${path}.mutate must be a non-empty list of param names (of ${names.join(', ') || 'the space, which has none'}) (got ${formatValue(mutate)})`);
  } else if (spaceOk) {
    const seen = new Set<string>();
    for (const [i, name] of (mutate as string[]).entries()) {
      if (!names.includes(name)) issues.push(`${path}.mutate[${i}] ${formatValue(name)} is not a param of the space (${didYouMean(name, names)}allowed: ${names.join(', ')})`);
      else if (seen.has(name)) issues.push(`${path}.mutate[${i}] ${formatValue(name)} is listed twice`);
      seen.add(name);
    }
  }
  return issues;
}

/** Problems of CMA-ES's x0: an object of searched params' values, each inside its range. */
function x0Issues(x0: unknown, path: string, space: Space): string[] {
  const dims = cmaParams(space);
  if (!isRecord(x0)) return [`${path} must be an object of starting values of the params CMA-ES searches (${dims.join(', ')}) (got ${formatValue(x0)})`];
  const issues: string[] = [];
  for (const [name, v] of Object.entries(x0)) {
    if (!dims.includes(name)) {
      issues.push(`${path}.${name} is not a param CMA-ES searches (it searches ${dims.join(', ')}: float and int params with a range and no "when")`);
      continue;
    }
    const spec = space[name] as { low: number; high: number };
    if (typeof v !== 'number' || !Number.isFinite(v) || v < spec.low || v > spec.high) {
      issues.push(`${path}.${name} must be a number from ${spec.low} to ${spec.high}, the param's range (got ${formatValue(v)})`);
    }
  }
  return issues;
}

/** The spec without `keys` (already reported). */
function without(spec: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(spec).filter(([key]) => !keys.includes(key)));
}

/** Problems of the study budget that grid and random search train every trial to. */
export function validateBudget(budget: unknown, path = 'budget'): string[] {
  if (typeof budget !== 'number' || !Number.isInteger(budget) || budget < 1) {
    return [`${path} must be an integer >= 1 (got ${formatValue(budget)})`];
  }
  return [];
}

/** Throws a ValidationError listing every problem of `space` and `spec` (and of `budget` when given). */
export function assertStrategy(spec: unknown, space: Space, budget?: unknown): void {
  const issues = [...validateSpace(space), ...validateStrategy(spec, space, 'strategy', budget)];
  const exhaust = isRecord(spec) ? EXHAUST_OPTIONS[spec['type'] as StrategyType] : undefined;
  if (exhaust && (spec as Record<string, unknown>)[exhaust] === 'exhaust') {
    issues.push(`strategy.${exhaust} "exhaust" is for a study, which turns it into a count from its maxEpochs; a strategy built on its own needs the count (an integer >= 1)`);
  }
  if (budget !== undefined) issues.push(...validateBudget(budget));
  if (issues.length > 0) throw new ValidationError(issues);
}
