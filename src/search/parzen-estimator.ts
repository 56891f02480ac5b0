/**
 * Parzen estimators as Optuna's TPE builds them (its defaults: a prior of
 * weight 1, the "magic clip", no endpoints): a weighted mixture of one
 * component (kernel) per observation plus a prior component.
 *
 * - numeric params: truncated normals on the param's own scale (the log for
 *   log params). A discrete param (an int, a float with `step`) widens its
 *   bounds by half a step, so every value owns an interval (k owns
 *   [log(k − ½), log(k + ½)] for a log int), and a value's probability is
 *   a component's mass over its interval. A component's μ is its
 *   observation. Its σ, univariate: the larger gap to its sorted neighbours
 *   (the bounds count as neighbours, except for the lowest and highest μ,
 *   which take their inner gap); multivariate: σ0 × the range (Scott's rule,
 *   σ0 = 0.2·m^(−1/(d+4)) for m observations of d params). Either is clipped
 *   to [range / min(100, 1 + components), range]. The prior sits in the
 *   middle with σ = the range, and takes part in the neighbour gaps.
 * - categorical params: component i puts 1 on its observed choice plus
 *   1/(m + 1) on every choice (m observations), normalised; the prior is
 *   uniform.
 *
 * A continuous param with low = high (a constant) has one value, mass 1 in
 * every component: it never changes which candidate wins.
 *
 * Mixture weights are the observation weights given (TPE ramps older ones
 * down) and 1 for the prior, normalised.
 *
 * How a continuous value is scored, univariate: as Optuna 3.1 does, each
 * kernel by its truncated normal's shape without the 1/σ of a density (its
 * _truncnorm.logpdf has no −log(scale)), i.e. kernel i counts with weight
 * w_i·σ_i. Optuna corrected the 1/σ later (optuna#5109), but it costs
 * search quality: σ is the gap to a kernel's neighbours, so a proper g
 * peaks, probably by chance, wherever bad trials happen to lie close, and
 * the best l/g follows the gaps between them. Measured on bench:gp's five
 * functions and bench:cmaes's three in 10 d (sequential, 10 seeds), 3.1's
 * form gave 0.29–0.73 of the median best value, better on 7–10 seeds of 10.
 * Multivariate σ is one per param (Scott's rule), so there the 1/σ only
 * weighs the prior against the rest, and the density stays proper. A log
 * int's probability is its interval's mass, not the density at the value
 * (optuna#6258), as ints and steps are.
 */
import { gaussMass, normalPdf } from './gauss-mass.js';
import { latticeSize, latticeValue } from './lattice.js';
import type { Rng } from '../rng.js';
import type { ParamSpec, ParamValue } from './space.js';

/** A one-param mixture. */
export interface ParzenEstimator {
  /** One draw from the mixture, as a value of the param (on its lattice, inside its bounds). */
  sample(rng: Rng): ParamValue;
  /** log of the mixture's score at a value of the param: a continuous param's density without each kernel's 1/σ (file comment); the mass, for discrete and categorical params. */
  logPdf(value: ParamValue): number;
}

/** One param's components: the observations' then the prior's (last). */
export interface ParamKernels {
  readonly count: number;
  /** A value drawn from component i. */
  draw(i: number, rng: Rng): ParamValue;
  /** out[i] = component i's density at `value` (without its 1/σ with 'neighbours' bandwidths; its mass, for discrete and categorical params). */
  densities(value: ParamValue, out: Float64Array): void;
}

/** How numeric kernels get their σ: from neighbour gaps (univariate TPE), or σ0 × the range for all (multivariate). */
export type Bandwidth = 'neighbours' | { sigma0: number };

const PRIOR_WEIGHT = 1;
/** Rejection draws of a truncated normal before falling back to clamping (each accepts with p ≥ 0.34, see draw). */
const MAX_REJECTIONS = 64;

