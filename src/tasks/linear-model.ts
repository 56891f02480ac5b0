/**
 * Linear regression: ŷ = x·w + b, loss = mean squared error (no ½, so the
 * validation loss is the validation MSE). Params: [w_0 … w_{d−1}, b].
 *
 * lossAndGrad works on blocks of 8 rows: one pass over w computes 8
 * independent dot products (8 dependency chains instead of 1, and 8 rows'
 * cache misses in flight for a shuffled minibatch), and one pass over grad
 * adds the 8 rows' contributions; both passes are unrolled by 2 over j.
 * Every sum still runs in the same order as a plain row-by-row loop (z from
 * b then j = 0…d−1; grad[j] and the loss over rows in idx order), so the
 * results are bit for bit those of the row-by-row loop.
 *
 * Where WebAssembly SIMD runs, the scores and the weight gradient run on the
 * models' kernels instead (affine-kernels.ts), with the same bits; these
 * loops are then what a matrix too large for the kernels' memory takes.
 */
import { affineKernelsFor, CHUNK, type LinearModelOptions } from './affine-kernels.js';
import type { Model } from './model.js';
import { rowDot } from './row-dot.js';
import { addScaledRow } from './add-scaled-row.js';

export function createLinearModel(d: number, maxBatch: number, opts: LinearModelOptions = {}): Model {
  const size = d + 1;
  const simd = affineKernelsFor(d, 1, opts);
  const params = simd?.params ?? new Float64Array(size); // zeros: the problem is convex, no symmetry to break
  return {
    size,
    params,
    output: 'regression',
    maxBatch,
    lossAndGrad(x, y, dd, idx, start, end, grad) {
      if (simd !== null && simd.begin(x, 'train')) {
        const b = end - start;
        let loss = 0;
        let gb = 0;
        for (let from = start; from < end; from += CHUNK) {
          const to = Math.min(end, from + CHUNK);
          const z = simd.score(idx, from, to);
          const g = simd.g;
          for (let q = 0, k = from; k < to; q++, k++) {
            const e = z[q]! - y[idx[k]!]!;
            loss += e * e;
            const gq = (2 * e) / b;
            g[q] = gq;
            gb += gq;
          }
          simd.accumulate(to - from);
        }
        simd.weightGrad(grad);
        grad[d] = gb;
        return loss / b;
      }
      const p = params;
      for (let j = 0; j < size; j++) grad[j] = 0;
      const b = end - start;
      const bias = p[d]!;
      let loss = 0;
      let gb = 0;
      const d2 = d & ~1;
      let k = start;
      for (; k + 7 < end; k += 8) {
        const r0 = idx[k]!, r1 = idx[k + 1]!, r2 = idx[k + 2]!, r3 = idx[k + 3]!;
        const r4 = idx[k + 4]!, r5 = idx[k + 5]!, r6 = idx[k + 6]!, r7 = idx[k + 7]!;
        const o0 = r0 * dd, o1 = r1 * dd, o2 = r2 * dd, o3 = r3 * dd;
        const o4 = r4 * dd, o5 = r5 * dd, o6 = r6 * dd, o7 = r7 * dd;
        let z0 = bias, z1 = bias, z2 = bias, z3 = bias, z4 = bias, z5 = bias, z6 = bias, z7 = bias;
        // j unrolled by 2 (each sum still adds term j, then j + 1).
        let j = 0;
        for (; j < d2; j += 2) {
          const w = p[j]!;
          const v = p[j + 1]!;
          z0 += w * x[o0 + j]!;
          z0 += v * x[o0 + j + 1]!;
          z1 += w * x[o1 + j]!;
          z1 += v * x[o1 + j + 1]!;
          z2 += w * x[o2 + j]!;
          z2 += v * x[o2 + j + 1]!;
          z3 += w * x[o3 + j]!;
          z3 += v * x[o3 + j + 1]!;
          z4 += w * x[o4 + j]!;
          z4 += v * x[o4 + j + 1]!;
          z5 += w * x[o5 + j]!;
          z5 += v * x[o5 + j + 1]!;
          z6 += w * x[o6 + j]!;
          z6 += v * x[o6 + j + 1]!;
          z7 += w * x[o7 + j]!;
          z7 += v * x[o7 + j + 1]!;
        }
        if (j < d) {
          const w = p[j]!;
          z0 += w * x[o0 + j]!;
          z1 += w * x[o1 + j]!;
          z2 += w * x[o2 + j]!;
          z3 += w * x[o3 + j]!;
          z4 += w * x[o4 + j]!;
          z5 += w * x[o5 + j]!;
          z6 += w * x[o6 + j]!;
          z7 += w * x[o7 + j]!;
        }
        const e0 = z0 - y[r0]!, e1 = z1 - y[r1]!, e2 = z2 - y[r2]!, e3 = z3 - y[r3]!;
        const e4 = z4 - y[r4]!, e5 = z5 - y[r5]!, e6 = z6 - y[r6]!, e7 = z7 - y[r7]!;
        loss += e0 * e0;
        loss += e1 * e1;
        loss += e2 * e2;
        loss += e3 * e3;
        loss += e4 * e4;
        loss += e5 * e5;
        loss += e6 * e6;
        loss += e7 * e7;
        const g0 = (2 * e0) / b, g1 = (2 * e1) / b, g2 = (2 * e2) / b, g3 = (2 * e3) / b;
        const g4 = (2 * e4) / b, g5 = (2 * e5) / b, g6 = (2 * e6) / b, g7 = (2 * e7) / b;
        for (j = 0; j < d2; j += 2) {
          let s = grad[j]!;
          let t = grad[j + 1]!;
          s += g0 * x[o0 + j]!;
          t += g0 * x[o0 + j + 1]!;
          s += g1 * x[o1 + j]!;
          t += g1 * x[o1 + j + 1]!;
          s += g2 * x[o2 + j]!;
          t += g2 * x[o2 + j + 1]!;
          s += g3 * x[o3 + j]!;
          t += g3 * x[o3 + j + 1]!;
          s += g4 * x[o4 + j]!;
          t += g4 * x[o4 + j + 1]!;
          s += g5 * x[o5 + j]!;
          t += g5 * x[o5 + j + 1]!;
          s += g6 * x[o6 + j]!;
          t += g6 * x[o6 + j + 1]!;
          s += g7 * x[o7 + j]!;
          t += g7 * x[o7 + j + 1]!;
          grad[j] = s;
          grad[j + 1] = t;
        }
        if (j < d) {
          let s = grad[j]!;
          s += g0 * x[o0 + j]!;
          s += g1 * x[o1 + j]!;
          s += g2 * x[o2 + j]!;
          s += g3 * x[o3 + j]!;
          s += g4 * x[o4 + j]!;
          s += g5 * x[o5 + j]!;
          s += g6 * x[o6 + j]!;
          s += g7 * x[o7 + j]!;
          grad[j] = s;
        }
        gb += g0;
        gb += g1;
        gb += g2;
        gb += g3;
        gb += g4;
        gb += g5;
        gb += g6;
        gb += g7;
      }
      for (; k < end; k++) {
        const r = idx[k]!;
        const o = r * dd;
        const e = rowDot(p, 0, bias, x, o, d) - y[r]!;
        loss += e * e;
        const g = (2 * e) / b;
        addScaledRow(grad, 0, g, x, o, d);
        gb += g;
      }
      grad[d] = gb;
      return loss / b;
    },
    evaluate(x, y, dd, start, end, pred) {
      let sum = 0;
      if (simd !== null && simd.begin(x, 'eval')) {
        for (let from = start; from < end; from += CHUNK) {
          const to = Math.min(end, from + CHUNK);
          const z = simd.score(null, from, to);
          for (let q = 0, r = from; r < to; q++, r++) {
            pred[r] = z[q]!;
            const e = z[q]! - y[r]!;
            sum += e * e;
          }
        }
        return sum;
      }
      for (let r = start; r < end; r++) {
        const z = rowDot(params, 0, params[d]!, x, r * dd, d);
        pred[r] = z;
        const e = z - y[r]!;
        sum += e * e;
      }
      return sum;
    },
    ...(simd !== null ? simd.modelParts() : {}),
  };
}
