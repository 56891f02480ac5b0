import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import { createLinearModel } from '../../src/tasks/linear-model.js';
import { createLogisticModel } from '../../src/tasks/logistic-model.js';
import { createSoftmaxModel } from '../../src/tasks/softmax-model.js';
import { createMlpModel } from '../../src/tasks/mlp-model.js';
import type { Model } from '../../src/tasks/model.js';
import { identity, maxGradError } from './helpers/grad-check.js';

const n = 12;
const d = 4;

function data(kind: 'regression' | 'binary' | 'multiclass', classes = 3) {
  const rng = new Rng(5);
  const x = new Float64Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = kind === 'regression' ? rng.normal() * 3 : kind === 'binary' ? rng.int(2) : rng.int(classes);
  return { x, y };
}

function randomize(model: Model, seed: number, scale = 0.5): void {
  const rng = new Rng(seed);
  for (let i = 0; i < model.size; i++) model.params[i] = scale * rng.normal();
}

describe('gradients match central finite differences', () => {
  it('linear regression (MSE)', () => {
    const m = createLinearModel(d, n);
    randomize(m, 1);
    const { x, y } = data('regression');
    expect(maxGradError(m, x, y, d, identity(n))).toBeLessThan(1e-6);
  });

  it('logistic regression (binary cross-entropy)', () => {
    const m = createLogisticModel(d, n);
    randomize(m, 2);
    const { x, y } = data('binary');
    expect(maxGradError(m, x, y, d, identity(n))).toBeLessThan(1e-6);
  });

  it('softmax regression (cross-entropy)', () => {
    const m = createSoftmaxModel(d, 3, n);
    randomize(m, 3);
    const { x, y } = data('multiclass');
    expect(maxGradError(m, x, y, d, identity(n))).toBeLessThan(1e-6);
  });

  for (const activation of ['relu', 'tanh'] as const) {
    it(`MLP with 2 hidden layers, ${activation}, softmax output`, () => {
      const m = createMlpModel({ d, hidden: [5, 3], activation, output: 'softmax', classes: 3, maxBatch: n, rng: new Rng(4) });
      // Non-zero biases so relu units sit away from their kink at various points.
      randomize(m, 9, 0.8);
      const { x, y } = data('multiclass');
      expect(maxGradError(m, x, y, d, identity(n))).toBeLessThan(1e-6);
    });

    it(`MLP with 2 hidden layers, ${activation}, linear output`, () => {
      const m = createMlpModel({ d, hidden: [6, 4], activation, output: 'linear', classes: 0, maxBatch: n, rng: new Rng(6) });
      randomize(m, 10, 0.8);
      const { x, y } = data('regression');
      expect(maxGradError(m, x, y, d, identity(n))).toBeLessThan(1e-6);
    });
  }

  it('uses only the rows idx[start..end) and averages over them', () => {
    const m = createLinearModel(d, n);
    randomize(m, 1);
    const { x, y } = data('regression');
    const idx = Uint32Array.of(3, 7, 1, 9);
    const g1 = new Float64Array(m.size);
    const g2 = new Float64Array(m.size);
    const sub = m.lossAndGrad(x, y, d, idx, 1, 3, g1); // rows 7, 1
    const l7 = m.lossAndGrad(x, y, d, Uint32Array.of(7), 0, 1, g2);
    const g7 = Float64Array.from(g2);
    const l1 = m.lossAndGrad(x, y, d, Uint32Array.of(1), 0, 1, g2);
    expect(sub).toBeCloseTo((l7 + l1) / 2, 12);
    for (let i = 0; i < m.size; i++) expect(g1[i]).toBeCloseTo((g7[i]! + g2[i]!) / 2, 12);
  });
});

describe('initialisation', () => {
  it('MLP: He for relu, Xavier for tanh, zero biases, same seed ⇒ same weights', () => {
    const fanIn = 200;
    const relu = createMlpModel({ d: fanIn, hidden: [100], activation: 'relu', output: 'linear', classes: 0, maxBatch: 1, rng: new Rng(1) });
    const tanh = createMlpModel({ d: fanIn, hidden: [100], activation: 'tanh', output: 'linear', classes: 0, maxBatch: 1, rng: new Rng(1) });
    const again = createMlpModel({ d: fanIn, hidden: [100], activation: 'relu', output: 'linear', classes: 0, maxBatch: 1, rng: new Rng(1) });
    expect(again.params).toEqual(relu.params);
    const w = fanIn * 100;
    const variance = (p: Float64Array) => p.subarray(0, w).reduce((s, v) => s + v * v, 0) / w;
    expect(variance(relu.params)).toBeCloseTo(2 / fanIn, 3); // He: 2/fan_in = 0.01
    expect(variance(tanh.params)).toBeCloseTo(2 / (fanIn + 100), 3); // Xavier: 2/(in+out) ≈ 0.00667
    expect([...relu.params.subarray(w, w + 100)].every((b) => b === 0)).toBe(true);
  });

  it('losses stay finite for huge logits (stable log-sigmoid / log-sum-exp)', () => {
    const x = Float64Array.of(1000, -1000);
    const log = createLogisticModel(1, 2);
    log.params[0] = 10;
    const g = new Float64Array(2);
    const l = log.lossAndGrad(x, Float64Array.of(0, 1), 1, identity(2), 0, 2, g);
    expect(l).toBeCloseTo(10000, 6); // each row wrong by a logit of 10000
    const soft = createSoftmaxModel(1, 3, 2);
    soft.params[0] = 10;
    const gs = new Float64Array(soft.size);
    const ls = soft.lossAndGrad(x, Float64Array.of(1, 0), 1, identity(2), 0, 2, gs);
    // Row 1: logits (10000, 0, 0), label 1 → 10000. Row 2: (−10000, 0, 0), label 0 → 10000 + log 2.
    expect(ls).toBeCloseTo(10000 + Math.LN2 / 2, 6);
  });
});

describe('evaluate', () => {
  it('returns the summed loss and writes predictions (class index for classification)', () => {
    const m = createSoftmaxModel(d, 3, n);
    randomize(m, 3);
    const { x, y } = data('multiclass');
    const pred = new Float64Array(n);
    const sum = m.evaluate(x, y, d, 0, n, pred);
    const g = new Float64Array(m.size);
    expect(sum / n).toBeCloseTo(m.lossAndGrad(x, y, d, identity(n), 0, n, g), 12);
    expect([...pred].every((p) => Number.isInteger(p) && p >= 0 && p < 3)).toBe(true);
  });

  it('MLP evaluate on contiguous rows matches lossAndGrad', () => {
    const m = createMlpModel({ d, hidden: [5], activation: 'tanh', output: 'linear', classes: 0, maxBatch: 6, rng: new Rng(4) });
    const { x, y } = data('regression');
    const pred = new Float64Array(n);
    const sum = m.evaluate(x, y, d, 0, 6, pred) + m.evaluate(x, y, d, 6, 12, pred);
    const g = new Float64Array(m.size);
    const a = m.lossAndGrad(x, y, d, identity(n), 0, 6, g);
    const b = m.lossAndGrad(x, y, d, identity(n), 6, 12, g);
    expect(sum / n).toBeCloseTo((a + b) / 2, 12);
  });
});
