/**
 * Arithmetic shared by sampling and grid expansion: the step lattice of a
 * numeric param (low, low + step, … ≤ high) and the removal of binary
 * floating-point noise (0.1 + 0.2 → 0.3) from computed values.
 */

/** Relative slack for float comparisons of computed lattice positions. */
const EPS = 1e-9;

/**
 * Number of lattice points low + k·step ≤ high (k ≥ 0). A point that misses
 * `high` by float noise only (e.g. 0.1 … 1 by 0.1) counts.
 *
 * @example latticeSize(0, 1, 0.1) // 11
 * @example latticeSize(8, 100, 8) // 12 (8, 16, …, 96)
 */
export function latticeSize(low: number, high: number, step: number): number {
  return Math.floor((high - low) / step + EPS) + 1;
}

/** The k-th lattice point, tidied and never above `high`. */
export function latticeValue(low: number, high: number, step: number, k: number): number {
  return Math.min(high, tidy(low + k * step));
}

/**
 * `x` rounded to 15 significant digits, which drops the noise of binary
 * arithmetic (0.30000000000000004 → 0.3, 0.0009999999999999998 → 0.001).
 */
export function tidy(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(15));
}

/** floor(n / eta), robust to float noise when eta is not an integer. */
export function floorDiv(n: number, eta: number): number {
  return Math.floor(n / eta + EPS);
}

/**
 * How many values a numeric param can take: its lattice's size (ints, and floats with a step; a log int's
 * step is 1), or Infinity for a float range without a step (1 when low == high).
 */
export function valueCount(spec: { type: 'float' | 'int'; low: number; high: number; step?: number; log?: boolean }): number {
  if (spec.type === 'int') return latticeSize(spec.low, spec.high, spec.log ? 1 : (spec.step ?? 1));
  if (spec.step !== undefined) return latticeSize(spec.low, spec.high, spec.step);
  return spec.high > spec.low ? Infinity : 1;
}

/** How many values any param can take: a categorical's choices, a numeric param's valueCount. */
export function paramValueCount(spec: { type: 'categorical'; choices: readonly unknown[] } | Parameters<typeof valueCount>[0]): number {
  return spec.type === 'categorical' ? spec.choices.length : valueCount(spec);
}
