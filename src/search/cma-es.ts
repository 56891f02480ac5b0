/**
 * The CMA-ES distribution and its update (Hansen 2016, "The CMA Evolution
 * Strategy: A Tutorial", with negative weights: active CMA), step for step as
 * the `cmaes` library that Optuna's CmaEsSampler runs (CyberAgent, v0.9),
 * on a box [0, 1]^n: a candidate outside it is drawn again (up to 100 times),
 * then clipped. Pure: cmaTell returns a new state; draws take their Rng.
 *
 *   let s = cmaInit(2, new Float64Array([0.5, 0.5]), 1 / 6);
 *   const xs = Array.from({ length: s.lambda }, (_, i) => cmaSample(s, new Rng(i)));
 *   s = cmaTell(s, xs.map((x) => ({ x, value: f(x) })));   // a generation: λ points with their values
 */
import type { Rng } from '../rng.js';
import { symmetricEigen } from './symmetric-eigen.js';

const EPS = 1e-8;
const SIGMA_MAX = 1e32;
const MAX_RESAMPLING = 100;

/** The default population size, 4 + ⌊3 ln n⌋ (eq. 48). */
export function defaultPopulation(n: number): number {
  return 4 + Math.floor(3 * Math.log(n));
}

/** What stays fixed for a dimension and population size (eq. 48–56). */
interface CmaConstants {
  n: number;
  lambda: number;
  mu: number;
  muEff: number;
  weights: Float64Array;
  weightSum: number;
  c1: number;
  cmu: number;
  cSigma: number;
  dSigma: number;
  cc: number;
  chiN: number;
}

export interface CmaState extends CmaConstants {
  /** Generations told so far. */
  g: number;
  mean: Float64Array;
  sigma: number;
  /** n × n covariance, row-major (symmetric, as last decomposed). */
  C: Float64Array;
  pSigma: Float64Array;
  pc: Float64Array;
  /** C = B · diag(D²) · Bᵀ. */
  B: Float64Array;
  D: Float64Array;
}

function constants(n: number, lambda: number): CmaConstants {
  const mu = Math.floor(lambda / 2);
  const wp = Float64Array.from({ length: lambda }, (_, i) => Math.log((lambda + 1) / 2) - Math.log(i + 1));
  const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
  const sumSq = (a: Float64Array) => a.reduce((s, v) => s + v * v, 0);
  const head = wp.subarray(0, mu);
  const tail = wp.subarray(mu);
  const muEff = sum(head) ** 2 / sumSq(head);
  const muEffMinus = tail.length > 0 ? sum(tail) ** 2 / sumSq(tail) : 0;
  const alphaCov = 2;
  const c1 = alphaCov / ((n + 1.3) ** 2 + muEff);
  const cmu = Math.min(1 - c1 - 1e-8, (alphaCov * (muEff - 2 + 1 / muEff)) / ((n + 2) ** 2 + (alphaCov * muEff) / 2));
  const minAlpha = Math.min(1 + c1 / cmu, 1 + (2 * muEffMinus) / (muEff + 2), (1 - c1 - cmu) / (n * cmu));
  let positive = 0;
  let negative = 0;
  for (const w of wp) {
    if (w > 0) positive += w;
    else if (w < 0) negative -= w;
  }
  const weights = wp.map((w) => (w >= 0 ? w / positive : (minAlpha / negative) * w));
  const cSigma = (muEff + 2) / (n + muEff + 5);
  const dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
  const cc = (4 + muEff / n) / (n + 4 + (2 * muEff) / n);
  const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
  return { n, lambda, mu, muEff, weights, weightSum: sum(weights), c1, cmu, cSigma, dSigma, cc, chiN };
}

/** The distribution before any generation: N(mean, sigma² I). */
export function cmaInit(n: number, lambda: number, mean: Float64Array, sigma: number): CmaState {
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) C[i * n + i] = 1;
  return { ...constants(n, lambda), g: 0, mean: Float64Array.from(mean), sigma, pSigma: new Float64Array(n), pc: new Float64Array(n), ...decompose(C, n) };
}

/** C made symmetric, its eigen-decomposition (negative eigenvalues raised to EPS), and C rebuilt from it, as cmaes does. */
function decompose(c: Float64Array, n: number): { C: Float64Array; B: Float64Array; D: Float64Array } {
  const sym = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sym[i * n + j] = (c[i * n + j]! + c[j * n + i]!) / 2;
  const { values, vectors: B } = symmetricEigen(sym, n);
  const D = values.map((v) => Math.sqrt(v < 0 ? EPS : v));
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += B[i * n + k]! * D[k]! * D[k]! * B[j * n + k]!;
      C[i * n + j] = s;
    }
  }
  return { C, B, D };
}

