/**
 * The point that maximises log EI (log-ei.ts) under a GP posterior
 * (gp-regression.ts), over a mixed space in unit coordinates: continuous
 * dimensions in [0, 1], discrete ones (ints, float lattices) on their
 * points, categorical ones as a choice index. As Optuna's GPSampler
 * (optim_mixed): score `candidates` random points, then local searches from
 * the best of them and from the given starts (the best trial so far), each
 * alternating a gradient ascent on the numeric dimensions (L-BFGS in the
 * box, discrete ones relaxed and then rounded to their nearest point) with
 * a line search over every choice of each categorical dimension and over
 * the points (or, with more than EXHAUSTIVE_POINTS, the neighbours) of each
 * discrete one, until a sweep improves nothing. The best point that is not
 * among `tried` (exactly) wins: a local search from the best trial often
 * ends where it started, and training it again would teach nothing new.
 */
import type { Rng } from '../rng.js';
import type { GpPosterior } from './gp-regression.js';
import { minimizeLbfgs } from './lbfgs.js';
import { logEi, logH } from './log-ei.js';

export type GpDim =
  | { kind: 'continuous' }
  /** `size` values, value k at unit coordinate point(k) (ascending in k); index(u): the value nearest u. */
  | { kind: 'discrete'; size: number; point(k: number): number; index(u: number): number }
  | { kind: 'categorical'; choices: number };

export interface AcquisitionOptions {
  /** Random points scored before the local searches (default 2048, Optuna's). */
  candidates?: number;
  /** Local searches from the best candidates (default 5), besides the starts given. */
  localSearches?: number;
}

/** A discrete dimension with at most this many points is searched value by value; a larger one by its neighbours. */
const EXHAUSTIVE_POINTS = 64;
const MAX_SWEEPS = 10;

/** x with its discrete coordinates moved to their nearest points (in place). */
function snap(dims: readonly GpDim[], x: Float64Array): Float64Array {
  dims.forEach((dim, i) => {
    if (dim.kind === 'discrete') x[i] = dim.point(dim.index(x[i]!));
  });
  return x;
}

/**
 * The maximiser of log EI over `dims`, where `best` is the best standardised target so far. Deterministic
 * given rng's state. `starts`: points to search from besides the best candidates (they are snapped).
 */
export function maximizeLogEi(
  posterior: GpPosterior,
  best: number,
  dims: readonly GpDim[],
  rng: Rng,
  starts: readonly Float64Array[],
  tried: readonly Float64Array[] = [],
  options: AcquisitionOptions = {},
): Float64Array {
  const taken = new Set(tried.map((x) => x.join()));
  const d = dims.length;
  const grad = { mean: new Float64Array(d), variance: new Float64Array(d) };
  const score = (x: Float64Array): number => {
    const { mean, variance } = posterior.predict(x);
    return logEi(mean, variance, best);
  };

  const pool: { x: Float64Array; value: number }[] = [];
  for (let c = 0; c < (options.candidates ?? 2048); c++) {
    const x = Float64Array.from(dims, (dim) => (dim.kind === 'categorical' ? rng.int(dim.choices) : rng.next()));
    pool.push({ x: snap(dims, x), value: score(x) });
  }
  // Best first; ties by draw order, so the choice is fixed by the draws.
  const order = pool.map((_, i) => i).sort((a, b) => pool[b]!.value - pool[a]!.value || a - b);
  const origins = [...starts.map((s) => snap(dims, Float64Array.from(s))), ...order.slice(0, options.localSearches ?? 5).map((i) => pool[i]!.x)];

  const numeric = dims.flatMap((dim, i) => (dim.kind === 'categorical' ? [] : [i]));
  const found: { x: Float64Array; value: number }[] = [];
  for (const origin of origins) {
    let x = Float64Array.from(origin);
    let value = score(x);
    for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      let improved = false;
      if (numeric.length > 0) {
        const sub = Float64Array.from(numeric, (i) => x[i]!);
        const trial = Float64Array.from(x);
        const negLogEi = (u: Float64Array, g: Float64Array): number => {
          numeric.forEach((i, k) => (trial[i] = u[k]!));
          const { mean, variance } = posterior.predict(trial, grad);
          if (!(variance > 1e-300)) {
            g.fill(0);
            return mean > best ? -Math.log(mean - best) : Infinity;
          }
          const sigma = Math.sqrt(variance);
          const z = (mean - best) / sigma;
          const { value: lh, slope } = logH(z);
          // d log EI = dσ/σ + (log h)'(z)·(dμ − z·dσ)/σ, dσ = dσ²/(2σ).
          numeric.forEach((i, k) => {
            const dSigma = grad.variance[i]! / (2 * sigma);
            g[k] = -(dSigma / sigma + (slope * (grad.mean[i]! - z * dSigma)) / sigma);
          });
          return -(Math.log(sigma) + lh);
        };
        const { x: u } = minimizeLbfgs(negLogEi, sub, { lower: 0, upper: 1, maxIterations: 50, gtol: 1e-6 });
        const moved = Float64Array.from(x);
        numeric.forEach((i, k) => (moved[i] = u[k]!));
        snap(dims, moved);
        const v = score(moved);
        if (v > value) {
          x = moved;
          value = v;
          improved = true;
        }
      }
      for (let i = 0; i < d; i++) {
        const dim = dims[i]!;
        if (dim.kind === 'continuous') continue;
        const tries: number[] = [];
        if (dim.kind === 'categorical') for (let c = 0; c < dim.choices; c++) tries.push(c);
        else if (dim.size <= EXHAUSTIVE_POINTS) for (let k = 0; k < dim.size; k++) tries.push(dim.point(k));
        else {
          const at = dim.index(x[i]!);
          for (const k of [at - 2, at - 1, at + 1, at + 2]) if (k >= 0 && k < dim.size) tries.push(dim.point(k));
        }
        const kept = x[i]!;
        let bestCoord = kept;
        for (const c of tries) {
          if (c === kept) continue;
          x[i] = c;
          const v = score(x);
          if (v > value) {
            value = v;
            bestCoord = c;
            improved = true;
          }
        }
        x[i] = bestCoord;
      }
      if (!improved) break;
    }
    found.push({ x, value });
  }
  // The local searches' ends, best first, then the candidates in their order; a tried point is passed over.
  found.sort((a, b) => b.value - a.value);
  const fresh = [...found, ...order.map((i) => pool[i]!)].find((p) => !taken.has(p.x.join()));
  return (fresh ?? found[0] ?? pool[order[0]!]!).x;
}
