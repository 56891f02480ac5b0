import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import { CHUNK, type AffineRows } from '../../src/tasks/affine-kernels.js';
import { createLinearModel } from '../../src/tasks/linear-model.js';
import { createLogisticModel } from '../../src/tasks/logistic-model.js';
import { createSoftmaxModel } from '../../src/tasks/softmax-model.js';
import { spareModelKernels } from '../../src/tasks/model-wasm.js';
import type { Model } from '../../src/tasks/model.js';
import { createOptimizer } from '../../src/optimizers/create-optimizer.js';
import { vectorKernelsFor } from '../../src/optimizers/vector-kernels.js';
import { DEFAULT_TRAIN_PARAMS } from '../../src/tasks/task-spec.js';

/**
 * The bits of each number: equal means identical, -0 included. Every NaN reads as one: which NaN an invalid operation
 * gives (x86's default one is negative) is the engine's, as in model-wasm.test.ts.
 */
const bits = (a: Float64Array): bigint[] =>
  Array.from(new BigUint64Array(a.map((v) => (Number.isNaN(v) ? Number.NaN : v)).buffer));

type Kind = 'linear' | 'logistic' | 'softmax';
const KINDS: Kind[] = ['linear', 'logistic', 'softmax'];

/** A model of `kind`; on the kernels, made for `rows` (train, eval). */
function create(kind: Kind, d: number, classes: number, maxBatch: number, kernels: 'wasm' | 'js', rows: AffineRows = { train: 0, eval: 0 }): Model {
  const opts = { kernels, rows };
  if (kind === 'linear') return createLinearModel(d, maxBatch, opts);
  if (kind === 'logistic') return createLogisticModel(d, maxBatch, opts);
  return createSoftmaxModel(d, classes, maxBatch, opts);
}

/** n rows of d features (some exact zeros, some large) and targets for `kind`. */
function dataset(rng: Rng, kind: Kind, n: number, d: number, classes: number): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = rng.int(7) === 0 ? 0 : rng.normal() * (rng.int(9) === 0 ? 30 : 1);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = kind === 'linear' ? rng.normal() * 3 : rng.int(kind === 'logistic' ? 2 : classes);
  return { x, y };
}

/** Sum of evaluate over rows [0, n) in calls of maxBatch rows, and every prediction. */
function evaluateAll(m: Model, x: Float64Array, y: Float64Array, d: number, n: number): { sum: number; pred: Float64Array } {
  const pred = new Float64Array(n);
  let sum = 0;
  for (let s = 0; s < n; s += m.maxBatch) sum += m.evaluate(x, y, d, s, Math.min(n, s + m.maxBatch), pred);
  return { sum, pred };
}

