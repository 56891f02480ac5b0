import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import { parzenEstimator } from '../../src/search/parzen-estimator.js';
import type { ParamSpec, ParamValue } from '../../src/search/space.js';
import { tpeWeights } from '../../src/search/tpe-sample.js';

/**
 * Reference scores: Optuna 3.1's own _ParzenEstimator.log_pdf for these
 * observations (univariate, TPESampler's defaults): a continuous kernel
 * scores without its 1/σ, as 3.1 does; log ints by the mass of the value's
 * interval (optuna#6258, a later correction), from 3.1's mixture (μ, σ,
 * weights) with scipy. Computed once with /usr/bin/python3; the script is
 * at the end of this file.
 */
const OPTUNA: Record<string, { obs: number[]; xs: number[]; logpdf: number[] }> = {"float": {"obs": [0.2, 0.25, 0.9], "xs": [0.0, 0.1, 0.22, 0.5, 0.95, 1.0], "logpdf": [-0.9485540631916985, -0.760913279927551, -0.6417448181129903, -0.7463274290586154, -0.8999951741031135, -0.9262482457162717]}, "floatlog": {"obs": [0.001, 0.002, 0.05, 0.3], "xs": [0.0001, 0.0005, 0.001, 0.01, 0.2, 1.0], "logpdf": [-1.4853647610798086, -1.0937699824051865, -0.991735672996584, -1.0226993140412806, -1.007489840228155, -1.2392012440134532]}, "floatstep": {"obs": [0.1, 0.1, 0.7], "xs": [0.0, 0.1, 0.5, 0.7, 1.0], "logpdf": [-2.176169621197716, -2.102519299707677, -2.398127827139316, -2.4629076462870008, -3.132629848065485]}, "int": {"obs": [2.0, 3.0, 9.0], "xs": [1, 2, 5, 9, 10], "logpdf": [-2.14030380594893, -1.981797494117617, -2.261811171960624, -2.6516029327686286, -2.718605271426913]}, "intstep": {"obs": [16.0, 64.0], "xs": [8, 16, 64, 128], "logpdf": [-2.6570903053266206, -2.604745836695641, -2.637092646780424, -3.408292449386683]}, "intlog": {"obs": [16.0, 20.0, 200.0], "xs": [8, 16, 30, 200, 256], "logpdf": [-3.459018734905996, -3.684602889914928, -4.41404464077075, -6.964422710179048, -7.238752510416877]}, "empty": {"obs": [], "xs": [-2.0, 0.5, 3.0], "logpdf": [-0.08402219950905043, 0.04097780049094957, -0.08402219950905043]}, "many": {"obs": [0.01, 0.04379310344827586, 0.07758620689655171, 0.11137931034482758, 0.14517241379310344, 0.1789655172413793, 0.21275862068965518, 0.24655172413793103, 0.2803448275862069, 0.31413793103448273, 0.3479310344827586, 0.38172413793103444, 0.41551724137931034, 0.4493103448275862, 0.48310344827586205, 0.5168965517241378, 0.5506896551724138, 0.5844827586206897, 0.6182758620689655, 0.6520689655172414, 0.6858620689655172, 0.7196551724137931, 0.7534482758620689, 0.7872413793103448, 0.8210344827586207, 0.8548275862068965, 0.8886206896551724, 0.9224137931034482, 0.9562068965517241, 0.99], "xs": [0.0, 0.33, 0.5, 0.77], "logpdf": [-3.344006129328412, -2.6463247562556473, -2.6389778363603784, -2.6574097835139474]}, "categorical": {"obs": [0, 0, 2], "xs": [0, 1, 2, 3], "logpdf": [-0.9007865453381898, -1.856297990365626, -1.2685113254635072, -1.856297990365626]}};

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
    it(`matches Optuna 3.1's log_pdf: ${name}`, () => {
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

  it('scores a continuous param by kernels of height 1 (each weighs w·σ), and lattice and categorical masses sum to 1', () => {
    // σ: 0.2 (its gap 0.05, clipped up to range / min(100, 1 + 4 kernels)), 0.25, 0.4 (its inner gap to the
    // prior at 0.5) and the prior's 1; weights 1, 2, 1 and the prior's 1: Σ w·σ / Σ w = 2.1 / 5.
    const cont = parzenEstimator(SPECS['float']!, [0.2, 0.25, 0.9], [1, 2, 1]);
    let integral = 0;
    const steps = 20000;
    for (let i = 0; i < steps; i++) integral += Math.exp(cont.logPdf((i + 0.5) / steps)) / steps;
    expect(integral).toBeCloseTo(0.42, 4);
    // A log float's score is over log(value): both σ clipped up to ln 1e4 / min(100, 1 + 3) (their gaps to the
    // prior's μ are 2.30 and 1.61), the prior's ln 1e4: (¼ + ¼ + 1) / 3 · ln 1e4.
    const log = parzenEstimator(SPECS['floatlog']!, [1e-3, 0.05], [1, 1]);
    const a = Math.log(1e-4);
    const b = 0;
    integral = 0;
    for (let i = 0; i < steps; i++) integral += (Math.exp(log.logPdf(Math.exp(a + ((i + 0.5) / steps) * (b - a)))) * (b - a)) / steps;
    expect(integral).toBeCloseTo(((0.25 + 0.25 + 1) / 3) * Math.log(1e4), 3);
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
// # Reference scores for rungs' univariate Parzen estimator: Optuna 3.1's own log_pdf (a
// # continuous kernel without its 1/σ), except log-scale ints, scored by the mass of the
// # value's interval (optuna#6258, 4.x) from 3.1's mixture (μ, σ, weights).
// import numpy as np, json
// from scipy.stats import norm
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
//     if name == "intlog":
//         mus, sig, w = pe._mus["x"], pe._sigmas["x"], pe._weights
//         low, high = pe._low["x"], pe._high["x"]
//         acc = norm.cdf((high - mus) / sig) - norm.cdf((low - mus) / sig)
//         res = []
//         for x in xs:
//             a, b = max(np.log(x - 0.5), low), min(np.log(x + 0.5), high)
//             mass = norm.cdf((b - mus) / sig) - norm.cdf((a - mus) / sig)
//             res.append(logsumexp(np.log(w) + np.log(mass) - np.log(acc)))
//     else:
//         res = [float(v) for v in pe.log_pdf({"x": np.asarray(xs, dtype=float)})]
//     out[name] = {"obs": [float(v) for v in obs], "xs": xs, "logpdf": res}
// dist = CategoricalDistribution(["a", "b", "c", "d"])
// obs = [0, 0, 2]
// pe = _ParzenEstimator({"x": np.asarray(obs, dtype=float)}, {"x": dist}, params)
// out["categorical"] = {"obs": obs, "xs": [0, 1, 2, 3], "logpdf": [float(v) for v in pe.log_pdf({"x": np.asarray([0, 1, 2, 3])})]}
// print(json.dumps(out))
