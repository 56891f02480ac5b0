/**
 * The linear models' SIMD path (linear, logistic, softmax): the scores of
 * their rows, z = W·x + b, and their weight gradient, gᵀ·X, run on the
 * models' kernels (model-kernels.wat: scores, accumulate) a chunk of rows at
 * a time. What lies between, each row's loss and ∂loss/∂z (a few scalar
 * operations, some with exp and log), stays with the model in TypeScript.
 *
 * A data matrix is copied into the kernels' memory when a model first sees
 * it and read there until the model is disposed, so a step copies in only
 * its params and row numbers and the weight gradient out. That relies on
 * what the trainer guarantees: a dataset's arrays (PreparedData's) are never
 * written once built. Training rows and the rows a model is evaluated on
 * (validation, then test) have a place each, so evaluating after every epoch
 * copies nothing either.
 */
import { createModelKernels, MAX_BYTES, MemoryLayout, PAGE, releaseModelKernels, type ModelKernels } from './model-wasm.js';

/** Rows scored at a time: their scores and ∂loss/∂z stay in L1, the rows themselves in L2. */
export const CHUNK = 256;

/** Which place a matrix goes to: the rows a model trains on, or those it is evaluated on. */
export type MatrixPlace = 'train' | 'eval';

interface Placed {
  array: Float64Array | null;
  at: number;
  capacity: number;
}

export class AffineKernels {
  /** z of the rows last scored: z[q·k + c] for the chunk's q-th row and class c. */
  z: Float64Array;
  /** Where the model writes ∂loss/∂z of the rows last scored (same layout as z), for accumulate. */
  g: Float64Array;
  private rows: Uint32Array;
  /** W then bias, as the params hold them. */
  private params: Float64Array;
  /** The weight gradient (k × d). */
  private gw: Float64Array;
  private readonly places: Record<MatrixPlace, Placed> = {
    train: { array: null, at: 0, capacity: 0 },
    eval: { array: null, at: 0, capacity: 0 },
  };
  private x = 0;
  private disposed = false;

  /**
   * Kernels for a model with k score rows (W: k × d, bias: k), or null where they cannot run: no WebAssembly SIMD
   * here, or RUNGS_KERNELS=js.
   */
  static create(d: number, k: number): AffineKernels | null {
    const layout = new MemoryLayout();
    const w = layout.take(k * d + k); // W then bias: the params' own layout
    const gw = layout.take(k * d);
    const z = layout.take(CHUNK * k);
    const g = layout.take(CHUNK * k);
    const rows = layout.take(CHUNK, 4);
    const sink = layout.take(1);
    const kernels = createModelKernels(layout.bytes);
    return kernels === null ? null : new AffineKernels(kernels, d, k, { w, gw, z, g, rows, sink, end: layout.bytes });
  }

  private constructor(
    private readonly kernels: ModelKernels,
    private readonly d: number,
    private readonly k: number,
    private readonly addr: { w: number; gw: number; z: number; g: number; rows: number; sink: number; end: number },
  ) {
    this.params = this.gw = this.z = this.g = new Float64Array(0);
    this.rows = new Uint32Array(0);
    this.views();
  }

  /**
   * Ready to score rows of `x` (placed as `place`) with `params` (W then bias): the params copied in, the weight
   * gradient zeroed. False when x cannot be placed (the memory would pass MAX_BYTES or is refused): the model then
   * takes its TypeScript loops.
   */
  begin(params: Float64Array, x: Float64Array, place: MatrixPlace): boolean {
    const at = this.place(x, this.places[place]);
    if (at < 0) return false;
    this.x = at;
    this.params.set(params);
    this.gw.fill(0);
    return true;
  }

  /**
   * Scores rows idx[from..to) (idx null: rows from..to − 1), at most CHUNK of them, into z, and keeps their numbers
   * for accumulate.
   */
  score(idx: Uint32Array | null, from: number, to: number): Float64Array {
    const rows = this.rows;
    if (idx === null) for (let q = 0, r = from; r < to; q++, r++) rows[q] = r;
    else for (let q = 0, i = from; i < to; q++, i++) rows[q] = idx[i]!;
    const a = this.addr;
    this.kernels.scores(this.x, a.rows, to - from, this.d, a.w, a.w + 8 * this.k * this.d, this.k, a.z, a.sink);
    return this.z;
  }

  /** Adds the weight gradient of the n rows last scored, for the ∂loss/∂z the model wrote into g. */
  accumulate(n: number): void {
    const a = this.addr;
    this.kernels.accumulate(this.x, a.rows, n, this.d, a.g, this.k, a.gw);
  }

  /** Copies the weight gradient summed since begin into out[0 .. k·d). */
  weightGrad(out: Float64Array): void {
    out.set(this.gw);
  }

  /** Gives the memory to the next model of this thread; a second call does nothing. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    releaseModelKernels(this.kernels);
  }

  /** x's address in the memory, copied there unless it is already the array placed; −1 when it cannot be placed. */
  private place(x: Float64Array, p: Placed): number {
    if (p.array === x) return p.at;
    if (x.length > p.capacity) {
      const at = this.addr.end;
      const end = at + Math.ceil((x.length * 8) / 16) * 16;
      if (!this.reserve(end)) return -1;
      this.addr.end = end;
      p.at = at;
      p.capacity = x.length;
    }
    new Float64Array(this.kernels.memory.buffer, p.at, x.length).set(x);
    p.array = x;
    return p.at;
  }

  /** Grows the memory to at least `bytes`; false past MAX_BYTES or when the engine refuses. */
  private reserve(bytes: number): boolean {
    const memory = this.kernels.memory;
    if (bytes <= memory.buffer.byteLength) return true;
    if (bytes > MAX_BYTES) return false;
    try {
      memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
    } catch (e) {
      if (e instanceof RangeError) return false;
      throw e;
    }
    this.views();
    return true;
  }

  /** The views over the memory (again after it grows: its buffer is then a new one). */
  private views(): void {
    const { buffer } = this.kernels.memory;
    const a = this.addr;
    const kd = this.k * this.d;
    this.params = new Float64Array(buffer, a.w, kd + this.k);
    this.gw = new Float64Array(buffer, a.gw, kd);
    this.z = new Float64Array(buffer, a.z, CHUNK * this.k);
    this.g = new Float64Array(buffer, a.g, CHUNK * this.k);
    this.rows = new Uint32Array(buffer, a.rows, CHUNK);
  }
}
