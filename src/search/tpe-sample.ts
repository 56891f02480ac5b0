/**
 * One TPE draw (Bergstra et al. 2011, as Optuna's TPESampler does it, by
 * default univariate): split the observed trials into the best γ(n) =
 * min(⌈n/10⌉, 25) ("below") and the rest ("above"); for each param, in sorted
 * name order, fit a Parzen estimator l to the below trials' values and g to
 * the above ones', draw `candidates` values from l, and keep the one with the
 * largest log l(x) − log g(x) (the first, on a tie). That ratio is what
 * expected improvement ranks by under TPE's model. Multivariate: l and g are
 * joint estimators over all params, and whole points are drawn and compared.
 *
 * Within each group, observations are weighted in trial order: all 1 up to
 * 25 of them; beyond that the older ones ramp up linearly from 1/m, and the
 * newest 25 weigh 1, so old trials fade once the search has moved on. With
 * several objectives (tpe.ts, mo-tpe-split.ts) the groups are split by Pareto
 * fronts and hypervolume instead, and the below group is weighted by each
 * trial's hypervolume contribution (tpeSampleGroups takes them split).
 *
 * Conditional params (param-conditions.ts) are drawn after the params their
 * `when` names, only where it holds, from estimators fitted to the trials
 * that have them (as Optuna fits each param to the trials that suggested
 * it). Multivariate: the joint estimator covers the unconditional params.
 */
import type { Rng } from '../rng.js';
import { multivariateParzen } from './multivariate-parzen.js';
import { conditionOrder, isActive } from './param-conditions.js';
import { parzenEstimator } from './parzen-estimator.js';
import type { Params, Space } from './space.js';
import type { Direction, TrialView } from './strategy.js';

/** A trial TPE learns from. */
export interface TpeObservation {
  readonly number: number;
  readonly params: Params;
}

/** Candidates drawn from l per param (Optuna's n_ei_candidates). */
export const DEFAULT_EI_CANDIDATES = 24;
/** Observations before the model takes over (Optuna's n_startup_trials). */
export const DEFAULT_STARTUP_TRIALS = 10;

/** How many of n ranked observations form the "below" (good) group. */
export function tpeGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/** Weights of m observations in trial order (oldest first). */
export function tpeWeights(m: number): number[] {
  if (m < 25) return new Array<number>(m).fill(1);
  const ramp = m - 25;
  const w: number[] = [];
  for (let i = 0; i < ramp; i++) w.push(ramp === 1 ? 1 / m : 1 / m + (i * (1 - 1 / m)) / (ramp - 1));
  for (let i = 0; i < 25; i++) w.push(1);
  return w;
}

export interface TpeSampleOptions {
  /** Candidates drawn from l (per param, or jointly when multivariate). */
  candidates?: number;
  /** One joint estimator over all params (multivariate-parzen.ts) instead of one per param. */
  multivariate?: boolean;
  /**
   * Trials with no value that count only against their region, in the above (bad) group: failed
   * trials (in rungs nearly always a training that diverged), and trials under way (Optuna's
   * "constant liar", so a new trial is not drawn on top of them).
   */
  worst?: readonly TpeObservation[];
}

/** Trial order. */
export const byNumber = (a: TpeObservation, b: TpeObservation): number => a.number - b.number;

/**
 * Params drawn by TPE from `ranking` (the trials with a value, best first; it
 * must not be empty) and `worst`, using `rng` only. γ counts the ranked trials
 * only, so the below (good) group never holds a trial without a value.
 */
export function tpeSample(space: Space, ranking: readonly TpeObservation[], rng: Rng, options: TpeSampleOptions = {}): Params {
  if (ranking.length === 0) throw new RangeError('tpeSample: no observations to learn from');
  const nBelow = tpeGamma(ranking.length);
  const below = ranking.slice(0, nBelow).sort(byNumber);
  const above = [...ranking.slice(nBelow), ...(options.worst ?? [])].sort(byNumber);
  return tpeSampleGroups(space, { below, above }, rng, options);
}

/** The two groups TPE fits l and g to, each in trial order. */
export interface TpeGroups {
  /** The good trials (l). */
  below: readonly TpeObservation[];
  /**
   * below[i]'s kernel weight (several objectives: its hypervolume contribution, mo-tpe-split.ts); absent: tpeWeights
   * in trial order. A conditional param's l keeps the weights of the trials that have it.
   */
  belowWeights?: readonly number[];
  /** The bad trials (g), weighted by tpeWeights in trial order; `worst` is already among them. */
  above: readonly TpeObservation[];
}

