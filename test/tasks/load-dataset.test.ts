import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../src/tasks/load-dataset.js';
import { DatasetError } from '../../src/errors.js';

describe('loadDataset', () => {
  it('resolves a CSV path relative to baseDir, with its target column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rungs-ld-'));
    writeFileSync(join(dir, 'd.csv'), 'a,y\n1,2.5\n2,3.5\n');
    const ds = loadDataset({ csv: 'd.csv', target: 'y' }, dir, 0);
    expect(ds.kind).toBe('regression');
    expect([...ds.y]).toEqual([2.5, 3.5]);
  });

  it('seeds synthetic data with the given seed unless the spec has one', () => {
    const a = loadDataset({ synthetic: 'moons' }, '.', 1);
    expect(loadDataset({ synthetic: 'moons' }, '.', 1).x).toEqual(a.x);
    expect(loadDataset({ synthetic: 'moons' }, '.', 2).x).not.toEqual(a.x);
  });

  it('an unknown bundled name lists the bundled ones', () => {
    expect(() => loadDataset('mnist', '.', 0)).toThrow(DatasetError);
    expect(() => loadDataset('mnist', '.', 0)).toThrow(/breast-cancer, digits, iris/);
  });
});
