import { describe, expect, it } from 'vitest';
import { median } from 'simple-statistics';
import { Rng } from '../../src/rng.js';
import { multivariateParzen } from '../../src/search/multivariate-parzen.js';
import type { Params, Space } from '../../src/search/space.js';
import { randomSearch } from '../../src/search/random.js';
import type { Strategy } from '../../src/search/strategy.js';
import { tpe } from '../../src/search/tpe.js';
import { tpeWeights } from '../../src/search/tpe-sample.js';
import { simulate, type Objective } from './simulate.js';
import { strategyContract } from './strategy-contract.js';

/**
 * Reference: the joint mixture Optuna 3.1 builds with multivariate=True for these observations,
 * evaluated with scipy, i.e. with Optuna's later corrections (the 1/σ of a density, optuna#5109, which
 * the multivariate estimator keeps; interval masses for log ints, optuna#6258); the script
 * is at the end of this file.
 */
const OPTUNA = {"obs": {"k": [0, 2, 2, 1], "n": [2, 8, 9, 50], "x": [-1.5, 0.2, 0.4, 2.5]}, "points": [["a", 2, -1.5], ["c", 8, 0.3], ["b", 30, 1.0], ["a", 64, 3.0], ["c", 1, -2.0]], "logpdf": [-3.609112391971541, -4.686039545979039, -7.419072517813634, -8.523946888722527, -4.918868754431896]};

const space: Space = {
  k: { type: 'categorical', choices: ['a', 'b', 'c'] },
  n: { type: 'int', low: 1, high: 64, log: true },
  x: { type: 'float', low: -2, high: 3 },
};

describe('multivariateParzen', () => {
  it("matches Optuna's joint log density", () => {
    const obs: Params[] = OPTUNA.obs.k.map((k: number, i: number) => ({ k: ['a', 'b', 'c'][k]!, n: OPTUNA.obs.n[i]!, x: OPTUNA.obs.x[i]! }));
    const pe = multivariateParzen(space, obs, tpeWeights(obs.length));
    (OPTUNA.points as [string, number, number][]).forEach(([k, n, x], i) => expect(pe.logPdf({ k, n, x })).toBeCloseTo(OPTUNA.logpdf[i]!, 5));
  });

  it('keeps the params of one observation together when it draws (a univariate model would mix them)', () => {
    const xy: Space = { x: { type: 'float', low: 0, high: 1 }, y: { type: 'float', low: 0, high: 1 } };
    const obs: Params[] = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? { x: 0.1, y: 0.9 } : { x: 0.9, y: 0.1 }));
    const pe = multivariateParzen(xy, obs, tpeWeights(40));
    const rng = new Rng(4);
    let bothLow = 0;
    for (let i = 0; i < 4000; i++) {
      const p = pe.sample(rng);
      if ((p.x as number) < 0.5 && (p.y as number) < 0.5) bothLow++;
    }
    // Only the prior (weight 1 of 41) and the kernels' tails land there; independent params would put about a quarter there.
    expect(bothLow / 4000).toBeLessThan(0.05);
    expect(pe.logPdf({ x: 0.1, y: 0.9 })).toBeGreaterThan(pe.logPdf({ x: 0.1, y: 0.1 }) + 3);
  });

  it('draws a constant param (low = high) as its value, and the joint density stays finite and steered by the others', () => {
    const s: Space = { c: { type: 'float', low: 0.1, high: 0.1 }, cl: { type: 'float', low: 0.01, high: 0.01, log: true }, x: { type: 'float', low: 0, high: 1 } };
    const obs: Params[] = [0.2, 0.25, 0.3].map((x) => ({ c: 0.1, cl: 0.01, x }));
    const pe = multivariateParzen(s, obs, tpeWeights(obs.length));
    const rng = new Rng(1);
    for (let i = 0; i < 50; i++) expect(pe.sample(rng)).toMatchObject({ c: 0.1, cl: 0.01 });
    const near = pe.logPdf({ c: 0.1, cl: 0.01, x: 0.25 });
    const far = pe.logPdf({ c: 0.1, cl: 0.01, x: 0.9 });
    expect(Number.isFinite(near) && Number.isFinite(far)).toBe(true);
    expect(near).toBeGreaterThan(far);
  });
});

