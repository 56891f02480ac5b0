import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import { createMlpModel, type MlpOptions } from '../../src/tasks/mlp-model.js';
import { createModelKernels, MAX_SPARE_BYTES, spareModelKernels, wasmKernelsAvailable } from '../../src/tasks/model-wasm.js';
import type { Model } from '../../src/tasks/model.js';
import { ROOT } from '../helpers/run-cli.js';
import { createOptimizer } from '../../src/optimizers/create-optimizer.js';
import { vectorKernelsFor } from '../../src/optimizers/vector-kernels.js';
import { DEFAULT_TRAIN_PARAMS, type TrainParams } from '../../src/tasks/task-spec.js';
import type { Optimizer } from '../../src/optimizers/optimizer.js';

const exec = promisify(execFile);

/** The bits of each number: equal means identical, -0 and NaN payloads included. */
const bits = (a: Float64Array): bigint[] => Array.from(new BigUint64Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength)));

/** A random MLP shape: odd and even widths, tails of rows and units the SIMD blocks do not cover. */
function randomShape(rng: Rng): Omit<MlpOptions, 'rng' | 'kernels'> & { n: number } {
  const layers = 1 + rng.int(3);
  const output = rng.int(2) === 0 ? 'softmax' : 'linear';
  return {
    d: 1 + rng.int(9),
    hidden: Array.from({ length: layers }, () => 1 + rng.int(11)),
    activation: rng.int(2) === 0 ? 'relu' : 'tanh',
    output,
    classes: output === 'softmax' ? 2 + rng.int(5) : 0,
    maxBatch: 1 + rng.int(13),
    n: 20 + rng.int(20),
  };
}

describe('the MLP SIMD kernels give the bits of the TypeScript loops', () => {
  it('run here, with the gradient in their own memory', () => {
    expect(wasmKernelsAvailable()).toBe(true);
    const m = createMlpModel({ d: 3, hidden: [4], activation: 'relu', output: 'linear', classes: 0, maxBatch: 2, rng: new Rng(1) });
    expect(m.gradBuffer).toBeInstanceOf(Float64Array);
    expect(createMlpModel({ d: 3, hidden: [4], activation: 'relu', output: 'linear', classes: 0, maxBatch: 2, rng: new Rng(1), kernels: 'js' }).gradBuffer).toBeUndefined();
  });

  it('on 200 random shapes: loss, gradient and predictions identical over 6 steps of training', () => {
    const rng = new Rng(2026);
    let rowsTail = 0;
    for (let c = 0; c < 200; c++) {
      const shape = randomShape(rng);
      const { n, d } = shape;
      const x = new Float64Array(n * d);
      // Some exact zeros (relu's kink, and deltas of 0 that the weight gradient skips), some large values.
      for (let i = 0; i < x.length; i++) x[i] = rng.int(7) === 0 ? 0 : rng.normal() * (rng.int(9) === 0 ? 40 : 1);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) y[i] = shape.output === 'softmax' ? rng.int(shape.classes) : rng.normal() * 2;
      const seed = rng.int(1000);
      const js = createMlpModel({ ...shape, rng: new Rng(seed), kernels: 'js' });
      const simd = createMlpModel({ ...shape, rng: new Rng(seed) });
      expect(simd.gradBuffer).toBeDefined();
      expect(bits(simd.params)).toEqual(bits(js.params));
      const order = new Uint32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
      const gJs = new Float64Array(js.size);
      for (let step = 0; step < 6; step++) {
        rng.shuffle(order);
        const B = 1 + rng.int(shape.maxBatch);
        if (B % 4 !== 0) rowsTail++;
        const start = rng.int(n - B + 1);
        const lossJs = js.lossAndGrad(x, y, d, order, start, start + B, gJs);
        // Every other step into a caller's array, as a trainer without gradBuffer would pass.
        const gSimd = step % 2 === 0 ? simd.gradBuffer! : new Float64Array(simd.size);
        const lossSimd = simd.lossAndGrad(x, y, d, order, start, start + B, gSimd);
        expect(Object.is(lossSimd, lossJs), `shape ${JSON.stringify(shape)} step ${step}: loss ${lossSimd} vs ${lossJs}`).toBe(true);
        expect(bits(gSimd)).toEqual(bits(gJs));
        const predJs = new Float64Array(n);
        const predSimd = new Float64Array(n);
        for (let s = 0; s < n; s += shape.maxBatch) {
          const e = Math.min(n, s + shape.maxBatch);
          expect(Object.is(simd.evaluate(x, y, d, s, e, predSimd), js.evaluate(x, y, d, s, e, predJs))).toBe(true);
        }
        expect(bits(predSimd)).toEqual(bits(predJs));
        // A plain gradient step on both, so the next step runs on other weights.
        for (let i = 0; i < js.size; i++) {
          js.params[i] = js.params[i]! - 0.3 * gJs[i]!;
          simd.params[i] = simd.params[i]! - 0.3 * gSimd[i]!;
        }
      }
    }
    // The shapes did reach the kernels' row tails (batches that are not a multiple of 4).
    expect(rowsTail).toBeGreaterThan(300);
  });

  it('diverged weights: NaN and ±Infinity come out where the loops put them', () => {
    const opts = { d: 5, hidden: [6, 3], activation: 'tanh', output: 'softmax', classes: 3, maxBatch: 7 } as const;
    const js: Model = createMlpModel({ ...opts, rng: new Rng(3), kernels: 'js' });
    const simd: Model = createMlpModel({ ...opts, rng: new Rng(3) });
    for (const m of [js, simd]) {
      m.params[2] = Infinity;
      m.params[9] = Number.NaN;
      m.params[40] = -1e308;
    }
    const x = Float64Array.from({ length: 35 }, (_, i) => (i % 3) - 1);
    const y = Float64Array.from({ length: 7 }, (_, i) => i % 3);
    const idx = Uint32Array.from({ length: 7 }, (_, i) => 6 - i);
    const gJs = new Float64Array(js.size);
    const gSimd = new Float64Array(simd.size);
    expect(Object.is(simd.lossAndGrad(x, y, 5, idx, 0, 7, gSimd), js.lossAndGrad(x, y, 5, idx, 0, 7, gJs))).toBe(true);
    expect(gJs.some(Number.isNaN)).toBe(true);
    expect(gSimd.map((v) => (Number.isNaN(v) ? 0 : v))).toEqual(gJs.map((v) => (Number.isNaN(v) ? 0 : v)));
    expect(gSimd.map((v) => (Number.isNaN(v) ? 1 : 0))).toEqual(gJs.map((v) => (Number.isNaN(v) ? 1 : 0)));
  });
});

