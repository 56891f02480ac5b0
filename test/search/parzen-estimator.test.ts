import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import { parzenEstimator } from '../../src/search/parzen-estimator.js';
import type { ParamSpec, ParamValue } from '../../src/search/space.js';
import { tpeWeights } from '../../src/search/tpe-sample.js';

/**
 * Reference log densities: the mixture (μ, σ, weights) Optuna 3.1's
 * _ParzenEstimator builds for these observations (univariate, TPESampler's
 * defaults), evaluated with scipy's truncated normal, i.e. with Optuna's
 * later corrections (the 1/σ of a scaled density, optuna#5109; interval
 * masses for log ints, optuna#6258). Computed once with /usr/bin/python3;
 * the script is at the end of this file.
 */
const OPTUNA: Record<string, { obs: number[]; xs: number[]; logpdf: number[] }> = {"float": {"obs": [0.2, 0.25, 0.9], "xs": [0.0, 0.1, 0.22, 0.5, 0.95, 1.0], "logpdf": [-0.092935179249231, 0.19701038833413453, 0.3449922388299226, -0.0011850521626382005, -0.4047267072101871, -0.4348051983736225]}, "floatlog": {"obs": [0.001, 0.002, 0.05, 0.3], "xs": [0.0001, 0.0005, 0.001, 0.01, 0.2, 1.0], "logpdf": [-3.052995093832131, -2.217342517658446, -2.0482396775339877, -2.182220516117574, -2.1623824969714756, -2.5385738223392673]}, "floatstep": {"obs": [0.1, 0.1, 0.7], "xs": [0.0, 0.1, 0.5, 0.7, 1.0], "logpdf": [-2.176169621197716, -2.1025192997076774, -2.3981278271393163, -2.4629076462870003, -3.132629848065486]}, "int": {"obs": [2, 3, 9], "xs": [1, 2, 5, 9, 10], "logpdf": [-2.14030380594893, -1.981797494117617, -2.261811171960624, -2.651602932768628, -2.7186052714269127]}, "intstep": {"obs": [16, 64], "xs": [8, 16, 64, 128], "logpdf": [-2.657090305326621, -2.604745836695642, -2.6370926467804225, -3.408292449386683]}, "intlog": {"obs": [16, 20, 200], "xs": [8, 16, 30, 200, 256], "logpdf": [-3.459018734905996, -3.684602889914928, -4.41404464077075, -6.964422710179048, -7.238752510416877]}, "empty": {"obs": [], "xs": [-2.0, 0.5, 3.0], "logpdf": [-1.6934601119431507, -1.5684601119431507, -1.6934601119431507]}, "many": {"obs": [0.01, 0.04379310344827586, 0.07758620689655171, 0.11137931034482758, 0.14517241379310344, 0.1789655172413793, 0.21275862068965518, 0.24655172413793103, 0.2803448275862069, 0.31413793103448273, 0.3479310344827586, 0.38172413793103444, 0.41551724137931034, 0.4493103448275862, 0.48310344827586205, 0.5168965517241378, 0.5506896551724138, 0.5844827586206897, 0.6182758620689655, 0.6520689655172414, 0.6858620689655172, 0.7196551724137931, 0.7534482758620689, 0.7872413793103448, 0.8210344827586207, 0.8548275862068965, 0.8886206896551724, 0.9224137931034482, 0.9562068965517241, 0.99], "xs": [0.0, 0.33, 0.5, 0.77], "logpdf": [-2.081301677350102, 0.06878776871543213, 0.06927578831306813, 0.0680584521904617]}, "categorical": {"obs": [0, 0, 2], "xs": [0, 1, 2, 3], "logpdf": [-0.9007865453381898, -1.856297990365626, -1.2685113254635072, -1.856297990365626]}};

const SPECS: Record<string, ParamSpec> = {
  float: { type: 'float', low: 0, high: 1 },
  floatlog: { type: 'float', low: 1e-4, high: 1, log: true },
  floatstep: { type: 'float', low: 0, high: 1, step: 0.1 },
  int: { type: 'int', low: 1, high: 10 },
  intstep: { type: 'int', low: 8, high: 128, step: 8 },
  intlog: { type: 'int', low: 8, high: 256, log: true },
  empty: { type: 'float', low: -2, high: 3 },
  many: { type: 'float', low: 0, high: 1 },
};
const CHOICES = ['a', 'b', 'c', 'd'];

