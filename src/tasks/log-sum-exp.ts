/**
 * log Σ exp(v[offset..offset+k)), shifted by the maximum so that no term
 * overflows. Non-finite input propagates (NaN in ⇒ NaN out), so divergence
 * is still detected.
 *
 * @example logSumExp(Float64Array.of(1000, 1000), 0, 2) // 1000 + log 2
 */
export function logSumExp(v: Float64Array, offset: number, k: number): number {
  let max = -Infinity;
  for (let c = 0; c < k; c++) {
    const z = v[offset + c]!;
    if (z > max || Number.isNaN(z)) max = z;
  }
  if (!Number.isFinite(max)) return max === -Infinity ? -Infinity : max;
  let s = 0;
  for (let c = 0; c < k; c++) s += Math.exp(v[offset + c]! - max);
  return max + Math.log(s);
}
