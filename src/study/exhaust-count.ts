/**
 * A budget instead of a count: successive halving's `"candidates": "exhaust"` and Hyperband's
 * `"iterations": "exhaust"` take the largest count whose plan trains at most the study's maxEpochs.
 * The first is scikit-learn's HalvingRandomSearchCV(n_candidates="exhaust"), which fills its
 * max_resources; the second is Hyperband's outer loop (Li et al. 2018) run for as long as the budget
 * lasts, as Ray Tune's HyperBandScheduler keeps making brackets while trials remain. The user fixes
 * the budget and the ladder; the count follows, so no epoch is left unspent that one more candidate
 * (or iteration) could have used.
 *
 * The cost is the plan's own total, as `rungs plan` prints it (planTotals: with warm starts or from
 * scratch as the strategy trains; repeats and the grid sampler included), so the count and the table
 * agree by construction. The candidates' cost only grows with their count (every rung keeps ⌊n_i/η⌋
 * of the one below), so a bisection finds the largest count that fits; each iteration adds the same
 * brackets, so k iterations cost k times one, and a division does.
 *
 * @example
 * // SHA, η 3, budgets 1 → 27, maxEpochs 360: 125 candidates (125@1 41@3 13@9 4@27 = 357 epochs); 126 would train 366
 * exhaustCount(study, 360) // { option: 'candidates', count: 125, epochs: 357, next: 366 }
 * // Hyperband, η 3, budgets 1 → 27 (357 epochs an iteration), maxEpochs 1080: 3 iterations, 1071 epochs
 */
import { gridSize } from '../search/grid-points.js';
import { DEFAULT_REDUCTION_FACTOR, extraCuts, rungBudgets } from '../search/rung-budgets.js';
import { planTotals } from '../search/plan-totals.js';
import { EXHAUST_OPTIONS } from '../search/exhaust-options.js';
import type { HyperbandSpec, StrategyType, SuccessiveHalvingSpec } from '../search/strategy-spec.js';
import type { ExhaustedMinBudget } from '../search/exhaust-min-budget.js';
import { ValidationError } from '../errors.js';
import { strategyFor } from './strategy-for.js';
import type { NormalizedStudy } from './study-spec.js';

/** The option "exhaust" stands for: successive halving's candidates, or Hyperband's iterations. */
export type ExhaustOption = NonNullable<(typeof EXHAUST_OPTIONS)[StrategyType]>;

/** What "exhaust" came to. */
export interface ExhaustedCount {
  option: ExhaustOption;
  /** The largest count whose plan fits (0: not even one). */
  count: number;
  /** The plan's epochs at that count (with 0: a count of one's, the least the budget must hold). */
  epochs: number;
  /** The plan's epochs with a count of one more; absent when the grid has no more cells. */
  next?: number;
  /** With sampler "grid": its cells, the most candidates there can be. */
  gridCells?: number;
}

/**
 * What "exhaust" came to in a study (NormalizedStudy.exhausted): a count (candidates or iterations), its cost and the
 * maxEpochs it fills; or successive halving's minBudget, from its candidates (search/exhaust-min-budget.ts).
 */
export type Exhausted = (ExhaustedCount & { maxEpochs: number }) | ExhaustedMinBudget;

/** A strategy that says "exhaust" for its count (its minBudget a number: normalizeStudy fills the default first). */
export type ExhaustSpec = ((SuccessiveHalvingSpec & { candidates: 'exhaust' }) | (HyperbandSpec & { iterations: 'exhaust' })) & { minBudget: number };

/** A normalised study whose strategy may still say "exhaust" for its count (its minBudget is a number: both "exhaust" are refused, and its default is filled). */
export type ExhaustStudy = Omit<NormalizedStudy, 'strategy'> & { strategy: (SuccessiveHalvingSpec | HyperbandSpec) & { minBudget: number } };

/** The option of a strategy that says "exhaust", if it does. */
export function exhaustOption(strategy: unknown): ExhaustOption | undefined {
  if (typeof strategy !== 'object' || strategy === null) return undefined;
  const s = strategy as Record<string, unknown>;
  const option = EXHAUST_OPTIONS[s['type'] as StrategyType];
  return option !== undefined && s[option] === 'exhaust' ? option : undefined;
}

/** Whether a study's strategy says "exhaust" for its count. */
export function isExhaust(strategy: unknown): strategy is ExhaustSpec {
  return exhaustOption(strategy) !== undefined;
}

