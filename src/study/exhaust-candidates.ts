/**
 * Successive halving's `"candidates": "exhaust"`: the most candidates whose plan trains at most the
 * study's maxEpochs, as scikit-learn's HalvingRandomSearchCV(n_candidates="exhaust") fills its
 * max_resources. The user fixes the budget and the ladder; the count follows, so no epoch of the
 * budget is left unspent that one more candidate could have used.
 *
 * The cost is the plan's own total, as `rungs plan` prints it (planTotals: with warm starts or from
 * scratch as the strategy trains; repeats and the grid sampler included), so the count and the table
 * agree by construction. The cost only grows with the count (every rung keeps ⌊n_i/η⌋ of the one
 * below), so a bisection finds the largest count that fits.
 *
 * @example
 * // η 3, budgets 1 → 27, maxEpochs 360: 125 candidates (125@1 41@3 13@9 4@27 = 357 epochs); 126 would train 366
 * exhaustCandidates(study, 360) // { candidates: 125, epochs: 357, next: 366 }
 */
import { gridSize } from '../search/grid-points.js';
import { planTotals } from '../search/plan-totals.js';
import type { SuccessiveHalvingSpec } from '../search/strategy-spec.js';
import { ValidationError } from '../errors.js';
import { strategyFor } from './strategy-for.js';
import type { NormalizedStudy } from './study-spec.js';

/** What "exhaust" came to. */
export interface ExhaustedCandidates {
  /** The most candidates whose plan fits (0: not even one). */
  candidates: number;
  /** The plan's epochs at that count (with 0 candidates: one candidate's, the least the budget must hold). */
  epochs: number;
  /** The plan's epochs with one candidate more; absent when the grid has no more cells. */
  next?: number;
  /** With sampler "grid": its cells, the most candidates there can be. */
  gridCells?: number;
}

/** A normalised study whose successive halving may still say "exhaust". */
export type ExhaustStudy = Omit<NormalizedStudy, 'strategy'> & { strategy: SuccessiveHalvingSpec };

export function exhaustCandidates(study: ExhaustStudy, maxEpochs: number): ExhaustedCandidates {
  const spec = study.strategy;
  // The points enqueued do not change what a plan costs, and more points than candidates would not build.
  const { enqueue: _points, ...rest } = study;
  const cost = (candidates: number): number =>
    planTotals(strategyFor({ ...rest, strategy: { ...spec, candidates } }).plan(), spec.warmStart ?? true).epochs;
  const gridCells = spec.sampler === 'grid' ? gridSize(study.space) : undefined;
  // Each candidate trains at least minBudget, so no more than maxEpochs / minBudget of them can fit.
  const cap = Math.min(Math.floor(maxEpochs / spec.minBudget), gridCells ?? Infinity);
  let fits = 0;
  let over = cap + 1;
  while (over - fits > 1) {
    const mid = fits + Math.floor((over - fits) / 2);
    if (cost(mid) <= maxEpochs) fits = mid;
    else over = mid;
  }
  const more = gridCells === undefined || fits < gridCells ? { next: cost(fits + 1) } : {};
  return { candidates: fits, epochs: cost(Math.max(fits, 1)), ...more, ...(gridCells !== undefined ? { gridCells } : {}) };
}

/** The study's successive halving with "exhaust" turned into its count, and what it came to; a clear error when it cannot be. */
export function resolveExhaust(study: ExhaustStudy, maxEpochs: number | undefined): { strategy: SuccessiveHalvingSpec & { candidates: number }; exhausted: Exhausted } {
  if (maxEpochs === undefined) throw new ValidationError([EXHAUST_NEEDS_MAX_EPOCHS]);
  const found = exhaustCandidates(study, maxEpochs);
  if (found.candidates === 0) {
    throw new ValidationError([
      `maxEpochs (${maxEpochs}) is less than the plan of a single candidate (${found.epochs} epochs), so strategy.candidates "exhaust" finds none: raise maxEpochs to at least ${found.epochs}, or lower strategy.maxBudget`,
    ]);
  }
  return { strategy: { ...study.strategy, candidates: found.candidates }, exhausted: { ...found, maxEpochs } };
}

/** A study whose candidates came from "exhaust": the count, its cost, and the budget it fills (NormalizedStudy.exhausted). */
export type Exhausted = ExhaustedCandidates & { maxEpochs: number };

export const EXHAUST_NEEDS_MAX_EPOCHS =
  'strategy.candidates "exhaust" takes the most candidates whose plan fits in the study\'s maxEpochs, and the study has no maxEpochs: add one (the epochs the plan may train) or give candidates a number';

/** Whether a study's strategy is successive halving with "exhaust" for its candidates. */
export function isExhaust(strategy: unknown): strategy is SuccessiveHalvingSpec & { candidates: 'exhaust' } {
  const s = strategy as { type?: unknown; candidates?: unknown } | null;
  return typeof s === 'object' && s !== null && s.type === 'successive-halving' && s.candidates === 'exhaust';
}
