import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/run-cli.js';
import { trialsOf } from '../helpers/trials-of.js';

/**
 * A categorical with a null choice (as scikit-learn's max_depth=None, or Optuna's
 * suggest_categorical("max_depth", [None, 4, 8])), and a param only where it is null,
 * through the built CLI: the objective gets null, the store keeps null (not "absent"),
 * and every reader shows it as null.
 */
const OBJECTIVE = `export default function ({ maxDepth, leaves, lr }) {
  if (maxDepth !== null && typeof maxDepth !== 'number') throw new Error('maxDepth is ' + typeof maxDepth);
  if ((maxDepth === null) !== (leaves !== undefined)) throw new Error('leaves where maxDepth is ' + maxDepth);
  const depthCost = maxDepth === null ? 0.05 * Math.abs(leaves - 24) : 1 / maxDepth;
  return depthCost + (Math.log10(lr) + 2) ** 2;
}
`;

function writeStudy(dir: string, strategy: object): string {
  fs.writeFileSync(path.join(dir, 'trees.mjs'), OBJECTIVE);
  const file = path.join(dir, `trees-${(strategy as { type: string }).type}.json`);
  const study = {
    name: 'trees',
    seed: 5,
    objective: './trees.mjs',
    space: {
      maxDepth: { type: 'categorical', choices: [null, 2, 8] },
      leaves: { type: 'int', low: 8, high: 64, when: { maxDepth: null } },
      lr: { type: 'float', low: 0.0001, high: 1, log: true },
    },
    strategy,
  };
  fs.writeFileSync(file, JSON.stringify(study));
  return file;
}

describe('a null choice through the built CLI', () => {
  it('reaches the objective, is stored as null, and reads back as null in trials, best, export and SQL; TPE gives the same trials on 1 and 2 threads', async () => {
    const dir = tempDir();
    const file = writeStudy(dir, { type: 'tpe', trials: 30, startupTrials: 8 });
    const db = path.join(dir, 'trees.db');
    for (const [name, threads] of [['one', '1'], ['two', '2']]) {
      const res = await runCli(['run', file, '--db', db, '--name', name!, '--threads', threads!, '--quiet']);
      expect(res.code, res.stderr).toBe(0);
    }
    const one = await trialsOf('one', db);
    expect(one).toHaveLength(30);
    expect(one.every((t) => t.state === 'complete')).toBe(true);
    expect(await trialsOf('two', db)).toEqual(one);
    const nullTrials = one.filter((t) => t.params['maxDepth'] === null);
    expect(nullTrials.length).toBeGreaterThan(0);
    expect(one.length - nullTrials.length).toBeGreaterThan(0);
    for (const t of one) expect('leaves' in t.params, `trial ${t.number}`).toBe(t.params['maxDepth'] === null);

    const best = await runCli(['best', 'one', '--db', db, '--json', '--top', '30']);
    expect(best.code, best.stderr).toBe(0);
    const ranked = JSON.parse(best.stdout) as Array<{ params: Record<string, unknown> }>;
    expect(ranked.filter((t) => t.params['maxDepth'] === null)).toHaveLength(nullTrials.length);

    // The table writes the value, so a null choice is not taken for a param the trial lacks.
    const table = await runCli(['trials', 'one', '--db', db]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/\bnull\b/);

    const csv = await runCli(['export', 'one', '--db', db, '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toContain('param_maxDepth');

    const sql = new Database(db, { readonly: true });
    try {
      const kinds = sql
        .prepare(
          `SELECT p.kind, count(*) AS n FROM trial_params p JOIN trials t ON t.id = p.trial_id JOIN studies s ON s.id = t.study_id
           WHERE s.name = 'one' AND p.name = 'maxDepth' GROUP BY p.kind ORDER BY p.kind`,
        )
        .all();
      expect(kinds).toEqual([
        { kind: 'int', n: one.length - nullTrials.length },
        { kind: 'null', n: nullTrials.length },
      ]);
    } finally {
      sql.close();
    }
  });

  it('runs every cell of a grid with a null choice once, the conditional param only under null', async () => {
    const dir = tempDir();
    const file = writeStudy(dir, { type: 'grid' });
    const study = JSON.parse(fs.readFileSync(file, 'utf8'));
    study.space.leaves = { type: 'int', low: 8, high: 40, step: 16, when: { maxDepth: null } };
    study.space.lr = { type: 'float', low: 0.001, high: 0.1, log: true, points: 2 };
    fs.writeFileSync(file, JSON.stringify(study));
    const db = path.join(dir, 'grid.db');
    const res = await runCli(['run', file, '--db', db, '--quiet']);
    expect(res.code, res.stderr).toBe(0);
    const trials = await trialsOf('trees', db);
    // (3 leaves under null + 2 depths) × 2 learning rates.
    expect(trials).toHaveLength((3 + 2) * 2);
    expect(new Set(trials.map((t) => JSON.stringify([t.params['maxDepth'], t.params['leaves'] ?? 'none', t.params['lr']]))).size).toBe(10);
    expect(trials.filter((t) => t.params['maxDepth'] === null)).toHaveLength(6);
  });

  it('refuses a null where the space has no null choice, naming the file and field', async () => {
    const dir = tempDir();
    const file = writeStudy(dir, { type: 'random', trials: 3 });
    const study = JSON.parse(fs.readFileSync(file, 'utf8'));
    study.enqueue = [{ maxDepth: 2, lr: null }];
    fs.writeFileSync(file, JSON.stringify(study));
    const res = await runCli(['run', file, '--db', path.join(dir, 'x.db')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(path.basename(file));
    expect(res.stderr).toMatch(/enqueue\[0\]\.lr .*\(got null\)/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});
