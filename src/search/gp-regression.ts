/**
 * Gaussian-process regression as Optuna's GPSampler fits it: a Matérn 5/2
 * kernel with one length scale per dimension (automatic relevance
 * determination), a kernel scale and a noise variance, fitted by maximising
 * the log marginal likelihood plus Optuna's priors on them, then the
 * posterior mean and variance of the latent function (noise excluded) with
 * their gradients in x, for the acquisition (gp-acquisition.ts).
 *
 * Distance: t(x, x') = Σᵢ λᵢ·δᵢ², with λᵢ the inverse squared length scale
 * and δᵢ = xᵢ − x'ᵢ on a numeric dimension (the unit box), δᵢ = [xᵢ ≠ x'ᵢ]
 * on a categorical one (its choice index). Kernel k = s·M(t),
 * M(t) = (1 + √5·√t + 5t/3)·exp(−√5·√t). Targets y are standardised by the
 * caller, larger is better.
 *
 * Fitted on raw parameters θ = (log λ, log s, log(noise − minimum)) from
 * θ = 0 each time (no state carried between trials: the fit is a function
 * of the data alone), with L-BFGS (lbfgs.ts) to Optuna's gtol 1e-2. A
 * deterministic objective keeps the noise at its minimum, 1e-6.
 */
import { choleskyInPlace, choleskyInverse, choleskySolve, solveLower, solveLowerTransposed } from './cholesky.js';
import { minimizeLbfgs } from './lbfgs.js';

const SQRT5 = Math.sqrt(5);
const LOG_2PI = Math.log(2 * Math.PI);
/** Optuna's DEFAULT_MINIMUM_NOISE_VAR. */
export const MINIMUM_NOISE = 1e-6;

export interface GpData {
  /** n points of d coordinates, row-major. */
  readonly x: Float64Array;
  /** n standardised targets, larger is better. */
  readonly y: Float64Array;
  readonly n: number;
  readonly d: number;
  /** Per dimension: 1 when it is categorical (distance 0 or 1). */
  readonly categorical: Uint8Array;
}

export interface KernelParams {
  /** λᵢ = 1/ℓᵢ². */
  readonly invSqLengthscales: Float64Array;
  readonly scale: number;
  readonly noise: number;
}

/** M(t) for the squared distance t. */
export function matern52(t: number): number {
  const r = SQRT5 * Math.sqrt(t);
  return (1 + r + (5 / 3) * t) * Math.exp(-r);
}

/** dM/dt: −(5/6)·(1 + √5·√t)·exp(−√5·√t), finite at t = 0. */
export function matern52Slope(t: number): number {
  const r = SQRT5 * Math.sqrt(t);
  return (-5 / 6) * (1 + r) * Math.exp(-r);
}

/** Per-dimension δᵢ² between rows a and b of x (or a point), written into out. */
function squaredGaps(data: Pick<GpData, 'categorical' | 'd'>, a: Float64Array, aAt: number, b: Float64Array, bAt: number, out: Float64Array): void {
  for (let i = 0; i < data.d; i++) {
    const gap = a[aAt + i]! - b[bAt + i]!;
    out[i] = data.categorical[i] ? (gap === 0 ? 0 : 1) : gap * gap;
  }
}

/** Optuna's default log prior on the kernel parameters, and its gradient in θ (written into grad). */
function logPrior(p: KernelParams, rawNoise: number | undefined, grad: Float64Array): number {
  const d = p.invSqLengthscales.length;
  let value = 0;
  for (let i = 0; i < d; i++) {
    const l = p.invSqLengthscales[i]!;
    value -= 0.1 / l + 0.1 * l;
    grad[i] = 0.1 / l - 0.1 * l;
  }
  // Gamma(2, 1) on the scale, Gamma(1.1, 30) on the noise (constants dropped), as Optuna 3.6–4.x.
  value += Math.log(p.scale) - p.scale;
  grad[d] = 1 - p.scale;
  value += 0.1 * Math.log(p.noise) - 30 * p.noise;
  if (rawNoise !== undefined) grad[d + 1] = (0.1 / p.noise - 30) * Math.exp(rawNoise);
  return value;
}