describe('parzenEstimator', () => {
  for (const [name, spec] of Object.entries(SPECS)) {
    it(`matches Optuna's log density: ${name}`, () => {
      const ref = OPTUNA[name]!;
      const pe = parzenEstimator(spec, ref.obs, tpeWeights(ref.obs.length));
      ref.xs.forEach((x, i) => expect(pe.logPdf(x)).toBeCloseTo(ref.logpdf[i]!, 5));
    });
  }

  it("matches Optuna's log mass: categorical", () => {
    const ref = OPTUNA['categorical']!;
    const pe = parzenEstimator({ type: 'categorical', choices: CHOICES }, ref.obs.map((i) => CHOICES[i]!), [1, 1, 1]);
    ref.xs.forEach((c, i) => expect(pe.logPdf(CHOICES[c]!)).toBeCloseTo(ref.logpdf[i]!, 10));
    expect(pe.logPdf('z')).toBe(-Infinity);
  });

  it('is a probability: the density integrates to 1, lattice and categorical masses sum to 1', () => {
    const cont = parzenEstimator(SPECS['float']!, [0.2, 0.25, 0.9], [1, 2, 1]);
    let integral = 0;
    const steps = 20000;
    for (let i = 0; i < steps; i++) integral += Math.exp(cont.logPdf((i + 0.5) / steps)) / steps;
    expect(integral).toBeCloseTo(1, 4);
    // A log float's density is over log(value).
    const log = parzenEstimator(SPECS['floatlog']!, [1e-3, 0.05], [1, 1]);
    const a = Math.log(1e-4);
    const b = 0;
    integral = 0;
    for (let i = 0; i < steps; i++) integral += (Math.exp(log.logPdf(Math.exp(a + ((i + 0.5) / steps) * (b - a)))) * (b - a)) / steps;
    expect(integral).toBeCloseTo(1, 4);
    const lattice = parzenEstimator(SPECS['intstep']!, [16, 64, 64], [1, 1, 1]);
    let sum = 0;
    for (let v = 8; v <= 128; v += 8) sum += Math.exp(lattice.logPdf(v));
    expect(sum).toBeCloseTo(1, 6);
    const cat = parzenEstimator({ type: 'categorical', choices: CHOICES }, ['b', 'b', 'd'], [0.5, 1, 1]);
    expect(CHOICES.reduce((s, c) => s + Math.exp(cat.logPdf(c)), 0)).toBeCloseTo(1, 12);
  });

  it('samples follow its own density (lattice param: frequencies against masses)', () => {
    const spec = SPECS['int']!;
    const pe = parzenEstimator(spec, [2, 3, 9], [1, 1, 1]);
    const rng = new Rng(7);
    const draws = 40000;
    const counts = new Map<ParamValue, number>();
    for (let i = 0; i < draws; i++) {
      const v = pe.sample(rng);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].every((v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 10)).toBe(true);
    for (let v = 1; v <= 10; v++) {
      const p = Math.exp(pe.logPdf(v));
      // Five standard errors of a binomial proportion.
      expect(Math.abs((counts.get(v) ?? 0) / draws - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / draws));
    }
  });

  it('samples stay inside bounds and on the lattice, and concentrate near the observations', () => {
    const rng = new Rng(3);
    const step = parzenEstimator(SPECS['floatstep']!, [0.7, 0.7, 0.7, 0.7], [1, 1, 1, 1]);
    const logInt = parzenEstimator(SPECS['intlog']!, [200, 210], [1, 1]);
    let nearSeven = 0;
    for (let i = 0; i < 2000; i++) {
      const v = step.sample(rng) as number;
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      expect(Math.abs(v * 10 - Math.round(v * 10))).toBeLessThan(1e-9);
      if (Math.abs(v - 0.7) < 0.15) nearSeven++;
      const w = logInt.sample(rng) as number;
      expect(Number.isInteger(w) && w >= 8 && w <= 256).toBe(true);
    }
    // 4 of 5 mixture weight sits on 0.7 with σ ≥ 0.11 (the clip); the prior spreads the rest.
    expect(nearSeven / 2000).toBeGreaterThan(0.5);
  });

  it('refuses observations and weights of different lengths, and values that are not choices', () => {
    expect(() => parzenEstimator(SPECS['float']!, [0.1], [])).toThrow(/1 observations but 0 weights/);
    expect(() => parzenEstimator({ type: 'categorical', choices: CHOICES }, ['q'], [1])).toThrow(/not one of the choices/);
  });

  it('gives a constant param (low = high) its value, with a finite density (σ = 0 would give 0 / 0)', () => {
    const constants: Exclude<ParamSpec, { type: 'categorical' }>[] = [
      { type: 'float', low: 0.1, high: 0.1 },
      { type: 'float', low: 1e-3, high: 1e-3, log: true },
      { type: 'float', low: 0.5, high: 0.5, step: 0.1 },
      { type: 'int', low: 3, high: 3 },
      { type: 'int', low: 4, high: 4, log: true },
    ];
    const rng = new Rng(2);
    for (const spec of constants) {
      for (const obs of [[], [spec.low], [spec.low, spec.low, spec.low]]) {
        const pe = parzenEstimator(spec, obs, tpeWeights(obs.length));
        for (let i = 0; i < 20; i++) expect(pe.sample(rng)).toBe(spec.low);
        expect(Number.isFinite(pe.logPdf(spec.low))).toBe(true);
      }
    }
  });
});

