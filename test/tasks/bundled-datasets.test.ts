import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { BUNDLED_DATASETS, bundledDatasetPath, isBundledDataset, packageRoot } from '../../src/tasks/bundled-datasets.js';
import { loadDataset } from '../../src/tasks/load-dataset.js';

describe('bundled datasets', () => {
  it('resolve to data/<name>.csv in the package root', () => {
    expect(existsSync(`${packageRoot()}/package.json`)).toBe(true);
    for (const name of BUNDLED_DATASETS) {
      expect(bundledDatasetPath(name)).toMatch(new RegExp(`data[\\\\/]${name}\\.csv$`));
      expect(existsSync(bundledDatasetPath(name))).toBe(true);
    }
    expect(isBundledDataset('iris')).toBe(true);
    expect(isBundledDataset('mnist')).toBe(false);
  });

  it('load with the expected shapes and kinds', () => {
    const iris = loadDataset('iris', '/nowhere', 0);
    expect([iris.n, iris.d, iris.kind, iris.classes]).toEqual([150, 4, 'multiclass', 3]);
    const bc = loadDataset('breast-cancer', '/nowhere', 0);
    expect([bc.n, bc.d, bc.kind, bc.classes]).toEqual([569, 30, 'binary', 2]);
    const digits = loadDataset('digits', '/nowhere', 0);
    expect([digits.n, digits.d, digits.kind, digits.classes]).toEqual([1797, 64, 'multiclass', 10]);
  });
});
