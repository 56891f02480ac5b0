/**
 * A worker keeps one DatasetCache for its lifetime, so each dataset is read
 * (or generated) and split once per configuration rather than once per job.
 * The prepared arrays are shared between jobs: trainers only read them.
 * Least-recently-used entries are dropped beyond `maxEntries`.
 */
import type { DatasetSpec } from './task-spec.js';
import type { Dataset } from './dataset.js';
import { loadDataset } from './load-dataset.js';
import { kFoldSplits, splitDataset, type PreparedData, type TestHoldoutSpec } from './split-dataset.js';

export class DatasetCache {
  private readonly datasets = new Map<string, Dataset>();
  private readonly splits = new Map<string, PreparedData[]>();
  /** Loads performed (cache misses), for tests and diagnostics. */
  loads = 0;

  constructor(private readonly maxEntries = 8) {}

  /** The dataset for (spec, baseDir, seed); `seed` seeds synthetic data without a seed of its own. */
  dataset(spec: DatasetSpec, baseDir: string, seed: number): Dataset {
    // Only synthetic data without a seed of its own depends on the study seed: a file is read once for all seeds.
    const seeded = typeof spec === 'object' && 'synthetic' in spec && spec.seed === undefined;
    const key = JSON.stringify([spec, baseDir, seeded ? seed : null]);
    return this.memo(this.datasets, key, () => {
      this.loads++;
      return loadDataset(spec, baseDir, seed);
    });
  }

  /** One train/validation split (`validation` = held-out fraction; `test`: rows held out first), seeded by the study seed. */
  split(spec: DatasetSpec, baseDir: string, seed: number, validation: number, test?: TestHoldoutSpec): PreparedData {
    const key = JSON.stringify([spec, baseDir, seed, 'split', validation, test ?? null]);
    return this.memo(this.splits, key, () => [splitDataset(this.dataset(spec, baseDir, seed), validation, seed, test)])[0]!;
  }

  /** k folds for cross-validation (of the rows left after the `test` fraction), seeded by the study seed. */
  folds(spec: DatasetSpec, baseDir: string, seed: number, k: number, test?: TestHoldoutSpec): PreparedData[] {
    const key = JSON.stringify([spec, baseDir, seed, 'folds', k, test ?? null]);
    return this.memo(this.splits, key, () => kFoldSplits(this.dataset(spec, baseDir, seed), k, seed, test));
  }

  clear(): void {
    this.datasets.clear();
    this.splits.clear();
  }

  private memo<T>(map: Map<string, T>, key: string, make: () => T): T {
    const hit = map.get(key);
    if (hit !== undefined) {
      // Re-insert to mark as most recently used.
      map.delete(key);
      map.set(key, hit);
      return hit;
    }
    const value = make();
    map.set(key, value);
    while (map.size > this.maxEntries) map.delete(map.keys().next().value!);
    return value;
  }
}