/** Params drawn by TPE from groups already split (tpeSample's, or several objectives' in tpe.ts), using `rng` only. */
export function tpeSampleGroups(space: Space, groups: TpeGroups, rng: Rng, options: Pick<TpeSampleOptions, 'candidates' | 'multivariate'> = {}): Params {
  const candidates = options.candidates ?? DEFAULT_EI_CANDIDATES;
  const { below, above, belowWeights } = groups;
  const wBelow = belowWeights ?? tpeWeights(below.length);
  const wAbove = tpeWeights(above.length);
  const params: Params = {};
  let order = conditionOrder(space);
  if (options.multivariate === true) {
    // Jointly over the params every trial has; conditional ones one at a time below, as Optuna samples
    // params outside the intersection search space independently.
    const always = order.filter((name) => space[name]!.when === undefined);
    const joint: Space = Object.fromEntries(always.map((name) => [name, space[name]!]));
    const l = multivariateParzen(joint, below.map((o) => o.params), wBelow);
    const g = multivariateParzen(joint, above.map((o) => o.params), wAbove);
    Object.assign(params, argmaxRatio(() => l.sample(rng), (x) => l.logPdf(x) - g.logPdf(x), candidates));
    order = order.filter((name) => space[name]!.when !== undefined);
  }
  for (const name of order) {
    const spec = space[name]!;
    if (!isActive(spec, params)) continue;
    // A conditional param learns from the trials that have it; each group's weights are by its own size.
    const has = (o: TpeObservation) => o.params[name] !== undefined;
    const b = spec.when === undefined ? below : below.filter(has);
    const a = spec.when === undefined ? above : above.filter(has);
    const wb = spec.when === undefined ? wBelow : belowWeights ? belowWeights.filter((_, i) => has(below[i]!)) : tpeWeights(b.length);
    const l = parzenEstimator(spec, b.map((o) => o.params[name]!), wb);
    const g = parzenEstimator(spec, a.map((o) => o.params[name]!), spec.when === undefined ? wAbove : tpeWeights(a.length));
    params[name] = argmaxRatio(() => l.sample(rng), (x) => l.logPdf(x) - g.logPdf(x), candidates);
  }
  const sorted: Params = {};
  for (const name of Object.keys(params).sort()) sorted[name] = params[name]!;
  return sorted;
}

/** Of `candidates` draws, the one with the largest log l − log g (the first, on a tie). */
function argmaxRatio<T>(draw: () => T, score: (x: T) => number, candidates: number): T {
  let best = draw();
  let bestScore = score(best);
  for (let i = 1; i < candidates; i++) {
    const x = draw();
    const s = score(x);
    if (s > bestScore) {
      best = x;
      bestScore = s;
    }
  }
  return best;
}

/** What TPE learns from a set of trials (rankObserved). */
export interface Observed {
  /** Trials with a value, best first. */
  ranked: TpeObservation[];
  /** Failed trials: no value, and the worst of all. */
  failed: TpeObservation[];
}

/**
 * The trials TPE learns from, as Optuna ranks them (lower is better after the
 * study direction is applied):
 *  1. trials with a value at `maxBudget`, by that value;
 *  2. trials stopped (or, in ASHA, still) below it, the further they got the
 *     better, then by their value at the largest budget they reached;
 * ties to the lower trial number. Then, apart, failed trials: Optuna drops
 * them; in rungs they are nearly always a training that diverged, which is
 * worth learning to avoid, so they count against their region as the worst
 * (but never as startup trials, nor in the good group). A trial with no value
 * yet that has not failed (its first job still running) is in neither list.
 */
export function rankObserved(trials: readonly TrialView[], direction: Direction, maxBudget: number): Observed {
  const sign = direction === 'maximize' ? -1 : 1;
  const keyed: { t: TrialView; group: number; budget: number; value: number }[] = [];
  const failed: TpeObservation[] = [];
  for (const t of trials) {
    if (t.state === 'failed') {
      failed.push({ number: t.number, params: t.params });
      continue;
    }
    let budget = -1;
    let value = 0;
    for (const [b, v] of t.rungValues) {
      if (Number.isFinite(v) && b > budget) {
        budget = b;
        value = v;
      }
    }
    if (budget >= 0) keyed.push({ t, group: budget >= maxBudget ? 0 : 1, budget, value: sign * value });
  }
  keyed.sort((a, b) => a.group - b.group || b.budget - a.budget || a.value - b.value || a.t.number - b.t.number);
  return { ranked: keyed.map(({ t }) => ({ number: t.number, params: t.params })), failed };
}
