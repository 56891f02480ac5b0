/**
 * RMSprop (Tieleman & Hinton 2012), as torch.optim.RMSprop with alpha = ρ,
 * momentum 0, centered false:
 *
 *   g ← g + wd·p          (L2 weight decay, when wd > 0)
 *   s ← ρ·s + (1 − ρ)·g²  (s starts at 0)
 *   p ← p − lr·g / (√s + ε)
 */
import type { Optimizer, OptimizerState } from './optimizer.js';
import { DEFAULT_TRAIN_PARAMS } from '../tasks/task-spec.js';
import { addWeightDecay } from './add-weight-decay.js';
import { checkSizes, restoreState, snapshotState, stateVector } from './optimizer-state.js';
import { validateOptions } from './validate-options.js';
import { VectorKernelsCache } from './vector-kernels.js';

export interface RmspropOptions {
  /** ρ in [0, 1) (default 0.9; PyTorch's alpha, default 0.99 there). */
  rho?: number;
  /** ε ≥ 0 (default 1e-8). */
  epsilon?: number;
  /** L2 penalty (default 0). */
  weightDecay?: number;
  /** Where s lives: n zeros (default new Float64Array); a model's memory runs the SIMD update (vector-kernels.ts), as Adam's. */
  alloc?: (n: number) => Float64Array;
}

export class Rmsprop implements Optimizer {
  readonly name = 'rmsprop' as const;
  readonly size: number;
  private readonly rho: number;
  private readonly epsilon: number;
  private readonly weightDecay: number;
  /** Running average of squared gradients. */
  private readonly meanSq: Float64Array;
  /** The SIMD kernels of the memory s lives in, for the arrays a step passes (vector-kernels.ts). */
  private readonly simd: VectorKernelsCache;
  private t = 0;

  constructor(size: number, options: RmspropOptions = {}) {
    this.rho = options.rho ?? DEFAULT_TRAIN_PARAMS.rho;
    this.epsilon = options.epsilon ?? DEFAULT_TRAIN_PARAMS.epsilon;
    this.weightDecay = options.weightDecay ?? DEFAULT_TRAIN_PARAMS.weightDecay;
    validateOptions(this.name, size, { rho: this.rho, epsilon: this.epsilon, weightDecay: this.weightDecay });
    this.size = size;
    this.meanSq = stateVector(options.alloc, size);
    this.simd = new VectorKernelsCache([this.meanSq]);
  }

  step(params: Float64Array, grad: Float64Array, lr: number): void {
    checkSizes(this.name, this.size, params, grad);
    addWeightDecay(grad, params, this.weightDecay);
    const n = this.size;
    const rho = this.rho;
    const oneMinusRho = 1 - rho;
    const eps = this.epsilon;
    const s = this.meanSq;
    // All three in a memory with SIMD kernels (an MLP's): the same operations in the same order, two params at a time.
    const simd = this.simd.for(params, grad);
    if (simd) simd.rmsprop(params.byteOffset, grad.byteOffset, s.byteOffset, n, rho, oneMinusRho, eps, lr);
    else for (let i = 0; i < n; i++) {
      const gi = grad[i]!;
      const si = rho * s[i]! + oneMinusRho * gi * gi;
      s[i] = si;
      params[i] = params[i]! - (lr * gi) / (Math.sqrt(si) + eps);
    }
    this.t++;
  }

  /** buffers: [s]. */
  getState(): OptimizerState {
    return snapshotState(this.t, [this.meanSq]);
  }

  setState(state: OptimizerState): void {
    this.t = restoreState(this.name, [this.meanSq], state);
  }
}
