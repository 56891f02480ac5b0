/**
 * Seeded train/validation splits and k-fold folds, standardised with the
 * training rows' statistics. Seeded by the study seed so every trial of a
 * study sees the same split.
 */
import { DatasetError } from '../errors.js';
import { Rng } from '../rng.js';
import type { Dataset, DatasetKind } from './dataset.js';
import { featureStats, standardize } from './standardize.js';

export interface PreparedData {
  xTrain: Float64Array;
  yTrain: Float64Array;
  nTrain: number;
  xVal: Float64Array;
  yVal: Float64Array;
  nVal: number;
  d: number;
  kind: DatasetKind;
  classes: number;
}

/** Salt so the split stream differs from other streams seeded with the same study seed. */
const SPLIT_SALT = 0x5b1d_a7a5;

/** A seeded permutation of 0..n-1. */
function permutation(n: number, seed: number): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  new Rng((seed ^ SPLIT_SALT) >>> 0).shuffle(p);
  return p;
}

/** Copies the rows `rows[from..to)` (and the rest) into fresh train/val arrays and standardises. */
function build(ds: Dataset, perm: Uint32Array, valStart: number, valEnd: number): PreparedData {
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
  return { xTrain, yTrain, nTrain, xVal, yVal, nVal, d, kind: ds.kind, classes: ds.classes };
}

/**
 * Holds out round(n·fraction) rows (at least 1, leaving at least 1 to train
 * on) chosen by a seeded shuffle.
 *
 * @example splitDataset(iris, 0.2, 42) // nTrain 120, nVal 30
 */
export function splitDataset(ds: Dataset, fraction: number, seed: number): PreparedData {
  if (!(fraction > 0 && fraction < 1)) throw new DatasetError(`validation fraction must be in (0, 1) (got ${fraction})`);
  if (ds.n < 2) throw new DatasetError(`a dataset needs at least 2 rows to split (got ${ds.n})`);
  const nVal = Math.min(ds.n - 1, Math.max(1, Math.round(ds.n * fraction)));
  return build(ds, permutation(ds.n, seed), 0, nVal);
}

/**
 * k folds of a seeded shuffle; fold i validates on rows
 * [⌊i·n/k⌋, ⌊(i+1)·n/k⌋) of the permutation and trains on the rest.
 */
export function kFoldSplits(ds: Dataset, k: number, seed: number): PreparedData[] {
  if (!Number.isInteger(k) || k < 2) throw new DatasetError(`folds must be an integer ≥ 2 (got ${k})`);
  if (k > ds.n) throw new DatasetError(`cannot make ${k} folds of ${ds.n} rows`);
  const perm = permutation(ds.n, seed);
  const folds: PreparedData[] = [];
  for (let i = 0; i < k; i++) folds.push(build(ds, perm, Math.floor((i * ds.n) / k), Math.floor(((i + 1) * ds.n) / k)));
  return folds;
}
