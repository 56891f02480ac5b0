import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createTrainer, restoreTrainer, type EpochRecord } from '../../src/tasks/trainer.js';
import { splitDataset, type PreparedData } from '../../src/tasks/split-dataset.js';
import { makeSynthetic } from '../../src/tasks/synthetic.js';
import { loadDataset } from '../../src/tasks/load-dataset.js';
import { DEFAULT_TRAIN_PARAMS, type ModelSpec, type OptimizerName, type TrainParams } from '../../src/tasks/task-spec.js';

const hp = (over: Partial<TrainParams>): TrainParams => ({ ...DEFAULT_TRAIN_PARAMS, ...over });

/** Least squares on [X 1] by the normal equations (Gauss–Jordan with partial pivoting). */
function leastSquares(p: PreparedData): Float64Array {
  const k = p.d + 1;
  const A = Array.from({ length: k }, () => new Float64Array(k + 1));
  for (let i = 0; i < p.nTrain; i++) {
    const row = [...p.xTrain.subarray(i * p.d, (i + 1) * p.d), 1];
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) A[a]![b]! += row[a]! * row[b]!;
      A[a]![k]! += row[a]! * p.yTrain[i]!;
    }
  }
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[piv]![c]!)) piv = r;
    [A[c], A[piv]] = [A[piv]!, A[c]!];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / A[c]![c]!;
      for (let j = c; j <= k; j++) A[r]![j]! -= f * A[c]![j]!;
    }
  }
  return Float64Array.from({ length: k }, (_, i) => A[i]![k]! / A[i]![i]!);
}

function trainFor(t: ReturnType<typeof createTrainer>, epochs: number): EpochRecord[] {
  const out: EpochRecord[] = [];
  for (let e = 0; e < epochs; e++) out.push(t.trainEpoch());
  return out;
}

const regression = splitDataset(makeSynthetic({ synthetic: 'regression', samples: 200, features: 5, noise: 0.3 }, 11), 0.2, 11);

describe('linear regression reaches the least-squares solution', () => {
  const wStar = leastSquares(regression);

  it('full-batch GD (sgd, batchSize 0)', () => {
    const t = createTrainer(regression, 'linear', hp({ optimizer: 'sgd', lr: 0.1, batchSize: 0 }), 1, 500);
    expect(t.batchSize).toBe(regression.nTrain);
    trainFor(t, 500);
    for (let i = 0; i < wStar.length; i++) expect(t.model.params[i]).toBeCloseTo(wStar[i]!, 8);
  });

  it('Adam (full batch, cosine-annealed)', () => {
    const t = createTrainer(regression, 'linear', hp({ optimizer: 'adam', lr: 0.05, batchSize: 0, schedule: 'cosine' }), 1, 1500);
    trainFor(t, 1500);
    for (let i = 0; i < wStar.length; i++) expect(t.model.params[i]).toBeCloseTo(wStar[i]!, 4);
  });

  it('records the regression metrics, consistent with each other', () => {
    const t = createTrainer(regression, 'linear', hp({ lr: 0.05 }), 1, 5);
    const r = t.trainEpoch();
    expect(r.epoch).toBe(1);
    expect(r.diverged).toBe(false);
    expect(Object.keys(r.metrics).sort()).toEqual(['model_size', 'train_loss', 'val_loss', 'val_mae', 'val_mse', 'val_r2', 'val_rmse']);
    // A linear model: one weight per feature and a bias.
    expect(r.metrics.model_size).toBe(regression.d + 1);
    expect(r.metrics.val_mse).toBeCloseTo(r.metrics.val_loss!, 12);
    expect(r.metrics.val_rmse).toBeCloseTo(Math.sqrt(r.metrics.val_mse!), 12);
    expect(t.epoch).toBe(1);
  });
});