function paramsOf(theta: Float64Array, d: number, deterministic: boolean): KernelParams {
  return {
    invSqLengthscales: theta.slice(0, d).map(Math.exp),
    scale: Math.exp(theta[d]!),
    noise: deterministic ? MINIMUM_NOISE : MINIMUM_NOISE + Math.exp(theta[d + 1]!),
  };
}

/** K = s·M(T) + noise·I (row-major) and the squared gaps of every pair (for the gradient). */
function kernelMatrix(data: GpData, p: KernelParams): { k: Float64Array; m: Float64Array; slope: Float64Array } {
  const { n, d, x } = data;
  const k = new Float64Array(n * n);
  const m = new Float64Array(n * n);
  const slope = new Float64Array(n * n);
  const gaps = new Float64Array(d);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b <= a; b++) {
      squaredGaps(data, x, a * d, x, b * d, gaps);
      let t = 0;
      for (let i = 0; i < d; i++) t += p.invSqLengthscales[i]! * gaps[i]!;
      const mv = matern52(t);
      const sv = matern52Slope(t);
      m[a * n + b] = m[b * n + a] = mv;
      slope[a * n + b] = slope[b * n + a] = sv;
      k[a * n + b] = k[b * n + a] = p.scale * mv;
    }
    k[a * n + a]! += p.noise;
  }
  return { k, m, slope };
}

/**
 * The loss the fit minimises, −(log marginal likelihood + log prior), at raw parameters θ, with its
 * gradient in θ written into grad; +Infinity where K is not numerically positive definite.
 */
export function gpLoss(data: GpData, theta: Float64Array, grad: Float64Array, deterministic: boolean): number {
  const { n, d, x } = data;
  const p = paramsOf(theta, d, deterministic);
  const { k, m, slope } = kernelMatrix(data, p);
  if (!choleskyInPlace(k, n)) return Infinity;
  const alpha = Float64Array.from(data.y);
  choleskySolve(k, n, alpha);
  let quad = 0;
  let logDet = 0;
  for (let a = 0; a < n; a++) {
    quad += data.y[a]! * alpha[a]!;
    logDet += Math.log(k[a * n + a]!);
  }
  const lml = -0.5 * quad - logDet - 0.5 * n * LOG_2PI;
  const prior = logPrior(p, deterministic ? undefined : theta[d + 1]!, grad);

  // ∂lml/∂θ = ½·Σ W∘∂K/∂θ, W = ααᵀ − K⁻¹.
  const inv = choleskyInverse(k, n);
  const gaps = new Float64Array(d);
  const dLambda = new Float64Array(d);
  let dScale = 0;
  let trace = 0;
  for (let a = 0; a < n; a++) {
    trace += alpha[a]! * alpha[a]! - inv[a * n + a]!;
    for (let b = 0; b < n; b++) {
      const w = alpha[a]! * alpha[b]! - inv[a * n + b]!;
      dScale += w * p.scale * m[a * n + b]!;
      if (b < a) {
        // Off-diagonal pairs twice (W and K are symmetric); the diagonal has no gap.
        const ws = 2 * w * p.scale * slope[a * n + b]!;
        squaredGaps(data, x, a * d, x, b * d, gaps);
        for (let i = 0; i < d; i++) dLambda[i]! += ws * gaps[i]!;
      }
    }
  }
  for (let i = 0; i < d; i++) grad[i] = -(grad[i]! + 0.5 * dLambda[i]! * p.invSqLengthscales[i]!);
  grad[d] = -(grad[d]! + 0.5 * dScale);
  if (!deterministic) grad[d + 1] = -(grad[d + 1]! + 0.5 * trace * Math.exp(theta[d + 1]!));
  return -(lml + prior);
}

