/**
 * Successive halving's `"minBudget": "exhaust"`: scikit-learn's min_resources="exhaust" (the default
 * of its HalvingGridSearchCV), for epochs. It is the largest first budget from which the ladder still
 * halves the candidates to fewer than η by maxBudget. A higher first rung ranks the first cut on
 * longer runs, which mislead less; a lower one only adds rungs that a single survivor climbs alone.
 *
 * k cuts take n candidates to ⌊n/η^k⌋ < η when η^k ≤ n < η^(k+1), so the first budget is
 * ⌊maxBudget/η^k⌋, and at least 1: below that maxBudget the ladder is too short, and its top rung keeps
 * η or more (as scikit-learn's "exhaust" then falls back to its smallest resources).
 */

import { extraCuts, rungBudgets, rungCounts } from './rung-budgets.js';

/** What "exhaust" made of minBudget: the budget, and what it halves to (NormalizedStudy.exhausted). */
export interface ExhaustedMinBudget {
  option: 'minBudget';
  minBudget: number;
  candidates: number;
  maxBudget: number;
  /** Candidates left at maxBudget: fewer than η, unless the ladder was too short. */
  top: number;
  /** The maxBudget that halving the candidates to fewer than η needs (η^k, rounded up): above maxBudget when the ladder was too short. */
  needs: number;
  /** The ladder was too short, and aggressiveElimination's repeated first cut halved them to `top` all the same. */
  aggressive?: true;
}

/**
 * The largest first budget whose ladder halves `candidates` to fewer than η by `maxBudget`.
 *
 * @example exhaustMinBudget(36, 81, 3) // { minBudget: 3, top: 1, needs: 27, … }: 36@3 12@9 4@27 1@81
 * @example exhaustMinBudget(27, 27, 3) // { minBudget: 1, top: 1, needs: 27, … }: 27@1 9@3 3@9 1@27
 * @example exhaustMinBudget(500, 27, 3) // { minBudget: 1, top: 18, needs: 243, … }: the ladder 1…27 is too short
 */
export function exhaustMinBudget(candidates: number, maxBudget: number, eta: number, aggressive = false): ExhaustedMinBudget {
  // η^k ≤ n by repeated multiplication, as rungBudgets builds the ladder (no floating log at exact powers).
  let power = 1;
  while (power * eta <= candidates * (1 + 1e-12)) power *= eta;
  const minBudget = Math.max(1, Math.floor(maxBudget / power + 1e-9));
  // What the plan will hold: the ladder from that budget (shorter than k + 1 rungs only when it is too short).
  const rungs = rungBudgets(minBudget, maxBudget, eta).length;
  const counts = rungCounts(candidates, eta, rungs, aggressive);
  const cut = aggressive && extraCuts(candidates, eta, rungs) > 0;
  return { option: 'minBudget', minBudget, candidates, maxBudget, top: counts[counts.length - 1]!, needs: Math.ceil(power - 1e-9), ...(cut ? { aggressive: true as const } : {}) };
}
