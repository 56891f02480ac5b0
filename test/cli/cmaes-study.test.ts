import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectReproducibleStudy } from '../helpers/reproducible-study.js';
import { runCli, tempDir } from '../helpers/run-cli.js';

const STUDY = 'test/fixtures/cmaes-small.json';
const MORE = 'test/fixtures/cmaes-small-32.json';

describe('a CMA-ES study through the built CLI (SQLite, worker threads)', () => {
  it('gives the same trials on 1 and 2 threads, across --max-trials then --resume, and with trials raised on --resume', async () => {
    // A study that fits in one generation is noted: CMA-ES would never learn.
    const small = path.join(tempDir(), 'one-generation.json');
    fs.writeFileSync(small, JSON.stringify({ ...JSON.parse(fs.readFileSync(STUDY, 'utf8')), strategy: { type: 'cmaes', trials: 8 } }));
    const note = await runCli(['plan', small]);
    expect(note.code, note.stderr).toBe(0);
    expect(note.stdout).toContain('note: strategy.trials (8) is at most a CMA-ES generation (popsize 8): a generation learns only from those before it');

    const plan = await runCli(['plan', STUDY]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('study "cmaes-adam": cmaes (generations of 8 trials over beta1, beta2, hiddenUnits, lr, weightDecay)');

    const db = path.join(tempDir(), 'cmaes.db');
    // Cut in the middle of generation 1 (trial 11), then resumed; 24 trials raised to 32 on --resume.
    const { one, grown } = await expectReproducibleStudy(STUDY, MORE, db, { trials: 24, cutAt: 11, raisedTo: 32 });

    // Generation 0 is drawn around the middle of the box: learning rates near √(1e-4 · 0.3) ≈ 0.0055 (σ0 1/6 of the log range).
    const lrs = one.slice(0, 8).map((t) => Math.log10(t.params.lr as number));
    for (const l of lrs) expect(Math.abs(l - Math.log10(Math.sqrt(1e-4 * 0.3)))).toBeLessThan(2);
    // And later generations do better than the first, on the median.
    const med = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
    expect(med(grown.slice(24, 32).map((t) => t.value!))).toBeLessThan(med(grown.slice(0, 8).map((t) => t.value!)));

    // More threads than a generation: the note names popsize, CMA-ES's option (it has no maxConcurrent).
    const wide = await runCli(['run', STUDY, '--db', db, '--name', 'wide', '--threads', '9', '--max-trials', '1']);
    expect(wide.code, wide.stderr).toBe(0);
    expect(wide.stdout).toContain('note: the strategy runs at most 8 trials at once (its popsize): 1 of 9 threads will idle once under way\n');

    // The report's header says what CMA-ES searches, as plan and show do.
    const out = path.join(tempDir(), 'report.html');
    const report = await runCli(['report', 'one', '--db', db, '--out', out]);
    expect(report.code, report.stderr).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('<dt>strategy</dt><dd>cmaes (generations of 8 trials over beta1, beta2, hiddenUnits, lr, weightDecay)</dd>');

    const show = await runCli(['show', 'one', '--db', db]);
    expect(show.stdout).toContain('cmaes (generations of 8 trials over beta1, beta2, hiddenUnits, lr, weightDecay), minimize val_loss, seed 3');
  }, 180_000);
});
