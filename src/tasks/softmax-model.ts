/**
 * Softmax (multinomial logistic) regression: logits = W·x + b over k classes,
 * loss = mean cross-entropy = logΣexp(logits) − logit_y, with the log-sum-exp
 * shifted by the max so large logits do not overflow.
 * Params: W (k×d, row-major) then b (k).
 *
 * Where WebAssembly SIMD runs, the logits and the weight gradient run on the
 * models' kernels (affine-kernels.ts), with the loops' bits.
 */
import { affineKernelsFor, CHUNK, type LinearModelOptions } from './affine-kernels.js';
import { logSumExp } from './log-sum-exp.js';
import type { Model } from './model.js';
import { rowDot } from './row-dot.js';
import { addScaledRow } from './add-scaled-row.js';

export function createSoftmaxModel(d: number, classes: number, maxBatch: number, opts: LinearModelOptions = {}): Model {
  const k = classes;
  const size = k * d + k;
  const simd = affineKernelsFor(d, k, opts);
  const params = simd?.params ?? new Float64Array(size); // zeros: convex, uniform probabilities to start
  const logits = new Float64Array(k); // per-row work buffer, reused
  const bOff = k * d;

  function forwardRow(x: Float64Array, o: number): void {
    for (let c = 0; c < k; c++) logits[c] = rowDot(params, c * d, params[bOff + c]!, x, o, d);
  }

  return {
    size,
    params,
    output: 'multiclass',
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
          for (let q = 0, o = 0, i = from; i < to; q++, o += k, i++) {
            const t = y[idx[i]!]!;
            const lse = logSumExp(zs, o, k);
            loss += lse - zs[o + t]!;
            for (let c = 0; c < k; c++) {
              const g = (Math.exp(zs[o + c]! - lse) - (c === t ? 1 : 0)) / b;
              gs[o + c] = g;
              grad[bOff + c]! += g;
            }
          }
          simd.accumulate(to - from);
        }
        simd.weightGrad(grad);
        return loss / b;
      }
      for (let q = start; q < end; q++) {
        const r = idx[q]!;
        const o = r * dd;
        forwardRow(x, o);
        const t = y[r]!;
        const lse = logSumExp(logits, 0, k);
        loss += lse - logits[t]!;
        for (let c = 0; c < k; c++) {
          // ∂/∂z_c = p_c − [c = t]
          const g = (Math.exp(logits[c]! - lse) - (c === t ? 1 : 0)) / b;
          addScaledRow(grad, c * d, g, x, o, d);
          grad[bOff + c]! += g;
        }
      }
      return loss / b;
    },
    evaluate(x, y, dd, start, end, pred) {
      let sum = 0;
      if (simd !== null && simd.begin(x, 'eval')) {
        for (let from = start; from < end; from += CHUNK) {
          const to = Math.min(end, from + CHUNK);
          const zs = simd.score(null, from, to);
          for (let o = 0, r = from; r < to; o += k, r++) {
            sum += logSumExp(zs, o, k) - zs[o + y[r]!]!;
            let best = 0;
            for (let c = 1; c < k; c++) if (zs[o + c]! > zs[o + best]!) best = c;
            pred[r] = best;
          }
        }
        return sum;
      }
      for (let r = start; r < end; r++) {
        forwardRow(x, r * dd);
        sum += logSumExp(logits, 0, k) - logits[y[r]!]!;
        let best = 0;
        for (let c = 1; c < k; c++) if (logits[c]! > logits[best]!) best = c;
        pred[r] = best;
      }
      return sum;
    },
    ...(simd !== null ? simd.modelParts() : {}),
  };
}
