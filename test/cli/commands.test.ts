import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/run-cli.js';

const dir = tempDir();
const db = path.join(dir, 'cmd.db');
const studyFiles = [
  ...fs.readdirSync(path.join(ROOT, 'studies')).map((f) => `studies/${f}`),
  ...fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json')).map((f) => `examples/${f}`),
];

describe('every CLI command, end to end', () => {
  it.each(studyFiles)('plan %s prints the rung table (PBT: generations) and epoch totals without training', async (file) => {
    const res = await runCli(['plan', file]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/total: \d+ epochs/);
    const json = JSON.parse((await runCli(['plan', file, '--json'])).stdout);
    if (json.strategy === 'pbt') {
      // PBT always continues from checkpoints: no from-scratch total to set beside its cost.
      expect(res.stdout).toMatch(/generation\s+members\s+epochs\s+then replaced/);
      expect(json).not.toHaveProperty('fromScratch');
      return;
    }
    expect(res.stdout).toMatch(/bracket\s+rung\s+trials\s+budget/);
    expect(json.withWarmStarts.epochs).toBeLessThanOrEqual(json.fromScratch.epochs);
  }, 30_000);

  it('plan shows the saving of warm starts for successive halving', async () => {
    const json = JSON.parse((await runCli(['plan', 'studies/quickstart.json', '--json'])).stdout);
    expect(json.plan).toEqual([{ bracket: 0, rungs: [{ rung: 0, trials: 27, budget: 3 }, { rung: 1, trials: 9, budget: 9 }, { rung: 2, trials: 3, budget: 27 }] }]);
    expect(json.withWarmStarts.epochs).toBe(27 * 3 + 9 * 6 + 3 * 18);
    expect(json.fromScratch.epochs).toBe(27 * 3 + 9 * 9 + 3 * 27);
  }, 30_000);

  it('plan --json says warmStart only for strategies that promote (halving ones), as their file sets it', async () => {
    const warm = async (file: string): Promise<unknown> => {
      const json = JSON.parse((await runCli(['plan', file, '--json'])).stdout) as Record<string, unknown>;
      return 'warmStart' in json ? json['warmStart'] : 'absent';
    };
    expect(await warm('studies/grid-regression.json')).toBe('absent');
    expect(await warm('studies/random-iris.json')).toBe('absent');
    expect(await warm('studies/tpe-breast-cancer.json')).toBe('absent');
    expect(await warm('studies/quickstart.json')).toBe(true);
    expect(await warm('studies/mlp-digits.json')).toBe(true);
    expect(await warm('studies/async-hyperband-breast-cancer.json')).toBe(true);
    const spec = JSON.parse(fs.readFileSync(path.join(ROOT, 'studies/quickstart.json'), 'utf8'));
    const cold = path.join(dir, 'cold.json');
    fs.writeFileSync(cold, JSON.stringify({ ...spec, $schema: undefined, strategy: { ...spec.strategy, warmStart: false } }));
    expect(await warm(cold)).toBe(false);
  }, 30_000);

  it('plan and show name the epoch budget when maxEpochs cuts the plan short', async () => {
    const spec = JSON.parse(fs.readFileSync(path.join(ROOT, 'studies/quickstart.json'), 'utf8'));
    const file = path.join(dir, 'budgeted.json');
    fs.writeFileSync(file, JSON.stringify({ ...spec, $schema: undefined, maxEpochs: 100 }));
    const text = await runCli(['plan', file]);
    expect(text.stdout).toMatch(/epoch budget \(maxEpochs\): 100 of the plan's 189 epochs/);
    expect(JSON.parse((await runCli(['plan', file, '--json'])).stdout).maxEpochs).toBe(100);
    const budgetDb = path.join(dir, 'budgeted.db');
    // 100 epochs end the study inside rung 1 (27·3 + 9·6 = 135): no trial completes, so exit 1, as documented.
    const run = await runCli(['run', file, '--db', budgetDb, '--quiet']);
    expect(run.stdout).toMatch(/stopped \(epoch budget spent\)/);
    expect(run.code).toBe(1);
    const show = await runCli(['show', 'quickstart', '--db', budgetDb]);
    expect(show.stdout).toMatch(/epochs trained of a budget of 100 \(maxEpochs\)/);
    expect(JSON.parse((await runCli(['show', 'quickstart', '--db', budgetDb, '--json'])).stdout).maxEpochs).toBe(100);
    fs.writeFileSync(file, JSON.stringify({ ...spec, $schema: undefined, maxEpochs: 189 }));
    expect((await runCli(['plan', file])).stdout).not.toMatch(/epoch budget/);
  }, 30_000);

  it('asynchronous Hyperband (asha with brackets): plan names it, run fills every bracket, trials keep their bracket', async () => {
    const file = 'studies/async-hyperband-breast-cancer.json';
    const plan = await runCli(['plan', file]);
    expect(plan.stdout).toMatch(/asha with 3 brackets \(asynchronous Hyperband\)/);
    const planned = JSON.parse((await runCli(['plan', file, '--json'])).stdout) as { plan: { bracket: number; rungs: { trials: number; budget: number }[] }[] };
    expect(planned.plan.map((b) => [b.rungs[0]!.budget, b.rungs[0]!.trials])).toEqual([[1, 27], [3, 12], [9, 6]]);
    const ahDb = path.join(dir, 'async-hb.db');
    const run = await runCli(['run', file, '--db', ahDb, '--threads', '2', '--quiet']);
    expect(run.code).toBe(0);
    expect((await runCli(['show', 'async-hyperband-breast-cancer', '--db', ahDb])).stdout).toMatch(
      /^study "async-hyperband-breast-cancer": asha with 3 brackets \(asynchronous Hyperband\), minimize val_loss, seed 5$/m,
    );
    const show = JSON.parse((await runCli(['show', 'async-hyperband-breast-cancer', '--db', ahDb, '--json'])).stdout) as {
      rungs: { bracket: number; budget: number; reached: number }[];
    };
    // Each bracket's first rung is full, and each bracket trained some trial to maxBudget.
    for (const [bracket, budget, n] of [[0, 1, 27], [1, 3, 12], [2, 9, 6]]) {
      expect(show.rungs.find((r) => r.bracket === bracket && r.budget === budget)!.reached).toBe(n);
      expect(show.rungs.find((r) => r.bracket === bracket && r.budget === 27)!.reached).toBeGreaterThanOrEqual(1);
    }
    const trials = JSON.parse((await runCli(['trials', 'async-hyperband-breast-cancer', '--db', ahDb, '--json'])).stdout) as Array<{ number: number; bracket: number }>;
    expect(trials).toHaveLength(45);
    expect([0, 1, 2].map((b) => trials.filter((t) => t.bracket === b).length)).toEqual([27, 12, 6]);
  }, 60_000);

  it('run prints the plan at its start, then show fills the rung table in with who was promoted', async () => {
    const run = await runCli(['run', 'studies/quickstart.json', '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(0, 8).join('\n')).toMatch(/bracket\s+rung\s+trials\s+budget[\s\S]*total: 189 epochs with warm starts, 243 retraining from scratch/);
    const show = await runCli(['show', 'quickstart', '--db', db]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/trials: 27 \(3 complete, 24 pruned, 0 failed\); 189 epochs trained/);
    expect(show.stdout).toMatch(/best so far: [▁▂▃▄▅▆▇█]+/);
    for (const line of show.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    const json = JSON.parse((await runCli(['show', 'quickstart', '--db', db, '--json'])).stdout);
    // One run: trials were under way for (nearly all of) the time from the first start to the last end.
    expect(json.activeSeconds).toBeGreaterThan(0.9 * json.wallSeconds);
    expect(json.activeSeconds).toBeLessThanOrEqual(json.wallSeconds);
    expect(show.stdout).toMatch(/^time: \S+ in trials, \S+ with trials under way$/m);
    expect(json.rungs.map((r: { reached: number }) => r.reached)).toEqual([27, 9, 3]);
    expect(json.rungs[0].promoted).toHaveLength(9);
    expect(json.rungs[1].promoted).toHaveLength(3);
    expect(json.rungs[2].promoted).toHaveLength(0);
    // Promoted trials are the best of their rung.
    const rung0 = json.rungs[0];
    expect(rung0.promoted[0]).toEqual(rung0.best);
  }, 60_000);

  it('every listing command speaks table, json and csv, and tables fit 80 columns', async () => {
    for (const args of [['studies'], ['trials', 'quickstart'], ['best', 'quickstart', '--top', '3']]) {
      const table = await runCli([...args, '--db', db]);
      expect(table.code).toBe(0);
      for (const line of table.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
      const json = await runCli([...args, '--db', db, '--format', 'json']);
      expect(Array.isArray(JSON.parse(json.stdout))).toBe(true);
      const csv = await runCli([...args, '--db', db, '--format', 'csv']);
      const lines = csv.stdout.trim().split('\n');
      expect(lines.length).toBe(JSON.parse(json.stdout).length + 1);
    }
    const failedOnly = JSON.parse((await runCli(['trials', 'quickstart', '--db', db, '--json', '--state', 'complete', '--sort', 'value', '--limit', '2'])).stdout);
    expect(failedOnly).toHaveLength(2);
    expect(failedOnly.every((t: { state: string }) => t.state === 'complete')).toBe(true);
    expect(failedOnly[0].value).toBeLessThanOrEqual(failedOnly[1].value);
  }, 60_000);

  it('export writes one row per trial with params flattened, as csv, json and jsonl', async () => {
    const csvFile = path.join(dir, 'q.csv');
    const res = await runCli(['export', 'quickstart', '--db', db, '--format', 'csv', '--out', csvFile]);
    expect(res.code).toBe(0);
    const lines = fs.readFileSync(csvFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(28);
    expect(lines[0]!.split(',')).toEqual(expect.arrayContaining(['number', 'state', 'value', 'param_lr', 'param_batchSize', 'metric_val_accuracy', 'duration_ms', 'started_at']));
    const json = JSON.parse((await runCli(['export', 'quickstart', '--db', db, '--format', 'json'])).stdout);
    expect(json).toHaveLength(27);
    const jsonl = (await runCli(['export', 'quickstart', '--db', db, '--format', 'jsonl'])).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(jsonl).toEqual(json);
  }, 30_000);

  it('report writes a self-contained HTML file', async () => {
    const out = path.join(dir, 'report.html');
    const res = await runCli(['report', 'quickstart', '--db', db, '--out', out]);
    expect(res.code).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toMatch(/<html/);
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(html).toContain('quickstart');
  }, 30_000);

  it('delete asks for confirmation: refused without --yes when not on a terminal, done with --yes', async () => {
    await runCli(['run', 'studies/grid-regression.json', '--db', db, '--quiet']);
    const refused = await runCli(['delete', 'grid-regression', '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/pass --yes/);
    expect(JSON.parse((await runCli(['studies', '--db', db, '--json'])).stdout).map((s: { name: string }) => s.name)).toContain('grid-regression');
    const done = await runCli(['delete', 'grid-regression', '--db', db, '--yes']);
    expect(done.code).toBe(0);
    expect(JSON.parse((await runCli(['studies', '--db', db, '--json'])).stdout).map((s: { name: string }) => s.name)).toEqual(['quickstart']);
  }, 60_000);

  it('--resume with a changed space or task is refused, naming the difference, and nothing is written', async () => {
    const changed = JSON.parse(fs.readFileSync(path.join(ROOT, 'studies/quickstart.json'), 'utf8'));
    changed.space.lr.high = 0.5;
    changed.task.validation = 0.3;
    const file = path.join(dir, 'quickstart-changed.json');
    fs.writeFileSync(file, JSON.stringify(changed));
    const before = JSON.parse((await runCli(['trials', 'quickstart', '--db', db, '--json'])).stdout);
    const res = await runCli(['run', file, '--db', db, '--resume']);
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toBe(
      `rungs: ${file}: study "quickstart" cannot be resumed with a different definition: task.validation changed from 0.25 to 0.3; space.lr.high changed from 1 to 0.5`,
    );
    expect(JSON.parse((await runCli(['trials', 'quickstart', '--db', db, '--json'])).stdout)).toEqual(before);
  }, 30_000);

  it('--resume with options spelled out at their defaults is the same study: accepted, nothing retrained', async () => {
    const spelled = JSON.parse(fs.readFileSync(path.join(ROOT, 'studies/quickstart.json'), 'utf8'));
    // A halving strategy trains to maxBudget, which task.epochs may repeat; the rest are the defaults themselves.
    spelled.task = { ...spelled.task, epochs: 27, model: { type: 'logistic' }, optimizer: { optimizer: 'adam', epsilon: 1e-8, weightDecay: 0 } };
    spelled.space.beta1.log = false;
    spelled.strategy.warmStart = true;
    const file = path.join(dir, 'quickstart-spelled.json');
    fs.writeFileSync(file, JSON.stringify(spelled));
    const before = JSON.parse((await runCli(['trials', 'quickstart', '--db', db, '--json'])).stdout);
    const res = await runCli(['run', file, '--db', db, '--resume', '--json']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n').filter((l) => l.includes('"type":"start"'))).toEqual([]);
    expect(JSON.parse((await runCli(['trials', 'quickstart', '--db', db, '--json'])).stdout)).toEqual(before);
  }, 30_000);

  it('RUNGS_DB names the database when --db is not given', async () => {
    const studies = await runCli(['studies', '--json'], { env: { RUNGS_DB: db } });
    expect(studies.code).toBe(0);
    expect(JSON.parse(studies.stdout).map((s: { name: string }) => s.name)).toContain('quickstart');
    const other = await runCli(['studies', '--json', '--db', path.join(dir, 'none.db')], { env: { RUNGS_DB: db } });
    expect(other.code).toBe(3);
  }, 30_000);

  it('--help for every command shows an example', async () => {
    for (const cmd of ['run', 'plan', 'studies', 'trials', 'best', 'show', 'export', 'delete', 'importance', 'curves', 'report']) {
      const res = await runCli([cmd, '--help']);
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/Examples:/);
    }
  }, 60_000);
});

describe('exit codes', () => {
  it('0 on success, 1 when the study finished with no completed trial, 2 for usage errors, 3 for storage errors', async () => {
    const allFail = path.join(dir, 'all-fail.json');
    fs.writeFileSync(
      allFail,
      JSON.stringify({
        name: 'all-fail',
        task: { dataset: { synthetic: 'regression', samples: 100, features: 3 }, model: 'linear', optimizer: { optimizer: 'sgd', batchSize: 0 }, epochs: 80 },
        space: { lr: { type: 'float', low: 1e5, high: 1e7, log: true, points: 2 } },
        strategy: { type: 'grid' },
      }),
    );
    const failed = await runCli(['run', allFail, '--db', db, '--quiet']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/0 complete, 0 pruned, 2 failed/);

    expect((await runCli(['best', '--db', db])).code).toBe(2);
    expect((await runCli(['run', 'studies/quickstart.json', '--threads', '0', '--db', db])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);

    const notDb = path.join(dir, 'not-a-db.db');
    fs.writeFileSync(notDb, 'this is not a database\n'.repeat(100));
    const res = await runCli(['studies', '--db', notDb]);
    expect(res.code).toBe(3);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain(notDb);
    expect(fs.readFileSync(notDb, 'utf8')).toBe('this is not a database\n'.repeat(100));
    expect((await runCli(['studies', '--db', path.join(dir, 'missing.db')])).code).toBe(3);
  }, 60_000);

  it('refuses a study whose objective module or CSV file does not exist, before anything runs', async () => {
    const missingObjective = path.join(dir, 'missing-objective.json');
    fs.writeFileSync(missingObjective, JSON.stringify({ name: 'mo', objective: './nope.mjs', space: { x: { type: 'int', low: 0, high: 3 } }, strategy: { type: 'grid' } }));
    const a = await runCli(['run', missingObjective, '--db', db]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('missing-objective.json: objective: no such file "./nope.mjs"');
    const missingCsv = path.join(dir, 'missing-csv.json');
    fs.writeFileSync(missingCsv, JSON.stringify({ name: 'mc', task: { dataset: { csv: 'nope.csv' }, model: 'linear' }, space: { lr: { type: 'float', low: 0.01, high: 0.1 } }, strategy: { type: 'random', trials: 2 } }));
    const b = await runCli(['run', missingCsv, '--db', db]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('missing-csv.json: task.dataset.csv: no such file "nope.csv"');
  }, 30_000);

  it('lists every problem of a study file at once, each with the file and the exact path', async () => {
    const bad = path.join(dir, 'many-errors.json');
    fs.writeFileSync(
      bad,
      JSON.stringify({
        name: 'bad name!',
        task: { dataset: 'breast-cancer', model: 'logistic' },
        space: { lr: { type: 'float', low: 0, high: 1, log: true }, bs: { type: 'int', low: 8, high: 4 } },
        strategy: { type: 'random', trials: 0 },
      }),
    );
    const res = await runCli(['run', bad, '--db', db]);
    expect(res.code).toBe(2);
    const lines = res.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const l of lines) expect(l).toContain('many-errors.json: ');
    expect(res.stderr).toContain('space.lr.low must be > 0 when log is true (got 0)');
    expect(res.stderr).toMatch(/space\.bs\.high/);
    expect(res.stderr).toMatch(/name must be/);
    expect(res.stderr).toMatch(/space\.bs is not a hyperparameter of the built-in task/);
  }, 30_000);
});
