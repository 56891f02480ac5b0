import { describe, expect, it } from 'vitest';
import { DatasetCache } from '../../src/tasks/dataset-cache.js';

describe('DatasetCache', () => {
  it('loads and splits once per key and reuses it', () => {
    const cache = new DatasetCache();
    const a = cache.split('iris', '.', 1, 0.2);
    expect(cache.split('iris', '.', 1, 0.2)).toBe(a);
    expect(cache.loads).toBe(1);
    const b = cache.split('iris', '.', 1, 0.3); // same dataset, other split
    expect(b).not.toBe(a);
    expect(cache.loads).toBe(1);
    const c = cache.split('iris', '.', 2, 0.2); // other seed: another split of the same file, read once
    expect(c).not.toBe(a);
    expect(cache.loads).toBe(1);
    cache.dataset({ synthetic: 'moons' }, '.', 1);
    cache.dataset({ synthetic: 'moons' }, '.', 2); // synthetic data without a seed of its own follows the study seed
    cache.dataset({ synthetic: 'moons', seed: 5 }, '.', 1);
    cache.dataset({ synthetic: 'moons', seed: 5 }, '.', 2); // … and with one, it does not
    expect(cache.loads).toBe(4);
    expect(cache.folds('iris', '.', 1, 3)).toHaveLength(3);
  });

  it('drops the least recently used entries beyond its size', () => {
    const cache = new DatasetCache(2);
    cache.dataset({ synthetic: 'moons' }, '.', 1);
    cache.dataset({ synthetic: 'moons' }, '.', 2);
    cache.dataset({ synthetic: 'moons' }, '.', 1); // touch 1
    cache.dataset({ synthetic: 'moons' }, '.', 3); // evicts 2
    expect(cache.loads).toBe(3);
    cache.dataset({ synthetic: 'moons' }, '.', 1);
    expect(cache.loads).toBe(3);
    cache.dataset({ synthetic: 'moons' }, '.', 2);
    expect(cache.loads).toBe(4);
  });
});