/**
 * 40 steps of an optimizer whose state is in the model's memory (the SIMD kernels run) and of one on plain arrays (the
 * loop), on the same random gradients and learning rates: the params bit for bit after each step, then the state.
 * `stateOf`: the arrays an optimizer keeps its state in.
 */
function updatesMatch(model: Model, hp: TrainParams, rng: Rng, label: string, stateOf: (o: Optimizer) => Array<Float64Array | null>): void {
  const simd = createOptimizer(model.size, hp, model.allocState!.bind(model));
  const loop = createOptimizer(model.size, hp);
  const params = new Float64Array(model.params);
  const grad = new Float64Array(model.size);
  const simdGrad = model.gradBuffer!;
  // The first's state is in the model's memory, where the kernel runs; the loop's is not.
  expect(vectorKernelsFor(model.params, simdGrad, ...stateOf(simd))).toBeDefined();
  expect(vectorKernelsFor(params, grad, ...stateOf(loop))).toBeUndefined();
  for (let step = 0; step < 40; step++) {
    for (let i = 0; i < model.size; i++) grad[i] = rng.int(11) === 0 ? 0 : rng.normal() * 10 ** (rng.int(7) - 3);
    simdGrad.set(grad);
    simd.step(model.params, simdGrad, 0.05 * (1 + (step % 3)));
    loop.step(params, grad, 0.05 * (1 + (step % 3)));
    expect(bits(model.params), `${label} step ${step}`).toEqual(bits(params));
  }
  const a = simd.getState();
  const b = loop.getState();
  expect(a.t).toBe(b.t);
  expect(a.buffers.map(bits)).toEqual(b.buffers.map(bits));
}

