/**
 * The joint Parzen estimator of multivariate TPE (Falkner et al. 2018, as
 * Optuna's TPESampler(multivariate=True)): component i is the product of
 * every param's kernel i (parzen-estimator.ts, σ by Scott's rule), so a
 * draw keeps the params of one observation together, and the density sees
 * how params interact, which the univariate estimator, one param at a time,
 * cannot.
 */
import type { Rng } from '../rng.js';
import { mixtureWeights, paramKernels, pickComponent, type ParamKernels } from './parzen-estimator.js';
import type { Params, Space } from './space.js';

export interface JointParzenEstimator {
  /** One draw: every param from the same component. */
  sample(rng: Rng): Params;
  /** log of the joint density (mass, for discrete and categorical params) at a point. */
  logPdf(params: Params): number;
}

/** σ0 of Scott's rule, as Optuna (and BOHB) scale it. */
const SIGMA0_MAGNITUDE = 0.2;

/** The joint estimator over `space` from observed points and their (unnormalised, ≥ 0) weights. */
export function multivariateParzen(space: Space, observations: readonly Params[], weights: readonly number[]): JointParzenEstimator {
  const names = Object.keys(space).sort();
  const mix = mixtureWeights(weights, observations.length);
  const sigma0 = SIGMA0_MAGNITUDE * Math.max(observations.length, 1) ** (-1 / (names.length + 4));
  const kernels: ParamKernels[] = names.map((name) => paramKernels(space[name]!, observations.map((o) => o[name]!), { sigma0 }));
  const n = mix.length;
  const logs = new Float64Array(n);
  const buf = new Float64Array(n);
  return {
    sample(rng) {
      const i = pickComponent(mix, rng);
      const params: Params = {};
      names.forEach((name, p) => (params[name] = kernels[p]!.draw(i, rng)));
      return params;
    },
    logPdf(params) {
      for (let i = 0; i < n; i++) logs[i] = Math.log(mix[i]!);
      names.forEach((name, p) => {
        kernels[p]!.densities(params[name]!, buf);
        for (let i = 0; i < n; i++) logs[i]! += Math.log(buf[i]!);
      });
      // log Σ exp: products of many small densities would underflow in linear space.
      let max = -Infinity;
      for (let i = 0; i < n; i++) if (logs[i]! > max) max = logs[i]!;
      if (max === -Infinity) return -Infinity;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += Math.exp(logs[i]! - max);
      return max + Math.log(sum);
    },
  };
}
