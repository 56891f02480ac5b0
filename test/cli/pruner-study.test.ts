import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../../src/study/study-store.js';
import { listed } from '../helpers/listed-trials.js';
import { runCli, tempDir } from '../helpers/run-cli.js';

describe('pruners on random search through the built CLI (SQLite, worker threads)', () => {
  it('the percentile pruner stops the same trials at the same epochs on 1 and 2 threads and across --max-trials then --resume', async () => {
    const study = 'test/fixtures/random-percentile-breast-cancer.json';
    const plan = await runCli(['plan', study]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('study "random-percentile-breast-cancer": random with the 40th-percentile pruner (after 4 complete trials, from step 3) (3 at a time at most)');
    expect(plan.stdout).toContain('total: 600 epochs\nthe pruner stops some trials early: the total is the most it can cost');

    const db = path.join(tempDir(), 'percentile.db');
    for (const [name, threads] of [['one', '1'], ['two', '2']] as const) {
      const res = await runCli(['run', study, '--db', db, '--name', name, '--threads', threads, '--quiet']);
      expect(res.code, res.stderr).toBe(0);
    }
    const capped = await runCli(['run', study, '--db', db, '--name', 'cut', '--max-trials', '12', '--threads', '2', '--quiet']);
    expect(capped.code, capped.stderr).toBe(0);
    const resumed = await runCli(['run', study, '--db', db, '--name', 'cut', '--resume', '--threads', '2', '--quiet']);
    expect(resumed.code, resumed.stderr).toBe(0);

    const one = await listed('one', db);
    expect(one).toHaveLength(30);
    expect(await listed('two', db)).toEqual(one);
    expect(await listed('cut', db)).toEqual(one);
    const pruned = one.filter((t) => t.state === 'pruned');
    expect(pruned.length).toBeGreaterThan(5);
    for (const t of pruned) {
      // Compared from trial 6 on (its history, 0..3, holds startupTrials 4), from epoch 3, never at the last.
      expect(t.number).toBeGreaterThanOrEqual(6);
      expect(t.budget).toBeGreaterThanOrEqual(3);
      expect(t.budget).toBeLessThan(20);
      expect(t.epochsTrained).toBe(t.budget);
    }
    const show = await runCli(['show', 'one', '--db', db]);
    expect(show.stdout).toMatch(new RegExp(`\\s${one.length - pruned.length} \\+${pruned.length} stopped\\s`));

    // More threads than maxConcurrent: the note says from which trial (the first whose history holds startupTrials 4), not TPE's "random startup".
    const wide = await runCli(['run', study, '--db', db, '--name', 'wide', '--threads', '4', '--max-trials', '1']);
    expect(wide.stdout).toContain('note: the strategy runs at most 3 trials at once (its maxConcurrent): 1 of 4 threads will idle from trial 6 on, where trial n waits for trials 0 … n − 3\n');
  }, 180_000);

  it('the patience pruner (studies/random-early-stopping.json) stops a trial where its stored curve has got worse for patience + 1 epochs, and nowhere earlier', async () => {
    const db = path.join(tempDir(), 'patience.db');
    const res = await runCli(['run', 'studies/random-early-stopping.json', '--db', db, '--threads', '2', '--quiet']);
    expect(res.code, res.stderr).toBe(0);
    const store = openStorage(db);
    try {
      const trials = await store.trials('random-early-stopping');
      expect(trials).toHaveLength(30);
      const patience = 3;
      /** Optuna's PatientPruner condition after the first k values of a curve (minDelta 0). */
      const worse = (values: number[], k: number) => k > patience + 1 && Math.min(...values.slice(0, k - patience - 1)) < Math.min(...values.slice(k - patience - 1, k));
      let stopped = 0;
      for (const t of trials) {
        const values = (await store.storage.getCurve(t.id)).map((p) => p.value);
        expect(values).toHaveLength(t.budget);
        const first = values.findIndex((_, i) => worse(values, i + 1));
        if (t.state === 'pruned') {
          stopped++;
          expect(first + 1).toBe(t.budget);
          expect(t.budget).toBeLessThan(40);
        } else {
          expect(t.state).toBe('complete');
          // Never stopped before the last epoch (at the last one, the trial is complete whatever the rule says).
          expect(first === -1 || first + 1 === 40).toBe(true);
        }
      }
      expect(stopped).toBeGreaterThan(5);
    } finally {
      await store.close();
    }
    // The report's header names the pruner, as show does (it said "random").
    const out = path.join(tempDir(), 'report.html');
    const report = await runCli(['report', 'random-early-stopping', '--db', db, '--out', out]);
    expect(report.code, report.stderr).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('<dt>strategy</dt><dd>random with the patience pruner (stops after 4 steps without improvement)</dd>');
  }, 120_000);

  it('grid search with the patience pruner: the same cells stopped on 1 and 2 threads, and show gives its rung table the stopped count', async () => {
    const db = path.join(tempDir(), 'grid.db');
    for (const [name, threads] of [['one', '1'], ['two', '2']] as const) {
      const res = await runCli(['run', 'test/fixtures/grid-patience.json', '--db', db, '--name', name, '--threads', threads, '--quiet']);
      expect(res.code, res.stderr).toBe(0);
    }
    const one = await listed('one', db);
    expect(one).toHaveLength(12);
    expect(await listed('two', db)).toEqual(one);
    const pruned = one.filter((t) => t.state === 'pruned').length;
    expect(pruned).toBeGreaterThan(0);
    const show = await runCli(['show', 'one', '--db', db]);
    expect(show.stdout).toContain('grid with the patience pruner (stops after 2 steps without improvement)');
    expect(show.stdout).toMatch(new RegExp(`rungs:[\\s\\S]*\\s${12 - pruned} \\+${pruned} stopped\\s`));
  }, 120_000);
});
