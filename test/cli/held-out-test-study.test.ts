import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/run-cli.js';

/** studies/held-out-test.json: successive halving on breast-cancer with 20% of the rows held out as a test set. */
const STUDY = 'studies/held-out-test.json';

/** STUDY with `change` applied, written as `file` in a new temp dir: its path and a db path beside it. */
function variant(file: string, change: (s: Record<string, any>) => void): { dir: string; file: string; db: string } {
  const dir = tempDir();
  const s = JSON.parse(fs.readFileSync(path.join(ROOT, STUDY), 'utf8'));
  delete s.$schema;
  change(s);
  fs.writeFileSync(path.join(dir, file), JSON.stringify(s));
  return { dir, file: path.join(dir, file), db: path.join(dir, 'r.db') };
}

describe('a study with a held-out test set (task.test), end to end with the built CLI', () => {
  it('ranks on the validation rows and shows every model\'s test score beside it: run, best, export', async () => {
    const db = path.join(tempDir(), 't.db');
    const plan = await runCli(['plan', STUDY]);
    expect(plan.stdout.split('\n')[1]).toBe('data: 569 rows: 341 train, 114 validation, 114 test (held out, task.test)');
    expect(JSON.parse((await runCli(['plan', STUDY, '--json'])).stdout).data).toEqual({ rows: 569, train: 341, validation: 114, test: 114 });
    const run = await runCli(['run', STUDY, '--db', db]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n').slice(0, 2)).toEqual(['study "held-out-test" on 2 threads', 'data: 569 rows: 341 train, 114 validation, 114 test (held out, task.test)']);
    const bestLine = run.stdout.split('\n').find((l) => l.startsWith('best: trial'))!;
    expect(bestLine).toMatch(/^best: trial \d+ {2}val_loss \S+ {2}test_loss \S+ {2}test_accuracy \S+ {2}budget 27$/);

    const best = JSON.parse((await runCli(['best', 'held-out-test', '--db', db, '--json', '--top', '27'])).stdout) as Array<{ number: number; value: number; budget: number; metrics: Record<string, number> }>;
    expect(best.length).toBeGreaterThan(1);
    for (const t of best) {
      expect(t.value).toBe(t.metrics.val_loss);
      expect(Number.isFinite(t.metrics.test_loss)).toBe(true);
      // breast-cancer has 569 rows: 114 test rows, so the accuracy is a multiple of 1/114.
      expect(Math.abs(t.metrics.test_accuracy! * 114 - Math.round(t.metrics.test_accuracy! * 114))).toBeLessThan(1e-9);
    }
    // The ranking is by budget, then val_loss, whatever the test rows say.
    const order = best.map((t) => [t.budget, t.value] as const);
    expect(order).toEqual([...order].sort((a, b) => b[0] - a[0] || a[1] - b[1]));
    expect(best.some((t, i) => i > 0 && t.budget === best[i - 1]!.budget && t.metrics.test_loss! < best[i - 1]!.metrics.test_loss!)).toBe(true);
    expect(bestLine).toContain(`best: trial ${best[0]!.number} `);

    // The table ranks by the validation rows only; the best's test scores follow it on a line of their own (no column to choose by).
    const table = (await runCli(['best', 'held-out-test', '--db', db])).stdout.trimEnd().split('\n');
    expect(table[0]).toMatch(/^rank\s+#\s+state\s+val_loss\s+budget/);
    expect(table.join('\n')).not.toMatch(/test_loss\s+budget/);
    expect(table.at(-1)).toMatch(new RegExp(`^held-out test rows \\(task\\.test\\), trial ${best[0]!.number}: test_loss \\S+  test_accuracy \\S+$`));

    const csv = (await runCli(['export', 'held-out-test', '--db', db, '--format', 'csv'])).stdout;
    const header = csv.split('\n')[0]!.split(',');
    expect(header).toEqual(expect.arrayContaining(['metric_test_loss', 'metric_test_accuracy', 'metric_val_loss']));

    const show = (await runCli(['show', 'held-out-test', '--db', db])).stdout;
    expect(show).toContain(bestLine);
  }, 60_000);

  it('refuses a test_* metric with the file, the field and the metric to rank on instead, and keeps what is stored', async () => {
    const ok = variant('ok.json', (s) => {
      s.strategy = { type: 'random', trials: 2 };
      s.task.epochs = 2;
    });
    const db = ok.db;
    expect((await runCli(['run', ok.file, '--db', db, '--quiet'])).code).toBe(0);
    const bad = JSON.parse(fs.readFileSync(ok.file, 'utf8'));
    fs.writeFileSync(path.join(ok.dir, 'bad.json'), JSON.stringify({ ...bad, metric: 'test_loss' }));
    const res = await runCli(['run', path.join(ok.dir, 'bad.json'), '--db', db, '--overwrite']);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('bad.json');
    expect(res.stderr).toContain('metric "test_loss" is scored on the held-out test rows (task.test)');
    expect(res.stderr).toContain('rank on "val_loss"');
    expect(res.stderr).not.toMatch(/\n\s+at /);
    const trials = JSON.parse((await runCli(['trials', 'held-out-test', '--db', db, '--json'])).stdout) as unknown[];
    expect(trials).toHaveLength(2);
  }, 60_000);

  it('with repeats, the best configuration\'s test scores are the mean over its seeds, on the best: line and under best\'s ranking', async () => {
    const { file, db } = variant('rep.json', (s) => {
      Object.assign(s, { name: 'held-out-repeats', repeats: 3, strategy: { type: 'random', trials: 4 } });
      s.task.epochs = 3;
    });
    const run = await runCli(['run', file, '--db', db]);
    expect(run.code, run.stderr).toBe(0);
    const line = run.stdout.split('\n').find((l) => l.startsWith('best: configuration'))!;
    const m = /^best: configuration of trials (\d+), (\d+), (\d+) {2}val_loss mean \S+ over 3 seeds {2}test_loss mean (\S+) {2}test_accuracy mean \S+ {2}budget 3$/.exec(line);
    expect(m, line).not.toBeNull();
    const trials = JSON.parse((await runCli(['trials', 'held-out-repeats', '--db', db, '--json'])).stdout) as Array<{ number: number; metrics: Record<string, number> }>;
    const mean = [m![1], m![2], m![3]].map((n) => trials.find((t) => t.number === Number(n))!.metrics.test_loss!).reduce((a, b) => a + b, 0) / 3;
    expect(Number(m![4])).toBeCloseTo(mean, 3);
    const show = (await runCli(['show', 'held-out-repeats', '--db', db])).stdout;
    expect(show).toContain(line);
    const best = (await runCli(['best', 'held-out-repeats', '--db', db])).stdout.trimEnd().split('\n');
    expect(best.at(-1)).toMatch(/^held-out test rows \(task\.test\), configuration of trials \d+, \d+, \d+ \(mean\): test_loss \S+  test_accuracy \S+$/);
  }, 60_000);

  it('resumes when the file spells out testSeed 0, the default, and refuses another testSeed (other test rows)', async () => {
    const first = variant('s.json', (s) => (s.name = 'held-out-seed'));
    const run = await runCli(['run', first.file, '--db', first.db, '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    const same = variant('s0.json', (s) => Object.assign(s, { name: 'held-out-seed', task: { ...s.task, testSeed: 0 } }));
    const resumed = await runCli(['run', same.file, '--db', first.db, '--resume', '--quiet']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const other = variant('s5.json', (s) => Object.assign(s, { name: 'held-out-seed', task: { ...s.task, testSeed: 5 } }));
    const refused = await runCli(['run', other.file, '--db', first.db, '--resume']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('cannot be resumed with a different definition: task.testSeed changed from 0 to 5');
  }, 60_000);
});
