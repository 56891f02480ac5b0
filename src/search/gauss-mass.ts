/**
 * Normal-distribution arithmetic for the Parzen estimators of TPE: the
 * complementary error function and the standard normal mass of an interval,
 * computed from the tail nearer the interval so that masses far out in a tail
 * keep their relative precision (1 − Φ(8) is not 0 here).
 */

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * erfc(x), fractional error below 1.2e-7 everywhere (the Chebyshev fit of
 * Press et al., Numerical Recipes, §6.2). Relative precision holds in the
 * upper tail, where 1 − erf(x) would cancel to 0.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** The standard normal density at z. */
export function normalPdf(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

/** Upper tail Q(z) = 1 − Φ(z) of the standard normal. */
function upperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * Φ(b) − Φ(a), the standard normal mass of [a, b] (0 when a ≥ b). Narrow
 * intervals use the midpoint rule (relative error about (b−a)²/24·|z²−1|,
 * under 1e-5 for b − a < 1e-2), where a difference of two tails would cancel.
 */
export function gaussMass(a: number, b: number): number {
  if (!(b > a)) return 0;
  if (b - a < 1e-2 && Number.isFinite(a) && Number.isFinite(b)) return (b - a) * normalPdf(0.5 * (a + b));
  let mass: number;
  if (a >= 0) mass = upperTail(a) - upperTail(b);
  else if (b <= 0) mass = upperTail(-b) - upperTail(-a);
  else mass = 1 - upperTail(-a) - upperTail(b);
  return Math.max(0, mass);
}
