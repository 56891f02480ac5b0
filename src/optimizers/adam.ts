/**
 * Adam (Kingma & Ba 2015), bias-corrected, as torch.optim.Adam. Adam steps on
 * the *gradient* g of the loss w.r.t. the params (never on prediction errors):
 *
 *   g ← g + wd·p                        (L2 weight decay, when wd > 0)
 *   t ← t + 1
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   m̂ = m / (1 − β1ᵗ),  v̂ = v / (1 − β2ᵗ)
 *   p ← p − lr·m̂ / (√v̂ + ε)
 *
 * Computed in PyTorch's order: p ← p − (lr / (1 − β1ᵗ))·m / (√v / √(1 − β2ᵗ) + ε).
 *
 * amsgrad (Reddi et al. 2018), PyTorch's definition (torch/optim/adam.py,
 * `_single_tensor_adam`; see pytorch/pytorch#142323 for the docs fix): the max
 * is taken over the *raw* second moment and bias-corrected with the current t,
 *
 *   vmax ← max(vmax, v)
 *   p ← p − lr·m̂ / (√(vmax / (1 − β2ᵗ)) + ε)
 *
 * (not max over v̂ as in optax and older PyTorch docs; the two differ once v
 * shrinks).
 */
import type { Optimizer, OptimizerState } from './optimizer.js';
import { DEFAULT_TRAIN_PARAMS } from '../tasks/task-spec.js';
import { addWeightDecay } from './add-weight-decay.js';
import { checkSizes, restoreState, snapshotState, stateVector } from './optimizer-state.js';
import { validateOptions } from './validate-options.js';
import { VectorKernelsCache, type VectorKernels } from './vector-kernels.js';

export interface AdamOptions {
  /** β1 in [0, 1) (default 0.9). */
  beta1?: number;
  /** β2 in [0, 1) (default 0.999). */
  beta2?: number;
  /** ε ≥ 0 (default 1e-8). */
  epsilon?: number;
  /** Use the AMSGrad max of the second moment (default false). */
  amsgrad?: boolean;
  /** Adam: L2 penalty added to g; AdamW: decoupled decay (default 0). */
  weightDecay?: number;
  /** Where m, v (and vmax) live: n zeros each (default new Float64Array); a model's memory runs the SIMD update (vector-kernels.ts). */
  alloc?: (n: number) => Float64Array;
}

/**
 * The bias-corrected Adam/AMSGrad update for step number `t` (already
 * incremented, t ≥ 1), in place on params, m, v (and vmax when not null).
 * Shared by Adam and AdamW; allocates nothing. `simd`: the kernels of the
 * memory all of them live in (vectorKernelsFor), which give the same bits.
 */
export function adamUpdate(
  params: Float64Array,
  grad: Float64Array,
  m: Float64Array,
  v: Float64Array,
  vmax: Float64Array | null,
  t: number,
  lr: number,
  beta1: number,
  beta2: number,
  epsilon: number,
  simd?: VectorKernels,
): void {
  const n = params.length;
  const oneMinusB1 = 1 - beta1;
  const oneMinusB2 = 1 - beta2;
  const stepSize = lr / (1 - Math.pow(beta1, t));
  const bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
  // All five in a memory with SIMD kernels (an MLP's): the same operations in the same order, two params at a time.
  if (simd) {
    const ams = vmax === null ? 0 : 1;
    simd.adam(params.byteOffset, grad.byteOffset, m.byteOffset, v.byteOffset, vmax === null ? 0 : vmax.byteOffset, ams, n, stepSize, beta1, oneMinusB1, beta2, oneMinusB2, bc2Sqrt, epsilon);
    return;
  }
  if (vmax === null) {
    for (let i = 0; i < n; i++) {
      const gi = grad[i]!;
      const mi = beta1 * m[i]! + oneMinusB1 * gi;
      const vi = beta2 * v[i]! + oneMinusB2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      params[i] = params[i]! - (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + epsilon);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const gi = grad[i]!;
      const mi = beta1 * m[i]! + oneMinusB1 * gi;
      const vi = beta2 * v[i]! + oneMinusB2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      const prev = vmax[i]!;
      const vm = vi > prev ? vi : prev;
      vmax[i] = vm;
      params[i] = params[i]! - (stepSize * mi) / (Math.sqrt(vm) / bc2Sqrt + epsilon);
    }
  }
}

export class Adam implements Optimizer {
  readonly name: 'adam' | 'adamw';
  readonly size: number;
  protected readonly beta1: number;
  protected readonly beta2: number;
  protected readonly epsilon: number;
  protected readonly weightDecay: number;
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private readonly vmax: Float64Array | null;
  /** The SIMD kernels of the memory m, v (and vmax) live in, for the arrays a step passes (vector-kernels.ts). */
  private readonly simd: VectorKernelsCache;
  private t = 0;

  /** `name` is for AdamW, which differs only in how it decays (decay()). */
  constructor(size: number, options: AdamOptions = {}, name: 'adam' | 'adamw' = 'adam') {
    this.name = name;
    this.beta1 = options.beta1 ?? DEFAULT_TRAIN_PARAMS.beta1;
    this.beta2 = options.beta2 ?? DEFAULT_TRAIN_PARAMS.beta2;
    this.epsilon = options.epsilon ?? DEFAULT_TRAIN_PARAMS.epsilon;
    this.weightDecay = options.weightDecay ?? DEFAULT_TRAIN_PARAMS.weightDecay;
    const amsgrad = options.amsgrad ?? DEFAULT_TRAIN_PARAMS.amsgrad;
    validateOptions(this.name, size, {
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      weightDecay: this.weightDecay,
      amsgrad,
    });
    this.size = size;
    this.m = stateVector(options.alloc, size);
    this.v = stateVector(options.alloc, size);
    this.vmax = amsgrad ? stateVector(options.alloc, size) : null;
    this.simd = new VectorKernelsCache([this.m, this.v, this.vmax]);
  }

  get amsgrad(): boolean {
    return this.vmax !== null;
  }

  step(params: Float64Array, grad: Float64Array, lr: number): void {
    checkSizes(this.name, this.size, params, grad);
    this.decay(params, grad, lr);
    this.t++;
    adamUpdate(params, grad, this.m, this.v, this.vmax, this.t, lr, this.beta1, this.beta2, this.epsilon, this.simd.for(params, grad));
  }

  /** Weight decay before the update: L2, g ← g + wd·p. */
  protected decay(params: Float64Array, grad: Float64Array, _lr: number): void {
    addWeightDecay(grad, params, this.weightDecay);
  }

  /** buffers: [m, v] or, with amsgrad, [m, v, vmax]. */
  getState(): OptimizerState {
    return snapshotState(this.t, this.buffers());
  }

  setState(state: OptimizerState): void {
    this.t = restoreState(this.name, this.buffers(), state);
  }

  private buffers(): Float64Array[] {
    return this.vmax === null ? [this.m, this.v] : [this.m, this.v, this.vmax];
  }
}
