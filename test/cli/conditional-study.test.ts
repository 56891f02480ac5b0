import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/run-cli.js';
import { trialsOf } from '../helpers/trials-of.js';

const STUDY = 'studies/conditional-optimizers.json';

/** What each optimizer's trials must have beside optimizer, lr and batchSize. */
const OWN: Record<string, string[]> = {
  sgd: [],
  momentum: ['momentum'],
  nesterov: ['momentum'],
  rmsprop: ['rho'],
  adam: ['beta1', 'beta2'],
  adamw: ['beta1', 'beta2', 'weightDecay'],
};

describe('a conditional space through the built CLI', () => {
  it('runs TPE with only the params each optimizer uses, stored as such, the same on 1 and 2 threads', async () => {
    const db = path.join(tempDir(), 'cond.db');
    for (const [name, threads] of [['one', '1'], ['two', '2']]) {
      const res = await runCli(['run', STUDY, '--db', db, '--name', name!, '--threads', threads!, '--quiet']);
      expect(res.code, res.stderr).toBe(0);
    }
    const one = await trialsOf('one', db);
    expect(one).toHaveLength(40);
    expect(await trialsOf('two', db)).toEqual(one);
    const optimizers = new Set<string>();
    for (const t of one) {
      const opt = t.params['optimizer'] as string;
      optimizers.add(opt);
      expect(Object.keys(t.params).sort(), `trial ${t.number}`).toEqual(['batchSize', 'lr', 'optimizer', ...OWN[opt]!].sort());
      expect(t.state).toBe('complete');
    }
    expect(optimizers.size).toBeGreaterThanOrEqual(4);

    // In SQL: a param row only where the trial has the param; ranked_trials has NULL elsewhere.
    const sql = new Database(db, { readonly: true });
    try {
      const rows = sql
        .prepare(
          `SELECT t.number, p.name FROM trial_params p JOIN trials t ON t.id = p.trial_id JOIN studies s ON s.id = t.study_id WHERE s.name = 'one' ORDER BY t.number, p.name`,
        )
        .all() as { number: number; name: string }[];
      expect(rows).toHaveLength(one.reduce((n, t) => n + Object.keys(t.params).length, 0));
      const nulls = sql.prepare(`SELECT count(*) AS n FROM ranked_trials WHERE study = 'one' AND momentum IS NULL`).get() as { n: number };
      expect(nulls.n).toBe(one.filter((t) => t.params['momentum'] === undefined).length);
    } finally {
      sql.close();
    }

    // export keeps the param columns together, the conditional ones empty where absent.
    const csv = await runCli(['export', 'one', '--db', db, '--format', 'csv']);
    expect(csv.code).toBe(0);
    const [header, ...lines] = csv.stdout.trim().split('\n');
    const cols = header!.split(',');
    const params = cols.filter((c) => c.startsWith('param_'));
    expect(params).toEqual(['param_batchSize', 'param_beta1', 'param_beta2', 'param_lr', 'param_momentum', 'param_optimizer', 'param_rho', 'param_weightDecay']);
    const first = cols.indexOf(params[0]!);
    expect(cols.slice(first, first + params.length)).toEqual(params);
    const sgd = one.find((t) => t.params['optimizer'] === 'sgd');
    if (sgd) {
      const cells = lines.find((l) => l.startsWith(`${sgd.number},`))!.split(',');
      expect(cells[cols.indexOf('param_momentum')]).toBe('');
    }
  }, 120_000);

  it('grids only the distinct configurations and says how many in the plan', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'grid.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        name: 'cond-grid',
        seed: 1,
        task: { dataset: 'iris', model: 'softmax', epochs: 2 },
        space: {
          optimizer: { type: 'categorical', choices: ['sgd', 'momentum', 'adam'] },
          lr: { type: 'float', low: 0.01, high: 0.1, values: [0.01, 0.1] },
          momentum: { type: 'float', low: 0.5, high: 0.9, values: [0.5, 0.9], when: { optimizer: 'momentum' } },
          beta1: { type: 'float', low: 0.8, high: 0.9, values: [0.8, 0.9], when: { optimizer: 'adam' } },
        },
        strategy: { type: 'grid' },
      }),
    );
    const plan = await runCli(['plan', file]);
    expect(plan.code, plan.stderr).toBe(0);
    // 2 lr × (sgd + 2 momentum + 2 beta1), not 2 × 3 × 2 × 2 = 24.
    expect(plan.stdout).toContain('total: 20 epochs');
    const db = path.join(dir, 'grid.db');
    const run = await runCli(['run', file, '--db', db, '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    const trials = await trialsOf('cond-grid', db);
    expect(trials).toHaveLength(10);
    expect(new Set(trials.map((t) => JSON.stringify(t.params))).size).toBe(10);
  }, 60_000);

  it('refuses a bad condition with the file, the field and what is allowed, and stores nothing', async () => {
    const dir = tempDir();
    const base = JSON.parse(fs.readFileSync(STUDY, 'utf8'));
    const db = path.join(dir, 'bad.db');
    const ok = await runCli(['run', STUDY, '--db', db, '--max-trials', '2', '--quiet']);
    expect(ok.code, ok.stderr).toBe(0);
    // Two trials cannot have taken every branch, and the export still has a column for every param of the space.
    const header = (await runCli(['export', 'conditional-optimizers', '--db', db])).stdout.split('\n')[0]!;
    expect(header.split(',').filter((c) => c.startsWith('param_'))).toHaveLength(8);
    const file = path.join(dir, 'bad.json');
    base.space.rho.when = { optimizer: 'rmsprob' };
    base.space.beta1.when = { optimiser: ['adam'] };
    fs.writeFileSync(file, JSON.stringify(base));
    const res = await runCli(['run', file, '--db', db, '--overwrite']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`${file}: space.rho.when.optimizer: "rmsprob" is not a choice of optimizer (choices: "sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw")`);
    expect(res.stderr).toContain('space.beta1.when.optimiser: no such param in the space (did you mean "optimizer"?');
    expect(res.stderr).not.toMatch(/\n\s+at /);
    // --overwrite did not delete the study that was there.
    expect(await trialsOf('conditional-optimizers', db)).toHaveLength(2);
  }, 60_000);

  it('notes, in plan and run, a searched param that some trials\' optimizer never reads', async () => {
    const dir = tempDir();
    const flat = JSON.parse(fs.readFileSync(STUDY, 'utf8'));
    for (const spec of Object.values(flat.space) as { when?: unknown }[]) delete spec.when;
    flat.name = 'flat';
    const file = path.join(dir, 'flat.json');
    fs.writeFileSync(file, JSON.stringify(flat));
    const expected = 'note: space.momentum has no effect when optimizer is sgd, rmsprop, adam, adamw: add "when": { "optimizer": ["momentum", "nesterov"] }';
    const plan = await runCli(['plan', file]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(expected);
    expect(plan.stdout.split('\n').filter((l) => l.startsWith('note: '))).toHaveLength(4); // momentum, rho, beta1, beta2
    const json = await runCli(['plan', file, '--json']);
    expect(JSON.parse(json.stdout).notes).toHaveLength(4);
    const run = await runCli(['run', file, '--db', path.join(dir, 'flat.db'), '--max-trials', '1']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(expected);
    // The study as shipped, with its conditions, has nothing to note.
    expect((await runCli(['plan', STUDY])).stdout).not.toContain('note:');
  }, 60_000);
});