// The reference values came from this script (/usr/bin/python3, Optuna 3.1, scipy):
// # Reference log densities for rungs' Parzen estimator: the mixture (μ, σ, weights) that
// # Optuna 3.1's _ParzenEstimator builds, evaluated with scipy's truncated normal, i.e. with
// # the corrections Optuna made later: the −log σ term of a scaled density (optuna#5109,
// # fixed in 3.5) and interval masses for log-scale ints (optuna#6258, 4.x).
// import numpy as np, json
// from scipy.stats import truncnorm, norm
// from optuna.distributions import FloatDistribution, IntDistribution, CategoricalDistribution
// from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
// from optuna.samplers._tpe.sampler import default_weights
// params = _ParzenEstimatorParameters(consider_prior=True, prior_weight=1.0, consider_magic_clip=True, consider_endpoints=False, weights=default_weights, multivariate=False)
// cases = [
//   ("float", FloatDistribution(0.0, 1.0), [0.2, 0.25, 0.9], [0.0, 0.1, 0.22, 0.5, 0.95, 1.0]),
//   ("floatlog", FloatDistribution(1e-4, 1.0, log=True), [1e-3, 2e-3, 0.05, 0.3], [1e-4, 5e-4, 1e-3, 0.01, 0.2, 1.0]),
//   ("floatstep", FloatDistribution(0.0, 1.0, step=0.1), [0.1, 0.1, 0.7], [0.0, 0.1, 0.5, 0.7, 1.0]),
//   ("int", IntDistribution(1, 10), [2, 3, 9], [1, 2, 5, 9, 10]),
//   ("intstep", IntDistribution(8, 128, step=8), [16, 64], [8, 16, 64, 128]),
//   ("intlog", IntDistribution(8, 256, log=True), [16, 20, 200], [8, 16, 30, 200, 256]),
//   ("empty", FloatDistribution(-2.0, 3.0), [], [-2.0, 0.5, 3.0]),
//   ("many", FloatDistribution(0.0, 1.0), list(np.linspace(0.01, 0.99, 30)), [0.0, 0.33, 0.5, 0.77]),
// ]
// def logsumexp(a):
//     m = a.max(); return float(m + np.log(np.exp(a - m).sum()))
// out = {}
// for name, dist, obs, xs in cases:
//     pe = _ParzenEstimator({"x": np.asarray(obs, dtype=float)}, {"x": dist}, params)
//     mus, sig, w = pe._mus["x"], pe._sigmas["x"], pe._weights
//     low, high, q = pe._low["x"], pe._high["x"], pe._q["x"]
//     acc = norm.cdf((high - mus) / sig) - norm.cdf((low - mus) / sig)
//     res = []
//     for x in xs:
//         if name == "intlog":
//             a, b = max(np.log(x - 0.5), low), min(np.log(x + 0.5), high)
//         elif q is not None:
//             a, b = max(x - q / 2, low), min(x + q / 2, high)
//         else:
//             t = np.log(x) if getattr(dist, "log", False) else x
//             res.append(logsumexp(np.log(w) + truncnorm.logpdf(t, (low - mus) / sig, (high - mus) / sig, loc=mus, scale=sig)))
//             continue
//         mass = norm.cdf((b - mus) / sig) - norm.cdf((a - mus) / sig)
//         res.append(logsumexp(np.log(w) + np.log(mass) - np.log(acc)))
//     out[name] = {"obs": obs, "xs": xs, "logpdf": res}
// dist = CategoricalDistribution(["a", "b", "c", "d"])
// obs = [0, 0, 2]
// pe = _ParzenEstimator({"x": np.asarray(obs, dtype=float)}, {"x": dist}, params)
// out["categorical"] = {"obs": obs, "xs": [0,1,2,3], "logpdf": [float(v) for v in pe.log_pdf({"x": np.asarray([0,1,2,3])})]}
// print(json.dumps(out))
