import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, ValidationError } from '../../src/errors.js';
import { loadStudyFile } from '../../src/study/load-study-file.js';
import { ROOT, tempDir } from '../helpers/run-cli.js';

const quickstart = fs.readFileSync(path.join(ROOT, 'studies/quickstart.json'), 'utf8');

function write(name: string, text: string): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, text);
  return file;
}

describe('loadStudyFile', () => {
  it('reads a study file, and the directory its relative paths start from', () => {
    const file = write('q.json', quickstart);
    const loaded = loadStudyFile(file);
    expect(loaded.spec.name).toBe('quickstart');
    expect(loaded.baseDir).toBe(path.dirname(file));
  });

  it('takes a file that starts with a byte-order mark, as editors on Windows write it', () => {
    const file = write('bom.json', `\ufeff${quickstart}`);
    expect(loadStudyFile(file).spec).toEqual(JSON.parse(quickstart));
  });

  it('names the file, the line and the column of bad JSON', () => {
    // A trailing comma, the commonest slip in a hand-written file.
    const file = write('bad.json', '{\n  "name": "x",\n  "seed": 1,\n}');
    expect(() => loadStudyFile(file)).toThrow(ValidationError);
    expect(() => loadStudyFile(file)).toThrow(`${file}: not valid JSON: Expected double-quoted property name at line 4, column 1`);
  });

  it('says a missing file is missing, and a missing objective module where it looked', () => {
    expect(() => loadStudyFile(path.join(tempDir(), 'none.json'))).toThrow(UsageError);
    expect(() => loadStudyFile(path.join(tempDir(), 'none.json'))).toThrow(/none\.json: no such study file/);
    const file = write('o.json', JSON.stringify({ name: 'o', objective: './gone.mjs', space: { x: { type: 'float', low: 0, high: 1 } }, strategy: { type: 'random', trials: 2 } }));
    expect(() => loadStudyFile(file)).toThrow(/o\.json: objective: no such file "\.\/gone\.mjs" \(looked for .*gone\.mjs\)/);
  });
});
