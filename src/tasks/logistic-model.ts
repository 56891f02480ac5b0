/**
 * Logistic regression (binary): p = σ(x·w + b), loss = mean binary
 * cross-entropy computed from the logit with a stable log-sigmoid, so a
 * confident wrong prediction costs a large finite number, never Infinity
 * from log(0). Params: [w_0 … w_{d−1}, b].
 *
 * Where WebAssembly SIMD runs, the scores and the weight gradient run on the
 * models' kernels (affine-kernels.ts), with the loops' bits.
 */
import { affineKernelsFor, CHUNK, type LinearModelOptions } from './affine-kernels.js';
import { logSigmoid, sigmoid } from './log-sigmoid.js';
import type { Model } from './model.js';
import { rowDot } from './row-dot.js';
import { addScaledRow } from './add-scaled-row.js';

export function createLogisticModel(d: number, maxBatch: number, opts: LinearModelOptions = {}): Model {
  const size = d + 1;
  const simd = affineKernelsFor(d, 1, opts);
  const params = simd?.params ?? new Float64Array(size); // zeros: convex, p = 0.5 everywhere to start
  return {
    size,
    params,
    output: 'binary',
    maxBatch,
    lossAndGrad(x, y, dd, idx, start, end, grad) {
      grad.fill(0);
      const b = end - start;
      let loss = 0;
      if (simd !== null && simd.begin(x, 'train')) {
        for (let from = start; from < end; from += CHUNK) {
          const to = Math.min(end, from + CHUNK);
          const zs = simd.score(idx, from, to);
          const gs = simd.g;
          for (let q = 0, k = from; k < to; q++, k++) {
            const z = zs[q]!;
            const t = y[idx[k]!]!;
            loss -= t * logSigmoid(z) + (1 - t) * logSigmoid(-z);
            const g = (sigmoid(z) - t) / b;
            gs[q] = g;
            grad[d]! += g;
          }
          simd.accumulate(to - from);
        }
        simd.weightGrad(grad);
        return loss / b;
      }
      for (let k = start; k < end; k++) {
        const r = idx[k]!;
        const o = r * dd;
        const z = rowDot(params, 0, params[d]!, x, o, d);
        const t = y[r]!;
        // −[t·log σ(z) + (1−t)·log σ(−z)]
        loss -= t * logSigmoid(z) + (1 - t) * logSigmoid(-z);
        const g = (sigmoid(z) - t) / b;
        addScaledRow(grad, 0, g, x, o, d);
        grad[d]! += g;
      }
      return loss / b;
    },
    evaluate(x, y, dd, start, end, pred) {
      let sum = 0;
      if (simd !== null && simd.begin(x, 'eval')) {
        for (let from = start; from < end; from += CHUNK) {
          const to = Math.min(end, from + CHUNK);
          const zs = simd.score(null, from, to);
          for (let q = 0, r = from; r < to; q++, r++) {
            const z = zs[q]!;
            const t = y[r]!;
            sum -= t * logSigmoid(z) + (1 - t) * logSigmoid(-z);
            pred[r] = z >= 0 ? 1 : 0;
          }
        }
        return sum;
      }
      for (let r = start; r < end; r++) {
        const z = rowDot(params, 0, params[d]!, x, r * dd, d);
        const t = y[r]!;
        sum -= t * logSigmoid(z) + (1 - t) * logSigmoid(-z);
        pred[r] = z >= 0 ? 1 : 0;
      }
      return sum;
    },
    ...(simd !== null ? simd.modelParts() : {}),
  };
}
