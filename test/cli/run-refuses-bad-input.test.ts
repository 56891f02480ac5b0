import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/run-cli.js';

/** quickstart.json, a little smaller, with `change` applied, written to `dir`. */
function studyFile(dir: string, file: string, change: (s: Record<string, any>) => void): string {
  const s = JSON.parse(fs.readFileSync(path.join(ROOT, 'studies/quickstart.json'), 'utf8'));
  delete s.$schema;
  s.strategy = { type: 'random', trials: 4 };
  s.task.epochs = 2;
  change(s);
  const p = path.join(dir, file);
  fs.writeFileSync(p, JSON.stringify(s));
  return p;
}

async function trialCount(db: string): Promise<number> {
  const res = await runCli(['studies', '--db', db, '--json']);
  expect(res.code).toBe(0);
  return (JSON.parse(res.stdout) as Array<{ name: string; trials: number }>).find((s) => s.name === 'quickstart')!.trials;
}

describe('rungs run refuses what would make every trial fail, before anything is stored', () => {
  it('keeps the stored study when an --overwrite file has a space, data or objective that cannot train', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'r.db');
    const good = await runCli(['run', studyFile(dir, 'good.json', () => {}), '--db', db, '--quiet']);
    expect(good.code).toBe(0);
    expect(await trialCount(db)).toBe(4);

    fs.writeFileSync(path.join(dir, 'noy.csv'), 'a,b\n1,2\n3,4\n5,6\n');
    fs.writeFileSync(path.join(dir, 'syntax.mjs'), 'export default (p) => {\n  return p.lr +;\n};\n');
    const cases: Array<[string, (s: Record<string, any>) => void, RegExp]> = [
      ['negative-lr.json', (s) => (s.space.lr = { type: 'float', low: -1, high: 1 }), /space\.lr\.low: lr must be a finite number > 0 \(got -1\)/],
      ['optimizer.json', (s) => (s.space.optimizer = { type: 'categorical', choices: ['adam', 'lion'] }), /space\.optimizer\.choices\[1\]: optimizer must be one of .* \(got "lion"\)/],
      ['no-target.json', (s) => (s.task = { dataset: { csv: 'noy.csv' }, model: 'linear', epochs: 2 }), /no-target\.json: task\.dataset: .*noy\.csv, line 1: .*"target"/],
      ['logistic-iris.json', (s) => (s.task = { dataset: 'iris', model: 'logistic', epochs: 2 }), /logistic-iris\.json: task\.model: model "logistic" needs a binary target but the dataset has 3 classes/],
      [
        'syntax.json',
        (s) => {
          delete s.task;
          s.metric = 'value';
          s.objective = './syntax.mjs';
        },
        /syntax\.json: objective: .*syntax\.mjs: cannot load the objective module: Unexpected token ';' \(line 2\)/,
      ],
    ];
    for (const [file, change, message] of cases) {
      const res = await runCli(['run', studyFile(dir, file, change), '--db', db, '--overwrite']);
      expect(res.code, file).toBe(2);
      expect(res.stderr, file).toMatch(message);
      expect(res.stderr, file).not.toMatch(/\n\s+at /);
      expect(await trialCount(db), file).toBe(4);
      // `plan` refuses what `run` refuses, with the same words; a new --db is not even made.
      const plan = await runCli(['plan', path.join(dir, file)]);
      expect(plan.code, file).toBe(2);
      expect(plan.stderr, file).toMatch(message);
      const fresh = path.join(dir, `fresh-${file}.db`);
      expect((await runCli(['run', path.join(dir, file), '--db', fresh])).code, file).toBe(2);
      expect(fs.existsSync(fresh), file).toBe(false);
    }
  }, 90_000);
});
