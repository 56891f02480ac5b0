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
 * n_{i+1} = max(1, ⌊n_i/η⌋).
 *
 * @example rungCounts(27, 3, 3) // [27, 9, 3]
 * @example rungCounts(2, 3, 3)  // [2, 1, 1]
 */
export function rungCounts(candidates: number, eta: number, rungs: number): number[] {
  const counts = [candidates];
  for (let i = 1; i < rungs; i++) counts.push(Math.max(1, Math.floor(counts[i - 1]! / eta + 1e-9)));
  return counts;
}
