/**
 * The models' SIMD kernels (model-kernels.wat, shipped as model-kernels-wasm.ts):
 * compiled once per thread, instantiated over a memory a model lays its arrays
 * in: params, gradient and the optimizer's state, so that every update rule
 * runs on its SIMD kernel too, and an MLP's activations and batch rows or a
 * linear model's data matrices (affine-kernels.ts). They give the bits of the
 * TypeScript loops (mlp-model.ts's, the update rules', row-dot.ts's,
 * add-scaled-row.ts's), faster (bench:core).
 *
 * A disposed model's instance serves the next model of its thread
 * (releaseModelKernels): a trial's job builds a model for a millisecond of
 * training on small data, and a new WebAssembly memory per job is an address
 * space reservation and garbage that only a full collection frees (workers
 * stopped for 8–20 ms at a time between jobs).
 */
import { MODEL_KERNELS_WASM } from './model-kernels-wasm.js';
import { registerVectorKernels, type VectorKernels } from '../optimizers/vector-kernels.js';

/**
 * The kernels of one instance; every address is a byte offset into `memory`. Its update rules (VectorKernels) are
 * registered for the memory (vector-kernels.ts), so an optimizer whose state lives there uses them.
 */
export interface ModelKernels extends VectorKernels {
  readonly memory: { readonly buffer: ArrayBuffer };
  /** dst (cols × rows) = srcᵀ, src rows × cols. */
  transpose(src: number, dst: number, rows: number, cols: number): void;
  /** out (B × nOut) = act(src (B × nIn) · wt (nIn × nOut) + bias); relu 1: max(·, 0), 0: none. */
  forward(src: number, B: number, nIn: number, nOut: number, wt: number, bias: number, out: number, relu: number): void;
  /** gw (nOut × nIn) += Dᵀ·src and gb += Σ_b D over the rows whose delta is not 0 (nzRow, nzG: B entries of scratch). */
  weightGrad(src: number, D: number, B: number, nIn: number, nOut: number, gw: number, gb: number, nzRow: number, nzG: number): void;
  /** Dl (B × nIn) = (D (B × nOut) · W (nOut × nIn)) ⊙ f′(A); tanh 1: f′ = 1 − A², 0: relu's [A > 0]. */
  backDelta(D: number, B: number, nOut: number, W: number, nIn: number, A: number, Dl: number, tanh: number): void;
  /**
   * z (n × k) = the scores of rows[0..n) (u32 row numbers) of x (row-major, d columns) for W (k × d) and bias (k):
   * z[q·k + c] = bias[c] + Σ_j W[c·d + j]·x[rows[q]·d + j]. sink: 8 bytes of scratch.
   */
  scores(x: number, rows: number, n: number, d: number, w: number, bias: number, k: number, z: number, sink: number): void;
  /** gw (k × d) += gᵀ·x[rows]: gw[c·d + j] += Σ_q g[q·k + c]·x[rows[q]·d + j], rows in order. */
  accumulate(x: number, rows: number, n: number, d: number, g: number, k: number, gw: number): void;
}

/** What of the WebAssembly API this file uses (lib.dom declares it; this project's lib does not). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (desc: { initial: number }) => { buffer: ArrayBuffer };
}

const PAGE = 65536;

let compiled: { api: WasmApi; mod: object } | null | undefined;

/**
 * The compiled module and the API that made it, or null where the kernels cannot run: no WebAssembly
 * SIMD here, or RUNGS_KERNELS=js (the TypeScript loops, for comparison).
 */
function kernelModule(): { api: WasmApi; mod: object } | null {
  if (compiled === undefined) {
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    const bytes = Buffer.from(MODEL_KERNELS_WASM, 'base64');
    compiled = process.env['RUNGS_KERNELS'] !== 'js' && api !== undefined && api.validate(bytes) ? { api, mod: new api.Module(bytes) } : null;
  }
  return compiled;
}

/** Whether the SIMD kernels run in this thread. */
export function wasmKernelsAvailable(): boolean {
  return kernelModule() !== null;
}

