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
import { Adam, type AdamOptions } from './adam.js';

export type AdamWOptions = AdamOptions;

export class AdamW extends Adam {
  constructor(size: number, options: AdamWOptions = {}) {
    super(size, options, 'adamw');
  }

  /** Decoupled: p ← p·(1 − lr·wd); the gradient is left alone. */
  protected override decay(params: Float64Array, _grad: Float64Array, lr: number): void {
    if (this.weightDecay === 0) return;
    const shrink = 1 - lr * this.weightDecay;
    const n = this.size;
    for (let i = 0; i < n; i++) params[i] = params[i]! * shrink;
  }
}
