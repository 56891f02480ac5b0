/**
 * Resolves a study file's DatasetSpec to a Dataset: a bundled name, a CSV
 * path (relative to `baseDir`, the study file's folder) or a synthetic spec.
 */
import { isAbsolute, resolve } from 'node:path';
import { DatasetError } from '../errors.js';
import { DEFAULT_TARGET, type DatasetSpec } from './task-spec.js';
import type { Dataset } from './dataset.js';
import { BUNDLED_DATASETS, bundledDatasetPath, isBundledDataset } from './bundled-datasets.js';
import { loadCsv } from './load-csv.js';
import { makeSynthetic } from './synthetic.js';

/** `seed` seeds synthetic data whose spec has no seed of its own (the study seed). */
export function loadDataset(spec: DatasetSpec, baseDir: string, seed: number): Dataset {
  if (typeof spec === 'string') {
    if (!isBundledDataset(spec)) {
      throw new DatasetError(`unknown bundled dataset "${spec}" (bundled: ${BUNDLED_DATASETS.join(', ')})`);
    }
    return loadCsv(bundledDatasetPath(spec), DEFAULT_TARGET);
  }
  if (spec && typeof spec === 'object') {
    if ('csv' in spec) {
      const path = isAbsolute(spec.csv) ? spec.csv : resolve(baseDir, spec.csv);
      return loadCsv(path, spec.target ?? DEFAULT_TARGET);
    }
    if ('synthetic' in spec) return makeSynthetic(spec, seed);
  }
  throw new DatasetError(`dataset must be a bundled name, {csv} or {synthetic} (got ${JSON.stringify(spec)})`);
}
