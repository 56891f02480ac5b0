import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCsv } from '../../src/tasks/load-csv.js';
import { DatasetError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'rungs-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
function file(text: string): string {
  const p = join(dir, `f${counter++}.csv`);
  writeFileSync(p, text);
  return p;
}

function errorOf(fn: () => unknown): DatasetError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    return e as DatasetError;
  }
  throw new Error('expected a DatasetError');
}

describe('loadCsv', () => {
  it('reads features row-major and the target by name, wherever it is', () => {
    const ds = loadCsv(file('a,target,b\r\n1,0,2\r\n3,1,4\r\n5,1,6\r\n'));
    expect(ds.n).toBe(3);
    expect(ds.d).toBe(2);
    expect(ds.featureNames).toEqual(['a', 'b']);
    expect([...ds.x]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...ds.y]).toEqual([0, 1, 1]);
    expect(ds.kind).toBe('binary');
    expect(ds.classes).toBe(2);
    expect(ds.classLabels).toBeUndefined();
  });

  it('handles quoted numeric cells and a custom target column', () => {
    const ds = loadCsv(file('"x, first",price\n"1.5",10.25\n2,"11.5"\n'), 'price');
    expect(ds.featureNames).toEqual(['x, first']);
    expect([...ds.x]).toEqual([1.5, 2]);
    expect(ds.kind).toBe('regression');
    expect(ds.classes).toBe(0);
  });

  it('infers multiclass for ≤ 20 distinct integers and regression beyond', () => {
    const rows = (k: number) => 'x,target\n' + Array.from({ length: 40 }, (_, i) => `${i},${i % k}`).join('\n');
    expect(loadCsv(file(rows(3))).kind).toBe('multiclass');
    expect(loadCsv(file(rows(3))).classes).toBe(3);
    expect(loadCsv(file(rows(21))).kind).toBe('regression');
  });

  it('maps integer labels that are not 0..k-1 to indices, keeping the labels', () => {
    const ds = loadCsv(file('x,target\n1,-1\n2,1\n3,-1\n'));
    expect(ds.kind).toBe('binary');
    expect([...ds.y]).toEqual([0, 1, 0]);
    expect(ds.classLabels).toEqual(['-1', '1']);
  });

  it('maps a non-numeric target to sorted class indices', () => {
    const ds = loadCsv(file('x,species\n1,virginica\n2,setosa\n3,versicolor\n4,setosa\n'), 'species');
    expect(ds.kind).toBe('multiclass');
    expect(ds.classes).toBe(3);
    expect(ds.classLabels).toEqual(['setosa', 'versicolor', 'virginica']);
    expect([...ds.y]).toEqual([2, 0, 1, 0]);
  });

  it('lets the caller force the kind', () => {
    const p = file('x,target\n1,0\n2,1\n3,2\n');
    expect(loadCsv(p, 'target', { kind: 'regression' }).kind).toBe('regression');
    expect(loadCsv(p, 'target', { kind: 'regression' }).classes).toBe(0);
    const e = errorOf(() => loadCsv(file('x,target\n1,0.5\n2,1\n'), 'target', { kind: 'multiclass' }));
    expect(e.message).toMatch(/line 2.*"target".*0\.5/);
  });

  it('keeps a constant feature column', () => {
    const ds = loadCsv(file('c,x,target\n7,1,0\n7,2,1\n7,3,0\n'));
    expect([...ds.x]).toEqual([7, 1, 7, 2, 7, 3]);
  });

  describe('errors name the file, the line (header = 1) and the column', () => {
    it('non-numeric cell', () => {
      const p = file('a,b,target\n1,2,0\n3,abc,1\n');
      const e = errorOf(() => loadCsv(p));
      expect(e.message).toContain(p);
      expect(e.message).toContain('line 3');
      expect(e.message).toContain('"b"');
      expect(e.message).toContain('abc');
    });

    it('empty cell', () => {
      const p = file('a,b,target\n1,2,0\n3,4,1\n,5,0\n');
      const e = errorOf(() => loadCsv(p));
      expect(e.message).toContain(p);
      expect(e.message).toContain('line 4');
      expect(e.message).toContain('"a"');
      expect(e.message).toMatch(/empty/);
    });

    it('NaN cell', () => {
      const e = errorOf(() => loadCsv(file('a,target\nNaN,1\n')));
      expect(e.message).toMatch(/line 2, column "a": missing value "NaN"/);
    });

    it('empty target cell', () => {
      const e = errorOf(() => loadCsv(file('a,target\n1,\n')));
      expect(e.message).toMatch(/line 2, column "target": empty/);
    });

    it('ragged row, with both counts', () => {
      const p = file('a,b,target\n1,2,0\n1,2\n');
      const e = errorOf(() => loadCsv(p));
      expect(e.message).toContain(p);
      expect(e.message).toContain('line 3');
      expect(e.message).toContain('2 fields but the header has 3');
      expect(e.message).toContain('"target"');
      const long = errorOf(() => loadCsv(file('a,target\n1,0,9\n')));
      expect(long.message).toMatch(/line 2: the row has 3 fields but the header has 2 \(extra field after column "target"\)/);
    });

    it('missing target column lists the columns', () => {
      const p = file('a,b,label\n1,2,0\n');
      const e = errorOf(() => loadCsv(p));
      expect(e.message).toContain(p);
      expect(e.message).toContain('line 1');
      expect(e.message).toContain('"target"');
      expect(e.message).toContain('a, b, label');
    });

    it('empty file, and a header with no rows', () => {
      const p = file('');
      expect(errorOf(() => loadCsv(p)).message).toBe(`${p}: the file is empty (expected a header row and data rows)`);
      expect(errorOf(() => loadCsv(file('\n\n'))).message).toMatch(/empty/);
      expect(errorOf(() => loadCsv(file('a,target\n'))).message).toMatch(/no data rows/);
    });

    it('missing file', () => {
      const p = join(dir, 'nope.csv');
      expect(errorOf(() => loadCsv(p)).message).toBe(`cannot read CSV file ${p}: file not found`);
    });

    it('unclosed quote', () => {
      expect(errorOf(() => loadCsv(file('a,target\n"1,0\n'))).message).toMatch(/line 2: unclosed quote/);
    });
  });
});
