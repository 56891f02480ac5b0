/**
 * What every trainable model implements. Parameters live in one flat
 * Float64Array so an optimizer can update any model the same way, and a
 * checkpoint is one array copy. Work buffers are allocated once (sized for
 * the largest batch) and reused by every call: no allocation per step.
 */
export type ModelOutput = 'regression' | 'binary' | 'multiclass';

export interface Model {
  /** Number of parameters (length of `params`). */
  readonly size: number;
  /** The parameters, updated in place by the optimizer. */
  readonly params: Float64Array;
  /**
   * A gradient array of `size` the model keeps where its kernels write (an MLP's SIMD memory): lossAndGrad given
   * it copies nothing out. Absent: any Float64Array of `size` is as good.
   */
  readonly gradBuffer?: Float64Array;
  /**
   * n zeros for the optimizer's state (createOptimizer's alloc), where the model's kernels can update it (an MLP's
   * SIMD memory: Adam's m and v, momentum's v; vector-kernels.ts). Absent: the optimizer allocates its own.
   */
  allocState?(n: number): Float64Array;
  /** What the output is, which decides the loss and the metrics. */
  readonly output: ModelOutput;
  /** Largest number of rows one call may handle. */
  readonly maxBatch: number;
  /**
   * Mean loss over rows idx[start..end) of the row-major matrix `x` (d
   * columns), and its gradient w.r.t. `params` written into `grad`
   * (overwritten, length `size`).
   */
  lossAndGrad(
    x: Float64Array,
    y: Float64Array,
    d: number,
    idx: Uint32Array,
    start: number,
    end: number,
    grad: Float64Array,
  ): number;
  /**
   * Sum (not mean) of the loss over the contiguous rows [start, end) — at
   * most maxBatch of them — and the prediction for each row into pred[row]:
   * the value for regression, the predicted class index for classification.
   */
  evaluate(x: Float64Array, y: Float64Array, d: number, start: number, end: number, pred: Float64Array): number;
  /**
   * Done with the model: what it holds may serve the next model of this thread (an MLP's SIMD memory). Its arrays
   * (params, gradBuffer, allocState's) must not be used after; a second call does nothing. Absent: nothing to give back.
   */
  dispose?(): void;
}
