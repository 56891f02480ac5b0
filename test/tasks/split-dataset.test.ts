import { describe, expect, it } from 'vitest';
import { holdOutTest, kFoldSplits, splitDataset } from '../../src/tasks/split-dataset.js';
import { featureStats, standardize } from '../../src/tasks/standardize.js';
import type { Dataset } from '../../src/tasks/dataset.js';

/** Rows carry their own id in y so the split can be traced. */
function dataset(n: number, d = 2): Dataset {
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    x[i * d] = i; // varies
    x[i * d + 1] = 5; // constant column
  }
  return { x, y: Float64Array.from({ length: n }, (_, i) => i), n, d, featureNames: ['a', 'c'], kind: 'regression', classes: 0 };
}

describe('splitDataset', () => {
  it('holds out round(n·fraction) rows, disjoint, covering every row', () => {
    const p = splitDataset(dataset(50), 0.2, 1);
    expect(p.nVal).toBe(10);
    expect(p.nTrain).toBe(40);
    const all = [...p.yTrain, ...p.yVal].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('is seeded: same seed same split, other seed other split', () => {
    const ds = dataset(50);
    expect(splitDataset(ds, 0.2, 7).yVal).toEqual(splitDataset(ds, 0.2, 7).yVal);
    expect(splitDataset(ds, 0.2, 8).yVal).not.toEqual(splitDataset(ds, 0.2, 7).yVal);
  });

  it('standardises with the training rows only; a constant column is centred, not divided', () => {
    const ds = dataset(40);
    const p = splitDataset(ds, 0.25, 3);
    // Recompute the expected transform from the raw training ids.
    const trainIds = [...p.yTrain];
    const mean = trainIds.reduce((s, v) => s + v, 0) / trainIds.length;
    const std = Math.sqrt(trainIds.reduce((s, v) => s + (v - mean) ** 2, 0) / trainIds.length);
    for (let i = 0; i < p.nTrain; i++) expect(p.xTrain[i * 2]).toBeCloseTo((p.yTrain[i]! - mean) / std, 12);
    for (let i = 0; i < p.nVal; i++) {
      expect(p.xVal[i * 2]).toBeCloseTo((p.yVal[i]! - mean) / std, 12);
      expect(p.xVal[i * 2 + 1]).toBe(0);
    }
    // The validation rows' own mean is not 0: their stats were not used.
    const valMean = [...p.xVal].filter((_, k) => k % 2 === 0).reduce((s, v) => s + v, 0) / p.nVal;
    expect(Math.abs(valMean)).toBeGreaterThan(1e-6);
    expect([...p.xTrain].every(Number.isFinite)).toBe(true);
    // Fresh arrays: the source dataset is untouched.
    expect(ds.x[2]).toBe(1);
  });

  it('rejects fractions outside (0, 1)', () => {
    expect(() => splitDataset(dataset(10), 0, 1)).toThrow(/\(0, 1\)/);
    expect(() => splitDataset(dataset(10), 1, 1)).toThrow(/\(0, 1\)/);
  });
});

describe('kFoldSplits', () => {
  it('k folds whose validation parts partition the rows', () => {
    const folds = kFoldSplits(dataset(23), 5, 2);
    expect(folds).toHaveLength(5);
    const val = folds.flatMap((f) => [...f.yVal]).sort((a, b) => a - b);
    expect(val).toEqual(Array.from({ length: 23 }, (_, i) => i));
    for (const f of folds) expect(f.nTrain + f.nVal).toBe(23);
    expect(kFoldSplits(dataset(23), 5, 2)[0]!.yVal).toEqual(folds[0]!.yVal);
    expect(() => kFoldSplits(dataset(3), 5, 2)).toThrow(/5 folds of 3 rows/);
  });
});

describe('a test fraction (task.test)', () => {
  const ids = (a: Float64Array) => [...a].sort((x, y) => x - y);

  it('holds out ⌈n·test⌉ rows first, picked by the test seed whatever the study seed, never in the training or validation rows', () => {
    const ds = dataset(50);
    const p = splitDataset(ds, 0.2, 1, { fraction: 0.2, seed: 0 });
    expect(p.nTest).toBe(10);
    // The validation fraction is of the 40 rows left.
    expect(p.nVal).toBe(8);
    expect(p.nTrain).toBe(32);
    const seen = new Set([...p.yTrain, ...p.yVal]);
    for (const id of p.yTest) expect(seen.has(id)).toBe(false);
    expect(ids(Float64Array.from([...p.yTrain, ...p.yVal, ...p.yTest]))).toEqual(Array.from({ length: 50 }, (_, i) => i));
    // Another study seed: other validation rows, the same test rows (scikit-learn's train_test_split(random_state=0) once, then any search).
    const other = splitDataset(ds, 0.2, 2, { fraction: 0.2, seed: 0 });
    expect(ids(other.yTest)).toEqual(ids(p.yTest));
    expect(ids(other.yVal)).not.toEqual(ids(p.yVal));
    // Another test seed: other test rows.
    expect(ids(splitDataset(ds, 0.2, 1, { fraction: 0.2, seed: 1 }).yTest)).not.toEqual(ids(p.yTest));
    // Without a test fraction nothing is held out and the split is as before.
    const plain = splitDataset(ds, 0.2, 1);
    expect(plain.nTest).toBe(0);
    expect(plain.xTest).toHaveLength(0);
  });

  it('standardises the test rows with the training rows\' statistics', () => {
    const p = splitDataset(dataset(40), 0.25, 3, { fraction: 0.25, seed: 3 });
    const trainIds = [...p.yTrain];
    const mean = trainIds.reduce((s, v) => s + v, 0) / trainIds.length;
    const std = Math.sqrt(trainIds.reduce((s, v) => s + (v - mean) ** 2, 0) / trainIds.length);
    for (let i = 0; i < p.nTest; i++) {
      expect(p.xTest[i * 2]).toBeCloseTo((p.yTest[i]! - mean) / std, 12);
      expect(p.xTest[i * 2 + 1]).toBe(0);
    }
  });

  it('k folds are made of the rows left, every fold tested on the same held-out rows', () => {
    const folds = kFoldSplits(dataset(30), 4, 5, { fraction: 0.2, seed: 0 });
    const test = ids(folds[0]!.yTest);
    expect(test).toHaveLength(6);
    const val = folds.flatMap((f) => [...f.yVal]);
    expect(val).toHaveLength(24);
    for (const f of folds) {
      expect(ids(f.yTest)).toEqual(test);
      expect(f.nTrain + f.nVal).toBe(24);
      for (const id of [...f.yTrain, ...f.yVal]) expect(test).not.toContain(id);
    }
  });

  it('holds out ⌈n·test⌉ rows, as scikit-learn\'s train_test_split', () => {
    expect(holdOutTest(dataset(569), 0.15, 0).test!.n).toBe(86);
    expect(holdOutTest(dataset(1797), 0.2, 0).test!.n).toBe(360);
    expect(holdOutTest(dataset(150), 0.2, 0).test!.n).toBe(30);
    expect(holdOutTest(dataset(100), 0.07, 0).test!.n).toBe(7);
  });

  it('refuses a fraction outside (0, 1) and one that leaves fewer than 2 rows', () => {
    expect(() => holdOutTest(dataset(10), 1, 1)).toThrow(/test fraction must be in \(0, 1\)/);
    expect(() => holdOutTest(dataset(10), 0.9, 1)).toThrow(/leaves 1 of 10 rows/);
    expect(holdOutTest(dataset(10), 0, 1).test).toBeUndefined();
  });
});

describe('standardize', () => {
  it('mean 0, std 1 on the rows it was fitted on', () => {
    const x = Float64Array.of(1, 10, 2, 20, 3, 60);
    const stats = featureStats(x, 3, 2);
    standardize(x, 3, 2, stats);
    const stats2 = featureStats(x, 3, 2);
    for (let j = 0; j < 2; j++) {
      expect(stats2.mean[j]).toBeCloseTo(0, 12);
      expect(stats2.std[j]).toBeCloseTo(1, 12);
    }
  });
});
