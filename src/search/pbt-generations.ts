/** The shape of a PBT run (pbt.ts): its generation boundaries and how many members each replaces. */

/** The generation boundaries: interval, 2·interval, … below maxBudget, then maxBudget. */
export function pbtBoundaries(interval: number, maxBudget: number): number[] {
  const out: number[] = [];
  for (let b = interval; b < maxBudget; b += interval) out.push(b);
  out.push(maxBudget);
  return out;
}

/** Members replaced at a boundary: ⌊quantile·P⌋ (Ray Tune's int(P·quantile_fraction)), robust to float noise. */
export function pbtReplaced(population: number, quantile: number): number {
  return Math.floor(population * quantile + 1e-9);
}