/** The univariate estimator of `spec` from observed values and their (unnormalised, ≥ 0) weights. */
export function parzenEstimator(spec: ParamSpec, observations: readonly ParamValue[], weights: readonly number[]): ParzenEstimator {
  const mix = mixtureWeights(weights, observations.length);
  const kernels = paramKernels(spec, observations, 'neighbours');
  const buf = new Float64Array(kernels.count);
  return {
    sample: (rng) => kernels.draw(pickComponent(mix, rng), rng),
    logPdf(value) {
      kernels.densities(value, buf);
      let sum = 0;
      for (let i = 0; i < buf.length; i++) sum += mix[i]! * buf[i]!;
      // The prior (σ = the range; a row over every choice) keeps this above 0 for any value of the param.
      return Math.log(sum);
    },
  };
}

/** Observation weights then the prior's, normalised to sum 1. */
export function mixtureWeights(weights: readonly number[], observations: number): Float64Array {
  if (observations !== weights.length) throw new RangeError(`parzen estimator: ${observations} observations but ${weights.length} weights`);
  const w = new Float64Array(weights.length + 1);
  let sum = PRIOR_WEIGHT;
  for (let i = 0; i < weights.length; i++) sum += w[i] = weights[i]!;
  w[weights.length] = PRIOR_WEIGHT;
  for (let i = 0; i < w.length; i++) w[i]! /= sum;
  return w;
}

/** A component index drawn with the mixture's weights. */
export function pickComponent(mix: Float64Array, rng: Rng): number {
  let u = rng.next();
  let i = 0;
  while (i < mix.length - 1 && (u -= mix[i]!) >= 0) i++;
  return i;
}

/** The kernels of one param (see the file comment). */
export function paramKernels(spec: ParamSpec, observations: readonly ParamValue[], bandwidth: Bandwidth): ParamKernels {
  return spec.type === 'categorical' ? categoricalKernels(spec.choices, observations) : numericKernels(spec, observations as readonly number[], bandwidth);
}

function categoricalKernels(choices: readonly ParamValue[], observations: readonly ParamValue[]): ParamKernels {
  const k = choices.length;
  const m = observations.length;
  // Row i: `spread` on every choice, plus `peak` on its observation; the prior's row is uniform.
  const spread = PRIOR_WEIGHT / (m + 1) / (1 + (k * PRIOR_WEIGHT) / (m + 1));
  const peak = 1 / (1 + (k * PRIOR_WEIGHT) / (m + 1));
  const observed = observations.map((v) => {
    const c = choices.indexOf(v);
    if (c < 0) throw new RangeError(`parzen estimator: ${String(v)} is not one of the choices`);
    return c;
  });
  return {
    count: m + 1,
    draw(i, rng) {
      if (i === m) return choices[rng.int(k)]!;
      let u = rng.next();
      for (let c = 0; c < k - 1; c++) {
        u -= spread + (c === observed[i] ? peak : 0);
        if (u < 0) return choices[c]!;
      }
      return choices[k - 1]!;
    },
    densities(value, out) {
      const c = choices.indexOf(value);
      for (let i = 0; i < m; i++) out[i] = c < 0 ? 0 : spread + (c === observed[i] ? peak : 0);
      out[m] = c < 0 ? 0 : 1 / k;
    },
  };
}

/** A numeric param on its internal scale: bounds, the interval a discrete value owns, and the way back to a value. */
interface Scale {
  lo: number;
  hi: number;
  /** For a discrete param (int, float with step): the internal interval a value owns; continuous ones have none. */
  interval?: (value: number) => [number, number];
  toInternal(value: number): number;
  toValue(x: number): number;
}

function scaleOf(spec: Exclude<ParamSpec, { type: 'categorical' }>): Scale {
  const { low, high } = spec;
  const clamp = (v: number) => Math.min(high, Math.max(low, v));
  if (spec.log === true) {
    if (spec.type === 'float') return { lo: Math.log(low), hi: Math.log(high), toInternal: Math.log, toValue: (x) => clamp(Math.exp(x)) };
    // A log int lives on the log scale over [low − ½, high + ½], rounded after the draw (as random
    // sampling does); integer k owns [log(k − ½), log(k + ½)].
    return {
      lo: Math.log(low - 0.5),
      hi: Math.log(high + 0.5),
      interval: (v) => [Math.log(v - 0.5), Math.log(v + 0.5)],
      toInternal: Math.log,
      toValue: (x) => clamp(Math.round(Math.exp(x))),
    };
  }
  const step = spec.type === 'int' ? (spec.step ?? 1) : spec.step;
  if (step === undefined) return { lo: low, hi: high, toInternal: (v) => v, toValue: clamp };
  const last = latticeSize(low, high, step) - 1;
  const top = latticeValue(low, high, step, last);
  return {
    lo: low - step / 2,
    hi: top + step / 2,
    interval: (v) => [v - step / 2, v + step / 2],
    toInternal: (v) => v,
    toValue: (x) => latticeValue(low, high, step, Math.min(last, Math.max(0, Math.round((x - low) / step)))),
  };
}

