/**
 * Which params mattered: a first-order (main-effect) variance decomposition
 * over binned marginals, in the spirit of functional ANOVA (fANOVA, Hutter et
 * al. 2014) but without the random-forest surrogate.
 *
 * Method, per param of the space:
 * 1. Take the trials that have a usable value for it (numeric params: a
 *    finite number) and bin the values (param-bins.ts): categorical, one bin
 *    per choice; numeric, min(10, ⌊√n⌋) quantile bins (on the log scale when
 *    the spec says log), or one bin per value when there are fewer distinct
 *    values than that.
 * 2. The main-effect share is the variance of the bin means, weighted by the
 *    bin counts, over the total variance of the value: the correlation ratio
 *    η² = SS_between / SS_total. η² is biased upwards in small samples (k
 *    bins of pure noise give ≈ (k − 1)/(n − 1)), so the standard correction
 *    is applied: ω² = (SS_between − (k−1)·MS_within) / (SS_total + MS_within),
 *    clipped at 0 (omega-squared.ts).
 * 3. The shares are normalised to sum to 1. When the value has no variance,
 *    or no param explains more than noise would, every importance is 0.
 * Output: one entry per param of the space, sorted by importance
 * (descending), ties by param name. Deterministic: no sampling, no seed.
 *
 * Limits — read importances as a ranking, not as exact fractions:
 * - Main effects only: an interaction (lr matters only with sgd) is credited
 *   to each param only through its marginal, and a pure interaction with flat
 *   marginals is invisible. fANOVA (Optuna's default evaluator) fits a random
 *   forest and marginalises over it, which handles this better.
 * - Marginals are confounded when params are not sampled independently:
 *   halving/TPE concentrate trials in good regions, grids with repeats are
 *   fine, random search is best. Pass trials from one budget (e.g. complete
 *   trials at the max budget) — mixing budgets mixes different objectives.
 * - Binning loses within-bin structure (a sharp optimum narrower than a bin is
 *   averaged out), and with few trials per bin the estimates are noisy even
 *   after the bias correction; below ~20 trials treat them as a hint.
 * - Non-finite values are ignored; a param missing from some trials (a
 *   conditional space) is analysed over the trials that have it, and its
 *   share weighted by the fraction of trials that do (Optuna's evaluators
 *   leave such params out altogether).
 */
import type { Params, Space } from '../search/space.js';
import { omegaSquared } from './omega-squared.js';
import { paramBins } from './param-bins.js';

export interface ParamImportance {
  param: string;
  importance: number;
}

/**
 * Importance of each param of `space` for `value` (see the file comment).
 *
 * @example
 * paramImportance(trials, {
 *   lr: { type: 'float', low: 1e-4, high: 1, log: true },
 *   optimizer: { type: 'categorical', choices: ['sgd', 'adam'] },
 * });
 * // [{ param: 'lr', importance: 0.83 }, { param: 'optimizer', importance: 0.17 }]
 */
export function paramImportance(
  trials: readonly { params: Params; value: number }[],
  space: Space,
): ParamImportance[] {
  const usable = trials.filter((t) => Number.isFinite(t.value));
  const names = Object.keys(space).sort();
  const shares = names.map((name) => {
    const spec = space[name];
    if (spec === undefined) return 0;
    const rows = usable.filter((t) => {
      const v = t.params[name];
      if (v === undefined) return false;
      return spec.type === 'categorical' || (typeof v === 'number' && Number.isFinite(v));
    });
    if (rows.length < 2) return 0;
    const bins = Math.min(10, Math.floor(Math.sqrt(rows.length)));
    const index = paramBins(
      rows.map((t) => t.params[name] as number | string | boolean),
      spec,
      bins,
    );
    const groups: number[][] = [];
    index.forEach((b, i) => {
      const row = rows[i];
      if (row === undefined) return;
      (groups[b] ??= []).push(row.value);
    });
    // A conditional param speaks for the trials that have it only: weighted by their share, a param
    // in 1 trial of 6 cannot outrank one measured on all of them by the noise of its small sample.
    return omegaSquared(groups) * (rows.length / usable.length);
  });
  const total = shares.reduce((a, b) => a + b, 0);
  const out = names.map((param, i) => ({ param, importance: total > 0 ? (shares[i] ?? 0) / total : 0 }));
  return out.sort((a, b) => b.importance - a.importance || (a.param < b.param ? -1 : a.param > b.param ? 1 : 0));
}
