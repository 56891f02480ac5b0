import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectReproducibleStudy } from '../helpers/reproducible-study.js';
import { runCli, tempDir } from '../helpers/run-cli.js';

const STUDY = 'test/fixtures/gp-small.json';
const MORE = 'test/fixtures/gp-small-26.json';

describe('a GP study through the built CLI (SQLite, worker threads)', () => {
  it('gives the same trials on 1 and 2 threads, across --max-trials then --resume, and with trials raised on --resume', async () => {
    const plan = await runCli(['plan', STUDY]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(
      'study "gp-bc": gp (the first 7 trials random, then a Gaussian process over batchSize, hiddenUnits, lr, optimizer, weightDecay once 6 are complete; 2 at a time at most)',
    );

    const db = path.join(tempDir(), 'gp.db');
    // Cut after 11 trials (some model-based), then resumed; 20 trials raised to 26 on --resume.
    await expectReproducibleStudy(STUDY, MORE, db, { trials: 20, cutAt: 11, raisedTo: 26 });

    // More threads than maxConcurrent: the note says so, with the GP's reason.
    const wide = await runCli(['run', STUDY, '--db', db, '--name', 'wide', '--threads', '3', '--max-trials', '1']);
    expect(wide.code, wide.stderr).toBe(0);
    expect(wide.stdout).toContain('note: the strategy runs at most 2 trials at once');

    const show = await runCli(['show', 'one', '--db', db]);
    expect(show.stdout).toContain('gp (the first 7 trials random, then a Gaussian process over batchSize, hiddenUnits, lr, optimizer, weightDecay once 6 are complete; 2 at a time at most), minimize val_loss, seed 5');
    const out = path.join(tempDir(), 'report.html');
    const report = await runCli(['report', 'one', '--db', db, '--out', out]);
    expect(report.code, report.stderr).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('<dt>strategy</dt><dd>gp (the first 7 trials random');
  }, 180_000);

  it('refuses a bad gp option by name, exit 2, nothing stored', async () => {
    const dir = tempDir();
    const bad = path.join(dir, 'bad.json');
    const study = JSON.parse(fs.readFileSync(STUDY, 'utf8'));
    fs.writeFileSync(bad, JSON.stringify({ ...study, strategy: { type: 'gp', trials: 20, deterministicObjective: 1, maxConcurrent: 0 } }));
    const db = path.join(dir, 'bad.db');
    const res = await runCli(['run', bad, '--db', db]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('strategy.maxConcurrent must be an integer >= 1 (got 0)');
    expect(res.stderr).toContain('strategy.deterministicObjective must be true or false (got 1)');
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(db)).toBe(false);
  });
});
