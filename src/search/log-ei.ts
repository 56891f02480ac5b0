/**
 * The logarithm of expected improvement, log EI, computed without underflow
 * (Ament et al. 2023, "Unexpected improvements to expected improvement"), as
 * Optuna's GPSampler maximises it. For a normal posterior N(μ, σ²) and the
 * best value so far f* (larger is better):
 *
 *   EI = σ·h(z),  z = (μ − f*)/σ,  h(z) = φ(z) + z·Φ(z),
 *
 * and far below f* (z ≪ 0) h(z) underflows while log h(z) stays finite, so
 * the acquisition keeps a slope to climb where plain EI is a flat 0.
 * Below z = −4, h is computed as φ(a)·R(a)·T(a), a = −z, with Mills' ratio
 * R(a) = Φ(−a)/φ(a) = 1/(a + 1/(a + 2/(a + …))) and T(a) = 1/R(a) − a its
 * tail, both from the same continued fraction: no cancellation of
 * φ(a) − a·Φ(−a).
 */
import { erfc } from './gauss-mass.js';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const TAIL_FROM = -4;
/** Terms of the continued fraction: at a ≥ 4 it has converged to double precision well before 80. */
const CF_TERMS = 80;

/** a + 2/(a + 3/(a + …)) evaluated backward: 1/T(a). */
function tailFraction(a: number): number {
  let f = a;
  for (let k = CF_TERMS; k >= 2; k--) f = a + k / f;
  return f;
}

/** log h(z) and its derivative d/dz log h(z) = Φ(z)/h(z). */
export function logH(z: number): { value: number; slope: number } {
  if (z >= TAIL_FROM) {
    const cdf = 0.5 * erfc(-z / Math.SQRT2);
    const h = Math.exp(-0.5 * z * z - LOG_SQRT_2PI) + z * cdf;
    return { value: Math.log(h), slope: cdf / h };
  }
  const a = -z;
  const f2 = tailFraction(a);
  const mills = 1 / (a + 1 / f2);
  const logPdf = -0.5 * a * a - LOG_SQRT_2PI;
  // h = φ(a)·R(a)·T(a) with T = 1/f2; Φ(z)/h = φ·R / (φ·R·T) = f2.
  return { value: logPdf + Math.log(mills) - Math.log(f2), slope: f2 };
}

/** log EI of N(mean, variance) over `best` (larger is better); −Infinity where the variance is 0 and the mean not above best. */
export function logEi(mean: number, variance: number, best: number): number {
  if (!(variance > 0)) return mean > best ? Math.log(mean - best) : -Infinity;
  const sigma = Math.sqrt(variance);
  return Math.log(sigma) + logH((mean - best) / sigma).value;
}
