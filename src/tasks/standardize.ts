/**
 * Feature standardisation with statistics of the training rows only, so no
 * information from the validation rows leaks into training.
 */

export interface FeatureStats {
  mean: Float64Array;
  /** Population standard deviation; 0 for a constant column. */
  std: Float64Array;
}

/** Per-column mean and population std of a row-major n×d matrix. */
export function featureStats(x: Float64Array, n: number, d: number): FeatureStats {
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += x[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j] = n > 0 ? mean[j]! / n : 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const c = x[i * d + j]! - mean[j]!;
      std[j]! += c * c;
    }
  }
  for (let j = 0; j < d; j++) std[j] = n > 0 ? Math.sqrt(std[j]! / n) : 0;
  return { mean, std };
}

/**
 * In place: x ← (x − mean) / std per column. A constant column (std 0, or so
 * small relative to the mean that it is rounding noise) is only centred, so
 * there is never a division by zero.
 */
export function standardize(x: Float64Array, n: number, d: number, stats: FeatureStats): void {
  for (let j = 0; j < d; j++) {
    const m = stats.mean[j]!;
    const s = stats.std[j]!;
    const scale = s > 1e-12 * Math.max(1, Math.abs(m)) ? 1 / s : 1;
    for (let i = 0; i < n; i++) x[i * d + j] = (x[i * d + j]! - m) * scale;
  }
}
