/**
 * Multi-layer perceptron: any number of hidden layers of any width, relu or
 * tanh, then a softmax output (cross-entropy) for classification or a linear
 * output (mean squared error) for regression. Weights are He-initialised for
 * relu and Xavier (Glorot) for tanh, from the given Rng; biases start at 0.
 *
 * Params, layer by layer: W_l (out×in, row-major) then b_l (out).
 * Activations and deltas are preallocated for maxBatch rows.
 */
import type { Activation } from './task-spec.js';
import type { Rng } from '../rng.js';
import { logSumExp } from './log-sum-exp.js';
import type { Model } from './model.js';

export interface MlpOptions {
  d: number;
  hidden: readonly number[];
  activation: Activation;
  /** 'softmax' with `classes` outputs, or 'linear' with one output. */
  output: 'softmax' | 'linear';
  classes: number;
  maxBatch: number;
  rng: Rng;
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
  const params = new Float64Array(size);
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
    h.push(new Float64Array(maxBatch * sizes[l]!));
    delta.push(new Float64Array(maxBatch * sizes[l]!));
  }
  const relu = activation === 'relu';

  /** Forward pass for rows idx[start..end) (or start..end when idx is null). */
  function forward(x: Float64Array, dd: number, idx: Uint32Array | null, start: number, end: number): void {
    const B = end - start;
    for (let l = 0; l < nLayers; l++) {
      const nIn = sizes[l]!;
      const nOut = sizes[l + 1]!;
      const W = wOff[l]!;
      const Bo = bOff[l]!;
      const out = h[l + 1]!;
      const last = l === nLayers - 1;
      const inAct = h[l]!;
      for (let b = 0; b < B; b++) {
        // Input of the first layer is read straight from x (no copy of the batch).
        const src = l === 0 ? x : inAct;
        const so = l === 0 ? (idx ? idx[start + b]! : start + b) * dd : b * nIn;
        for (let u = 0; u < nOut; u++) {
          let z = params[Bo + u]!;
          const wr = W + u * nIn;
          for (let j = 0; j < nIn; j++) z += params[wr + j]! * src[so + j]!;
          out[b * nOut + u] = last ? z : relu ? (z > 0 ? z : 0) : Math.tanh(z);
        }
      }
    }
  }

  return {
    size,
    params,
    output: output === 'softmax' ? (opts.classes === 2 ? 'binary' : 'multiclass') : 'regression',
    maxBatch,
    lossAndGrad(x, y, dd, idx, start, end, grad) {
      const B = end - start;
      forward(x, dd, idx, start, end);
      grad.fill(0);
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
      // Backward through the layers.
      for (let l = nLayers - 1; l >= 0; l--) {
        const nIn = sizes[l]!;
        const nOut = sizes[l + 1]!;
        const W = wOff[l]!;
        const Bo = bOff[l]!;
        const D = delta[l + 1]!;
        const A = h[l]!;
        for (let b = 0; b < B; b++) {
          const src = l === 0 ? x : A;
          const so = l === 0 ? idx[start + b]! * dd : b * nIn;
          for (let u = 0; u < nOut; u++) {
            const g = D[b * nOut + u]!;
            if (g === 0) continue;
            const wr = W + u * nIn;
            for (let j = 0; j < nIn; j++) grad[wr + j]! += g * src[so + j]!;
            grad[Bo + u]! += g;
          }
        }
        if (l === 0) break;
        // δ_{l} = (Wᵀ δ_{l+1}) ⊙ f'(h_l); f' from the stored activation:
        // relu' = [h > 0], tanh' = 1 − h².
        const Dl = delta[l]!;
        for (let b = 0; b < B; b++) {
          for (let j = 0; j < nIn; j++) {
            const a = A[b * nIn + j]!;
            const fp = relu ? (a > 0 ? 1 : 0) : 1 - a * a;
            let s = 0;
            if (fp !== 0) for (let u = 0; u < nOut; u++) s += D[b * nOut + u]! * params[W + u * nIn + j]!;
            Dl[b * nIn + j] = s * fp;
          }
        }
      }
      return loss / B;
    },
    evaluate(x, y, dd, start, end, pred) {
      forward(x, dd, null, start, end);
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
