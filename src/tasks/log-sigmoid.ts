/**
 * log σ(z) = −log(1 + e^(−z)), computed without overflow for any z: for
 * z ≥ 0 as −log1p(e^(−z)); for z < 0 as z − log1p(e^z).
 *
 * @example logSigmoid(0)     // −0.6931…
 * @example logSigmoid(-1000) // −1000 (not −Infinity)
 */
export function logSigmoid(z: number): number {
  return z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
}

/** σ(z) without overflow for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
