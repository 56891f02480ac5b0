/**
 * Seeded train/validation splits and k-fold folds, standardised with the
 * training rows' statistics. Seeded by the study seed so every trial of a
 * study sees the same split. With a test fraction, those rows are held out
 * first and the split or folds are made of the rest, as scikit-learn's
 * train_test_split(random_state=…) before a search: no trial trains or is
 * ranked on them, and their seed is the task's testSeed (default 0), not the
 * study seed, so studies with other seeds are tested on the same rows.
 */
import { DatasetError } from '../errors.js';
import { Rng } from '../rng.js';
import type { Dataset, DatasetKind } from './dataset.js';
import type { TaskSpec } from './task-spec.js';
import { featureStats, standardize } from './standardize.js';

export interface PreparedData {
  xTrain: Float64Array;
  yTrain: Float64Array;
  nTrain: number;
  xVal: Float64Array;
  yVal: Float64Array;
  nVal: number;
  /** The held-out test rows (task.test), standardised with the training rows' statistics; nTest 0 without. */
  xTest: Float64Array;
  yTest: Float64Array;
  nTest: number;
  d: number;
  kind: DatasetKind;
  classes: number;
}

/** Salt so the split stream differs from other streams seeded with the same study seed. */
const SPLIT_SALT = 0x5b1d_a7a5;
/** The test rows' stream: another salt, so a testSeed equal to the study seed still draws them apart from the validation rows. */
const TEST_SALT = 0x7e57_0d0e;

/** A seeded permutation of 0..n-1. */
function permutation(n: number, seed: number, salt = SPLIT_SALT): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  new Rng((seed ^ salt) >>> 0).shuffle(p);
  return p;
}

/** Rows `rows` of `ds` as a dataset of their own. */
function pick(ds: Dataset, rows: ArrayLike<number>): Dataset {
  const { d } = ds;
  const x = new Float64Array(rows.length * d);
  const y = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    x.set(ds.x.subarray(r * d, r * d + d), k * d);
    y[k] = ds.y[r]!;
  }
  return { ...ds, x, y, n: rows.length };
}

/** A task's held-out test rows: the fraction, and the seed that picks them. */
export interface TestHoldoutSpec {
  fraction: number;
  seed: number;
}

/** The task's test holdout (task.test, task.testSeed default 0); undefined without task.test. */
export function testHoldoutOf(task: Pick<TaskSpec, 'test' | 'testSeed'>): TestHoldoutSpec | undefined {
  return task.test === undefined ? undefined : { fraction: task.test, seed: task.testSeed ?? 0 };
}

/** The rows left to train and validate on, and the held-out test rows (none for `fraction` 0). */
export interface TestHoldout {
  rest: Dataset;
  test: Dataset | undefined;
}

/**
 * Holds out ⌈n·fraction⌉ rows (at least 1) for testing, by a shuffle
 * seeded with `seed` (the task's testSeed) on a stream of its own; the rest
 * keep their order. Leaves at least 2 rows, so the rest can still be split.
 *
 * @example holdOutTest(iris, 0.2, 42).test.n // 30
 */
export function holdOutTest(ds: Dataset, fraction: number, seed: number): TestHoldout {
  if (fraction === 0) return { rest: ds, test: undefined };
  if (!(fraction > 0 && fraction < 1)) throw new DatasetError(`test fraction must be in (0, 1) (got ${fraction})`);
  // ⌈n·fraction⌉ as scikit-learn's train_test_split counts them (less a hair of float error: 0.07 × 100 is 7 rows).
  const nTest = Math.max(1, Math.ceil(ds.n * fraction - 1e-9));
  if (ds.n - nTest < 2) throw new DatasetError(`a test fraction of ${fraction} leaves ${ds.n - nTest} of ${ds.n} rows to train and validate on (at least 2)`);
  const perm = permutation(ds.n, seed, TEST_SALT);
  const rest = Array.from(perm.subarray(nTest)).sort((a, b) => a - b);
  return { rest: pick(ds, rest), test: pick(ds, perm.subarray(0, nTest)) };
}

/** Copies the rows `rows[from..to)` (and the rest) into fresh train/val arrays and standardises (the test rows too). */
function build(ds: Dataset, perm: Uint32Array, valStart: number, valEnd: number, test: Dataset | undefined): PreparedData {
  const { d, n } = ds;
  const nVal = valEnd - valStart;
  const nTrain = n - nVal;
  const xTrain = new Float64Array(nTrain * d);
  const yTrain = new Float64Array(nTrain);
  const xVal = new Float64Array(nVal * d);
  const yVal = new Float64Array(nVal);
  let t = 0;
  let v = 0;
  for (let k = 0; k < n; k++) {
    const r = perm[k]!;
    if (k >= valStart && k < valEnd) {
      xVal.set(ds.x.subarray(r * d, r * d + d), v * d);
      yVal[v++] = ds.y[r]!;
    } else {
      xTrain.set(ds.x.subarray(r * d, r * d + d), t * d);
      yTrain[t++] = ds.y[r]!;
    }
  }
  const stats = featureStats(xTrain, nTrain, d);
  standardize(xTrain, nTrain, d, stats);
  standardize(xVal, nVal, d, stats);
  const nTest = test?.n ?? 0;
  const xTest = test ? Float64Array.from(test.x) : new Float64Array(0);
  standardize(xTest, nTest, d, stats);
  // Targets are not standardised: every fold reads the held-out rows' own array.
  const yTest = test ? test.y : new Float64Array(0);
  return { xTrain, yTrain, nTrain, xVal, yVal, nVal, xTest, yTest, nTest, d, kind: ds.kind, classes: ds.classes };
}

/**
 * Holds out round(n·fraction) rows (at least 1, leaving at least 1 to train
 * on) chosen by a seeded shuffle.
 *
 * @example splitDataset(iris, 0.2, 42) // nTrain 120, nVal 30
 */
export function splitDataset(all: Dataset, fraction: number, seed: number, holdout?: TestHoldoutSpec): PreparedData {
  if (!(fraction > 0 && fraction < 1)) throw new DatasetError(`validation fraction must be in (0, 1) (got ${fraction})`);
  if (all.n < 2) throw new DatasetError(`a dataset needs at least 2 rows to split (got ${all.n})`);
  const { rest: ds, test } = holdOutTest(all, holdout?.fraction ?? 0, holdout?.seed ?? 0);
  const nVal = Math.min(ds.n - 1, Math.max(1, Math.round(ds.n * fraction)));
  return build(ds, permutation(ds.n, seed), 0, nVal, test);
}

/**
 * k folds of a seeded shuffle; fold i validates on rows
 * [⌊i·n/k⌋, ⌊(i+1)·n/k⌋) of the permutation and trains on the rest
 * (of the rows left after the test rows, with a test fraction).
 */
export function kFoldSplits(all: Dataset, k: number, seed: number, holdout?: TestHoldoutSpec): PreparedData[] {
  if (!Number.isInteger(k) || k < 2) throw new DatasetError(`folds must be an integer ≥ 2 (got ${k})`);
  const { rest: ds, test } = holdOutTest(all, holdout?.fraction ?? 0, holdout?.seed ?? 0);
  if (k > ds.n) throw new DatasetError(`cannot make ${k} folds of ${ds.n} rows${test ? ` (the rows left after ${test.n} test rows)` : ''}`);
  const perm = permutation(ds.n, seed);
  const folds: PreparedData[] = [];
  for (let i = 0; i < k; i++) folds.push(build(ds, perm, Math.floor((i * ds.n) / k), Math.floor(((i + 1) * ds.n) / k), test));
  return folds;
}
