import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/run-cli.js';
import { trialsOf } from '../helpers/trials-of.js';

const STUDY = 'studies/tpe-breast-cancer.json';

describe('a TPE study through the built CLI', () => {
  it('plans, and runs to the same trials and values on 1 and 2 threads and across an interruption', async () => {
    const plan = await runCli(['plan', STUDY]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('study "tpe-breast-cancer": tpe (the first 13 trials random, then the model once 10 have a value; 4 at a time at most)');
    expect(plan.stdout).toMatch(/total: 800 epochs/);

    const db = path.join(tempDir(), 'tpe.db');
    for (const [name, threads] of [['one', '1'], ['two', '2']]) {
      const res = await runCli(['run', STUDY, '--db', db, '--name', name!, '--threads', threads!, '--quiet']);
      expect(res.code, res.stderr).toBe(0);
    }
    // Stopped after 17 trials (past the 13 random ones), then resumed.
    const capped = await runCli(['run', STUDY, '--db', db, '--name', 'cut', '--max-trials', '17', '--quiet']);
    expect(capped.code, capped.stderr).toBe(0);
    expect(await trialsOf('cut', db)).toHaveLength(17);
    const resumed = await runCli(['run', STUDY, '--db', db, '--name', 'cut', '--resume', '--quiet']);
    expect(resumed.code, resumed.stderr).toBe(0);

    // More threads than maxConcurrent: the run says that some will idle; 2 threads (above, 4 allowed) do not.
    const wide = await runCli(['run', STUDY, '--db', db, '--name', 'wide', '--threads', '5', '--max-trials', '1']);
    expect(wide.stdout).toContain('note: the strategy runs at most 4 trials at once (its maxConcurrent): 1 of 5 threads will idle from trial 13 on, where trial n waits for trials 0 … n − 4');
    const narrow = await runCli(['run', STUDY, '--db', db, '--name', 'narrow', '--threads', '2', '--max-trials', '1']);
    expect(narrow.stdout).not.toContain('note:');

    const one = await trialsOf('one', db);
    expect(one).toHaveLength(40);
    expect(one.filter((t) => t.state === 'complete').length).toBeGreaterThan(30);
    expect(await trialsOf('two', db)).toEqual(one);
    expect(await trialsOf('cut', db)).toEqual(one);

    // A study of 25 trials resumed with the file's 40 goes on to the same 40 (Optuna: study.optimize again).
    const short = path.join(tempDir(), 'tpe-25.json');
    fs.writeFileSync(short, fs.readFileSync(STUDY, 'utf8').replace('"trials": 40', '"trials": 25'));
    const first = await runCli(['run', short, '--db', db, '--name', 'grown', '--quiet']);
    expect(first.code, first.stderr).toBe(0);
    expect(await trialsOf('grown', db)).toHaveLength(25);
    const grown = await runCli(['run', path.resolve(STUDY), '--db', db, '--name', 'grown', '--resume']);
    expect(grown.code, grown.stderr).toBe(0);
    expect(grown.stdout).toContain('study "grown" (resumed, strategy.trials 25 → 40) on');
    expect(await trialsOf('grown', db)).toEqual(one);
  }, 120_000);

  it('runs ASHA with the TPE sampler on the worker pool, and show names the sampler', async () => {
    const db = path.join(tempDir(), 'asha-tpe.db');
    const res = await runCli(['run', 'test/fixtures/asha-tpe-iris.json', '--db', db, '--threads', '2', '--quiet']);
    expect(res.code, res.stderr).toBe(0);
    const trials = await trialsOf('asha-tpe-iris', db);
    expect(trials).toHaveLength(30);
    expect(trials.some((t) => t.state === 'complete')).toBe(true);
    const show = await runCli(['show', 'asha-tpe-iris', '--db', db]);
    expect(show.stdout).toContain('study "asha-tpe-iris": asha, TPE sampler, minimize val_loss, seed 8');
  }, 60_000);
});