describe('classification', () => {
  it('logistic regression on breast-cancer: val accuracy ≥ 0.95 with Adam lr 0.01, batch 32, 30 epochs', () => {
    const data = splitDataset(loadDataset('breast-cancer', '.', 0), 0.2, 0);
    const t = createTrainer(data, 'logistic', hp({ optimizer: 'adam', lr: 0.01, batchSize: 32 }), 3, 30);
    const recs = trainFor(t, 30);
    const last = recs.at(-1)!;
    expect(Object.keys(last.metrics).sort()).toEqual(['model_size', 'train_loss', 'val_accuracy', 'val_log_loss', 'val_loss']);
    expect(last.metrics.model_size).toBe(31);
    expect(last.metrics.val_accuracy).toBeGreaterThanOrEqual(0.95);
    expect(last.metrics.train_loss!).toBeLessThan(recs[0]!.metrics.train_loss!);
  });

  it('an MLP learns the spirals a linear softmax cannot', () => {
    const data = splitDataset(makeSynthetic({ synthetic: 'spirals', samples: 450 }, 2), 0.2, 2);
    const mlp = createTrainer(data, { type: 'mlp', hidden: [32, 32], activation: 'tanh' }, hp({ lr: 0.01 }), 1, 60);
    const soft = createTrainer(data, 'softmax', hp({ lr: 0.01 }), 1, 60);
    const a = trainFor(mlp, 60).at(-1)!.metrics.val_accuracy!;
    const b = trainFor(soft, 60).at(-1)!.metrics.val_accuracy!;
    expect(a).toBeGreaterThan(0.9);
    expect(b).toBeLessThan(0.75);
  });

  it('rejects a model that does not fit the target', () => {
    const iris = splitDataset(loadDataset('iris', '.', 0), 0.2, 0);
    expect(() => createTrainer(iris, 'logistic', hp({}), 1, 1)).toThrow(/binary target.*3 classes.*softmax/);
    expect(() => createTrainer(regression, 'softmax', hp({}), 1, 1)).toThrow(/classification target/);
  });
});

describe('evaluateTest', () => {
  it('scores the test rows as evaluate scores the validation rows: the same rows give the same numbers, named test_*', () => {
    const split = splitDataset(loadDataset('breast-cancer', '.', 0), 0.2, 0);
    // The validation rows as test rows too: both scores must agree to the bit.
    const data: PreparedData = { ...split, xTest: split.xVal, yTest: split.yVal, nTest: split.nVal };
    for (const model of [{ type: 'mlp', hidden: [8] }, 'logistic'] as ModelSpec[]) {
      const t = createTrainer(data, model, hp({ optimizer: 'adam', lr: 0.01, batchSize: 32 }), 1, 5);
      trainFor(t, 3);
      const val = t.evaluate();
      const test = t.evaluateTest();
      expect(Object.keys(test)).toEqual(['test_loss', 'test_log_loss', 'test_accuracy']);
      expect(test.test_loss).toBe(val.val_loss);
      expect(test.test_accuracy).toBe(val.val_accuracy);
    }
    const reg = splitDataset(makeSynthetic({ synthetic: 'regression', samples: 80, features: 3 }, 2), 0.25, 2);
    const t = createTrainer({ ...reg, xTest: reg.xVal, yTest: reg.yVal, nTest: reg.nVal }, 'linear', hp({ lr: 0.05 }), 1, 3);
    trainFor(t, 2);
    const val = t.evaluate();
    const test = t.evaluateTest();
    for (const k of ['loss', 'mse', 'rmse', 'mae', 'r2']) expect(test[`test_${k}`]).toBe(val[`val_${k}`]);
    // No test rows: nothing.
    expect(createTrainer(reg, 'linear', hp({ lr: 0.05 }), 1, 3).evaluateTest()).toEqual({});
  });
});

describe('divergence', () => {
  it('sgd with lr 1e6 on regression stops with diverged, never a non-finite metric as a result', () => {
    const t = createTrainer(regression, 'linear', hp({ optimizer: 'sgd', lr: 1e6, batchSize: 16 }), 1, 100);
    let rec: EpochRecord | undefined;
    for (let e = 0; e < 100; e++) {
      rec = t.trainEpoch();
      if (rec.diverged) break;
      for (const v of Object.values(rec.metrics)) expect(Number.isFinite(v)).toBe(true);
    }
    expect(rec!.diverged).toBe(true);
    expect(rec!.epoch).toBeLessThan(20);
  });
});

