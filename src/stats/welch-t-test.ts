/**
 * Welch's unequal-variances t-test for two independent samples, two-sided —
 * what scipy.stats.ttest_ind(x, y, equal_var=False) computes.
 *
 *   t  = (x̄ − ȳ) / √(s²x/nx + s²y/ny)
 *   ν  = (s²x/nx + s²y/ny)² / ((s²x/nx)²/(nx−1) + (s²y/ny)²/(ny−1))   (Welch–Satterthwaite)
 *   p  = 2·P(T_ν ≥ |t|)
 *
 * Degenerate case (both samples constant, so the standard error is 0), where
 * scipy returns NaN: equal means give t = 0, p = 1 (nothing tells them
 * apart); different means give t = ±∞, p = 0; ν is then nx + ny − 2.
 */
import { mean, sampleVariance } from 'simple-statistics';
import { studentTCdf } from './student-t.js';

export interface WelchTTestResult {
  /** The t statistic (x̄ − ȳ over its standard error). */
  t: number;
  /** Welch–Satterthwaite degrees of freedom (fractional). */
  df: number;
  /** Two-sided p-value. */
  pValue: number;
}

/**
 * Welch's t-test of equal means for samples `x` and `y` (each at least 2
 * finite values; throws RangeError otherwise).
 *
 * @example
 * welchTTest([1, 2, 3, 4], [2, 4, 6, 8, 10]);
 * // { t: -2.2514363231593695, df: 5.520787746170677, pValue: 0.0691335931923924 }
 */
export function welchTTest(x: readonly number[], y: readonly number[]): WelchTTestResult {
  for (const [name, s] of [['x', x], ['y', y]] as const) {
    if (s.length < 2) throw new RangeError(`welchTTest: ${name} needs at least 2 values (got ${s.length})`);
    if (!s.every(Number.isFinite)) throw new RangeError(`welchTTest: ${name} has a non-finite value`);
  }
  const nx = x.length;
  const ny = y.length;
  const vx = sampleVariance(x) / nx;
  const vy = sampleVariance(y) / ny;
  const diff = mean(x) - mean(y);
  const se2 = vx + vy;
  if (se2 === 0) {
    const df = nx + ny - 2;
    if (diff === 0) return { t: 0, df, pValue: 1 };
    return { t: diff > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY, df, pValue: 0 };
  }
  const t = diff / Math.sqrt(se2);
  const df = (se2 * se2) / ((vx * vx) / (nx - 1) + (vy * vy) / (ny - 1));
  const pValue = Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
  return { t, df, pValue };
}
