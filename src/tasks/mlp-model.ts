/**
 * Multi-layer perceptron: any number of hidden layers of any width, relu or
 * tanh, then a softmax output (cross-entropy) for classification or a linear
 * output (mean squared error) for regression. Weights are He-initialised for
 * relu and Xavier (Glorot) for tanh, from the given Rng; biases start at 0.
 *
 * Params, layer by layer: W_l (out×in, row-major) then b_l (out).
 * Activations and deltas are preallocated for maxBatch rows.
 *
 * Two sets of kernels compute the passes with the same bits: WebAssembly
 * SIMD (model-kernels.wat) where it runs, with every array in the instance's
 * memory, and the TypeScript loops below, which remain the reference.
 */
import type { Activation } from './task-spec.js';
import type { Rng } from '../rng.js';
import { logSumExp } from './log-sum-exp.js';
import type { Model } from './model.js';
import { createModelKernels, MemoryLayout, releaseModelKernels, STATE_VECTORS, stateAllocator, type ModelKernels } from './model-wasm.js';

export interface MlpOptions {
  d: number;
  hidden: readonly number[];
  activation: Activation;
  /** 'softmax' with `classes` outputs, or 'linear' with one output. */
  output: 'softmax' | 'linear';
  classes: number;
  maxBatch: number;
  rng: Rng;
  /** 'wasm' (the default, where WebAssembly SIMD runs) or 'js': which kernels compute the passes, with the same results. */
  kernels?: 'wasm' | 'js';
}