/** The kernel parameters that maximise the log marginal likelihood plus the prior, from θ = 0 (Optuna's start). */
export function fitKernel(data: GpData, deterministic = false): KernelParams {
  const size = data.d + (deterministic ? 1 : 2);
  const theta0 = new Float64Array(size);
  // Optuna starts at noise 1: log(1 − minimum).
  if (!deterministic) theta0[data.d + 1] = Math.log(1 - MINIMUM_NOISE);
  const { x } = minimizeLbfgs((theta, grad) => gpLoss(data, theta, grad, deterministic), theta0, { gtol: 1e-2 });
  return paramsOf(x, data.d, deterministic);
}

/** The posterior of the latent function given data and kernel parameters. */
export class GpPosterior {
  /** K's Cholesky factor. */
  private readonly chol: Float64Array;
  /** K⁻¹·y. */
  private readonly alpha: Float64Array;
  private readonly kx: Float64Array;
  private readonly v: Float64Array;
  private readonly gaps: Float64Array;

  constructor(
    readonly data: GpData,
    readonly params: KernelParams,
  ) {
    const { k } = kernelMatrix(data, params);
    // A factor always exists with noise ≥ 1e-6 on a kernel matrix; jitter guards round-off on near-duplicate points.
    let jitter = 0;
    while (!choleskyInPlace(k, data.n)) {
      jitter = jitter === 0 ? 1e-10 : jitter * 10;
      if (jitter > 1) throw new Error('the GP kernel matrix is not positive definite');
      const fresh = kernelMatrix(data, params).k;
      for (let a = 0; a < data.n; a++) fresh[a * data.n + a]! += jitter;
      k.set(fresh);
    }
    this.chol = k;
    this.alpha = Float64Array.from(data.y);
    choleskySolve(k, data.n, this.alpha);
    this.kx = new Float64Array(data.n);
    this.v = new Float64Array(data.n);
    this.gaps = new Float64Array(data.d);
  }

  /**
   * Mean and variance at point x (d coordinates). With `grad`, also their gradients in x on the
   * numeric dimensions (0 on categorical ones): gradMean and gradVar, d each.
   */
  predict(x: Float64Array, grad?: { mean: Float64Array; variance: Float64Array }): { mean: number; variance: number } {
    const { n, d } = this.data;
    const p = this.params;
    let mean = 0;
    for (let j = 0; j < n; j++) {
      squaredGaps(this.data, x, 0, this.data.x, j * d, this.gaps);
      let t = 0;
      for (let i = 0; i < d; i++) t += p.invSqLengthscales[i]! * this.gaps[i]!;
      this.kx[j] = p.scale * matern52(t);
      mean += this.kx[j]! * this.alpha[j]!;
    }
    this.v.set(this.kx);
    solveLower(this.chol, n, this.v);
    let explained = 0;
    for (let j = 0; j < n; j++) explained += this.v[j]! * this.v[j]!;
    const variance = Math.max(0, p.scale - explained);
    if (grad) {
      // ∂k_j/∂x_i = s·M'(t_j)·λᵢ·2(x_i − X_ji); ∂μ = Σ ∂k_j α_j; ∂σ² = −2 Σ ∂k_j (K⁻¹k)_j, with K⁻¹k = L⁻ᵀ(L⁻¹k).
      const kinv = Float64Array.from(this.v);
      solveLowerTransposed(this.chol, n, kinv);
      grad.mean.fill(0);
      grad.variance.fill(0);
      for (let j = 0; j < n; j++) {
        const row = j * d;
        squaredGaps(this.data, x, 0, this.data.x, row, this.gaps);
        let t = 0;
        for (let i = 0; i < d; i++) t += p.invSqLengthscales[i]! * this.gaps[i]!;
        const c = 2 * p.scale * matern52Slope(t);
        for (let i = 0; i < d; i++) {
          if (this.data.categorical[i]) continue;
          const dk = c * p.invSqLengthscales[i]! * (x[i]! - this.data.x[row + i]!);
          grad.mean[i]! += dk * this.alpha[j]!;
          grad.variance[i]! -= 2 * dk * kinv[j]!;
        }
      }
    }
    return { mean, variance };
  }
}
