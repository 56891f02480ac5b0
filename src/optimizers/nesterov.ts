/**
 * SGD with Nesterov momentum, PyTorch convention (torch.optim.SGD with
 * momentum μ, dampening 0, nesterov true):
 *
 *   g ← g + wd·p          (L2 weight decay, when wd > 0)
 *   v ← μ·v + g           (v starts at 0)
 *   p ← p − lr·(g + μ·v)  (look-ahead: uses the *new* v)
 */
import { Momentum, type MomentumOptions } from './momentum.js';

export type NesterovOptions = MomentumOptions;

export class Nesterov extends Momentum {
  constructor(size: number, options: NesterovOptions = {}) {
    super(size, options, 'nesterov');
  }
}