describe("Adam's SIMD update", () => {
  it("gives the loop's bits, for Adam and AdamW, with and without amsgrad and weight decay, on an odd number of params", () => {
    const rng = new Rng(31);
    let cases = 0;
    for (const optimizer of ['adam', 'adamw'] as const) {
      for (const amsgrad of [false, true]) {
        for (const weightDecay of [0, 0.01]) {
          // 3·5 + 5 + 5·2 + 2 = 32 params, or 4·5 + 5 + 5·1 + 1 = 31: the odd one goes through the kernel's scalar tail.
          const model = createMlpModel({ d: 3 + rng.int(2), hidden: [5], activation: 'relu', output: 'linear', classes: 0, maxBatch: 2, rng: new Rng(rng.int(100)) });
          const hp = { ...DEFAULT_TRAIN_PARAMS, optimizer, amsgrad, weightDecay, lr: 0.05 };
          updatesMatch(model, hp, rng, `${optimizer} amsgrad ${amsgrad} wd ${weightDecay}`, (o) => {
            const state = o as unknown as { m: Float64Array; v: Float64Array; vmax: Float64Array | null };
            return [state.m, state.v, state.vmax];
          });
          cases++;
        }
      }
    }
    expect(cases).toBe(8);
  });
});

describe("momentum's SIMD update", () => {
  it("gives the loop's bits, for momentum and Nesterov, with and without weight decay, on an odd number of params", () => {
    const rng = new Rng(37);
    let cases = 0;
    for (const optimizer of ['momentum', 'nesterov'] as const) {
      for (const weightDecay of [0, 0.01]) {
        for (const d of [3, 4]) {
          // 32 or 31 params: the odd one goes through the kernel's scalar tail.
          const model = createMlpModel({ d, hidden: [5], activation: 'relu', output: 'linear', classes: 0, maxBatch: 2, rng: new Rng(rng.int(100)) });
          const hp = { ...DEFAULT_TRAIN_PARAMS, optimizer, weightDecay, momentum: 0.85 };
          updatesMatch(model, hp, rng, `${optimizer} wd ${weightDecay} d ${d}`, (o) => [(o as unknown as { velocity: Float64Array }).velocity]);
          cases++;
        }
      }
    }
    expect(cases).toBe(8);
  });
});

describe("RMSProp's, Adagrad's and SGD's SIMD updates", () => {
  it("give the loop's bits, with and without weight decay, on an odd number of params", () => {
    const rng = new Rng(41);
    let cases = 0;
    for (const optimizer of ['rmsprop', 'adagrad', 'sgd'] as const) {
      for (const weightDecay of [0, 0.01]) {
        for (const d of [3, 4]) {
          // 32 or 31 params: the odd one goes through the kernel's scalar tail.
          const model = createMlpModel({ d, hidden: [5], activation: 'relu', output: 'linear', classes: 0, maxBatch: 2, rng: new Rng(rng.int(100)) });
          const hp = { ...DEFAULT_TRAIN_PARAMS, optimizer, weightDecay, rho: 0.8 };
          updatesMatch(model, hp, rng, `${optimizer} wd ${weightDecay} d ${d}`, (o) => {
            const state = o as unknown as { meanSq?: Float64Array; sumSq?: Float64Array };
            return optimizer === 'sgd' ? [] : [optimizer === 'rmsprop' ? state.meanSq! : state.sumSq!];
          });
          cases++;
        }
      }
    }
    expect(cases).toBe(12);
  });
});

describe('model-kernels-wasm.ts', () => {
  it('is what model-kernels.wat compiles to (npm run build:wasm leaves it unchanged)', async () => {
    const { stdout } = await exec(process.execPath, [path.join(ROOT, 'scripts/build-wasm.mjs'), '--check'], { cwd: ROOT });
    expect(stdout.trim()).toBe('model-kernels-wasm.ts is up to date');
  }, 60_000);
});

describe('RUNGS_KERNELS=js', () => {
  it('runs the TypeScript loops in that process', async () => {
    const probe = "import('./dist/tasks/model-wasm.js').then((m) => console.log(m.wasmKernelsAvailable()))";
    const off = await exec(process.execPath, ['-e', probe], { cwd: ROOT, env: { ...process.env, RUNGS_KERNELS: 'js' } });
    const on = await exec(process.execPath, ['-e', probe], { cwd: ROOT, env: { ...process.env, RUNGS_KERNELS: '' } });
    expect([off.stdout.trim(), on.stdout.trim()]).toEqual(['false', 'true']);
  }, 60_000);
});

describe('createModelKernels', () => {
  it('gives no kernels past 1 GiB of memory (a model then keeps the TypeScript loops), and kernels below', () => {
    expect(createModelKernels(2 ** 30 + 1)).toBeNull();
    const k = createModelKernels(100_000);
    expect(k?.memory.buffer.byteLength).toBe(2 * 65536);
  });
});

