/**
 * Adagrad (Duchi et al. 2011), as torch.optim.Adagrad with lr_decay 0 and
 * initial_accumulator_value 0:
 *
 *   g ← g + wd·p          (L2 weight decay, when wd > 0)
 *   G ← G + g²
 *   p ← p − lr·g / (√G + ε)
 *
 * ε is TrainParams.epsilon (default 1e-8; PyTorch's Adagrad default is 1e-10).
 */
import type { Optimizer, OptimizerState } from './optimizer.js';
import { DEFAULT_TRAIN_PARAMS } from '../tasks/task-spec.js';
import { addWeightDecay } from './add-weight-decay.js';
import { checkSizes, restoreState, snapshotState, stateVector } from './optimizer-state.js';
import { validateOptions } from './validate-options.js';
import { VectorKernelsCache } from './vector-kernels.js';

export interface AdagradOptions {
  /** ε ≥ 0 (default 1e-8). */
  epsilon?: number;
  /** L2 penalty (default 0). */
  weightDecay?: number;
  /** Where G lives: n zeros (default new Float64Array); a model's memory runs the SIMD update (vector-kernels.ts), as Adam's. */
  alloc?: (n: number) => Float64Array;
}

export class Adagrad implements Optimizer {
  readonly name = 'adagrad' as const;
  readonly size: number;
  private readonly epsilon: number;
  private readonly weightDecay: number;
  /** Running sum of squared gradients. */
  private readonly sumSq: Float64Array;
  /** The SIMD kernels of the memory G lives in, for the arrays a step passes (vector-kernels.ts). */
  private readonly simd: VectorKernelsCache;
  private t = 0;

  constructor(size: number, options: AdagradOptions = {}) {
    this.epsilon = options.epsilon ?? DEFAULT_TRAIN_PARAMS.epsilon;
    this.weightDecay = options.weightDecay ?? DEFAULT_TRAIN_PARAMS.weightDecay;
    validateOptions(this.name, size, { epsilon: this.epsilon, weightDecay: this.weightDecay });
    this.size = size;
    this.sumSq = stateVector(options.alloc, size);
    this.simd = new VectorKernelsCache([this.sumSq]);
  }

  step(params: Float64Array, grad: Float64Array, lr: number): void {
    checkSizes(this.name, this.size, params, grad);
    addWeightDecay(grad, params, this.weightDecay);
    const n = this.size;
    const eps = this.epsilon;
    const G = this.sumSq;
    // All three in a memory with SIMD kernels (an MLP's): RMSProp's kernel with ρ = 1 − ρ = 1 is this loop, bit for bit.
    const simd = this.simd.for(params, grad);
    if (simd) simd.rmsprop(params.byteOffset, grad.byteOffset, G.byteOffset, n, 1, 1, eps, lr);
    else for (let i = 0; i < n; i++) {
      const gi = grad[i]!;
      const Gi = G[i]! + gi * gi;
      G[i] = Gi;
      params[i] = params[i]! - (lr * gi) / (Math.sqrt(Gi) + eps);
    }
    this.t++;
  }

  /** buffers: [G]. */
  getState(): OptimizerState {
    return snapshotState(this.t, [this.sumSq]);
  }

  setState(state: OptimizerState): void {
    this.t = restoreState(this.name, [this.sumSq], state);
  }
}
