/**
 * Binning of one param's values, for the marginal (main-effect) analysis of
 * param-importance.ts.
 *
 * - categorical spec: one bin per distinct value (bins in order of first appearance);
 * - int / float spec: when there are at most `bins` distinct values, one bin
 *   per distinct value (grids, small int ranges); otherwise `bins` quantile
 *   bins (about equal counts; tied values always share a bin).
 *   A log-scale spec (`log: true`) needs no special handling: quantile bins
 *   depend only on the order of the values, and log is monotone, so binning
 *   log(x) gives exactly the bins of x (a decade-wide range gets as many
 *   bins as its share of the trials, which is what log sampling wants).
 * Bins that end up empty are dropped; the indices returned are 0..m−1, in
 * ascending value order for numeric specs.
 */
import { quantileSorted } from 'simple-statistics';
import type { ParamSpec, ParamValue } from '../search/space.js';

/**
 * The bin index of each value (same order as `values`). Numeric specs need
 * finite numbers (RangeError otherwise).
 *
 * @example
 * paramBins(['adam', 'sgd', 'adam'], { type: 'categorical', choices: ['sgd', 'adam'] }); // [0, 1, 0]
 * paramBins([1, 2, 3, 4, 5, 6], { type: 'float', low: 0, high: 10 }, 2); // [0, 0, 0, 1, 1, 1]
 */
export function paramBins(values: readonly ParamValue[], spec: ParamSpec, bins = 10): number[] {
  if (spec.type === 'categorical') return byDistinct(values.map((v) => JSON.stringify(v)));
  const xs = values.map((v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`paramBins: a ${spec.type} param needs finite numbers (got ${JSON.stringify(v)})`);
    }
    return v;
  });
  const sorted = [...xs].sort((a, b) => a - b);
  const distinct = [...new Set(sorted)];
  const k = Math.max(1, Math.floor(bins));
  if (distinct.length <= k) return xs.map((x) => distinct.indexOf(x));
  const edges: number[] = [];
  for (let i = 1; i < k; i++) {
    const e = quantileSorted(sorted, i / k);
    if (edges[edges.length - 1] !== e) edges.push(e);
  }
  // A value equal to an edge goes to the lower bin; renumber to drop empty bins.
  const raw = xs.map((x) => {
    let b = 0;
    while (b < edges.length && x > (edges[b] as number)) b++;
    return b;
  });
  const used = [...new Set(raw)].sort((a, b) => a - b);
  return raw.map((b) => used.indexOf(b));
}

function byDistinct(keys: readonly string[]): number[] {
  const index = new Map<string, number>();
  return keys.map((key) => {
    let i = index.get(key);
    if (i === undefined) {
      i = index.size;
      index.set(key, i);
    }
    return i;
  });
}
