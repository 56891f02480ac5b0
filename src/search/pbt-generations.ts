/** The shape of a PBT run (pbt.ts): its generation boundaries and how many members each replaces. */

/** The generation boundaries: interval, 2·interval, … below maxBudget, then maxBudget. */
export function pbtBoundaries(interval: number, maxBudget: number): number[] {
  const out: number[] = [];
  for (let b = interval; b < maxBudget; b += interval) out.push(b);
  out.push(maxBudget);
  return out;
}

/**
 * Members replaced at a boundary, and donors they copy from: ⌈quantile·P⌉, at most ⌊P/2⌋, as Ray Tune's
 * PopulationBasedTraining._quantiles counts them (so any quantile > 0 replaces at least one member); robust to
 * float noise (0.3 × 10 is 3, not 4).
 */
export function pbtReplaced(population: number, quantile: number): number {
  return Math.min(Math.ceil(population * quantile - 1e-9), Math.floor(population / 2));
}