describe('the linear models on the SIMD kernels give the bits of their TypeScript loops', () => {
  it('on 150 random shapes: losses, gradients, validation and test scores over 5 steps of training', () => {
    const rng = new Rng(404);
    let chunks = 0;
    let rowTails = 0;
    for (let c = 0; c < 150; c++) {
      const kind = KINDS[c % 3]!;
      const d = 1 + rng.int(13);
      const classes = 2 + rng.int(5);
      // Up to 3 chunks of rows, so batches cross the kernels' chunk boundary.
      const n = 1 + rng.int(3 * CHUNK);
      const maxBatch = rng.int(3) === 0 ? n : 1 + rng.int(n);
      const train = dataset(rng, kind, n, d, classes);
      const nVal = 1 + rng.int(300);
      const val = dataset(rng, kind, nVal, d, classes);
      const test = dataset(rng, kind, 1 + rng.int(400), d, classes);
      const nTest = test.y.length;
      const js = create(kind, d, classes, maxBatch, 'js');
      const simd = create(kind, d, classes, maxBatch, 'wasm', { train: n, eval: Math.max(nVal, nTest) });
      expect(simd.gradBuffer).toBeDefined();
      for (let i = 0; i < js.size; i++) js.params[i] = simd.params[i] = rng.normal() * 0.3;
      const order = Uint32Array.from({ length: n }, (_, i) => i);
      const gJs = new Float64Array(js.size);
      const own = new Float64Array(simd.size).fill(Number.NaN); // overwritten, whatever it held
      for (let step = 0; step < 5; step++) {
        // Every other step into the model's own gradient buffer, as the trainer passes it, else into a caller's array.
        const gSimd = step % 2 === 0 ? simd.gradBuffer! : own;
        rng.shuffle(order);
        const B = 1 + rng.int(maxBatch);
        if (B > CHUNK) chunks++;
        if (B % 8 !== 0) rowTails++;
        const start = rng.int(n - B + 1);
        const lossJs = js.lossAndGrad(train.x, train.y, d, order, start, start + B, gJs);
        const lossSimd = simd.lossAndGrad(train.x, train.y, d, order, start, start + B, gSimd);
        const where = `${kind} d ${d} n ${n} B ${B} step ${step}`;
        expect(Object.is(lossSimd, lossJs), `${where}: loss ${lossSimd} vs ${lossJs}`).toBe(true);
        expect(bits(gSimd), where).toEqual(bits(gJs));
        // Validation after every step, as the trainer does after every epoch; the test rows at the end, then validation again.
        const evalJs = evaluateAll(js, val.x, val.y, d, nVal);
        const evalSimd = evaluateAll(simd, val.x, val.y, d, nVal);
        expect(Object.is(evalSimd.sum, evalJs.sum), where).toBe(true);
        expect(bits(evalSimd.pred)).toEqual(bits(evalJs.pred));
        for (let i = 0; i < js.size; i++) {
          js.params[i] = js.params[i]! - 0.2 * gJs[i]!;
          simd.params[i] = simd.params[i]! - 0.2 * gSimd[i]!;
        }
      }
      for (const [set, rows] of [[test, nTest], [val, nVal]] as const) {
        const a = evaluateAll(js, set.x, set.y, d, rows);
        const b = evaluateAll(simd, set.x, set.y, d, rows);
        expect(Object.is(b.sum, a.sum)).toBe(true);
        expect(bits(b.pred)).toEqual(bits(a.pred));
      }
      simd.dispose!();
    }
    // The shapes did reach both: batches over a chunk, and the rows a block of 8 leaves.
    expect(chunks).toBeGreaterThan(50);
    expect(rowTails).toBeGreaterThan(500);
  });

  it('diverged weights: NaN and ±Infinity come out where the loops put them', () => {
    const rng = new Rng(9);
    for (const kind of KINDS) {
      const d = 7;
      const n = 40;
      const { x, y } = dataset(rng, kind, n, d, 3);
      const js = create(kind, d, 3, n, 'js');
      const simd = create(kind, d, 3, n, 'wasm', { train: n, eval: n });
      for (const m of [js, simd]) {
        for (let i = 0; i < m.size; i++) m.params[i] = (i % 5) - 2;
        m.params[1] = Infinity;
        m.params[4] = Number.NaN;
        m.params[m.size - 1] = -1e308;
      }
      x[3] = -Infinity;
      const order = Uint32Array.from({ length: n }, (_, i) => (i * 7) % n);
      const gJs = new Float64Array(js.size);
      const gSimd = new Float64Array(simd.size);
      expect(Object.is(simd.lossAndGrad(x, y, d, order, 0, n, gSimd), js.lossAndGrad(x, y, d, order, 0, n, gJs))).toBe(true);
      expect(bits(gSimd)).toEqual(bits(gJs));
      const a = evaluateAll(js, x, y, d, n);
      const b = evaluateAll(simd, x, y, d, n);
      expect(Object.is(b.sum, a.sum)).toBe(true);
      expect(bits(b.pred)).toEqual(bits(a.pred));
      // Something did go non-finite, so the comparison above covered it.
      expect(gJs.some((g) => !Number.isFinite(g))).toBe(true);
      simd.dispose!();
    }
  });
});