/** The largest count of `option` whose plan trains at most `maxEpochs`, and what it and one more cost. */
export function exhaustCount(study: ExhaustStudy, option: ExhaustOption, maxEpochs: number): ExhaustedCount {
  const spec = study.strategy;
  // The points enqueued do not change what a plan costs, and more points than candidates would not build.
  const { enqueue: _points, ...rest } = study;
  // As `rungs plan` totals it: with warm starts or from scratch as the built strategy trains.
  const cost = (count: number): number => {
    const strategy = strategyFor({ ...rest, strategy: { ...spec, [option]: count } as NormalizedStudy['strategy'] });
    return planTotals(strategy.plan(), strategy.warmStart).epochs;
  };
  if (option === 'iterations') {
    // Not a bisection: it would build strategies of millions of brackets for a large maxEpochs.
    const one = cost(1);
    const count = Math.floor(maxEpochs / one);
    return { option, count, epochs: Math.max(count, 1) * one, next: (count + 1) * one };
  }
  const gridCells = spec.type === 'successive-halving' && spec.sampler === 'grid' ? gridSize(study.space) : undefined;
  // Each candidate trains at least minBudget: no more than maxEpochs / minBudget can fit.
  const cap = Math.min(Math.floor(maxEpochs / spec.minBudget), gridCells ?? Infinity);
  const [first, last] = spec.type === 'successive-halving' && spec.aggressiveElimination === true ? fittingSegment(spec, cap, (n) => cost(n) <= maxEpochs) : [1, cap];
  let fits = first - 1;
  let over = last + 1;
  while (over - fits > 1) {
    const mid = fits + Math.floor((over - fits) / 2);
    if (cost(mid) <= maxEpochs) fits = mid;
    else over = mid;
  }
  const more = gridCells === undefined || fits < gridCells ? { next: cost(fits + 1) } : {};
  return { option, count: fits, epochs: cost(Math.max(fits, 1)), ...more, ...(gridCells !== undefined ? { gridCells } : {}) };
}

/**
 * Where the most candidates that fit lie with aggressiveElimination: one more candidate can cost fewer epochs, where it
 * takes one more cut (rung 1 then keeps η times fewer), so the cost only grows between those counts. The answer is in
 * the last such segment whose first count fits (the first segment when no later one's first count does).
 */
function fittingSegment(spec: SuccessiveHalvingSpec & { minBudget: number }, cap: number, fits: (n: number) => boolean): [number, number] {
  const eta = spec.reductionFactor ?? DEFAULT_REDUCTION_FACTOR;
  const rungs = rungBudgets(spec.minBudget, spec.maxBudget, eta).length;
  let found: [number, number] = [1, cap];
  for (let start = 1; start <= cap; ) {
    const extra = extraCuts(start, eta, rungs);
    // The segment's end: the last count with as many extra cuts (they never decrease with the count).
    let lo = start;
    let hi = cap + 1;
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (extraCuts(mid, eta, rungs) > extra) hi = mid;
      else lo = mid;
    }
    if (start === 1 || fits(start)) found = [start, lo];
    start = lo + 1;
  }
  return found;
}

/** The study's strategy with "exhaust" turned into its count, and what it came to; a clear error when it cannot be. */
export function resolveExhaust(study: Omit<NormalizedStudy, 'strategy'> & { strategy: ExhaustSpec }, maxEpochs: number | undefined): { strategy: NormalizedStudy['strategy']; exhausted: Exhausted } {
  const option = exhaustOption(study.strategy)!;
  if (maxEpochs === undefined) throw new ValidationError([exhaustNeedsMaxEpochs(option)]);
  const found = exhaustCount(study, option, maxEpochs);
  if (found.count === 0) {
    const one = option === 'candidates' ? 'a single candidate' : 'a single iteration';
    throw new ValidationError([
      `maxEpochs (${maxEpochs}) is less than the plan of ${one} (${found.epochs} epochs), so strategy.${option} "exhaust" finds none: raise maxEpochs to at least ${found.epochs}, or lower strategy.maxBudget`,
    ]);
  }
  return { strategy: { ...study.strategy, [option]: found.count } as NormalizedStudy['strategy'], exhausted: { ...found, maxEpochs } };
}

/** The issue of an "exhaust" in a study without maxEpochs. */
export function exhaustNeedsMaxEpochs(option: ExhaustOption): string {
  const what = option === 'candidates' ? 'the most candidates' : 'as many iterations of the brackets as';
  const fits = option === 'candidates' ? 'whose plan fits in' : 'fit in';
  return `strategy.${option} "exhaust" takes ${what} ${fits} the study's maxEpochs, and the study has no maxEpochs: add one (the epochs the plan may train) or give ${option} a number`;
}
