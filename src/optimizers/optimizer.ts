/**
 * The contract every update rule implements. Updates are in place on
 * Float64Array and allocate nothing per step: all state buffers are created
 * once by the constructor.
 */
import type { OptimizerName } from '../tasks/task-spec.js';

export interface OptimizerState {
  /** Number of steps taken (Adam's t). */
  t: number;
  /** State buffers in a fixed order (e.g. Adam: m, v[, vmax]); copies. */
  buffers: Float64Array[];
}

export interface Optimizer {
  readonly name: OptimizerName;
  /**
   * One update: params ← params − Δ(grad). `lr` is this step's learning rate
   * (the schedule is applied by the caller). `grad` may be modified in place
   * (L2 weight decay is added to it) but is not kept.
   */
  step(params: Float64Array, grad: Float64Array, lr: number): void;
  /** A copy of the state, for checkpoints. */
  getState(): OptimizerState;
  /** Restores a state taken by getState() of an optimizer of the same kind and size. */
  setState(state: OptimizerState): void;
}
