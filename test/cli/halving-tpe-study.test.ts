import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listed } from '../helpers/listed-trials.js';
import { runCli, tempDir } from '../helpers/run-cli.js';
import { trialParams } from '../../src/search/sample-params.js';

/** Runs `study` as "one" (1 thread), "two" (2 threads) and "cut" (stopped after `cutAt` trials, then resumed): the same trials each time. */
async function expectSameTrials(study: string, db: string, cutAt: number) {
  for (const [name, threads] of [['one', '1'], ['two', '2']] as const) {
    const res = await runCli(['run', study, '--db', db, '--name', name, '--threads', threads, '--quiet']);
    expect(res.code, res.stderr).toBe(0);
  }
  const one = await listed('one', db);
  expect(await listed('two', db)).toEqual(one);
  const cut = await runCli(['run', study, '--db', db, '--name', 'cut', '--max-trials', String(cutAt), '--threads', '2', '--quiet']);
  // Stopped before any trial reached the top rung: exit code 1 (no complete trial), by design.
  expect(cut.code, cut.stderr).toBe(1);
  expect(cut.stdout).toContain('stopped (trial cap reached)');
  expect(await listed('cut', db)).toHaveLength(cutAt);
  const resumed = await runCli(['run', study, '--db', db, '--name', 'cut', '--resume', '--threads', '2', '--quiet']);
  expect(resumed.code, resumed.stderr).toBe(0);
  expect(await listed('cut', db)).toEqual(one);
  return one;
}

describe('successive halving and Hyperband with the TPE sampler through the built CLI', () => {
  it('successive halving: plan names the sampler; the same trials and values on 1 and 2 threads and across --max-trials + --resume', async () => {
    const study = 'test/fixtures/sha-tpe-iris.json';
    const plan = await runCli(['plan', study]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(
      'study "sha-tpe-iris": successive-halving, TPE sampler (the first 8 candidates random, then TPE over the first-rung values of trials 0 … n − 4 once 5 have one; from candidate 8 on, 4 new candidates on their first rung at a time at most, promotions not held back)',
    );
    const db = path.join(tempDir(), 'sha-tpe.db');
    const one = await expectSameTrials(study, db, 14);
    expect(one).toHaveLength(27);
    expect(one.filter((t) => t.budget === 9)).toHaveLength(3);
    // Past the random ones, TPE draws (not the random sampler's trial n).
    const space = { lr: { type: 'float', low: 0.0001, high: 1, log: true }, hiddenUnits: { type: 'int', low: 2, high: 32, log: true }, beta1: { type: 'float', low: 0.5, high: 0.99 } } as const;
    const tpeDrawn = one.filter((t) => JSON.stringify(t.params) !== JSON.stringify(trialParams(space, 6, t.number)));
    expect(tpeDrawn.length).toBeGreaterThan(10);
    expect(Math.min(...tpeDrawn.map((t) => t.number))).toBeGreaterThanOrEqual(8);
  }, 120_000);

  it('Hyperband: the same trials and values on 1 and 2 threads and across --max-trials + --resume; show names the sampler', async () => {
    const study = 'test/fixtures/hyperband-tpe-iris.json';
    const db = path.join(tempDir(), 'hyperband-tpe.db');
    const one = await expectSameTrials(study, db, 7);
    expect(one).toHaveLength(17);
    const show = await runCli(['show', 'one', '--db', db]);
    expect(show.stdout).toContain('study "one": hyperband, TPE sampler (the first 5 candidates random');
  }, 120_000);
});
