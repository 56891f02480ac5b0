import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import { CHUNK } from '../../src/tasks/affine-kernels.js';
import { createLinearModel } from '../../src/tasks/linear-model.js';
import { createLogisticModel } from '../../src/tasks/logistic-model.js';
import { createSoftmaxModel } from '../../src/tasks/softmax-model.js';
import { createMlpModel } from '../../src/tasks/mlp-model.js';
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

function create(kind: Kind, d: number, classes: number, maxBatch: number, kernels: 'wasm' | 'js'): Model {
  if (kind === 'linear') return createLinearModel(d, maxBatch, kernels);
  if (kind === 'logistic') return createLogisticModel(d, maxBatch, kernels);
  return createSoftmaxModel(d, classes, maxBatch, kernels);
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
      const simd = create(kind, d, classes, maxBatch, 'wasm');
      for (let i = 0; i < js.size; i++) js.params[i] = simd.params[i] = rng.normal() * 0.3;
      const order = Uint32Array.from({ length: n }, (_, i) => i);
      const gJs = new Float64Array(js.size);
      const gSimd = new Float64Array(simd.size).fill(Number.NaN); // overwritten, whatever it held
      for (let step = 0; step < 5; step++) {
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
      const simd = create(kind, d, 3, n, 'wasm');
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
  it('runs here: a model on the kernels has a memory to give back, one on the loops none', () => {
    for (const kind of KINDS) {
      expect(create(kind, 3, 3, 4, 'js').dispose).toBeUndefined();
      const m = create(kind, 3, 3, 4, 'wasm');
      const spare = spareModelKernels();
      m.dispose!();
      m.dispose!();
      expect(spareModelKernels()).toBe(spare + 1);
    }
  });

  it("grows its memory for a large matrix, and the grown memory then serves an MLP whose Adam runs on the SIMD update", () => {
    const rng = new Rng(12);
    // 4,000 rows × 60: 1.9 MB, well past the memory the model starts with.
    const n = 4000;
    const d = 60;
    const { x, y } = dataset(rng, 'linear', n, d, 0);
    const simd = create('linear', d, 0, n, 'wasm');
    const js = create('linear', d, 0, n, 'js');
    const order = Uint32Array.from({ length: n }, (_, i) => i);
    const gJs = new Float64Array(js.size);
    const gSimd = new Float64Array(simd.size);
    for (let step = 0; step < 3; step++) {
      expect(Object.is(simd.lossAndGrad(x, y, d, order, 0, n, gSimd), js.lossAndGrad(x, y, d, order, 0, n, gJs))).toBe(true);
      expect(bits(gSimd)).toEqual(bits(gJs));
      for (let i = 0; i < js.size; i++) {
        js.params[i] = js.params[i]! - 0.1 * gJs[i]!;
        simd.params[i] = simd.params[i]! - 0.1 * gSimd[i]!;
      }
    }
    // Spares are taken smallest first: with every other one in use, the MLP gets the grown memory.
    const held: Model[] = [];
    while (spareModelKernels() > 0) held.push(createMlpModel({ d: 2, hidden: [2], activation: 'relu', output: 'linear', classes: 0, maxBatch: 1, rng: new Rng(1) }));
    simd.dispose!();
    const mlp = createMlpModel({ d: 5, hidden: [4], activation: 'relu', output: 'linear', classes: 0, maxBatch: 3, rng: new Rng(2) });
    expect(mlp.gradBuffer!.buffer.byteLength).toBeGreaterThan(n * d * 8);
    const opt = createOptimizer(mlp.size, { ...DEFAULT_TRAIN_PARAMS, optimizer: 'adam' }, mlp.allocState!.bind(mlp));
    const state = opt as unknown as { m: Float64Array; v: Float64Array };
    expect(vectorKernelsFor(mlp.params, mlp.gradBuffer!, state.m, state.v)).toBeDefined();
    for (const m of [mlp, ...held]) m.dispose!();
  });

  it('keeps the TypeScript loops for a matrix past MAX_BYTES, with the same bits', () => {
    const rng = new Rng(13);
    // 8,193 rows × 16,384 columns: 1 GiB and 128 KiB, of which only the rows used below are ever touched.
    const d = 2 ** 14;
    const n = 2 ** 13 + 1;
    const x = new Float64Array(n * d);
    const y = new Float64Array(n);
    const order = Uint32Array.of(5, n - 1, 0);
    for (const r of order) for (let j = 0; j < d; j++) x[r * d + j] = rng.normal();
    const js = create('linear', d, 0, 3, 'js');
    const simd = create('linear', d, 0, 3, 'wasm');
    for (let i = 0; i < js.size; i++) js.params[i] = simd.params[i] = rng.normal() * 0.01;
    const gJs = new Float64Array(js.size);
    const gSimd = new Float64Array(simd.size);
    expect(Object.is(simd.lossAndGrad(x, y, d, order, 0, 3, gSimd), js.lossAndGrad(x, y, d, order, 0, 3, gJs))).toBe(true);
    expect(bits(gSimd)).toEqual(bits(gJs));
    expect(gJs.some((g) => g !== 0)).toBe(true);
    simd.dispose!();
  });
});