/** Beyond this a model keeps the TypeScript loops: 32-bit addresses, and a memory that large may not be granted. */
const MAX_BYTES = 2 ** 30;

/** Instances of disposed models (releaseModelKernels), for the next models of this thread. */
const spare: ModelKernels[] = [];
/** Enough for a job's models (one, or one per fold)... */
const MAX_SPARE = 16;
/** ...and what they hold kept small: a model larger than this trains long enough to pay for a memory of its own. */
export const MAX_SPARE_BYTES = 64 * 2 ** 20;

/**
 * Kernels over a memory of at least `bytes` bytes whose first `bytes` are zero, or null where they cannot run (or
 * the memory is refused): a spare instance when one is large enough (the smallest such), else a new one.
 */
export function createModelKernels(bytes: number): ModelKernels | null {
  const compiledHere = kernelModule();
  if (compiledHere === null || bytes > MAX_BYTES) return null;
  let fit = -1;
  for (let i = 0; i < spare.length; i++) {
    const size = spare[i]!.memory.buffer.byteLength;
    if (size >= bytes && (fit < 0 || size < spare[fit]!.memory.buffer.byteLength)) fit = i;
  }
  if (fit >= 0) {
    const [k] = spare.splice(fit, 1);
    new Uint8Array(k!.memory.buffer, 0, bytes).fill(0);
    return k!;
  }
  const { api, mod } = compiledHere;
  let memory: ModelKernels['memory'];
  try {
    memory = new api.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE)) });
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
  const e = new api.Instance(mod, { env: { memory } }).exports;
  const kernels: ModelKernels = {
    memory,
    transpose: e['transpose'] as ModelKernels['transpose'],
    forward: e['forward'] as ModelKernels['forward'],
    weightGrad: e['weightGrad'] as ModelKernels['weightGrad'],
    backDelta: e['backDelta'] as ModelKernels['backDelta'],
    adam: e['adam'] as ModelKernels['adam'],
    momentum: e['momentum'] as ModelKernels['momentum'],
    rmsprop: e['rmsprop'] as ModelKernels['rmsprop'],
    sgd: e['sgd'] as ModelKernels['sgd'],
    scores: e['scores'] as ModelKernels['scores'],
    accumulate: e['accumulate'] as ModelKernels['accumulate'],
  };
  registerVectorKernels(memory.buffer, kernels);
  return kernels;
}

/** Gives a disposed model's kernels to the next model of this thread, once (Model.dispose guards that); the caller no longer touches their memory. */
export function releaseModelKernels(k: ModelKernels): void {
  const held = spare.reduce((sum, s) => sum + s.memory.buffer.byteLength, 0);
  if (spare.length < MAX_SPARE && held + k.memory.buffer.byteLength <= MAX_SPARE_BYTES) spare.push(k);
}

/** Spare instances held now (for tests). */
export function spareModelKernels(): number {
  return spare.length;
}

/** Optimizer state vectors a model's memory has room for: Adam's m, v and amsgrad's vmax (momentum's v, RMSProp's s use one). */
export const STATE_VECTORS = 3;

/**
 * A model's allocState (Model.allocState) over the state vectors at `addresses` in `memory`, each `size` f64 and zero
 * as the layout leaves them: the next one for each call, or a plain array once they are all given or for another size.
 */
export function stateAllocator(memory: { readonly buffer: ArrayBuffer }, addresses: readonly number[], size: number): (n: number) => Float64Array {
  let given = 0;
  return (n) => (n !== size || given >= addresses.length ? new Float64Array(n) : new Float64Array(memory.buffer, addresses[given++]!, n));
}

/**
 * Places arrays one after another in a memory, each 16-byte aligned (a v128
 * load may be unaligned, but aligned ones never straddle a cache line).
 */
export class MemoryLayout {
  private end = 0;

  /** The byte offset of a new region of `n` f64 (or `n` i32 with `bytesEach` 4). */
  take(n: number, bytesEach = 8): number {
    const at = this.end;
    this.end = at + Math.ceil((n * bytesEach) / 16) * 16;
    return at;
  }

  get bytes(): number {
    return this.end;
  }
}
