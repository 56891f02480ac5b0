/**
 * The rung ladder of successive halving and ASHA.
 *
 * Budgets r_i = minBudget·η^i for i = 0..s, s = ⌊log_η(maxBudget/minBudget)⌋,
 * computed by repeated multiplication (no floating log), rounded to integers.
 * The last rung is always maxBudget: when minBudget·η^s < maxBudget, the last
 * rung's budget is raised to maxBudget (min 1, max 10, η 3 → 1, 3, 10), so
 * surviving trials always train to the full budget.
 */

/** η when a strategy's `reductionFactor` is not given. */
export const DEFAULT_REDUCTION_FACTOR = 3;

/** Rung 0's budget when a strategy's `minBudget` is not given: one epoch, as Ray Tune's grace_period and Hyperband's usual r. */
export const DEFAULT_MIN_BUDGET = 1;

/**
 * Rung budgets from minBudget to maxBudget with reduction factor η.
 *
 * @example rungBudgets(1, 9, 3)  // [1, 3, 9]
 * @example rungBudgets(1, 10, 3) // [1, 3, 10]
 * @example rungBudgets(5, 5, 3)  // [5]
 */
export function rungBudgets(minBudget: number, maxBudget: number, eta: number): number[] {
  if (!(eta >= 2) || !Number.isFinite(eta)) throw new RangeError(`reduction factor must be a number >= 2 (got ${eta})`);
  if (!(minBudget >= 1) || !(maxBudget >= minBudget) || !Number.isFinite(maxBudget)) {
    throw new RangeError(`budgets must satisfy 1 <= minBudget <= maxBudget (got ${minBudget}, ${maxBudget})`);
  }
  const budgets = [minBudget];
  let b = minBudget;
  while (b * eta <= maxBudget * (1 + 1e-12)) {
    b *= eta;
    budgets.push(Math.min(maxBudget, Math.round(b)));
  }
  budgets[budgets.length - 1] = maxBudget;
  return budgets;
}

/**
 * Planned trials per rung of a synchronous bracket: n_0 = candidates,
 * n_{i+1} = max(1, ⌊n_i/η⌋). With `aggressive` (scikit-learn's
 * aggressive_elimination), when the ladder has too few rungs to halve the
 * candidates to fewer than η, the first cut is repeated as often as it takes
 * (as scikit-learn replays its first iteration: the values at rung 0 do not
 * change), so the last rung has fewer than η.
 *
 * @example rungCounts(27, 3, 3)        // [27, 9, 3]
 * @example rungCounts(2, 3, 3)         // [2, 1, 1]
 * @example rungCounts(500, 3, 4)       // [500, 166, 55, 18]
 * @example rungCounts(500, 3, 4, true) // [500, 18, 6, 2]: rung 0's cut made 3 times (500 → 166 → 55 → 18)
 */
export function rungCounts(candidates: number, eta: number, rungs: number, aggressive = false): number[] {
  const counts = [candidates];
  const repeat = aggressive && rungs > 1 ? 1 + extraCuts(candidates, eta, rungs) : 1;
  let n = candidates;
  for (let c = 0; c < repeat; c++) n = cut(n, eta);
  if (rungs > 1) counts.push(n);
  for (let i = 2; i < rungs; i++) counts.push(cut(counts[i - 1]!, eta));
  return counts;
}

/** One rung's cut: the best ⌊n/η⌋, at least 1. */
function cut(n: number, eta: number): number {
  return Math.max(1, Math.floor(n / eta + 1e-9));
}

/**
 * The cuts a ladder of `rungs` rungs lacks to bring `candidates` to fewer than η (0 when it has enough): how many
 * times aggressive elimination repeats the first cut beyond the one it makes anyway.
 *
 * @example extraCuts(500, 3, 4) // 2: 500 → 166 → 55 → 18 → 6 → 2 takes 5 cuts, and 4 rungs make 3
 */
export function extraCuts(candidates: number, eta: number, rungs: number): number {
  let needed = 0;
  for (let n = candidates; n >= eta - 1e-9; n = cut(n, eta)) needed++;
  return Math.max(0, needed - (rungs - 1));
}
