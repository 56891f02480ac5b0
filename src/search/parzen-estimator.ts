/**
 * One param's Parzen estimator, built as Optuna's univariate TPE builds it
 * (its defaults: a prior of weight 1, the "magic clip", no endpoints): a
 * weighted mixture of one component per observation plus a prior component.
 *
 * - numeric params: truncated normals on the param's own scale (the log for
 *   log params). A discrete param (an int, a float with `step`) widens its
 *   bounds by half a step, so every value owns an interval (k owns
 *   [log(k − ½), log(k + ½)] for a log int), and a value's probability is
 *   the mixture's mass over its interval. A
 *   component's μ is its observation; its σ is the larger gap to its sorted
 *   neighbours (the bounds count as neighbours, except for the lowest and
 *   highest μ, which take their inner gap), clipped to
 *   [range / min(100, 1 + components), range]. The prior sits in the middle
 *   with σ = the range, and takes part in the neighbour gaps.
 * - categorical params: component i puts 1 on its observed choice plus
 *   1/(m + 1) on every choice (m observations), normalised; the prior is
 *   uniform. Since a param is sampled on its own, the mixture is its marginal.
 *
 * Mixture weights are the observation weights given (TPE ramps older ones
 * down) and 1 for the prior, normalised.
 *
 * Densities follow Optuna's two later corrections to its 3.1 estimator: a
 * component's density includes its 1/σ (optuna#5109), and a log int's
 * probability is its interval's mass, not the density at the value
 * (optuna#6258).
 */
import { gaussMass, normalPdf } from './gauss-mass.js';
import { latticeSize, latticeValue } from './lattice.js';
import type { Rng } from '../rng.js';
import type { ParamSpec, ParamValue } from './space.js';

export interface ParzenEstimator {
  /** One draw from the mixture, as a value of the param (on its lattice, inside its bounds). */
  sample(rng: Rng): ParamValue;
  /** log of the mixture's density (mass, for lattice and categorical params) at a value of the param. */
  logPdf(value: ParamValue): number;
}

const PRIOR_WEIGHT = 1;
/** Rejection draws of a truncated normal before falling back to clamping (each accepts with p ≥ 0.34, see sampleNumeric). */
const MAX_REJECTIONS = 64;

/** The estimator of `spec` from observed values and their (unnormalised, ≥ 0) weights. */
export function parzenEstimator(spec: ParamSpec, observations: readonly ParamValue[], weights: readonly number[]): ParzenEstimator {
  if (observations.length !== weights.length) throw new RangeError(`parzenEstimator: ${observations.length} observations but ${weights.length} weights`);
  const mix = mixtureWeights(weights);
  return spec.type === 'categorical' ? categorical(spec.choices, observations, mix) : numeric(spec, observations as readonly number[], mix);
}

/** Observation weights then the prior's, normalised to sum 1. */
function mixtureWeights(weights: readonly number[]): Float64Array {
  const w = new Float64Array(weights.length + 1);
  let sum = PRIOR_WEIGHT;
  for (let i = 0; i < weights.length; i++) sum += w[i] = weights[i]!;
  w[weights.length] = PRIOR_WEIGHT;
  for (let i = 0; i < w.length; i++) w[i]! /= sum;
  return w;
}

function categorical(choices: readonly ParamValue[], observations: readonly ParamValue[], mix: Float64Array): ParzenEstimator {
  const k = choices.length;
  const m = observations.length;
  const fill = PRIOR_WEIGHT / (m + 1);
  const rowSum = 1 + k * fill;
  // p[c] = Σ_i w_i·row_i[c]: each row spreads `fill` everywhere and adds 1 at its observation.
  const p = new Float64Array(k);
  let spread = mix[m]! / k;
  for (let i = 0; i < m; i++) spread += (mix[i]! * fill) / rowSum;
  p.fill(spread);
  for (let i = 0; i < m; i++) {
    const c = choices.indexOf(observations[i]!);
    if (c < 0) throw new RangeError(`parzenEstimator: ${String(observations[i])} is not one of the choices`);
    p[c]! += mix[i]! / rowSum;
  }
  return {
    sample(rng) {
      let u = rng.next();
      for (let c = 0; c < k - 1; c++) {
        u -= p[c]!;
        if (u < 0) return choices[c]!;
      }
      return choices[k - 1]!;
    },
    logPdf(value) {
      const c = choices.indexOf(value);
      return c < 0 ? -Infinity : Math.log(p[c]!);
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

function numeric(spec: Exclude<ParamSpec, { type: 'categorical' }>, observations: readonly number[], mix: Float64Array): ParzenEstimator {
  const scale = scaleOf(spec);
  const { lo, hi, interval } = scale;
  const range = hi - lo;
  const n = observations.length + 1;
  const mus = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) mus[i] = scale.toInternal(observations[i]!);
  mus[n - 1] = 0.5 * (lo + hi);
  const sigmas = bandwidths(mus, lo, hi);
  sigmas[n - 1] = range;
  // Each component's weight over its mass inside the bounds (and, for a density, over σ): the
  // mixture is then Σ coef_i · φ(z_i) or Σ coef_i · mass_i. It is summed in linear space; the
  // prior (σ = the range) keeps the sum away from 0 anywhere inside the bounds.
  const coef = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = sigmas[i]!;
    coef[i] = mix[i]! / gaussMass((lo - mus[i]!) / s, (hi - mus[i]!) / s) / (interval ? 1 : s);
  }
  return {
    sample(rng) {
      let u = rng.next();
      let i = 0;
      while (i < n - 1 && (u -= mix[i]!) >= 0) i++;
      // μ lies in [lo, hi] and σ ≤ hi − lo, so a draw lands inside with p ≥ Φ(1) − Φ(0) ≈ 0.34.
      let x = NaN;
      for (let tries = 0; tries < MAX_REJECTIONS; tries++) {
        x = mus[i]! + sigmas[i]! * rng.normal();
        if (x >= lo && x <= hi) break;
      }
      return scale.toValue(Math.min(hi, Math.max(lo, x)));
    },
    logPdf(value) {
      let sum = 0;
      const owned = interval?.(value as number);
      if (owned) {
        const a = Math.max(owned[0], lo);
        const b = Math.min(owned[1], hi);
        for (let i = 0; i < n; i++) sum += coef[i]! * gaussMass((a - mus[i]!) / sigmas[i]!, (b - mus[i]!) / sigmas[i]!);
      } else {
        const x = scale.toInternal(value as number);
        for (let i = 0; i < n; i++) sum += coef[i]! * normalPdf((x - mus[i]!) / sigmas[i]!);
      }
      return Math.log(sum);
    },
  };
}

/** σ per component: the larger gap to its sorted neighbours (see the file comment), clipped. */
function bandwidths(mus: Float64Array, lo: number, hi: number): Float64Array {
  const n = mus.length;
  const order = Array.from(mus.keys()).sort((a, b) => mus[a]! - mus[b]! || a - b);
  const sorted = [lo, ...order.map((i) => mus[i]!), hi];
  const sigmas = new Float64Array(n);
  const range = hi - lo;
  const min = range / Math.min(100, 1 + n);
  for (let r = 0; r < n; r++) {
    let s = Math.max(sorted[r + 1]! - sorted[r]!, sorted[r + 2]! - sorted[r + 1]!);
    if (n >= 2 && r === 0) s = sorted[2]! - sorted[1]!;
    if (n >= 2 && r === n - 1) s = sorted[n]! - sorted[n - 1]!;
    sigmas[order[r]!] = Math.min(range, Math.max(min, s));
  }
  return sigmas;
}
