import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listed } from '../helpers/listed-trials.js';
import { runCli, tempDir } from '../helpers/run-cli.js';

const STUDY = 'test/fixtures/tpe-median-breast-cancer.json';
const NAME = 'tpe-median-breast-cancer';

describe('a TPE study with the median pruner through the built CLI (SQLite, worker threads)', () => {
  it('prunes the same trials at the same epochs on 1 and 2 threads and across --max-trials then --resume, and counts the epochs it saved', async () => {
    const plan = await runCli(['plan', STUDY]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(`study "${NAME}": tpe (the first 13 trials random, then the model once 10 have a value; 4 at a time at most) with the median pruner (after 5 complete trials, from step 1)`);
    expect(plan.stdout).toContain('total: 800 epochs\nthe pruner stops some trials early: the total is the most it can cost');

    const db = path.join(tempDir(), 'tpe-median.db');
    const runs: Record<string, string> = {};
    for (const [name, threads] of [['one', '1'], ['two', '2']] as const) {
      const res = await runCli(['run', STUDY, '--db', db, '--name', name, '--threads', threads]);
      expect(res.code, res.stderr).toBe(0);
      runs[name] = res.stdout;
    }
    // Stopped after 17 trials (past the pruner's startup: trial 8 on is compared with its history), then resumed.
    const capped = await runCli(['run', STUDY, '--db', db, '--name', 'cut', '--max-trials', '17', '--threads', '2', '--quiet']);
    expect(capped.code, capped.stderr).toBe(0);
    expect(await listed('cut', db)).toHaveLength(17);
    const resumed = await runCli(['run', STUDY, '--db', db, '--name', 'cut', '--resume', '--threads', '2', '--quiet']);
    expect(resumed.code, resumed.stderr).toBe(0);

    const one = await listed('one', db);
    expect(one).toHaveLength(40);
    expect(await listed('two', db)).toEqual(one);
    expect(await listed('cut', db)).toEqual(one);

    // Pruned trials stopped below the full 20 epochs, trained just that far, and kept the value where they stopped.
    const pruned = one.filter((t) => t.state === 'pruned');
    expect(pruned.length).toBeGreaterThan(5);
    for (const t of pruned) {
      expect(t.budget).toBeLessThan(20);
      expect(t.budget).toBeGreaterThanOrEqual(1);
      expect(t.epochsTrained).toBe(t.budget);
      expect(t.value).not.toBeNull();
      // Nothing is compared with its history before 5 of those trials are complete: trials 0..7 cannot be pruned.
      expect(t.number).toBeGreaterThanOrEqual(8);
    }
    for (const t of one.filter((x) => x.state === 'complete')) expect([t.budget, t.epochsTrained]).toEqual([20, 20]);
    const epochs = one.reduce((s, t) => s + t.epochsTrained, 0);
    expect(epochs).toBeLessThan(800);
    expect(runs.one).toContain(`${one.filter((t) => t.state === 'complete').length} complete, ${pruned.length} pruned, 0 failed; ${epochs} epochs trained`);
    const show = await runCli(['show', 'one', '--db', db]);
    expect(show.stdout).toContain('with the median pruner (after 5 complete trials, from step 1), minimize val_loss, seed 11');
    expect(show.stdout).toContain(`${pruned.length} pruned, 0 failed); ${epochs} epochs trained`);
    // The rung table counts the trials the pruner stopped on their way to the budget, beside those that reached it.
    expect(show.stdout).toMatch(new RegExp(`\\s${one.length - pruned.length} \\+${pruned.length} stopped\\s`));
  }, 180_000);
});
