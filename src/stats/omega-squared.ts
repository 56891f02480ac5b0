/**
 * The share of a value's variance that a grouping explains, corrected for the
 * small-sample bias of the plain correlation ratio.
 *
 * With N values in k non-empty groups, grand mean ȳ and group means ȳⱼ:
 *   SS_total   = Σ (y − ȳ)²
 *   SS_between = Σⱼ nⱼ (ȳⱼ − ȳ)²
 *   SS_within  = Σⱼ Σ (y − ȳⱼ)²,  MS_within = SS_within / (N − k)
 *   η² = SS_between / SS_total   (the correlation ratio: biased upwards — even
 *        pure noise split into k groups gives η² ≈ (k − 1)/(N − 1))
 *   ω² = (SS_between − (k − 1)·MS_within) / (SS_total + MS_within)
 *        (Hays' omega squared; ε² is the same numerator over SS_total alone)
 * ω² is clipped at 0 (it goes negative when the groups explain less than
 * noise would). With N ≤ k (no degrees of freedom left for the noise) or a
 * constant value there is nothing to estimate and the result is 0.
 */

/**
 * Bias-corrected variance share ω² of a grouping, in [0, 1). Empty groups are ignored.
 *
 * @example
 * omegaSquared([[1, 2], [1, 2]]); // 0 (the groups explain nothing)
 * omegaSquared([[1, 1.1, 0.9], [5, 5.1, 4.9]]); // ≈ 0.99
 */
export function omegaSquared(groups: readonly (readonly number[])[]): number {
  const nonEmpty = groups.filter((g) => g.length > 0);
  const k = nonEmpty.length;
  let n = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const g of nonEmpty) {
    for (const y of g) {
      n += 1;
      sum += y;
      if (y < min) min = y;
      if (y > max) max = y;
    }
  }
  if (k < 2 || n <= k || min === max) return 0;
  const grand = sum / n;
  let ssTotal = 0;
  let ssBetween = 0;
  let ssWithin = 0;
  for (const g of nonEmpty) {
    let gs = 0;
    for (const y of g) gs += y;
    const gm = gs / g.length;
    ssBetween += g.length * (gm - grand) ** 2;
    for (const y of g) {
      ssWithin += (y - gm) ** 2;
      ssTotal += (y - grand) ** 2;
    }
  }
  const msWithin = ssWithin / (n - k);
  const omega = (ssBetween - (k - 1) * msWithin) / (ssTotal + msWithin);
  return omega > 0 ? omega : 0;
}
