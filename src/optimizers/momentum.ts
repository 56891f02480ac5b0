/**
 * SGD with heavy-ball momentum, PyTorch convention (torch.optim.SGD with
 * momentum μ, dampening 0, nesterov false):
 *
 *   g ← g + wd·p          (L2 weight decay, when wd > 0)
 *   v ← μ·v + g           (v starts at 0, so v₁ = g₁)
 *   p ← p − lr·v
 *
 * (Not the Sutskever form v ← μv − lr·g; the two differ when lr changes.)
 */
import type { Optimizer, OptimizerState } from './optimizer.js';
import { DEFAULT_TRAIN_PARAMS } from '../tasks/task-spec.js';
import { addWeightDecay } from './add-weight-decay.js';
import { checkSizes, restoreState, snapshotState, stateVector } from './optimizer-state.js';
import { validateOptions } from './validate-options.js';
import { VectorKernelsCache } from './vector-kernels.js';

export interface MomentumOptions {
  /** μ in [0, 1) (default 0.9). */
  momentum?: number;
  /** L2 penalty (default 0). */
  weightDecay?: number;
  /** Where v lives: n zeros (default new Float64Array); a model's memory runs the SIMD update (vector-kernels.ts), as Adam's. */
  alloc?: (n: number) => Float64Array;
}

export class Momentum implements Optimizer {
  readonly name: 'momentum' | 'nesterov';
  readonly size: number;
  private readonly momentum: number;
  private readonly weightDecay: number;
  private readonly velocity: Float64Array;
  /** The SIMD kernels of the memory the velocity lives in, for the arrays a step passes (vector-kernels.ts). */
  private readonly simd: VectorKernelsCache;
  private t = 0;

  /** `name` 'nesterov' takes the look-ahead step (nesterov.ts); the state is the same. */
  constructor(size: number, options: MomentumOptions = {}, name: 'momentum' | 'nesterov' = 'momentum') {
    this.name = name;
    this.momentum = options.momentum ?? DEFAULT_TRAIN_PARAMS.momentum;
    this.weightDecay = options.weightDecay ?? DEFAULT_TRAIN_PARAMS.weightDecay;
    validateOptions(this.name, size, { momentum: this.momentum, weightDecay: this.weightDecay });
    this.size = size;
    this.velocity = stateVector(options.alloc, size);
    this.simd = new VectorKernelsCache([this.velocity]);
  }

  step(params: Float64Array, grad: Float64Array, lr: number): void {
    checkSizes(this.name, this.size, params, grad);
    addWeightDecay(grad, params, this.weightDecay);
    const n = this.size;
    const mu = this.momentum;
    const v = this.velocity;
    // All three in a memory with SIMD kernels (an MLP's): the same operations in the same order, two params at a time.
    const simd = this.simd.for(params, grad);
    if (simd) {
      simd.momentum(params.byteOffset, grad.byteOffset, v.byteOffset, this.name === 'nesterov' ? 1 : 0, n, mu, lr);
    } else if (this.name === 'nesterov') {
      for (let i = 0; i < n; i++) {
        const gi = grad[i]!;
        const vi = mu * v[i]! + gi;
        v[i] = vi;
        params[i] = params[i]! - lr * (gi + mu * vi);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const vi = mu * v[i]! + grad[i]!;
        v[i] = vi;
        params[i] = params[i]! - lr * vi;
      }
    }
    this.t++;
  }

  /** buffers: [v]. */
  getState(): OptimizerState {
    return snapshotState(this.t, [this.velocity]);
  }

  setState(state: OptimizerState): void {
    this.t = restoreState(this.name, [this.velocity], state);
  }
}
