/**
 * SIMD versions of an update rule's loop, for arrays that all live in one
 * WebAssembly memory: a model whose kernels run there (an MLP's, mlp-wasm.ts)
 * registers them under its memory's buffer and hands out its optimizer
 * state from that memory (Model.allocState), and the rule finds them here.
 * They give the loop's bits: the same IEEE operations in the same order.
 */

/** Adam's update over n params; every array is a byte offset into the registered memory (vmax ignored unless amsgrad ≠ 0). */
export interface VectorKernels {
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
}

const byMemory = new WeakMap<ArrayBufferLike, VectorKernels>();

/** Makes `kernels` the ones for arrays in `buffer` (a WebAssembly memory's). */
export function registerVectorKernels(buffer: ArrayBufferLike, kernels: VectorKernels): void {
  byMemory.set(buffer, kernels);
}

/** The kernels registered for the memory all of p, g, m, v (and vmax, when given) live in, if they share one that has them. */
export function vectorKernelsFor(p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, vmax: Float64Array | null = null): VectorKernels | undefined {
  const buffer = p.buffer;
  if (g.buffer !== buffer || m.buffer !== buffer || v.buffer !== buffer || (vmax !== null && vmax.buffer !== buffer)) return undefined;
  return byMemory.get(buffer);
}
