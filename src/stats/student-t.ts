/**
 * Student's t distribution: CDF, density and quantile for ν > 0 degrees of
 * freedom (ν need not be an integer: Welch's test gives fractional ν).
 * simple-statistics has no t distribution, hence this file.
 *
 * CDF: for t, with x = ν / (ν + t²), P(T ≤ t) = 1 − ½·I_x(ν/2, ½) when t ≥ 0
 * and ½·I_x(ν/2, ½) when t < 0 (I = regularized incomplete beta).
 * Quantile: Newton's method on the CDF, safeguarded by bisection inside a
 * bracket, to ~1e-12 relative accuracy.
 * ν must be finite (for ν in the millions, use the normal distribution).
 */
import { gammaln } from 'simple-statistics';
import { regularizedIncompleteBeta } from './regularized-incomplete-beta.js';

function checkDf(df: number, fn: string): void {
  if (!(df > 0) || !Number.isFinite(df)) {
    throw new RangeError(`${fn}: degrees of freedom must be finite and > 0 (got ${df})`);
  }
}

/**
 * P(T ≤ t) for T ~ t(ν).
 *
 * @example
 * studentTCdf(0, 5); // 0.5
 * studentTCdf(2.015, 5); // ≈ 0.95
 * studentTCdf(12.706, 1); // ≈ 0.975
 */
export function studentTCdf(t: number, df: number): number {
  checkDf(df, 'studentTCdf');
  if (Number.isNaN(t)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  const x = df / (df + t * t);
  const tail = 0.5 * regularizedIncompleteBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * The density of t(ν) at t.
 *
 * @example
 * studentTPdf(0, 1); // 1/π ≈ 0.3183
 */
export function studentTPdf(t: number, df: number): number {
  checkDf(df, 'studentTPdf');
  const lnC = gammaln((df + 1) / 2) - gammaln(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(lnC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * The p-quantile of t(ν): the t with P(T ≤ t) = p, for 0 < p < 1
 * (p = 0 and p = 1 give −∞ and +∞). Throws RangeError for p outside [0, 1].
 *
 * @example
 * studentTQuantile(0.975, 1); // ≈ 12.706
 * studentTQuantile(0.975, 4); // ≈ 2.776
 * studentTQuantile(0.5, 7); // 0
 */
export function studentTQuantile(p: number, df: number): number {
  checkDf(df, 'studentTQuantile');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`studentTQuantile: p must lie in [0, 1] (got ${p})`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  // Symmetry: solve in the upper half.
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  // Bracket [lo, hi] with cdf(lo) ≤ p ≤ cdf(hi).
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return Number.POSITIVE_INFINITY;
  }
  let t = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const f = studentTCdf(t, df) - p;
    if (f === 0) return t;
    if (f < 0) lo = t;
    else hi = t;
    const pdf = studentTPdf(t, df);
    let next = pdf > 0 ? t - f / pdf : Number.NaN;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-13 * Math.max(1, Math.abs(next))) return next;
    t = next;
  }
  return t;
}
