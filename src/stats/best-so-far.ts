/**
 * The running best of a series of trial values, in trial order — the
 * "optimization history" curve (draw it with sparkline()).
 */
import type { Direction } from '../search/strategy.js';

/**
 * For each position, the best finite value up to and including it (lowest
 * for minimize, highest for maximize). null, NaN and ±Infinity entries (failed
 * or unfinished trials) are skipped: they repeat the previous best. Positions
 * before the first finite value are NaN. Same length as `values`.
 *
 * @example
 * bestSoFar([3, null, 5, 1, 2], 'minimize'); // [3, 3, 3, 1, 1]
 * bestSoFar([null, 0.5, 0.4, 0.9], 'maximize'); // [NaN, 0.5, 0.5, 0.9]
 */
export function bestSoFar(values: readonly (number | null)[], direction: Direction): number[] {
  let best = Number.NaN;
  return values.map((v) => {
    if (v !== null && Number.isFinite(v)) {
      if (Number.isNaN(best) || (direction === 'minimize' ? v < best : v > best)) best = v;
    }
    return best;
  });
}
