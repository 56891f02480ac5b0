/**
 * The linear models' SIMD path (linear, logistic, softmax): the scores of
 * their rows, z = W·x + b, and their weight gradient, gᵀ·X, run on the
 * models' kernels (model-kernels.wat: scores, accumulate) a chunk of rows at
 * a time. What lies between, each row's loss and ∂loss/∂z (a few scalar
 * operations, some with exp and log), stays with the model in TypeScript.
 *
 * One memory holds everything: the params, the gradient and the optimizer's
 * state (allocState), so every update rule runs on its SIMD kernel as for an
 * MLP, and the data. A data matrix is copied in when a model first sees it
 * and read there until the model is disposed, so a step copies in only its
 * row numbers. That relies on what the trainer guarantees: a dataset's arrays
 * (PreparedData's) are never written once built. Training rows and the rows
 * a model is evaluated on (validation, then test) have a place each, sized
 * when the model is made (AffineRows): the memory never grows, since the
 * params and state handed out are views of it. A matrix larger than its
 * place takes the TypeScript loops, with the same bits.
 */
import type { Model } from './model.js';
import { createModelKernels, MemoryLayout, releaseModelKernels, STATE_VECTORS, stateAllocator, type ModelKernels } from './model-wasm.js';

/** Rows scored at a time: their scores and ∂loss/∂z stay in L1, the rows themselves in L2. */
export const CHUNK = 256;

/** Which place a matrix goes to: the rows a model trains on, or those it is evaluated on. */
export type MatrixPlace = 'train' | 'eval';

/** The most rows of a matrix each place holds: the training rows, and the most of the validation and test rows. */
export type AffineRows = Readonly<Record<MatrixPlace, number>>;

/** How a linear, logistic or softmax model computes, never what: the same bits either way. */
export interface LinearModelOptions {
  /** 'wasm' (the default, where WebAssembly SIMD runs) or 'js', the TypeScript loops. */
  kernels?: 'wasm' | 'js';
  /** The most rows of the matrices it will train and be evaluated on, which the kernels' memory is made for (absent or no training rows: the loops). */
  rows?: AffineRows;
}

/** The kernels a linear model with k score rows runs on, or null for its TypeScript loops. */
export function affineKernelsFor(d: number, k: number, opts: LinearModelOptions): AffineKernels | null {
  return opts.kernels !== 'js' && opts.rows !== undefined && opts.rows.train > 0 ? AffineKernels.create(d, k, opts.rows) : null;
}

interface Placed {
  array: Float64Array | null;
  readonly at: number;
  readonly capacity: number;
}

export class AffineKernels {
  /** The params, W (k × d) then bias (k), in the memory. */
  readonly params: Float64Array;
  /** A gradient of the params' layout, in the memory, where accumulate adds the weight gradient. */
  readonly grad: Float64Array;
  /** z of the rows last scored: z[q·k + c] for the chunk's q-th row and class c. */
  readonly z: Float64Array;
  /** Where the model writes ∂loss/∂z of the rows last scored (same layout as z), for accumulate. */
  readonly g: Float64Array;
  private readonly weightGradView: Float64Array;
  private readonly rows: Uint32Array;
  private readonly places: Record<MatrixPlace, Placed>;
  /** Model.allocState: the optimizer's state vectors in the memory. */
  readonly allocState: (n: number) => Float64Array;
  private x = 0;
  private disposed = false;

  /**
   * Kernels for a model with k score rows (W: k × d, bias: k) over matrices of at most `rows` rows, or null where they
   * cannot run: no WebAssembly SIMD here, RUNGS_KERNELS=js, or a memory past MAX_BYTES.
   */
  static create(d: number, k: number, rows: AffineRows): AffineKernels | null {
    const size = k * d + k;
    const layout = new MemoryLayout();
    const at = {
      params: layout.take(size),
      grad: layout.take(size),
      state: Array.from({ length: STATE_VECTORS }, () => layout.take(size)),
      z: layout.take(CHUNK * k),
      g: layout.take(CHUNK * k),
      rows: layout.take(CHUNK, 4),
      sink: layout.take(1),
      train: layout.take(rows.train * d),
      eval: layout.take(rows.eval * d),
    };
    const kernels = createModelKernels(layout.bytes);
    return kernels === null ? null : new AffineKernels(kernels, d, k, rows, at);
  }

  private constructor(
    private readonly kernels: ModelKernels,
    private readonly d: number,
    private readonly k: number,
    rows: AffineRows,
    private readonly at: { params: number; grad: number; state: number[]; z: number; g: number; rows: number; sink: number; train: number; eval: number },
  ) {
    const { buffer } = kernels.memory;
    const size = k * d + k;
    this.params = new Float64Array(buffer, at.params, size);
    this.grad = new Float64Array(buffer, at.grad, size);
    this.weightGradView = new Float64Array(buffer, at.grad, k * d);
    this.z = new Float64Array(buffer, at.z, CHUNK * k);
    this.g = new Float64Array(buffer, at.g, CHUNK * k);
    this.rows = new Uint32Array(buffer, at.rows, CHUNK);
    this.allocState = stateAllocator(kernels.memory, at.state, size);
    this.places = {
      train: { array: null, at: at.train, capacity: rows.train * d },
      eval: { array: null, at: at.eval, capacity: rows.eval * d },
    };
  }

  /**
   * Ready to score rows of `x` (placed as `place`); to train on them, with the weight gradient that accumulate adds to
   * at zero. False when x is larger than its place: the model then takes its TypeScript loops.
   */
  begin(x: Float64Array, place: MatrixPlace): boolean {
    const p = this.places[place];
    if (p.array !== x) {
      if (x.length > p.capacity) return false;
      new Float64Array(this.kernels.memory.buffer, p.at, x.length).set(x);
      p.array = x;
    }
    this.x = p.at;
    if (place === 'train') this.weightGradView.fill(0);
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
    const a = this.at;
    this.kernels.scores(this.x, a.rows, to - from, this.d, a.params, a.params + 8 * this.k * this.d, this.k, a.z, a.sink);
    return this.z;
  }

  /** Adds the weight gradient of the n rows last scored, for the ∂loss/∂z the model wrote into g. */
  accumulate(n: number): void {
    const a = this.at;
    this.kernels.accumulate(this.x, a.rows, n, this.d, a.g, this.k, a.grad);
  }

  /** The weight gradient summed since begin(…, 'train') into out[0 .. k·d), unless out is `grad` itself, where it already is. */
  weightGrad(out: Float64Array): void {
    if (out !== this.grad) out.set(this.weightGradView);
  }

  /** What a model on these kernels has beside the loops': its gradient, its optimizer's state and its disposal, in the memory. */
  modelParts(): Required<Pick<Model, 'gradBuffer' | 'allocState' | 'dispose'>> {
    return { gradBuffer: this.grad, allocState: this.allocState, dispose: () => this.dispose() };
  }

  /** Gives the memory to the next model of this thread; a second call does nothing. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    releaseModelKernels(this.kernels);
  }
}
