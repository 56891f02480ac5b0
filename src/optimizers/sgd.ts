/**
 * Plain stochastic gradient descent (torch.optim.SGD, momentum 0):
 *
 *   g ← g + wd·p          (L2 weight decay, when wd > 0)
 *   p ← p − lr·g
 *
 * GD is this rule with the batch = the whole training set; there is no
 * separate class.
 */
import type { Optimizer, OptimizerState } from './optimizer.js';
import { DEFAULT_TRAIN_PARAMS } from '../tasks/task-spec.js';
import { addWeightDecay } from './add-weight-decay.js';
import { checkSizes, restoreState, snapshotState } from './optimizer-state.js';
import { validateOptions } from './validate-options.js';
import { VectorKernelsCache } from './vector-kernels.js';

export interface SgdOptions {
  /** L2 penalty (default 0). */
  weightDecay?: number;
}

export class Sgd implements Optimizer {
  readonly name = 'sgd' as const;
  readonly size: number;
  private readonly weightDecay: number;
  /** The SIMD kernels of the memory the params and gradient a step passes live in, if any (vector-kernels.ts). */
  private readonly simd = new VectorKernelsCache([]);
  private t = 0;

  constructor(size: number, options: SgdOptions = {}) {
    this.weightDecay = options.weightDecay ?? DEFAULT_TRAIN_PARAMS.weightDecay;
    validateOptions(this.name, size, { weightDecay: this.weightDecay });
    this.size = size;
  }

  step(params: Float64Array, grad: Float64Array, lr: number): void {
    checkSizes(this.name, this.size, params, grad);
    addWeightDecay(grad, params, this.weightDecay);
    const n = this.size;
    // Both in a memory with SIMD kernels (an MLP's): the same operations, two params at a time.
    const simd = this.simd.for(params, grad);
    if (simd) simd.sgd(params.byteOffset, grad.byteOffset, n, lr);
    else for (let i = 0; i < n; i++) params[i] = params[i]! - lr * grad[i]!;
    this.t++;
  }

  /** No buffers: only the step count. */
  getState(): OptimizerState {
    return snapshotState(this.t, []);
  }

  setState(state: OptimizerState): void {
    this.t = restoreState(this.name, [], state);
  }
}