const valley: Space = { x: { type: 'float', low: -3, high: 3 }, y: { type: 'float', low: -3, high: 3 } };
strategyContract('tpe, multivariate', (seed) => tpe(valley, { seed, direction: 'minimize' }, { trials: 30, budget: 2, multivariate: true }), valley);

describe('multivariate TPE', () => {
  it('finds a narrow diagonal valley far better than random search, level with univariate TPE (40 seeds)', () => {
    const objective: Objective = (p) => 20 * ((p.x as number) - (p.y as number)) ** 2 + ((p.x as number) + (p.y as number) - 1) ** 2;
    const best = (strategy: Strategy) => Math.min(...simulate(strategy, { workers: 2, objective }).trials.map((t) => t.rungValues.get(2)!));
    const init = (seed: number) => ({ seed, direction: 'minimize' as const });
    const mv: number[] = [];
    const uv: number[] = [];
    const rs: number[] = [];
    for (let seed = 1; seed <= 40; seed++) {
      mv.push(best(tpe(valley, init(seed), { trials: 60, budget: 2, multivariate: true, maxConcurrent: 1 })));
      uv.push(best(tpe(valley, init(seed), { trials: 60, budget: 2, maxConcurrent: 1 })));
      rs.push(best(randomSearch(valley, init(seed), { trials: 60, budget: 2 })));
    }
    // Measured (sequential): medians 0.146 multivariate, 0.109 univariate, 0.99 random; multivariate ahead of
    // random on 39 of 40 seeds. Optuna 3.1 on this valley: 0.147 and 0.106, multivariate ahead on 19 of 40.
    // (Univariate was 0.28 while its estimator scored with each kernel's 1/σ: parzen-estimator.ts.)
    expect(median(mv)).toBeLessThan(0.3 * median(rs));
    expect(mv.filter((v, i) => v < rs[i]!).length).toBeGreaterThanOrEqual(34);
    expect(median(mv)).toBeLessThan(2 * median(uv));
  });
});

// The reference values came from this script (/usr/bin/python3, Optuna 3.1, scipy):
// # Reference joint log densities for rungs' multivariate Parzen estimator: the mixture
// # (μ, σ, weights, categorical rows) Optuna 3.1 builds with multivariate=True, evaluated with
// # scipy (with the 1/σ of a scaled density, optuna#5109, and interval masses for log ints, optuna#6258).
// import numpy as np, json
// from scipy.stats import norm
// from optuna.distributions import FloatDistribution, IntDistribution, CategoricalDistribution
// from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
// from optuna.samplers._tpe.sampler import default_weights
// params = _ParzenEstimatorParameters(consider_prior=True, prior_weight=1.0, consider_magic_clip=True, consider_endpoints=False, weights=default_weights, multivariate=True)
// space = {"k": CategoricalDistribution(["a", "b", "c"]), "n": IntDistribution(1, 64, log=True), "x": FloatDistribution(-2.0, 3.0)}
// obs = {"k": [0, 2, 2, 1], "n": [2, 8, 9, 50], "x": [-1.5, 0.2, 0.4, 2.5]}
// pe = _ParzenEstimator({k: np.asarray(v, dtype=float) for k, v in obs.items()}, space, params)
// w = pe._weights
// points = [("a", 2, -1.5), ("c", 8, 0.3), ("b", 30, 1.0), ("a", 64, 3.0), ("c", 1, -2.0)]
// out = []
// for k, n, x in points:
//     lp = np.log(w).copy()
//     rows = pe._categorical_weights["k"]
//     lp += np.log(rows[:, ["a", "b", "c"].index(k)])
//     mus, sig, lo, hi = pe._mus["n"], pe._sigmas["n"], pe._low["n"], pe._high["n"]
//     a, b = max(np.log(n - 0.5), lo), min(np.log(n + 0.5), hi)
//     lp += np.log(norm.cdf((b - mus) / sig) - norm.cdf((a - mus) / sig)) - np.log(norm.cdf((hi - mus) / sig) - norm.cdf((lo - mus) / sig))
//     mus, sig, lo, hi = pe._mus["x"], pe._sigmas["x"], pe._low["x"], pe._high["x"]
//     lp += norm.logpdf(x, mus, sig) - np.log(norm.cdf((hi - mus) / sig) - norm.cdf((lo - mus) / sig))
//     m = lp.max(); out.append(float(m + np.log(np.exp(lp - m).sum())))
// print(json.dumps({"obs": obs, "points": points, "logpdf": out}))
