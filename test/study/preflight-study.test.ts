import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/index.js';
import { normalizeStudy } from '../../src/study/normalize-study.js';
import { preflightStudy } from '../../src/study/preflight-study.js';
import type { StudySpec } from '../../src/study/study-spec.js';
import { tempDir } from '../helpers/run-cli.js';

const base: StudySpec = {
  name: 'pf',
  task: { dataset: 'iris', model: 'softmax', epochs: 2 },
  space: { lr: { type: 'float', low: 1e-3, high: 1, log: true } },
  strategy: { type: 'random', trials: 2 },
};

async function problems(spec: StudySpec, dir = '.'): Promise<readonly string[]> {
  try {
    await preflightStudy(normalizeStudy(spec, dir));
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues;
  }
}

describe('preflightStudy', () => {
  it('passes a study whose data loads and suits its model', async () => {
    expect(await problems(base)).toEqual([]);
    expect(await problems({ ...base, task: { dataset: { synthetic: 'moons', samples: 50 }, model: 'logistic', folds: 5 } })).toEqual([]);
  });

  it('names the study and the field when the data does not load, does not split, or does not suit the model', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'noy.csv'), 'a,b\n1,2\n3,4\n');
    fs.writeFileSync(path.join(dir, 'text.csv'), 'a,target\n1,0\nx,1\n');
    expect(await problems({ ...base, task: { dataset: { csv: 'noy.csv' }, model: 'linear' } }, dir)).toEqual([
      expect.stringMatching(/^study "pf": task\.dataset: .*noy\.csv, line 1: .*"target"/),
    ]);
    expect((await problems({ ...base, task: { dataset: { csv: 'text.csv' }, model: 'logistic' } }, dir))[0]).toMatch(/^study "pf": task\.dataset: .*text\.csv, line 3/);
    expect(await problems({ ...base, task: { dataset: 'iris', model: 'logistic' } })).toEqual([
      'study "pf": task.model: model "logistic" needs a binary target but the dataset has 3 classes: use "softmax"',
    ]);
    expect(await problems({ ...base, task: { dataset: { synthetic: 'moons', samples: 3 }, model: 'logistic', folds: 5 } })).toEqual([
      'study "pf": task.folds: cannot make 5 folds of 3 rows',
    ]);
    // Too large a test fraction is task.test's fault, and the split it leaves nothing for is not said twice.
    expect(await problems({ ...base, task: { dataset: 'iris', model: 'softmax', test: 0.99 } })).toEqual([
      'study "pf": task.test: a test fraction of 0.99 leaves 1 of 150 rows to train and validate on (at least 2)',
    ]);
    expect(await problems({ ...base, task: { dataset: 'iris', model: 'softmax', test: 0.5, folds: 100 } })).toEqual([
      'study "pf": task.folds: cannot make 100 folds of 75 rows (the rows left after 75 test rows)',
    ]);
  });

  it('loads an objective module here first, naming the file and what is wrong with it', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'ok.mjs'), 'export default (p) => p.lr;\n');
    fs.writeFileSync(path.join(dir, 'syntax.mjs'), 'export default (p) => {\n  return p.lr +;\n};\n');
    fs.writeFileSync(path.join(dir, 'nodefault.mjs'), 'export const x = 1;\n');
    const { task: _t, ...noTask } = base;
    expect(await problems({ ...noTask, objective: 'ok.mjs' }, dir)).toEqual([]);
    // Under vitest, import() goes through Vite, whose parse error differs from Node's; the CLI test sees Node's (with its line).
    expect(await problems({ ...noTask, objective: 'syntax.mjs' }, dir)).toEqual([
      expect.stringMatching(/^study "pf": objective: .*syntax\.mjs: cannot load the objective module: .*Unexpected token/),
    ]);
    expect(await problems({ ...noTask, objective: 'nodefault.mjs' }, dir)).toEqual([
      `study "pf": objective: ${path.join(dir, 'nodefault.mjs')}: the objective module must export a function as default (got undefined)`,
    ]);
  });
});
