/**
 * Softmax (multinomial logistic) regression: logits = W·x + b over k classes,
 * loss = mean cross-entropy = logΣexp(logits) − logit_y, with the log-sum-exp
 * shifted by the max so large logits do not overflow.
 * Params: W (k×d, row-major) then b (k).
 */
import { logSumExp } from './log-sum-exp.js';
import type { Model } from './model.js';
import { rowDot } from './row-dot.js';
import { addScaledRow } from './add-scaled-row.js';

export function createSoftmaxModel(d: number, classes: number, maxBatch: number): Model {
  const k = classes;
  const size = k * d + k;
  const params = new Float64Array(size); // zeros: convex, uniform probabilities to start
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
      for (let r = start; r < end; r++) {
        forwardRow(x, r * dd);
        sum += logSumExp(logits, 0, k) - logits[y[r]!]!;
        let best = 0;
        for (let c = 1; c < k; c++) if (logits[c]! > logits[best]!) best = c;
        pred[r] = best;
      }
      return sum;
    },
  };
}
