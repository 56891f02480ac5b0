/**
 * The small datasets shipped in the package's data/ folder, by name.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const BUNDLED_DATASETS = ['breast-cancer', 'digits', 'iris'] as const;
export type BundledDatasetName = (typeof BUNDLED_DATASETS)[number];

export function isBundledDataset(name: string): name is BundledDatasetName {
  return (BUNDLED_DATASETS as readonly string[]).includes(name);
}

/**
 * The package root. This module is src/tasks/… under vitest/tsx and
 * dist/tasks/… once built: two levels below the root either way.
 */
export function packageRoot(): string {
  return fileURLToPath(new URL('../../', import.meta.url));
}

/** Absolute path of data/<name>.csv. @example bundledDatasetPath('iris') // …/data/iris.csv */
export function bundledDatasetPath(name: BundledDatasetName): string {
  return join(packageRoot(), 'data', `${name}.csv`);
}