describe("a disposed model's memory serves the next model of its thread", () => {
  const shape: Omit<MlpOptions, 'rng'> = { d: 5, hidden: [7, 3], activation: 'tanh', output: 'softmax', classes: 3, maxBatch: 6 };
  const memoryOf = (m: Model): ArrayBuffer => m.gradBuffer!.buffer as ArrayBuffer;

  /** Six Adam steps (its state from allocState, so in the model's memory): every loss, then params and state, as bits. */
  function train(m: Model): bigint[][] {
    const rng = new Rng(5);
    const n = 30;
    const x = new Float64Array(n * shape.d).map(() => rng.normal());
    const y = new Float64Array(n).map(() => rng.int(3));
    const order = Uint32Array.from({ length: n }, (_, i) => i);
    const opt = createOptimizer(m.size, { ...DEFAULT_TRAIN_PARAMS, optimizer: 'adam' }, m.allocState?.bind(m));
    const losses = new Float64Array(6);
    for (let step = 0; step < 6; step++) {
      losses[step] = m.lossAndGrad(x, y, shape.d, order, step * 4, step * 4 + 6, m.gradBuffer!);
      opt.step(m.params, m.gradBuffer!, 0.05);
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    // Trained: the last loss is not the first.
    expect(losses[5]).not.toBe(losses[0]);
    return [bits(losses), bits(m.params), ...opt.getState().buffers.map((b) => bits(b))];
  }

  it('reuses it, zeroed: training gives the bits of a model on a new memory', () => {
    const used = createMlpModel({ ...shape, rng: new Rng(1) });
    train(used);
    const memory = memoryOf(used);
    used.dispose!();
    const spare = spareModelKernels();
    const reused = createMlpModel({ ...shape, rng: new Rng(2) });
    expect(memoryOf(reused)).toBe(memory);
    expect(spareModelKernels()).toBe(spare - 1);
    // No spare left that fits while `reused` holds its memory: this one is new.
    const fresh = createMlpModel({ ...shape, rng: new Rng(2) });
    expect(memoryOf(fresh)).not.toBe(memory);
    expect(train(reused)).toEqual(train(fresh));
    reused.dispose!();
    fresh.dispose!();
  });

  it('gives a memory once however often the model is disposed, and a larger model one of its own', () => {
    const a = createMlpModel({ ...shape, rng: new Rng(3) });
    const spare = spareModelKernels();
    a.dispose!();
    a.dispose!();
    expect(spareModelKernels()).toBe(spare + 1);
    const b = createMlpModel({ ...shape, rng: new Rng(3) });
    const c = createMlpModel({ ...shape, rng: new Rng(3) });
    expect(memoryOf(b)).not.toBe(memoryOf(c));
    const big = createMlpModel({ ...shape, hidden: [400], rng: new Rng(3) });
    expect([memoryOf(b), memoryOf(c)]).not.toContain(memoryOf(big));
    expect(memoryOf(big).byteLength).toBeGreaterThan(memoryOf(b).byteLength);
    // The smallest spare that fits: a small model takes b's memory, not big's.
    big.dispose!();
    b.dispose!();
    const small = createMlpModel({ ...shape, rng: new Rng(3) });
    expect(memoryOf(small)).not.toBe(memoryOf(big));
    expect(memoryOf(small).byteLength).toBe(memoryOf(b).byteLength);
    for (const m of [c, big, small]) m.dispose!();
  });

  it('keeps no spare that would take the memory held past MAX_SPARE_BYTES: a model that large gets a new one', () => {
    const spare = spareModelKernels();
    // 1500 × 1500 weights: 18 MB of params, and six arrays that size (gradient, Wᵀ, Adam state) beside them.
    const huge = createMlpModel({ ...shape, d: 1500, hidden: [1500], maxBatch: 1, rng: new Rng(4) });
    expect(memoryOf(huge).byteLength).toBeGreaterThan(MAX_SPARE_BYTES);
    huge.dispose!();
    expect(spareModelKernels()).toBe(spare);
  });

  it('the TypeScript loops have nothing to give back', () => {
    expect(createMlpModel({ ...shape, rng: new Rng(1), kernels: 'js' }).dispose).toBeUndefined();
  });
});
