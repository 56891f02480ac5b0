/**
 * AdamW (Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization"),
 * as torch.optim.AdamW: the decay shrinks the params directly, scaled by this
 * step's lr, and never enters m or v:
 *
 *   p ← p − lr·wd·p                     (computed as p·(1 − lr·wd), like PyTorch)
 *   then the Adam update of adam.ts on the raw gradient g (amsgrad option too):
 *   t ← t + 1;  m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²
 *   p ← p − lr·m̂ / (√v̂ + ε)   (amsgrad: √(max(vmax, v) / (1 − β2ᵗ)))
 */
import type { Optimizer, OptimizerState } from './optimizer.js';
import { DEFAULT_TRAIN_PARAMS } from '../tasks/task-spec.js';
import { adamUpdate, type AdamOptions } from './adam.js';
import { checkSizes, restoreState, snapshotState } from './optimizer-state.js';
import { validateOptions } from './validate-options.js';

export type AdamWOptions = AdamOptions;

export class AdamW implements Optimizer {
  readonly name = 'adamw' as const;
  readonly size: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly weightDecay: number;
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private readonly vmax: Float64Array | null;
  private t = 0;

  constructor(size: number, options: AdamWOptions = {}) {
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
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
    this.vmax = amsgrad ? new Float64Array(size) : null;
  }

  get amsgrad(): boolean {
    return this.vmax !== null;
  }

  step(params: Float64Array, grad: Float64Array, lr: number): void {
    checkSizes(this.name, this.size, params, grad);
    if (this.weightDecay !== 0) {
      const shrink = 1 - lr * this.weightDecay;
      const n = this.size;
      for (let i = 0; i < n; i++) params[i] = params[i]! * shrink;
    }
    this.t++;
    adamUpdate(params, grad, this.m, this.v, this.vmax, this.t, lr, this.beta1, this.beta2, this.epsilon);
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
