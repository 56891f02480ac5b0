import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/run-cli.js';

const exec = promisify(execFile);
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

describe('examples/ run as documented', () => {
  const db = path.join(tempDir(), 'examples.db');

  it('tunes the TypeScript objective with successive halving from the CLI, promoted trials continuing from their checkpoint', async () => {
    const res = await runCli(['run', 'examples/line-fit-sha.json', '--db', db, '--json']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const events = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const starts = events.filter((e) => e.type === 'start');
    // 9 candidates at 2 epochs, 3 promoted to 6, 1 to 18; promotions start from the previous rung.
    expect(starts).toHaveLength(13);
    expect(starts.filter((e) => e.fromBudget === 2 && e.budget === 6)).toHaveLength(3);
    expect(starts.filter((e) => e.fromBudget === 6 && e.budget === 18)).toHaveLength(1);
    const summary = events.at(-1);
    expect(summary.type).toBe('summary');
    expect(summary.epochsTrained).toBe(9 * 2 + 3 * 4 + 1 * 12);
    expect(summary.best.value).toBeLessThan(0.05);
    // The learning curve continues across rungs: steps 1..18 for the winner.
    const trials = JSON.parse((await runCli(['trials', 'line-fit-sha', '--db', db, '--json', '--state', 'complete'])).stdout);
    expect(trials).toHaveLength(1);
    expect(trials[0].budget).toBe(18);
    // It returns { mse, slope, intercept }: the value is mse, and the line it found is stored beside it (y = 3x − 1).
    expect(trials[0].metrics.mse).toBe(trials[0].value);
    expect(Math.abs(trials[0].metrics.slope - 3)).toBeLessThan(0.2);
    expect(Math.abs(trials[0].metrics.intercept + 1)).toBeLessThan(0.2);
    const csv = (await runCli(['export', 'line-fit-sha', '--db', db, '--format', 'csv'])).stdout.split('\n');
    expect(csv[0]).toMatch(/,metric_intercept,metric_mse,metric_slope,|metric_intercept.*metric_mse.*metric_slope/);
  }, 60_000);

  it('runs the TypeScript objective copied into a folder without a "type": "module" package.json (loaded as CommonJS)', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'objectives'));
    fs.copyFileSync(path.join(ROOT, 'examples/objectives/line-fit.ts'), path.join(dir, 'objectives/line-fit.ts'));
    const study = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/line-fit-sha.json'), 'utf8'));
    delete study.$schema;
    fs.writeFileSync(path.join(dir, 'study.json'), JSON.stringify(study));
    const res = await runCli(['run', 'study.json', '--db', 'copy.db', '--quiet'], { cwd: dir });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/finished .*1 complete, 8 pruned, 0 failed/);
  }, 60_000);

  it('runs the JavaScript objective with random search', async () => {
    const res = await runCli(['run', 'examples/branin-random.json', '--db', db, '--quiet']);
    expect(res.code).toBe(0);
    const best = JSON.parse((await runCli(['best', 'branin-random', '--db', db, '--json'])).stdout);
    // Branin's minimum is 0.3979; 200 random points get within 0.5 of it.
    expect(best[0].value).toBeGreaterThan(0.3978);
    expect(best[0].value).toBeLessThan(0.9);
  }, 60_000);

  it('runs the inline-objective API example', async () => {
    const { stdout } = await exec(TSX, ['examples/api-inline.ts', db], { cwd: ROOT });
    const out = JSON.parse(stdout);
    expect(out.trials).toBe(30);
    expect(Object.keys(out.best).sort()).toEqual(['activation', 'layers', 'lr']);
    // TPE finds the bowl's floor: 2 layers and tanh, lr within a factor of 3 of 0.01 (it gave 0.024).
    expect(out.best).toMatchObject({ layers: 2, activation: 'tanh' });
    expect(out.value).toBeLessThan(0.25);
  }, 60_000);

  it('runs the PBT example: the best lineage starts at epoch 0, ends at 40, and lowers the learning rate', async () => {
    const { stdout } = await exec(TSX, ['examples/pbt-schedule.ts', db], { cwd: ROOT });
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(out.from[0]).toBe(0);
    expect(out.lr.length).toBeGreaterThan(1);
    expect(out.lr.at(-1)).toBeLessThan(out.lr[0]);
    // Below the best constant learning rate's mean final loss on the problem (about 0.02 at lr 0.1).
    expect(out.best).toBeLessThan(0.02);
  }, 60_000);

  it('runs the ask/tell example with successive halving', async () => {
    const { stdout } = await exec(TSX, ['examples/ask-tell.ts', db], { cwd: ROOT });
    const out = JSON.parse(stdout);
    expect(out.jobs).toBe(9 + 3 + 1);
    expect(out.budget).toBe(9);
  }, 60_000);
});