export function createMlpModel(opts: MlpOptions): Model {
  const { d, hidden, activation, output, maxBatch } = opts;
  const outDim = output === 'softmax' ? opts.classes : 1;
  const sizes = [d, ...hidden, outDim];
  const nLayers = sizes.length - 1; // weight matrices
  const wOff = new Array<number>(nLayers);
  const bOff = new Array<number>(nLayers);
  let size = 0;
  for (let l = 0; l < nLayers; l++) {
    wOff[l] = size;
    size += sizes[l + 1]! * sizes[l]!;
    bOff[l] = size;
    size += sizes[l + 1]!;
  }
  // With the SIMD kernels every array lives in their memory, laid out once: it never grows, so the views stay valid.
  const layout = new MemoryLayout();
  const at = {
    params: layout.take(size),
    grad: layout.take(size),
    wt: sizes.slice(1).map((out, l) => layout.take(out * sizes[l]!)),
    xb: layout.take(maxBatch * d),
    h: sizes.map((n, l) => (l === 0 ? 0 : layout.take(maxBatch * n))),
    delta: sizes.map((n, l) => (l === 0 ? 0 : layout.take(maxBatch * n))),
    nzRow: layout.take(maxBatch, 4),
    nzG: layout.take(maxBatch),
    // The optimizer's state vectors, handed out by allocState.
    state: Array.from({ length: STATE_VECTORS }, () => layout.take(size)),
  };
  const k: ModelKernels | null = opts.kernels === 'js' ? null : createModelKernels(layout.bytes);
  const f64 = (offset: number, n: number): Float64Array => (k ? new Float64Array(k.memory.buffer, offset, n) : new Float64Array(n));
  const params = f64(at.params, size);
  /** The gradient in the kernels' memory (Model.gradBuffer): lossAndGrad given it copies nothing out. */
  const gradView = k ? f64(at.grad, size) : undefined;
  /** The batch's input rows, gathered (the SIMD kernels read contiguous rows). */
  const xb = f64(at.xb, k ? maxBatch * d : 0);
  // He (relu) keeps the activation variance constant through relu layers;
  // Xavier (tanh) balances forward and backward variance for a symmetric
  // activation. The output layer is linear, so it gets Xavier.
  for (let l = 0; l < nLayers; l++) {
    const fanIn = sizes[l]!;
    const fanOut = sizes[l + 1]!;
    const isHidden = l < nLayers - 1;
    const std = isHidden && activation === 'relu' ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + fanOut));
    const n = fanIn * fanOut;
    for (let i = 0; i < n; i++) params[wOff[l]! + i] = std * opts.rng.normal();
  }
  // h[l] is the output of weight layer l-1 (1..nLayers): hidden activations, then raw outputs.
  // delta[l] is ∂loss/∂(pre-activation of layer l), same shape.
  const h: Float64Array[] = [new Float64Array(0)];
  const delta: Float64Array[] = [new Float64Array(0)];
  for (let l = 1; l <= nLayers; l++) {
    h.push(f64(at.h[l]!, maxBatch * sizes[l]!));
    delta.push(f64(at.delta[l]!, maxBatch * sizes[l]!));
  }
  const relu = activation === 'relu';
  /** Row offsets into the first layer's input (x) of the current batch. */
  const xOff = new Int32Array(maxBatch);
  /** Rows of the batch with a non-zero delta for the current unit, and those deltas. */
  const nzRow = new Int32Array(maxBatch);
  const nzG = new Float64Array(maxBatch);

  /**
   * out[b·nOut + u] = act(bias[u] + Σ_j W[u, j]·src[off(b) + j]) for b < B,
   * by blocks of 4 rows × 2 units (8 independent sums per pass over j; each
   * sum still runs over j = 0…nIn−1 in order, so the result is bit for bit
   * that of one row and one unit at a time). off(b) = rowOff[b] when rowOff
   * is given, else b·nIn.
   */
  function layerForward(
    src: Float64Array,
    rowOff: Int32Array | null,
    B: number,
    nIn: number,
    nOut: number,
    W: number,
    Bo: number,
    out: Float64Array,
    last: boolean,
  ): void {
    const P = params;
    let b = 0;
    for (; b + 3 < B; b += 4) {
      const s0 = rowOff ? rowOff[b]! : b * nIn;
      const s1 = rowOff ? rowOff[b + 1]! : (b + 1) * nIn;
      const s2 = rowOff ? rowOff[b + 2]! : (b + 2) * nIn;
      const s3 = rowOff ? rowOff[b + 3]! : (b + 3) * nIn;
      const q0 = b * nOut;
      const q1 = q0 + nOut;
      const q2 = q1 + nOut;
      const q3 = q2 + nOut;
      let u = 0;
      for (; u + 1 < nOut; u += 2) {
        const wa = W + u * nIn;
        const wb = wa + nIn;
        const ba = P[Bo + u]!;
        const bb = P[Bo + u + 1]!;
        let a0 = ba, a1 = ba, a2 = ba, a3 = ba;
        let c0 = bb, c1 = bb, c2 = bb, c3 = bb;
        for (let j = 0; j < nIn; j++) {
          const w = P[wa + j]!;
          const v = P[wb + j]!;
          const x0 = src[s0 + j]!;
          const x1 = src[s1 + j]!;
          const x2 = src[s2 + j]!;
          const x3 = src[s3 + j]!;
          a0 += w * x0;
          a1 += w * x1;
          a2 += w * x2;
          a3 += w * x3;
          c0 += v * x0;
          c1 += v * x1;
          c2 += v * x2;
          c3 += v * x3;
        }
        out[q0 + u] = act(a0, last);
        out[q1 + u] = act(a1, last);
        out[q2 + u] = act(a2, last);
        out[q3 + u] = act(a3, last);
        out[q0 + u + 1] = act(c0, last);
        out[q1 + u + 1] = act(c1, last);
        out[q2 + u + 1] = act(c2, last);
        out[q3 + u + 1] = act(c3, last);
      }
      for (; u < nOut; u++) {
        const wa = W + u * nIn;
        const ba = P[Bo + u]!;
        let a0 = ba, a1 = ba, a2 = ba, a3 = ba;
        for (let j = 0; j < nIn; j++) {
          const w = P[wa + j]!;
          a0 += w * src[s0 + j]!;
          a1 += w * src[s1 + j]!;
          a2 += w * src[s2 + j]!;
          a3 += w * src[s3 + j]!;
        }
        out[q0 + u] = act(a0, last);
        out[q1 + u] = act(a1, last);
        out[q2 + u] = act(a2, last);
        out[q3 + u] = act(a3, last);
      }
    }
    for (; b < B; b++) {
      const so = rowOff ? rowOff[b]! : b * nIn;
      for (let u = 0; u < nOut; u++) {
        let z = P[Bo + u]!;
        const wr = W + u * nIn;
        for (let j = 0; j < nIn; j++) z += P[wr + j]! * src[so + j]!;
        out[b * nOut + u] = act(z, last);
      }
    }
  }

  function act(z: number, last: boolean): number {
    return last ? z : relu ? (z > 0 ? z : 0) : Math.tanh(z);
  }

  /** Forward pass for rows idx[start..end) (or start..end when idx is null). */
  function forward(x: Float64Array, dd: number, idx: Uint32Array | null, start: number, end: number): void {
    const B = end - start;
    // Input of the first layer is read straight from x (no copy of the batch).
    for (let b = 0; b < B; b++) xOff[b] = (idx ? idx[start + b]! : start + b) * dd;
    for (let l = 0; l < nLayers; l++) {
      layerForward(
        l === 0 ? x : h[l]!,
        l === 0 ? xOff : null,
        B,
        sizes[l]!,
        sizes[l + 1]!,
        wOff[l]!,
        bOff[l]!,
        h[l + 1]!,
        l === nLayers - 1,
      );
    }
  }

  /**
   * grad[W + u·nIn + j] += Σ_b D[b·nOut + u]·src[off(b) + j] and
   * grad[Bo + u] += Σ_b D[b·nOut + u], over the rows b (in order) whose
   * delta is non-zero, 8 (then 4) rows per pass over the weight row.
   */
  function layerWeightGrad(
    src: Float64Array,
    rowOff: Int32Array | null,
    D: Float64Array,
    B: number,
    nIn: number,
    nOut: number,
    W: number,
    Bo: number,
    grad: Float64Array,
  ): void {
    for (let u = 0; u < nOut; u++) {
      let m = 0;
      let gb = grad[Bo + u]!;
      for (let b = 0; b < B; b++) {
        const g = D[b * nOut + u]!;
        if (g === 0) continue;
        nzRow[m] = rowOff ? rowOff[b]! : b * nIn;
        nzG[m] = g;
        m++;
        gb += g;
      }
      grad[Bo + u] = gb;
      const wr = W + u * nIn;
      let k = 0;
      for (; k + 7 < m; k += 8) {
        const s0 = nzRow[k]!, s1 = nzRow[k + 1]!, s2 = nzRow[k + 2]!, s3 = nzRow[k + 3]!;
        const s4 = nzRow[k + 4]!, s5 = nzRow[k + 5]!, s6 = nzRow[k + 6]!, s7 = nzRow[k + 7]!;
        const g0 = nzG[k]!, g1 = nzG[k + 1]!, g2 = nzG[k + 2]!, g3 = nzG[k + 3]!;
        const g4 = nzG[k + 4]!, g5 = nzG[k + 5]!, g6 = nzG[k + 6]!, g7 = nzG[k + 7]!;
        for (let j = 0; j < nIn; j++) {
          let s = grad[wr + j]!;
          s += g0 * src[s0 + j]!;
          s += g1 * src[s1 + j]!;
          s += g2 * src[s2 + j]!;
          s += g3 * src[s3 + j]!;
          s += g4 * src[s4 + j]!;
          s += g5 * src[s5 + j]!;
          s += g6 * src[s6 + j]!;
          s += g7 * src[s7 + j]!;
          grad[wr + j] = s;
        }
      }
      for (; k + 3 < m; k += 4) {
        const s0 = nzRow[k]!, s1 = nzRow[k + 1]!, s2 = nzRow[k + 2]!, s3 = nzRow[k + 3]!;
        const g0 = nzG[k]!, g1 = nzG[k + 1]!, g2 = nzG[k + 2]!, g3 = nzG[k + 3]!;
        for (let j = 0; j < nIn; j++) {
          let s = grad[wr + j]!;
          s += g0 * src[s0 + j]!;
          s += g1 * src[s1 + j]!;
          s += g2 * src[s2 + j]!;
          s += g3 * src[s3 + j]!;
          grad[wr + j] = s;
        }
      }
      for (; k < m; k++) {
        const so = nzRow[k]!;
        const g = nzG[k]!;
        for (let j = 0; j < nIn; j++) grad[wr + j] = grad[wr + j]! + g * src[so + j]!;
      }
    }
  }

  /** The forward pass of the B rows gathered in xb, by the SIMD kernels (Wᵀ first: they read it a row of units at a time). */
  function forwardWasm(kk: ModelKernels, B: number): void {
    for (let l = 0; l < nLayers; l++) {
      const nIn = sizes[l]!;
      const nOut = sizes[l + 1]!;
      const last = l === nLayers - 1;
      kk.transpose(at.params + wOff[l]! * 8, at.wt[l]!, nOut, nIn);
      kk.forward(l === 0 ? at.xb : at.h[l]!, B, nIn, nOut, at.wt[l]!, at.params + bOff[l]! * 8, at.h[l + 1]!, !last && relu ? 1 : 0);
      if (!last && !relu) {
        const o = h[l + 1]!;
        for (let i = 0; i < B * nOut; i++) o[i] = Math.tanh(o[i]!);
      }
    }
  }

  /** The backward pass by the SIMD kernels, into the gradient in their memory (zeroed by the caller). */
  function backwardWasm(kk: ModelKernels, B: number): void {
    for (let l = nLayers - 1; l >= 0; l--) {
      const nIn = sizes[l]!;
      const nOut = sizes[l + 1]!;
      kk.weightGrad(l === 0 ? at.xb : at.h[l]!, at.delta[l + 1]!, B, nIn, nOut, at.grad + wOff[l]! * 8, at.grad + bOff[l]! * 8, at.nzRow, at.nzG);
      if (l === 0) break;
      kk.backDelta(at.delta[l + 1]!, B, nOut, at.params + wOff[l]! * 8, nIn, at.h[l]!, at.delta[l]!, relu ? 0 : 1);
    }
  }

  /** Copies rows r(0) … r(B − 1) of x (dd columns) into xb, one after another. */
  function gather(x: Float64Array, dd: number, idx: Uint32Array | null, start: number, B: number): void {
    for (let b = 0; b < B; b++) {
      const from = (idx ? idx[start + b]! : start + b) * dd;
      const to = b * dd;
      for (let j = 0; j < dd; j++) xb[to + j] = x[from + j]!;
    }
  }

  const allocState = k ? stateAllocator(k.memory, at.state, size) : undefined;

  let disposed = false;
  /** The kernels' memory goes to the next model of this thread, once. */
  function dispose(): void {
    if (!k || disposed) return;
    disposed = true;
    releaseModelKernels(k);
  }

  return {
    size,
    params,
    ...(gradView ? { gradBuffer: gradView, allocState, dispose } : {}),
    output: output === 'softmax' ? (opts.classes === 2 ? 'binary' : 'multiclass') : 'regression',
    maxBatch,
    lossAndGrad(x, y, dd, idx, start, end, grad) {
      const B = end - start;
      if (k) {
        gather(x, dd, idx, start, B);
        forwardWasm(k, B);
        gradView!.fill(0);
      } else {
        forward(x, dd, idx, start, end);
        grad.fill(0);
      }
      // Output delta (mean over the batch).
      const out = h[nLayers]!;
      const dOut = delta[nLayers]!;
      let loss = 0;
      for (let b = 0; b < B; b++) {
        const t = y[idx[start + b]!]!;
        if (output === 'softmax') {
          const o = b * outDim;
          const lse = logSumExp(out, o, outDim);
          loss += lse - out[o + t]!;
          for (let c = 0; c < outDim; c++) dOut[o + c] = (Math.exp(out[o + c]! - lse) - (c === t ? 1 : 0)) / B;
        } else {
          const e = out[b]! - t;
          loss += e * e;
          dOut[b] = (2 * e) / B;
        }
      }
      if (k) {
        backwardWasm(k, B);
        if (grad !== gradView) grad.set(gradView!);
        return loss / B;
      }
      // Backward through the layers.
      for (let l = nLayers - 1; l >= 0; l--) {
        const nIn = sizes[l]!;
        const nOut = sizes[l + 1]!;
        const W = wOff[l]!;
        const D = delta[l + 1]!;
        const A = h[l]!;
        layerWeightGrad(l === 0 ? x : A, l === 0 ? xOff : null, D, B, nIn, nOut, W, bOff[l]!, grad);
        if (l === 0) break;
        // δ_{l} = (Wᵀ δ_{l+1}) ⊙ f'(h_l); f' from the stored activation:
        // relu' = [h > 0], tanh' = 1 − h². Σ_u runs in order u = 0…nOut−1
        // for every j, accumulated 4 weight rows per pass over the row.
        const Dl = delta[l]!;
        for (let b = 0; b < B; b++) {
          const o = b * nIn;
          for (let j = 0; j < nIn; j++) Dl[o + j] = 0;
          const q = b * nOut;
          let u = 0;
          for (; u + 3 < nOut; u += 4) {
            const g0 = D[q + u]!, g1 = D[q + u + 1]!, g2 = D[q + u + 2]!, g3 = D[q + u + 3]!;
            const w0 = W + u * nIn, w1 = w0 + nIn, w2 = w1 + nIn, w3 = w2 + nIn;
            for (let j = 0; j < nIn; j++) {
              let s = Dl[o + j]!;
              s += g0 * params[w0 + j]!;
              s += g1 * params[w1 + j]!;
              s += g2 * params[w2 + j]!;
              s += g3 * params[w3 + j]!;
              Dl[o + j] = s;
            }
          }
          for (; u < nOut; u++) {
            const g = D[q + u]!;
            const wr = W + u * nIn;
            for (let j = 0; j < nIn; j++) Dl[o + j] = Dl[o + j]! + g * params[wr + j]!;
          }
          for (let j = 0; j < nIn; j++) {
            const a = A[o + j]!;
            const fp = relu ? (a > 0 ? 1 : 0) : 1 - a * a;
            Dl[o + j] = fp !== 0 ? Dl[o + j]! * fp : 0;
          }
        }
      }
      return loss / B;
    },
    evaluate(x, y, dd, start, end, pred) {
      if (k) {
        gather(x, dd, null, start, end - start);
        forwardWasm(k, end - start);
      } else {
        forward(x, dd, null, start, end);
      }
      const out = h[nLayers]!;
      let sum = 0;
      for (let b = 0; b < end - start; b++) {
        const r = start + b;
        const t = y[r]!;
        if (output === 'softmax') {
          const o = b * outDim;
          sum += logSumExp(out, o, outDim) - out[o + t]!;
          let best = 0;
          for (let c = 1; c < outDim; c++) if (out[o + c]! > out[o + best]!) best = c;
          pred[r] = best;
        } else {
          const e = out[b]! - t;
          sum += e * e;
          pred[r] = out[b]!;
        }
      }
      return sum;
    },
  };
}
