/**
 * Central finite differences of a model's mean loss, compared with the
 * analytic gradient from lossAndGrad.
 */
import type { Model } from '../../../src/tasks/model.js';

export function maxGradError(model: Model, x: Float64Array, y: Float64Array, d: number, idx: Uint32Array): number {
  const grad = new Float64Array(model.size);
  const scratch = new Float64Array(model.size);
  model.lossAndGrad(x, y, d, idx, 0, idx.length, grad);
  const p = model.params;
  const h = 1e-6;
  let worst = 0;
  for (let i = 0; i < model.size; i++) {
    const keep = p[i]!;
    p[i] = keep + h;
    const up = model.lossAndGrad(x, y, d, idx, 0, idx.length, scratch);
    p[i] = keep - h;
    const down = model.lossAndGrad(x, y, d, idx, 0, idx.length, scratch);
    p[i] = keep;
    const numeric = (up - down) / (2 * h);
    const err = Math.abs(numeric - grad[i]!) / Math.max(1, Math.abs(numeric), Math.abs(grad[i]!));
    worst = Math.max(worst, err);
  }
  return worst;
}

/** The identity row index 0..n-1. */
export function identity(n: number): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => i);
}