describe('checkpoint → restore continues bit for bit', () => {
  const data = splitDataset(makeSynthetic({ synthetic: 'blobs', samples: 120, classes: 3, features: 4, noise: 2 }, 5), 0.25, 5);
  // An MLP (random init), minibatches (shuffling), warm-up + cosine (epoch-dependent lr),
  // weight decay and clipping: every piece of state matters.
  const model: ModelSpec = { type: 'mlp', hidden: [8, 6], activation: 'tanh' };
  const cases: [string, Partial<TrainParams>][] = (
    ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'adamw'] as OptimizerName[]
  ).map((o) => [o, { optimizer: o }]);
  cases.push(['adam + amsgrad', { optimizer: 'adam', amsgrad: true }]);
  cases.push(['adamw + amsgrad', { optimizer: 'adamw', amsgrad: true }]);

  for (const [label, over] of cases) {
    it(label, () => {
      const params = hp({ lr: 0.03, batchSize: 16, schedule: 'cosine', warmup: 2, weightDecay: 1e-3, clipNorm: 1, ...over });
      const straight = createTrainer(data, model, params, 42, 9);
      const all = trainFor(straight, 9);

      const first = createTrainer(data, model, params, 42, 9);
      const head = trainFor(first, 3);
      const bytes = first.checkpoint();
      // The bytes are all it takes: copy them to be sure nothing is shared.
      const resumed = restoreTrainer(data, model, params, 42, 9, Uint8Array.from(bytes));
      expect(resumed.epoch).toBe(3);
      const tail = trainFor(resumed, 6);

      expect([...head, ...tail]).toEqual(all);
      expect(Buffer.from(resumed.model.params.buffer).equals(Buffer.from(straight.model.params.buffer))).toBe(true);
      expect(Buffer.from(resumed.checkpoint()).equals(Buffer.from(straight.checkpoint()))).toBe(true);
      // Training actually changed something between the checkpoint and the end.
      expect(Buffer.from(bytes).equals(Buffer.from(straight.checkpoint()))).toBe(false);
    });
  }

  it('different trial seeds give different runs; the same seed the same', () => {
    const p = hp({ batchSize: 16 });
    const a = trainFor(createTrainer(data, model, p, 1, 3), 3);
    expect(trainFor(createTrainer(data, model, p, 1, 3), 3)).toEqual(a);
    expect(trainFor(createTrainer(data, model, p, 2, 3), 3)).not.toEqual(a);
  });

  it('refuses a checkpoint from another optimizer or model', () => {
    const t = createTrainer(data, model, hp({ optimizer: 'adam' }), 1, 3);
    t.trainEpoch();
    const bytes = t.checkpoint();
    expect(() => restoreTrainer(data, model, hp({ optimizer: 'sgd' }), 1, 3, bytes)).toThrow(/optimizer "adam".*"sgd"/);
    expect(() => restoreTrainer(data, 'softmax', hp({ optimizer: 'adam' }), 1, 3, bytes)).toThrow(/parameters/);
    expect(() => restoreTrainer(data, model, hp({}), 1, 3, bytes.subarray(0, 30))).toThrow(/too short/);
  });
});

describe('memory', () => {
  it('no heap growth per epoch once warmed up', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const data = splitDataset(makeSynthetic({ synthetic: 'spirals', samples: 300 }, 1), 0.2, 1);
    const t = createTrainer(data, { type: 'mlp', hidden: [16, 16] }, hp({ batchSize: 8, clipNorm: 5, schedule: 'cosine' }), 1, 1000);
    trainFor(t, 100);
    gc();
    gc();
    // Typed-array storage lives outside the JS heap, so count both.
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const before = used();
    for (let e = 0; e < 300; e++) t.trainEpoch(); // records dropped at once
    gc();
    gc();
    const growth = used() - before;
    // 300 epochs × 30 steps: keeping one gradient-sized array per epoch
    // (371 doubles, ~3 kB) would add about 1 MB.
    expect(growth).toBeLessThan(100_000);
  });
});
