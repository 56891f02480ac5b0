/**
 * SIMD versions of an update rule's loop, for arrays that all live in one
 * WebAssembly memory: a model whose kernels run there (an MLP's, model-wasm.ts)
 * registers them under its memory's buffer and hands out its optimizer
 * state from that memory (Model.allocState), and the rule finds them here.
 * They give the loop's bits: the same IEEE operations in the same order.
 */

/** Update rules over n params; every array is a byte offset into the registered memory. */
export interface VectorKernels {
  /** Adam's update (optimizers/adam.ts; vmax ignored unless amsgrad ≠ 0). */
  adam(
    p: number,
    g: number,
    m: number,
    v: number,
    vmax: number,
    amsgrad: number,
    n: number,
    stepSize: number,
    beta1: number,
    oneMinusB1: number,
    beta2: number,
    oneMinusB2: number,
    bc2Sqrt: number,
    epsilon: number,
  ): void;
  /** Heavy-ball momentum's update (optimizers/momentum.ts; Nesterov's look-ahead when nesterov ≠ 0). */
  momentum(p: number, g: number, v: number, nesterov: number, n: number, mu: number, lr: number): void;
  /** RMSProp's update (optimizers/rmsprop.ts); Adagrad's with rho = oneMinusRho = 1 (optimizers/adagrad.ts). */
  rmsprop(p: number, g: number, s: number, n: number, rho: number, oneMinusRho: number, eps: number, lr: number): void;
  /** Plain SGD's update (optimizers/sgd.ts). */
  sgd(p: number, g: number, n: number, lr: number): void;
}

const byMemory = new WeakMap<ArrayBufferLike, VectorKernels>();

/** Makes `kernels` the ones for arrays in `buffer` (a WebAssembly memory's). */
export function registerVectorKernels(buffer: ArrayBufferLike, kernels: VectorKernels): void {
  byMemory.set(buffer, kernels);
}

/** The kernels registered for the memory all of `arrays` (nulls left out) live in, if they share one that has them. */
export function vectorKernelsFor(...arrays: Array<Float64Array | null>): VectorKernels | undefined {
  const buffer = arrays[0]?.buffer;
  if (buffer === undefined || arrays.some((a) => a !== null && a.buffer !== buffer)) return undefined;
  return byMemory.get(buffer);
}

/**
 * An update rule's kernels for its state arrays (fixed) and the params and gradient a step passes: looked up again
 * only when those change, since a trainer passes the same two every step (a lookup per step would cost tiny models).
 */
export class VectorKernelsCache {
  private kernels: VectorKernels | undefined;
  private params: Float64Array | null = null;
  private grad: Float64Array | null = null;

  constructor(private readonly state: ReadonlyArray<Float64Array | null>) {}

  for(params: Float64Array, grad: Float64Array): VectorKernels | undefined {
    if (params !== this.params || grad !== this.grad) {
      this.params = params;
      this.grad = grad;
      this.kernels = vectorKernelsFor(params, grad, ...this.state);
    }
    return this.kernels;
  }
}