/** One candidate x ~ N(mean, σ² C) inside [0, 1]^n (drawn again while outside, then clipped). */
export function cmaSample(s: CmaState, rng: Rng): Float64Array {
  const { n } = s;
  const x = new Float64Array(n);
  const z = new Float64Array(n);
  for (let attempt = 0; attempt <= MAX_RESAMPLING; attempt++) {
    for (let i = 0; i < n; i++) z[i] = rng.normal() * s.D[i]!;
    let inside = true;
    for (let i = 0; i < n; i++) {
      let y = 0;
      for (let k = 0; k < n; k++) y += s.B[i * n + k]! * z[k]!;
      x[i] = s.mean[i]! + s.sigma * y;
      if (!(x[i]! >= 0 && x[i]! <= 1)) inside = false;
    }
    if (inside) return x;
  }
  for (let i = 0; i < n; i++) x[i] = Math.min(1, Math.max(0, x[i]!));
  return x;
}

/** A point of a generation and its value (lower is better). */
export interface Solution {
  x: Float64Array;
  value: number;
}

/**
 * The distribution after one generation of λ solutions (any order: sorted here by value, ties in
 * the order given, as Python's stable sort). Values must be comparable (map failures to +Infinity).
 */
export function cmaTell(s: CmaState, solutions: readonly Solution[]): CmaState {
  const { n, mu, weights } = s;
  if (solutions.length !== s.lambda) throw new RangeError(`cmaTell: a generation has ${s.lambda} solutions (got ${solutions.length})`);
  const g = s.g + 1;
  const sorted = [...solutions].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const ys = sorted.map(({ x }) => x.map((v, i) => (v - s.mean[i]!) / s.sigma));
  const yw = new Float64Array(n);
  for (let k = 0; k < mu; k++) for (let i = 0; i < n; i++) yw[i] = yw[i]! + weights[k]! * ys[k]![i]!;
  const mean = s.mean.map((m, i) => m + s.sigma * yw[i]!);
  // C^(-1/2) = B D^(-1) Bᵀ
  const invSqrt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let v = 0;
      for (let k = 0; k < n; k++) v += (s.B[i * n + k]! * s.B[j * n + k]!) / s.D[k]!;
      invSqrt[i * n + j] = v;
    }
  }
  const timesInvSqrt = (y: Float64Array): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i] = out[i]! + invSqrt[i * n + j]! * y[j]!;
    return out;
  };
  const cy = timesInvSqrt(yw);
  const kSigma = Math.sqrt(s.cSigma * (2 - s.cSigma) * s.muEff);
  const pSigma = s.pSigma.map((p, i) => (1 - s.cSigma) * p + kSigma * cy[i]!);
  const normP = Math.hypot(...pSigma);
  const sigma = Math.min(s.sigma * Math.exp((s.cSigma / s.dSigma) * (normP / s.chiN - 1)), SIGMA_MAX);
  const left = normP / Math.sqrt(1 - (1 - s.cSigma) ** (2 * (g + 1)));
  const hSigma = left < (1.4 + 2 / (n + 1)) * s.chiN ? 1 : 0;
  const kc = hSigma * Math.sqrt(s.cc * (2 - s.cc) * s.muEff);
  const pc = s.pc.map((p, i) => (1 - s.cc) * p + kc * yw[i]!);
  const wio = weights.map((w, k) => {
    if (w >= 0) return w;
    const c = timesInvSqrt(ys[k]!);
    let sq = 0;
    for (let i = 0; i < n; i++) sq += c[i]! * c[i]!;
    return (w * n) / (sq + EPS);
  });
  const deltaH = (1 - hSigma) * s.cc * (2 - s.cc);
  const keep = 1 + s.c1 * deltaH - s.c1 - s.cmu * s.weightSum;
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let rankMu = 0;
      for (let k = 0; k < s.lambda; k++) rankMu += wio[k]! * ys[k]![i]! * ys[k]![j]!;
      C[i * n + j] = keep * s.C[i * n + j]! + s.c1 * pc[i]! * pc[j]! + s.cmu * rankMu;
    }
  }
  return { ...s, g, mean, sigma, pSigma, pc, ...decompose(C, n) };
}