function numericKernels(spec: Exclude<ParamSpec, { type: 'categorical' }>, observations: readonly number[], bandwidth: Bandwidth): ParamKernels {
  const scale = scaleOf(spec);
  const { lo, hi, interval } = scale;
  const range = hi - lo;
  const n = observations.length + 1;
  if (range === 0) return constantKernels(spec.low, n);
  const mus = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) mus[i] = scale.toInternal(observations[i]!);
  mus[n - 1] = 0.5 * (lo + hi);
  const sigmas = bandwidth === 'neighbours' ? neighbourBandwidths(mus, lo, hi) : new Float64Array(n).fill(bandwidth.sigma0 * range);
  const min = range / Math.min(100, 1 + n);
  for (let i = 0; i < n - 1; i++) sigmas[i] = Math.min(range, Math.max(min, sigmas[i]!));
  sigmas[n - 1] = range;
  // 1 / (component i's mass inside the bounds), and over σ for a density (multivariate; file comment).
  const perSigma = interval === undefined && bandwidth !== 'neighbours';
  const norm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = sigmas[i]!;
    norm[i] = 1 / gaussMass((lo - mus[i]!) / s, (hi - mus[i]!) / s) / (perSigma ? s : 1);
  }
  return {
    count: n,
    draw(i, rng) {
      // μ lies in [lo, hi] and σ ≤ hi − lo, so a draw lands inside with p ≥ Φ(1) − Φ(0) ≈ 0.34.
      let x = NaN;
      for (let tries = 0; tries < MAX_REJECTIONS; tries++) {
        x = mus[i]! + sigmas[i]! * rng.normal();
        if (x >= lo && x <= hi) break;
      }
      return scale.toValue(Math.min(hi, Math.max(lo, x)));
    },
    densities(value, out) {
      const owned = interval?.(value as number);
      if (owned) {
        const a = Math.max(owned[0], lo);
        const b = Math.min(owned[1], hi);
        for (let i = 0; i < n; i++) out[i] = norm[i]! * gaussMass((a - mus[i]!) / sigmas[i]!, (b - mus[i]!) / sigmas[i]!);
      } else {
        const x = scale.toInternal(value as number);
        for (let i = 0; i < n; i++) out[i] = norm[i]! * normalPdf((x - mus[i]!) / sigmas[i]!);
      }
    },
  };
}

/**
 * A continuous param with low = high (a discrete one still owns its half-step interval): every
 * component is that value with mass 1, so it draws without the rng and adds log 1 = 0 to a
 * density, where σ = 0 would give 0 / 0.
 */
function constantKernels(value: number, count: number): ParamKernels {
  return {
    count,
    draw: () => value,
    densities(x, out) {
      out.fill(x === value ? 1 : 0);
    },
  };
}

/** σ per component before clipping: the larger gap to its sorted neighbours (see the file comment). */
function neighbourBandwidths(mus: Float64Array, lo: number, hi: number): Float64Array {
  const n = mus.length;
  const order = Array.from(mus.keys()).sort((a, b) => mus[a]! - mus[b]! || a - b);
  const sorted = [lo, ...order.map((i) => mus[i]!), hi];
  const sigmas = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let s = Math.max(sorted[r + 1]! - sorted[r]!, sorted[r + 2]! - sorted[r + 1]!);
    if (n >= 2 && r === 0) s = sorted[2]! - sorted[1]!;
    if (n >= 2 && r === n - 1) s = sorted[n]! - sorted[n - 1]!;
    sigmas[order[r]!] = s;
  }
  return sigmas;
}