describe('AffineKernels', () => {
  it('runs here: a model made for its rows has a memory to give back, one on the loops or made for no rows none', () => {
    for (const kind of KINDS) {
      expect(create(kind, 3, 3, 4, 'js', { train: 10, eval: 10 }).dispose).toBeUndefined();
      expect(create(kind, 3, 3, 4, 'wasm').dispose).toBeUndefined();
      const m = create(kind, 3, 3, 4, 'wasm', { train: 10, eval: 10 });
      const spare = spareModelKernels();
      m.dispose!();
      m.dispose!();
      expect(spareModelKernels()).toBe(spare + 1);
    }
  });

  it('a matrix larger than the rows the model was made for takes the loops, with the same bits', () => {
    const rng = new Rng(12);
    const d = 9;
    for (const kind of KINDS) {
      const big = dataset(rng, kind, 100, d, 4);
      const js = create(kind, d, 4, 100, 'js');
      // Made for 40 training rows and 30 evaluated ones: the 100 rows fit neither place.
      const simd = create(kind, d, 4, 100, 'wasm', { train: 40, eval: 30 });
      for (let i = 0; i < js.size; i++) js.params[i] = simd.params[i] = rng.normal() * 0.3;
      const order = Uint32Array.from({ length: 100 }, (_, i) => (i * 37) % 100);
      const gJs = new Float64Array(js.size);
      const gSimd = simd.gradBuffer!;
      expect(Object.is(simd.lossAndGrad(big.x, big.y, d, order, 0, 100, gSimd), js.lossAndGrad(big.x, big.y, d, order, 0, 100, gJs))).toBe(true);
      expect(bits(gSimd)).toEqual(bits(gJs));
      const a = evaluateAll(js, big.x, big.y, d, 100);
      const b = evaluateAll(simd, big.x, big.y, d, 100);
      expect(Object.is(b.sum, a.sum)).toBe(true);
      expect(bits(b.pred)).toEqual(bits(a.pred));
      simd.dispose!();
    }
  });

  it('gives no kernels for data past 1 GiB: the model keeps its loops', () => {
    // 2^24 rows × 8 columns × 8 bytes = 1 GiB for the training place alone; nothing that large is allocated.
    expect(create('linear', 8, 0, 32, 'wasm', { train: 2 ** 24, eval: 1 }).gradBuffer).toBeUndefined();
  });

  it("keeps the optimizer's state in its memory: every update rule runs on its SIMD kernel, with the loops' bits", () => {
    const rng = new Rng(21);
    const d = 11;
    const n = 300;
    for (const kind of KINDS) {
      for (const optimizer of ['adam', 'adamw', 'momentum', 'nesterov', 'rmsprop', 'adagrad', 'sgd'] as const) {
        const { x, y } = dataset(rng, kind, n, d, 5);
        const js = create(kind, d, 5, 32, 'js');
        const simd = create(kind, d, 5, 32, 'wasm', { train: n, eval: n });
        const hp = { ...DEFAULT_TRAIN_PARAMS, optimizer, lr: 0.05, weightDecay: 0.001 };
        const optJs = createOptimizer(js.size, hp);
        const optSimd = createOptimizer(simd.size, hp, simd.allocState!.bind(simd));
        const state = optSimd.getState().buffers;
        // Its state lives in the model's memory, with the params and the gradient: the SIMD update runs.
        const inMemory = (o: unknown): Float64Array[] =>
          Object.values(o as Record<string, unknown>).filter((v): v is Float64Array => v instanceof Float64Array && v.buffer === simd.params.buffer);
        expect(inMemory(optSimd)).toHaveLength(state.length);
        expect(vectorKernelsFor(simd.params, simd.gradBuffer!, ...inMemory(optSimd))).toBeDefined();
        const gJs = new Float64Array(js.size);
        const order = Uint32Array.from({ length: n }, (_, i) => i);
        for (let step = 0; step < 20; step++) {
          rng.shuffle(order);
          const lossJs = js.lossAndGrad(x, y, d, order, 0, 32, gJs);
          const lossSimd = simd.lossAndGrad(x, y, d, order, 0, 32, simd.gradBuffer!);
          expect(Object.is(lossSimd, lossJs)).toBe(true);
          optJs.step(js.params, gJs, 0.05);
          optSimd.step(simd.params, simd.gradBuffer!, 0.05);
          expect(bits(simd.params), `${kind} ${optimizer} step ${step}`).toEqual(bits(js.params));
        }
        expect(optSimd.getState().buffers.map(bits)).toEqual(optJs.getState().buffers.map(bits));
        simd.dispose!();
      }
    }
  });
});
