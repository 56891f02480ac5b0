/**
 * Linear regression: ŷ = x·w + b, loss = mean squared error (no ½, so the
 * validation loss is the validation MSE). Params: [w_0 … w_{d−1}, b].
 */
import type { Model } from './model.js';

export function createLinearModel(d: number, maxBatch: number): Model {
  const size = d + 1;
  const params = new Float64Array(size); // zeros: the problem is convex, no symmetry to break
  return {
    size,
    params,
    output: 'regression',
    maxBatch,
    lossAndGrad(x, y, dd, idx, start, end, grad) {
      grad.fill(0);
      const b = end - start;
      let loss = 0;
      for (let k = start; k < end; k++) {
        const r = idx[k]!;
        const o = r * dd;
        let z = params[d]!;
        for (let j = 0; j < d; j++) z += params[j]! * x[o + j]!;
        const e = z - y[r]!;
        loss += e * e;
        const g = (2 * e) / b;
        for (let j = 0; j < d; j++) grad[j]! += g * x[o + j]!;
        grad[d]! += g;
      }
      return loss / b;
    },
    evaluate(x, y, dd, start, end, pred) {
      let sum = 0;
      for (let r = start; r < end; r++) {
        const o = r * dd;
        let z = params[d]!;
        for (let j = 0; j < d; j++) z += params[j]! * x[o + j]!;
        pred[r] = z;
        const e = z - y[r]!;
        sum += e * e;
      }
      return sum;
    },
  };
}
